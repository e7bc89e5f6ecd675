"""The pure scoring model: answers in, scores, verdict, advice and moves out."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from aiexposure.model.answers import Answers, AnswerValue, applies, option_ids
from aiexposure.pack.compiled import RISK, VARIANTS, CompiledScore, RoleModel, TermResult, Variant, role_model
from aiexposure.pack.conditions import Facts
from aiexposure.pack.schema import Advice, Band, Faq, FaqAnswer, Option, Pack, Role, VerdictNote


class ScoreResult(NamedTuple):
    """A score from 0 to 100 (one decimal) and the terms that made it."""

    id: str
    value: float
    terms: tuple[TermResult, ...]


class Move(NamedTuple):
    """A change to one actionable answer and how many risk points it removes."""

    question: str
    answer: AnswerValue
    added: str | None
    risk_delta: float


class Assessment(NamedTuple):
    """Everything a report needs about one person.

    A NamedTuple, not a frozen dataclass: as immutable, and batch scoring makes one per row, where a frozen
    dataclass's field-by-field set costs as much as scoring a few answers.
    """

    pack: Pack
    answers: Answers
    family: str
    scores: dict[str, ScoreResult]
    risk: ScoreResult
    band: Band
    exposed: ScoreResult
    adapting: ScoreResult
    verdict: str
    advice: tuple[Advice, ...]
    moves: tuple[Move, ...]
    faq: tuple[tuple[Faq, FaqAnswer], ...]
    notes: tuple[VerdictNote, ...] = ()
    # (low, high) of every score and of risk, from the sources' disagreement; empty for batch scoring
    ranges: dict[str, tuple[float, float]] | None = None

    @property
    def role(self) -> Role:
        """The person's role in the pack."""
        return self.pack.roles[self.answers.role]

    @property
    def every_score(self) -> tuple[ScoreResult, ...]:
        """The pack's scores in order, then risk and the verdict's two axes: everything --explain shows."""
        return (*self.scores.values(), self.risk, self.exposed, self.adapting)


def _score(model: CompiledScore, answers: Answers, scores: dict[str, float], detail: bool) -> ScoreResult:
    """One score, rounded; `detail` keeps every term behind it for --explain (batch scoring and moves do not)."""
    if detail:
        kept: list[TermResult] = []
        value = model.value(answers.shares, answers.values, scores, kept)
        return ScoreResult(model.id, round_score(value), tuple(kept))
    return ScoreResult(model.id, round_score(model.value(answers.shares, answers.values, scores)), ())


def round_score(value: float) -> float:
    """One decimal, halves rounded up, so hand-computed values match (58.25 -> 58.3).

    The small epsilon absorbs binary error such as 58.2499999999 for 58.25.
    """
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def score_all(
    pack: Pack, answers: Answers, detail: bool = True, variant: Variant = "mid"
) -> tuple[dict[str, ScoreResult], ScoreResult]:
    """The pack's scores in order, then risk (each rounded to one decimal before the next uses it)."""
    results, risk, _ = _scored(role_model(pack, answers.role, variant), answers, detail)
    return results, risk


def _scored(
    model: RoleModel, answers: Answers, detail: bool
) -> tuple[dict[str, ScoreResult], ScoreResult, dict[str, float]]:
    """The scores in order, then risk, and every value by id (risk's included) for what reads them next."""
    results: dict[str, ScoreResult] = {}
    values: dict[str, float] = {}
    for compiled in model.scores:
        result = results[compiled.id] = _score(compiled, answers, values, detail)
        values[compiled.id] = result.value
    risk = _score(model.risk, answers, values, detail)
    values[RISK] = risk.value
    return results, risk, values


def score_ranges(pack: Pack, answers: Answers) -> dict[str, tuple[float, float]]:
    """Each score, risk and verdict axis at both ends of the sources' range; the range holds the value itself."""
    runs = []
    for variant in VARIANTS:
        model = role_model(pack, answers.role, variant)
        scores, risk = score_all(pack, answers, detail=False, variant=variant)
        values = {sid: s.value for sid, s in scores.items()}
        axes = {axis.id: _score(axis, answers, values, False).value for axis in (model.exposed, model.adapting)}
        runs.append({**values, RISK: risk.value, **axes})
    return {sid: (min(run[sid] for run in runs), max(run[sid] for run in runs)) for sid in runs[0]}


def band_for(pack: Pack, risk: float) -> Band:
    """The band whose range holds `risk`."""
    for band in pack.scoring.bands:
        if band.below is None or risk < band.below:
            return band
    return pack.scoring.bands[-1]


