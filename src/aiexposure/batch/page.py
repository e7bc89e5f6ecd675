"""summary.html: the class at a glance on one self-contained page (inline CSS and SVG, no script, nothing remote),
for a laptop on a projector as much as for a phone: the same counts as summary.md, drawn.

Every number a person reads is written in their language (a decimal comma in Indonesian); every text goes
through `esc`. Before and after are told apart by colour (grey, blue) and by position (before above or left),
with a legend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiexposure.batch.summary import Cohort, number, signed, verdict_legend
from aiexposure.escape import esc
from aiexposure.model.report import step_text
from aiexposure.pack.compiled import RISK
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, in_family
from aiexposure.render.html import PAGE_CSS
from aiexposure.render.svg import changes, pair_bars, score_bar, stacked_bar, swatch

if TYPE_CHECKING:
    from aiexposure.batch.before import BeforeAfter

MOVES_SHOWN = 10
_CSS = """
main{max-width:60rem}
.v0{fill:var(--b3)}.v1{fill:var(--b2)}.v2{fill:var(--b1)}.v3{fill:var(--b0)}.v4{fill:#7a2f6b}
.s0{fill:var(--b0)}.s1{fill:var(--b1)}.s2{fill:var(--b2)}.s3{fill:var(--b3)}
svg.stacked{height:18px;margin:.2rem 0 .1rem}
svg.pair{height:20px}
.before{fill:#8a94a6}.after{fill:#1f6fb4}
svg.changes{width:100%;height:auto;max-width:40rem}
.changes .move{stroke:var(--ink);stroke-width:1}
.changes .grid{stroke:var(--line);stroke-width:.5}
.changes .tick{font-size:10px;fill:var(--muted)}
.role{margin:.9rem 0}
.role h3{margin:.2rem 0}
.grid2{display:grid;grid-template-columns:1fr;gap:0 2rem}
@media (min-width:48rem){.grid2{grid-template-columns:1fr 1fr}}
.callout{border-left:6px solid var(--b3);background:var(--soft);padding:.6rem .8rem;border-radius:4px;font-weight:600}
.big{font-size:1.4rem;font-weight:700}
.steps li{margin:.5rem 0}
"""


class _Page:
    """The sections of summary.html for one class in one language."""

    def __init__(self, cohort: Cohort, lang: Lang) -> None:
        self.cohort, self.lang, self.pack = cohort, lang, cohort.pack
        self.t = Texts(cohort.pack, lang)
        self.roles = [r for r in self.pack.roles if cohort.by_role[r]]
        self.verdicts = list(self.pack.scoring.verdicts)

    def num(self, value: float) -> str:
        return number(value, self.lang)

    def verdict_class(self, verdict: str) -> str:
        """A verdict's colour: threat red ... ready green, by its two axes; one kept for some bands its own."""
        item = self.pack.scoring.verdicts[verdict]
        return "v4" if item.bands else f"v{(0 if item.exposed else 2) + (1 if item.adapting else 0)}"

    def legend(self, kinds: list[tuple[str, str]]) -> str:
        """Swatches with their names, for a drawing's colours."""
        items = "".join(f"<span>{_swatch(kind)}{esc(name)}</span>" for kind, name in kinds)
        return f'<p class="legend">{items}</p>'

    def head(self, source: str) -> list[str]:
        cohort, t = self.cohort, self.t
        accepted = cohort.rows - cohort.rejected
        out = [f"<h1>{esc(t('batch_title'))}</h1>"]
        out.append(
            "<p>"
            + esc(t("batch_counts", rows=cohort.rows, scored=accepted, rejected=cohort.rejected, source=source))
            + "</p>"
        )
        if cohort.replaced_count:
            out.append(f'<p class="note">{esc(t("batch_replaced_note", count=cohort.replaced_count))}</p>')
        if cohort.empty:
            out.append(f'<p class="note">{esc(t("batch_empty_note", count=cohort.empty))}</p>')
        return out

    def by_role(self) -> list[str]:
        """Each role's people split by verdict, drawn, with the counts written beside."""
        cohort, t, lang = self.cohort, self.t, self.lang
        verdicts = self.pack.scoring.verdicts
        out = ["<section>", f"<h2>{esc(t('batch_by_role'))}</h2>"]
        out.append(self.legend([(self.verdict_class(v), verdicts[v].label(lang)) for v in self.verdicts]))
        out.append(f'<p class="note">{esc(verdict_legend(self.pack, self.lang))}</p>')
        for r in self.roles:
            counts = [(cohort.role_verdicts[r, v], v) for v in self.verdicts]
            said = ", ".join(f"{verdicts[v].label(lang)} {n}" for n, v in counts if n)
            name = self.pack.roles[r].label(lang)
            out += [
                '<div class="role">',
                f'<p class="task-head"><span>{esc(name)}</span><span>{cohort.by_role[r]}</span></p>',
                stacked_bar([(n, self.verdict_class(v)) for n, v in counts], f"{name}: {said}"),
                f'<p class="note">{esc(said)}</p>',
                "</div>",
            ]
        return [*out, "</section>"]

    def by_band(self) -> list[str]:
        """The class's people by risk band, on one bar."""
        cohort, t, lang = self.cohort, self.t, self.lang
        bands = self.pack.scoring.bands
        kinds = [f"s{round(3 * i / (len(bands) - 1)) if len(bands) > 1 else 3}" for i in range(len(bands))]
        said = ", ".join(f"{b.label(lang)} {cohort.bands[b.id]}" for b in bands)
        return [
            "<section>",
            f"<h2>{esc(t('batch_by_band'))}</h2>",
            self.legend([(kind, b.label(lang).capitalize()) for kind, b in zip(kinds, bands, strict=True)]),
            stacked_bar([(cohort.bands[b.id], kind) for kind, b in zip(kinds, bands, strict=True)], said),
            f'<p class="note">{esc(said)}</p>',
            "</section>",
        ]

    def readouts(self) -> list[str]:
        """Each role's mean readouts and risk as bars, in its family's words."""
        cohort, t, lang, pack = self.cohort, self.t, self.lang, self.pack
        scoring = pack.scoring
        out = ["<section>", f"<h2>{esc(t('batch_scores'))}</h2>", f'<p class="note">{esc(t("batch_page_means"))}</p>']
        out.append('<div class="grid2">')
        for r in self.roles:
            role = pack.roles[r]
            out += ['<div class="role">', f"<h3>{esc(role.label(lang))}</h3>"]
            for score_id in [*scoring.readouts.get(role.family, []), RISK]:
                definition = scoring.scores.get(score_id, scoring.risk)
                label = in_family(definition, role.family, "label")(lang)
                value = cohort.scores[r, score_id].mean
                good = getattr(definition, "good", "low")
                kind = "neutral" if good is None else "good-high" if good == "high" else "good-low"
                said = f"{self.num(value)}/100"
                out.append(
                    f'<div class="readout"><p><span class="label">{esc(label)}</span> <span>{esc(said)}</span></p>'
                    f"{score_bar(value, value, value, kind, f'{label}: {said}')}</div>"
                )
            out.append("</div>")
        return [*out, "</div>", "</section>"]

    def first_steps(self) -> list[str]:
        """The steps that lower risk most, most common first."""
        cohort, t, lang = self.cohort, self.t, self.lang
        out = ["<section>", f"<h2>{esc(t('batch_moves'))}</h2>"]
        if not cohort.moves:
            return [*out, f"<p>{esc(t('no_moves'))}</p>", "</section>"]
        if cohort.moves_sampled < cohort.rows - cohort.rejected:
            out.append(f'<p class="note">{esc(t("batch_moves_sample", sampled=cohort.moves_sampled))}</p>')
        out.append('<ol class="steps">')
        for (role_id, question_id, value), n in cohort.moves.most_common(MOVES_SHOWN):
            role = self.pack.roles[role_id]
            step = step_text(self.pack, role, question_id, value, lang)
            said = f"{role.label(lang)} · {t('batch_people')}: {n}"
            out.append(f'<li><span class="label">{esc(step)}</span><br><span class="note">{esc(said)}</span></li>')
        return [*out, "</ol>", "</section>"]

    def rejected(self) -> list[str]:
        """The rows that could not be scored, and why (none: no section)."""
        cohort, t = self.cohort, self.t
        listed = [("batch_rejected", cohort.rejections, cohort.rejected), ("batch_replaced", cohort.replaced, 0)]
        out: list[str] = []
        for heading, rows, _ in listed:
            if not rows:
                continue
            out += [
                "<section>",
                f"<h2>{esc(t(heading))}</h2>",
                '<div class="scroll"><table>',
                f'<thead><tr><th class="num">{esc(t("batch_row"))}</th><th>id</th><th>{esc(t("batch_reason"))}</th>'
                "</tr></thead><tbody>",
            ]
            out += [
                f'<tr><td class="num">{line}</td><td>{esc(rid)}</td><td>{esc(reason)}</td></tr>'
                for line, rid, reason in rows
            ]
            out += ["</tbody></table></div>", "</section>"]
        return out

    def before_after(self, before: BeforeAfter) -> list[str]:
        """Who was matched, the class's change and each role's, and each person's, before in grey, after in blue."""
        t, lang = self.t, self.lang
        out = ["<section>", f"<h2>{esc(t('batch_before_heading'))}</h2>"]
        pack = self.pack
        version = f"{pack.pack.id} {pack.pack.version}"
        out.append(f"<p>{esc(t('batch_before_intro', source=before.source, version=version))}</p>")
        problem = before.problem(t)
        if problem is not None:
            out.append(f'<p class="callout">{esc(problem)}</p>')
        rows = [
            (t("batch_before_matched"), before.matched),
            (t("batch_before_new"), before.new),
            (t("batch_before_left"), len(before.left)),
        ]
        out += ['<div class="scroll"><table><tbody>']
        out += [f'<tr><td>{esc(name)}</td><td class="num">{n}</td></tr>' for name, n in rows]
        out += ["</tbody></table></div>"]
        if not before.matched:
            return [*out, "</section>"]
        words = (t("batch_before_word_before"), t("batch_before_word_after"))
        out.append(self.legend([("before", words[0]), ("after", words[1])]))
        mean = before.overall.mean
        out.append(
            f'<p><span class="label">{esc(t("batch_page_class_change"))}</span> '
            f'<span class="big">{esc(signed(mean, lang))}</span> '
            f'<span class="note">({esc(t("batch_page_change_note", people=before.matched))})</span></p>'
        )
        out.append(f"<h3>{esc(t('batch_before_by_role'))}</h3>")
        for r in [r for r in pack.roles if r in before.change]:
            stats, sums = before.change[r], before.risk_sums[r]
            risk_before, risk_after = sums[0] / stats.count, sums[1] / stats.count
            name = pack.roles[r].label(lang)
            said = t(
                "batch_page_role_change", before=self.num(risk_before), after=self.num(risk_after),
                change=signed(stats.mean, lang), people=stats.count,
            )  # fmt: skip
            out += [
                '<div class="readout">',
                f'<p><span class="label">{esc(name)}</span> <span>{esc(said)}</span></p>',
                pair_bars(risk_before, risk_after, f"{name}: {said}"),
                "</div>",
            ]
        out += self._people(before)
        return [*out, "</section>"]

    def _people(self, before: BeforeAfter) -> list[str]:
        """Each matched person's risk before and after, one drawing per role, the biggest drops first (no names or
        ids: the page may be projected to the class)."""
        t = self.t
        ticks = tuple((v, f"{v:.0f}") for v in (0.0, 25.0, 50.0, 75.0, 100.0))
        out = [f"<h3>{esc(t('batch_page_people'))}</h3>", f'<p class="note">{esc(t("batch_page_people_note"))}</p>']
        out.append('<div class="grid2">')
        for r in self.pack.roles:
            people = sorted(((b, a) for role, b, a in before.pairs if role == r), key=lambda p: (p[1] - p[0], p[0]))
            if not people:
                continue
            name = self.pack.roles[r].label(self.lang)
            lower = sum(1 for b, a in people if a < b)
            said = f"{name}: {t('batch_page_people_said', people=len(people), lower=lower)}"
            out += ['<div class="role">', f'<p class="label">{esc(name)}</p>', changes(people, said, ticks)]
            out += [f'<p class="note">{esc(said)}</p>', "</div>"]
        out.append("</div>")
        if before.matched > len(before.pairs):
            out.append(f'<p class="note">{esc(t("batch_page_people_first", count=len(before.pairs)))}</p>')
        return out


def _swatch(kind: str) -> str:
    return swatch(kind).replace('class="fill ', 'class="')


def render_page(cohort: Cohort, lang: Lang, source: str, before: BeforeAfter | None = None) -> str:
    """The whole page."""
    page = _Page(cohort, lang)
    t = page.t
    info = cohort.pack.pack
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{esc(t('batch_title'))} — {esc(source)}</title>",
        f"<style>{PAGE_CSS}{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *page.head(source),
    ]
    if cohort.rows - cohort.rejected:
        out += [*page.by_role(), *page.by_band(), *page.readouts(), *page.first_steps()]
    if before is not None:
        out += page.before_after(before)
    out += page.rejected()
    out += [
        f"<footer>{esc(t('pack'))}: {esc(info.name(lang))} ({esc(info.id)} {esc(info.version)})</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
