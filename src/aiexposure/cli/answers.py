"""The answers `assess` and `quiz` start from: an answers file, then the options, which win."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aiexposure.cli.settings import check_path

if TYPE_CHECKING:
    from aiexposure.model.raw_answers import RawAnswers
    from aiexposure.pack.schema import Pack


def gather(
    pack: Pack, role: str | None, task: list[str] | None, answer: list[str] | None, answers: str | None
) -> RawAnswers:
    """Answers from a file and options, options winning; not yet checked against the pack."""
    from aiexposure.model.raw_answers import RawAnswers, read_answers_file, split_pair

    check_path(pack, "--answers", answers)
    raw = read_answers_file(Path(answers)) if answers is not None else RawAnswers()  # '-' is stdin
    if role:
        raw.role = role
    if task:
        raw.tasks = _task_weights(pack, task)
    given: dict[str, list[str]] = {}
    for item in answer or []:
        key, value = split_pair(item, "--answer", "QUESTION=VALUE")
        given.setdefault(key, []).append(value)
    for key, values in given.items():
        raw.answers[key] = _one_answer(pack, key, values)
    from aiexposure.batch.read import Vocabulary

    # keys and values as a form writes them (a task's label, a question, "Lumayan banyak"), read as batch reads them
    return Vocabulary.of(pack).tidy(raw)


def _task_weights(pack: Pack, task: list[str]) -> dict[str, str]:
    """`--task ID=WEIGHT` options as a mapping; a task given twice is a mistake."""
    from aiexposure.model.raw_answers import split_pair
    from aiexposure.pack.messages import input_error

    weights: dict[str, str] = {}
    for item in task:
        key, value = split_pair(item, "--task", "TASK=30")
        if key in weights:
            raise input_error(pack, "err_task_twice", task=key)
        weights[key] = value
    return weights


def _one_answer(pack: Pack, key: str, values: list[str]) -> str | list[str]:
    """`--answer` given more than once: a multi-select question takes every value, any other one value only."""
    from aiexposure.model.answers import split_choices
    from aiexposure.pack.messages import input_error

    question = pack.questions.get(key)
    if question is not None and question.kind == "multi":
        merged = [piece for value in values for piece in split_choices(pack, key, value)]
        return merged if len(values) > 1 else values[0]
    different = list(dict.fromkeys(v.strip() for v in values))
    if len(different) > 1:
        raise input_error(pack, "err_answer_twice", question=key, values=", ".join(different))
    return values[0]
