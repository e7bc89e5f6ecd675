"""The pack's structured conditions turned into tests, settling what the role decides up front (never `eval`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import NamedTuple

from aiexposure.pack.schema import Condition

Value = str | tuple[str, ...]


class Facts(NamedTuple):
    """What a condition may look at: role, answers, task shares and scores (a tuple: cheap to make per row)."""

    role: str
    family: str
    shares: Mapping[str, float]
    values: Mapping[str, Value]
    scores: Mapping[str, float]


Test = Callable[[Facts], bool]
Static = bool | Test


def _range(ge: float | None, lt: float | None) -> Callable[[float], bool]:
    low = -math.inf if ge is None else ge
    high = math.inf if lt is None else lt
    return lambda value: low <= value < high


def _leaf(cond: Condition) -> Test:
    """A comparison of a score, a task share or an answer; the pack checker guarantees one subject."""
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


def specialize(cond: Condition, role_id: str, family: str, asked: frozenset[str]) -> Static:
    """Settle the parts of a condition that depend only on the role; keep the rest as a test."""
    if cond.all is not None or cond.any is not None:
        is_all = cond.all is not None
        parts: list[Test] = []
        for child in cond.all if cond.all is not None else cond.any or []:
            part = specialize(child, role_id, family, asked)
            if part is (not is_all):  # False in an `all`, True in an `any`, decides it
                return not is_all
            if part is not is_all:
                parts.append(part)  # type: ignore[arg-type]
        if not parts:
            return is_all
        if len(parts) == 1:
            return parts[0]
        return _all(parts) if is_all else _any(parts)
    if cond.not_ is not None:
        inner = specialize(cond.not_, role_id, family, asked)
        if isinstance(inner, bool):
            return not inner
        return lambda f: not inner(f)
    if cond.role is not None:
        return role_id in cond.role
    if cond.family is not None:
        return family in cond.family
    if cond.answer is not None and cond.answer not in asked:
        return False
    return _leaf(cond)


# Plain loops, not all()/any() over a generator: measurably faster in the batch hot path.
def _all(parts: list[Test]) -> Test:
    def test(facts: Facts) -> bool:
        for part in parts:  # noqa: SIM110
            if not part(facts):
                return False
        return True

    return test


def _any(parts: list[Test]) -> Test:
    def test(facts: Facts) -> bool:
        for part in parts:  # noqa: SIM110
            if part(facts):
                return True
        return False

    return test


def to_test(static: Static) -> Test:
    """A settled condition as a test."""
    if isinstance(static, bool):
        return (lambda _: True) if static else (lambda _: False)
    return static
