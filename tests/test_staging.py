"""No stale staging (issue 19): what a run killed outright (SIGKILL) leaves beside its files is removed by the next
run that writes there; staging of a run still going, or of another user, is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from aiexposure.atomic import STAGING_MAX_AGE, remove_stale_staging, staging_name, write_atomic
from clirun import clean_env, run_cli

NOBODY = 65534


def dead_pid() -> int:
    """The id of a process that has ended."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_batch_killed_outright_leaves_staging_that_the_next_run_removes(tmp_path: Path) -> None:
    rows = "".join(f"p{i},writer,daily\n" for i in range(20_000))
    (tmp_path / "big.csv").write_text("id,role,ai_use\n" + rows)
    out = tmp_path / "out"
    killed = subprocess.Popen(
        [sys.executable, "-m", "aiexposure", "batch", "big.csv", "--out-dir", "out", "--reports"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    staged: list[Path] = []
    while time.monotonic() < deadline:  # until it has staged some reports
        staged = [p for p in out.glob(".reports.*") if len(os.listdir(p)) > 20] if out.is_dir() else []
        if staged:
            break
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    left = sorted(p.name for p in out.iterdir())
    assert [name.split(".")[1] for name in left] == ["reports", "results"], left  # what SIGKILL leaves behind
    assert all(f".{killed.pid}-" in name for name in left)
    result = run_cli(tmp_path, "batch", "-", "--out-dir", "out", "--reports", stdin="id,role\na,writer\n")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["reports", "results.csv", "summary.html", "summary.md"]


def test_a_report_write_removes_a_dead_runs_staging_only(tmp_path: Path) -> None:
    gone = tmp_path / f".me.md.{dead_pid()}-0123abcd.tmp"
    gone.write_text("half a report")
    running = tmp_path / f".me.md.{os.getppid()}-0123abcd.tmp"  # pytest's parent: alive
    running.write_text("being written")
    older = tmp_path / ".me.md.k3j_9x2a.tmp"  # a release before this one named it without a pid
    older.write_text("old")
    os.utime(older, (time.time() - STAGING_MAX_AGE - 60,) * 2)
    recent = tmp_path / ".me.md.zz9_8y7b.tmp"
    recent.write_text("recent")
    other = tmp_path / ".other.md.1-0123abcd.tmp"  # another file's staging
    other.write_text("x")
    write_atomic(str(tmp_path / "me.md"), "report")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["me.md", running.name, recent.name, other.name])


def test_staging_of_another_user_is_left_alone(tmp_path: Path) -> None:
    leftover = tmp_path / f".results.csv.{dead_pid()}-0123abcd.tmp"
    leftover.write_text("theirs")
    if os.geteuid() == 0:
        os.chown(leftover, NOBODY, NOBODY)
        remove_stale_staging(tmp_path, "results.csv", ".tmp")
    else:
        real = os.getuid()
        original = os.getuid
        os.getuid = lambda: real + 1
        try:
            remove_stale_staging(tmp_path, "results.csv", ".tmp")
        finally:
            os.getuid = original
    assert leftover.exists()


def test_a_staging_name_says_which_process_made_it() -> None:
    name = staging_name("results.csv", ".tmp")
    prefix = f".results.csv.{os.getpid()}-"
    assert name.startswith(prefix) and name.endswith(".tmp") and len(name) == len(prefix) + 8 + 4
