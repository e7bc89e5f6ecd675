"""The cache of checked packs: used when nothing changed, rebuilt when anything did, never trusted when unsafe."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from platformdirs import user_cache_dir
from typer.testing import CliRunner

import aiexposure.pack.cache as cache
import aiexposure.pack.load as load
from aiexposure.cli.app import app
from aiexposure.errors import UserError
from aiexposure.pack.cache import ENV_CACHE, MAGIC, CacheEntry, cache_dir
from aiexposure.pack.load import load_pack
from aiexposure.pack.schema import Pack
from clirun import run_cli

SHIPPED = Path(__file__).resolve().parents[1] / "rules"
HEADER = len(MAGIC) + 32 + 8 + 4  # format line, sha256 key, payload length, payload crc32


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test here caches into a folder of its own, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE, str(folder))
    return folder


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped pack."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    return folder


class Checks:
    """Counts the full checks (parse, validate, cross-check) that loading a pack runs."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Checks]:
    """Count calls of the loader's full check: a cache hit makes none."""
    counter = Checks()
    real = load._checked

    def counted(source: load.PackSource, directory: Path) -> Pack:
        counter.count += 1
        return real(source, directory)

    monkeypatch.setattr(load, "_checked", counted)
    yield counter


def entries(folder: Path) -> list[str]:
    """The names in the cache folder, sorted."""
    return sorted(p.name for p in folder.iterdir())


def the_entry(folder: Path) -> Path:
    """The one cache file in `folder`."""
    names = entries(folder)
    assert len(names) == 1 and names[0].startswith("pack-") and names[0].endswith(".pickle"), names
    return folder / names[0]


def test_second_load_is_a_hit_and_equal(pack_dir: Path, cache_folder: Path, checks: Checks) -> None:
    first = load_pack(pack_dir)
    assert checks.count == 1
    path = the_entry(cache_folder)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_folder.stat().st_mode) & 0o077 == 0
    second = load_pack(pack_dir)
    assert checks.count == 1  # no parse, validation or cross-check the second time
    assert second == first
    assert second is not first
    assert second.borrowed_messages() == ()
    assert second.roles["writer"].label.en == first.roles["writer"].label.en == "Writer"


def test_changed_pack_file_misses_and_replaces_the_entry(pack_dir: Path, cache_folder: Path, checks: Checks) -> None:
    load_pack(pack_dir)
    old = the_entry(cache_folder).read_bytes()
    roles = pack_dir / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace('en: "Writer"', 'en: "Author"', 1), "utf-8")
    pack = load_pack(pack_dir)
    assert checks.count == 2
    assert pack.roles["writer"].label.en == "Author"
    new = the_entry(cache_folder).read_bytes()  # still one entry for the folder, with the new key
    assert new[: len(MAGIC)] == old[: len(MAGIC)] == MAGIC
    assert new[len(MAGIC) : len(MAGIC) + 32] != old[len(MAGIC) : len(MAGIC) + 32]
    assert load_pack(pack_dir).roles["writer"].label.en == "Author"
    assert checks.count == 2


