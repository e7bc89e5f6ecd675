"""The terminal report, drawn with rich; text from the pack or user is never read as markup."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aiexposure.escape import visible
from aiexposure.model.report import Report, explained, term_name, widened

BAR_WIDTH = 20


def plain(text: str, style: str = "") -> Text:
    """Pack or user text as literal rich Text (never read as markup), control characters made visible."""
    return Text(visible(text), style=style)


def bar(value: float, good_high: bool | None, line: float = 50.0, shown: str | None = None) -> Text:
    """A 0-100 bar; green on the good side of `line`, red on the other (the verdict axes pass their thresholds)."""
    filled = round(value / 100 * BAR_WIDTH)
    if good_high is None:
        colour = "cyan"
    else:
        good = value >= line if good_high else value < line
        colour = "green" if good else "red"
    text = Text("█" * filled, style=colour)
    text.append("░" * (BAR_WIDTH - filled), style="dim")
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


def _first_steps(report: Report) -> list[RenderableType]:
    """'Do this first': at most three steps, the risk points each removes when it is a top move."""
    t = report.t
    steps = report.first_steps()
    if not steps:
        return [Text(""), plain(t("no_moves"))]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    for number, step in enumerate(steps, 1):
        text = plain(step.text)
        if step.risk_delta is not None:
            text.append(f"  ({t('risk_points', delta=report.num(step.risk_delta))})", style="green")
        grid.add_row(Text(f"{number}."), text)
    return [Text(""), plain(t("moves_heading"), style="bold"), grid]


def _scores(report: Report) -> Table:
    """The headline scores, then the verdict's two axes: label, bar, and range or threshold (wrapped, not cut)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(max_width=24, overflow="fold")
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for readout in report.readouts():
        shown = _range(report, readout.id)
        meter = bar(readout.value, readout.good_high, shown=report.num(readout.value))
        grid.add_row(plain(readout.label), meter, plain(f"({shown})" if shown else ""))
    scoring, result = report.pack.scoring, report.result
    for axis, axis_score, high_is_good in (
        (scoring.exposed, result.exposed, False),
        (scoring.adapting, result.adapting, True),
    ):
        note = report.t("axis_threshold", threshold=f"{axis.threshold:g}")
        shown = _range(report, axis_score.id)
        grid.add_row(
            plain(axis.label(report.lang)),
            bar(axis_score.value, high_is_good, axis.threshold, report.num(axis_score.value)),
            plain(f"({shown}) {note}" if shown else note),
        )
    return grid


def _quadrant(report: Report) -> Table:
    """A 2x2 grid, exposure up, adaptation right, with the person's cell marked."""
    scoring = report.pack.scoring
    verdict = scoring.verdicts[report.result.verdict]
    here = (verdict.exposed, verdict.adapting)
    grid = Table(show_header=True, box=None, padding=(0, 2))
    grid.add_column(plain("↑ " + report.t("axis_exposure")))
    grid.add_column(plain(""))
    you = report.t("you")
    for row in (True, False):
        cells = []
        for col in (False, True):
            verdict = next(v for v in scoring.verdicts.values() if (v.exposed, v.adapting) == (row, col))
            label = plain(verdict.label(report.lang))
            if (row, col) == here:
                label = Text("● ", style="bold") + label + Text(f" ({you})", style="bold")
            cells.append(Panel(label, width=28))
        grid.add_row(*cells)
    grid.add_row(plain(""), plain(report.t("axis_adaptation") + " →"))
    return grid


def _explain(report: Report) -> list[RenderableType]:
    t = report.t
    parts: list[RenderableType] = [plain(t("explain_heading"), style="bold underline"), plain(t("explain_note"))]
    result = report.result
    for score in (*result.scores.values(), result.risk, result.exposed, result.adapting):
        table = Table(title=plain(f"{report.score_label(score.id)}: {report.num(score.value)}"), title_justify="left")
        for key in ("col_term", "col_value", "col_weight", "col_contribution"):
            table.add_column(plain(t(key)), justify="left" if key == "col_term" else "right")
        for term in score.terms:
            table.add_row(
                plain(term_name(term)),
                plain(report.num(term.value, 3)),
                plain(report.g(term.weight)),
                plain(report.local(explained(term))),
            )
        parts.append(table)
    return parts


