"""Answers from every source (options, files, prompts, CSV rows), checked by one piece of code."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiexposure.errors import UserError
from aiexposure.pack import Pack, Question, Role

AnswerValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Answers:
    """A validated, complete set of answers for one person."""

    role: str
    shares: dict[str, float]
    values: dict[str, AnswerValue]
    assumed: tuple[str, ...] = ()
    typical_mix: bool = False


def choices(names: object) -> str:
    """A list of valid ids for an error message."""
    return ", ".join(str(n) for n in names)  # type: ignore[attr-defined]


def applies(question: Question, family: str) -> bool:
    """Whether `question` is asked of people in `family`."""
    return family in question.families


def option_ids(question: Question, role: Role) -> list[str]:
    """The values a question accepts for this role."""
    return list(role.tasks) if question.options_from_tasks else list(question.options)


def parse_weight(task_id: str, raw: Any) -> float:
    """A relative task weight: a finite number of 0 or more."""
    if isinstance(raw, bool):
        raise UserError(f"task '{task_id}': expected a weight (a number of 0 or more), found {str(raw).lower()}")
    if isinstance(raw, int | float):
        weight = float(raw)
    else:
        text = str(raw).strip().rstrip("%")
        try:
            weight = float(text)
        except ValueError:
            raise UserError(
                f"task '{task_id}': expected a weight (a number of 0 or more, e.g. {task_id}=30), found '{raw}'"
            ) from None
    if not math.isfinite(weight) or weight < 0:
        raise UserError(f"task '{task_id}': expected a weight (a finite number of 0 or more), found '{raw}'")
    return weight


def normalise_mix(pack: Pack, role_id: str, weights: Mapping[str, Any]) -> dict[str, float]:
    """Relative weights -> shares that add up to 1, in the role's task order."""
    role = pack.roles[role_id]
    parsed: dict[str, float] = {}
    for task_id, raw in weights.items():
        if task_id not in role.tasks:
            raise UserError(f"unknown task '{task_id}' for role '{role_id}'; choose from: {choices(role.tasks)}")
        parsed[task_id] = parse_weight(task_id, raw)
    total = sum(parsed.values())
    if total <= 0:
        raise UserError(f"the task weights for role '{role_id}' are all zero; give at least one task a weight above 0")
    return {t: parsed[t] / total for t in role.tasks if parsed.get(t, 0.0) > 0}


def _as_text(raw: Any) -> str:
    # YAML reads an unquoted yes/no as a boolean; the option ids are the words.
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, int | float | str):
        return str(raw).strip()
    raise UserError(f"expected a word, found {type(raw).__name__}")


def parse_value(question_id: str, question: Question, role: Role, raw: Any) -> AnswerValue:
    """One answer, as typed or read from a file, checked against the question's options."""
    valid = option_ids(question, role)
    if question.kind == "select":
        if isinstance(raw, list | tuple):
            raise UserError(
                f"question '{question_id}' takes one value, found {len(raw)}; choose one of: {choices(valid)}"
            )
        value = _as_text(raw)
        if value not in valid:
            raise UserError(f"'{value}' is not an answer to '{question_id}'; choose one of: {choices(valid)}")
        return value
    if isinstance(raw, list | tuple):
        items = [_as_text(item) for item in raw]
    elif raw is None:
        items = []
    else:
        items = [part.strip() for part in _as_text(raw).split(",")]
    picked: list[str] = []
    for item in items:
        if not item:
            continue
        if item not in valid:
            raise UserError(
                f"'{item}' is not an answer to '{question_id}'; choose any of: {choices(valid)} "
                f"(comma-separated; empty for none)"
            )
        if item not in picked:
            picked.append(item)
    return tuple(v for v in valid if v in picked)


def check_given(pack: Pack, given: Any) -> None:
    """Check answers given before a quiz: everything when the role is known, else what does not depend on it."""
    if given.role:
        resolve(pack, given.role, given.tasks, given.answers)
        return
    if given.tasks:
        raise UserError(f"--task needs --role: task ids belong to a role; choose one of: {choices(pack.roles)}")
    for question_id, raw in given.answers.items():
        question = pack.questions.get(question_id)
        if question is None:
            raise UserError(f"unknown question '{question_id}'; choose from: {choices(pack.questions)}")
        if not question.options_from_tasks:
            any_role = next(iter(pack.roles.values()))
            parse_value(question_id, question, any_role, raw)


def resolve(
    pack: Pack,
    role_id: str | None,
    tasks: Mapping[str, Any] | None,
    raw_answers: Mapping[str, Any],
    strict: bool = False,
) -> Answers:
    """Check a role, task weights and raw answers; fill defaults for what is missing."""
    if not role_id:
        raise UserError(f"no role given; pass --role with one of: {choices(pack.roles)}")
    role = pack.roles.get(role_id)
    if role is None:
        raise UserError(f"unknown role '{role_id}'; choose one of: {choices(pack.roles)}")
    typical = not tasks
    shares = normalise_mix(pack, role_id, role.typical_mix if typical else tasks or {})
    values: dict[str, AnswerValue] = {}
    for question_id, raw in raw_answers.items():
        question = pack.questions.get(question_id)
        if question is None:
            raise UserError(f"unknown question '{question_id}'; choose from: {choices(pack.questions)}")
        if not applies(question, role.family):
            asked = [q for q, item in pack.questions.items() if applies(item, role.family)]
            raise UserError(
                f"question '{question_id}' is not asked of a {role_id} ({role.family}); "
                f"the questions for this role are: {choices(asked)}"
            )
        values[question_id] = parse_value(question_id, question, role, raw)
    missing = [q for q, item in pack.questions.items() if applies(item, role.family) and q not in values]
    if strict and missing:
        raise UserError(
            f"--strict: no answer given for {choices(missing)}; pass --answer ID=VALUE for each "
            "(`aiexposure questions` lists the values)"
        )
    for question_id in missing:
        default = pack.questions[question_id].default
        values[question_id] = default if isinstance(default, str) else tuple(default)
    ordered = {q: values[q] for q in pack.questions if q in values}
    return Answers(role=role_id, shares=shares, values=ordered, assumed=tuple(missing), typical_mix=typical)
