"""The HTML report: one self-contained page (inline CSS and SVG, no script, nothing from the network) that reads
on a 360 px phone and prints, with the same content in the same order as the markdown report."""

from __future__ import annotations

from aiexposure.escape import esc
from aiexposure.model.report import Readout, Report, widened
from aiexposure.pack.compiled import RISK
from aiexposure.render.svg import Quadrant, band_bar, quadrant, score_bar, share_bar, swatch

_CSS = """
:root{--ink:#1d2330;--muted:#545d6d;--line:#d5d9e0;--track:#e6e9ef;--paper:#fff;--soft:#f5f6f8;
--high:#1f7a5a;--low:#c0641d;--neutral:#3d6aa3;--b0:#4c9a5f;--b1:#d9b310;--b2:#e07b24;--b3:#c2362f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--ink);overflow-wrap:break-word;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1rem .9rem 2rem;background:var(--paper)}
h1{font-size:1.45rem;line-height:1.25;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;line-height:1.3;margin:1.8rem 0 .6rem;padding-top:.9rem;border-top:1px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
p,ul,ol{margin:.5rem 0}
ul,ol{padding-left:1.3rem}
li{margin:.35rem 0}
.meta{display:flex;flex-wrap:wrap;gap:.2rem 1.4rem;margin:0;color:var(--muted)}
.meta div{display:block}
.meta dt{display:inline}.meta dd{display:inline;margin-left:.3rem}
dd{margin:0}
.headline{margin:1rem 0;padding:.8rem .9rem;border-left:6px solid var(--b3);background:var(--soft);border-radius:4px}
.headline.b0{border-color:var(--b0)}.headline.b1{border-color:var(--b1)}.headline.b2{border-color:var(--b2)}
.verdict{font-size:1.25rem;margin:0}
.verdict strong{font-size:1.5rem}
.risk{margin:.3rem 0}
.risk strong{font-size:1.2rem}
.bandnames{position:relative;height:1.3em;margin:.1rem .6rem .4rem;font-size:.75rem;color:var(--muted)}
.bandnames span{position:absolute;top:0;transform:translateX(-50%);white-space:nowrap}
.bandnames .here{color:var(--ink);font-weight:700}
.label{font-weight:600}
.readouts{margin:1rem 0}
.readout{margin:.7rem 0}
.readout p{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 .8rem;margin:0 0 .15rem}
.note,.assumed,.assumed-short,.typical{color:var(--muted);font-size:.92rem}
.assumed{border-left:3px solid var(--line);padding-left:.7rem}
svg{display:block}
svg.bar{width:100%;height:16px}
svg.bands{height:20px}
svg.share{height:10px;margin:.2rem 0}
svg.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
svg.quadrant{width:100%;max-width:26rem;height:auto;margin:.5rem auto}
.track{fill:var(--track)}
.fill.good-high{fill:var(--high)}.fill.good-low{fill:var(--low)}.fill.neutral{fill:var(--neutral)}
.fill.augment{fill:var(--neutral)}.fill.substitute{fill:var(--low)}
.whisker{stroke:var(--ink);stroke-width:2;fill:none}
.threshold{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:4 3;fill:none}
.marker{stroke:var(--ink);stroke-width:4}
.band{opacity:.45}.band.here{opacity:1}
.band0{fill:var(--b0)}.band1{fill:var(--b1)}.band2{fill:var(--b2)}.band3{fill:var(--b3)}
.first ol{padding-left:1.6rem}
.first li{font-weight:600}
.points{font-weight:400;color:var(--muted);white-space:nowrap}
.sources{color:var(--muted);font-style:italic}
.answers li span{color:var(--muted)}
.tasks{list-style:none;padding:0}
.tasks li{margin:.9rem 0}
.task-head{display:flex;justify-content:space-between;gap:.8rem;font-weight:600}
.facts{display:flex;flex-wrap:wrap;gap:0 1rem;margin:0;font-size:.9rem;color:var(--muted)}
.facts div{display:flex;gap:.3rem}
.facts dd{color:var(--ink)}
.legend{display:flex;flex-wrap:wrap;gap:0 1.2rem;font-size:.9rem;color:var(--muted);margin:.3rem 0}
.region{stroke:none}
.exposed-waiting{fill:#f6d6d3}.exposed-adapting{fill:#fae6c8}.safe-waiting{fill:#e3e8f0}.safe-adapting{fill:#d6ecdf}
.region.here{filter:saturate(1.8)}
.frame{fill:none;stroke:var(--muted);stroke-width:1}
.quadrant text{font-size:13px;fill:var(--ink)}
.quadrant .tick{font-size:11px;fill:var(--muted)}
.quadrant .region-name{fill:var(--muted)}
.quadrant .region-name.here,.quadrant .you-label{font-weight:700;fill:var(--ink)}
.you{fill:var(--ink);stroke:#fff;stroke-width:2}
.you-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
.faq dt{font-weight:600;margin-top:.9rem}
.faq dd{margin:.3rem 0 0}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem;font-style:italic}
@media (min-width:40rem){main{padding:1.6rem 2rem 2.5rem;margin:1.5rem auto;border-radius:6px}}
@media print{
@page{margin:14mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:10.5pt}
main{max-width:none;margin:0;padding:0}
h2{break-after:avoid;page-break-after:avoid}
h3,.task-head{break-after:avoid;page-break-after:avoid}
li,.readout,.headline,svg,tr,.faq dd,.scroll{break-inside:avoid;page-break-inside:avoid}
svg.quadrant{max-width:11cm}
}
"""


