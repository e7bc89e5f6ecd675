"""The pack turned into plain functions for one role, built once and reused.

Batch scoring calls `assess` hundreds of thousands of times; resolving term
families, horizons, option values and role conditions on every call would
cost more than the arithmetic itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, NamedTuple

from aiexposure.pack.conditions import Test, specialize, to_test
from aiexposure.pack.schema import Advice, Faq, FaqAnswer, Pack, Role, Signal, Term, VerdictNote, questions_for

# Which end of the sources' disagreement a model is built for: the pack's own numbers, or the low or high end.
Variant = Literal["mid", "low", "high"]
VARIANTS: tuple[Variant, ...] = ("mid", "low", "high")

# The id of the overall score; the pack's own scores come before it and each may feed the next.
RISK = "risk"
# The ids of the verdict's two axes: risk before adapting (up) and adaptation (across).
EXPOSED = "exposed"
ADAPTING = "adapting"

Values = Mapping[str, str | tuple[str, ...]]
SignalFn = Callable[[Mapping[str, float], Values, Mapping[str, float]], float]


class TermResult(NamedTuple):
    """One named term of a score and what it added (or, for a factor, multiplied).

    A NamedTuple, not a dataclass: batch scoring makes millions of these.
    """

    term: str
    value: float
    weight: float
    contribution: float
    factor: bool = False
    scales: str | None = None  # for a factor of one term only: that term's id


class CompiledTerm(NamedTuple):
    """A term whose signal is a function of (shares, answers, earlier scores).

    The compiled model's parts are NamedTuples and a slotted class, not dataclasses: every scripted run imports
    this module, and making a dataclass costs half a millisecond.
    """

    id: str
    weight: float
    signal: SignalFn
    offset: float = 0.0
    # a term with factors of its own: its plain signal and each factor (id, offset, weight, signal), for --explain
    raw: SignalFn | None = None
    scales: tuple[tuple[str, float, float, SignalFn], ...] = ()
    score: str | None = None  # set when the signal is an earlier score as it is

    def keep(
        self,
        value: float,
        shares: Mapping[str, float],
        values: Values,
        scores: Mapping[str, float],
        kept: list[TermResult],
    ) -> None:
        """Add to `kept` what this term, whose signal was `value`, did to its score (--explain)."""
        if self.raw is None:
            kept.append(TermResult(self.id, value, self.weight, self.weight * value))
            return
        # a term with its own factors: its plain value and what it adds, then each factor that scaled it
        kept.append(TermResult(self.id, self.raw(shares, values, scores), self.weight, self.weight * value))
        for name, offset, weight, factor in self.scales:
            signal = factor(shares, values, scores)
            kept.append(TermResult(name, signal, weight, offset + weight * signal, True, self.id))


class CompiledScore:
    """A score's terms and factors that count for this role's family."""

    __slots__ = ("_alias", "_product", "_sum", "factors", "id", "terms")

    def __init__(self, id: str, terms: tuple[CompiledTerm, ...], factors: tuple[CompiledTerm, ...]) -> None:
        self.id = id
        self.terms = terms
        self.factors = factors
        # the same terms as plain tuples: attribute lookups cost more than the arithmetic
        self._sum = tuple((t.weight, t.signal, t) for t in terms)
        self._product = tuple((t.offset, t.weight, t.signal, t.id) for t in factors)
        # a score that is exactly one earlier score (a verdict axis, say): the sum below would give that score back
        only = terms[0] if len(terms) == 1 and not factors else None
        self._alias = only.score if only is not None and only.weight == 1.0 else None

    def __repr__(self) -> str:
        return f"CompiledScore({self.id!r}, {len(self.terms)} terms, {len(self.factors)} factors)"

    def value(
        self,
        shares: Mapping[str, float],
        values: Values,
        scores: Mapping[str, float],
        kept: list[TermResult] | None = None,
    ) -> float:
        """The unrounded 0-100 score: 100 x clamp01(sum of weighted terms) x the product of the factors.

        The one place a score is computed. With `kept`, every term and factor behind the score is added to it
        (for --explain); without, nothing else is done (the batch hot path).
        """
        # the batch hot path skips arithmetic that gives the earlier score back: 100 x (s / 100) may differ from s in
        # its last bit, which rounding to one decimal (as every score is, before anything reads it) removes
        if kept is None and self._alias is not None:
            return scores[self._alias]
        total = 0.0
        for weight, signal, term in self._sum:
            value = signal(shares, values, scores)
            total += weight * value
            if kept is not None:
                term.keep(value, shares, values, scores, kept)
        scale = 1.0
        for offset, weight, signal, name in self._product:
            value = signal(shares, values, scores)
            part = offset + weight * value
            scale *= part
            if kept is not None:
                kept.append(TermResult(name, value, weight, part, factor=True))
        return combine(total, scale)


def combine(total: float, scale: float) -> float:
    """A score from its summed terms and multiplied factors: 100 x clamp01(total) x scale, kept within 0-100."""
    clamped = 0.0 if total < 0.0 else 1.0 if total > 1.0 else total
    value = 100.0 * clamped * scale
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


class RoleModel(NamedTuple):
    """Everything `assess` needs for one role."""

    scores: tuple[CompiledScore, ...]
    risk: CompiledScore
    exposed: CompiledScore
    adapting: CompiledScore
    advice: tuple[tuple[Advice, Test], ...]
    faq: tuple[tuple[Faq, tuple[tuple[FaqAnswer, Test], ...]], ...]
    notes: tuple[tuple[VerdictNote, Test], ...]
    # each cell of the quadrant, (exposed, adapting): its verdicts for some bands first, then the cell's own
    verdicts: Mapping[tuple[bool, bool], tuple[tuple[frozenset[str], str], ...]]
    thresholds: tuple[float, float]  # (exposed, adapting)
    asked: tuple[str, ...] = ()  # the ids of the questions asked of the role's family, in pack order
    family: str = ""
    advice_shown: int = 0  # how many advice items a person is shown at most

    def verdict(self, exposed: float, adapting: float, band: str) -> str:
        """The verdict for a person's two axes and risk band: each axis counts from its threshold up."""
        for bands, verdict in self.verdicts[exposed >= self.thresholds[0], adapting >= self.thresholds[1]]:
            if not bands or band in bands:
                return verdict
        raise AssertionError("the pack check ensures every cell has a verdict for every band")


