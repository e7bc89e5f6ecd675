"""Ctrl-C and SIGTERM become one exception, so every command stops the same way: files cleaned up, a message,
exit code 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(BaseException):
    """The run was stopped by a signal.

    A BaseException, not a KeyboardInterrupt: typer turns a KeyboardInterrupt into a silent exit, and
    `except Exception` clauses must not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


_held: list[int] = []  # signals that arrived during a `held()` block
_depth = 0


def _raise(signum: int, frame: FrameType | None) -> None:
    if _depth:
        _held.append(signum)
        return
    raise Stopped(signum)


def install() -> None:
    """Route SIGINT and SIGTERM to `Stopped` (the main thread only, as Python requires)."""
    signal.signal(signal.SIGINT, _raise)
    signal.signal(signal.SIGTERM, _raise)


@contextmanager
def held() -> Iterator[None]:
    """Finish a few steps that belong together (e.g. renaming results into place) before a signal stops us."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if not _depth and _held:
        signum = _held[0]
        _held.clear()
        raise Stopped(signum)
