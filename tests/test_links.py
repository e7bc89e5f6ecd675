"""No write goes through a link another user owns (issue 19): a link planted in a shared folder is refused, not
followed, for `-o`, the quiz's files, every file of `batch --out-dir`, the history and the pack cache; your own
links are followed as before; every folder made is private whatever the umask; nothing refused is changed."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiexposure.atomic import WriteError, followed, make_private_folders, write_atomic
from aiexposure.cli.app import main

NOBODY = 65534
LINK_REFUSED = "aiexposure: cannot write '{path}': it is a symbolic link that belongs to another user; {hint}\n"
OUTPUT_HINT = "choose another path with --output"
OUT_DIR_HINT = "choose another --out-dir"


@pytest.fixture
def other_user(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Links made by the test belong to another user: as root, they are given to nobody (see `planted`);
    otherwise this process takes another user id for the test, so its own links look like someone else's."""
    if os.geteuid() != 0:
        real = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: real + 1)
    yield


def planted(link: Path, target: Path | str) -> Path:
    """A symbolic link `link` -> `target` of another user's (nobody's, when the tests run as root)."""
    link.symlink_to(target)
    if os.geteuid() == 0:
        os.lchown(link, NOBODY, NOBODY)
    return link


def sticky_shared(tmp_path: Path) -> Path:
    """A folder everyone may write to, with the sticky bit, as /tmp is."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(path.stat().st_mode)


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line in this process (so the user id the fixture set holds); exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["aiexposure", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the person running aiexposure, that a planted link points at."""
    home = tmp_path / "victim"
    home.mkdir()
    notes = home / "notes.txt"
    notes.write_text("my notes\n")
    notes.chmod(0o640)
    return notes


@pytest.mark.usefixtures("other_user")
def test_a_report_is_not_written_through_a_planted_link(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = planted(sticky_shared(tmp_path) / "report.md", victim)
    before = digest(victim)
    code, out, err = run(monkeypatch, capsys, "assess", "--role", "writer", "-o", str(link))
    assert (code, out, err) == (2, "", LINK_REFUSED.format(path=link, hint=OUTPUT_HINT))
    assert digest(victim) == before
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert sorted(p.name for p in link.parent.iterdir()) == ["report.md"]  # no staging file left either


@pytest.mark.usefixtures("other_user")
def test_the_refusal_is_in_indonesian_too(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = planted(sticky_shared(tmp_path) / "report.md", victim)
    code, _, err = run(monkeypatch, capsys, "--lang", "id", "assess", "--role", "writer", "-o", str(link))
    assert (code, err) == (
        2,
        f"aiexposure: tidak bisa menulis '{link}': itu tautan simbolik milik pengguna lain; "
        "pilih lokasi lain dengan --output\n",
    )


@pytest.mark.usefixtures("other_user")
def test_a_planted_link_to_a_folder_on_the_way_is_refused(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = planted(sticky_shared(tmp_path) / "class", victim.parent)
    target = folder / "notes.txt"
    before = digest(victim)
    code, _, err = run(monkeypatch, capsys, "assess", "--role", "writer", "-f", "json", "-o", str(target))
    assert (code, err) == (2, LINK_REFUSED.format(path=target, hint=OUTPUT_HINT))
    assert digest(victim) == before
    assert sorted(p.name for p in victim.parent.iterdir()) == ["notes.txt"]


@pytest.mark.usefixtures("other_user")
@pytest.mark.parametrize("name", ["results.csv", "summary.md"])
def test_no_file_of_a_batch_goes_through_a_planted_link(
    tmp_path: Path, victim: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = sticky_shared(tmp_path) / "out"
    out.mkdir()
    out.chmod(0o777)
    link = planted(out / name, victim)
    (tmp_path / "in.csv").write_text("id,role\na,writer\n")
    before = digest(victim)
    code, _, err = run(monkeypatch, capsys, "batch", str(tmp_path / "in.csv"), "--out-dir", str(out))
    assert (code, err) == (2, LINK_REFUSED.format(path=link, hint=OUT_DIR_HINT))
    assert digest(victim) == before
    assert sorted(p.name for p in out.iterdir()) == [name]  # nothing else put in place, no staging left


@pytest.mark.usefixtures("other_user")
@pytest.mark.parametrize("planted_name", ["out", "out/reports"])
def test_a_planted_out_dir_or_reports_link_is_refused(
    tmp_path: Path,
    victim: Path,
    planted_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared = sticky_shared(tmp_path)
    if planted_name == "out/reports":
        (shared / "out").mkdir()
    link = planted(shared / planted_name, victim.parent)
    (tmp_path / "in.csv").write_text("id,role\na,writer\n")
    code, _, err = run(
        monkeypatch, capsys, "batch", str(tmp_path / "in.csv"), "--out-dir", str(shared / "out"), "--reports"
    )
    assert (code, err) == (2, LINK_REFUSED.format(path=link, hint=OUT_DIR_HINT))
    assert sorted(p.name for p in victim.parent.iterdir()) == ["notes.txt"]


def test_your_own_link_is_still_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "me.md"
    real.parent.mkdir()
    real.write_text("old")
    shared = sticky_shared(tmp_path)
    (shared / "latest.md").symlink_to(real)
    write_atomic(str(shared / "latest.md"), "new")
    assert real.read_text() == "new" and (shared / "latest.md").is_symlink()
    assert followed(str(shared / "latest.md")) == str(real)


@pytest.mark.usefixtures("other_user")
def test_the_quiz_files_go_through_the_same_check(tmp_path: Path, victim: Path) -> None:
    """--export and --save-answers are written by write_atomic, as -o is."""
    link = planted(sticky_shared(tmp_path) / "answers.yaml", victim)
    with pytest.raises(WriteError) as raised:
        write_atomic(str(link), "role: writer\n", "choose another path")
    assert raised.value.message == f"cannot write '{link}': it is a symbolic link that belongs to another user; " + (
        "choose another path"
    )
    assert victim.read_text() == "my notes\n"


@pytest.mark.usefixtures("other_user")
def test_another_users_pipe_does_not_receive_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = sticky_shared(tmp_path) / "report.md"
    os.mkfifo(fifo, 0o666)
    if os.geteuid() == 0:
        os.chown(fifo, NOBODY, NOBODY)
    code, _, err = run(monkeypatch, capsys, "assess", "--role", "writer", "-o", str(fifo))
    assert (code, err) == (
        2,
        f"aiexposure: cannot write '{fifo}': it is a pipe or device that belongs to another user; {OUTPUT_HINT}\n",
    )


def test_folders_made_are_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        made = make_private_folders(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    assert made == [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"]
    assert [stat.S_IMODE(p.stat().st_mode) for p in made] == [0o700, 0o700, 0o700]
    tmp_path.chmod(0o755)
    assert make_private_folders(tmp_path) == []  # a folder there already is left as it is
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


def test_folders_made_are_private_under_umask_777(tmp_path: Path) -> None:
    old = os.umask(0o777)
    try:
        made = make_private_folders(tmp_path / "x" / "y")
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in made] == [0o700, 0o700]
