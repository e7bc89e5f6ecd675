"""Evaluate the pack's structured conditions (never `eval`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aiexposure.pack import Condition

Value = str | tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """What a condition may look at: role, answers, task shares and scores."""

    role: str
    family: str
    shares: Mapping[str, float]
    values: Mapping[str, Value]
    scores: Mapping[str, float]


def _compare(value: float, cond: Condition) -> bool:
    return (cond.ge is None or value >= cond.ge) and (cond.lt is None or value < cond.lt)


def holds(cond: Condition, facts: Facts) -> bool:
    """Whether `cond` is true of `facts`; the pack checker guarantees one subject."""
    if cond.all is not None:
        return all(holds(c, facts) for c in cond.all)
    if cond.any is not None:
        return any(holds(c, facts) for c in cond.any)
    if cond.not_ is not None:
        return not holds(cond.not_, facts)
    if cond.role is not None:
        return facts.role in cond.role
    if cond.family is not None:
        return facts.family in cond.family
    if cond.score is not None:
        return _compare(facts.scores.get(cond.score, 0.0), cond)
    if cond.task is not None:
        return _compare(facts.shares.get(cond.task, 0.0), cond)
    if cond.answer is not None:
        value = facts.values.get(cond.answer)
        if value is None:  # not asked of this family
            return False
        if isinstance(value, str):
            return cond.in_ is None or value in cond.in_
        picked = len(value)
        return (
            (cond.includes is None or cond.includes in value)
            and (cond.count_ge is None or picked >= cond.count_ge)
            and (cond.count_lt is None or picked < cond.count_lt)
        )
    return False
