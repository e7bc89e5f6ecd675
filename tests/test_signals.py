"""Ctrl-C (SIGINT) and SIGTERM in the middle of a run: exit 130 or 143, a message, no traceback, no partial file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from aiexposure.signals import Stopped, held, install, restore
from clirun import clean_env

STOPPED = "aiexposure: Stopped before the end; no file was changed.\n"
CODES = [pytest.param(signal.SIGINT, 130, id="ctrl-c"), pytest.param(signal.SIGTERM, 143, id="sigterm")]


def env() -> dict[str, str]:
    return clean_env(PYTHONFAULTHANDLER="1")


def interrupt(proc: subprocess.Popen[str], signum: int) -> tuple[str, str]:
    """Send `signum` as a person would: once, and again if the run has not stopped after a second.

    A signal that lands between Python's last check and a blocking read (here: a pipe with no data) is only
    acted on when the read is interrupted again; a second signal is ignored if the first was already acted on.
    """
    proc.send_signal(signum)
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        proc.send_signal(signum)
    return finish(proc)


def finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """stdout and stderr once the run ends; a run that hangs fails the test with its Python stack."""
    try:
        return proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)  # PYTHONFAULTHANDLER prints every thread's stack
        raise AssertionError(f"the run did not stop:\n{proc.communicate()[1]}") from None


def start(cwd: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aiexposure", *args],
        cwd=cwd,
        env=env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(check: object, seconds: float = 20.0) -> None:
    """Poll until `check()` is true: the run has reached the point the test wants to interrupt."""
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.02)


@pytest.mark.parametrize(("signum", "code"), CODES)
def test_assess_stopped_while_reading_its_answers(tmp_path: Path, signum: int, code: int) -> None:
    # the run waits reading its answers from a pipe that stays open and empty, after the pack is loaded: a fixed
    # point to interrupt (a named pipe given as --answers FILE is refused at once, so stdin stands in for it)
    proc = start(tmp_path, "assess", "--answers", "-", "--output", "report.md")
    wait_for(lambda: _reading_a_pipe(proc.pid))
    out, err = interrupt(proc, signum)
    assert (proc.returncode, out, err) == (code, "", STOPPED)
    assert list(tmp_path.iterdir()) == []


def _reading_a_pipe(pid: int) -> bool:
    """Whether the process waits in the kernel for data from a pipe (what it waits in, as /proc tells)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text().endswith("pipe_read")  # anon_pipe_read on newer kernels
    except OSError:
        return False


@pytest.mark.parametrize(("signum", "code"), CODES)
def test_batch_stopped_midway_leaves_the_folder_as_it_was(tmp_path: Path, signum: int, code: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.csv").write_text("last run\n")
    proc = start(tmp_path, "batch", "-", "--out-dir", "out", "--reports")
    assert proc.stdin is not None
    proc.stdin.write("id,role\n" + "".join(f"p{i},writer\n" for i in range(50)))
    proc.stdin.flush()  # stdin stays open: the run is mid-way, with its files staged beside the final ones
    wait_for(lambda: any(p.name.startswith(".reports.") and any(p.iterdir()) for p in out.iterdir()))
    _, err = interrupt(proc, signum)
    assert (proc.returncode, err) == (code, STOPPED)
    assert sorted(p.name for p in out.iterdir()) == ["results.csv"]
    assert (out / "results.csv").read_text() == "last run\n"


def test_batch_stopped_midway_removes_the_folder_it_made(tmp_path: Path) -> None:
    proc = start(tmp_path, "batch", "-", "--out-dir", "new")
    assert proc.stdin is not None
    proc.stdin.write("id,role\np1,writer\n")
    proc.stdin.flush()
    wait_for(lambda: (tmp_path / "new").is_dir() and any((tmp_path / "new").iterdir()))
    _, err = interrupt(proc, signal.SIGTERM)
    assert (proc.returncode, err) == (143, STOPPED)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("signum", "code"), CODES)
def test_quiz_stopped_at_a_prompt_restores_the_terminal(tmp_path: Path, signum: int, code: int) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "aiexposure", "quiz", "--export", "me.md"],
        cwd=str(tmp_path),
        env={**env(), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"},
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
    )
    child.expect_exact("What is your main work?")
    time.sleep(0.2)  # let the prompt finish drawing
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    screen = child.before or ""
    assert screen.endswith("aiexposure: Cancelled; nothing was saved.\r\n")
    assert "\x1b[?25h" in screen  # the cursor was shown again: the terminal is back to normal
    assert "Traceback" not in screen
    assert list(tmp_path.iterdir()) == []


def test_a_signal_while_files_are_put_in_place_waits_and_says_they_are_whole() -> None:
    previous = install()
    try:
        with pytest.raises(Stopped) as caught, held(finished=True):
            os.kill(os.getpid(), signal.SIGTERM)
            done = True  # still reached: the signal waits for the block to end
        assert done
        assert (caught.value.exit_code, caught.value.finished) == (143, True)
        install()
        with pytest.raises(OSError), held():  # the block's own error wins; the signal is not kept for later
            os.kill(os.getpid(), signal.SIGTERM)
            raise OSError("disk full")
        with held():
            pass  # nothing pending: no Stopped here
        with pytest.raises(Stopped) as outside:
            install()  # the first signal set further ones aside; a new run routes them again
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        assert (outside.value.exit_code, outside.value.finished) == (130, False)
    finally:
        restore(previous)
