"""The pure scoring model: answers in, scores, verdict, advice and moves out."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from aiexposure.answers import AnswerValue, Answers, applies, option_ids
from aiexposure.conditions import Facts, holds
from aiexposure.pack import Advice, Band, FaqAnswer, Faq, Pack, Role, ScoreDef, Signal, Term


@dataclass(frozen=True)
class TermResult:
    """One named term of a score and what it added (or, for a factor, multiplied)."""

    term: str
    value: float
    weight: float
    contribution: float
    factor: bool = False


@dataclass(frozen=True)
class ScoreResult:
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


@dataclass(frozen=True)
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

    @property
    def role(self) -> Role:
        """The person's role in the pack."""
        return self.pack.roles[self.answers.role]


def _signal(pack: Pack, role: Role, answers: Answers, signal: Signal, scores: dict[str, float]) -> float:
    if signal.tasks is not None:
        horizons = pack.scoring.horizons
        chosen = answers.values.get(signal.among, ()) if signal.among else None
        part = whole = 0.0
        for task_id, share in answers.shares.items():
            task = role.tasks[task_id]
            if signal.mode is not None and task.mode != signal.mode:
                continue
            amount = share * (task.genai if signal.tasks == "genai" else task.robotics)
            if signal.horizon_weighted:
                amount *= horizons[task.horizon].factor
            whole += amount
            if chosen is None or task_id in chosen:
                part += amount
        if signal.relative:
            return part / whole if whole > 0 else 0.0
        return part
    if signal.answer is not None:
        question = pack.questions[signal.answer]
        value = answers.values.get(signal.answer)
        if isinstance(value, str):
            return question.options[value].value
        return min(1.0, sum(question.options[v].value for v in value or ()))
    return scores[signal.score or ""] / 100.0


def _score(
    pack: Pack, role: Role, answers: Answers, sid: str, terms: list[Term], factors: list[Term], scores: dict[str, float]
) -> ScoreResult:
    results: list[TermResult] = []
    total = 0.0
    for term in terms:
        if term.families is None or role.family in term.families:
            value = _signal(pack, role, answers, term.signal, scores)
            total += term.weight * value
            results.append(TermResult(term.id, value, term.weight, term.weight * value))
    scale = 1.0
    for term in factors:
        if term.families is None or role.family in term.families:
            value = _signal(pack, role, answers, term.signal, scores)
            scale *= term.weight * value
            results.append(TermResult(term.id, value, term.weight, term.weight * value, factor=True))
    score = min(100.0, 100.0 * min(1.0, max(0.0, total)) * scale)
    return ScoreResult(sid, round_score(score), tuple(results))


def round_score(value: float) -> float:
    """One decimal, halves rounded up, so hand-computed values match (58.25 -> 58.3).

    The small epsilon absorbs binary error such as 58.2499999999 for 58.25.
    """
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def _def(pack: Pack, role: Role, answers: Answers, sid: str, d: ScoreDef, scores: dict[str, float]) -> ScoreResult:
    return _score(pack, role, answers, sid, d.terms, d.factors, scores)


def score_all(pack: Pack, answers: Answers) -> tuple[dict[str, ScoreResult], ScoreResult]:
    """The pack's scores in order, then risk (each rounded to one decimal before the next uses it)."""
    role = pack.roles[answers.role]
    results: dict[str, ScoreResult] = {}
    values: dict[str, float] = {}
    for sid, definition in pack.scoring.scores.items():
        results[sid] = _def(pack, role, answers, sid, definition, values)
        values[sid] = results[sid].value
    risk = _def(pack, role, answers, "risk", pack.scoring.risk, values)
    return results, risk


def band_for(pack: Pack, risk: float) -> Band:
    """The band whose range holds `risk`."""
    for band in pack.scoring.bands:
        if band.below is None or risk < band.below:
            return band
    return pack.scoring.bands[-1]


def assess(pack: Pack, answers: Answers, with_moves: bool = True) -> Assessment:
    """Score one person. Pure: no I/O, no globals."""
    role = pack.roles[answers.role]
    scores, risk = score_all(pack, answers)
    values = {sid: s.value for sid, s in scores.items()}
    scoring = pack.scoring
    exposed = _score(pack, role, answers, "exposed", scoring.exposed.terms, [], values)
    adapting = _score(pack, role, answers, "adapting", scoring.adapting.terms, [], values)
    is_exposed = exposed.value >= scoring.exposed.threshold
    is_adapting = adapting.value >= scoring.adapting.threshold
    verdict = next(v for v, d in scoring.verdicts.items() if (d.exposed, d.adapting) == (is_exposed, is_adapting))
    facts = Facts(role=answers.role, family=role.family, shares=answers.shares, values=answers.values,
                  scores={**values, "risk": risk.value})
    applicable = [a for a in pack.advice if holds(a.when, facts)]
    applicable.sort(key=lambda a: -a.priority)  # stable: pack order breaks ties
    faq = tuple(
        (item, answer)
        for item in pack.faq
        if role.family in item.families
        for answer in [next((a for a in item.answers if a.when is None or holds(a.when, facts)), None)]
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
        advice=tuple(applicable[: scoring.advice_shown]),
        moves=top_moves(pack, answers, risk.value) if with_moves else (),
        faq=faq,
    )


def _alternatives(pack: Pack, answers: Answers, question_id: str) -> list[tuple[AnswerValue, str | None]]:
    question = pack.questions[question_id]
    role = pack.roles[answers.role]
    current = answers.values.get(question_id)
    if question.kind == "select":
        return [(option, None) for option in option_ids(question, role) if option != current]
    chosen = current if isinstance(current, tuple) else ()
    candidates = [t for t in role.tasks if t in answers.shares] if question.options_from_tasks else list(question.options)
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
            delta = round(score_all(pack, changed)[1].value - risk, 1)
            if delta < 0 and (candidate is None or delta < candidate.risk_delta):
                candidate = Move(question_id, value, added, delta)
        if candidate is not None:
            best.append(candidate)
    best.sort(key=lambda m: m.risk_delta)
    return tuple(best[: pack.scoring.moves_shown])
