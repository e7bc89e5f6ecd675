"""Advice for the people it is written for: spread over the points, fitted to their trade, facts sourced.

The personas mirror the checks of issue 12: every role gets steps under each point that applies to it,
an interpreter gets interpreting advice, a post-editing translator gets pricing advice, a metro driver gets
multi-app or tariff advice and steps under points 1 and 2, a person with one task is never told to bring
AI to another, and every item naming a regulation, programme or certificate carries its sources.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment, assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Condition, Text
from aiexposure.render.json import render_json
from aiexposure.render.markdown import render_markdown

PACK = load_pack(default_rules_dir())
SHIPPED = Path(__file__).resolve().parents[1] / "rules"

# What a reader may act on and should be able to check: regulations, programmes, certificates, figures.
NAMED = re.compile(
    r"\b(?:PM|KP|UU|PP|Perpres|Perpol|Permen[a-z]*)\s+\d|\bBPJS\b|\bBLK\b|Prakerja|\bHPI\b|\bTSN\b|\bBNSP\b|"
    r"\bISO\s*\d|\bSIM [AB]\w* Umum|\bSIO\b|Digital Talent|\d\s?%|\bRp\s?\d"
)
# Items that suggest AI for one task, and the tasks they are about.
AI_FOR_TASK = {
    "writer_outline_templates": {"outline"},
    "writer_interview_transcripts": {"research"},
    "writer_ai_proofread": {"editing"},
    "designer_palette_layout": {"palette", "layout"},
    "designer_resize_tools": {"variants"},
    "designer_mockups": {"layout"},
    "translator_mtpe_trial": {"documents"},
    "translator_event_glossary": {"interpreting"},
    "translator_glossary": {"terminology", "post_editing"},
    "video_text_editing": {"assembly"},
    "video_audio_cleanup": {"finishing"},
    "web_ai_debugging": {"fixing"},
    "web_ai_tests": {"testing"},
    "web_ai_pairing": {"coding", "fixing"},
    "social_ai_ideas": {"calendar"},
    "social_ai_patterns": {"insights"},
    "social_reply_bank": {"community"},
    "social_plan_and_review": {"captions"},
    "va_ai_paperwork": {"paperwork"},
    "va_ai_lookups": {"lookups"},
    "data_ai_cleaning": {"checking"},
    "data_ai_formulas": {"bookkeeping"},
}
FREELANCE_ROLES = [r for r, role in PACK.roles.items() if role.family == "freelancer"]
FREELANCE_ANSWERS = {
    "ai_use": ["never", "tried", "weekly", "daily"],
    "clients": ["individuals", "small_business", "agencies", "enterprise"],
    "output": ["standard", "mixed", "bespoke"],
    "lost_work": ["no", "some", "much"],
    "role_focus": ["executor", "curator"],
}


def run(role: str, tasks: dict[str, Any] | None = None, /, **answers: str) -> Assessment:
    return assess(PACK, resolve(PACK, role, tasks, answers), full=False)


def spread(result: Assessment) -> dict[int, int]:
    return dict(sorted(Counter(a.point for a in result.advice).items()))


def ids(result: Assessment) -> set[str]:
    return {a.id for a in result.advice}


def grid(values: dict[str, list[str]]) -> list[dict[str, str]]:
    return [dict(zip(values, combo, strict=True)) for combo in itertools.product(*values.values())]


def named_roles(cond: Condition) -> set[str]:
    """The roles a condition names outright (`role:` at its top or in its top `all`)."""
    parts = [cond, *(cond.all or [])]
    return {role for part in parts for role in (part.role or [])}


def points_of(family: str) -> set[int]:
    """The points a family is asked about: those it has questions under."""
    return {q.point for q in PACK.questions.values() if family in q.families}


# ---------------------------------------------------------------- coverage and spread


def test_every_role_has_two_own_items_for_each_point_of_its_family() -> None:
    assert points_of("freelancer") == {1, 2, 3} and points_of("gig") == {1, 2, 3, 4}
    for role_id, role in PACK.roles.items():
        own = Counter(a.point for a in PACK.advice if role_id in named_roles(a.when))
        assert min(own[p] for p in points_of(role.family)) >= 2, (role_id, own)


def test_a_typical_person_of_every_role_sees_steps_under_several_points() -> None:
    # the role's typical mix and every default answer; counts of items per point
    assert {role: spread(run(role)) for role in PACK.roles} == {
        "writer": {1: 3, 2: 3, 3: 2},
        "designer": {1: 3, 2: 3, 3: 2},
        "translator": {1: 3, 2: 2, 3: 3},
        "video_editor": {1: 3, 2: 3, 3: 2},
        "web_developer": {1: 3, 2: 2, 3: 3},
        "social_media": {1: 3, 2: 2, 3: 3},
        "virtual_assistant": {1: 2, 2: 3, 3: 3},
        "data_entry": {1: 3, 2: 2, 3: 3},
        "driver": {1: 1, 2: 3, 3: 2, 4: 2},
        "courier": {1: 1, 2: 2, 3: 2, 4: 3},
    }


@pytest.mark.parametrize("role", FREELANCE_ROLES)
def test_every_freelancer_sees_steps_under_two_points_or_more(role: str) -> None:
    for answers in grid({**FREELANCE_ANSWERS, "upskill": ["none", "both"], "ai_direction": ["no", "yes"]}):
        result = run(role, **answers)
        assert len(spread(result)) >= 2, (answers, ids(result))


@pytest.mark.parametrize("role", ["driver", "courier"])
def test_every_gig_worker_sees_steps_under_two_points_or_more(role: str) -> None:
    answers_grid = {
        "city": ["metro", "city", "town"],
        "vehicle": ["motorbike", "car"],
        "dispatch": ["app", "direct"],
        "alt_skills": ["none", "ready"],
        "ai_use": ["never", "daily"],
        "lost_work": ["no", "much"],
        "platform_pay": ["better", "worse"],
        "income_share": ["all", "some"],
    }
    for answers in grid(answers_grid):
        result = run(role, **answers)
        assert len(spread(result)) >= 2, (answers, ids(result))
        assert max(spread(result).values()) <= 5, (answers, ids(result))


# ---------------------------------------------------------------- fitted to the trade


@pytest.mark.parametrize(
    "mix",
    [{"interpreting": 60, "documents": 20, "terminology": 20}, {"interpreting": 30, "documents": 40, "specialist": 30}],
)
def test_an_interpreter_gets_interpreting_advice(mix: dict[str, Any]) -> None:
    interpreting = {"translator_interpreting_value", "translator_event_glossary", "translator_remote_interpreting"}
    for answers in grid(FREELANCE_ANSWERS):
        result = run("translator", mix, **answers)
        assert ids(result) & interpreting, (answers, ids(result))
    # someone who interprets most of the time reads why a person is still hired, before anything else of point 2
    shown = run("translator", mix, lost_work="much", output="standard", clients="small_business").advice
    assert mix["interpreting"] < 50 or "translator_interpreting_value" in [a.id for a in shown]


@pytest.mark.parametrize(
    ("mix", "extra"),
    [
        ({"post_editing": 60, "documents": 40}, {}),
        ({"post_editing": 20, "documents": 50, "localization": 30}, {}),
        ({"documents": 70, "specialist": 30, "post_editing": 0}, {"ai_tasks": "post_editing,documents"}),
    ],
)
def test_a_post_editing_translator_gets_pricing_advice(mix: dict[str, Any], extra: dict[str, str]) -> None:
    for answers in grid(FREELANCE_ANSWERS):
        result = run("translator", mix, **answers, **extra)
        assert "translator_mtpe_pricing" in ids(result), (answers, ids(result))
    pricing = next(a for a in PACK.advice if a.id == "translator_mtpe_pricing")
    # both levels are named as their own service, in both languages
    assert "Light post-editing" in pricing.text.en and "Full post-editing" in pricing.text.en
    assert "Post-editing ringan" in pricing.text.id and "Post-editing penuh" in pricing.text.id
    assert pricing.sources == ["iso18587"]


def test_a_metro_driver_gets_multi_app_or_tariff_advice_and_steps_under_points_1_and_2() -> None:
    answers_grid = {
        "vehicle": ["motorbike", "car", "van"],
        "dispatch": ["app", "mixed", "direct"],
        "alt_skills": ["none", "learning", "ready"],
        "ai_use": ["never", "daily"],
        "lost_work": ["no", "much"],
        "platform_pay": ["same", "worse"],
    }
    for mix in (None, {"rides": 60, "food": 30, "navigation": 10}, {"food": 70, "rides": 30}):
        for answers in grid(answers_grid):
            result = run("driver", mix, city="metro", **answers)
            assert ids(result) & {"driver_multi_app", "gig_tariff_log"}, (mix, answers)
            assert {1, 2} <= set(spread(result)), (mix, answers, ids(result))


def test_a_motorbike_driver_on_the_apps_reads_the_fee_cap_a_car_driver_the_off_app_caveat() -> None:
    motorbike = run("driver", city="metro", vehicle="motorbike", dispatch="mixed", alt_skills="ready")
    car = run("driver", city="metro", vehicle="car", dispatch="mixed", alt_skills="ready")
    assert "driver_fee_cap" in ids(motorbike) and "driver_off_app_car" not in ids(motorbike)
    assert "driver_off_app_car" in ids(car) and "driver_fee_cap" not in ids(car)
    # a paid off-app ride in a private car is never suggested without the rule it may break
    for item in PACK.advice:
        if "driver" in named_roles(item.when) and "WhatsApp" in item.text.en and "fixed" in item.text.en:
            assert item.id == "driver_regulars_motor" or "PM 118/2018" in item.text.en, item.id


@pytest.mark.parametrize("role", FREELANCE_ROLES)
def test_a_single_task_person_is_never_told_to_add_ai_to_a_second_task(role: str) -> None:
    for task in PACK.roles[role].tasks:
        for ai_use in ("never", "tried", "weekly", "daily"):
            result = run(role, {task: 1}, ai_use=ai_use, ai_tasks=task if ai_use in ("weekly", "daily") else "")
            assert "fl_ai_second_task" not in ids(result), (task, ai_use)
            for item in result.advice:
                assert task in AI_FOR_TASK.get(item.id, {task}), (task, ai_use, item.id)


def test_a_second_task_is_suggested_only_when_the_mix_has_one() -> None:
    two = run("writer", {"drafting": 70, "editing": 30}, ai_use="daily", ai_tasks="drafting", clients="enterprise")
    assert "fl_ai_second_task" in ids(two)
    both = run("writer", {"drafting": 70, "editing": 30}, ai_use="daily", ai_tasks="drafting,editing")
    assert "fl_ai_second_task" not in ids(both)


def test_interview_research_is_not_sent_to_seo_keyword_work() -> None:
    # the old step keyed to "original research and interviews" pushed SEO keyword research
    research = [a for a in PACK.advice if any(c.task == "research" for c in (a.when.all or []))]
    assert [a.id for a in research] == ["writer_interview_transcripts"]
    assert all("SEO" not in a.text.en and "keyword" not in a.text.en for a in research)
    mockups = next(a for a in PACK.advice if a.id == "designer_mockups")
    assert [c.task for c in mockups.when.all or [] if c.task] == ["layout"]


# ---------------------------------------------------------------- facts and their sources


def texts() -> list[tuple[str, Text, list[str]]]:
    """Every advice text and FAQ answer of the shipped pack, with its sources."""
    out = [(a.id, a.text, a.sources) for a in PACK.advice]
    out += [(f"{f.id}.{n}", ans.text, ans.sources) for f in PACK.faq for n, ans in enumerate(f.answers)]
    return out


def test_every_text_naming_a_regulation_programme_or_certificate_has_sources() -> None:
    named = [(name, sources) for name, text, sources in texts() if NAMED.search(text.en) or NAMED.search(text.id)]
    assert len(named) >= 15
    assert [name for name, sources in named if not sources] == []
    assert {s for _, _, sources in texts() for s in sources} <= set(PACK.sources)


def test_sources_of_advice_are_dated() -> None:
    used = {s for _, _, sources in texts() for s in sources} - {"aiexposure"}  # the pack's own judgement, no date
    undated = [s for s in sorted(used) if not re.search(r"\b(19|20)\d\d\b", PACK.sources[s].citation)]
    assert undated == []


def test_shown_items_carry_their_sources_in_json() -> None:
    people = [
        ("driver", {"city": "metro", "vehicle": "motorbike", "platform_pay": "worse"}),
        ("driver", {"city": "metro", "vehicle": "car", "dispatch": "mixed"}),
        ("driver", {"city": "town", "alt_skills": "none"}),
        ("courier", {"city": "metro", "income_share": "all"}),
        ("courier", {"city": "city", "lost_work": "much"}),
        ("translator", {"human_edge": "accountability"}),
        ("designer", {"ai_use": "daily"}),
        ("writer", {"upskill": "none"}),
    ]
    checked = 0
    for role, answers in people:
        for lang in ("en", "id"):
            data = json.loads(render_json(Report(assess(PACK, resolve(PACK, role, None, answers)), lang)))
            for item in data["advice"]:
                assert set(item) == {"id", "point", "priority", "text", "sources"}
                assert set(item["sources"]) <= set(PACK.sources)
                if NAMED.search(item["text"]):
                    assert item["sources"], (role, lang, item["id"])
                    checked += 1
    assert checked >= 20


def test_markdown_names_the_sources_after_an_item() -> None:
    text = render_markdown(Report(assess(PACK, resolve(PACK, "driver", None, {})), "en"))
    assert (
        "take the numbers to your driver community. _(KP 1001/2022; DPR hearing, May 2025)_" in text
    )  # the fee cap, with its two sources' short names
    # the training item is the default driver's third first step now, and a first step is not said twice below
    assert text.count("Prakerja is another way in if registration is open") == 1
    steps = text[text.index("## Do this first") : text.index("## ", text.index("## Do this first") + 3)]
    assert "3. Pick one skill you could earn from without a vehicle" in steps


def test_prakerja_is_always_if_open_and_beside_another_way_in() -> None:
    for name, text, sources in texts():
        if "Prakerja" in text.en:
            assert "registration is open" in text.en and "pendaftarannya sedang dibuka" in text.id, name
            assert "BLK" in text.en or "Digital Talent" in text.en, name
            assert "prakerja" in sources, name


def test_driverless_and_drone_claims_say_what_indonesia_actually_has() -> None:
    for name, text, sources in texts():
        words = text.en.lower()
        if "driverless" in words or "drone" in words or "robotaxi" in words:
            told = any(said in words for said in ("closed-area", "closed site", "none ran", "abroad", "elsewhere"))
            assert told or "need mapped roads" in words, name
            if "2025" in text.en:
                assert set(sources) & {"indonesia_av", "robotaxi2025", "zipline2024"}, name


def test_faq_answers_end_with_a_step() -> None:
    # the last sentence of every answer tells the person what to do, in both languages
    verbs = re.compile(
        r"^(?:In|On|When|Before|This|The next time|Take|Ask|Offer|Put|Pick|Write|Compare|Move|Keep|Make|Start|"
        r"Register|Di|Saat|Sebelum|Minggu|Bulan|Tanyakan|Tawarkan|Taruh|Pilih|Catat|Bandingkan|Mulai|Lain|Daftar|Ambil)\b"
    )
    for faq in PACK.faq:
        for answer in faq.answers:
            for lang in ("en", "id"):
                last = re.split(r"(?<=\.)\s+", answer.text(lang).strip())[-1]
                assert verbs.match(last), (faq.id, lang, last)


# ---------------------------------------------------------------- rules check


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    return folder


def edit(folder: Path, old: str, new: str, after: str) -> None:
    path = folder / "advice.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1
    at = text.index(old, text.index(after))
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def where(folder: Path, needle: str, after: str) -> str:
    text = (folder / "advice.yaml").read_text(encoding="utf-8")
    at = text.index(needle, text.index(after))
    line = text.count("\n", 0, at) + 1
    return f"{folder}/advice.yaml:{line}:{at - text.rfind(chr(10), 0, at)}"


def load_error(folder: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_pack(folder)
    assert caught.value.exit_code == 2
    return caught.value.message.splitlines()


FEE_CAP = "  - id: driver_fee_cap\n"
FEE_CAP_SOURCES = "    sources: [kp1001_2022, dpr_ojol_2025]\n"
SOURCE_IDS = ", ".join(PACK.sources)


def test_an_unknown_source_is_refused_at_its_line(pack_dir: Path) -> None:
    edit(pack_dir, "dpr_ojol_2025]", "dpr_2025]", after=FEE_CAP)
    assert load_error(pack_dir) == [
        f"the rules pack in '{pack_dir}' has 1 problem:",
        f"{where(pack_dir, 'dpr_2025', FEE_CAP)}: advice.driver_fee_cap.sources.1: unknown source 'dpr_2025'; "
        f"expected one of: {SOURCE_IDS}",
    ]


def test_a_regulation_named_without_sources_is_refused_at_the_text(pack_dir: Path) -> None:
    edit(pack_dir, FEE_CAP_SOURCES, "", after=FEE_CAP)
    en, id_ = where(pack_dir, '"Check the app', FEE_CAP), where(pack_dir, '"Cek potongan', FEE_CAP)
    assert load_error(pack_dir) == [
        f"the rules pack in '{pack_dir}' has 2 problems:",
        f"{en}: advice.driver_fee_cap.text.en: names a regulation "
        "('KP 1001/2022') but has no sources; add sources: [id, ...] naming entries of sources.yaml",
        f"{id_}: advice.driver_fee_cap.text.id: names a regulation "
        "('KP 1001/2022') but has no sources; add sources: [id, ...] naming entries of sources.yaml",
    ]


def test_a_figure_named_without_sources_is_refused(pack_dir: Path) -> None:
    # a new item stating a percentage in one language only, and no sources
    item = "  - id: fl_ai_second_task\n"
    edit(pack_dir, "one kind of task.", "one kind of task, like 40% of freelancers.", after=item)
    en = where(pack_dir, '"Pick a second task', item)
    assert load_error(pack_dir) == [
        f"the rules pack in '{pack_dir}' has 1 problem:",
        f"{en}: advice.fl_ai_second_task.text.en: names a figure ('40%') but has no "
        "sources; add sources: [id, ...] naming entries of sources.yaml",
    ]


def test_a_rupiah_amount_in_a_faq_answer_needs_sources(pack_dir: Path) -> None:
    faq = "  - id: app_pay\n"
    last = "      - text:\n"
    path = pack_dir / "advice.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(last, text.index(faq))
    old = "and look back after a month."
    at = text.index(old, start)
    path.write_text(
        text[:at] + "and look back after a month; Rp10.000 a day adds up." + text[at + len(old) :], encoding="utf-8"
    )
    en = where(pack_dir, '"What you take home', faq)
    assert load_error(pack_dir) == [
        f"the rules pack in '{pack_dir}' has 1 problem:",
        f"{en}: faq.app_pay.answers.3.text.en: names a figure ('Rp10.000') but has "
        "no sources; add sources: [id, ...] naming entries of sources.yaml",
    ]


def _fewer_than_three_moves(role: str) -> Assessment:
    """A person of `role` who took the best move again and again, until fewer than three are left."""
    answers: dict[str, Any] = {}
    result = assess(PACK, resolve(PACK, role, None, answers))
    while len(result.moves) >= 3:
        move = result.moves[0]
        answers[move.question] = list(move.answer) if isinstance(move.answer, tuple) else move.answer
        result = assess(PACK, resolve(PACK, role, None, answers))
    return result


@pytest.mark.parametrize("role", list(PACK.roles))
def test_first_steps_are_filled_with_the_most_pressing_advice_when_moves_run_out(role: str) -> None:
    """Issue 19: default answers always give three moves, so advice never entered the first steps in any test,
    and a hand-made bug that took the lowest-priority advice instead went unnoticed."""
    result = _fewer_than_three_moves(role)
    room = 3 - len(result.moves)
    by_priority = sorted(result.advice, key=lambda item: -item.priority)  # stable: the pack's order among equals
    # the case tells the two ends apart: more advice than room, and the most pressing outranks the least
    assert len(by_priority) > room and by_priority[room - 1].priority > by_priority[-1].priority
    for lang in ("en", "id"):
        report = Report(result, lang)
        steps = report.first_steps()
        assert [(s.text, s.risk_delta) for s in steps] == [
            *((report.move_text(m), m.risk_delta) for m in result.moves),
            *((report.text(item.text), None) for item in by_priority[:room]),
        ]
