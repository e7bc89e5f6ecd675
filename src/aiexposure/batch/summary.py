"""A cohort at a glance, gathered row by row in bounded memory, written as markdown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from aiexposure.batch.workers import Scored
from aiexposure.escape import md, mermaid_label, mermaid_text
from aiexposure.model.report import step_text
from aiexposure.model.scoring import Move, round_score
from aiexposure.pack.compiled import RISK
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack, in_family

MAX_REJECTED_LISTED = 200


@dataclass
class ScoreStats:
    """Count, sum and a 0.1-wide histogram of one score from `low` to 100 (-100 for a change of score):
    exact medians in fixed memory."""

    low: float = 0.0
    count: int = 0
    total: float = 0.0
    bins: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.bins:
            self.bins = [0] * (round((100 - self.low) * 10) + 1)

    def add(self, value: float) -> None:
        """Take one value."""
        self.count += 1
        self.total += value
        bins = self.bins
        index = round((value - self.low) * 10)
        bins[index if 0 <= index < len(bins) else (0 if index < 0 else len(bins) - 1)] += 1

    @property
    def mean(self) -> float:
        """The average, 0 for no values."""
        return self.total / self.count if self.count else 0.0

    @property
    def median(self) -> float:
        """The middle value (the mean of the two middle ones for an even count)."""
        if not self.count:
            return 0.0
        return (self._nth((self.count - 1) // 2) + self._nth(self.count // 2)) / 2

    def _nth(self, k: int) -> float:
        """The k-th smallest value, counting from 0."""
        seen = 0
        for index, n in enumerate(self.bins):
            seen += n
            if seen > k:
                return self.low + index / 10
        return 100.0


@dataclass
class Cohort:
    """Everything summary.md needs, updated one row at a time."""

    pack: Pack
    rows: int = 0
    rejected: int = 0
    by_role: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)
    role_verdicts: Counter[tuple[str, str]] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)
    scores: dict[tuple[str, str], ScoreStats] = field(default_factory=dict)
    advice: Counter[str] = field(default_factory=Counter)
    moves: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    moves_sampled: int = 0
    rejections: list[tuple[int, str, str]] = field(default_factory=list)
    replaced_count: int = 0  # rows replaced by the same person's later row: not people of their own
    replaced: list[tuple[int, str, str]] = field(default_factory=list)  # line, id, what replaced it
    empty: int = 0  # rows with no cell filled
    # the same ScoreStats as `scores`, per role in score order then risk: one lookup a row instead of one a score
    _role_stats: dict[str, list[ScoreStats]] = field(default_factory=dict, repr=False)

    def add(self, scored: Scored) -> None:
        """Count one scored person."""
        self.rows += 1
        role = scored.role
        self.by_role[role] += 1
        self.verdicts[scored.verdict] += 1
        self.role_verdicts[role, scored.verdict] += 1
        self.bands[scored.band] += 1
        stats = self._role_stats.get(role)
        if stats is None:
            stats = self._role_stats[role] = [self._stats(role, sid) for sid in (*self.pack.scoring.scores, RISK)]
        for each, value in zip(stats, (*scored.scores, scored.risk), strict=True):
            each.add(value)
        self.advice.update(scored.advice)

    def _stats(self, role: str, score: str) -> ScoreStats:
        """The statistics of one role's score, made on first use."""
        stats = self.scores.get((role, score))
        if stats is None:
            stats = self.scores[role, score] = ScoreStats()
        return stats

    def add_moves(self, role: str, moves: tuple[Move, ...]) -> None:
        """Count the top moves of one sampled person (the role is kept to name task answers)."""
        self.moves_sampled += 1
        for move in moves:  # a multi-select move is counted by the one option it adds
            value = move.added if move.added is not None else move.answer
            self.moves[role, move.question, value if isinstance(value, str) else ",".join(value)] += 1

    def skip(self, line: int, respondent: str, status: str, reason: str) -> None:
        """Count a row that is not a person of its own: empty, or replaced by its person's later row (listed)."""
        if status == "empty":
            self.empty += 1
            return
        self.replaced_count += 1
        if len(self.replaced) < MAX_REJECTED_LISTED:
            self.replaced.append((line, respondent, reason))

    def reject(self, line: int, respondent: str, reason: str) -> None:
        """Count one rejected row; list the first few."""
        self.rows += 1
        self.rejected += 1
        if len(self.rejections) < MAX_REJECTED_LISTED:
            self.rejections.append((line, respondent, reason))


