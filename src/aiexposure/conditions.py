"""Evaluate the pack's structured conditions (never `eval`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import NamedTuple

from aiexposure.pack import Condition

Value = str | tuple[str, ...]


class Facts(NamedTuple):
    """What a condition may look at: role, answers, task shares and scores (a tuple: cheap to make per row)."""

    role: str
    family: str
    shares: Mapping[str, float]
    values: Mapping[str, Value]
    scores: Mapping[str, float]


Test = Callable[[Facts], bool]


def holds(cond: Condition, facts: Facts) -> bool:
    """Whether `cond` is true of `facts`."""
    return compile_condition(cond)(facts)


def _range(ge: float | None, lt: float | None) -> Callable[[float], bool]:
    low = -math.inf if ge is None else ge
    high = math.inf if lt is None else lt
    return lambda value: low <= value < high


def compile_condition(cond: Condition) -> Test:
    """Turn a condition into a function of the facts; the pack checker guarantees one subject."""
    if cond.all is not None:
        parts = [compile_condition(c) for c in cond.all]
        return lambda f: all(p(f) for p in parts)
    if cond.any is not None:
        parts = [compile_condition(c) for c in cond.any]
        return lambda f: any(p(f) for p in parts)
    if cond.not_ is not None:
        inner = compile_condition(cond.not_)
        return lambda f: not inner(f)
    if cond.role is not None:
        roles = frozenset(cond.role)
        return lambda f: f.role in roles
    if cond.family is not None:
        families = frozenset(cond.family)
        return lambda f: f.family in families
    if cond.score is not None:
        score, inside = cond.score, _range(cond.ge, cond.lt)
        return lambda f: inside(f.scores.get(score, 0.0))
    if cond.task is not None:
        task, inside = cond.task, _range(cond.ge, cond.lt)
        return lambda f: inside(f.shares.get(task, 0.0))
    if cond.answer is not None:
        return _compile_answer(cond)
    return lambda f: False


def _compile_answer(cond: Condition) -> Test:
    question = cond.answer or ""
    allowed = None if cond.in_ is None else frozenset(cond.in_)
    includes = cond.includes
    count = _range(cond.count_ge, cond.count_lt)

    def test(f: Facts) -> bool:
        value = f.values.get(question)
        if value is None:  # not asked of this family
            return False
        if isinstance(value, str):
            return allowed is None or value in allowed
        return (includes is None or includes in value) and count(len(value))

    return test
