"""The markdown report: a plain string for sharing, built by code."""

from __future__ import annotations

from aiexposure.escape import md, mermaid_label
from aiexposure.model.report import Report, widened
from aiexposure.pack.compiled import RISK


def _range(report: Report, score_id: str, before: str, brackets: bool = False) -> str:
    """' (range 45–79)' or '; range 45–79', or nothing when the sources agree to the point."""
    low, high = (f"{bound:.0f}" for bound in widened(report.range_of(score_id)))
    if low == high:
        return ""
    text = md(report.t("range", low=low, high=high))
    return f"{before}({text})" if brackets else f"{before}{text}"


def _banded(report: Report, score_id: str, band: str | None) -> str:
    """' (moderate; range 29–41)', ' (range 29–41)', ' (moderate)' or nothing, as the terminal report says it."""
    if band is None:
        return _range(report, score_id, " ", brackets=True)
    span = _range(report, score_id, "; ")
    return f" ({md(band)}{span})"


def _first_steps(report: Report) -> list[str]:
    """'Do this first': at most three steps, the risk points each removes when it is a top move."""
    t = report.t
    steps = report.first_steps()
    out = [f"## {md(t('moves_heading'))}", ""]
    if not steps:
        return [*out, md(t("no_moves"), line_start=True), ""]
    for number, step in enumerate(steps, 1):
        points = "" if step.risk_delta is None else f" ({md(t('risk_points', delta=report.num(-step.risk_delta)))})"
        out.append(f"{number}. {md(step.text)}{points}")
    return [*out, ""]


def _advice_sources(report: Report, advice_id: str) -> str:
    """The short names of what backs an advice item, e.g. ' _(KP 1001/2022; Prakerja)_'; nothing when none."""
    names = report.advice_sources(advice_id)
    return f" _({md(names)})_" if names else ""


def _axis(value: float, threshold: float) -> str:
    """Map a 0-100 axis so its threshold sits at the chart's midline, written as mermaid reads it.

    Mermaid's lexer takes 1 but not 1.0 (it reads numbers from 0 up to 1 as 0.x or 1).
    """
    if threshold <= 0:
        mapped = 0.5 + 0.5 * value / 100
    elif value < threshold:
        mapped = 0.5 * value / threshold
    else:
        mapped = 0.5 + 0.5 * (value - threshold) / max(100 - threshold, 1e-9)
    mapped = min(1.0, max(0.0, round(mapped, 3)))
    return "1" if mapped >= 1.0 else f"{mapped:g}"


def _quadrant(report: Report) -> list[str]:
    """The person in the verdict's quadrant: risk before adapting up, adaptation across."""
    t = report.t
    exposed, adapting = report.verdict_axes()
    names = {cell: mermaid_label(label) for cell, label in report.verdict_grid().items()}
    x_th, y_th = adapting.threshold, exposed.threshold
    lines = [
        "```mermaid",
        "quadrantChart",
        f"    title {mermaid_label(t('quadrant_heading'))}",
        f"    x-axis {mermaid_label(t('axis_adaptation_low'))} --> {mermaid_label(t('axis_adaptation_high'))}",
        f"    y-axis {mermaid_label(t('axis_exposure_low'))} --> {mermaid_label(t('axis_exposure_high'))}",
        f"    quadrant-1 {names[(True, True)]}",
        f"    quadrant-2 {names[(True, False)]}",
        f"    quadrant-3 {names[(False, False)]}",
        f"    quadrant-4 {names[(False, True)]}",
        f"    {mermaid_label(t('you'))}: [{_axis(adapting.value, x_th)}, {_axis(exposed.value, y_th)}]",
    ]
    # published figures are not placed here: no study measured this person's adaptation
    lines.append("```")
    return lines


def _headline(report: Report) -> list[str]:
    """Role, date, verdict, risk with band and range, the summary, then the scores and the verdict's axes."""
    t = report.t
    out = [
        f"**{md(t('role'))}:** {md(report.role_label)}  ",
        f"**{md(t('made_on'))}:** {md(report.when())}  ",
        f"**{md(t('verdict'))}:** {md(report.verdict_label)}  ",
        f"**{md(report.score_label(RISK))}:** {report.num(report.result.risk.value)}/100 ({md(report.band_label)}"
        f"{_range(report, RISK, '; ')})",
        "",
        md(" ".join([report.verdict_summary, *report.notes]), line_start=True),
        "",
    ]
    lines = [f"**{md(r.label)}:** {report.num(r.value)}/100{_banded(report, r.id, r.band)}" for r in report.readouts()]
    lines += [
        f"**{md(axis.label)}:** {report.num(axis.value)}/100{_range(report, axis.id, ' ', brackets=True)} "
        f"{md(axis.note)}"
        for axis in report.verdict_axes()
    ]
    out += [line + "  " for line in lines[:-1]] + lines[-1:] + [""]
    if report.result.ranges:
        out += [f"_{md(t('ranges_note'))}_", ""]
    return out