def number(value: float, lang: Lang) -> str:
    """A score with one decimal as a reader of `lang` writes it (a decimal comma in Indonesian)."""
    text = f"{round_score(value) + 0.0:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def signed(value: float, lang: Lang) -> str:
    """A change of score with its sign (+0.0 for no change), halves rounded away from zero, in `lang`."""
    text = f"{round_score(value) + 0.0:+.1f}" if value >= 0 else f"{-round_score(-value):+.1f}"
    return text.replace(".", ",") if lang == "id" else text


def chart_palette(count: int) -> str:
    """A mermaid init line giving an xychart's series `count` distinct colours (before, after)."""
    colours = ", ".join(PALETTE[-count:])
    return '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + colours + '"}}}}%%'


PALETTE = ("#8a94a6", "#1f6fb4")  # before: grey, after: blue (told apart without colour vision too: light/dark)
# one series alone (a role's scores) is drawn in the after colour: PALETTE[-1:] first


def _table(header: list[str], rows: list[list[str]], numbers: tuple[int, ...] = ()) -> list[str]:
    """A markdown table; columns listed in `numbers` are right-aligned."""
    align = ["--:" if i in numbers else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def render_summary(cohort: Cohort, lang: Lang, source: str, before: list[str] | None = None) -> str:
    """summary.md; `before` is the before/after section's lines, when a --before file was given.

    The section is handed in as lines: the comparison (before.py) builds on this module's tables and statistics,
    so this module knows nothing of it.
    """
    summary = _Summary(cohort, lang)
    out = [
        *summary.counts(source),
        *summary.by_role(),
        *summary.by_band(),
        *summary.scores(),
        *summary.charts(),
        *summary.advice(),
        *summary.moves(),
        *summary.rejected(),
        *summary.replaced(),
        *(before or []),
        *summary.pack_line(),
    ]
    return "\n".join(out)


def _for_family(families: list[str] | None, family: str) -> bool:
    """Whether a score with these `families` exists for `family` (all when None)."""
    return families is None or family in families


class _Summary:
    """The sections of summary.md, each a list of lines, for one cohort in one language."""

    def __init__(self, cohort: Cohort, lang: Lang) -> None:
        self.cohort, self.lang, self.pack = cohort, lang, cohort.pack
        self.t = Texts(cohort.pack, lang)
        scoring = self.pack.scoring
        self.score_ids = [*scoring.scores, RISK]
        # each family's own scores: a score kept for other families (gig workers' app income) is left out
        self.family_scores = {
            family: [s for s in self.score_ids if s == RISK or _for_family(scoring.scores[s].families, family)]
            for family in self.pack.families
        }
        self.verdicts = list(scoring.verdicts)
        self.accepted = cohort.rows - cohort.rejected
        self.roles = [r for r in self.pack.roles if cohort.by_role[r]]
        # each family reads its scores in its own words (a driver's pressure is on orders and pay, not clients)
        self.labels = {
            family: {
                sid: in_family(scoring.scores.get(sid, scoring.risk), family, "label")(lang) for sid in self.score_ids
            }
            for family in self.pack.families
        }

    def num(self, value: float) -> str:
        """A table cell as the reader writes numbers; chart data stays as mermaid reads it."""
        return number(value, self.lang)

    def counts(self, source: str) -> list[str]:
        """The title and how many rows were read, scored and rejected."""
        cohort, t = self.cohort, self.t
        counted = t("batch_counts", rows=cohort.rows, scored=self.accepted, rejected=cohort.rejected, source=source)
        out = [f"# {md(t('batch_title'))}", "", md(counted)]
        if cohort.replaced_count:
            out += ["", md(t("batch_replaced_note", count=cohort.replaced_count))]
        if cohort.empty:
            out += ["", md(t("batch_empty_note", count=cohort.empty))]
        return [*out, ""]

    def by_role(self) -> list[str]:
        """People per role and verdict."""
        cohort, t, lang, verdicts = self.cohort, self.t, self.lang, self.verdicts
        header = [md(t("col_role")), md(t("batch_people")), *(md(self._verdict(v)) for v in verdicts)]
        rows = [
            [
                md(self.pack.roles[r].label(lang)),
                str(cohort.by_role[r]),
                *(str(cohort.role_verdicts[r, v]) for v in verdicts),
            ]
            for r in self.roles
        ]
        out = [f"## {md(t('batch_by_role'))}", "", *_table(header, rows, numbers=tuple(range(1, 2 + len(verdicts))))]
        return [*out, "", md(self.legend())]

    def legend(self) -> str:
        """What each verdict means: its two axes, and the risk bands it is kept for."""
        return verdict_legend(self.pack, self.lang)

    def by_band(self) -> list[str]:
        """People per risk band, and a pie of the verdicts."""
        cohort, t, lang = self.cohort, self.t, self.lang
        rows = [[md(b.label(lang).capitalize()), str(cohort.bands[b.id])] for b in self.pack.scoring.bands]
        out = ["", f"## {md(t('batch_by_band'))}", ""]
        out += _table([md(t("band").capitalize()), md(t("batch_people"))], rows, numbers=(1,))
        if self.accepted:
            out += ["", "```mermaid", f"pie title {mermaid_label(t('verdict'))}"]
            out += [
                f'    "{mermaid_label(self._verdict(v))}" : {cohort.verdicts[v]}'
                for v in self.verdicts
                if cohort.verdicts[v]
            ]
            out += ["```"]
        return out

    def _verdict(self, verdict: str) -> str:
        return self.pack.scoring.verdicts[verdict].label(self.lang)

    def scores(self) -> list[str]:
        """Each role's mean / median scores, one table per family."""
        cohort, t, pack, lang = self.cohort, self.t, self.pack, self.lang
        out = ["", f"## {md(t('batch_scores'))}", "", md(t("batch_scores_note")), ""]
        for family in pack.families:
            members = [r for r in self.roles if pack.roles[r].family == family]
            if not members:
                continue
            if len({pack.roles[r].family for r in self.roles}) > 1:  # one table per family, each in its own words
                out += [f"**{md(pack.families[family].label(lang))}**", ""]
            ids = self.family_scores[family]
            header = [md(t("col_role")), *(md(self.labels[family][s]) for s in ids)]
            rows = [
                [
                    md(pack.roles[r].label(lang)),
                    *(f"{self.num(cohort.scores[r, s].mean)} / {self.num(cohort.scores[r, s].median)}" for s in ids),
                ]
                for r in members
            ]
            out += _table(header, rows, numbers=tuple(range(1, 1 + len(ids))))
            out.append("")
        out.pop()
        return out

    def charts(self) -> list[str]:
        """A bar chart of each role's mean scores."""
        out = []
        for r in self.roles:
            role = self.pack.roles[r]
            ids = self.family_scores[role.family]
            axis = ", ".join(f'"{mermaid_text(self.labels[role.family][s])}"' for s in ids)
            bars = ", ".join(f"{round_score(self.cohort.scores[r, s].mean):.1f}" for s in ids)
            title = mermaid_text(self.t("batch_chart_title", role=role.label(self.lang), count=self.cohort.by_role[r]))
            out += [
                "",
                "```mermaid",
                chart_palette(1),
                "xychart-beta horizontal",  # the score names stacked down the side, where they cannot overlap
                f'    title "{title}"',
                f"    x-axis [{axis}]",
                "    y-axis 0 --> 100",
                f"    bar [{bars}]",
                "```",
            ]
        return out

    def advice(self) -> list[str]:
        """The advice given most often."""
        t = self.t
        out = ["", f"## {md(t('batch_advice'))}", ""]
        texts = {a.id: a.text(self.lang) for a in self.pack.advice}
        top = self.cohort.advice.most_common(10)
        if not top:
            return [*out, md(t("batch_none"))]
        rows = [[str(i), str(n), md(texts[a])] for i, (a, n) in enumerate(top, 1)]
        return out + _table(["#", md(t("batch_people")), md(t("advice_heading"))], rows, numbers=(0, 1))

    def moves(self) -> list[str]:
        """The steps that lower risk most, among the sampled people."""
        cohort, t, lang = self.cohort, self.t, self.lang
        out = ["", f"## {md(t('batch_moves'))}", ""]
        if not cohort.moves:
            return [*out, md(t("no_moves"))]
        if cohort.moves_sampled < self.accepted:
            out += [md(t("batch_moves_sample", sampled=cohort.moves_sampled)), ""]
        rows = []
        for (role_id, question_id, value), n in cohort.moves.most_common(10):
            role = self.pack.roles[role_id]  # the same step can top the list in two roles: say for which
            rows.append([md(role.label(lang)), md(step_text(self.pack, role, question_id, value, lang)), str(n)])
        return out + _table([md(t("col_role")), md(t("batch_step")), md(t("batch_people"))], rows, numbers=(2,))

    def rejected(self) -> list[str]:
        """The first rejected rows and why (none: no section)."""
        cohort, t = self.cohort, self.t
        if not cohort.rejected:
            return []
        out = ["", f"## {md(t('batch_rejected'))}", ""]
        out += _table(
            [md(t("batch_row")), "id", md(t("batch_reason"))],
            [[str(line), md(rid), md(reason)] for line, rid, reason in cohort.rejections],
            numbers=(0,),
        )
        if cohort.rejected > len(cohort.rejections):
            out += ["", md(t("batch_more_rejected", count=cohort.rejected - len(cohort.rejections)))]
        return out

    def replaced(self) -> list[str]:
        """The rows a later submission of the same person replaced (none: no section)."""
        cohort, t = self.cohort, self.t
        if not cohort.replaced_count:
            return []
        out = ["", f"## {md(t('batch_replaced'))}", ""]
        out += _table(
            [md(t("batch_row")), "id", md(t("batch_reason"))],
            [[str(line), md(rid), md(reason)] for line, rid, reason in cohort.replaced],
            numbers=(0,),
        )
        if cohort.replaced_count > len(cohort.replaced):
            out += ["", md(t("batch_more_rejected", count=cohort.replaced_count - len(cohort.replaced)))]
        return out

    def pack_line(self) -> list[str]:
        """Which rules pack scored the cohort."""
        info, t = self.pack.pack, self.t
        return ["", f"_{md(t('pack'))}: {md(info.name(self.lang))} ({md(info.id)} {md(info.version)})_", ""]


def verdict_legend(pack: Pack, lang: Lang) -> str:
    """What each verdict means: risk high or not, adapting or not (its two axes), or the bands it is kept for."""
    t = Texts(pack, lang)
    bands = {b.id: b.label(lang) for b in pack.scoring.bands}
    parts = []
    for item in pack.scoring.verdicts.values():
        risk = (
            t("batch_legend_band", band=", ".join(bands[b] for b in item.bands))
            if item.bands
            else t("batch_legend_exposed" if item.exposed else "batch_legend_safe")
        )
        parts.append(
            f"{item.label(lang)}: {risk}, {t('batch_legend_adapting' if item.adapting else 'batch_legend_waiting')}"
        )
    return " · ".join(parts)
