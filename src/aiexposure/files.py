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


class Staged:
    """A file being written beside its final name; `commit` renames it into place, `discard` removes it."""

    def __init__(self, target: str, hint: str = "choose another path with --output", newline: str = "\n") -> None:
        import tempfile  # only here: it costs start-up time that stdout output should not pay

        self.target, self.hint = target, hint
        path = Path(target)
        if path.is_dir():
            raise WriteError(target, "it is a folder", f"give a file name such as {target.rstrip('/')}/report.md")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is an ordinary file
        except OSError as exc:
            raise WriteError(target, exc.strerror or str(exc), hint) from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline=newline)

    def commit(self) -> None:
        """Flush to disk and rename over the target."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise WriteError(self.target, exc.strerror or str(exc), self.hint) from None
        except BaseException:  # stopped by a signal: the target stays as it was
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the temporary file (nothing happens to the target)."""
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def write_atomic(target: str, text: str, hint: str = "choose another path with --output") -> None:
    """Write `text` to `target` ('-' is stdout) via a temporary file and a rename: never a half-written file."""
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    staged = Staged(target, hint)
    try:
        staged.handle.write(text)
    except OSError as exc:
        staged.discard()
        raise WriteError(target, exc.strerror or str(exc), hint) from None
    except BaseException:
        staged.discard()
        raise
    staged.commit()
