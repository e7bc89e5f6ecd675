"""The terminal report, drawn with rich; text from the pack or user is never read as markup."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aiexposure.escape import visible
from aiexposure.model.report import Report, widened
from aiexposure.pack.compiled import RISK

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
        shown = "; ".join(part for part in (readout.band, _range(report, readout.id)) if part)
        meter = bar(readout.value, readout.good_high, shown=report.num(readout.value))
        grid.add_row(plain(readout.label), meter, plain(f"({shown})" if shown else ""))
    for axis in report.verdict_axes():
        shown = _range(report, axis.id)
        grid.add_row(
            plain(axis.label),
            bar(axis.value, axis.good_high, axis.threshold, report.num(axis.value)),
            plain(f"({shown}) {axis.note}" if shown else axis.note),
        )
    return grid


def _quadrant(report: Report) -> Table:
    """A 2x2 grid, exposure up, adaptation right, with the person's cell marked."""
    names = report.verdict_grid()
    grid = Table(show_header=True, box=None, padding=(0, 2))
    grid.add_column(plain("↑ " + report.t("axis_exposure")))
    grid.add_column(plain(""))
    you = report.t("you")
    for row in (True, False):
        cells = []
        for col in (False, True):
            label = plain(names[row, col])
            if (row, col) == report.verdict_cell:
                label = Text("● ", style="bold") + label + Text(f" ({you})", style="bold")
            cells.append(Panel(label, width=28))
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


def _headline(report: Report) -> list[RenderableType]:
    """The panel: verdict, risk with band and range, the summary, and the scores."""
    t = report.t
    head = Text()
    head.append(t("verdict") + ": ", style="bold")
    head.append_text(plain(report.verdict_label.upper()))
    head.append("    " + report.score_label(RISK) + ": ", style="bold")
    head.append(f"{report.num(report.result.risk.value)}/100 ")
    shown = _range(report, RISK)
    head.append_text(plain(f"({report.band_label}; {shown})" if shown else f"({report.band_label})"))
    head.append("\n")
    head.append_text(plain(" ".join([report.verdict_summary, *report.notes])))
    title = plain(f"{report.title} — {report.role_label}")
    parts: list[RenderableType] = [Panel(Group(head, Text(""), _scores(report)), title=title, title_align="left")]
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


def _points(report: Report) -> list[RenderableType]:
    """Each of the article's points that has advice for this person: its score and the advice."""
    parts: list[RenderableType] = []
    for section in report.points():
        if not section.advice:  # nothing to say for this person under this point
            continue
        heading = plain(report.t("point", number=section.number) + ": ", style="bold")
        heading.append_text(plain(section.title))
        meter = bar(section.score, section.good_high, shown=report.num(section.score))
        parts += [
            Text(""),
            heading,
            plain(section.score_label + "  ") + meter,
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


def _tasks(report: Report) -> list[RenderableType]:
    """The task mix; words wrap, and a word wider than its column folds rather than being cut with an ellipsis."""
    t = report.t
    # the numbers take only the room they need, so the words get the rest of a narrow screen
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
    parts: list[RenderableType] = [tasks, plain(t("tasks_columns_note"), style="dim")]
    if report.result.answers.typical_mix:
        parts.append(plain(t("tasks_typical"), style="dim"))
    return parts


def _evidence(report: Report) -> list[RenderableType]:
    evidence = report.evidence()
    if not evidence:
        return []
    found = _bullets([plain(f"{finding.text} ({finding.short})") for finding in evidence], "•")
    return [Text(""), plain(report.t("market_heading"), style="bold"), found]


def _references(report: Report) -> list[RenderableType]:
    t = report.t
    refs = report.references()
    if not refs:
        return []
    table = Table(title=plain(t("references_heading")), title_justify="left", caption=plain(t("references_note")))
    for key in ("col_source", "col_measure", "col_value"):
        table.add_column(plain(t(key)), justify="right" if key == "col_value" else "left")
    for ref in refs:
        table.add_row(plain(ref.label), plain(ref.measure_label), plain(report.g(ref.value)))
    return [Text(""), table]


def build(report: Report, explain: bool = False) -> Group:
    """Everything the terminal report shows, in order."""
    parts = _headline(report) + _first_steps(report)
    assumed = report.assumed()
    if assumed:
        parts.append(plain(assumed, style="dim"))
    parts += _points(report) + _faq(report)
    parts += [Text(""), *_answers(report), *_tasks(report), Text("")]
    parts += [plain(report.t("quadrant_heading"), style="bold"), _quadrant(report)]
    parts += _evidence(report) + _references(report)
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
