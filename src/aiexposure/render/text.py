"""The terminal report, drawn with rich; text from the pack or user is never read as markup."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from aiexposure.escape import visible
from aiexposure.model.report import Report, widened
from aiexposure.pack.compiled import RISK

BAR_WIDTH = 20
NARROW = 50  # below this many columns, bars are half as long
WIDE = 72  # columns from which scores sit beside their bars and figures in a table; below, they stack


def plain(text: str, style: str = "") -> Text:
    """Pack or user text as literal rich Text (never read as markup), control characters made visible."""
    return Text(visible(text), style=style)


def bar(
    value: float, good_high: bool | None, line: float = 50.0, shown: str | None = None, size: int = BAR_WIDTH
) -> Text:
    """A 0-100 bar `size` cells long; green on the good side of `line`, red on the other (the verdict axes pass
    their thresholds)."""
    filled = round(value / 100 * size)
    if good_high is None:
        colour = "cyan"
    else:
        good = value >= line if good_high else value < line
        colour = "green" if good else "red"
    text = Text("█" * filled, style=colour)
    text.append("░" * (size - filled), style="dim")
    text.append(f" {shown if shown is not None else f'{value:.1f}':>5}")
    return text


def _range(report: Report, score_id: str) -> str:
    """'range 45–79', or nothing when the sources agree to the point."""
    low, high = (f"{bound:.0f}" for bound in widened(report.range_of(score_id)))
    if low == high:
        return ""
    return report.t("range", low=low, high=high)


def _answers(report: Report) -> list[RenderableType]:
    """Every answer in words, the assumed ones marked, as the markdown report lists them."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column()
    assumed = report.t("answer_assumed")
    for prompt, answer, was_assumed in report.answers():
        line = plain(f"{prompt} ")
        line.append_text(plain(answer, style="bold"))
        if was_assumed:
            line.append_text(plain(f" ({assumed})", style="dim"))
        grid.add_row(Text("•"), line)
    return [Text(""), plain(report.t("answers_heading"), style="bold"), grid, Text("")]


def _first_steps(report: Report, lines: list[int] | None = None, width: int = 0) -> list[RenderableType]:
    """'Do this first': at most three steps, the risk points each removes when it is a top move.

    `lines`: the lines each step may take on a screen `width` columns wide (the closing summary's budget); a
    longer step is cut at a word.
    """
    t = report.t
    steps = report.first_steps()
    if not steps:
        return [Text(""), plain(t("no_moves"))]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    for number, step in enumerate(steps, 1):
        delta = "" if step.risk_delta is None else f"  ({t('risk_points', delta=report.num(-step.risk_delta))})"
        words = step.text if lines is None else _cut(step.text, delta, lines[number - 1], width)
        text = plain(words)
        text.append(delta, style="green")
        grid.add_row(Text(f"{number}."), text)
    return [Text(""), plain(t("moves_heading"), style="bold"), grid]


