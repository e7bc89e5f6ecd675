"""The personal history: one SQLite file, private to its owner, never repaired or replaced when it is not ours.

A new file is built beside its final name and linked into place, so the file at the final name is always a whole
aiexposure history: one that is not (a foreign file, a damaged one) is reported and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiexposure.atomic import (
    CLOEXEC,
    NOFOLLOW,
    NONBLOCK,
    WriteError,
    followed,
    make_private_folders,
    mine,
    remove_stale_staging,
    staging_name,
)
from aiexposure.errors import UserError
from aiexposure.escape import visible
from aiexposure.pack.messages import fill, input_error
from aiexposure.pack.schema import LANGS, Lang, Pack
from aiexposure.signals import held

ENV_HOME = "AIEXPOSURE_HOME"
FILE_NAME = "history.sqlite3"
APPLICATION_ID = 0x41495848  # "AIXH" in the file's header: tells our file from any other SQLite database
MAGIC = b"SQLite format 3\x00"
BUSY_SECONDS = 30.0  # how long a keep waits for another one to finish writing

# Each step brings the schema from its position to the next version; PRAGMA user_version counts the steps done.
Migration = Callable[[sqlite3.Connection], None]


def _create_entries(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kept_at TEXT NOT NULL,
            source TEXT NOT NULL,
            lang TEXT NOT NULL,
            role TEXT NOT NULL,
            typical_mix INTEGER NOT NULL,
            tasks TEXT NOT NULL,
            answers TEXT NOT NULL,
            assumed TEXT NOT NULL,
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            scores TEXT NOT NULL,
            risk REAL NOT NULL,
            band TEXT NOT NULL,
            band_label TEXT NOT NULL,
            verdict TEXT NOT NULL,
            verdict_label TEXT NOT NULL,
            advice TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Migration] = [_create_entries]


def schema_version() -> int:
    """The version this program writes: the number of migration steps."""
    return len(MIGRATIONS)


@dataclass(frozen=True)
class Entry:
    """One kept result: what was answered and what was shown then."""

    id: int
    kept_at: str  # ISO 8601 with the local offset
    source: str  # "assess" or "quiz"
    lang: str
    role: str
    typical_mix: bool
    tasks: dict[str, float]
    answers: dict[str, Any]  # question id -> option id, or a list of them
    assumed: tuple[str, ...]
    pack_id: str
    pack_version: str
    scores: dict[str, float]
    risk: float
    band: str
    band_label: str
    verdict: str
    verdict_label: str
    advice: tuple[str, ...]


_COLUMNS = [
    "kept_at",
    "source",
    "lang",
    "role",
    "typical_mix",
    "tasks",
    "answers",
    "assumed",
    "pack_id",
    "pack_version",
    "scores",
    "risk",
    "band",
    "band_label",
    "verdict",
    "verdict_label",
    "advice",
]
_JSON = {"tasks", "answers", "assumed", "scores", "advice"}


def _row(entry: Entry) -> list[Any]:
    values = []
    for name in _COLUMNS:
        value = getattr(entry, name)
        if name in _JSON:
            value = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        elif isinstance(value, bool):
            value = int(value)
        values.append(value)
    return values


_TEXT = {
    "kept_at",
    "source",
    "lang",
    "role",
    "pack_id",
    "pack_version",
    "band",
    "band_label",
    "verdict",
    "verdict_label",
}


def _entry(row: Sequence[Any]) -> Entry:
    """An entry from its row; a ValueError when the row does not hold what this program writes."""
    data = dict(zip(("id", *_COLUMNS), row, strict=True))
    for name in _JSON:
        data[name] = json.loads(data[name])
    for name in _TEXT:
        if not isinstance(data[name], str):
            raise ValueError(f"{name} is not text")
    if not isinstance(data["id"], int) or not isinstance(data["typical_mix"], int):
        raise ValueError("id or typical_mix is not a whole number")
    if not _number(data["risk"]):
        raise ValueError("risk is not a number")
    for name in ("tasks", "scores"):
        value = data[name]
        if not isinstance(value, dict) or not all(isinstance(k, str) and _number(v) for k, v in value.items()):
            raise ValueError(f"{name} is not a mapping of numbers")
    answers = data["answers"]
    if not isinstance(answers, dict) or not all(_answer(v) for v in answers.values()):
        raise ValueError("answers is not a mapping of answers")
    for name in ("assumed", "advice"):
        if not isinstance(data[name], list) or not all(isinstance(v, str) for v in data[name]):
            raise ValueError(f"{name} is not a list of ids")
    data["assumed"], data["advice"] = tuple(data["assumed"]), tuple(data["advice"])
    data["typical_mix"] = bool(data["typical_mix"])
    return Entry(**data)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _answer(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def history_path() -> Path:
    """$AIEXPOSURE_HOME/history.sqlite3, else the file in the platform's folder for a user's application data."""
    home = os.environ.get(ENV_HOME, "").strip()
    if home:
        return Path(home).expanduser().absolute() / FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("aiexposure", appauthor=False)) / FILE_NAME


def _reason(exc: BaseException) -> str:
    """An OS or SQLite failure in a few words."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


