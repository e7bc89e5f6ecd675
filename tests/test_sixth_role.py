"""A role added through the rules pack alone: a copy of the shipped pack plus one file, roles/photographer.yaml,
with its own tasks, words, related work, advice and FAQ answer, used by every way in (assess, batch, the quiz,
the template and form guide, the listing, calibrate), with scores checked by hand."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from aiexposure.batch.run import run_batch
from aiexposure.batch.template import template_csv, template_markdown
from aiexposure.model.answers import resolve, role_id_of
from aiexposure.model.calibrate import calibration_data
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.model.scoring import assess
from aiexposure.model.unlisted import nearest_roles
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack
from aiexposure.quiz.prompts import Prompter
from aiexposure.quiz.run import run_quiz
from clirun import run_cli

SIXTH = """\
roles:
  photographer:
    family: freelancer
    label: {en: "Photographer", id: "Fotografer"}
    description:
      en: "You shoot and retouch photos for clients."
      id: "Kamu memotret dan merapikan foto untuk klien."
    words: [fotografer, tukang foto, photographer]
    related: [juru foto, fotografer pernikahan]
    typical_mix: {retouch: 50, shoot: 50}
    tasks:
      retouch:
        label: {en: "Retouching photos", id: "Merapikan foto"}
        genai: 0.8
        robotics: 0.0
        mode: substitute
        horizon: now
        rationale: {en: "AI tools retouch photos in one click.", id: "Alat AI bisa merapikan foto sekali klik."}
        sources: {genai: ilo2025, robotics: aiexposure, mode: aiexposure, horizon: aiexposure}
        matches:
          ilo2025: {code: "3431", task: "manipulate photographic images", value: 0.8}
      shoot:
        label: {en: "Lighting and posing", id: "Cahaya dan pose"}
        genai: 0.4
        robotics: 0.0
        mode: augment
        horizon: near
        rationale: {en: "AI suggests a setup; you choose.", id: "AI menyarankan susunan; kamu yang memilih."}
        sources: {genai: ilo2025, robotics: aiexposure, mode: aiexposure, horizon: aiexposure}
        matches:
          ilo2025: {code: "3431", task: "decide lighting and composition", value: 0.4}
    market: {pressure: 0.5, low: 0.4, high: 0.6, source: aiexposure, loss: 0.2, loss_source: aiexposure}
    spread: {low: 0.9, high: 1.2, source: aiexposure}
    references:
      - {source: ilo2025, measure: genai, value: 0.6, label: {en: "ILO 2025 index", id: "Indeks ILO 2025"}}
    faq:
      replace_me:
        - text:
            en: "Simple edits go to AI tools first. Offer the shoot a client cannot get from one."
            id: "Suntingan sederhana lebih dulu pindah ke alat AI. Tawarkan pemotretan yang tak dibuat alat AI."

advice:
  - id: photographer_presets
    point: 1
    priority: 99
    when:
      all:
        - {role: [photographer]}
        - {task: retouch, ge: 0.3}
    text:
      en: "Save your three most used looks as presets in your editing software."
      id: "Simpan tiga tampilan yang paling sering kamu pakai sebagai preset di software editmu."
  - id: photographer_story
    point: 2
    priority: 99
    when: {role: [photographer]}
    text:
      en: "Show one client a before-and-after of a shoot you shaped."
      id: "Tunjukkan ke satu klien contoh sebelum dan sesudah dari pemotretan yang kamu bentuk."
