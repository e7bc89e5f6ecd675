"""Answers as a person or a file gave them, before they are checked against a pack: answers files, stdin and
the ID=VALUE pairs of command-line options."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.pack.yamlsource import MAX_FILE_BYTES, parse_bytes, read_yaml
from aiexposure.streams import CLOSED

ANSWER_FILE_KEYS = ("role", "tasks", "answers")


@dataclass
class RawAnswers:
    """Answers as given, before they are checked against a pack."""

    role: str | None = None
    tasks: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)


def read_answers_file(path: Path) -> RawAnswers:
    """Read a YAML or JSON answers file with the keys role, tasks and answers ('-' is stdin)."""
    located = read_yaml_stdin() if str(path) == "-" else read_yaml(path)
    data = located.data
    if data is None:
        raise UserError(f"{path}: the answers file is empty; it needs at least 'role: ROLE'")
    if not isinstance(data, dict):
        raise UserError(f"{located.where(())}: expected a mapping with the keys {', '.join(ANSWER_FILE_KEYS)}")
    for key in data:
        if key not in ANSWER_FILE_KEYS:
            raise UserError(
                f"{located.where((key,))}: unknown key '{one_line(key)}'; expected {', '.join(ANSWER_FILE_KEYS)}"
            )
    role = data.get("role")
    if role is not None and not isinstance(role, str):
        raise UserError(f"{located.where(('role',))}: role: expected a role id, found {role!r}")
    raw = RawAnswers(role=role)
    for key in ("tasks", "answers"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise UserError(f"{located.where((key,))}: {key}: expected a mapping of id: value")
        setattr(raw, key, {str(k): v for k, v in value.items()})
    return raw


def read_yaml_stdin() -> Any:
    """Answers piped in: the same limits as a file."""
    if sys.stdin is None:  # started with standard input closed (`<&-`)
        raise UserError(f"stdin: cannot read the file: {CLOSED}")
    return parse_bytes(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "stdin")


def split_pair(text: str, option: str, example: str) -> tuple[str, str]:
    """`ID=VALUE` from a command-line option."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UserError(f"{option} '{text}': expected ID=VALUE, for example {option} {example}")
    return key.strip(), value.strip()
