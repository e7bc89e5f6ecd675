"""`batch AFTER --before BEFORE`: each person's earlier result held as an id → packed score index, the matching,
and the before/after section of summary.md.

The before file is never held as rows: each person is a few dozen bytes (risk, verdict, role, task shares and
answers packed by `Codec`), enough to say what changed and by how much.
"""

from __future__ import annotations

import struct
from collections import Counter
from dataclasses import dataclass, field

from aiexposure.batch.people import person_key
from aiexposure.batch.summary import ScoreStats, _table, chart_palette, number, signed
from aiexposure.escape import md, mermaid_text
from aiexposure.model.answers import Answers, AnswerValue, answer_text, option_ids
from aiexposure.model.compare import Change, Value, attribute
from aiexposure.model.scoring import Assessment, round_score
from aiexposure.pack.messages import Texts
from aiexposure.pack.names import norm
from aiexposure.pack.schema import Lang, Pack, questions_for

MAX_LISTED = 200  # names of people who left, duplicate ids, rejected rows
MOVES_LISTED = 10
BATCH_ORDERS = 8
NO_BAR = "-100"  # a value below a chart's axis: mermaid draws no bar for it
EXAMPLES = 3  # ids shown from each file when they do not match
_HEAD = struct.Struct("<dHH")  # risk, role, verdict


@dataclass(frozen=True)
class _Layout:
    """How one role's answers are packed: task shares, then one slot per question asked of its family."""

    role: str
    tasks: tuple[str, ...]
    questions: tuple[tuple[str, bool, tuple[str, ...]], ...]  # id, multi-select, options in order
    shares: struct.Struct
    size: int


