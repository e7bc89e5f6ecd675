"""Writing files atomically (a whole new file or none), with messages a person can act on."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path
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


FOREIGN_LINK = "it is a symbolic link that belongs to another user"
NOT_YOURS = "it is a pipe or device that belongs to another user"
STAGING_MAX_AGE = 24 * 3600  # staging of a process id that is alive again (a reused id) still goes after a day


# flags that do not exist everywhere (Windows has none of them): 0 where missing
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def mine(uid: int) -> bool:
    """Whether a file's owner is the user running this (always, where the system has no user ids)."""
    return not hasattr(os, "getuid") or uid == os.getuid()


def _trusted_owner(uid: int) -> bool:
    """A link or special file we may use: our own, or the system's (/dev/stdout, /dev/null belong to root)."""
    return mine(uid) or uid == 0


def followed(target: str, hint: str = "choose another path with --output") -> str:
    """Where writing `target` must go: the path with every link on it resolved, each one checked on the way.

    Every link met, in a folder of the path or at its end, must belong to you (or to the system, as
    /dev/stdout does): a link that another user planted, say in a shared folder such as /tmp, is refused
    rather than followed, so a write never lands where it points. (`realpath` followed any link, and the
    kernel's protected_symlinks, often off, covers only sticky folders.) Names that do not exist yet are kept
    as written.
    """
    pending = os.path.join(os.getcwd(), target).split("/")[::-1]  # not normalised: `..` after a link is real
    resolved = "/"
    hops = 0
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        if part == "..":
            resolved = os.path.dirname(resolved)
            continue
        candidate = os.path.join(resolved, part)
        try:
            info = os.lstat(candidate)
        except OSError:  # not there yet (or unreadable: opening it will say why)
            resolved = candidate
            continue
        if not stat.S_ISLNK(info.st_mode):
            resolved = candidate
            continue
        if not _trusted_owner(info.st_uid):
            raise WriteError(target, FOREIGN_LINK, hint)
        hops += 1
        if hops > 40:  # as many links as the system itself follows
            raise WriteError(target, os.strerror(errno.ELOOP), hint)
        try:
            link = os.readlink(candidate)
        except OSError as exc:
            raise WriteError(target, exc.strerror or str(exc), hint) from None
        if link.startswith("/"):
            resolved = "/"
        pending.extend(link.split("/")[::-1])
    return resolved


def make_private_folders(folder: Path) -> list[Path]:
    """Make `folder` and its missing parents, each 0700 whatever the umask; return those made, outermost first.

    `Path.mkdir(parents=True)` gives parents the umask's mode (0777 under umask 000), which would let another
    user move a private folder away. A folder that exists already is left as it is.
    """
    missing: list[Path] = []
    for each in (folder, *folder.parents):
        if os.path.lexists(each):
            break
        missing.append(each)
    made: list[Path] = []
    for each in reversed(missing):
        try:
            os.mkdir(each, 0o700)
        except FileExistsError:  # another run made it meanwhile
            continue
        made.append(each)
        os.chmod(each, 0o700)  # mkdir's mode passes through the umask: 0777 would give 0000
    if not os.path.isdir(folder):
        raise FileExistsError(errno.EEXIST, "File exists", str(folder))
    return made


def staging_name(name: str, suffix: str) -> str:
    """A hidden name beside `name` that says which process made it, so a later run can tell it is stale."""
    return f".{name}.{os.getpid()}-{os.urandom(4).hex()}{suffix}"


# SQLite adds -wal, -shm or -journal to a database being built (the history's .new file)
# (and releases before this one named it with mkstemp's eight random characters and no process id)
_STAGING = re.compile(
    r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-[0-9a-f]{8}|[a-z0-9_]{8})(?P<suffix>\.[a-z]+)?(-wal|-shm|-journal)?$"
)