def verdict_cells(pack: Pack) -> dict[tuple[bool, bool], str]:
    """The quadrant: (exposed, adapting) -> the cell's own verdict id (the pack check ensures exactly one)."""
    return {(d.exposed, d.adapting): v for v, d in pack.scoring.verdicts.items() if not d.bands}


def verdict_table(pack: Pack) -> dict[tuple[bool, bool], tuple[tuple[frozenset[str], str], ...]]:
    """Each cell's verdicts: those kept for some bands first, the cell's own last."""
    cells: dict[tuple[bool, bool], list[tuple[frozenset[str], str]]] = {}
    for verdict_id, d in pack.scoring.verdicts.items():
        cells.setdefault((d.exposed, d.adapting), []).append((frozenset(d.bands), verdict_id))
    return {cell: tuple(sorted(items, key=lambda item: not item[0])) for cell, items in cells.items()}


class Derived:
    """Things built from a pack on first use: compiled role models and the names people may type.

    A plain slotted class: a dataclass costs half a millisecond to make, at every start-up.
    """

    __slots__ = ("former", "models", "option_names", "pieces", "role_names")

    def __init__(self) -> None:
        # (role id, variant) -> the role's compiled model (below)
        self.models: dict[tuple[str, str], RoleModel] = {}
        # question id -> every way to name each option, normalised -> option id (model/answers.py)
        self.option_names: dict[str, dict[str, str]] = {}
        # question id -> its options' labels from earlier releases that name nothing newer, normalised -> option id
        self.former: dict[str, dict[str, str]] = {}
        # question id -> how many comma-separated pieces the longest option name has (model/answers.py)
        self.pieces: dict[str, int] = {}
        # every way to name a role, normalised -> role id; empty until first asked (model/answers.py)
        self.role_names: dict[str, str] = {}


