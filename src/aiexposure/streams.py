"""Standard output that fails as a message, not as a bug: full (`>/dev/full`), closed (`>&-`) or gone (`| head`).

`guard()` wraps sys.stdout for one run, so a failed write raises `OutputFailed` (a full disk, a closed stream)
wherever it happens: in a renderer, in rich, in click's echo. A reader that went away (`| head -1`) stays a
BrokenPipeError, which the entry point ends quietly, as Unix tools do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

CLOSED = "it is closed"


class OutputFailed(Exception):
    """Standard output could not be written; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason(exc: OSError) -> str:
    return CLOSED if exc.errno == errno.EBADF else exc.strerror or str(exc)


class Guarded:
    """A text stream whose failed writes raise OutputFailed (BrokenPipeError stays what it is)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(_reason(exc)) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(_reason(exc)) from None

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, buffer... as the stream has them
        return getattr(self._stream, name)


class _Closed:
    """What stands for standard output when the program was started with it closed (`>&-`)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        return None  # nothing was written, so nothing is lost

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Standard output guarded for the block (and put back after it, for callers of `main()` in-process)."""
    original = sys.stdout
    stream: Any = original
    if stream is None:  # started with standard output closed: descriptor 1 must not go to a file opened later
        _reserve_descriptor()
        stream = _Closed()
    sys.stdout = Guarded(stream)
    try:
        yield
    finally:
        sys.stdout = original


def _reserve_descriptor() -> None:
    """Put /dev/null on descriptor 1, so that no file the run opens becomes standard output by accident."""
    with contextlib.suppress(OSError):
        os.fstat(1)
        return
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        if null != 1:
            os.dup2(null, 1, inheritable=False)
            os.close(null)


def silence() -> None:
    """After standard output failed: send what is still buffered to /dev/null, so the interpreter's own flush at
    exit neither fails again nor prints 'Exception ignored'."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    stream = sys.__stdout__
    if stream is not None:
        with contextlib.suppress(Exception):
            stream.flush()