def test_added_pack_file_misses(pack_dir: Path, checks: Checks) -> None:
    load_pack(pack_dir)
    (pack_dir / "zz_extra.yaml").write_text("extra_key: 1\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_pack(pack_dir)
    assert caught.value.message.startswith(f"the rules pack in '{pack_dir}' has 1 problem:\n")
    assert checks.count == 2


def test_new_program_version_misses(
    pack_dir: Path, cache_folder: Path, checks: Checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack_dir)
    load_pack(pack_dir)
    assert checks.count == 1
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    load_pack(pack_dir)
    assert checks.count == 2
    load_pack(pack_dir)
    assert checks.count == 2  # the entry was rebuilt for the new version
    assert len(entries(cache_folder)) == 1


def test_edited_program_code_misses(
    pack_dir: Path, tmp_path: Path, checks: Checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "schema.py"  # stands for the program's own modules, which a development copy edits in place
    code.write_text("# the schema\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_code_files", lambda: [code])
    load_pack(pack_dir)
    load_pack(pack_dir)
    assert checks.count == 1
    code.write_text("# the schema, edited\n", encoding="utf-8")
    load_pack(pack_dir)
    assert checks.count == 2


def test_code_files_are_the_pack_package_and_escape() -> None:
    names = [f"{p.parent.name}/{p.name}" for p in cache._code_files()]
    assert names[-1] == "aiexposure/escape.py"
    assert names[:-1] == sorted(names[:-1])
    assert {"pack/schema.py", "pack/check.py", "pack/load.py", "pack/cache.py", "pack/yamlsource.py"} <= set(names)
    assert all(name.startswith("pack/") for name in names[:-1])


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "truncated", "appended", "flipped_payload", "changed_text", "other_format"],
)
def test_damaged_entry_is_ignored_and_rebuilt(pack_dir: Path, cache_folder: Path, checks: Checks, damage: str) -> None:
    fresh = load_pack(pack_dir)
    path = the_entry(cache_folder)
    good = path.read_bytes()
    payload_at = HEADER + 10
    broken = {
        "garbage": b"not a cache file at all",
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "appended": good + b"\x00",
        "flipped_payload": good[:payload_at] + bytes([good[payload_at] ^ 0xFF]) + good[payload_at + 1 :],
        # still a pickle that loads, of a pack with another word in it: only the checksum tells
        "changed_text": good.replace(b"Penulis", b"Penulus", 1),
        "other_format": b"aiexposure pack cache 0\n" + good[len(MAGIC) :],
    }[damage]
    path.write_bytes(broken)
    path.chmod(0o600)
    assert load_pack(pack_dir) == fresh
    assert checks.count == 2
    assert path.read_bytes() != broken
    assert load_pack(pack_dir) == fresh
    assert checks.count == 2  # rebuilt, and whole again


def test_entry_writable_by_others_is_not_read(pack_dir: Path, cache_folder: Path, checks: Checks) -> None:
    load_pack(pack_dir)
    path = the_entry(cache_folder)
    for mode in (0o620, 0o602):  # group-writable, then world-writable
        path.chmod(mode)
        load_pack(pack_dir)
        # not read; the entry is written again, private to its owner
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert checks.count == 3
    load_pack(pack_dir)
    assert checks.count == 3


def test_folder_writable_by_others_is_neither_read_nor_written(
    pack_dir: Path, cache_folder: Path, checks: Checks
) -> None:
    load_pack(pack_dir)
    path = the_entry(cache_folder)
    before = path.stat()
    cache_folder.chmod(0o777)
    try:
        load_pack(pack_dir)  # a whole, current entry, but someone else could have put it there
        load_pack(pack_dir)
        assert checks.count == 3
        after = path.stat()  # the same file: a rewrite would be a new one (written beside it, then renamed)
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert entries(cache_folder) == [path.name]
    finally:
        cache_folder.chmod(0o700)


def test_entry_owned_by_someone_else_is_not_read(
    pack_dir: Path, cache_folder: Path, checks: Checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack_dir)
    real = os.getuid()
    # the files keep their owner; the program now runs as another user, for whom they are someone else's
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    before = the_entry(cache_folder).read_bytes()
    load_pack(pack_dir)
    load_pack(pack_dir)
    assert checks.count == 3
    assert the_entry(cache_folder).read_bytes() == before  # and not written in another user's folder


def test_symlinked_entry_is_not_followed(pack_dir: Path, cache_folder: Path, tmp_path: Path, checks: Checks) -> None:
    load_pack(pack_dir)
    path = the_entry(cache_folder)
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    load_pack(pack_dir)
    assert checks.count == 2
    assert not path.is_symlink()  # replaced by a file of its own
    load_pack(pack_dir)
    assert checks.count == 2