def remove_stale_staging(folder: str | Path, name: str, suffix: str) -> None:
    """Remove what runs killed outright (SIGKILL, a power cut) left of their staging of `name` in `folder`.

    Only your own files and folders go, and only those of a process that is gone (or a day old: its id may
    have been taken again). Nothing is followed through a link.
    """
    import time

    try:
        names = os.listdir(folder)
    except OSError:
        return
    for each in names:
        found = _STAGING.match(each)
        if found is None or found["name"] != name or (found["suffix"] or "") != suffix:
            continue
        pid = int(found["pid"]) if found["pid"] else None  # None: an older release's name, judged by age alone
        path = os.path.join(folder, each)
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if not mine(info.st_uid) or pid == os.getpid():
                continue
            if (pid is None or _alive(pid)) and info.st_mtime > time.time() - STAGING_MAX_AGE:
                continue
            if stat.S_ISDIR(info.st_mode):
                import shutil

                shutil.rmtree(path, ignore_errors=True)  # never follows links inside it
            else:
                os.unlink(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


class Staged:
    """A file being written beside its final name; `commit` renames it into place, `discard` removes it.

    Create it inside `signals.held()` and note it for clean-up in the same block, so that a signal cannot come
    between the temporary file appearing and someone holding it.

    A target that is a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written directly instead: renaming
    over it would replace the device with a plain file. A symbolic link of yours to a file keeps pointing at the
    new file; a link of another user's is refused (see `followed`).
    """

    def __init__(
        self, target: str, hint: str = "choose another path with --output", newline: str = "\n", binary: bool = False
    ) -> None:
        self.target, self.hint = target, hint
        self.tmp: str | None = None  # None when writing straight to a device or pipe
        self.binary = binary  # bytes (an image) rather than text
        self.handle: IO[Any]
        self.final = followed(target, hint)
        try:
            info: os.stat_result | None = os.stat(self.final)
        except OSError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise WriteError(target, "it is a folder", f"give a file name such as {target.rstrip('/')}/report.md")
        try:
            if (info is not None and not stat.S_ISREG(info.st_mode)) or _is_system_path(target):
                if info is not None and not _trusted_owner(info.st_uid):
                    raise WriteError(target, NOT_YOURS, hint)  # another user's pipe would receive the report
                # append: "w" would truncate a file the shell opened for appending (`-o /dev/stdout >> log`)
                if binary:
                    self.handle = open(target, "ab")  # noqa: SIM115 - closed by commit
                else:
                    self.handle = open(target, "a", encoding="utf-8", newline=newline)  # noqa: SIM115 - closed by commit
                return
            self.handle = self._temporary(self.final, newline)
        except OSError as exc:
            raise WriteError(target, exc.strerror or str(exc), hint) from None

    def _temporary(self, final: str, newline: str) -> IO[Any]:
        folder, name = os.path.split(final)
        remove_stale_staging(folder or ".", name, ".tmp")
        self.tmp = os.path.join(folder, staging_name(name, ".tmp"))
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | CLOEXEC, 0o666)  # a report's usual mode
        try:
            if self.binary:
                return os.fdopen(fd, "wb")
            return os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        except BaseException:  # fdopen may fail after its file object already took (and closed) fd
            with contextlib.suppress(OSError):
                os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            raise

    def commit(self, replace: bool = True) -> None:
        """Flush to disk and rename over the target (a device or pipe: flush and close); with `replace` False, a
        target that exists by now is left as it is and the write fails."""
        try:
            self.handle.flush()
            if self.tmp is not None:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if self.tmp is not None and replace:
                os.replace(self.tmp, self.final)
            elif self.tmp is not None:
                _link_new(self.tmp, self.final)
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


def _link_new(tmp: str, final: str) -> None:
    """Give the finished temporary file its name only if that name is free (a link fails on an existing name)."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares): look, then rename
        if os.path.lexists(final):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), final) from None
        os.replace(tmp, final)
        return
    os.unlink(tmp)


def write_atomic(
    target: str, text: str | bytes, hint: str = "choose another path with --output", replace: bool = True
) -> None:
    """Write `text` (or the bytes of an image) to `target` ('-' is stdout) via a temporary file and a rename:
    never a half-written file. With `replace` False, a file already there is never replaced (the write fails)."""
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
    staged.commit(replace)