def assess(pack: Pack, answers: Answers, full: bool = True) -> Assessment:
    """Score one person. Pure: no I/O, no globals.

    A full assessment is what a report needs. `full=False` is a batch row: the numbers, verdict and advice only;
    no terms behind the scores, top moves, FAQ answers, notes or ranges, which cost most of the time.
    """
    model = role_model(pack, answers.role)
    scores, risk, values = _scored(model, answers, full)
    exposed = _score(model.exposed, answers, values, full)
    adapting = _score(model.adapting, answers, values, full)
    facts = Facts(answers.role, model.family, answers.shares, answers.values, values)
    band = band_for(pack, risk.value)
    result = Assessment(
        pack=pack,
        answers=answers,
        family=model.family,
        scores=scores,
        risk=risk,
        band=band,
        exposed=exposed,
        adapting=adapting,
        verdict=model.verdict(exposed.value, adapting.value, band.id),
        advice=_advice(model, facts, model.advice_shown),
        moves=(),
        faq=(),
    )
    if not full:
        return result
    told = _told(answers, facts)
    return result._replace(
        moves=top_moves(pack, answers, risk.value),
        faq=_faq(model, told),
        notes=tuple(note for note, test in model.notes if test(told)),
        ranges=score_ranges(pack, answers),
    )


def _advice(model: RoleModel, facts: Facts, shown: int) -> tuple[Advice, ...]:
    """The advice items that hold, at most `shown` (the model keeps them in priority order)."""
    items: list[Advice] = []
    for item, test in model.advice:
        if test(facts):
            items.append(item)
            if len(items) == shown:
                break
    return tuple(items)


def _told(answers: Answers, facts: Facts) -> Facts:
    """The facts without assumed answers.

    Advice is a step worth taking even on an assumed answer, but a FAQ answer or a headline note describes the
    person ("your clients are mostly..."), so those may only look at what the person told us.
    """
    if not answers.assumed:
        return facts
    told = {q: v for q, v in answers.values.items() if q not in answers.assumed}
    return Facts(facts.role, facts.family, facts.shares, told, facts.scores)


def _faq(model: RoleModel, facts: Facts) -> tuple[tuple[Faq, FaqAnswer], ...]:
    """For each FAQ question of the family, the first answer whose condition holds (none: the question is left out)."""
    return tuple(
        (item, answer)
        for item, answers in model.faq
        for answer in [next((a for a, test in answers if test(facts)), None)]
        if answer is not None
    )


def _alternatives(pack: Pack, answers: Answers, question_id: str) -> list[tuple[AnswerValue, str | None]]:
    question = pack.questions[question_id]
    role = pack.roles[answers.role]
    current = answers.values.get(question_id)
    # only answers a person can reach by doing something: those the pack words as a step for this family
    if question.action_families and role.family not in question.action_families:
        return []
    if question.kind == "select":
        # one step on the question's scale, as a person can start it this week: the nearest value above or below
        options = question.options
        here = options[current].value if isinstance(current, str) and current in options else None
        near = {o.value for o in options.values()} if here is None else _next_values(list(options.values()), here)
        return [
            (option, None)
            for option in option_ids(question, role)
            if option != current and options[option].action is not None and options[option].value in near
        ]
    chosen = current if isinstance(current, tuple) else ()
    if question.options_from_tasks:
        candidates = [t for t in role.tasks if t in answers.shares] if question.action is not None else []
    else:
        candidates = [o for o, option in question.options.items() if option.action is not None]
    return [
        (tuple(o for o in option_ids(question, role) if o in chosen or o == add), add)
        for add in candidates
        if add not in chosen
    ]


def _next_values(options: list[Option], here: float) -> set[float]:
    """The nearest option values below and above `here` (one step either way on the question's scale)."""
    below = [o.value for o in options if o.value < here]
    above = [o.value for o in options if o.value > here]
    return {*([max(below)] if below else []), *([min(above)] if above else [])}


def top_moves(pack: Pack, answers: Answers, risk: float) -> tuple[Move, ...]:
    """For each actionable question, the change that lowers risk most; the best few overall."""
    family = pack.roles[answers.role].family
    best: list[Move] = []
    for question_id, question in pack.questions.items():
        if not question.actionable or not applies(question, family):
            continue
        candidate: Move | None = None
        for value, added in _alternatives(pack, answers, question_id):
            changed = replace(answers, values={**answers.values, question_id: value})
            delta = round(score_all(pack, changed, detail=False)[1].value - risk, 1)
            if delta < 0 and (candidate is None or delta < candidate.risk_delta):
                candidate = Move(question_id, value, added, delta)
        if candidate is not None:
            best.append(candidate)
    # a step that rests on a hypothesis comes after every step the evidence supports, however much it lowers risk
    best.sort(key=lambda m: (pack.questions[m.question].hypothesis, m.risk_delta))
    return tuple(best[: pack.scoring.moves_shown])