def test_pack_with_problems_is_not_cached(pack_dir: Path, cache_folder: Path) -> None:
    roles = pack_dir / "roles.yaml"
    text = roles.read_text("utf-8")
    assert "genai: 0.56 " in text  # the writer's drafting, the first task with that number
    roles.write_text(text.replace("genai: 0.56 ", "genai: 1.56 ", 1), "utf-8")
    for _ in range(2):
        with pytest.raises(UserError):
            load_pack(pack_dir)
    assert not cache_folder.exists()


def test_unreadable_cache_place_costs_only_time(
    pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way\n", encoding="utf-8")
    monkeypatch.setenv(ENV_CACHE, str(blocker / "cache"))  # cannot become a folder
    assert load_pack(pack_dir) == load_pack(SHIPPED)


def test_off_writes_nothing(pack_dir: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE, "off")
    assert cache_dir() is None
    load_pack(pack_dir)
    assert not cache_folder.exists()


def test_cache_folder_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(ENV_CACHE, "  OFF ")
    assert cache_dir() is None
    monkeypatch.delenv(ENV_CACHE)
    monkeypatch.setenv("AIEXPOSURE_HOME", str(tmp_path / "home"))  # the history's folder holds the history only
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # where platformdirs puts caches on Linux
    assert cache_dir() == Path(user_cache_dir("aiexposure", appauthor=False))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "xdg" / "aiexposure"


def test_borrowing_pack_is_keyed_by_the_shipped_messages(pack_dir: Path) -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(pack_dir.glob("*.yaml"))]
    own = CacheEntry.find(pack_dir, files, None)
    borrowing = CacheEntry.find(pack_dir, files, b"messages: {}\n")
    other = CacheEntry.find(pack_dir, files, b"messages: {x: y}\n")
    assert own is not None and borrowing is not None and other is not None
    assert own.path == borrowing.path == other.path
    assert len({own.key, borrowing.key, other.key}) == 3


def test_read_only_cache_folder_the_command_still_works(tmp_path: Path, cache_folder: Path) -> None:
    args = ("assess", "--role", "writer", "--format", "json")
    expected = run_cli(tmp_path, *args, env={ENV_CACHE: "off"})
    assert expected.returncode == 0
    cache_folder.mkdir(mode=0o500)
    try:
        done = run_cli(tmp_path, *args, env={ENV_CACHE: str(cache_folder)})
        assert (done.returncode, done.stdout, done.stderr) == (0, expected.stdout, "")
        # nothing written; root writes through a folder's mode, so there the entry is made
        assert len(entries(cache_folder)) == (1 if os.geteuid() == 0 else 0)
    finally:
        cache_folder.chmod(0o700)


def test_failed_write_leaves_nothing_and_no_traceback(
    tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")  # what a read-only folder gives any user but root

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(app, ["assess", "--role", "writer", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("{")
    assert entries(cache_folder) == []


def test_interrupted_write_leaves_no_temporary_file(
    pack_dir: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_src: object, _dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_pack(pack_dir)
    assert entries(cache_folder) == []


def test_oldest_entries_go_beyond_the_limit(
    tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    names: list[str] = []
    for number in range(4):
        folder = tmp_path / f"pack{number}"
        shutil.copytree(SHIPPED, folder)
        load_pack(folder)
        written = sorted(set(entries(cache_folder)) - set(names))
        assert len(written) == 1
        names.append(written[0])
        os.utime(cache_folder / written[0], (1_000_000 + number, 1_000_000 + number))  # oldest first, surely
    assert entries(cache_folder) == sorted(names[1:])
    stale = cache_folder / ".pack-abandoned.tmp"
    fresh = cache_folder / ".pack-in-progress.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    load_pack(tmp_path / "pack0")
    assert entries(cache_folder) == sorted([".pack-in-progress.tmp", names[0], names[2], names[3]])
