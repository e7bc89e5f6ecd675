"""Reading answers files and writing reports: atomic, with messages a person can act on."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiexposure.errors import UserError
from aiexposure.yamlsource import MAX_FILE_BYTES, parse_yaml, read_yaml

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
            raise UserError(f"{located.where((key,))}: unknown key '{key}'; expected {', '.join(ANSWER_FILE_KEYS)}")
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


class WriteError(UserError):
    """A file could not be written; `reason` says why in a few words."""

    def __init__(self, path: str, reason: str, hint: str = "choose another path with --output") -> None:
        super().__init__(f"cannot write '{path}': {reason}; {hint}")
        self.path = path
        self.reason = reason


def read_yaml_stdin() -> Any:
    """Answers piped in: the same limits as a file."""
    raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(f"stdin: more than {MAX_FILE_BYTES:,} bytes")
    try:
        return parse_yaml(raw.decode("utf-8-sig"), "stdin")
    except UnicodeDecodeError as exc:
        raise UserError(f"stdin: not UTF-8 text (bad byte at offset {exc.start})") from None


def split_pair(text: str, option: str, example: str) -> tuple[str, str]:
    """`ID=VALUE` from a command-line option."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UserError(f"{option} '{text}': expected ID=VALUE, for example {option} {example}")
    return key.strip(), value.strip()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: str, text: str) -> None:
    """Write `text` to `target` ('-' is stdout) via a temporary file and a rename."""
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise WriteError(target, "it is a folder", f"give a file name such as {target.rstrip('/')}/report.md")
    import tempfile  # only here: it costs start-up time that stdout output should not pay

    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes it private; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise WriteError(target, exc.strerror or str(exc)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
