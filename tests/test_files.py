"""Writing reports and results: atomic, safe with devices and links, and a clear exit 2 when the disk says no."""

from __future__ import annotations

import ctypes
import json
import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from clirun import clean_env, run_cli

NO_SPACE = "aiexposure: cannot write '{path}': {reason}; choose another path with --output\n"


def run(
    cwd: Path, *args: str, stdin: str | None = None, limit: Callable[[], None] | None = None
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `python -m aiexposure ARGS`; `limit` runs in the child first (a limit)."""
    result = run_cli(cwd, *args, stdin=stdin, before=limit)
    return result.returncode, result.stdout, result.stderr


def small_disk() -> None:
    """Files may grow to 2,000 bytes: writing more fails as on a full disk (Python ignores SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


def without_root_powers() -> None:
    """As root, give up the right to ignore file permissions, so a read-only folder is read-only here too."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone after exec too
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_full_device_is_an_error_and_stays_a_device(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "assess", "--role", "writer", "--output", "/dev/full")
    assert (code, out, err) == (2, "", NO_SPACE.format(path="/dev/full", reason="No space left on device"))
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_is_written_to_not_replaced(tmp_path: Path) -> None:
    assert run(tmp_path, "assess", "--role", "writer", "-o", "/dev/null") == (0, "", "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_receives_the_report(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run(tmp_path, "assess", "--role", "courier", "-f", "json", "-o", str(fifo)) == (0, "", "")
    reader.join(timeout=20)
    assert json.loads(received[0])["role"] == "courier"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_link_keeps_pointing_at_the_new_report(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "me.md"
    real.write_text("old")
    (tmp_path / "latest.md").symlink_to(real)
    assert run(tmp_path, "assess", "--role", "writer", "-o", "latest.md") == (0, "", "Report written to latest.md\n")
    assert (tmp_path / "latest.md").is_symlink()
    assert real.read_text().startswith("# How far can AI reach your work?")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["me.md"]


def test_a_disk_that_fills_up_leaves_the_old_report_whole(tmp_path: Path) -> None:
    (tmp_path / "me.md").write_text("last week's report")
    code, out, err = run(tmp_path, "assess", "--role", "writer", "-o", "me.md", limit=small_disk)
    assert (code, out, err) == (2, "", NO_SPACE.format(path="me.md", reason="File too large"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.md"]
    assert (tmp_path / "me.md").read_text() == "last week's report"


def test_a_batch_that_fills_the_disk_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    rows = "id,role\n" + "".join(f"p{i},writer\n" for i in range(100))  # results.csv would pass 2,000 bytes
    (tmp_path / "out").mkdir()
    code, _, err = run(tmp_path, "batch", "-", "--out-dir", "out", stdin=rows, limit=small_disk)
    assert (code, err) == (2, "aiexposure: cannot write 'out/results.csv': File too large; choose another --out-dir\n")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_read_only_folder_is_an_error_and_gets_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    no_powers = without_root_powers
    try:
        code, _, err = run(tmp_path, "assess", "--role", "writer", "-o", "locked/me.md", limit=no_powers)
        assert (code, err) == (2, NO_SPACE.format(path="locked/me.md", reason="Permission denied"))
        code, _, err = run(tmp_path, "batch", "-", "-d", "locked", stdin="role\nwriter\n", limit=no_powers)
        assert (code, err) == (
            2,
            "aiexposure: cannot write 'locked/results.csv': Permission denied; choose another --out-dir\n",
        )
        code, _, err = run(tmp_path, "batch", "-", "-d", "locked/new", stdin="role\nwriter\n", limit=no_powers)
        assert (code, err) == (
            2,
            "aiexposure: cannot write 'locked/new': Permission denied; choose another --out-dir\n",
        )
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_an_output_folder_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("mine")
    code, _, err = run(tmp_path, "batch", "-", "-d", "out", stdin="role\nwriter\n")
    assert (code, err) == (2, "aiexposure: cannot write 'out': it is a file, not a folder; choose another --out-dir\n")
    assert (tmp_path / "out").read_text() == "mine"


@pytest.mark.parametrize("option", ["--output", "-o"])
def test_an_empty_output_name_is_a_mistake_not_the_screen(tmp_path: Path, option: str) -> None:
    code, out, err = run(tmp_path, "assess", "--role", "writer", option, "")
    assert (code, out, err) == (
        2,
        "",
        "aiexposure: --output is empty (perhaps a shell variable that was never set); give a file or folder name\n",
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        pytest.param(["assess", "--answers", ""], "--answers", id="answers"),
        pytest.param(["batch", "in.csv", "--out-dir", ""], "--out-dir", id="out-dir"),
        pytest.param(["batch", "", "--out-dir", "out"], "INPUT", id="input"),
    ],
)
def test_other_empty_names_are_mistakes_too(tmp_path: Path, args: list[str], option: str) -> None:
    code, out, err = run(tmp_path, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"aiexposure: {option} is empty (perhaps a shell variable that was never set);")
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_the_report_to_stdout(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "assess", "--role", "driver", "-f", "json", "--output", "-")
    assert (code, err) == (0, "")
    assert json.loads(out)["role"] == "driver"
    assert list(tmp_path.iterdir()) == []


def test_dev_stdout_appends_to_the_file_the_shell_opened(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("keep\n")
    clean = clean_env()
    with log.open("a") as appended:  # as `aiexposure ... -o /dev/stdout >> log.txt`
        done = subprocess.run(
            [sys.executable, "-m", "aiexposure", "assess", "--role", "writer", "-f", "json", "-o", "/dev/stdout"],
            cwd=tmp_path,
            env=clean,
            stdout=appended,
            check=False,
        )
    assert done.returncode == 0
    kept, report = log.read_text().split("\n", 1)
    assert kept == "keep" and json.loads(report)["role"] == "writer"


def test_a_dangling_link_gets_its_target_written(tmp_path: Path) -> None:
    (tmp_path / "latest.md").symlink_to("reports-me.md")
    assert run(tmp_path, "assess", "--role", "writer", "-o", "latest.md") == (0, "", "Report written to latest.md\n")
    assert (tmp_path / "latest.md").is_symlink()
    assert (tmp_path / "reports-me.md").read_text().startswith("# How far can AI reach your work?")


def test_a_reports_place_that_is_a_file_stops_the_batch_before_anything_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.csv").write_text("last run\n")
    (out / "reports").write_text("not a folder\n")
    code, _, err = run(tmp_path, "batch", "-", "-d", "out", "--reports", stdin="role\nwriter\n")
    assert (code, err) == (
        2,
        "aiexposure: cannot write 'out/reports': it is a file, not a folder; choose another --out-dir\n",
    )
    assert sorted(p.name for p in out.iterdir()) == ["reports", "results.csv"]
    assert (out / "results.csv").read_text() == "last run\n"


def test_a_failed_batch_removes_every_folder_it_made(tmp_path: Path) -> None:
    code, _, _ = run(tmp_path, "batch", "-", "-d", "new1/new2/new3", "--strict", stdin="role\npilot\n")
    assert code == 2
    assert list(tmp_path.iterdir()) == []


def test_every_folder_a_batch_makes_is_private_whatever_the_umask(tmp_path: Path) -> None:
    """The folders hold people's answers: 0700 even under umask 000 (issue 19); the files follow the umask."""

    def open_umask() -> None:
        os.umask(0)

    result = run_cli(
        tmp_path, "batch", "-", "-d", "a/b/out", "--reports", stdin="id,role\na,writer\n", before=open_umask
    )
    assert result.returncode == 0
    for folder in ("a", "a/b", "a/b/out", "a/b/out/reports"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((tmp_path / "a/b/out/reports/a.html").stat().st_mode) == 0o666
    assert stat.S_IMODE((tmp_path / "a/b/out/results.csv").stat().st_mode) == 0o666
