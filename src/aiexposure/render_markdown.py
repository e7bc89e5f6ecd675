"""The markdown report: a plain string for sharing, built by code."""

from __future__ import annotations

import re

from aiexposure.report import Report, explained, term_name, widened
from aiexposure.safetext import stripped

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_LEADING = re.compile(r"^(\s*\d*)([#>+=.)-])")
_MERMAID_UNSAFE = re.compile(r"[^\w .,'-]", re.UNICODE)


def md(text: str, line_start: bool = False) -> str:
    """Escape text from the pack or the user so it cannot change the markdown's structure."""
    text = stripped(text).replace("\r", " ").replace("\n", " ")
    text = _SPECIAL.sub(r"\\\1", text)
    if line_start:  # a line that starts like a heading, quote or list item must stay a paragraph
        text = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text


def mermaid_label(text: str) -> str:
    """A label mermaid reads as plain words."""
    return " ".join(_MERMAID_UNSAFE.sub(" ", stripped(text)).split())[:40] or "-"


def mermaid_text(text: str) -> str:
    """Text for inside a mermaid double-quoted string: no quotes, no line breaks, nothing mermaid reads as markup."""
    return " ".join(re.sub(r'["`#;<>{}\[\]]', " ", stripped(text)).split())[:60] or "-"


def _range(report: Report, score_id: str, before: str, brackets: bool = False) -> str:
    """' (range 45–79)' or '; range 45–79', or nothing when the sources agree to the point."""
    low, high = (f"{bound:.0f}" for bound in widened(report.range_of(score_id)))
    if low == high:
        return ""
    text = md(report.t("range", low=low, high=high))
    return f"{before}({text})" if brackets else f"{before}{text}"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


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
    scoring = report.pack.scoring
    adapting, exposed = report.axes()
    names = {(v.exposed, v.adapting): mermaid_label(v.label(report.lang)) for v in scoring.verdicts.values()}
    x_th, y_th = scoring.adapting.threshold, scoring.exposed.threshold
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


def render_markdown(report: Report, explain: bool = False) -> str:
    """The whole markdown report."""
    t = report.t
    result = report.result
    out: list[str] = [f"# {md(t('report_title'))}", ""]
    out += [
        f"**{md(t('role'))}:** {md(report.role_label)}  ",
        f"**{md(t('verdict'))}:** {md(report.verdict_label)}  ",
        f"**{md(report.score_label('risk'))}:** {result.risk.value:.1f}/100 ({md(report.band_label)}"
        f"{_range(report, 'risk', '; ')})",
        "",
        md(" ".join([report.verdict_summary, *report.notes]), line_start=True),
        "",
    ]
    lines = [
        f"**{md(r.label)}:** {r.value:.1f}/100{_range(report, r.id, ' ', brackets=True)}" for r in report.readouts()
    ]
    scoring = report.pack.scoring
    for axis, value in ((scoring.exposed, result.exposed), (scoring.adapting, result.adapting)):
        line = t("axis_threshold", threshold=f"{axis.threshold:g}")
        lines.append(
            f"**{md(axis.label(report.lang))}:** {value.value:.1f}/100"
            f"{_range(report, value.id, ' ', brackets=True)} {md(line)}"
        )
    out += [line + "  " for line in lines[:-1]] + lines[-1:] + [""]
    if result.ranges:
        out += [f"_{md(t('ranges_note'))}_", ""]
    assumed = report.assumed()
    if assumed:
        out += [f"> {md(assumed)}", ""]
    for section in report.points():
        out += [
            f"## {md(t('point', number=section.number))}: {md(section.title)}",
            "",
            f"**{md(section.score_label)}:** {section.score:.1f}/100 — {md(section.meaning)}",
            "",
        ]
        out += [f"- {md(text)}" for _, _, text in section.advice] or [f"_{md(t('no_advice'))}_"]
        out.append("")
    out += [f"## {md(t('moves_heading'))}", ""]
    if result.moves:
        out += [md(t("moves_intro"), line_start=True), ""]
        for number, move in enumerate(result.moves, 1):
            points = md(t("risk_points", delta=f"{move.risk_delta:.1f}"))
            out.append(f"{number}. {md(report.move_text(move))} ({points})")
    else:
        out.append(md(t("no_moves"), line_start=True))
    out += ["", f"## {md(t('tasks_heading'))}", ""]
    if result.answers.typical_mix:
        out += [f"_{md(t('tasks_typical'))}_", ""]
    out += [
        f"| {md(t('col_task'))} | {md(t('col_share'))} | {md(t('col_genai'))} | {md(t('col_robotics'))} | "
        f"{md(t('col_mode'))} | {md(t('col_horizon'))} |",
        "|---|--:|--:|--:|---|---|",
    ]
    out += [
        f"| {md(r.label)} | {_pct(r.share)} | {r.genai:g} | {r.robotics_here:g} | {md(r.mode_label)} | "
        f"{md(r.horizon_label)} |"
        for r in report.tasks()
    ]
    out += ["", f"**{md(t('tasks_why'))}**", ""]
    out += [f"- {md(r.label)}: {md(r.rationale)} ({md(report.sources_of(r))})" for r in report.tasks()]
    evidence = report.evidence()
    if evidence:
        out += ["", f"## {md(t('market_heading'))}", ""]
        out += [f"- {md(e.text)} ({md(e.short)})" for e in evidence]
    out += ["", f"## {md(t('quadrant_heading'))}", "", *_quadrant(report), ""]
    faq = report.faq()
    if faq:
        out += [f"## {md(t('faq_heading'))}", ""]
        for question, answer in faq:
            out += [f"**{md(question)}**", "", md(answer, line_start=True), ""]
    refs = report.references()
    if refs:
        low, high = widened(report.range_of("exposure"))
        shown = t("range", low=f"{low:.0f}", high=f"{high:.0f}")
        out += [
            f"## {md(t('references_heading'))}",
            "",
            md(t("references_note"), line_start=True),
            "",
            md(t("your_exposure", value=f"{result.scores['exposure'].value:.1f}", range=shown), line_start=True),
            "",
            f"| {md(t('col_source'))} | {md(t('col_measure'))} | {md(t('col_value'))} |",
            "|---|---|--:|",
        ]
        out += [f"| {md(r.label)} | {md(r.measure_label)} | {r.value:g} |" for r in refs]
        out += ["", f"### {md(t('sources_heading'))}", ""]
        seen: list[str] = []
        for r in refs:
            if r.source not in seen:
                seen.append(r.source)
                out.append(f"- **{md(r.short)}**: {md(r.citation)}")
        out.append("")
    if explain:
        out += _explain(report)
    pack = report.pack.pack
    out.append(f"_{md(t('pack'))}: {md(pack.name(report.lang))} ({md(pack.id)} {md(pack.version)})_")
    return "\n".join(out) + "\n"


def _explain(report: Report) -> list[str]:
    t = report.t
    result = report.result
    out = [f"## {md(t('explain_heading'))}", ""]
    for score in (*result.scores.values(), result.risk, result.exposed, result.adapting):
        out += [
            f"**{md(report.score_label(score.id))}: {score.value:.1f}**",
            "",
            f"| {md(t('col_term'))} | {md(t('col_value'))} | {md(t('col_weight'))} | {md(t('col_contribution'))} |",
            "|---|--:|--:|--:|",
        ]
        for term in score.terms:
            out.append(f"| {md(term_name(term))} | {term.value:.3f} | {term.weight:g} | {md(explained(term))} |")
        out.append("")
    return out
