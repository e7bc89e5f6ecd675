"""A cache of checked packs: a run whose pack files have not changed skips parsing, validating and cross-checking.

The checked pack is kept pickled in the user's cache folder (`platformdirs.user_cache_dir`: $XDG_CACHE_HOME or
~/.cache on Linux), or in `$AIEXPOSURE_CACHE` (`AIEXPOSURE_CACHE=off` turns it off), one file per pack folder.
The file starts with a key: a hash of every pack file's name and bytes, the program's version and the code that
decides what a valid pack is. A pack that changed, a newer program or an edited schema makes a new key, and the
stale entry is rebuilt.

Unpickling can run code, so a cache file is read only when it and its folder belong to the current user and no
one else can write to them; pickle's data then came from this program run by this user. A file that is foreign,
damaged, truncated or stale is ignored and rebuilt, and a cache that cannot be read or written only costs time:
no error ever reaches the user from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiexposure import __version__
from aiexposure.pack.schema import Pack

ENV_CACHE = "AIEXPOSURE_CACHE"
OFF = "off"
MAGIC = b"aiexposure pack cache 1\n"
MAX_CACHE_BYTES = 50_000_000  # the shipped pack pickles to about 300 kB; a pack may be 2 MB of YAML
LENGTH_BYTES = 8
CHECK_BYTES = 4
MAX_ENTRIES = 20  # one entry per pack folder used; the least recently written go first
STALE_TEMPORARY_SECONDS = 3600  # a write stopped before its rename (the process killed) leaves its temporary file

# The code that decides what a valid pack is and what its objects hold (every module of the pack package, and
# the text checks they use): an edit to any of it (a development copy keeps its version number) makes every
# cached pack stale.
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE = ("pack", "escape.py")


def cache_dir() -> Path | None:
    """The folder for cached packs, or None when caching is off or the system has no user ids to check."""
    if not hasattr(os, "getuid"):  # the ownership checks below need POSIX user ids
        return None
    chosen = os.environ.get(ENV_CACHE, "").strip()
    if chosen:
        return None if chosen.lower() == OFF else Path(chosen).expanduser().absolute()
    # not under $AIEXPOSURE_HOME: that folder holds the history, and only it (`history` lists and checks it)
    if sys.platform == "linux":  # what platformdirs gives on Linux, without importing it (a few ms of every run)
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "aiexposure"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("aiexposure", appauthor=False))


def _private(info: os.stat_result) -> bool:
    """Owned by the current user, and no one else may write to it."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def safe_folder(folder: Path) -> bool:
    """Whether `folder` is a folder of the current user's that no one else can write to."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _private(info)


def pack_key(files: Sequence[tuple[str, bytes]], borrowed_from: bytes | None) -> bytes | None:
    """The hash that names one pack's content as this program reads it; None when the program's code is unreadable.

    `files` are the pack's file names and bytes, in reading order; `borrowed_from` is the shipped pack's messages
    file for a pack that may borrow program messages from it.
    """
    from pydantic.version import VERSION  # pickles hold pydantic's own fields too

    digest = hashlib.sha256(MAGIC)
    for part in (__version__, sys.version, VERSION):
        _add(digest, part.encode())
    try:
        for path in _code_files():
            _add(digest, path.name.encode())
            _add(digest, path.read_bytes())
    except OSError:  # installed without its sources: nothing to tell an edited schema by
        return None
    for name, raw in files:
        _add(digest, name.encode("utf-8", "surrogateescape"))
        _add(digest, raw)
    _add(digest, b"" if borrowed_from is None else b"borrowing:" + borrowed_from)
    return digest.digest()


def _code_files() -> list[Path]:
    """The source files named by _CODE (a folder stands for its modules), in a fixed order."""
    files: list[Path] = []
    for name in _CODE:
        path = _PACKAGE / name
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    return files


def _add(digest: Any, part: bytes) -> None:
    """Add one length-prefixed part, so that no two different lists of parts hash alike."""
    digest.update(len(part).to_bytes(LENGTH_BYTES, "big"))
    digest.update(part)


class CacheEntry:
    """Where one pack folder's checked pack is kept, and the key it must carry to be used."""

    __slots__ = ("key", "path")

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self.key = key

    @classmethod
    def find(
        cls, directory: Path, files: Sequence[tuple[str, bytes]], borrowed_from: bytes | None
    ) -> CacheEntry | None:
        """The entry for the pack in `directory` with these files, or None when there is no cache to use."""
        folder = cache_dir()
        key = pack_key(files, borrowed_from) if folder is not None else None
        if folder is None or key is None:
            return None
        try:
            place = str(directory.resolve())
        except OSError:
            return None
        name = hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return cls(folder / f"pack-{name}.pickle", key)

    def header(self, payload: bytes | memoryview) -> bytes:
        """What a cache file starts with: the format, the key, and the length and checksum of the pickle after it."""
        check = zlib.crc32(payload).to_bytes(CHECK_BYTES, "big")  # damage, not tampering: ownership rules that out
        return MAGIC + self.key + len(payload).to_bytes(LENGTH_BYTES, "big") + check

    def load(self) -> Pack | None:
        """The cached pack, or None when there is none that is safe, whole and of this key."""
        if not safe_folder(self.path.parent):
            return None
        data = _read_private(self.path)
        if data is None:
            return None
        start = len(MAGIC) + len(self.key) + LENGTH_BYTES + CHECK_BYTES
        payload = memoryview(data)[start:]
        # another format or key (a stale entry), or a pickle cut short, added to or damaged
        if len(data) < start or data[:start] != self.header(payload):
            return None
        try:
            state = pickle.loads(payload)
            pack = Pack.__new__(Pack)
            pack.__setstate__(state)
        except Exception:  # our own file, damaged in a way the length does not show: rebuild it
            return None
        return pack

    def store(self, pack: Pack) -> None:
        """Keep `pack` for the next run; a folder that is not private or not writable is left as it is."""
        try:
            folder = self.path.parent
            from aiexposure.atomic import followed, make_private_folders

            if os.path.lexists(folder):
                followed(str(folder), "")  # a link of another user's in its place: no cache
            else:
                make_private_folders(folder)  # 0700, parents too, whatever the umask
            if not safe_folder(folder):  # never write where someone else could swap or read-modify the file
                return
            payload = pickle.dumps(_state(pack), protocol=pickle.HIGHEST_PROTOCOL)
            import tempfile  # here: only a run that writes the cache needs it (3 ms of every start-up)

            handle, temporary = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=folder)  # mode 0600
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(self.header(payload))
                    out.write(payload)
                os.replace(temporary, self.path)  # readers see the old file or the new one, never half of one
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            _prune(folder, self.path)
        except Exception:  # a read-only or full disk, a folder we may not use: the run goes on without a cache
            return


