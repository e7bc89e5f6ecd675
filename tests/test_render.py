"""The three reports: JSON contract, markdown structure and escaping, terminal text."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from rich.console import Console

from aiexposure.answers import resolve
from aiexposure.pack import Lang, Pack, Text
from aiexposure.packload import default_rules_dir, load_pack
from aiexposure.render_json import render_json
from aiexposure.render_markdown import md, mermaid_label, render_markdown
from aiexposure.render_text import render_text
from aiexposure.report import Report
from aiexposure.scoring import Assessment, assess

PACK = load_pack(default_rules_dir())


def result(role: str = "writer", pack: Pack = PACK, **answers: str) -> Assessment:
    return assess(pack, resolve(pack, role, None, answers))


def as_json(res: Assessment, lang: Lang = "en", explain: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(Report(res, lang), explain))
    return data


def as_text(res: Assessment, lang: Lang = "en", explain: bool = False) -> str:
    buffer = io.StringIO()
    render_text(Report(res, lang), Console(file=buffer, width=100, no_color=True), explain)
    return buffer.getvalue()


def test_json_report_has_the_documented_keys_and_values() -> None:
    data = as_json(result("courier", city="metro", alt_skills="none"))
    assert list(data)[:17] == [
        "schema_version",
        "lang",
        "pack",
        "role",
        "family",
        "tasks",
        "typical_mix",
        "answers",
        "assumed",
        "scores",
        "risk",
        "verdict",
        "axes",
        "advice",
        "moves",
        "faq",
        "references",
    ]
    assert data["schema_version"] == 1 and data["lang"] == "en" and data["family"] == "gig"
    assert data["pack"] == {"id": "aiexposure_default", "version": "2026.11"}
    assert data["tasks"][0] == {
        "id": "last_mile",
        "label": "Doorstep delivery",
        "share": 0.4,
        "genai": 0.15,
        "robotics": 0.65,
        "mode": "substitute",
        "rationale": PACK.roles["courier"].tasks["last_mile"].rationale.en,
        "source": PACK.roles["courier"].tasks["last_mile"].source,
    }
    assert data["scores"] == {
        "exposure": 24.3,
        "acceleration": 12.5,
        "pressure": 17.7,
        "evolution": 0.0,
        "automation": 82.0,
    }
    # risk = (.8*.82 + .2*.243 + .2*.177 - .05*.125) x .85 = .73395 x .85 = .62386 -> 62.4
    assert data["risk"] == {"score": 62.4, "band": "critical"}
    assert data["verdict"] == "threat"
    assert data["answers"]["city"] == "metro" and data["answers"]["ai_tasks"] == []
    assert "city" not in data["assumed"] and "dispatch" in data["assumed"]
    assert [m["question"] for m in data["moves"]] == ["alt_skills", "income_share", "upskill"]
    assert all(set(a) == {"id", "point", "priority", "text"} for a in data["advice"])
    assert [f["question"] for f in data["faq"]] == [PACK.faq[2].question.en]
    assert {r["source"] for r in data["references"]} >= {"ilo2025", "freyosborne2017"}
    assert "explain" not in data


def test_json_explain_lists_every_term_and_adds_up() -> None:
    data = as_json(result("writer"), explain=True)
    terms = data["explain"]["pressure"]
    assert [t["term"] for t in terms] == ["substitutable_work", "clients", "output", "lost_work", "human_edge"]
    total = sum(t["contribution"] for t in terms if not t["factor"])
    assert round(total * 100, 1) == data["scores"]["pressure"] == 57.9


def test_json_in_indonesian_translates_texts_but_not_ids() -> None:
    en, id_ = as_json(result("designer"), "en"), as_json(result("designer"), "id")
    assert id_["lang"] == "id"
    assert [a["id"] for a in en["advice"]] == [a["id"] for a in id_["advice"]]
    assert en["scores"] == id_["scores"] and en["verdict"] == id_["verdict"] == "threat"
    assert en["tasks"][0]["label"] != id_["tasks"][0]["label"]
    assert en["advice"][0]["text"] != id_["advice"][0]["text"]


def test_markdown_report_structure() -> None:
    text = render_markdown(Report(result("writer"), "en"))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# How exposed is your work to AI?",
        f"## Point 1: {PACK.points[0].title.en}",
        "## Point 2: Clients choosing AI output",
        "## Point 3: Evolving your role",
        "## Point 4: Robots, drones and self\\-driving vehicles".replace("\\-", "-"),
        "## Moves that lower your risk most",
        "## Your task mix",
        "## Where you stand",
        "## Your questions, answered for you",
        "## Published figures for this role",
        "### Sources",
    ]
    assert "**Overall risk:** 37.6/100 (moderate)" in text
    assert "| First drafts of standard articles | 30% | 0.8 | 0 | could do it instead of you |" in text
    assert "1. Who brings you most of your income? → Large companies or institutions (-8.8 risk points)" in text
    # the person sits at adaptation 23.8 (< 50: left half) and exposure 58.1 (>= 40: top half)
    assert "    You: [0.238, 0.651]" in text
    # published generative-AI figures beside the person: ILO 2025's 0.55 is 15 of the 60 points above the line at 40
    assert "    ILO 2025: [0.238, 0.625]" in text
    assert "Frey Osborne 2017:" not in text  # an automation figure does not belong on a writer's exposure axis
    assert "quadrant-2 Threat" in text
    assert text.count("```") == 2


def test_markdown_in_indonesian() -> None:
    text = render_markdown(Report(result("driver", city="metro"), "id"))
    assert text.startswith("# Seberapa besar pekerjaanmu terpapar AI?\n")
    assert f"**Peran:** {md(PACK.roles['driver'].label.id)}  \n" in text
    assert "## Poin 4: Robot, drone, dan kendaraan tanpa sopir" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
        ("line\nbreak\r\x1b[31m", "line break\\[31m"),
        ("&amp;", "\\&amp;"),
    ],
)
def test_md_escapes_what_could_change_structure(raw: str, escaped: str) -> None:
    assert md(raw) == escaped


def test_md_escapes_line_starts_only_where_a_line_starts() -> None:
    assert md("# title", line_start=True) == "\\# title"
    assert md("- item", line_start=True) == "\\- item"
    assert md("1. item", line_start=True) == "1\\. item"
    assert md("-8.8 points") == "-8.8 points"


def test_mermaid_labels_are_plain_words() -> None:
    assert mermaid_label("Frey & Osborne 2017 automation") == "Frey Osborne 2017 automation"
    assert mermaid_label('x: [1, 2]\n"quadrant-1 y"') == "x 1, 2 quadrant-1 y"


def hostile_pack() -> Pack:
    """The shipped pack with markup, HTML and control characters in a role label and an advice text.

    Loading refuses control characters in a pack; the renderers must stay safe without relying on that.
    """
    evil = "[bold red]Evil[/] <b>|x|</b> \x1b[31m"
    text = Text.model_construct(en=evil, id=evil)
    role = PACK.roles["writer"].model_copy(update={"label": text})
    advice = [a.model_copy(update={"text": text}) for a in PACK.advice]
    return PACK.model_copy(update={"roles": {**PACK.roles, "writer": role}, "advice": advice})


def test_text_report_shows_pack_text_literally() -> None:
    text = as_text(result("writer", pack=hostile_pack()))
    assert "[bold red]Evil[/] <b>|x|</b> \\x1b[31m" in text
    assert "\x1b" not in text


def test_markdown_report_escapes_pack_text() -> None:
    text = render_markdown(Report(result("writer", pack=hostile_pack()), "en"))
    assert "\\[bold red\\]Evil\\[/\\] \\<b\\>\\|x\\|\\</b\\> \\[31m" in text
    assert "<b>" not in text and "\x1b" not in text


def test_text_report_order_and_content() -> None:
    text = as_text(result("translator"))
    order = [
        "Verdict: THREAT",
        "Overall risk: 40.1/100 (high)",
        "Point 1:",
        "Point 2:",
        "Point 3:",
        "Point 4:",
        "Moves that lower your risk most",
        "Your task mix",
        "Where you stand",
        "Published figures",
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "● Threat (You)" in text
    assert "\x1b[" not in text


def test_text_report_has_colour_only_on_a_terminal() -> None:
    buffer = io.StringIO()
    render_text(Report(result("writer"), "en"), Console(file=buffer, width=100, force_terminal=True), False)
    assert re.search(r"\x1b\[[0-9;]*m", buffer.getvalue())


def test_contrasting_people_differ_in_both_languages() -> None:
    pairs = {
        "writer": (
            {"ai_use": "never", "output": "standard"},
            {"ai_use": "daily", "output": "bespoke", "role_focus": "curator"},
        ),
        "designer": ({"clients": "individuals", "lost_work": "much"}, {"clients": "enterprise", "upskill": "both"}),
        "translator": ({"output": "standard", "ai_direction": "no"}, {"output": "bespoke", "ai_direction": "yes"}),
        "driver": ({"city": "metro", "alt_skills": "none"}, {"city": "town", "alt_skills": "ready"}),
        "courier": ({"city": "metro", "income_share": "all"}, {"city": "town", "income_share": "some"}),
    }
    worse: dict[str, str]
    better: dict[str, str]
    for role, (worse, better) in pairs.items():
        for lang in ("en", "id"):
            a = as_json(assess(PACK, resolve(PACK, role, None, worse)), lang)
            b = as_json(assess(PACK, resolve(PACK, role, None, better)), lang)
            assert a["risk"]["score"] > b["risk"]["score"], role
            assert a["advice"] != b["advice"], role