"""

# Answers a photographer gives, with the value each option carries (rules/questions.yaml).
ANSWERS = {
    "ai_use": "daily",  # 1.0
    "ai_tasks": ["shoot"],
    "clients": "enterprise",  # 0.3
    "output": "bespoke",  # 0.1
    "human_edge": ["empathy", "culture"],  # 0.25 + 0.25
    "lost_work": "no",  # 0
    "lost_reason": "told",  # 1.0
    "role_focus": "curator",  # 1.0
    "ai_direction": "yes",  # 1.0
    "upskill": "both",  # 1.0
    "income_share": "all",  # 1.0
}
# By hand, with the time split retouch .5, shoot .5 (retouch: genai .8, substitute, now; shoot: .4, augment,
# near, horizon factor .7):
#   exposure     .5*.8 + .5*.4 = .6 -> 60.0
#   acceleration .5 x 1.0 (daily) x .2/.6 (the augmentable share of the exposure) + .5 x .2/.6 (shoot, done
#                with AI, of the exposure) = .16667 + .16667 = .33333 -> 33.3
#   pressure     .575 x .4 (substitutable) + .05 x .3 (enterprise) + .05 x .1 (bespoke) + .1 x .5 (market)
#                + .225 x 0 (no work lost) + .225 x .2 (the trade's loss) x 0 (not "not sure") = .3 -> 30.0
#   evolution    .35 x 1 + .35 x 1 + .3 x 1 = 1 -> 100.0
#   automation   0 (no robotics) -> 0.0; platform and ai_automation are gig workers' -> 0.0
#   adaptation   .46 x .333 + .34 x 1.0 + .2 x .5 (two human edges) = .15318 + .34 + .1 = .59318 -> 59.3
#   hazard       (.45 x (.5*.8*1 + .5*.4*.7) + .9 x .3) x 1.0 (all income) = (.45 x .54 + .27) = .513 -> 51.3
#   risk         .513 x (1 - .65 x .593) = .513 x .61455 = .31526 -> 31.5 (nothing lost, so nothing kept apart)
# band moderate (20 <= 31.5 < 35); hazard 51.3 >= 30 exposed, adaptation 59.3 >= 50 adapting: accelerator
SCORES = {
    "exposure": 60.0,
    "acceleration": 33.3,
    "pressure": 30.0,
    "platform": 0.0,
    "evolution": 100.0,
    "automation": 0.0,
    "ai_automation": 0.0,
    "adaptation": 59.3,
    "hazard": 51.3,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped pack with the sixth role in a file of its own."""
    place = tmp_path_factory.mktemp("sixth") / "rules"
    shutil.copytree(default_rules_dir(), place)
    (place / "roles").mkdir(exist_ok=True)
    (place / "roles" / "photographer.yaml").write_text(SIXTH, encoding="utf-8")
    return place


@pytest.fixture(scope="module")
def pack(folder: Path) -> Pack:
    return load_pack(folder)


def test_the_role_file_joins_the_pack_after_the_shipped_roles(pack: Pack) -> None:
    shipped = list(load_pack(default_rules_dir()).roles)
    assert list(pack.roles) == [*shipped, "photographer"]
    assert [a.id for a in pack.advice][-2:] == ["photographer_presets", "photographer_story"]
    # its everyday words name it wherever a role is read
    assert role_id_of(pack, "Tukang foto") == role_id_of(pack, "Fotografer") == "photographer"


def test_assess_scores_it_by_hand(pack: Pack) -> None:
    result = assess(pack, resolve(pack, "photographer", {"retouch": 50, "shoot": 50}, ANSWERS))
    assert {sid: s.value for sid, s in result.scores.items()} == SCORES
    assert (result.risk.value, result.band.id, result.verdict) == (31.5, "moderate", "accelerator")
    # its own advice first (priority 99), its own FAQ answer before the shared ones
    assert [a.id for a in result.advice][:2] == ["photographer_presets", "photographer_story"]
    faq = {item.id: answer.text.en for item, answer in result.faq}
    assert faq["replace_me"].startswith("Simple edits go to AI tools first.")


