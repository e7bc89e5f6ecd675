"""The short report: a chat message with the verdict, the risk band and range, and the first step."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiexposure.model.answers import resolve
from aiexposure.model.report import FirstStep, Report, widened
from aiexposure.model.scoring import Assessment, assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang, Pack
from aiexposure.render.short import LIMIT, render_short
from clirun import run_cli

PACK = load_pack(default_rules_dir())
DAY = date(2026, 12, 1)
ROLES = list(PACK.roles)


def result(role: str, pack: Pack = PACK, tasks: dict[str, str] | None = None, **answers: Any) -> Assessment:
    return assess(pack, resolve(pack, role, tasks, answers))


def short(res: Assessment, lang: Lang) -> str:
    return render_short(Report(res, lang, DAY))


def lowers(step: FirstStep) -> str:
    """A first step as the message words it: the step, then how much it lowers the risk."""
    assert step.risk_delta is not None
    return f"{step.text} (lowers your risk by {-step.risk_delta:.1f})"


def _needed(report: Report) -> list[str]:
    """What every short report must hold: the verdict, the band, the range, the first step whole."""
    low, high = widened(report.range_of("risk"))
    steps = report.first_steps()
    first = f"1. {steps[0].text}" if steps else report.t("no_moves")
    return [
        f"{report.t('verdict')}: {report.verdict_label}\n",
        f"{report.num(report.result.risk.value)}/100 ({report.band_label}; "
        + report.t("range", low=f"{low:.0f}", high=f"{high:.0f}")
        + ")\n",
        first,
    ]


# People at both ends of the scale and in between, for every role: the shortest and the longest messages.
PEOPLE: list[dict[str, Any]] = [
    {},
    {"ai_use": "never", "lost_work": "much"},
    {"ai_use": "daily", "upskill": "both", "lost_work": "no", "alt_skills": "ready", "ai_direction": "yes"},
]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_fits_a_message_and_holds_what_matters(role: str, lang: Lang) -> None:
    for answers in PEOPLE:
        usable = {q: v for q, v in answers.items() if PACK.roles[role].family in PACK.questions[q].families}
        res = result(role, **usable)
        report = Report(res, lang, DAY)
        text = render_short(report)
        assert len(text) <= LIMIT, (len(text), text)
        for needed in _needed(report):
            assert needed in text, (needed, text)
        # the report's question: a gig worker's names what drives their risk (AI and automation, or the apps' pay)
        assert text.startswith(report.title + "\n")
        assert (report.title == report.t("report_title")) is (res.family == "freelancer")
        assert report.when() in text and report.role_label in text
        assert text.endswith("\n") and "\n\n" not in text
        assert "[" not in text and "**" not in text and "<" not in text  # plain text, no markup


def test_the_english_message_of_a_metro_driver() -> None:
    res = result("driver", city="metro")
    text = short(res, "en")
    report = Report(res, "en", DAY)
    steps = report.first_steps()
    lines = text.splitlines()
    # a motorbike driver (the default) in a metro area, typical mix rides .45, food .25, navigation .1, service .1,
    # upkeep .1: platform .45*.4 (pay the same) + .2*1 (app) = .38; automation rides .45*.8*.3 (mid)*.05 (motorbike)
    # + food .25*.5*.1 (far) + service .1*.1*.1 + upkeep .1*.05*.1 = .0194 -> 1.9; exposure .216625 -> 21.7;
    # pressure .3*.1 + .7*.192375 (rides, food, navigation) = .16466 -> 16.5; AI and automation .019 + .3*.217
    # + .3*.165 = .1336 -> 13.4; adaptation .15*.014 = .0021 -> 0.2
    # hazard (.6*.134 + .4*.38) x .92 = .21381 -> 21.4; risk .214 x (1 - .65*.002) = .21372 -> 21.4: moderate, and
    # hazard < 30 with adaptation < 50: watch. The apps' pay adds more to the hazard (.4 x 38 = 15.2) than AI and
    # automation (.6 x 13.4 = 8.0), so the title asks what puts the income at risk.
    # range: low (no lower spread, mid .1, far 0, market 0): pressure .7*.192375 = .13466 -> 13.5, automation
    #   .45*.8*.1*.05 = .0018 -> 0.2, AI and automation .002 + .0651 + .3*.135 = .1076 -> 10.8,
    #   hazard (.6*.108 + .152) x .92 = .19946 -> 19.9, risk 19.9;
    # high (spread 1.3, mid .6, far .3, market .25): exposure .28161 -> 28.2, pressure .075 + .7*.192375*1.3
    #   = .25006 -> 25.0, automation .0108 + .0375 + .003 + .0015 = .0528 -> 5.3, AI and automation .053 + .3*.282
    #   + .3*.25 = .2126 -> 21.3, hazard (.6*.213 + .152) x .92 = .25742 -> 25.7, risk .257 x .9987 = .25667 -> 25.7
    assert lines[:5] == [
        "What is putting your income at risk?",
        f"Role: {PACK.roles['driver'].label.en} · 1 December 2026",
        "Verdict: Less at risk, not adapting yet",
        "Overall risk: 21.4/100 (moderate; range 19–26)",
        # every answer but the area and the role was assumed, the task split among them: said in a few words
        "Answers assumed, not given: 10 of 11.",
    ]
    assert lines[5] == report.verdict_summary
    assert lines[6] == "Do this first:"
    # the two moves (a gig worker gets no "use AI" step); the third first step, an advice text, would take the
    # message past its limit, so it is left out
    moves = [s for s in steps if s.risk_delta is not None]
    assert [s.text for s in moves] == [
        "Start learning a second skill you could earn from",
        "Learn one new tool or technique for your work in the next few months",
    ]
    assert lines[7:] == [f"{n}. {lowers(s)}" for n, s in enumerate(moves, 1)]
    assert len(steps) == 3 and steps[2].risk_delta is None and steps[2].text not in text
    assert len(render_short(report, limit=10 * LIMIT)) > LIMIT


def test_the_indonesian_message_uses_a_decimal_comma() -> None:
    text = short(result("driver", city="metro"), "id")
    assert text.startswith("Apa yang mengancam penghasilanmu?\n")
    assert "Kesimpulan: Kurang berisiko, belum beradaptasi\n" in text
    assert "Risiko keseluruhan: 21,4/100 (sedang; kisaran 19–26)\n" in text
    assert "Lakukan ini dulu:\n1. " in text and "(menurunkan risiko 3,6)" in text
    assert "21.4" not in text


def test_what_does_not_fit_is_left_out_in_order_of_importance() -> None:
    res = result("writer")
    report = Report(res, "en", DAY)
    whole = render_short(report)
    steps = [lowers(s) for s in report.first_steps()]
    assert len(steps) == 3 and report.verdict_summary in whole
    assert whole.endswith(f"1. {steps[0]}\n2. {steps[1]}\n3. {steps[2]}\n")
    # a little less room: the third step goes first, the summary stays
    tighter = render_short(report, limit=len(whole) - 1)
    assert tighter.endswith(f"1. {steps[0]}\n2. {steps[1]}\n") and report.verdict_summary in tighter
    # less and less room: whatever goes, what matters stays, and the steps are numbered as shown
    seen: list[str] = []
    for limit in range(len(whole), 0, -1):
        text = render_short(report, limit)
        assert len(text) <= limit
        if "…" in text:  # no room left even for the first step whole: it is cut at a word
            assert text.endswith("…\n") and len(seen[-1]) == limit + 1
            break
        if text not in seen:
            seen.append(text)
        for needed in _needed(report):
            assert needed in text
        listed = [line for line in text.splitlines() if line[:1].isdigit()]
        assert listed == [f"{n}. {step}" for n, step in enumerate(steps[: len(listed)], 1)]
    assert seen[-1].endswith(f"Do this first:\n1. {steps[0]}\n") and report.verdict_summary not in seen[-1]
    assert len(seen) >= 4  # everything; the third step left out; ...; the first step alone


def test_a_message_with_every_answer_given_says_nothing_assumed() -> None:
    answers = {q: PACK.questions[q].default for q in PACK.questions if "gig" in PACK.questions[q].families}
    res = assess(PACK, resolve(PACK, "driver", {"rides": 60, "food": 40}, answers))
    assert "assumed" not in short(res, "en") and "Dipakai jawaban umum" not in short(res, "id")
    assert "Dipakai jawaban umum: 11 dari 11." in short(result("driver"), "id")


def test_a_pack_with_very_long_texts_still_fits(tmp_path: Path) -> None:
    pack_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack_dir)
    questions = yaml.safe_load((pack_dir / "questions.yaml").read_text(encoding="utf-8"))
    for question in questions["questions"].values():
        for option in question.get("options", {}).values():
            if "action" in option:
                option["action"] = {"en": "Do this " + "very " * 200 + "carefully.", "id": "Lakukan " * 150}
    (pack_dir / "questions.yaml").write_text(yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8")
    pack = load_pack(pack_dir)
    languages: tuple[Lang, ...] = ("en", "id")
    for lang in languages:
        text = short(result("writer", pack=pack), lang)
        assert len(text) <= LIMIT
        assert "1. " in text and "…" in text
        assert text.endswith("\n")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_command_line_prints_it(tmp_path: Path, lang: str) -> None:
    done = run_cli(tmp_path, "--lang", lang, "assess", "--role", "courier", "--format", "short")
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout) <= LIMIT
    # a courier with every default: the apps' pay (.4 x 38.0) drives the risk more than AI and automation
    # (.6 x 22.3, test_batch_rows), so the message asks what puts the income at risk
    title = PACK.scoring.leads["gig"].texts["platform"].title
    assert title is not None
    assert done.stdout.startswith(title(lang) + "\n")  # type: ignore[arg-type]
    done = run_cli(tmp_path, "--lang", lang, "assess", "--role", "courier", "-f", "short", "-o", "wa.txt")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == PACK.messages["report_written"](lang).replace("{path}", "wa.txt") + "\n"  # type: ignore[arg-type]
    assert len((tmp_path / "wa.txt").read_text(encoding="utf-8")) <= LIMIT


@pytest.fixture(scope="module")
def unbroken_title(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The shipped pack with a report title of 800 characters and no space: no word to cut it at."""
    pack_dir = tmp_path_factory.mktemp("title") / "rules"
    shutil.copytree(default_rules_dir(), pack_dir)
    messages = yaml.safe_load((pack_dir / "messages.yaml").read_text(encoding="utf-8"))
    messages["messages"]["report_title"] = {"en": "T" * 800, "id": "J" * 800}
    (pack_dir / "messages.yaml").write_text(yaml.safe_dump(messages, allow_unicode=True), encoding="utf-8")
    return load_pack(pack_dir)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_long_unbroken_title_is_cut_to_the_exact_limit(unbroken_title: Pack, lang: Lang) -> None:
    """Issue 19: a hand-made bug that left the message one character over its limit went unnoticed, because no
    test had a text without a space to cut at."""
    report = Report(result("writer", pack=unbroken_title), lang, DAY)
    text = render_short(report)
    letter = "T" if lang == "en" else "J"
    assert text == letter * (LIMIT - 2) + "…\n"  # 698 letters, the ellipsis and the line end: exactly 700
    for limit in range(20, 800):
        text = render_short(report, limit)
        assert text == letter * (limit - 2) + "…\n", limit  # every limit filled exactly, never one over