class Store:
    """The history file; every method opens it, does one thing in one transaction, and closes it."""

    def __init__(self, pack: Pack, path: Path | None = None, lang: Lang = "en") -> None:
        self.pack = pack
        self.path = path or history_path()
        self.lang = lang  # of the one line that names a folder made private
        self._rows: list[Entry] = []
        self._loose_folder = 0  # the mode of a folder of yours that others may use, made private by a write

    # --- checks -------------------------------------------------------------------------------------------

    def _foreign(self, why: str) -> UserError:
        """The file is not an aiexposure history; `why` is the message key saying what it is instead."""
        return self._worded("history_foreign", why)

    def _damaged(self, reason: str, why: str | None = None) -> UserError:
        return self._worded("history_damaged", why, reason)

    def _worded(self, key: str, why: str | None, reason: str = "") -> UserError:
        """A message whose reason is itself worded by the pack in each language (or SQLite's own words)."""
        slots = {"path": visible(str(self.path))}
        texts: dict[str, str] = {
            lang: fill(
                self.pack.messages[key](lang), {**slots, "reason": self.pack.messages[why](lang) if why else reason}
            )
            for lang in LANGS
        }
        return UserError(texts["en"], translations=texts)

    def _check_header(self) -> os.stat_result:
        """Refuse, without letting SQLite touch it, a file that is not an aiexposure history of this user's.

        The file is opened without following a link or waiting on a pipe, and judged by what was opened: its
        type, its owner, its header. Returns what it is, so a later step can tell it is still the same file.
        """
        flags = os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC
        try:
            fd = os.open(self.path, flags)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a symbolic link: not followed
                raise self._foreign("history_why_link") from None
            raise input_error(self.pack, "history_cannot_read", path=self.path, reason=_reason(exc)) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise self._foreign("history_why_not_file")
            if not mine(info.st_uid):
                raise self._foreign("history_why_other_user")
            head = os.read(fd, 100)  # opened just now: from the start
        except OSError as exc:
            raise input_error(self.pack, "history_cannot_read", path=self.path, reason=_reason(exc)) from None
        finally:
            os.close(fd)
        if not head:
            raise self._foreign("history_why_empty")
        if not head.startswith(MAGIC):
            raise self._foreign("history_why_not_sqlite")
        if len(head) < 100:
            raise self._damaged("", "history_why_short")
        if int.from_bytes(head[68:72], "big") != APPLICATION_ID:
            raise self._foreign("history_why_other_program")
        return info

    def _check_schema(self, db: sqlite3.Connection) -> int:
        """The file's schema version, after SQLite's own quick check of every page."""
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > schema_version():
            raise input_error(self.pack, "history_newer", path=self.path, found=version, known=schema_version())
        if version < 1:
            raise self._damaged("", "history_why_no_version")
        problems = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise self._damaged(" ".join(problems[0].split())[:200])
        return version

    # --- opening ------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection]:
        """A checked connection to an existing file; a write runs in one IMMEDIATE transaction.

        The file is judged the same way for every command, before anything is changed: its type, owner and
        header, then SQLite's check of every page, its schema version, and every entry read back. Only then
        does a write make the file private.
        """
        identity = self._check_header()
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            db.execute("PRAGMA secure_delete = ON")  # a forgotten entry's answers are overwritten, not left behind
            if write:
                db.execute("BEGIN IMMEDIATE")
            version = self._check_schema(db)
            if not write:
                db.execute("BEGIN")
            if version < schema_version():
                self._migrate(db, version, write)
            self._rows = self._read_entries(db)
            if write:
                self._private(identity)
                self._private_folder()
            yield db
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if db is not None and db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise self._sqlite_error(exc, write) from None
        except BaseException:
            if db is not None and db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise
        finally:
            if db is not None:
                db.close()

    def _read_entries(self, db: sqlite3.Connection) -> list[Entry]:
        """Every entry, oldest first; one that cannot be read back makes the whole file damaged, for every command."""
        rows = db.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM entries ORDER BY id").fetchall()
        return [self._decode(row) for row in rows]

    def _sqlite_error(self, exc: sqlite3.DatabaseError, write: bool) -> UserError:
        """SQLite's complaint as a message: a damaged file, or a write that could not be done (a full disk)."""
        text = str(exc)
        if isinstance(exc, sqlite3.OperationalError) or "disk is full" in text:
            key = "history_cannot_write" if write else "history_cannot_read"
            return input_error(self.pack, key, path=self.path, reason=text)
        return self._damaged(text)

    def _migrate(self, db: sqlite3.Connection, version: int, write: bool) -> None:
        """Run the steps this file has not had yet, inside the caller's transaction."""
        if not write:  # a read found an older file: take the write lock, then look again
            db.execute("COMMIT")
            db.execute("BEGIN IMMEDIATE")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA user_version = {schema_version()}")

    def _make_folder(self) -> None:
        """Make the folder (0700, parents too, whatever the umask), or check the one there before using it.

        A folder of another user's, or a link of another user's in its place, is refused and left as it is. A
        folder of yours that others may read or write is made private, and the change is named on one line.
        """
        folder = self.path.parent
        try:
            if not os.path.lexists(folder):
                make_private_folders(folder)
                return
            followed(str(folder), "")
        except (OSError, UserError) as exc:
            reason = exc.reason if isinstance(exc, WriteError) else _reason(exc)
            raise input_error(self.pack, "history_cannot_write", path=self.path, reason=reason) from None
        try:
            info = os.stat(folder)
        except OSError as exc:
            raise input_error(self.pack, "history_cannot_write", path=self.path, reason=_reason(exc)) from None
        if not stat.S_ISDIR(info.st_mode) or not mine(info.st_uid):
            raise input_error(self.pack, "history_folder_not_yours", path=folder)
        self._loose_folder = stat.S_IMODE(info.st_mode) & 0o077 and stat.S_IMODE(info.st_mode)

    def _private_folder(self) -> None:
        """Make private a folder of yours that others could read or write, once its file was found to be ours."""
        mode, self._loose_folder = self._loose_folder, 0
        if not mode:
            return
        folder = self.path.parent
        try:
            os.chmod(folder, 0o700)  # the answers in it are personal: the folder is its owner's alone
        except OSError as exc:
            raise input_error(self.pack, "history_cannot_write", path=self.path, reason=_reason(exc)) from None
        note = self.pack.messages["history_folder_private"](self.lang)
        sys.stderr.write("aiexposure: " + fill(note, {"path": visible(str(folder)), "mode": f"{mode:04o}"}) + "\n")

    def _create(self) -> None:
        """Build a new, empty history beside the final name, then link it into place unless another run did first."""
        folder = self.path.parent
        remove_stale_staging(folder, FILE_NAME, ".new")  # what a run killed outright left behind
        temporary: str | None = None
        try:
            with held():
                temporary = str(folder / staging_name(FILE_NAME, ".new"))
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | CLOEXEC, 0o600))
            os.chmod(temporary, 0o600)
            db = sqlite3.connect(temporary, isolation_level=None)
            try:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("BEGIN IMMEDIATE")
                for step in MIGRATIONS:
                    step(db)
                db.execute(f"PRAGMA user_version = {schema_version()}")
                db.execute("COMMIT")
            finally:
                db.close()
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):  # another run made it meanwhile: use theirs
                os.link(temporary, self.path)
        except (OSError, sqlite3.Error) as exc:
            raise input_error(self.pack, "history_cannot_write", path=self.path, reason=_reason(exc)) from None
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _private(self, identity: os.stat_result) -> None:
        """The file holds income and lost work: readable by its owner only, whatever the umask was.

        Changed through a descriptor of the very file that was checked (no link followed); never a file that
        was refused.
        """
        try:
            fd = os.open(self.path, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC)
            try:
                info = os.fstat(fd)
                if (info.st_dev, info.st_ino) != (identity.st_dev, identity.st_ino):
                    raise self._foreign("history_why_not_file")  # swapped since it was checked
                if stat.S_IMODE(info.st_mode) != 0o600:
                    if hasattr(os, "fchmod"):
                        os.fchmod(fd, 0o600)
                    else:  # Windows: no descriptor to change a mode through, and no one else's links
                        os.chmod(self.path, 0o600)
            finally:
                os.close(fd)
        except OSError as exc:
            raise input_error(self.pack, "history_cannot_write", path=self.path, reason=_reason(exc)) from None

    def check(self) -> None:
        """Stop now, before any work, when the file is there but cannot be used (nothing is made)."""
        if self.exists():
            with self._connect(write=False):
                pass

    def exists(self) -> bool:
        """Whether there is a file (of any kind) at the history's place."""
        return os.path.lexists(self.path)

    # --- what the commands do -----------------------------------------------------------------------------

    def add(self, entry: Entry) -> int:
        """Keep one result; returns its id. The file and its folder are made when missing."""
        self._make_folder()
        if not self.exists():
            self._create()
        with self._connect(write=True) as db:
            placeholders = ", ".join("?" for _ in _COLUMNS)
            cursor = db.execute(f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({placeholders})", _row(entry))
            new_id = cursor.lastrowid
        assert new_id is not None
        return new_id

    def entries(self) -> list[Entry]:
        """Every kept result, oldest first; none when there is no file (which is not made)."""
        if not self.exists():
            return []
        with self._connect(write=False):
            return list(self._rows)

    def _decode(self, row: Sequence[Any]) -> Entry:
        try:
            return _entry(row)
        except (ValueError, TypeError) as exc:  # a row SQLite holds fine but that we did not write
            raise self._damaged(f"entry {row[0]}: {exc}") from None

    def forget(self, ids: Sequence[int] | None) -> list[int]:
        """Delete the entries `ids` (all of them for None); returns the ids deleted. Unknown ids delete nothing."""
        if not self.exists():
            if ids:
                raise input_error(self.pack, "history_no_entry", id=ids[0])
            return []
        with self._connect(write=True) as db:
            known = [int(r[0]) for r in db.execute("SELECT id FROM entries ORDER BY id")]
            chosen = known if ids is None else list(dict.fromkeys(ids))
            missing = [i for i in chosen if i not in known]
            if missing:
                raise input_error(self.pack, "history_no_entry", id=missing[0])
            db.executemany("DELETE FROM entries WHERE id = ?", [(i,) for i in chosen])
        self._checkpoint()
        return chosen

    def _checkpoint(self) -> None:
        """Copy the log into the file and empty it, so deleted answers do not linger in the -wal file either."""
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