def derived(pack: Pack) -> Derived:
    """What is worked out from `pack` once and reused; the pack never changes, so none of it goes stale.

    Kept in the pack's own dict, as a cached property would be (the pack format knows nothing of compiled models;
    `Pack.model_copy` drops it, so a copy with other numbers works out its own). Batch scoring asks for it on
    every row: one dict lookup.
    """
    found: Derived | None = pack.__dict__.get("derived")
    if found is None:
        found = pack.__dict__["derived"] = Derived()
    return found


def role_model(pack: Pack, role_id: str, variant: Variant = "mid") -> RoleModel:
    """The compiled model for `role_id` (at one end of the sources' range), cached on the (immutable) pack."""
    models = derived(pack).models
    model = models.get((role_id, variant))
    if model is None:
        model = models[role_id, variant] = _build(pack, role_id, variant)
    return model


def task_amount(pack: Pack, role: Role, task_id: str, kind: str, horizon: bool, variant: Variant = "mid") -> float:
    """A task's genai or robotics number, horizon-weighted if asked, at one end of its range.

    The genai range scales by the role's spread (how far the published indices sit from the pack's
    numbers); a horizon-weighted number also takes the horizon's low or high factor.
    """
    task = role.tasks[task_id]
    if kind == "genai":
        # the spread scales the whole occupation, so no task is capped here: the score's own clamp keeps the
        # sum within 0-1, and the range at the typical mix reaches every index the spread was taken from
        scale = {"mid": 1.0, "low": role.spread.low, "high": role.spread.high}[variant]
        amount = task.genai * scale
    else:
        amount = task.robotics
    if horizon:
        span = pack.scoring.horizons[task.horizon]
        amount *= {"mid": span.factor, "low": span.low, "high": span.high}[variant]
    return amount


def _task_signal(pack: Pack, role: Role, signal: Signal, variant: Variant) -> SignalFn:
    weights: dict[str, float] = {}
    by: dict[str, tuple[tuple[str, dict[str, float]], ...]] = {}
    kind = signal.tasks or "genai"
    among, relative = signal.among, signal.relative
    # tasks of another mode count in the whole a relative signal divides by, never in its part
    outside = frozenset(t for t, task in role.tasks.items() if signal.mode is not None and task.mode != signal.mode)
    for task_id, task in role.tasks.items():
        if task_id in outside and not relative:
            continue
        weights[task_id] = task_amount(pack, role, task_id, kind, signal.horizon_weighted, variant)
        if kind == "robotics" and task.robotics_by:
            by[task_id] = tuple(task.robotics_by.items())
    if not by and among is None and not relative:

        def plain(shares: Mapping[str, float], _: Values, __: Mapping[str, float]) -> float:
            total = 0.0
            for task_id, share in shares.items():
                total += share * weights.get(task_id, 0.0)
            return total

        return plain

    def value(shares: Mapping[str, float], values: Values, _: Mapping[str, float]) -> float:
        chosen = values.get(among, ()) if among else None
        part = whole = 0.0
        for task_id, share in shares.items():
            amount = share * weights.get(task_id, 0.0)
            for question_id, multipliers in by.get(task_id, ()):
                answer = values.get(question_id)
                if isinstance(answer, str):
                    amount *= multipliers[answer]
            whole += amount
            if (chosen is None or task_id in chosen) and task_id not in outside:
                part += amount
        if relative:
            return part / whole if whole > 0 else 0.0
        return part

    return value


