"""Standard output that cannot take the output (issue 19): a reader gone (`| head -1`) ends quietly, as Unix tools
do; a full (`>/dev/full`) or closed (`>&-`) one gives one line and exit 2, never "please report"; batch workers
say nothing when the main process is killed or stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from aiexposure.batch.workers import ENV_WORKERS
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import clean_env
from test_batch_parallel import _children, cohort_csv

PACK = load_pack(default_rules_dir())
FULL = (
    "aiexposure: cannot write to standard output: No space left on device; send the output where it can go "
    "(a file, a pipe, the terminal)\n"
)
CLOSED = (
    "aiexposure: cannot write to standard output: it is closed; send the output where it can go "
    "(a file, a pipe, the terminal)\n"
)
COMMANDS = [
    ["assess", "--role", "writer"],
    ["assess", "--role", "writer", "--format", "json"],
    ["assess", "--role", "writer", "--format", "html"],
    ["roles"],
    ["questions"],
    ["batch", "template", "--format", "md"],
    ["rules", "schema"],
    ["history", "list"],
]


def run(
    args: list[str], stdout: int | IO[Any], before: Callable[[], object] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiexposure", *args],
        env=clean_env(COLUMNS="100"),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=before,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run(args, full)
    assert (result.returncode, result.stderr) == (2, FULL)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    result = run(args, subprocess.DEVNULL, before=lambda: os.close(1))
    assert (result.returncode, result.stderr) == (2, CLOSED)


def test_the_line_is_in_indonesian_too() -> None:
    with open("/dev/full", "w") as full:
        result = run(["--lang", "id", "roles"], full)
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: keluaran standar tidak bisa ditulis: disk sudah penuh; arahkan keluarannya ke tempat yang bisa "
        "menerimanya (berkas, pipe, atau terminal)\n",
    )
    result = run(["--lang", "id", "roles"], subprocess.DEVNULL, before=lambda: os.close(1))
    assert result.stderr.startswith("aiexposure: keluaran standar tidak bisa ditulis: sudah ditutup;")


def test_a_file_written_with_stdout_closed_needs_no_stdout(tmp_path: Path) -> None:
    """`-o FILE` never writes to standard output, so a closed one is no reason to fail; and no file the run
    opens takes the place of the closed descriptor."""
    result = subprocess.run(
        [sys.executable, "-m", "aiexposure", "assess", "--role", "writer", "-o", "me.md"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert (result.returncode, result.stderr) == (0, "Report written to me.md\n")
    assert (tmp_path / "me.md").read_text().startswith("# How far can AI reach your work?")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_went_away_ends_the_run_quietly(args: list[str]) -> None:
    """`aiexposure ... | head -1`: the rest is not wanted; no message, no traceback, exit 1."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: every write fails with EPIPE
    try:
        result = run(args, write)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, "")


def batch_with_workers(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    """A batch scored by two workers, once both have started."""
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 30_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "aiexposure", "batch", str(source), "--out-dir", str(tmp_path / "out")],
        env=clean_env(**{ENV_WORKERS: "2"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    forked: list[int] = []
    while len(forked) < 2 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
        forked = _children(child.pid)
    assert len(forked) == 2, "the workers did not start"
    time.sleep(0.3)  # scoring under way
    return child, forked


def gone(pid: int) -> bool:
    """Ended: no such process, or one that ended and waits to be reaped (a container's first process may not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT])
def test_workers_say_nothing_when_the_main_process_is_killed_or_stopped(tmp_path: Path, signum: int) -> None:
    """The review saw BrokenPipeError tracebacks from the workers after SIGKILL, or SIGINT to the parent alone."""
    child, forked = batch_with_workers(tmp_path)
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)  # ends when every holder of the pipes (the workers too) is gone
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in forked) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in forked)
    expected = b"" if signum == signal.SIGKILL else b"aiexposure: Stopped before the end; no file was changed.\n"
    assert (out, err) == (b"", expected)


@pytest.mark.parametrize(
    ("args", "lang", "message"),
    [
        (["assess", "--answers", "-"], "en", "aiexposure: stdin: cannot read the file: it is closed\n"),
        (["batch", "-", "--out-dir", "out"], "id", "aiexposure: stdin: berkas tidak bisa dibaca: sudah ditutup\n"),
    ],
)
def test_a_closed_standard_input_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], lang: str, message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aiexposure", "--lang", lang, *args],
        cwd=tmp_path,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)
    assert list(tmp_path.iterdir()) == []