def _range(report: Report, score_id: str) -> str:
    """'range 45–79', or nothing when the sources agree to the point."""
    low, high = widened(report.range_of(score_id))
    if f"{low:.0f}" == f"{high:.0f}":
        return ""
    return report.t("range", low=f"{low:.0f}", high=f"{high:.0f}")


def _kind(good_high: bool | None) -> str:
    return "neutral" if good_high is None else "good-high" if good_high else "good-low"


def _headline(report: Report) -> list[str]:
    """Verdict, risk with its band and range on the bands, and the summary with the notes that fit."""
    t = report.t
    result = report.result
    bands = report.bands()
    here = next((n for n, band in enumerate(bands) if band.here), len(bands) - 1)
    colour = round(3 * here / (len(bands) - 1)) if len(bands) > 1 else 3
    spans = [(band.start, band.end, band.here) for band in bands]
    extra = _range(report, RISK)
    risk_label = report.score_label(RISK)
    said = f"{risk_label}: {report.num(result.risk.value)}/100 ({report.band_label}{'; ' + extra if extra else ''})"
    low, high = widened(report.range_of(RISK))
    names = "".join(
        f'<span class="{"here" if band.here else "other"}" style="left:{_pct((band.start + band.end) / 2)}">'
        f"{esc(band.label)}</span>"
        for band in bands
    )
    return [
        f'<section class="headline b{colour}">',
        f'<p class="verdict">{esc(t("verdict"))}: <strong>{esc(report.verdict_label)}</strong></p>',
        f'<p class="risk"><span class="label">{esc(risk_label)}:</span> '
        f"<strong>{report.num(result.risk.value)}</strong>"
        f"/100 ({esc(report.band_label)}{esc('; ' + extra) if extra else ''})</p>",
        band_bar(spans, result.risk.value, low, high, said),
        f'<div class="bandnames" aria-hidden="true">{names}</div>',
        f"<p>{esc(' '.join([report.verdict_summary, *report.notes]))}</p>",
        *([f'<p class="assumed-short">{esc(assumed)}</p>'] if (assumed := report.assumed_short()) else []),
        "</section>",
    ]


def _pct(value: float) -> str:
    """A CSS width in percent (always with a decimal point)."""
    return f"{max(0.0, min(100.0, value)):.2f}%"


def _readout_line(
    report: Report, label: str, score_id: str, value: float, good: bool | None, line: str = "", band: str | None = None
) -> str:
    """One score: its name and value (with band, range and any threshold note) above a bar with a range whisker."""
    extra = "; ".join(part for part in (band, _range(report, score_id)) if part)
    said = f"{report.num(value)}/100" + (f" ({extra})" if extra else "") + (f" {line}" if line else "")
    low, high = widened(report.range_of(score_id))
    threshold = report.threshold_of(score_id)  # the verdict's axes carry their threshold
    return (
        f'<div class="readout"><p><span class="label">{esc(label)}</span> <span>{esc(said)}</span></p>'
        f"{score_bar(value, low, high, _kind(good), f'{label}: {said}', threshold)}</div>"
    )


def _readouts(report: Report, readouts: list[Readout]) -> list[str]:
    t = report.t
    out = ['<section class="readouts">']
    out += [_readout_line(report, r.label, r.id, r.value, r.good_high, band=r.band) for r in readouts]
    out += [_readout_line(report, a.label, a.id, a.value, a.good_high, a.note) for a in report.verdict_axes()]
    if report.result.ranges:
        out.append(f'<p class="note">{esc(t("ranges_note"))}</p>')
    out.append("</section>")
    return out


