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
    # all time on art direction (genai .41, augment, horizon near .7); unasked answers at their defaults
    # (small business 1, mixed .5, lost work unsure, lost reason suspect .7, income share most .92).
    # acceleration .5 x 1 (daily) x 1 (all exposure augmentable) + .5 x 1 (AI on the one task) = 1; evolution
    # .35 + .35 + .3 = 1; human edge 4 x .25 = 1: adaptation .46 + .34 + .2 = 1 -> 100, drawn at 1.
    # pressure .05 x 1 + .05 x .5 + .1 x .45 (market) + .225 x .26 (loss) x .6 (unsure) x .7 = .14457 -> 14.5
    # (no substitute task); risk before adapting (.45 x .41 x .7 + .9 x .145) x .92 = (.12915 + .1305) x .92
    # = .238878 -> 23.9, drawn at .5 x 23.9 / 30 = .398 (the line at 30)
    assert points == [("You", "1", "0.398")]