def _prune(folder: Path, kept: Path) -> None:
    """Keep at most MAX_ENTRIES entries (the newest, `kept` among them) and no forgotten temporary files."""
    import time

    entries: list[tuple[float, Path]] = []
    for path in folder.iterdir():
        with contextlib.suppress(OSError):  # another run may be removing it too
            modified = path.lstat().st_mtime
            if path.name.startswith("pack-") and path.suffix == ".pickle" and path != kept:
                entries.append((modified, path))
            elif path.name.startswith(".pack-") and modified < time.time() - STALE_TEMPORARY_SECONDS:
                path.unlink()
    entries.sort()
    for _, path in entries[: max(0, len(entries) - (MAX_ENTRIES - 1))]:
        with contextlib.suppress(OSError):
            path.unlink()


def _state(pack: Pack) -> dict[str, Any]:
    """The pack's fields and private data, without what was derived from it (compiled closures do not pickle)."""
    state: dict[str, Any] = pack.__getstate__()
    state["__dict__"] = {name: value for name, value in state["__dict__"].items() if name in Pack.model_fields}
    return state


def _read_private(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of the current user's that no one else can write, else None."""
    # no following a link, and no waiting on a pipe put in the file's place
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as source:
            info = os.fstat(source.fileno())  # of the file opened, not of whatever the name points at a moment later
            if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_CACHE_BYTES:
                return None
            return source.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
