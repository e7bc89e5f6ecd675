"""Answers written for an earlier release keep working: old ids mean what they meant, old wording is read as the
option it now belongs to, and the report says so."""

from __future__ import annotations

import json

from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.render.json import render_json

PACK = load_pack(default_rules_dir())


def test_old_wording_is_read_as_the_option_it_belongs_to_and_the_report_says_so() -> None:
    answers = resolve(PACK, "writer", None, {"lost_work": "Yes, a lot", "ai_use": "daily"})
    assert answers.values["lost_work"] == "much"
    assert answers.read_as == ("lost_work",)
    report = Report(assess(PACK, answers), "en")
    said = report.assumed() or ""
    assert (
        "Your answer to “In the past 12 months, how much of your work or orders have you lost?” was worded as in "
        "an earlier version of this tool; it was read as “A quarter or more”, the nearest answer this version asks."
    ) in said
    assert json.loads(render_json(report))["read_as"] == ["lost_work"]


def test_old_indonesian_wording_too_and_ids_or_todays_labels_are_not_flagged() -> None:
    assert resolve(PACK, "translator", None, {"lost_work": "ya, ada beberapa"}).read_as == ("lost_work",)
    assert resolve(PACK, "translator", None, {"lost_work": "Tidak"}).read_as == ("lost_work",)  # was "no"
    for today in ("some", "much", "no", "Tidak ada, atau malah bertambah", "A quarter or more"):
        assert resolve(PACK, "translator", None, {"lost_work": today}).read_as == (), today


def test_an_old_answers_file_without_the_new_questions_takes_their_defaults_and_lists_them() -> None:
    # a release-2 freelancer file: no lost_reason, no income_share
    answers = resolve(PACK, "designer", {"layout": 50, "identity": 50}, {"lost_work": "some", "clients": "agencies"})
    assert answers.values["lost_reason"] == "suspect"
    assert answers.values["income_share"] == "most"
    assert {"lost_reason", "income_share"} <= set(answers.assumed)
