"""The pure scoring model: answers in, scores, verdict, advice and moves out."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import NamedTuple

from aiexposure.model.answers import Answers, AnswerValue, applies, option_ids
from aiexposure.pack.compiled import VARIANTS, CompiledScore, Variant, combine, role_model
from aiexposure.pack.conditions import Facts
from aiexposure.pack.schema import Advice, Band, Faq, FaqAnswer, Pack, Role, VerdictNote


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


class ScoreResult(NamedTuple):
    """A score from 0 to 100 (one decimal) and the terms that made it."""

    id: str
    value: float
    terms: tuple[TermResult, ...]


@dataclass(frozen=True)
class Move:
    """A change to one actionable answer and how many risk points it removes."""

    question: str
    answer: AnswerValue
    added: str | None
    risk_delta: float


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything a report needs about one person."""

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


def _score(model: CompiledScore, answers: Answers, scores: dict[str, float], detail: bool = True) -> ScoreResult:
    """One score; `detail` keeps every term for --explain (batch scoring and top moves skip that work)."""
    if not detail:
        return ScoreResult(model.id, round_score(model.value(answers.shares, answers.values, scores)), ())
    results: list[TermResult] = []
    total = 0.0
    shares, values = answers.shares, answers.values
    for term in model.terms:
        value = term.signal(shares, values, scores)
        total += term.weight * value
        if term.raw is None:
            results.append(TermResult(term.id, value, term.weight, term.weight * value))
            continue
        # a term with its own factors: its plain value and what it adds, then each factor that scaled it
        results.append(TermResult(term.id, term.raw(shares, values, scores), term.weight, term.weight * value))
        for name, offset, weight, factor in term.scales:
            signal = factor(shares, values, scores)
            results.append(TermResult(name, signal, weight, offset + weight * signal, True, term.id))
    scale = 1.0
    for term in model.factors:
        value = term.signal(shares, values, scores)
        scale *= term.offset + term.weight * value
        results.append(TermResult(term.id, value, term.weight, term.offset + term.weight * value, factor=True))
    return ScoreResult(model.id, round_score(combine(total, scale)), tuple(results))


def round_score(value: float) -> float:
    """One decimal, halves rounded up, so hand-computed values match (58.25 -> 58.3).

    The small epsilon absorbs binary error such as 58.2499999999 for 58.25.
    """
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def score_all(
    pack: Pack, answers: Answers, detail: bool = True, variant: Variant = "mid"
) -> tuple[dict[str, ScoreResult], ScoreResult]:
    """The pack's scores in order, then risk (each rounded to one decimal before the next uses it)."""
    model = role_model(pack, answers.role, variant)
    results: dict[str, ScoreResult] = {}
    values: dict[str, float] = {}
    if not detail:  # the batch hot path: no terms kept, no per-score function call
        shares, chosen = answers.shares, answers.values
        for compiled in model.scores:
            value = values[compiled.id] = round_score(compiled.value(shares, chosen, values))
            results[compiled.id] = ScoreResult(compiled.id, value, ())
        return results, ScoreResult("risk", round_score(model.risk.value(shares, chosen, values)), ())
    for compiled in model.scores:
        result = _score(compiled, answers, values, detail)
        results[compiled.id] = result
        values[compiled.id] = result.value
    return results, _score(model.risk, answers, values, detail)


def score_ranges(pack: Pack, answers: Answers) -> dict[str, tuple[float, float]]:
    """Each score, risk and verdict axis at both ends of the sources' range; the range holds the value itself."""
    runs = []
    for variant in VARIANTS:
        model = role_model(pack, answers.role, variant)
        scores, risk = score_all(pack, answers, detail=False, variant=variant)
        values = {sid: s.value for sid, s in scores.items()}
        axes = {axis: _score(getattr(model, axis), answers, values, False).value for axis in ("exposed", "adapting")}
        runs.append({**values, "risk": risk.value, **axes})
    return {sid: (min(run[sid] for run in runs), max(run[sid] for run in runs)) for sid in runs[0]}


def band_for(pack: Pack, risk: float) -> Band:
    """The band whose range holds `risk`."""
    for band in pack.scoring.bands:
        if band.below is None or risk < band.below:
            return band
    return pack.scoring.bands[-1]


def assess(pack: Pack, answers: Answers, full: bool = True) -> Assessment:
    """Score one person. Pure: no I/O, no globals.

    `full=False` is for batch scoring: no top moves, no FAQ and no terms behind the scores (no --explain).
    """
    detail = full
    role = pack.roles[answers.role]
    model = role_model(pack, answers.role)
    scores, risk = score_all(pack, answers, detail)
    values = {sid: s.value for sid, s in scores.items()}
    scoring = pack.scoring
    if detail:
        exposed = _score(model.exposed, answers, values)
        adapting = _score(model.adapting, answers, values)
    else:
        shares, chosen = answers.shares, answers.values
        exposed = ScoreResult("exposed", round_score(model.exposed.value(shares, chosen, values)), ())
        adapting = ScoreResult("adapting", round_score(model.adapting.value(shares, chosen, values)), ())
    is_exposed = exposed.value >= scoring.exposed.threshold
    is_adapting = adapting.value >= scoring.adapting.threshold
    verdict = verdict_for(pack, is_exposed, is_adapting)
    facts = Facts(
        role=answers.role,
        family=role.family,
        shares=answers.shares,
        values=answers.values,
        scores={**values, "risk": risk.value},
    )
    # model.advice is already in priority order, so the first that hold are the ones shown
    shown: list[Advice] = []
    for item, test in model.advice:
        if test(facts):
            shown.append(item)
            if len(shown) == scoring.advice_shown:
                break
    # Advice is a step worth taking even on an assumed answer, but a FAQ answer describes the
    # person ("your clients are mostly..."), so it may only look at what they told us.
    if full and answers.assumed:
        told = {q: v for q, v in answers.values.items() if q not in answers.assumed}
        facts = Facts(answers.role, role.family, answers.shares, told, facts.scores)
    # like FAQ answers, the headline's notes describe the person, so only from what they told us
    notes = tuple(note for note, test in model.notes if test(facts)) if full else ()
    faq = tuple(
        (item, answer)
        for item, answers_ in (model.faq if full else ())
        for answer in [next((a for a, test in answers_ if test(facts)), None)]
        if answer is not None
    )
    return Assessment(
        pack=pack,
        answers=answers,
        family=role.family,
        scores=scores,
        risk=risk,
        band=band_for(pack, risk.value),
        exposed=exposed,
        adapting=adapting,
        verdict=verdict,
        advice=tuple(shown),
        moves=top_moves(pack, answers, risk.value) if full else (),
        faq=faq,
        notes=notes,
        ranges=score_ranges(pack, answers) if full else None,
    )


def verdict_for(pack: Pack, exposed: bool, adapting: bool) -> str:
    """The verdict id for one cell of the quadrant (the pack check ensures exactly one)."""
    return next(v for v, d in pack.scoring.verdicts.items() if (d.exposed, d.adapting) == (exposed, adapting))


def _alternatives(pack: Pack, answers: Answers, question_id: str) -> list[tuple[AnswerValue, str | None]]:
    question = pack.questions[question_id]
    role = pack.roles[answers.role]
    current = answers.values.get(question_id)
    # only answers a person can reach by doing something: those the pack words as a step for this family
    if question.action_families and role.family not in question.action_families:
        return []
    if question.kind == "select":
        return [
            (option, None)
            for option in option_ids(question, role)
            if option != current and question.options[option].action is not None
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
    best.sort(key=lambda m: m.risk_delta)
    return tuple(best[: pack.scoring.moves_shown])
