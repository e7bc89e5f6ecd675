"""Ctrl-C and SIGTERM become one exception, so every command stops the same way: files cleaned up, a message,
exit code 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM)."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from aiexposure.errors import ExitCode


class Stopped(BaseException):
    """The run was stopped by a signal.

    A BaseException, not a KeyboardInterrupt: typer turns a KeyboardInterrupt into a silent exit, and
    `except Exception` clauses must not swallow it.
    """

    def __init__(self, signum: int, finished: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = ExitCode.for_signal(signum)
        self.finished = finished  # the signal came while the last files were being put in place, which completed


_held: list[int] = []  # signals that arrived during a `held()` block
_depth = 0


def _raise(signum: int, frame: FrameType | None) -> None:
    if _depth:
        _held.append(signum)
        return
    _ignore_more()
    raise Stopped(signum)


def _ignore_more() -> None:
    # a second Ctrl-C must not cut short the clean-up that the first one started
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


Handler = Callable[[int, FrameType | None], Any] | int | None


def install() -> tuple[Handler, Handler]:
    """Route SIGINT and SIGTERM to `Stopped` (the main thread only, as Python requires); return the old handlers."""
    return signal.signal(signal.SIGINT, _raise), signal.signal(signal.SIGTERM, _raise)


def restore(old: tuple[Handler, Handler]) -> None:
    """Put back the handlers `install` replaced (for callers that run the command line in-process)."""
    signal.signal(signal.SIGINT, old[0])
    signal.signal(signal.SIGTERM, old[1])


@contextmanager
def held(finished: bool = False) -> Iterator[None]:
    """Run a few steps that belong together (create a file and note it for clean-up; rename results into place;
    clean up) without a signal cutting them in half.

    A signal that came meanwhile is raised when the block ends, marked `finished` when the block put the run's
    files in place. When the block itself raises, that error wins and the signal is dropped: the run is ending.
    """
    global _depth
    _depth += 1
    try:
        yield
    except BaseException:
        _depth -= 1
        if not _depth:
            _held.clear()
        raise
    _depth -= 1
    if not _depth and _held:
        signum = _held[0]
        _held.clear()
        _ignore_more()
        raise Stopped(signum, finished=finished)