def test_assess_on_the_command_line(folder: Path, tmp_path: Path) -> None:
    args = [f"--answer={q}={','.join(v) if isinstance(v, list) else v}" for q, v in ANSWERS.items()]
    run = run_cli(
        tmp_path, "--rules", str(folder), "assess", "--role", "tukang foto", "--task", "retouch=50",
        "--task", "shoot=50", *args, "--format", "json",
    )  # fmt: skip
    assert (run.returncode, run.stderr) == (0, "")
    report = json.loads(run.stdout)
    assert (report["role"], report["risk"]["score"], report["verdict"]) == ("photographer", 31.5, "accelerator")
    assert {sid: report["scores"][sid] for sid in SCORES} == SCORES


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_report_shows_it_and_the_json_one_keeps_its_contract(folder: Path, tmp_path: Path, lang: str) -> None:
    schema = json.loads(run_cli(tmp_path, "schema", "report").stdout)
    label = {"en": "Photographer", "id": "Fotografer"}[lang]
    for kind in ("markdown", "html", "text", "short"):
        run = run_cli(tmp_path, "--lang", lang, "--rules", str(folder), "assess", "--role", "photographer", "-f", kind)
        assert run.returncode == 0 and label in run.stdout, kind
    run = run_cli(tmp_path, "--lang", lang, "--rules", str(folder), "assess", "--role", "photographer", "-f", "json")
    report = json.loads(run.stdout)
    assert sorted(e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(report)) == []
    assert [t["id"] for t in report["tasks"]] == ["retouch", "shoot"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_batch_scores_a_row_written_with_labels(pack: Pack, tmp_path: Path, lang: Lang) -> None:
    header, _example = list(csv.reader(io.StringIO(template_csv(pack, lang))))
    assert header[header.index("task.retouch") : header.index("task.shoot") + 1] == ["task.retouch", "task.shoot"]
    q = pack.questions
    row = {
        "id": "ve-1",
        "role": pack.roles["photographer"].label(lang),
        "task.retouch": "50",
        "task.shoot": "50",
        **{k: v for k, v in ANSWERS.items() if isinstance(v, str)},
        "ai_tasks": pack.roles["photographer"].tasks["shoot"].label(lang),
        "human_edge": ", ".join(q["human_edge"].options[o].label(lang) for o in ("empathy", "culture")),
    }
    with (tmp_path / "in.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, [row.get(h, "") for h in header]])
    outcome = run_batch(pack, lang, tmp_path / "in.csv", tmp_path / "out")
    assert (outcome.rows, outcome.rejected, outcome.exit_code) == (1, 0, 0)
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8") as found:
        scored = next(csv.DictReader(found))
    assert {sid: float(scored[sid]) for sid in SCORES} == SCORES
    assert (scored["role"], scored["risk"], scored["band"], scored["verdict"]) == (
        "photographer", "31.5", "moderate", "accelerator",
    )  # fmt: skip
    assert scored["advice"].split()[:2] == ["photographer_presets", "photographer_story"]
    assert scored["role_label"] == pack.roles["photographer"].label(lang)
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert f"| {pack.roles['photographer'].label(lang)} | 1 |" in summary


def test_the_form_guide_and_the_listing_show_it(pack: Pack, folder: Path, tmp_path: Path) -> None:
    guide = template_markdown(pack, "id")
    assert "- Fotografer\n" in guide
    assert "## Pembagian waktu untuk: Fotografer" in guide
    assert "Merapikan foto?" in guide
    listing = run_cli(tmp_path, "--rules", str(folder), "roles", "--format", "json")
    roles = {r["id"]: r for r in json.loads(listing.stdout)}
    assert [(t["id"], t["typical_share"]) for t in roles["photographer"]["tasks"]] == [
        ("retouch", 0.5),
        ("shoot", 0.5),
    ]


def test_calibrate_compares_its_tasks(pack: Pack) -> None:
    found = calibration_data(pack, "en")
    row = next(r for r in found["roles"] if r["role"] == "photographer")
    assert (row["genai"]["model"], row["genai"]["ilo2025"]) == (0.6, 0.6)
    tasks = [(t["task"], t["pack"], t["ilo2025"]) for t in found["tasks"] if t["role"] == "photographer"]
    assert tasks == [("retouch", 0.8, 0.8), ("shoot", 0.4, 0.4)]


def test_the_quiz_offers_it(pack: Pack, tmp_path: Path) -> None:
    out = io.StringIO()
    down, enter = "\x1b[B", "\r"
    # the added role (listed last), its typical split, every question at its default, the review confirmed
    with create_pipe_input() as pipe:
        pipe.send_text(down * (len(pack.roles) - 1) + enter + enter + enter * 11 + enter)
        pipe.close()
        prompter = Prompter(Texts(pack, "en"), stream=out, input=pipe, output=DummyOutput())
        run_quiz(pack, "en", RawAnswers(), None, str(tmp_path / "me.yaml"), prompter=prompter)
    printed = out.getvalue()
    assert "A typical split for this role: Retouching photos 50%, Lighting and posing 50%" in printed
    assert "  1. Role → Photographer" in printed  # the review
    assert "role: photographer" in (tmp_path / "me.yaml").read_text(encoding="utf-8")


def test_its_related_work_comes_nearest_to_it(pack: Pack) -> None:
    assert nearest_roles(pack, "juru foto") == ["photographer"]
    assert nearest_roles(pack, "juru foto") != nearest_roles(load_pack(default_rules_dir()), "juru foto")