STEP_INDENT = 4  # " 1. " before each step's words


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped at words in `width` columns (as rich wraps it)."""
    return max(1, len(textwrap.wrap(text, max(1, width), break_long_words=False)))


def _cut(text: str, delta: str, lines: int, width: int) -> str:
    """`text` cut at a word with an ellipsis, so that it and `delta` fit in `lines` lines of `width` columns."""
    room = width - STEP_INDENT
    if _wrapped_lines(text + delta, room) <= lines:
        return text
    words = text.split()
    while len(words) > 1 and _wrapped_lines(" ".join(words) + "…" + delta, room) > lines:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def _step_budget(report: Report, room: int, width: int) -> list[int]:
    """Lines for each first step within `room` lines: the longest gives way first, none below two lines."""
    t = report.t
    steps = report.first_steps()
    need = []
    for step in steps:
        delta = "" if step.risk_delta is None else f"  ({t('risk_points', delta=report.num(-step.risk_delta))})"
        need.append(_wrapped_lines(step.text + delta, width - STEP_INDENT))
    while sum(need) > room and max(need, default=0) > 2:
        need[need.index(max(need))] -= 1
    return need


def _scores(report: Report, width: int) -> RenderableType:
    """The headline scores, then the verdict's two axes: label, bar, and range or threshold.

    On a wide screen one row each; on a narrow one (a phone) the label, then the bar, then the range, so no
    word or number is split.
    """
    rows: list[tuple[str, Text, str]] = []
    size = _bar_size(width)
    for readout in report.readouts():
        shown = "; ".join(part for part in (readout.band, _range(report, readout.id)) if part)
        meter = bar(readout.value, readout.good_high, shown=report.num(readout.value), size=size)
        rows.append((readout.label, meter, f"({shown})" if shown else ""))
    for axis in report.verdict_axes():
        shown = _range(report, axis.id)
        meter = bar(axis.value, axis.good_high, axis.threshold, report.num(axis.value), size)
        rows.append((axis.label, meter, f"({shown}) {axis.note}" if shown else axis.note))
    if width < WIDE:
        lines: list[RenderableType] = []
        for label, meter, note in rows:
            if note and cell_len(meter.plain) + 1 + cell_len(note) <= width - 4:  # inside the panel's border
                lines += [plain(label, style="bold"), meter + plain(" " + note, style="dim")]
            else:
                lines += [plain(label, style="bold"), meter, *([plain(note, style="dim")] if note else [])]
        return Group(*lines)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(max_width=24, min_width=_longest_word([label for label, _, _ in rows]))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for label, meter, note in rows:
        grid.add_row(plain(label), meter, plain(note))
    return grid


def _bar_size(width: int) -> int:
    """Bars are shorter on a phone-narrow screen, so a bar, its value and its range share a line."""
    return BAR_WIDTH if width >= NARROW else BAR_WIDTH // 2


def _longest_word(texts: list[str]) -> int:
    """The widest word in `texts`: a column narrower than that would have to split it."""
    return max((cell_len(word) for text in texts for word in text.split()), default=1)


def _quadrant(report: Report, width: int) -> Table:
    """A 2x2 grid, exposure up, adaptation right, with the person's cell marked; its boxes narrow with the screen."""
    names = report.verdict_grid()
    grid = Table(show_header=True, box=None, padding=(0, 2 if width >= WIDE else 1))
    grid.add_column(plain("↑ " + report.t("axis_exposure")))
    grid.add_column(plain(""))
    you = report.t("you")
    for row in (True, False):
        cells = []
        for col in (False, True):
            label = plain(names[row, col])
            if (row, col) == report.verdict_cell:
                label = Text("● ", style="bold") + label + Text(f" ({you})", style="bold")
            cells.append(Panel(label, width=max(12, min(28, (width - 4) // 2))))
        grid.add_row(*cells)
    grid.add_row(plain(""), plain(report.t("axis_adaptation") + " →"))
    return grid


def _explain(report: Report) -> list[RenderableType]:
    t = report.t
    parts: list[RenderableType] = [plain(t("explain_heading"), style="bold underline"), plain(t("explain_note"))]
    for score in report.explained():
        table = Table(title=plain(f"{score.title}: {score.value}"), title_justify="left")
        for key in ("col_term", "col_value", "col_weight", "col_contribution"):
            table.add_column(plain(t(key)), justify="left" if key == "col_term" else "right")
        for row in score.rows:
            table.add_row(plain(row.name), plain(row.value), plain(row.weight), plain(row.effect))
        parts.append(table)
    return parts


def _headline(report: Report, width: int) -> list[RenderableType]:
    """The panel: verdict, risk with band and range, the summary, and the scores."""
    t = report.t
    head = Text()
    head.append(t("verdict") + ": ", style="bold")
    head.append_text(plain(report.verdict_label, style="bold"))  # bold, not capitals: a label is a phrase to read
    head.append("    " if width >= WIDE else "\n")
    head.append(report.score_label(RISK) + ": ", style="bold")
    head.append(f"{report.num(report.result.risk.value)}/100 ")
    shown = _range(report, RISK)
    head.append_text(plain(f"({report.band_label}; {shown})" if shown else f"({report.band_label})"))
    head.append("\n")
    head.append_text(plain(" ".join([report.verdict_summary, *report.notes])))
    title = plain(f"{report.title} — {report.role_label}")
    body = Group(head, Text(""), _scores(report, width))
    if cell_len(title.plain) + 6 <= width:  # rich would cut a longer title in the border
        panel = Panel(body, title=title, title_align="left")
    else:
        title.stylize("bold")
        panel = Panel(Group(title, Text(""), body))
    parts: list[RenderableType] = [panel]
    if report.result.ranges:
        parts.append(plain(t("ranges_note"), style="dim"))
    return parts


def _bullets(texts: list[Text], mark: str, width: int = 3) -> Table:
    """Lines under a mark each, wrapped beside it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=width, justify="right")
    grid.add_column()
    for text in texts:
        grid.add_row(Text(mark), text)
    return grid


def _points(report: Report, width: int) -> list[RenderableType]:
    """Each of the article's points that has advice for this person: its score and the advice."""
    parts: list[RenderableType] = []
    for section in report.points():
        if not section.advice:  # nothing to say for this person under this point
            continue
        heading = plain(report.t("point", number=section.number) + ": ", style="bold")
        heading.append_text(plain(section.title))
        meter = bar(section.score, section.good_high, shown=report.num(section.score), size=_bar_size(width))
        label = plain(section.score_label)
        side_by_side = cell_len(section.score_label) + 2 + cell_len(meter.plain) <= width
        parts += [
            Text(""),
            heading,
            *([label + Text("  ") + meter] if side_by_side else [label, meter]),
            plain(section.meaning, style="dim"),
            _bullets([plain(text) for _, _, text in section.advice], "→"),
        ]
    return parts


def _faq(report: Report) -> list[RenderableType]:
    faq = report.faq()
    if not faq:
        return []
    parts: list[RenderableType] = [Text(""), plain(report.t("faq_heading"), style="bold")]
    for question, answer in faq:
        asked = plain(question)
        asked.stylize("italic")
        parts += [asked, _bullets([plain(answer)], "", width=1)]
    return parts


def _tasks(report: Report, width: int) -> list[RenderableType]:
    """The task mix: a table when each column fits its longest word, else a block per task (a phone's screen)."""
    t = report.t
    rows = report.tasks()
    cells = [
        [
            row.label,
            f"{row.percent}%",
            report.g(row.genai),
            report.g(row.robotics_here),
            row.mode_label,
            row.horizon_label,
        ]
        for row in rows
    ]
    heads = [t(key) for key in ("col_task", "col_share_short", "col_genai_short", "col_robotics_short")]
    heads += [t("col_mode"), t("col_horizon")]
    # numbers never wrap (0,15 must not become 0,1 / 5); words wrap between words, never inside one
    needs = [_longest_word([head, *(cell[n] for cell in cells)]) for n, head in enumerate(heads)]
    needs[1:4] = [
        max(cell_len(head), *(cell_len(cell[n]) for cell in cells)) for n, head in enumerate(heads) if n in (1, 2, 3)
    ]
    parts: list[RenderableType]
    if sum(needs) + 3 * len(needs) + 1 <= width:
        table = Table(title=plain(t("tasks_heading")), title_justify="left", padding=(0, 1))
        for n, head in enumerate(heads):
            number = n in (1, 2, 3)
            table.add_column(
                plain(head),
                justify="right" if number else "left",
                no_wrap=number,
                min_width=needs[n],
                overflow="fold",  # never reached (each column holds its longest word), but never an ellipsis
            )
        for cell in cells:
            table.add_row(*(plain(value) for value in cell))
        parts = [table]
    else:
        blocks = Table.grid(padding=(0, 1))
        blocks.add_column(width=4, justify="right", no_wrap=True)  # the share first: a long name cannot push it
        blocks.add_column()
        for cell in cells:
            blocks.add_row(Text(cell[1], style="bold"), plain(cell[0], style="bold"))
            facts = f"{heads[2]} {cell[2]} · {heads[3]} {cell[3]} · {cell[4]} · {cell[5]}"
            blocks.add_row(Text(""), plain(facts))
        parts = [plain(t("tasks_heading"), style="italic"), blocks]
    parts.append(plain(t("tasks_columns_note"), style="dim"))
    if report.result.answers.typical_mix:
        parts.append(plain(t("tasks_typical"), style="dim"))
    rescaled = report.rescaled()
    if rescaled:
        parts.append(plain(rescaled, style="dim"))
    return parts


def _evidence(report: Report) -> list[RenderableType]:
    evidence = report.evidence()
    if not evidence:
        return []
    found = _bullets([plain(f"{finding.text} ({finding.short})") for finding in evidence], "•")
    return [Text(""), plain(report.t("market_heading"), style="bold"), found]


def _references(report: Report, width: int) -> list[RenderableType]:
    t = report.t
    refs = report.references()
    if not refs:
        return []
    if width < WIDE:  # a block per figure: three columns would leave each a word or two
        parts: list[RenderableType] = [Text(""), plain(t("references_heading"), style="bold"), *_differences(report)]
        for ref in refs:
            line = plain(ref.label)
            line.append_text(plain(f" — {ref.measure_label}: ", style="dim"))
            line.append(report.g(ref.value), style="bold")
            parts.append(_bullets([line], "•", width=1))
        return [*parts, plain(t("references_note"), style="dim")]
    table = Table(caption=plain(t("references_note")))
    for key in ("col_source", "col_measure", "col_value"):
        number = key == "col_value"
        table.add_column(plain(t(key)), justify="right" if number else "left", no_wrap=number)
    for ref in refs:
        table.add_row(plain(ref.label), plain(ref.measure_label), plain(report.g(ref.value)))
    return [Text(""), plain(t("references_heading"), style="italic"), *_differences(report), table]


def _differences(report: Report) -> list[RenderableType]:
    """The person's own exposure beside the published figures below, and why they differ."""
    return [plain(text, style="dim") for text in [report.your_exposure(), *report.differences()]]


def build(report: Report, explain: bool = False, width: int = 100) -> Group:
    """Everything the terminal report shows, in order, laid out for a screen `width` columns wide."""
    parts = _headline(report, width) + _first_steps(report)
    assumed = report.assumed()
    if assumed:
        parts.append(plain(assumed, style="dim"))
    parts += _points(report, width) + _faq(report)
    parts += [Text(""), *_answers(report), *_tasks(report, width), Text("")]
    parts += [plain(report.t("quadrant_heading"), style="bold"), _quadrant(report, width)]
    parts += _evidence(report) + _references(report, width)
    if explain:
        parts += [Text(""), *_explain(report)]
    return Group(*parts)


# lines under the closing summary for the question that follows it (the quiz's save question, a shell prompt)
QUESTION_LINES = 5


def closing(report: Report, width: int = 100, height: int | None = None) -> Group:
    """The answer again, last, where a terminal leaves the eye: verdict, risk with band and range, first steps.

    The long report scrolls away above it; on a screen `height` lines tall, long steps are cut at a word so that
    this part and a question below it fit (the whole steps are in the report above and in a saved file).
    """
    t = report.t
    verdict = plain(t("verdict") + ": ", style="bold")
    verdict.append_text(plain(report.verdict_label))
    risk = plain(report.score_label(RISK) + ": ", style="bold")
    risk.append(f"{report.num(report.result.risk.value)}/100 ")
    shown = _range(report, RISK)
    risk.append_text(plain(f"({report.band_label}; {shown})" if shown else f"({report.band_label})"))
    assumed = report.assumed_short()
    lines = None
    if height is not None:
        # the blank line and the rule, the verdict (a label is a phrase: it can wrap on a narrow screen), the risk
        fixed = 2 + _wrapped_lines(verdict.plain, width) + _wrapped_lines(risk.plain, width) + 1
        fixed += _wrapped_lines(assumed, width) if assumed else 0
        room = height - QUESTION_LINES - (1 if width < WIDE else 0) - fixed  # a narrow screen wraps the question's hint
        lines = _step_budget(report, room, width)
    parts: list[RenderableType] = [Text(""), Rule(plain(t("closing_heading")), style="dim"), verdict, risk]
    parts += _first_steps(report, lines, width)[
        1:
    ]  # without the blank line above the steps: this part must fit one screen
    if assumed:
        parts.append(plain(assumed, style="dim"))
    return Group(*parts)


def render_text(report: Report, console: Console, explain: bool = False, close: bool | None = None) -> None:
    """Print the report on `console` (colour follows the console: off for NO_COLOR or a pipe).

    `close`: end with the answer again (`closing`); by default on a terminal only, so piped output is unchanged.
    Off a terminal the lines lose the spaces rich pads them with, so a saved or piped report has no trailing blanks.
    """
    shown = build(report, explain, console.width)
    if close if close is not None else console.is_terminal:
        height = console.height if console.is_terminal else None
        shown = Group(shown, closing(report, console.width, height))
    if console.is_terminal:
        console.print(shown)
        return
    with console.capture() as captured:
        console.print(shown)
    lines = captured.get().split("\n")
    console.file.write("\n".join(line.rstrip() for line in lines))
