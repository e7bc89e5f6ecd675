"""The markdown quadrant: the person's point is written as mermaid's parser reads it, and stands alone."""

from __future__ import annotations

import re

import pytest

from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.render.markdown import _axis, render_markdown

PACK = load_pack(default_rules_dir())


@pytest.mark.parametrize(
    ("value", "threshold", "shown"),
    [
        (100.0, 50.0, "1"),
        (0.0, 50.0, "0"),
        (50.0, 50.0, "0.5"),
        (25.0, 50.0, "0.25"),
        (99.9, 50.0, "0.999"),
        (30.0, 30.0, "0.5"),
        (15.0, 30.0, "0.25"),
    ],
)
def test_axis_values_are_numbers_mermaid_accepts(value: float, threshold: float, shown: str) -> None:
    # mermaid's lexer rejects "1.0": a perfect score must be written "1"
    assert _axis(value, threshold) == shown


def test_the_best_prepared_person_gets_a_chart_that_parses_and_no_published_figures() -> None:
    answers = resolve(
        PACK,
        "designer",
        {"direction": 1},
        {
            "ai_use": "daily",
            "ai_tasks": "direction",
            "role_focus": "curator",
            "ai_direction": "yes",
            "upskill": "both",
            "human_edge": "empathy,culture,humor,relationship",
        },
    )
    text = render_markdown(Report(assess(PACK, answers), "en"))
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    points = re.findall(r"^\s+(.+): \[(.+), (.+)\]$", chart, flags=re.M)
    # adaptation 100 -> 1; risk before adapting: genai_w .35 * .3 = .105, pressure .15 + .075 + .075 + .0675
    # = .3675 -> 36.8, hazard .0315 + .1288 + .09 = .2503 -> 25.0, drawn at .5 * 25 / 30 = .417 (line at 30)
    assert points == [("You", "1", "0.417")]
