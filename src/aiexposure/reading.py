"""Reading input within bounds: a regular file where one is expected, and lines and values of a bounded size.

Every reader (CSV and JSONL rows, answers files, stdin, pack files) holds at most one line of
MAX_LINE_CHARS characters in memory, and refuses a value of more than MAX_VALUE_CHARS; a pipe or a device
named where a file belongs is refused at once instead of waited on.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TextIO

from aiexposure.errors import UserError

MAX_LINE_CHARS = 1_000_000  # one line of a CSV, JSONL or YAML file; a form's row is a few thousand
MAX_VALUE_CHARS = 100_000  # one CSV cell, JSON string or YAML value; more is not an answer or a pack text
NOT_REGULAR = "it is a pipe, a device or a socket, not a file"
_SKIP_CHARS = 1 << 18  # read at a time while an over-long line is skipped (less than a line may hold)


def read_regular(path: Path | str, shown: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file `path`; a pipe, device or folder is refused at once.

    The file is opened without blocking (a FIFO with no writer would wait forever) and judged by what was
    opened, not by its name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UserError(f"{shown}: cannot read the file: {os.strerror(errno.EISDIR)}")
        if not stat.S_ISREG(mode):
            raise UserError(f"{shown}: cannot read the file: {NOT_REGULAR}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise UserError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


class LineTooLong(Exception):
    """A line of more than MAX_LINE_CHARS characters was skipped; `number` is its line number (from 1)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class BoundedLines:
    """The lines of a text stream, each at most MAX_LINE_CHARS characters long.

    A longer line is read on to its end a chunk at a time and dropped, and `LineTooLong` is raised in its place;
    iterating again goes on with the next line. `count` is the number of lines taken so far.
    """

    def __init__(self, handle: TextIO, count: int = 0, limit: int = MAX_LINE_CHARS) -> None:
        self.handle = handle
        self.count = count
        self.limit = limit
        self.ahead = ""  # read past the end of a skipped line: the start of the lines after it

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self) -> str:
        """The next line ('' at the end); raises LineTooLong for one over the limit, after skipping it."""
        line = self._next_piece()
        if not line:
            return line
        self.count += 1
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            self._skip()
            raise LineTooLong(self.count)
        return line

    def _next_piece(self) -> str:
        """Up to limit + 1 characters of the next line: from what was read ahead, then from the stream."""
        ahead = self.ahead
        if not ahead:
            return self.handle.readline(self.limit + 1)
        end = _line_end(ahead)
        if end >= 0 and len(ahead[:end].rstrip("\r\n")) <= self.limit:
            self.ahead = ahead[end:]
            return ahead[:end]
        if end >= 0 or len(ahead) > self.limit:  # a line too long, inside what was read ahead
            self.ahead = ahead[self.limit + 1 :]
            return ahead[: self.limit + 1]
        self.ahead = ""
        return ahead + self.handle.readline(self.limit + 1 - len(ahead))

    def _skip(self) -> None:
        """Read to the end of the current line in plain chunks (twice as fast as lines), keeping what follows it."""
        end = _line_end(self.ahead)
        if end >= 0:
            self.ahead = self.ahead[end:]
            return
        self.ahead = ""
        while chunk := self.handle.read(_SKIP_CHARS):
            end = _line_end(chunk)
            if end >= 0:
                self.ahead = chunk[end:]
                return


def _line_end(text: str) -> int:
    """The index just past the first line ending in `text` (\\n, \\r or \\r\\n), or -1 when it has none."""
    found = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    if not found:
        return -1
    end = min(found)
    return end + 2 if text.startswith("\r\n", end) else end + 1