def _first_steps(report: Report) -> list[str]:
    """'Do this first': at most three steps, the risk points each removes when it is a top move."""
    t = report.t
    out = ['<section class="first">', f"<h2>{esc(t('moves_heading'))}</h2>"]
    steps = report.first_steps()
    if not steps:
        return [*out, f"<p>{esc(t('no_moves'))}</p>", "</section>"]
    out.append("<ol>")
    for step in steps:
        points = ""
        if step.risk_delta is not None:
            points = f' <span class="points">({esc(t("risk_points", delta=report.num(-step.risk_delta)))})</span>'
        out.append(f"<li>{esc(step.text)}{points}</li>")
    return [*out, "</ol>", "</section>"]


def _points(report: Report) -> list[str]:
    """Each point that has something to say for this person, with its score and advice."""
    t = report.t
    out: list[str] = []
    for section in report.points():
        if not section.advice:
            continue
        out += [
            "<section>",
            f"<h2>{esc(t('point', number=section.number))}: {esc(section.title)}</h2>",
            f'<p><span class="label">{esc(section.score_label)}:</span> {report.num(section.score)}/100 — '
            f"{esc(section.meaning)}</p>",
            "<ul>",
        ]
        out += [f"<li>{esc(text)}{_advice_sources(report, advice_id)}</li>" for advice_id, _, text in section.advice]
        out += ["</ul>", "</section>"]
    return out


def _advice_sources(report: Report, advice_id: str) -> str:
    names = report.advice_sources(advice_id)
    return f' <span class="sources">({esc(names)})</span>' if names else ""


def _answers(report: Report) -> list[str]:
    t = report.t
    out = ['<section class="answers">', f"<h2>{esc(t('answers_heading'))}</h2>", "<ul>"]
    assumed_word = esc(t("answer_assumed"))
    out += [
        f"<li>{esc(prompt)} <strong>{esc(answer)}</strong>"
        + (f" <span>({assumed_word})</span>" if assumed else "")
        + "</li>"
        for prompt, answer, assumed in report.answers()
    ]
    return [*out, "</ul>", "</section>"]


def _tasks(report: Report) -> list[str]:
    """The task mix as bars of time, each with its numbers, then why the numbers are what they are."""
    t = report.t
    rows = report.tasks()
    out = ["<section>", f"<h2>{esc(t('tasks_heading'))}</h2>"]
    if report.result.answers.typical_mix:
        out.append(f'<p class="typical">{esc(t("tasks_typical"))}</p>')
    rescaled = report.rescaled()
    if rescaled:
        out.append(f'<p class="typical">{esc(rescaled)}</p>')
    modes = dict.fromkeys(r.mode for r in rows)
    legend = f'<span class="label">{esc(t("col_mode"))}:</span>' + "".join(
        f"<span>{swatch(mode)}{esc(t(f'mode_{mode}'))}</span>" for mode in modes
    )
    out += [f'<p class="legend">{legend}</p>', '<ul class="tasks">']
    for r in rows:
        share = f"{r.percent}%"
        facts = [
            (t("col_genai"), report.g(r.genai)),
            (t("col_robotics"), report.g(r.robotics_here)),
            (t("col_mode"), r.mode_label),
            (t("col_horizon"), r.horizon_label),
        ]
        out += [
            "<li>",
            f'<div class="task-head"><span>{esc(r.label)}</span><span>{share}</span></div>',
            share_bar(r.share, r.mode, f"{r.label}: {t('col_share')} {share}"),
            '<dl class="facts">'
            + "".join(f"<div><dt>{esc(name)}:</dt><dd>{esc(value)}</dd></div>" for name, value in facts)
            + "</dl>",
            "</li>",
        ]
    out += ["</ul>", f"<h3>{esc(t('tasks_why'))}</h3>", "<ul>"]
    out += [
        f'<li><span class="label">{esc(r.label)}:</span> {esc(r.rationale)} '
        f'<span class="sources">({esc(report.sources_of(r))})</span></li>'
        for r in rows
    ]
    return [*out, "</ul>", "</section>"]


def _evidence(report: Report) -> list[str]:
    evidence = report.evidence()
    if not evidence:
        return []
    out = ["<section>", f"<h2>{esc(report.t('market_heading'))}</h2>", "<ul>"]
    out += [f'<li>{esc(e.text)} <span class="sources">({esc(e.short)})</span></li>' for e in evidence]
    return [*out, "</ul>", "</section>"]


