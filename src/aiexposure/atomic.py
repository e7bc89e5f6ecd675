"""Writing files atomically (a whole new file or none), with messages a person can act on."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from typing import IO, Any

from aiexposure.errors import UserError
from aiexposure.signals import held


class WriteError(UserError):
    """A file could not be written; `reason` says why in a few words."""

    def __init__(self, path: str, reason: str, hint: str = "choose another path with --output") -> None:
        super().__init__(f"cannot write '{path}': {reason}; {hint}")
        self.path = path
        self.reason = reason


def umask() -> int:
    """The process umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_system_path(target: str) -> bool:
    """/dev/stdout, /dev/fd/3, /proc/self/fd/1: names of an open stream, even when it leads to a regular file.

    They are links into /proc; renaming over what they lead to would replace a file the shell opened
    (`-o /dev/stdout >> log`) instead of writing to it.
    """
    path = os.path.abspath(target)
    try:
        for _ in range(40):  # as many links as the system itself follows
            if os.path.realpath(os.path.dirname(path)).startswith("/proc/"):
                return True
            if not os.path.islink(path):
                return False
            path = os.path.join(os.path.dirname(path), os.readlink(path))
    except OSError:
        return False
    return False


class Staged:
    """A file being written beside its final name; `commit` renames it into place, `discard` removes it.

    Create it inside `signals.held()` and note it for clean-up in the same block, so that a signal cannot come
    between the temporary file appearing and someone holding it.

    A target that is a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written directly instead: renaming
    over it would replace the device with a plain file. A symbolic link to a file keeps pointing at the new file.
    """

    def __init__(
        self, target: str, hint: str = "choose another path with --output", newline: str = "\n", binary: bool = False
    ) -> None:
        self.target, self.hint = target, hint
        self.tmp: str | None = None  # None when writing straight to a device or pipe
        self.final = target
        self.binary = binary  # bytes (an image) rather than text
        self.handle: IO[Any]
        try:
            mode = os.stat(target).st_mode  # follows links
        except OSError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise WriteError(target, "it is a folder", f"give a file name such as {target.rstrip('/')}/report.md")
        try:
            if (mode is not None and not stat.S_ISREG(mode)) or _is_system_path(target):
                # append: "w" would truncate a file the shell opened for appending (`-o /dev/stdout >> log`)
                if binary:
                    self.handle = open(target, "ab")  # noqa: SIM115 - closed by commit
                else:
                    self.handle = open(target, "a", encoding="utf-8", newline=newline)  # noqa: SIM115 - closed by commit
                return
            self.handle = self._temporary(os.path.realpath(target), newline)  # a link, even dangling, is followed
        except OSError as exc:
            raise WriteError(target, exc.strerror or str(exc), hint) from None

    def _temporary(self, final: str, newline: str) -> IO[Any]:
        import tempfile  # only here: it costs start-up time that stdout output should not pay

        self.final = final  # where the rename puts it: the file a link points to
        folder, name = os.path.split(final)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
        try:
            os.chmod(self.tmp, 0o666 & ~umask())  # mkstemp makes it private; a report is an ordinary file
            if self.binary:
                return os.fdopen(fd, "wb")
            return os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        except BaseException:  # fdopen may fail after its file object already took (and closed) fd
            with contextlib.suppress(OSError):
                os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            raise

    def commit(self) -> None:
        """Flush to disk and rename over the target (a device or pipe: flush and close)."""
        try:
            self.handle.flush()
            if self.tmp is not None:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if self.tmp is not None:
                os.replace(self.tmp, self.final)
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
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)


def write_atomic(target: str, text: str | bytes, hint: str = "choose another path with --output") -> None:
    """Write `text` (or the bytes of an image) to `target` ('-' is stdout) via a temporary file and a rename:
    never a half-written file."""
    if target == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    staged: Staged | None = None
    try:
        with held():  # a signal waits until the temporary file is in `staged`, where the clean-up finds it
            staged = Staged(target, hint, binary=isinstance(text, bytes))
        staged.handle.write(text)
    except OSError as exc:
        if staged is not None:
            staged.discard()
        raise WriteError(target, exc.strerror or str(exc), hint) from None
    except BaseException:
        if staged is not None:
            staged.discard()
        raise
    staged.commit()
