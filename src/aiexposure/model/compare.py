"""What moved a person's risk between two sets of answers, one change at a time so the parts add up exactly.

Starting from the earlier answers, each changed task share (in the role's task order), then each changed answer
(in the pack's question order) is set to its later value, and the risk is scored again after each step. A step's
points are the difference from the step before, so the steps add up to the whole change to the tenth of a point.
A changed role changes everything at once and is one step. Mid-way a mix may not add up to 100%: the step
measures that task's time with everything else held as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aiexposure.model.answers import Answers, AnswerValue
from aiexposure.model.scoring import score_all
from aiexposure.pack.schema import Pack

SAME_SHARE = 1e-9


@dataclass(frozen=True)
class Change:
    """One thing that changed and the risk points it moved (negative: lower risk)."""

    kind: str  # "role", "task" or "question"
    key: str
    before: AnswerValue | float | None
    after: AnswerValue | float | None
    risk_delta: float
    assumed_before: bool = False
    assumed_after: bool = False


def _risk(pack: Pack, answers: Answers) -> int:
    """Risk in tenths of a point (an exact integer: scores have one decimal)."""
    return round(score_all(pack, answers, detail=False)[1].value * 10)


def attribute(pack: Pack, before: Answers, after: Answers) -> tuple[float, list[Change]]:
    """The whole change of risk and the change each step made, in the fixed order; they add up exactly."""
    start, end = _risk(pack, before), _risk(pack, after)
    if before.role != after.role:
        return (end - start) / 10, [Change("role", "role", before.role, after.role, (end - start) / 10)]
    steps: list[tuple[str, str, AnswerValue | float | None, AnswerValue | float | None, Answers]] = []
    current = before
    for task in pack.roles[before.role].tasks:
        was, now = before.shares.get(task, 0.0), after.shares.get(task, 0.0)
        if abs(was - now) <= SAME_SHARE:
            continue
        shares = {t: s for t, s in {**current.shares, task: now}.items() if s > 0}
        current = replace(current, shares=shares)
        steps.append(("task", task, was, now, current))
    for question in pack.questions:
        was_value, now_value = before.values.get(question), after.values.get(question)
        if was_value == now_value:
            continue
        current = replace(
            current,
            values={**current.values, question: now_value}
            if now_value is not None
            else {q: v for q, v in current.values.items() if q != question},
        )
        steps.append(("question", question, was_value, now_value, current))
    changes: list[Change] = []
    previous = start
    for index, (kind, key, was_step, now_step, answers) in enumerate(steps):
        # the last step lands on the later answers themselves, so rounding never leaves a remainder
        risk = end if index == len(steps) - 1 else _risk(pack, answers)
        changes.append(
            Change(
                kind,
                key,
                was_step,
                now_step,
                (risk - previous) / 10,
                kind == "question" and key in before.assumed,
                kind == "question" and key in after.assumed,
            )
        )
        previous = risk
    if not steps and end != start:  # nothing we can name changed, yet the risk did: say so rather than hide it
        changes.append(Change("other", "other", None, None, (end - start) / 10))
    return (end - start) / 10, changes