def _signal(pack: Pack, role: Role, signal: Signal, variant: Variant) -> SignalFn:
    if signal.tasks is not None:
        return _task_signal(pack, role, signal, variant)
    if signal.market == "loss":
        loss = role.market.loss
        return lambda _, __, ___: loss
    if signal.market:
        market = role.market
        pressure = {"mid": market.pressure, "low": market.low, "high": market.high}[variant]
        return lambda _, __, ___: pressure
    if signal.answer is not None:
        question_id = signal.answer
        table = signal.values
        options = pack.questions[question_id].options
        option_values = {o: (opt.value if table is None else table.get(o, 0.0)) for o, opt in options.items()}

        def answer(_: Mapping[str, float], values: Values, __: Mapping[str, float]) -> float:
            value = values.get(question_id)
            if isinstance(value, str):
                return option_values[value]
            return min(1.0, sum(option_values[v] for v in value or ()))

        return answer
    score_id = signal.score or ""
    return lambda _, __, scores: scores[score_id] / 100.0


def _terms(pack: Pack, role: Role, terms: list[Term], variant: Variant) -> tuple[CompiledTerm, ...]:
    compiled = []
    for t in terms:
        if t.families is not None and role.family not in t.families:
            continue
        raw = _signal(pack, role, t.signal, variant)
        scaled = _terms(pack, role, t.times, variant)
        if not scaled:
            compiled.append(CompiledTerm(t.id, t.weight, raw, t.offset, score=t.signal.score))
            continue
        # the term's own factors multiply its signal, so every path sees one number
        signal = _scaled(raw, tuple((f.offset, f.weight, f.signal) for f in scaled))
        scales = tuple((f.id, f.offset, f.weight, f.signal) for f in scaled)
        compiled.append(CompiledTerm(t.id, t.weight, signal, t.offset, raw, scales))
    return tuple(compiled)


def _scaled(signal: SignalFn, factors: tuple[tuple[float, float, SignalFn], ...]) -> SignalFn:
    def value(shares: Mapping[str, float], values: Values, scores: Mapping[str, float]) -> float:
        result = signal(shares, values, scores)
        for offset, weight, factor in factors:
            result *= offset + weight * factor(shares, values, scores)
        return result

    return value


def _build(pack: Pack, role_id: str, variant: Variant) -> RoleModel:
    role = pack.roles[role_id]
    family = role.family
    questions = tuple(questions_for(pack, family))
    asked = frozenset(questions)
    scoring = pack.scoring
    # a score kept for other families is 0 here, so every person has every score and renderers need no gaps
    scores = tuple(
        CompiledScore(sid, _terms(pack, role, d.terms, variant), _terms(pack, role, d.factors, variant))
        if d.families is None or family in d.families
        else CompiledScore(sid, (), ())
        for sid, d in scoring.scores.items()
    )
    advice = []
    # highest priority first; sorted() is stable, so pack order breaks ties. The low and high models
    # only give ranges of scores, so they carry no advice, FAQ or notes.
    words = variant == "mid"
    for item in sorted(pack.advice if words else [], key=lambda a: -a.priority):
        static = specialize(item.when, role_id, family, asked)
        if static is not False:
            advice.append((item, to_test(static)))
    faq = tuple(
        (
            item,
            tuple(
                (a, to_test(True if a.when is None else specialize(a.when, role_id, family, asked)))
                for a in [*role.faq.get(item.id, ()), *item.answers]  # the role's own answers first
            ),
        )
        for item in pack.faq
        if words and family in item.families
    )
    notes = tuple(
        (note, to_test(static))
        for note in (scoring.notes if words else [])
        for static in [specialize(note.when, role_id, family, asked)]
        if static is not False
    )
    return RoleModel(
        notes=notes,
        scores=scores,
        risk=CompiledScore(
            RISK, _terms(pack, role, scoring.risk.terms, variant), _terms(pack, role, scoring.risk.factors, variant)
        ),
        exposed=CompiledScore(EXPOSED, _terms(pack, role, scoring.exposed.terms, variant), ()),
        adapting=CompiledScore(ADAPTING, _terms(pack, role, scoring.adapting.terms, variant), ()),
        advice=tuple(advice),
        faq=faq,
        verdicts=verdict_table(pack),
        thresholds=(scoring.exposed.threshold, scoring.adapting.threshold),
        asked=questions,
        family=family,
        advice_shown=scoring.advice_shown,
    )