def _points(report: Report) -> list[str]:
    """Each of the article's points that has advice for this person: its score and the advice."""
    out = []
    for section in report.points():
        if not section.advice:  # nothing to say for this person under this point
            continue
        out += [
            f"## {md(report.t('point', number=section.number))}: {md(section.title)}",
            "",
            f"**{md(section.score_label)}:** {report.num(section.score)}/100 — {md(section.meaning)}",
            "",
        ]
        out += [f"- {md(text)}{_advice_sources(report, advice_id)}" for advice_id, _, text in section.advice]
        out.append("")
    return out


def _answers(report: Report) -> list[str]:
    t = report.t
    assumed_word = md(t("answer_assumed"))
    return [
        f"## {md(t('answers_heading'))}",
        "",
        *(
            f"- {md(prompt)} **{md(answer)}**" + (f" _({assumed_word})_" if assumed else "")
            for prompt, answer, assumed in report.answers()
        ),
    ]


def _tasks(report: Report) -> list[str]:
    """The task mix as a table, then why each task has its numbers and who says so."""
    t = report.t
    out = ["", f"## {md(t('tasks_heading'))}", ""]
    if report.result.answers.typical_mix:
        out += [f"_{md(t('tasks_typical'))}_", ""]
    rescaled = report.rescaled()
    if rescaled:
        out += [f"_{md(rescaled)}_", ""]
    out += [
        f"| {md(t('col_task'))} | {md(t('col_share'))} | {md(t('col_genai'))} | {md(t('col_robotics'))} | "
        f"{md(t('col_mode'))} | {md(t('col_horizon'))} |",
        "|---|--:|--:|--:|---|---|",
    ]
    rows = report.tasks()
    out += [
        f"| {md(r.label)} | {r.percent}% | {report.g(r.genai)} | {report.g(r.robotics_here)} | {md(r.mode_label)} | "
        f"{md(r.horizon_label)} |"
        for r in rows
    ]
    out += ["", f"**{md(t('tasks_why'))}**", ""]
    out += [f"- {md(r.label)}: {md(r.rationale)} ({md(report.sources_of(r))})" for r in rows]
    return out


def _evidence(report: Report) -> list[str]:
    evidence = report.evidence()
    if not evidence:
        return []
    return ["", f"## {md(report.t('market_heading'))}", "", *(f"- {md(e.text)} ({md(e.short)})" for e in evidence)]


def _faq(report: Report) -> list[str]:
    faq = report.faq()
    if not faq:
        return []
    out = [f"## {md(report.t('faq_heading'))}", ""]
    for question, answer in faq:
        out += [f"**{md(question)}**", "", md(answer, line_start=True), ""]
    return out


def _references(report: Report) -> list[str]:
    """The role's published figures beside the person's exposure, and the sources' full citations."""
    t = report.t
    refs = report.references()
    if not refs:
        return []
    out = [
        f"## {md(t('references_heading'))}",
        "",
        md(t("references_note"), line_start=True),
        "",
        md(report.your_exposure(), line_start=True),
        "",
        *[line for text in report.differences() for line in (md(text, line_start=True), "")],
        f"| {md(t('col_source'))} | {md(t('col_measure'))} | {md(t('col_value'))} |",
        "|---|---|--:|",
    ]
    out += [f"| {md(r.label)} | {md(r.measure_label)} | {report.g(r.value)} |" for r in refs]
    out += ["", f"### {md(t('sources_heading'))}", ""]
    out += [f"- **{md(short)}**: {md(citation)}" for short, citation in report.reference_sources()]
    out.append("")
    return out


def render_markdown(report: Report, explain: bool = False) -> str:
    """The whole markdown report."""
    t = report.t
    out: list[str] = [f"# {md(report.title)}", "", *_headline(report), *_first_steps(report)]
    assumed = report.assumed()
    if assumed:
        out += [f"> {md(assumed)}", ""]
    out += _points(report) + _answers(report) + _tasks(report) + _evidence(report)
    out += ["", f"## {md(t('quadrant_heading'))}", "", *_quadrant(report), ""]
    out += _faq(report) + _references(report)
    if explain:
        out += _explain(report)
    out.append(f"_{md(report.pack_line)}_")
    return "\n".join(out) + "\n"


def _explain(report: Report) -> list[str]:
    t = report.t
    out = [f"## {md(t('explain_heading'))}", "", md(t("explain_note"), line_start=True), ""]
    for score in report.explained():
        out += [
            f"**{md(score.title)}: {score.value}**",
            "",
            f"| {md(t('col_term'))} | {md(t('col_value'))} | {md(t('col_weight'))} | {md(t('col_contribution'))} |",
            "|---|--:|--:|--:|",
        ]
        out += [f"| {md(row.name)} | {row.value} | {row.weight} | {md(row.effect)} |" for row in score.rows]
        out.append("")
    return out