class Codec:
    """Packs a result into bytes and back (per pack: role layouts are built once)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.roles = list(pack.roles)
        self.verdicts = list(pack.scoring.verdicts)
        self._layouts: dict[str, _Layout] = {}

    def layout(self, role_id: str) -> _Layout:
        """The packing of one role."""
        found = self._layouts.get(role_id)
        if found is None:
            role = self.pack.roles[role_id]
            questions = tuple(
                (q, self.pack.questions[q].kind != "select", tuple(option_ids(self.pack.questions[q], role)))
                for q in questions_for(self.pack, role.family)
            )
            shares = struct.Struct(f"<{len(role.tasks)}d")
            size = sum((len(options) + 7) // 8 if multi else 2 for _, multi, options in questions)
            found = self._layouts[role_id] = _Layout(role_id, tuple(role.tasks), questions, shares, size)
        return found

    def encode(self, result: Assessment) -> bytes:
        """Risk, verdict, role, shares and answers of one person."""
        answers = result.answers
        layout = self.layout(answers.role)
        out = bytearray(
            _HEAD.pack(result.risk.value, self.roles.index(answers.role), self.verdicts.index(result.verdict))
        )
        out += layout.shares.pack(*(answers.shares.get(t, 0.0) for t in layout.tasks))
        for question, multi, options in layout.questions:
            value = answers.values.get(question)
            if multi:
                chosen = value if isinstance(value, tuple) else ()
                bits = sum(1 << i for i, o in enumerate(options) if o in chosen)
                out += bits.to_bytes((len(options) + 7) // 8, "little")
            else:
                out += (options.index(value) + 1 if isinstance(value, str) and value in options else 0).to_bytes(
                    2, "little"
                )
        return bytes(out)

    def risk(self, blob: bytes) -> float:
        """Only the risk (the common case: no need to unpack the rest)."""
        risk: float = _HEAD.unpack_from(blob)[0]
        return risk

    def decode(self, blob: bytes) -> tuple[float, str, Answers]:
        """Risk, verdict and the answers, as they were scored."""
        risk, role_index, verdict_index = _HEAD.unpack_from(blob)
        layout = self.layout(self.roles[role_index])
        at = _HEAD.size
        shares = dict(zip(layout.tasks, layout.shares.unpack_from(blob, at), strict=True))
        at += layout.shares.size
        values: dict[str, AnswerValue] = {}
        for question, multi, options in layout.questions:
            if multi:
                width = (len(options) + 7) // 8
                bits = int.from_bytes(blob[at : at + width], "little")
                values[question] = tuple(o for i, o in enumerate(options) if bits >> i & 1)
                at += width
            else:
                index = int.from_bytes(blob[at : at + 2], "little")
                if index:
                    values[question] = options[index - 1]
                at += 2
        answers = Answers(layout.role, {t: s for t, s in shares.items() if s > 0}, values)
        return risk, self.verdicts[verdict_index], answers


@dataclass
class BeforeAfter:
    """The before file's index, then everything the before/after section needs, gathered row by row."""

    pack: Pack
    source: str
    codec: Codec
    index: dict[str, bytes] = field(default_factory=dict)
    before_rows: int = 0
    before_rejected: list[tuple[int, str, str]] = field(default_factory=list)
    before_rejected_count: int = 0
    no_id: list[int] = field(default_factory=lambda: [0, 0])  # rows without an id: before, after
    before_replaced: int = 0  # rows of the before file replaced by the same person's later row
    before_id: str = ""  # the header each file names its people by ('' when it has none)
    after_id: str = ""
    names: dict[str, str] = field(default_factory=dict)  # a before id as written, where it differs from its key
    seen: set[str] = field(default_factory=set)  # ids met in the after file
    unmatched: list[str] = field(default_factory=list)  # the first few ids of this file not in the before file
    scored_after: int = 0
    pairs: list[tuple[str, float, float]] = field(default_factory=list)  # role, risk before, after: the first few
    overall: ScoreStats = field(default_factory=lambda: ScoreStats(low=-100.0))  # the class's change of risk
    matched: int = 0
    new: int = 0
    change: dict[str, ScoreStats] = field(default_factory=dict)  # by role (in the after file)
    risk_sums: dict[str, list[float]] = field(default_factory=dict)  # role -> [before, after]
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    moves: dict[tuple[str, str, str, str, str], list[int]] = field(default_factory=dict)  # -> [people, tenths]

    @classmethod
    def start(cls, pack: Pack, source: str) -> BeforeAfter:
        """An empty index for the before file named `source`."""
        return cls(pack, source, Codec(pack))

    # --- the before file --------------------------------------------------------------------------------

    def add_before(self, line: int, respondent: str, result: Assessment | str) -> None:
        """Index one row of the before file (a rejected row is only counted and listed)."""
        self.before_rows += 1
        if isinstance(result, str):
            self.before_rejected_count += 1
            if len(self.before_rejected) < MAX_LISTED:
                self.before_rejected.append((line, respondent, result))
            return
        if not respondent:
            self.no_id[0] += 1
            return
        key = person_key(respondent)
        self.index[key] = self.codec.encode(result)  # rows a later one replaced never come here
        if key != respondent:
            self.names[key] = respondent

    def skip_before(self, status: str) -> None:
        """Count a row of the before file that is not a person of its own (replaced, or empty)."""
        if status == "replaced":
            self.before_replaced += 1

    # --- the after file ---------------------------------------------------------------------------------

    def add_after(self, respondent: str, line: int, result: Assessment | None) -> tuple[str, str]:
        """Match one row of the after file; returns its risk_before and risk_change cells (empty: no match)."""
        if result is not None:
            self.scored_after += 1
        if not respondent:
            if result is not None:
                self.no_id[1] += 1
            return "", ""
        key = person_key(respondent)
        if key in self.seen:  # each person's latest row only reaches here, but two ids may be one key
            return "", ""
        self.seen.add(key)
        blob = self.index.get(key)
        if result is None:
            return "", ""
        if blob is None:
            self.new += 1
            if len(self.unmatched) < EXAMPLES:
                self.unmatched.append(respondent)
            return "", ""
        self.matched += 1
        risk_before, verdict_before, answers_before = self.codec.decode(blob)
        # a summary adds the parts up over people, so a few sampled orders per person are enough: a person with
        # eight changes costs at most 8 x 9 scorings here, not the 256 of history compare
        attribution = attribute(self.pack, answers_before, result.answers, orders=BATCH_ORDERS, exact_up_to=3)
        delta, changes = attribution.risk_delta, attribution.changes
        role = result.answers.role
        self.change.setdefault(role, ScoreStats(low=-100.0)).add(delta)
        self.overall.add(delta)
        if len(self.pairs) < MAX_LISTED:
            self.pairs.append((role, risk_before, result.risk.value))
        sums = self.risk_sums.setdefault(role, [0.0, 0.0])
        sums[0] += risk_before
        sums[1] += result.risk.value
        self.transitions[verdict_before, result.verdict] += 1
        for change in changes:
            self._count(role, change)
        return f"{risk_before:.1f}", f"{delta + 0.0:.1f}"

    def _count(self, role: str, change: Change) -> None:
        if change.kind == "task":
            up = _share(change.after) > _share(change.before)
            key = ("task", role, change.key, "up" if up else "down", "")
        elif change.kind == "mix":  # no task in both mixes: counted as one change, whatever the mixes
            key = ("mix", role, "mix", "", "")
        else:
            key = (change.kind, role, change.key, _text(change.before), _text(change.after))
        tally = self.moves.setdefault(key, [0, 0])
        tally[0] += 1
        tally[1] += round(change.risk_delta * 10)

    @property
    def left(self) -> list[str]:
        """Ids found only in the before file, in its order, as it wrote them."""
        return [self.names.get(person, person) for person in self.index if person not in self.seen]

    def problem(self, t: Texts) -> str | None:
        """Why the comparison matched no one or under half of this file's scored people, or None when it did."""
        people = self.scored_after
        if not people or self.matched * 2 >= people:
            return None
        key = "batch_before_none" if not self.matched else "batch_before_few"
        said = t(key, matched=self.matched, people=people, source=self.source)
        return f"{said} {self._why(t)}"

    def _why(self, t: Texts) -> str:
        if not self.after_id:
            return t("batch_why_no_id", file=t("batch_before_in_after").capitalize())
        if not self.before_id:
            return t("batch_why_no_id", file=self.source)
        if norm(self.after_id) != norm(self.before_id):
            return t("batch_why_columns", after=self.after_id, before=self.before_id)
        if self.no_id[1] * 2 > self.scored_after:
            return t("batch_why_empty_ids", count=self.no_id[1], column=self.after_id)
        shown = ", ".join(self.unmatched) or "—"
        before = ", ".join(self.left[:EXAMPLES]) or "—"
        return t("batch_why_ids", column=self.after_id, after=shown, before=before)

    # --- summary.md -------------------------------------------------------------------------------------

    def section(self, lang: Lang) -> list[str]:
        """The before/after section of summary.md."""
        pack, t = self.pack, Texts(self.pack, lang)
        left = self.left
        out = ["", f"## {md(t('batch_before_heading'))}", ""]
        out += [
            md(t("batch_before_intro", source=self.source, version=f"{pack.pack.id} {pack.pack.version}"), True),
            "",
        ]
        out += _table(
            [md(t("batch_before_group")), md(t("batch_people"))],
            [
                [md(t("batch_before_matched")), str(self.matched)],
                [md(t("batch_before_new")), str(self.new)],
                [md(t("batch_before_left")), str(len(left))],
            ],
            numbers=(1,),
        )
        if left:
            shown = ", ".join(md(p) for p in left[:MAX_LISTED])
            more = len(left) - MAX_LISTED
            out += [
                "",
                md(t("batch_before_left_names"), True)
                + " "
                + shown
                + (f" {md(t('batch_before_and_more', count=more))}" if more > 0 else ""),
            ]
        problem = self.problem(t)
        if problem is not None:
            out[5:5] = [f"> **{md(problem, True)}**", ""]
        out += self._problems(t)
        if not self.matched:
            return out
        out += self._by_role(lang, t)
        out += self._transitions(lang, t)
        out += self._moves(lang, t)
        return out

    def _problems(self, t: Texts) -> list[str]:
        out: list[str] = []
        if self.no_id[0] or self.no_id[1]:
            out += ["", md(t("batch_before_no_id", before=self.no_id[0], after=self.no_id[1]), True)]
        if self.before_replaced:
            out += ["", md(t("batch_before_replaced", count=self.before_replaced), True)]
        if self.before_rejected_count:
            out += ["", md(t("batch_before_rejected", count=self.before_rejected_count), True), ""]
            out += _table(
                [md(t("batch_row")), "id", md(t("batch_reason"))],
                [[str(line), md(rid), md(reason)] for line, rid, reason in self.before_rejected],
                numbers=(0,),
            )
        return out

    def _by_role(self, lang: Lang, t: Texts) -> list[str]:
        pack = self.pack
        roles = [r for r in pack.roles if r in self.change]
        out = ["", f"### {md(t('batch_before_by_role'))}", ""]
        rows = []
        for r in roles:
            stats, sums = self.change[r], self.risk_sums[r]
            rows.append(
                [md(pack.roles[r].label(lang)), str(stats.count), number(sums[0] / stats.count, lang),
                 number(sums[1] / stats.count, lang), signed(stats.mean, lang), signed(stats.median, lang)]
            )  # fmt: skip
        out += _table(
            [md(t("col_role")), md(t("batch_people")), md(t("batch_before_risk_before")),
             md(t("batch_before_risk_after")), md(t("batch_before_mean")), md(t("batch_before_median"))],
            rows,
            numbers=(1, 2, 3, 4, 5),
        )  # fmt: skip
        before_word, after_word = t("batch_before_word_before"), t("batch_before_word_after")
        # two series, each with a bar only on its own rows (-100, below the axis, draws none: a 0 would draw a
        # sliver): two colours, each bar beside its pair, never on it
        labels, before_bars, after_bars = [], [], []
        for r in roles:
            stats, sums = self.change[r], self.risk_sums[r]
            name = pack.roles[r].label(lang)
            labels += [f'"{mermaid_text(f"{name} · {before_word}")}"', f'"{mermaid_text(f"{name} · {after_word}")}"']
            before_bars += [f"{round_score(sums[0] / stats.count):.1f}", NO_BAR]
            after_bars += [NO_BAR, f"{round_score(sums[1] / stats.count):.1f}"]
        out += [
            "",
            "```mermaid",
            chart_palette(2),
            "xychart-beta horizontal",
            f'    title "{mermaid_text(t("batch_before_chart"))}"',
            f"    x-axis [{', '.join(labels)}]",
            "    y-axis 0 --> 100",
            f"    bar [{', '.join(before_bars)}]",
            f"    bar [{', '.join(after_bars)}]",
            "```",
            "",
            md(t("batch_before_chart_legend")),
        ]
        return out

    def _transitions(self, lang: Lang, t: Texts) -> list[str]:
        verdicts = self.pack.scoring.verdicts
        out = ["", f"### {md(t('batch_before_transitions'))}", "", md(t("batch_before_transitions_note"), True), ""]
        out += _table(
            [md(f"{t('batch_before_word_before')} → {t('batch_before_word_after')}"),
             *(md(v.label(lang)) for v in verdicts.values())],
            [[md(b.label(lang)), *(str(self.transitions[bid, aid]) for aid in verdicts)]
             for bid, b in verdicts.items()],
            numbers=tuple(range(1, 1 + len(verdicts))),
        )  # fmt: skip
        return out

    def _moves(self, lang: Lang, t: Texts) -> list[str]:
        out = ["", f"### {md(t('batch_before_moved'))}", "", md(t("batch_before_moved_note"), True), ""]
        ranked = sorted(self.moves.items(), key=lambda kv: (-abs(kv[1][1]), -kv[1][0], kv[0]))[:MOVES_LISTED]
        if not ranked:
            return [*out, md(t("history_no_changes"), True)]
        out += _table(
            [md(t("col_role")), md(t("history_col_change")), md(t("batch_people")), md(t("batch_before_points_mean")),
             md(t("batch_before_points_all"))],
            [[md(self.pack.roles[key[1]].label(lang)), md(self._describe(key, lang, t)), str(n),
              signed(tenths / 10 / n, lang), signed(tenths / 10, lang)]
             for key, (n, tenths) in ranked],
            numbers=(2, 3, 4),
        )  # fmt: skip
        return out

    def _describe(self, key: tuple[str, str, str, str, str], lang: Lang, t: Texts) -> str:
        kind, role_id, what, before, after = key
        pack = self.pack
        role = pack.roles[role_id]
        if kind == "task":
            task = role.tasks[what].label(lang)
            return t("batch_before_more_time" if before == "up" else "batch_before_less_time", task=task)
        if kind == "role":
            return t("batch_before_role_change", before=pack.roles[before].label(lang), after=role.label(lang))
        if kind == "question":
            question = pack.questions[what].prompt(lang)
            return (
                f"{question} {_answer(pack, role_id, what, before, lang)} → {_answer(pack, role_id, what, after, lang)}"
            )
        return t("history_mix_change" if kind == "mix" else "history_other_change")


def _share(value: Value) -> float:
    return value if isinstance(value, float) else 0.0


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def _answer(pack: Pack, role_id: str, question: str, value: str, lang: Lang) -> str:
    items: AnswerValue = tuple(value.split(",")) if pack.questions[question].kind != "select" else value
    if value == "" and pack.questions[question].kind != "select":
        items = ()
    return answer_text(pack, pack.roles[role_id], question, items, lang)
