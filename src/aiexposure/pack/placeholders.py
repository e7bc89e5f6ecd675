"""The placeholders a skeleton (`rules new-role`) leaves in a pack, found before validation so each one gets a
message that says what to write there instead of a type error.

A placeholder is a text that starts with `TODO` (its words after `TODO:` say what belongs there) or an id that
starts with `todo`. Texts and numbers are told apart: a text whose other language is written is "a text
missing a language"; a number written beside a source that is still a placeholder is "a number without a
source".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiexposure.pack.yamlsource import Path_

MARK = "TODO"
ID_MARK = "todo"
LANG_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
# how each language's text is written: for its own reader, not translated word for word
_IN = {
    "en": "in plain English",
    "id": "in Bahasa Indonesia, in your own words for its reader (kamu), not word for word",
}
# where a number's source is named: the key beside the numbers ('source') or a mapping of number -> source
_SOURCE_KEYS = {"source": ("pressure", "low", "high", "value"), "loss_source": ("loss",)}

Problem = tuple[Path_, str]


def is_placeholder(value: object) -> bool:
    """Whether a value is a placeholder text left by a skeleton."""
    return isinstance(value, str) and value.lstrip().startswith(MARK)


def _words(value: str) -> str:
    """What a placeholder says belongs in its place ('TODO: the score, 0 to 1' -> 'the score, 0 to 1')."""
    return value.lstrip()[len(MARK) :].lstrip(" :-").strip() or "the value this key takes"


def placeholders(data: Any) -> list[Problem]:
    """Every placeholder left in the merged pack data, each with what to do about it."""
    sharper = dict(_task_sources(data))
    return [(path, sharper.get(path, message)) for path, message in _walk(data, ())]


def _walk(node: Any, path: Path_) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = (*path, key)
            messages = []
            if isinstance(key, str) and key.startswith(ID_MARK):
                messages.append(
                    f"the id '{key}' is a placeholder: give it a short id of its own (lower-case letters, digits "
                    "and _), and use the same id wherever it is named"
                )
            if is_placeholder(value):
                messages.append(_message(node, key, value))
            if messages:
                yield here, "; and ".join(messages)
            if not is_placeholder(value):
                yield from _walk(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if is_placeholder(value):
                yield (*path, index), f"still a placeholder: write {_words(value)}"
            else:
                yield from _walk(value, (*path, index))


def _message(parent: dict[Any, Any], key: object, value: str) -> str:
    """The message for the placeholder `parent[key]`, worded by what kind of value belongs there."""
    words = _words(value)
    if key in LANG_NAMES and set(parent) <= set(LANG_NAMES):
        other = next((lang for lang in LANG_NAMES if lang != key), "")
        if other in parent and not is_placeholder(parent[other]):
            return (
                f"a text missing a language: the {LANG_NAMES[str(key)]} text is still a placeholder; write "
                f"{words}, {_IN[str(key)]}"
            )
        return f"still a placeholder: write {words}, {_IN[str(key)]}"
    numbers = _sourced_numbers(parent, key)
    if numbers:
        shown = ", ".join(f"{name} {number:g}" for name, number in numbers)
        return (
            f"a number without a source: {shown} is written but its source is still a placeholder; name "
            f"{words} (an id of sources.yaml, or aiexposure for the pack's own judgement with a comment "
            "saying why)"
        )
    return f"still a placeholder: write {words}"


def _sourced_numbers(parent: dict[Any, Any], key: object) -> list[tuple[str, float]]:
    """The numbers already written that the source at `parent[key]` stands behind."""
    if key in _SOURCE_KEYS:
        names: tuple[str, ...] = _SOURCE_KEYS[str(key)]
        return [(n, parent[n]) for n in names if _number(parent.get(n))]
    return []


def _task_sources(data: Any) -> list[Problem]:
    """Task numbers written while their entry under `sources:` is a placeholder: a number without a source."""
    problems: list[Problem] = []
    roles = data.get("roles") if isinstance(data, dict) else None
    for role_id, role in (roles or {}).items() if isinstance(roles, dict) else ():
        tasks = role.get("tasks") if isinstance(role, dict) else None
        for task_id, task in (tasks or {}).items() if isinstance(tasks, dict) else ():
            sources = task.get("sources") if isinstance(task, dict) else None
            for number, source in (sources or {}).items() if isinstance(sources, dict) else ():
                if is_placeholder(source) and (_number(task.get(number)) or _chosen(task.get(number))):
                    path: Path_ = ("roles", role_id, "tasks", task_id, "sources", number)
                    problems.append((path, _task_source(number, task.get(number), _words(source))))
    return problems


def _task_source(number: str, value: object, words: str) -> str:
    shown = f"{value:g}" if isinstance(value, float | int) else f"'{value}'"
    return (
        f"a number without a source: {number} is {shown} but sources.{number} is still a placeholder; name "
        f"{words} (an id of sources.yaml, or aiexposure for the pack's own judgement with a "
        "comment saying why)"
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _chosen(value: object) -> bool:
    """A word chosen in place of a placeholder (a task's mode or horizon also names a source)."""
    return isinstance(value, str) and not is_placeholder(value)