def build(report: Report, explain: bool = False) -> Group:
    """Everything the terminal report shows, in order."""
    t = report.t
    result = report.result
    parts: list[RenderableType] = []
    head = Text()
    head.append(t("verdict") + ": ", style="bold")
    head.append_text(plain(report.verdict_label.upper()))
    head.append("    " + report.score_label("risk") + ": ", style="bold")
    head.append(f"{report.num(result.risk.value)}/100 ")
    shown = _range(report, "risk")
    head.append_text(plain(f"({report.band_label}; {shown})" if shown else f"({report.band_label})"))
    head.append("\n")
    head.append_text(plain(" ".join([report.verdict_summary, *report.notes])))
    title = plain(f"{t('report_title')} — {report.role_label}")
    parts.append(Panel(Group(head, Text(""), _scores(report)), title=title, title_align="left"))
    if result.ranges:
        parts.append(plain(t("ranges_note"), style="dim"))
    parts += _first_steps(report)
    assumed = report.assumed()
    if assumed:
        parts.append(plain(assumed, style="dim"))
    for section in report.points():
        if not section.advice:  # nothing to say for this person under this point
            continue
        parts.append(Text(""))
        heading = plain(t("point", number=section.number) + ": ", style="bold")
        heading.append_text(plain(section.title))
        parts.append(heading)
        good = report.pack.scoring.scores[section.score_id].good
        meter = bar(section.score, None if good is None else good == "high", shown=report.num(section.score))
        line = plain(section.score_label + "  ") + meter
        parts.append(line)
        parts.append(plain(section.meaning, style="dim"))
        items = Table.grid(padding=(0, 1))
        items.add_column(width=3, justify="right")
        items.add_column()
        for _, _, text in section.advice:
            items.add_row(Text("→"), plain(text))
        parts.append(items)
    faq = report.faq()
    if faq:
        parts += [Text(""), plain(t("faq_heading"), style="bold")]
        for question, answer in faq:
            asked = plain(question)
            asked.stylize("italic")
            answer_grid = Table.grid(padding=(0, 1))
            answer_grid.add_column(width=1)
            answer_grid.add_column()
            answer_grid.add_row(Text(""), plain(answer))
            parts += [asked, answer_grid]
    parts.append(Text(""))
    # words wrap, and a word wider than its column folds rather than being cut short with an ellipsis;
    # the numbers take only the room they need, so the words get the rest of a narrow screen
    parts += _answers(report)
    tasks = Table(title=plain(t("tasks_heading")), title_justify="left", padding=(0, 1), expand=True)
    tasks.add_column(plain(t("col_task")), ratio=3, overflow="fold")
    for key in ("col_share_short", "col_genai_short", "col_robotics_short"):  # short: a note says what they are
        tasks.add_column(plain(t(key)), justify="right", ratio=1, overflow="fold")
    tasks.add_column(plain(t("col_mode")), ratio=3, overflow="fold")
    tasks.add_column(plain(t("col_horizon")), ratio=2, overflow="fold")
    for row in report.tasks():
        tasks.add_row(
            plain(row.label),
            plain(f"{row.share * 100:.0f}%"),
            plain(report.g(row.genai)),
            plain(report.g(row.robotics_here)),
            plain(row.mode_label),
            plain(row.horizon_label),
        )
    parts.append(tasks)
    parts.append(plain(t("tasks_columns_note"), style="dim"))
    if result.answers.typical_mix:
        parts.append(plain(t("tasks_typical"), style="dim"))
    parts.append(Text(""))
    parts.append(plain(t("quadrant_heading"), style="bold"))
    parts.append(_quadrant(report))
    evidence = report.evidence()
    if evidence:
        parts += [Text(""), plain(t("market_heading"), style="bold")]
        found = Table.grid(padding=(0, 1))
        found.add_column(width=3, justify="right")
        found.add_column()
        for finding in evidence:
            found.add_row(Text("•"), plain(f"{finding.text} ({finding.short})"))
        parts.append(found)
    refs = report.references()
    if refs:
        table = Table(title=plain(t("references_heading")), title_justify="left", caption=plain(t("references_note")))
        for key in ("col_source", "col_measure", "col_value"):
            table.add_column(plain(t(key)), justify="right" if key == "col_value" else "left")
        for ref in refs:
            table.add_row(plain(ref.label), plain(ref.measure_label), plain(report.g(ref.value)))
        parts.append(Text(""))
        parts.append(table)
    if explain:
        parts += [Text(""), *_explain(report)]
    return Group(*parts)


def render_text(report: Report, console: Console, explain: bool = False) -> None:
    """Print the report on `console` (colour follows the console: off for NO_COLOR or a pipe).

    Off a terminal the lines lose the spaces rich pads them with, so a saved or piped report has no trailing blanks.
    """
    if console.is_terminal:
        console.print(build(report, explain))
        return
    with console.capture() as captured:
        console.print(build(report, explain))
    lines = captured.get().split("\n")
    console.file.write("\n".join(line.rstrip() for line in lines))
