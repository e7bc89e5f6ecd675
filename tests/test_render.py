"""The three reports: JSON contract, markdown structure and escaping, terminal text."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pytest
from rich.console import Console

from aiexposure.escape import md, mermaid_label
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment, assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang, Pack, Text
from aiexposure.render.json import render_json
from aiexposure.render.markdown import render_markdown
from aiexposure.render.text import render_text

PACK = load_pack(default_rules_dir())


def result(role: str = "writer", pack: Pack = PACK, **answers: str) -> Assessment:
    return assess(pack, resolve(pack, role, None, answers))


def lead_sentence(readout: str) -> str:
    """The sentence that opens a gig worker's headline notes when `readout` drives their risk."""
    summary = PACK.scoring.leads["gig"].texts[readout].summary
    assert summary is not None
    return summary.en


def as_json(res: Assessment, lang: Lang = "en", explain: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_json(Report(res, lang), explain))
    return data


def as_text(res: Assessment, lang: Lang = "en", explain: bool = False) -> str:
    buffer = io.StringIO()
    render_text(Report(res, lang), Console(file=buffer, width=100, no_color=True), explain)
    return buffer.getvalue()


FIRST_RELEASE_KEYS = [
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


def test_json_keys_added_later_come_after_the_first_releases() -> None:
    data = as_json(result("courier", city="metro", alt_skills="none"))
    # the first release's keys in their documented order, first: keys added later come after them, never between
    # them (render/json.py: "keys added after the first release come last, so the documented order of the earlier
    # ones holds")
    assert list(data)[:17] == FIRST_RELEASE_KEYS
    # then model v2's in their documented order, then model v3's
    v2 = ["headline", "readouts", "ranges", "market", "first_steps"]
    assert list(data)[17:] == [*v2, "lead", "readout_bands", "read_as"]


def test_json_report_has_the_documented_keys_and_values() -> None:
    data = as_json(result("courier", city="metro", alt_skills="none"))
    assert set(FIRST_RELEASE_KEYS) <= set(data)  # their order: test_json_keys_added_later_come_after_the_first_releases
    # the first steps: the top moves worded as actions, each with its point and the risk points it takes off
    assert (
        data["first_steps"][: len(data["moves"])]
        == [
            {"text": report_text, "point": point, "risk_delta": delta}
            for report_text, point, delta in [
                (m["text"], PACK.questions[m["question"]].point, m["risk_delta"]) for m in data["moves"]
            ]
        ][:3]
    )
    assert data["schema_version"] == 1 and data["lang"] == "en" and data["family"] == "gig"
    assert data["pack"] == {"id": "aiexposure_default", "version": "2026.12.3"}
    last_mile = PACK.roles["courier"].tasks["last_mile"]
    assert data["tasks"][0] == {
        "id": "last_mile",
        "label": "Doorstep delivery in town",
        "share": 0.4,
        "genai": 0.25,
        "robotics": 0.5,
        "robotics_here": 0.35,  # .5 x .7 (motorbike) x 1 (metro)
        "mode": "substitute",
        "rationale": last_mile.rationale.en,
        "source": "ilo2025",  # the genai number's source, as before per-number sources
        "sources": {"genai": "ilo2025", "robotics": "aiexposure", "mode": "aiexposure", "horizon": "aiexposure"},
        "horizon": {"id": "far", "years": "10+", "label": "more than 10 years away"},
    }
    for task in data["tasks"]:
        sources = PACK.roles["courier"].tasks[task["id"]].sources
        assert task["sources"] == dict(sources) and set(task["sources"]) == {"genai", "robotics", "mode", "horizon"}
        assert task["horizon"]["years"] == PACK.scoring.horizons[task["horizon"]["id"]].years
    # typical mix: last_mile .40, remote .05, sorting .15, routing .15, handover .15, special .10
    # exposure = .4*.25 + .05*.25 + .15*.425 + .15*.7 + .15*.35 + .1*.2 = .1 + .0125 + .06375 + .105 + .0525 + .02
    #          = .35375 -> 35.4; the substitute tasks (all but handover and special) .28125, the augmented .0725
    # acceleration = .5*.25 (tried) x .0725/.35375 (augmentable share .205) = .02562 -> 2.6
    # pressure (gig) = .3*.1 (courier market) + .7*.28125 (tasks software already takes) = .03 + .19688 = .22688 -> 22.7
    # platform = .45*.4 (pay the same) + .2*1 (app) + .35*0 (lost orders unsure: nothing) = .38 -> 38.0
    # automation (robotics x horizon x vehicle x city): last_mile .4*.5*.1 (far)*.7 (motorbike)*1 (metro) = .014
    #   + remote .05*.4*.1*.2 (metro) = .0004 + sorting .15*.5*.7 (near)*1 (metro) = .0525
    #   + handover .15*.1*.1 = .0015 + special .1*.1*.1 = .001 = .0694 -> 6.9
    # AI and automation = 1*.069 + .3*.354 (exposure) + .3*.227 (pressure) = .069 + .1062 + .0681 = .2433 -> 24.3
    # adaptation = .15*.026 (acceleration) + .85*0 (evolution) = .0039 -> 0.4
    # hazard = (.6*.243 + .4*.38) x .92 (most income) = (.1458 + .152) x .92 = .27398 -> 27.4
    assert data["scores"] == {
        "exposure": 35.4,
        "acceleration": 2.6,
        "pressure": 22.7,
        "platform": 38.0,
        "evolution": 0.0,
        "automation": 6.9,
        "ai_automation": 24.3,
        "adaptation": 0.4,
        "hazard": 27.4,
    }
    # risk = hazard x (1 - .65 adaptation) + lost orders kept (none here) = .274 x .9974 = .27329 -> 27.3;
    # hazard < 30 and adaptation < 50: watch
    assert data["risk"] == {"score": 27.3, "band": "moderate"}
    assert data["verdict"] == "watch"
    assert data["axes"] == {"exposed": 27.4, "adapting": 0.4}
    assert data["answers"]["city"] == "metro" and data["answers"]["ai_tasks"] == []
    assert data["answers"]["vehicle"] == "motorbike" and data["answers"]["platform_pay"] == "same"
    assert "city" not in data["assumed"] and {"dispatch", "vehicle", "platform_pay"} <= set(data["assumed"])
    # (income_share=some would take points off, but earning less from the gig is no step to take; nor is using AI
    # more: a gig worker's defence is another skill, so ai_use gives a gig worker no step)
    # alt_skills=learning (ready is no step: it takes months): evolution .6*.5 = 30, adaptation .0039 + .85*.3
    #   = .2589 -> 25.9, risk .274 x (1 - .65*.259) = .274 x .83165 = .22787 -> 22.8 (-4.5)
    # upskill=technical: evolution .4*.5 = 20, adaptation .0039 + .85*.2 = .1739 -> 17.4,
    #   risk .274 x (1 - .65*.174) = .274 x .8869 = .24301 -> 24.3 (-3.0)
    assert [(m["question"], m["answer"], m["risk_delta"]) for m in data["moves"]] == [
        ("alt_skills", "learning", -4.5),
        ("upskill", "technical", -3.0),
    ]
    # two moves, so the third first step is the most pressing advice
    assert len(data["first_steps"]) == 3 and "risk_delta" not in data["first_steps"][2]
    assert all(set(a) == {"id", "point", "priority", "text", "sources"} for a in data["advice"])
    assert [f["question"] for f in data["faq"]] == [PACK.faq[2].question.en, PACK.faq[3].question.en]
    assert {r["source"] for r in data["references"]} >= {"ilo2025", "freyosborne2017"}
    # what drives the risk: the apps' pay (.4 x 38 = 15.2 points of hazard) over AI and automation (.6 x 24.3 = 14.6)
    assert data["lead"] == "platform"
    assert data["headline"] == {
        "label": "Less at risk, not adapting yet",
        "summary": "For now the risk to your income where you work is low or moderate. But you have done little yet to "
        "prepare another way to earn. Use the time you have.",  # the gig wording of the watch summary
        # the lead sentence first; the motorbike note waits for a told vehicle: an assumed one does not describe
        # the person
        "notes": [lead_sentence("platform")],
    }
    assert data["headline"]["notes"][0].startswith("Most of your risk comes from the apps' pay and rules, not from AI")
    assert data["readouts"] == ["ai_automation", "platform"]
    # each readout where higher is worse with its risk band: 24.3 is moderate (20-35), 38.0 high (35-55)
    assert data["readout_bands"] == {"ai_automation": "moderate", "platform": "high"}
    courier = PACK.roles["courier"]
    assert data["market"] == {
        "pressure": 0.1,
        "range": [0.0, 0.25],
        "source": "aiexposure",
        "evidence": [
            {
                "source": "zipline2024",
                "text": courier.market.evidence[0].text.en,
                "citation": PACK.sources["zipline2024"].citation,
            }
        ],
    }
    assert "explain" not in data


def test_json_ranges_hold_every_score_and_risk() -> None:
    data = as_json(result("courier", city="metro", alt_skills="none"))
    ranges = data["ranges"]
    assert set(ranges) == {*data["scores"], "risk", "exposed", "adapting"}
    values = {**data["scores"], "risk": data["risk"]["score"], **data["axes"]}
    for key, (low, high) in ranges.items():
        assert low <= values[key] <= high, key
    # exposure at the courier's spread (.45 and 1.05 of .35375): 15.92 -> 15.9 and 37.14 -> 37.1
    assert ranges["exposure"] == [15.9, 37.1]
    # automation with every horizon at its low end (far 0, near .4): sorting .15*.5*.4 = .03 -> 3.0;
    # at its high end (far .3, near 1): .4*.5*.3*.7 + .05*.4*.3*.2 + .15*.5 + .15*.1*.3 + .1*.1*.3 = .1257 -> 12.6
    assert ranges["automation"] == [3.0, 12.6]
    # nothing in acceleration, evolution or adaptation depends on the sources
    assert ranges["adaptation"] == [0.4, 0.4]
    # and nothing in the apps' pay either: the platform readout is the same at both ends
    assert ranges["platform"] == [38.0, 38.0]
    for role in PACK.roles:
        data = as_json(result(role))
        values = {**data["scores"], "risk": data["risk"]["score"], **data["axes"]}
        assert all(low <= values[key] <= high for key, (low, high) in data["ranges"].items()), role


def test_headline_notes_follow_what_the_person_told() -> None:
    driver = result("driver", vehicle="car", city="metro", lost_work="much", platform_pay="worse")
    data = as_json(driver)
    # typical mix: rides .45, food .25, navigation .10, service .10, upkeep .10
    # platform = .45*1 (worse) + .2*1 (app) + .35*1 (much) = 1.0 -> 100.0
    # automation = rides .45*.8*.3 (mid)*1 (car)*1 (metro) + food .25*.5*.1 + service .1*.1*.1 + upkeep .1*.05*.1
    #            = .108 + .0125 + .001 + .0005 = .122 -> 12.2
    # exposure = .45*.1725 + .25*.165 + .1*.735 + .1*.1225 + .1*.12 = .216625 -> 21.7 (rides, food and navigation
    #   substitute: .192375); pressure = .3*.1 + .7*.192375 = .16466 -> 16.5
    # AI and automation = .122 + .3*.217 + .3*.165 = .2366 -> 23.7
    # acceleration = .5*.25 x .02425/.216625 = .014 -> 1.4; adaptation = .15*.014 = .0021 -> 0.2
    # hazard = (.6*.237 + .4*1.0) x .92 = .5422 x .92 = .49882 -> 49.9
    # risk = .499 x (1 - .65*.002) + .14*1 (lost orders kept) x .92 x .65*.002 = .49835 + .00017 = .49852 -> 49.9: high
    assert (data["scores"]["hazard"], data["risk"]) == (49.9, {"score": 49.9, "band": "high"})
    # the apps' pay drives the risk (.4 x 100 = 40 points of hazard against .6 x 23.7 = 14.2): its sentence first
    lead = lead_sentence("platform")
    notes = PACK.scoring.notes
    assert data["headline"]["notes"] == [lead, notes[2].text.en, notes[4].text.en, notes[5].text.en]
    assert notes[2].text.en.startswith("You have already lost orders")
    assert notes[4].text.en.startswith("What the apps pay you has got worse")
    assert "Driverless taxis" in notes[5].text.en
    # the same driver on a motorbike gets the motorbike note instead of the robotaxi one
    moto = as_json(result("driver", vehicle="motorbike", city="metro", lost_work="much", platform_pay="worse"))
    assert moto["headline"]["notes"] == [lead, notes[2].text.en, notes[4].text.en, notes[6].text.en]
    # the notes follow the summary in the text and markdown reports
    flat = " ".join(as_text(driver).replace("│", " ").split())  # the panel's borders and wrapping removed
    assert flat.count(" ".join([data["headline"]["summary"], *data["headline"]["notes"]])) == 1
    markdown = render_markdown(Report(driver, "en"))
    assert " ".join([md(data["headline"]["summary"]), *(md(n) for n in data["headline"]["notes"])]) in markdown


def test_json_explain_lists_every_term_and_adds_up() -> None:
    data = as_json(result("writer"), explain=True)
    terms = data["explain"]["pressure"]
    # a freelancer's pressure: the gig terms (market_gig, software_work) do not count; lost work is one term (and
    # "not sure" another, at the trade's loss rate), each followed by the factors that scale it alone
    assert [(t["term"], t["factor"], t.get("scales")) for t in terms] == [
        ("substitutable_work", False, None),
        ("clients", False, None),
        ("output", False, None),
        ("market", False, None),
        ("lost_work", False, None),
        ("lost_to_ai", True, "lost_work"),
        ("lost_unsure", False, None),
        ("not_sure", True, "lost_unsure"),
        ("lost_to_ai", True, "lost_unsure"),
    ]
    total = sum(t["contribution"] for t in terms if not t["factor"])
    # .575*.2505 + .05*1 + .05*.5 + .1*.6 + .225*0 + .225*.3*.6*.7 = .144 + .05 + .025 + .06 + 0 + .0284 = .3074
    assert round(total * 100, 1) == data["scores"]["pressure"] == 30.7
    # risk = hazard x (1 - .65 adaptation) + each lost-work term x .65 adaptation: three terms, each followed by
    # the factors that scale it alone, and no factor of the whole score
    assert [(t["term"], t["factor"], t.get("scales")) for t in data["explain"]["risk"]] == [
        ("hazard", False, None),
        ("adaptation", True, "hazard"),
        ("lost_work_kept", False, None),
        ("lost_to_ai", True, "lost_work_kept"),
        ("income_share", True, "lost_work_kept"),
        ("adaptation", True, "lost_work_kept"),
        ("lost_unsure_kept", False, None),
        ("not_sure", True, "lost_unsure_kept"),
        ("lost_to_ai", True, "lost_unsure_kept"),
        ("income_share", True, "lost_unsure_kept"),
        ("adaptation", True, "lost_unsure_kept"),
    ]
    hazard, hazard_factor, kept, *_, unsure, _, _, _, unsure_factor = data["explain"]["risk"]
    assert (hazard["weight"], kept["weight"], unsure["weight"]) == (1.0, 0.2025, 0.2025)
    # the terms show their plain values: hazard 47.7, lost work 0 (not sure) and the writer's loss rate .3;
    # adaptation .15
    assert (hazard["value"], kept["value"], unsure["value"], hazard_factor["value"]) == (0.477, 0.0, 0.3, 0.15)
    # the factors: 1 - .65*.15 = .9025 and .65*.15 = .0975
    assert hazard_factor["contribution"] == pytest.approx(0.9025, abs=1e-4)
    assert unsure_factor["contribution"] == pytest.approx(0.0975, abs=1e-4)
    # contributions: .477 x .9025 = .43049, nothing lost for sure, and .2025 x .3 x .6 x .7 x .92 x .0975 = .00229
    assert (hazard["contribution"], kept["contribution"], unsure["contribution"]) == (0.4305, 0.0, 0.0023)
    # .43049 + .00229 = .43278 -> 43.3 (test_batch)
    assert round((hazard["contribution"] + unsure["contribution"]) * 100, 1) == data["risk"]["score"] == 43.3


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
    # the first steps come before the details; point 4 has nothing to say to a writer, so it is left out
    assert headings == [
        "# How far can AI reach your work?",
        "## Do this first",
        f"## Point 1: {PACK.points[0].title.en}",
        "## Point 2: Clients choosing AI output",
        "## Point 3: Evolving your role",
        "## Your answers",
        "## Your task mix",
        "## What studies of your trade found",
        "## Where you stand",
        "## Your questions, answered for you",
        "## Published figures for this role",
        "### Sources",
    ]
    # risk 43.3 (the writer with every default, worked out in test_batch: hazard 47.7, adaptation 15.0, the unsure
    # loss kept .2025*.3*.6*.7*.92 x .0975 = .00229); its range from the sources' two ends:
    # low (spread .99, near at .4, market .45): substitutable .2505*.99 = .248, so pressure .575*.248 + .05 + .025
    #   + .1*.45 + .02835 = .29095 -> 29.1; genai over the next years (.51 + .041*.4) x .99 = .52114;
    #   hazard (.45*.52114 + .9*.291) x .92 = .45670 -> 45.7; risk .457 x .9025 + .00229 = .41473 -> 41.5
    # high (spread 1.58, near at 1, market .75): pressure .575*.2505*1.58 + .05 + .025 + .075 + .02835 = .40593
    #   -> 40.6; genai over the next years .551*1.58 = .87058; hazard (.45*.87058 + .9*.406) x .92 = .69659 -> 69.7;
    #   risk .697 x .9025 + .00229 = .63133 -> 63.1; a range is shown in whole points that hold it: 41-64
    assert "**Overall risk:** 43.3/100 (high; range 41–64)" in text
    # exposure .551 x .99 = .54549 -> 54.5 and x 1.58 = .87058 -> 87.1: shown 54-88
    assert "**AI's reach:** 55.1/100 (range 54–88)  \n" in text
    assert "**Risk before adapting:** 47.7/100 (range 45–70) (the verdict changes at 30)  \n" in text
    assert "**How far you are adapting:** 15.0/100 (the verdict changes at 50)\n" in text  # no range: nothing sourced
    # the task numbers are the matched ILO 2025 task scores
    assert (
        "| First drafts of standard articles | 30% | 0.56 | 0 | could do it instead of you | already in use |" in text
    )
    client = "| Client communication and strategy | 10% | 0.41 | 0 | help you work faster | within about 5 years |"
    assert client in text
    # each number names its own source; a desk task's zero for robots needs none
    assert (
        "- First drafts of standard articles: " + md(PACK.roles["writer"].tasks["drafting"].rationale.en) + " ("
        "AI: ILO 2025; AI or machines: Demirci, Hannane \\& Zhu 2025; "
        "When: Hui, Reshef \\& Zhou 2024)"
    ) in text
    # the writer's market evidence: the freelance-posting and Upwork studies
    assert "## What studies of your trade found\n\n- On a large freelance platform, posts for writing" in text
    assert "(Hui, Reshef \\& Zhou 2024)\n" in text
    # the first steps are moves worded as actions, those the evidence supports first:
    # role_focus=curator: evolution .35 + .175 = .525, adaptation .03128 + .34*.525 = .20978 -> 21.0,
    #   risk .477 x (1 - .65*.21) + .02347 x .65*.21 = .41189 + .00320 = .41509 -> 41.5 (-1.8);
    # ai_direction=yes: the same (-1.8), after role_focus in the pack's order;
    # ai_use=weekly: acceleration .5*.7*.5454 = .19088 -> 19.1, adaptation .46*.191 + .119 = .20686 -> 20.7,
    #   risk .477 x (1 - .65*.207) + .02347 x .65*.207 = .41282 + .00316 = .41598 -> 41.6 (-1.7)
    # clients=enterprise would take 2.6 points (pressure 27.2, hazard 44.8, risk 40.7) but is not a step a person can
    # take; output=bespoke (-1.5) rests on a hypothesis, so it comes after the three above and is not shown
    steps = text[text.index("## Do this first") : text.index("## Point 1")]
    assert steps.splitlines()[2:5] == [
        "1. Shape the idea and work out what the client needs before producing anything (lowers your risk by 1.8)",
        "2. Direct AI against each client's brief and check its mistakes as a routine (lowers your risk by 1.8)",
        "3. Use an AI tool in your work at least once a week (lowers your risk by 1.7)",
    ]
    assert "Make most of what you offer" not in steps
    # the date and every answer in words, the assumed ones marked
    assert "**Made on:** " in text and r"ai\_use" not in text and "--task" not in text
    assert "- How often do you use AI tools in your work? **I have tried it a few times** _(assumed)_" in text
    # the person sits at adaptation 15.0 (< 50: left half, .5*15/50 = .15) and risk before adapting 47.7
    # (>= 30: top half, .5 + .5*17.7/70 = .626)
    chart = text[text.index("```mermaid") : text.rindex("```")]
    assert "    You: [0.15, 0.626]" in chart
    # published figures are not placed on the chart: no study measured a person's adaptation
    assert [line for line in chart.splitlines() if re.search(r": \[", line)] == ["    You: [0.15, 0.626]"]
    assert "ILO" not in chart and "Eloundou" not in chart and "Microsoft" not in chart
    assert "quadrant-2 At risk, not adapting yet" in chart
    assert text.count("```") == 2


def test_markdown_in_indonesian() -> None:
    text = render_markdown(Report(result("driver", city="metro"), "id", date(2026, 12, 1)))
    # a motorbike driver in a metro area: platform .45*.4 (same) + .2*1 (app) = .38; automation rides .45*.8*.3*.05
    # (motorbike) + food .25*.5*.1 + .001 + .0005 = .0194 -> 1.9, AI and automation .019 + .3*.217 (exposure)
    # + .3*.165 (pressure) = .1336 -> 13.4. The apps' pay (.4 x 38.0 = 15.2 points of hazard) drives the risk more
    # than AI and automation (.6 x 13.4 = 8.0), so the title asks what puts the income at risk
    assert text.startswith("# Apa yang mengancam penghasilanmu?\n")
    assert f"**Peran:** {md(PACK.roles['driver'].label.id)}  \n" in text
    assert "**Dibuat pada:** 1 Desember 2026  \n" in text
    assert "## Poin 4: Robot, drone, dan kendaraan tanpa sopir" in text
    # numbers with the decimal comma an Indonesian reader writes
    risk = result("driver", city="metro").risk.value
    assert f"**Risiko keseluruhan:** {risk:.1f}/100".replace(".", ",") in text
    assert "| Mengantar penumpang | 45% | 0,1725 |" in text  # the matched ILO 2025 task score


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
        # typical mix documents .3, post_editing .2 (both substitute), localization .15, specialist .15 (near),
        # interpreting .1 (near), terminology .1; genai .64, .7, .64, .64, .535, .615
        # exposure .192 + .14 + .096 + .096 + .0535 + .0615 = .639 -> 63.9; substitutable .332, augmented .307
        # acceleration .5*.25 x .307/.639 = .06005 -> 6.0; adaptation .46*.06 + .34*.35 = .1466 -> 14.7
        # pressure .575*.332 + .05*1 + .05*.5 + .1*.65 + .225*.36 (translators' loss rate)*.6*.7 = .1909 + .05 + .025
        #   + .065 + .03402 = .36492 -> 36.5
        # genai over the next years .192 + .14 + .096 + .0615 + .7*(.096 + .0535) = .59415
        # hazard (.45*.59415 + .9*.365) x .92 = (.26737 + .3285) x .92 = .5482 -> 54.8
        # risk .548 x (1 - .65*.147) + .2025*.36*.6*.7*.92 x .65*.147 = .49564 + .00269 = .49833 -> 49.8
        # range: low (spread .92, near .4, market .5): exposure .639*.92 = .58788 -> 58.8; pressure .575*.332*.92
        # + .05 + .025 + .05 + .03402 = .33465 -> 33.5; genai over the next years (.4895 + .4*.1495) x .92 = .50536;
        # hazard (.45*.50536 + .9*.335) x .92 = .48660 -> 48.7; risk .487 x .90445 + .00269 = .44316 -> 44.3;
        # high (spread 1.38, near 1, market .8): exposure .639*1.38 = .88182 -> 88.2; pressure .575*.332*1.38
        # + .05 + .025 + .08 + .03402 = .45246 -> 45.2; hazard (.45*.88182 + .9*.452) x .92 = .73933 -> 73.9;
        # risk .739 x .90445 + .00269 = .67108 -> 67.1; a range is shown in whole points that hold it: 44-68
        "Verdict: At risk, not adapting yet",
        "Overall risk: 49.8/100 (high; range 44–68)",
        "AI's reach",
        "Clients turning to AI",
        "Risk before adapting",
        "How far you are adapting",
        "Do this first",
        "Point 1:",
        "Point 2:",
        "Point 3:",
        "Your answers",
        "Your task mix",
        "Where you stand",
        "What studies of your trade found",
        "Published figures",
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    # exposure 58.8 to 88.2 (shown 58-89), pressure 33.5 to 45.2 (shown 33-46), hazard 48.7 to 73.9 (shown 48-74)
    assert re.search(r"AI's reach +█+░+ +63\.9 \(range 58–89\)", text)
    # a readout where higher is worse shows its band: pressure 36.5 is high (35-55)
    assert re.search(r"Clients turning to AI +█+░+ +36\.5 \(high; range 33–46\)", text)
    assert re.search(r"Risk before adapting +█+░+ +54\.8 \(range 48–74\) \(the verdict changes at 30\)", text)
    flat = " ".join(text.split())
    assert "Editing machine translation was the fastest-growing service. (CSA Research)" in flat  # its evidence
    # and the platform study of translators (Qiao et al.)
    qiao = PACK.roles["translator"].market.evidence[-1]
    assert qiao.source == "qiao2024"
    assert f"{qiao.text.en} ({PACK.sources['qiao2024'].short})" in flat
    assert re.search(r"│ ● At risk, not adapting +│.*\n +│ yet \(You\) +│", text)  # the label wraps in its box
    assert "\x1b[" not in text
    # the sentence about assumed answers points at a list the terminal report has too
    assert "• How often do you use AI tools in your work? I have tried it a few times (assumed)" in flat


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


def test_weights_that_do_not_add_up_to_100_are_rescaled_with_a_note() -> None:
    res = assess(PACK, resolve(PACK, "writer", {"drafting": 50, "editing": 40}, {}))
    assert (res.answers.weights_total, res.answers.shares) == (90.0, {"drafting": 50 / 90, "editing": 40 / 90})
    note = "Your task weights added up to 90, not 100, so each one was counted as its part of that total."
    assert note in " ".join(as_text(res).split())
    assert Report(res, "id").rescaled() == (
        "Angka waktu tugasmu berjumlah 90, bukan 100, jadi tiap angka dihitung sebagai bagiannya dari jumlah itu."
    )
    assert [(row.id, row.percent) for row in Report(res, "en").tasks()] == [("drafting", 56), ("editing", 44)]
    for weights in ({"drafting": 60, "editing": 40}, None):
        assert Report(assess(PACK, resolve(PACK, "writer", weights, {})), "en").rescaled() is None


def test_one_rounding_for_every_view_of_a_mix() -> None:
    # 4 of 9 is 44.4%: the quiz's largest remainder shows 45, and so does every report
    res = assess(
        PACK, resolve(PACK, "writer", {"outline": 2, "drafting": 4, "editing": 1, "voice": 1, "client": 1}, {})
    )
    assert [row.percent for row in Report(res, "en").tasks()] == [22, 45, 11, 11, 11]
    assert "| 45% |" in render_markdown(Report(res, "en"))
    assert re.search(r"│ +45% │", as_text(res))


def test_a_task_is_said_to_be_done_without_you_only_when_its_own_figures_say_so() -> None:
    # passenger trips are a task machines take over (substitute), but robots do 0.014 of them for a driver in a
    # mid-sized city and AI under 0.2: under the verdict's line (30), so "one day, not yet"; navigation (AI 0.7) is
    rows = {row.id: row for row in Report(result("driver"), "id").tasks()}
    line = PACK.scoring.exposed.threshold / 100
    assert rows["rides"].mode == "substitute" and max(rows["rides"].robotics_here, rows["rides"].genai) < line
    assert rows["navigation"].mode == "substitute" and rows["navigation"].genai >= line
    assert rows["rides"].mode_label == "kelak bisa mengerjakannya tanpa kamu, belum sekarang"
    assert rows["navigation"].mode_label == "bisa mengerjakannya tanpa kamu"
    english = {row.id: row.mode_label for row in Report(result("driver"), "en").tasks()}
    assert english["rides"] == "could do it instead of you one day, not yet"
    assert english["service"] == "help you work faster"


def test_the_published_figures_come_with_why_they_differ_from_yours() -> None:
    report = Report(result("driver"), "en")
    assert report.differences() == [
        "The AI figures below rate the usual tasks of the whole occupation. Your score counts your own mix of tasks.",
        "Your robots-and-machines score (1.1 out of 100) is not the machine figure below. That figure rates the whole "
        "occupation in the United States, from before today's AI, and says nothing of when. Yours counts only your "
        "own tasks, how and where you work, and how soon machines could really do them.",
    ]
    for text in (as_text(result("driver")), render_markdown(report)):
        flat = " ".join(text.split())
        assert "Your robots-and-machines score (1.1 out of 100) is not the machine figure below" in flat
    # the same words fit a writer, whose automation is about desk work
    assert Report(result("writer"), "en").differences()[1].startswith("Your robots-and-machines score (0.0 out of 100)")