def _quadrant(report: Report) -> list[str]:
    """The person on the verdict's two axes: risk before adapting up, adaptation across, the pack's thresholds."""
    t = report.t
    exposed, adapting = report.verdict_axes()
    x_low, x_high = report.range_of(adapting.id)
    y_low, y_high = report.range_of(exposed.id)
    x_th, y_th = adapting.threshold, exposed.threshold
    chart = Quadrant(
        title=t("quadrant_heading"),
        x_label=t("axis_adaptation"),
        y_label=t("axis_exposure"),
        x_threshold=x_th,
        y_threshold=y_th,
        names=report.verdict_grid(),
        x=adapting.value,
        y=exposed.value,
        x_low=x_low,
        x_high=x_high,
        y_low=y_low,
        y_high=y_high,
        you=t("you"),
        x_ticks=tuple((v, report.g(v)) for v in dict.fromkeys((0.0, x_th, 100.0))),
        y_ticks=tuple((v, report.g(v)) for v in dict.fromkeys((0.0, y_th, 100.0))),
    )
    return ["<section>", f"<h2>{esc(t('quadrant_heading'))}</h2>", quadrant(chart), "</section>"]


def _faq(report: Report) -> list[str]:
    faq = report.faq()
    if not faq:
        return []
    out = ["<section>", f"<h2>{esc(report.t('faq_heading'))}</h2>", '<dl class="faq">']
    for question, answer in faq:
        out += [f"<dt>{esc(question)}</dt>", f"<dd>{esc(answer)}</dd>"]
    return [*out, "</dl>", "</section>"]


def _references(report: Report) -> list[str]:
    t = report.t
    refs = report.references()
    if not refs:
        return []
    out = [
        "<section>",
        f"<h2>{esc(t('references_heading'))}</h2>",
        f"<p>{esc(t('references_note'))}</p>",
        f"<p>{esc(report.your_exposure())}</p>",
        *[f'<p class="note">{esc(text)}</p>' for text in report.differences()],
        '<div class="scroll"><table>',
        f"<thead><tr><th>{esc(t('col_source'))}</th><th>{esc(t('col_measure'))}</th>"
        f'<th class="num">{esc(t("col_value"))}</th></tr></thead><tbody>',
    ]
    out += [
        f'<tr><td>{esc(r.label)}</td><td>{esc(r.measure_label)}</td><td class="num">{esc(report.g(r.value))}</td></tr>'
        for r in refs
    ]
    out += ["</tbody></table></div>", f"<h3>{esc(t('sources_heading'))}</h3>", "<ul>"]
    out += [f'<li><span class="label">{esc(short)}:</span> {esc(c)}</li>' for short, c in report.reference_sources()]
    return [*out, "</ul>", "</section>"]


def _explain(report: Report) -> list[str]:
    t = report.t
    out = ["<section>", f"<h2>{esc(t('explain_heading'))}</h2>", f'<p class="note">{esc(t("explain_note"))}</p>']
    for score in report.explained():
        out += [
            f"<h3>{esc(score.title)}: {score.value}</h3>",
            '<div class="scroll"><table>',
            f'<thead><tr><th>{esc(t("col_term"))}</th><th class="num">{esc(t("col_value"))}</th>'
            f'<th class="num">{esc(t("col_weight"))}</th><th class="num">{esc(t("col_contribution"))}</th>'
            "</tr></thead><tbody>",
        ]
        out += [
            f'<tr><td>{esc(row.name)}</td><td class="num">{row.value}</td>'
            f'<td class="num">{esc(row.weight)}</td><td class="num">{esc(row.effect)}</td></tr>'
            for row in score.rows
        ]
        out.append("</tbody></table></div>")
    return [*out, "</section>"]


def render_html(report: Report, explain: bool = False) -> str:
    """The whole page."""
    t = report.t
    title = f"{report.title} — {report.role_label}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{esc(report.title)}</h1>",
        '<dl class="meta">',
        f"<div><dt>{esc(t('role'))}:</dt><dd><strong>{esc(report.role_label)}</strong></dd></div>",
        f"<div><dt>{esc(t('made_on'))}:</dt><dd>{esc(report.when())}</dd></div>",
        "</dl>",
        "</header>",
    ]
    out += _headline(report)
    out += _readouts(report, report.readouts())
    out += _first_steps(report)
    assumed = report.assumed()
    if assumed:
        out.append(f'<p class="assumed">{esc(assumed)}</p>')
    out += _points(report)
    out += _answers(report)
    out += _tasks(report)
    out += _evidence(report)
    out += _quadrant(report)
    out += _faq(report)
    out += _references(report)
    if explain:
        out += _explain(report)
    out += [
        f"<footer>{esc(report.pack_line)}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


PAGE_CSS = _CSS  # the report's look, for other pages of the same kind (a class's summary.html)
