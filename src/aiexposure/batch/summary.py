"""A cohort at a glance, gathered row by row in bounded memory, written as markdown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiexposure.escape import md, mermaid_label, mermaid_text
from aiexposure.model.report import step_text
from aiexposure.model.scoring import Assessment, Move, round_score
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack, in_family

if TYPE_CHECKING:
    from aiexposure.batch.before import BeforeAfter

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
        self.bins[min(len(self.bins) - 1, max(0, round((value - self.low) * 10)))] += 1

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

    def add(self, result: Assessment) -> None:
        """Count one scored person."""
        self.rows += 1
        role = result.answers.role
        self.by_role[role] += 1
        self.verdicts[result.verdict] += 1
        self.role_verdicts[role, result.verdict] += 1
        self.bands[result.band.id] += 1
        values = [(sid, s.value) for sid, s in result.scores.items()] + [("risk", result.risk.value)]
        for sid, value in values:
            stats = self.scores.get((role, sid))
            if stats is None:
                stats = self.scores[role, sid] = ScoreStats()
            stats.add(value)
        self.advice.update(a.id for a in result.advice)

    def add_moves(self, role: str, moves: tuple[Move, ...]) -> None:
        """Count the top moves of one sampled person (the role is kept to name task answers)."""
        self.moves_sampled += 1
        for move in moves:  # a multi-select move is counted by the one option it adds
            value = move.added if move.added is not None else move.answer
            self.moves[role, move.question, value if isinstance(value, str) else ",".join(value)] += 1

    def reject(self, line: int, respondent: str, reason: str) -> None:
        """Count one rejected row; list the first few."""
        self.rows += 1
        self.rejected += 1
        if len(self.rejections) < MAX_REJECTED_LISTED:
            self.rejections.append((line, respondent, reason))


def _table(header: list[str], rows: list[list[str]], numbers: tuple[int, ...] = ()) -> list[str]:
    """A markdown table; columns listed in `numbers` are right-aligned."""
    align = ["--:" if i in numbers else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def render_summary(cohort: Cohort, lang: Lang, source: str, before: BeforeAfter | None = None) -> str:
    """summary.md (with a before/after section when a --before file was given)."""
    pack, t = cohort.pack, Texts(cohort.pack, lang)
    scoring = pack.scoring
    score_ids = [*scoring.scores, "risk"]
    # each family reads its scores in its own words (a driver's pressure is on orders and pay, not clients)
    labels = {
        family: {sid: in_family(scoring.scores.get(sid, scoring.risk), family, "label")(lang) for sid in score_ids}
        for family in pack.families
    }

    def num(value: float) -> str:  # a table cell as the reader writes numbers; chart data stays as mermaid reads it
        text = f"{round_score(value):.1f}"
        return text.replace(".", ",") if lang == "id" else text

    verdicts = list(scoring.verdicts)
    accepted = cohort.rows - cohort.rejected
    out = [
        f"# {md(t('batch_title'))}",
        "",
        md(t("batch_counts", rows=cohort.rows, scored=accepted, rejected=cohort.rejected, source=source)),
        "",
    ]
    roles = [r for r in pack.roles if cohort.by_role[r]]
    out += [f"## {md(t('batch_by_role'))}", ""]
    out += _table(
        [md(t("col_role")), md(t("batch_people")), *(md(scoring.verdicts[v].label(lang)) for v in verdicts)],
        [
            [
                md(pack.roles[r].label(lang)),
                str(cohort.by_role[r]),
                *(str(cohort.role_verdicts[r, v]) for v in verdicts),
            ]
            for r in roles
        ],
        numbers=tuple(range(1, 2 + len(verdicts))),
    )
    out += ["", f"## {md(t('batch_by_band'))}", ""]
    out += _table(
        [md(t("band").capitalize()), md(t("batch_people"))],
        [[md(b.label(lang).capitalize()), str(cohort.bands[b.id])] for b in scoring.bands],
        numbers=(1,),
    )
    if accepted:
        out += ["", "```mermaid", f"pie title {mermaid_label(t('verdict'))}"]
        out += [
            f'    "{mermaid_label(scoring.verdicts[v].label(lang))}" : {cohort.verdicts[v]}'
            for v in verdicts
            if cohort.verdicts[v]
        ]
        out += ["```"]
    out += ["", f"## {md(t('batch_scores'))}", "", md(t("batch_scores_note")), ""]
    for family in pack.families:
        members = [r for r in roles if pack.roles[r].family == family]
        if not members:
            continue
        if len({pack.roles[r].family for r in roles}) > 1:  # one table per family, each in its own words
            out += [f"**{md(pack.families[family].label(lang))}**", ""]
        out += _table(
            [md(t("col_role")), *(md(labels[family][s]) for s in score_ids)],
            [
                [
                    md(pack.roles[r].label(lang)),
                    *(f"{num(cohort.scores[r, s].mean)} / {num(cohort.scores[r, s].median)}" for s in score_ids),
                ]
                for r in members
            ],
            numbers=tuple(range(1, 1 + len(score_ids))),
        )
        out.append("")
    out.pop()
    for r in roles:
        axis = ", ".join(f'"{mermaid_text(labels[pack.roles[r].family][s])}"' for s in score_ids)
        bars = ", ".join(f"{round_score(cohort.scores[r, s].mean):.1f}" for s in score_ids)
        title = mermaid_text(f"{pack.roles[r].label(lang)} ({cohort.by_role[r]})")
        out += [
            "",
            "```mermaid",
            "xychart-beta",
            f'    title "{title}"',
            f"    x-axis [{axis}]",
            "    y-axis 0 --> 100",
            f"    bar [{bars}]",
            "```",
        ]
    out += ["", f"## {md(t('batch_advice'))}", ""]
    texts = {a.id: a.text(lang) for a in pack.advice}
    top = cohort.advice.most_common(10)
    if top:
        out += _table(
            ["#", md(t("batch_people")), md(t("advice_heading"))],
            [[str(i), str(n), md(texts[a])] for i, (a, n) in enumerate(top, 1)],
            numbers=(0, 1),
        )
    else:
        out.append(md(t("batch_none")))
    out += ["", f"## {md(t('batch_moves'))}", ""]
    if cohort.moves:
        if cohort.moves_sampled < accepted:
            out += [md(t("batch_moves_sample", sampled=cohort.moves_sampled)), ""]
        rows = []
        for (role_id, question_id, value), n in cohort.moves.most_common(10):
            role = pack.roles[role_id]  # the same step can top the list in two roles: say for which
            rows.append([md(role.label(lang)), md(step_text(pack, role, question_id, value, lang)), str(n)])
        out += _table([md(t("col_role")), md(t("batch_step")), md(t("batch_people"))], rows, numbers=(2,))
    else:
        out.append(md(t("no_moves")))
    if cohort.rejected:
        out += ["", f"## {md(t('batch_rejected'))}", ""]
        out += _table(
            [md(t("batch_row")), "id", md(t("batch_reason"))],
            [[str(line), md(rid), md(reason)] for line, rid, reason in cohort.rejections],
            numbers=(0,),
        )
        if cohort.rejected > len(cohort.rejections):
            out += ["", md(t("batch_more_rejected", count=cohort.rejected - len(cohort.rejections)))]
    if before is not None:
        out += before.section(lang)
    pack_info = pack.pack
    out += ["", f"_{md(t('pack'))}: {md(pack_info.name(lang))} ({md(pack_info.id)} {md(pack_info.version)})_", ""]
    return "\n".join(out)
