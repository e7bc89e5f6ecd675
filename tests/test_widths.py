"""The terminal report at any width from 40 columns: no word or number split, nothing cut, nothing too wide."""

from __future__ import annotations

import io
import re
import textwrap

import pytest
from rich.console import Console

from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang
from aiexposure.render.text import QUESTION_LINES, WIDE, build, closing, render_text

PACK = load_pack(default_rules_dir())
BOX = re.compile(r"[\s│╭╮╰╯─┃┏┓┗┛━┳┻╋┡┩╇┠┨┯┷┼├┤┌┐└┘┬┴═]+")


def drawn(report: Report, width: int, console_width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=console_width, no_color=True).print(build(report, False, width), closing(report))
    return buffer.getvalue()


def words(text: str) -> set[str]:
    return {word for word in BOX.split(text) if word}


@pytest.mark.parametrize("width", [40, 48, 60, 80])
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("role", list(PACK.roles))
def test_no_word_or_number_is_split_at_any_width(role: str, lang: Lang, width: int) -> None:
    report = Report(assess(PACK, resolve(PACK, role, None, {})), lang)
    narrow = drawn(report, width, width)
    # the same layout on a screen too wide to wrap anything: every piece of the narrow one must be a whole word there
    whole = words(drawn(report, width, 2000))
    assert sorted(words(narrow) - whole) == []
    assert max(len(line) for line in narrow.splitlines()) <= width
    # the title is whole, at the top
    assert (
        " ".join(BOX.split(narrow[:400])).strip().startswith(" ".join(f"{report.title} — {report.role_label}".split()))
    )


def test_a_task_table_shows_whole_numbers_and_headers_at_80_columns() -> None:
    buffer = io.StringIO()
    report = Report(assess(PACK, resolve(PACK, "driver", None, {})), "id")
    render_text(report, Console(file=buffer, width=80, no_color=True))
    text = buffer.getvalue()
    assert re.search(r"┃ Tugas +┃ Waktu ┃ +AI ┃ Robot ┃ AI atau mesin +┃ Kapan +┃", text)
    rides = report.tasks()[0]
    numbers = rf"│ +{rides.percent}% │ +{report.g(rides.genai)} │ +{report.g(rides.robotics_here)} │"
    assert re.search(r"│ Mengantar +" + numbers, text)


def test_a_narrow_screen_gets_one_block_per_task() -> None:
    buffer = io.StringIO()
    report = Report(assess(PACK, resolve(PACK, "driver", None, {})), "id")
    render_text(report, Console(file=buffer, width=48, no_color=True))
    text = buffer.getvalue()
    rides = report.tasks()[0]
    assert f" {rides.percent}% Mengantar penumpang\n" in text
    assert f"     AI {report.g(rides.genai)} · Robot {report.g(rides.robotics_here)} · " in text


@pytest.mark.parametrize(("width", "height"), [(48, 20), (80, 24), (40, 20)])
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("role", list(PACK.roles))
def test_the_closing_summary_and_a_question_fit_one_screen(role: str, lang: Lang, width: int, height: int) -> None:
    report = Report(assess(PACK, resolve(PACK, role, None, {})), lang)
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True).print(closing(report, width, height))
    lines = buffer.getvalue().splitlines()
    assert len(lines) <= height - QUESTION_LINES - (1 if width < WIDE else 0)
    verdict = f"{report.t('verdict')}: {report.verdict_label}"
    wrapped = len(textwrap.wrap(verdict, width, break_long_words=False))  # a long label wraps on a narrow screen
    assert " ".join(line.rstrip() for line in lines[2 : 2 + wrapped]) == verdict
    risk = " ".join(lines[2 + wrapped : 4 + wrapped])
    assert risk.startswith(f"{report.score_label('risk')}: {report.num(report.result.risk.value)}/100 (")
    numbered = [line[:3] for line in lines if line[:3] in (" 1.", " 2.", " 3.")]
    assert numbered == [f" {n}." for n in range(1, len(report.first_steps()) + 1)]


def test_a_long_step_is_cut_at_a_word_only_when_the_screen_is_short() -> None:
    report = Report(assess(PACK, resolve(PACK, "driver", None, {})), "id")
    steps = report.first_steps()
    whole = io.StringIO()
    Console(file=whole, width=48, no_color=True).print(closing(report, 48, None))
    assert "…" not in whole.getvalue()
    flat = " ".join(whole.getvalue().split())
    assert all(" ".join(step.text.split()) in flat for step in steps)
