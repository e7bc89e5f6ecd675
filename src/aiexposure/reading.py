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
_SKIP_CHARS = 1 << 20  # how much of an over-long line is read at a time while it is skipped


def read_regular(path: Path | str, shown: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file `path`; a pipe, device or folder is refused at once.

    The file is opened without blocking (a FIFO with no writer would wait forever) and judged by what was
    opened, not by its name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise UserError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise UserError(f"{shown}: cannot read the file: {os.strerror(errno.EISDIR)}")
            if not stat.S_ISREG(mode):
                raise UserError(f"{shown}: cannot read the file: {NOT_REGULAR}")
            return handle.read(limit + 1)
        except OSError as exc:
            raise UserError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None


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

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self) -> str:
        """The next line ('' at the end); raises LineTooLong for one over the limit, after skipping it."""
        line = self.handle.readline(self.limit + 1)
        if not line:
            return line
        self.count += 1
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            while (rest := self.handle.readline(_SKIP_CHARS)) and not rest.endswith(("\n", "\r")):
                pass
            raise LineTooLong(self.count)
        return line
