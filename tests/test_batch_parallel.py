"""Batch scoring in worker processes: the same files as scoring in one process, and a clean stop on any failure."""

from __future__ import annotations

import csv
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import aiexposure.batch.workers as workers
from aiexposure.batch.run import Outcome, run_batch
from aiexposure.batch.summary import Cohort
from aiexposure.batch.template import template_csv
from aiexposure.batch.workers import ENV_WORKERS, MIN_PARALLEL_BYTES, worker_count
from aiexposure.errors import UserError
from aiexposure.model.answers import option_ids
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Pack
from clirun import clean_env

PACK = load_pack(default_rules_dir())
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def cohort_csv(pack: Pack, path: Path, rows: int, seed: int = 7, bad_every: int = 0) -> Path:
    """A form export of `rows` random people; with `bad_every`, the last row of every so many is broken, four
    ways in turn."""
    chance = random.Random(seed)
    header = next(csv.reader([template_csv(pack, "en").splitlines()[0]]))
    roles = list(pack.roles.items())
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for number in range(rows):
            role_id, role = chance.choice(roles)
            row = {"id": f"p{number}", "role": role_id}
            for task_id in role.tasks:
                row[f"task.{task_id}"] = str(chance.randint(0, 5))
            for question_id, question in pack.questions.items():
                if role.family in question.families:
                    values = option_ids(question, role)
                    if question.kind == "select":
                        row[question_id] = chance.choice(values)
                    else:
                        row[question_id] = ",".join(v for v in values if chance.random() < 0.3)
            cells = [row.get(column, "") for column in header]
            if bad_every and number % bad_every == bad_every - 1:
                broken = (number // bad_every) % 4
                if broken == 0:
                    cells[1] = "astronaut"  # no such role
                elif broken == 1:
                    cells = [""] * len(header)  # an empty row
                elif broken == 2:
                    cells = [*cells, "extra"]  # a cell past the header
                else:
                    cells[header.index("ai_use")] = "sometimes"  # no such option
            out.writerow(cells)
    return path


def run(source: Path, out: Path, count: int, monkeypatch: pytest.MonkeyPatch, strict: bool = False) -> Outcome:
    monkeypatch.setenv(ENV_WORKERS, str(count))
    return run_batch(PACK, "en", source, out, strict=strict)


@linux_only
@pytest.mark.parametrize("count", [1, 3])
def test_workers_write_the_same_files_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 700, bad_every=9)
    alone = run(source, tmp_path / "alone", 0, monkeypatch)
    monkeypatch.setattr(workers, "CHUNK_ROWS", 23)  # many chunks, each worker given several in turn
    together = run(source, tmp_path / "together", count, monkeypatch)
    files = [tmp_path / "alone" / name for name in ("results.csv", "summary.md", "summary.html")]
    assert alone == Outcome(681, 58, files, empty=19)  # 77 broken rows, 19 of them empty: not people
    assert (together.rows, together.rejected, together.exit_code) == (681, 58, 3)
    for name in ("results.csv", "summary.md", "summary.html"):
        assert (tmp_path / "together" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()
    assert multiprocessing.active_children() == []


@linux_only
def test_strict_stops_at_the_same_row_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 300, bad_every=120)  # row 121 has no known role
    monkeypatch.setattr(workers, "CHUNK_ROWS", 10)
    messages = []
    for count in (0, 2):
        with pytest.raises(UserError) as caught:
            run(source, tmp_path / f"out{count}", count, monkeypatch, strict=True)
        messages.append(caught.value.message)
        assert not (tmp_path / f"out{count}").exists()
    assert messages[0] == messages[1]
    assert messages[0].startswith("row 121: ")
    assert multiprocessing.active_children() == []


def _fails(*_args: object) -> list[object]:
    raise ZeroDivisionError("a bug in scoring")


def _dies(*_args: object) -> list[object]:
    os._exit(9)


@linux_only
def test_a_failing_worker_stops_the_run_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 100)
    monkeypatch.setitem(workers.JOBS, "score", _fails)  # forked workers inherit the patched table
    with pytest.raises(RuntimeError) as caught:
        run(source, tmp_path / "out", 2, monkeypatch)
    assert str(caught.value).startswith("a batch scoring process failed:\nTraceback (most recent call last):\n")
    assert str(caught.value).endswith("ZeroDivisionError: a bug in scoring\n")
    assert not (tmp_path / "out").exists()
    assert multiprocessing.active_children() == []


@linux_only
def test_a_worker_that_dies_stops_the_run_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 100)
    monkeypatch.setitem(workers.JOBS, "score", _dies)
    with pytest.raises(RuntimeError) as caught:
        run(source, tmp_path / "out", 2, monkeypatch)
    assert str(caught.value) == "a batch scoring process ended unexpectedly (exit code 9)"
    assert not (tmp_path / "out").exists()
    assert multiprocessing.active_children() == []


@linux_only
def test_stopping_the_main_process_stops_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 400)
    monkeypatch.setattr(workers, "CHUNK_ROWS", 10)
    real = Cohort.add
    seen: list[int] = []

    def interrupted(self: Cohort, scored: workers.Scored) -> None:  # Ctrl-C arrives at the 150th scored row
        seen.append(os.getpid())
        if len(seen) == 150:
            raise KeyboardInterrupt
        real(self, scored)

    monkeypatch.setattr(Cohort, "add", interrupted)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "results.csv").write_text("last run's\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run(source, tmp_path / "out", 2, monkeypatch)
    assert set(seen) == {os.getpid()}  # rows are counted in the main process
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["results.csv"]
    assert (tmp_path / "out" / "results.csv").read_text(encoding="utf-8") == "last run's\n"
    assert multiprocessing.active_children() == []


@linux_only
def test_workers_end_when_the_main_process_is_gone_without_a_word() -> None:
    # a main process killed outright (SIGKILL, the out-of-memory killer) says nothing: its pipe ends just close,
    # and each worker must then read the end of its pipe, which it cannot while a copy of that end stays open
    pool = workers.Workers(PACK, "en", 2)
    processes = list(pool.processes)
    try:
        for pipe in pool.pipes:
            pipe.close()
        for process in processes:
            process.join(timeout=10)
        assert [process.exitcode for process in processes] == [0, 0]
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()
        pool.pipes, pool.processes = [], []


def _children(pid: int) -> list[int]:
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False)
    return [int(word) for word in listed.stdout.split()]


@linux_only
def test_ctrl_c_on_the_command_line_cleans_up_and_ends_the_workers(tmp_path: Path) -> None:
    source = cohort_csv(PACK, tmp_path / "cohort.csv", 30_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "aiexposure", "batch", str(source), "--out-dir", str(tmp_path / "out")],
        env=clean_env(**{ENV_WORKERS: "2"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    forked: list[int] = []
    while len(forked) < 2 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
        forked = _children(child.pid)
    assert len(forked) == 2, "the workers did not start"
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()
    for pid in forked:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_worker_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = tmp_path / "small.csv"
    small.write_bytes(b"x" * (MIN_PARALLEL_BYTES - 1))
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * MIN_PARALLEL_BYTES)
    monkeypatch.delenv(ENV_WORKERS, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    linux = sys.platform.startswith("linux")
    assert worker_count(small, True) == 0
    assert worker_count(big, True) == (2 if linux else 0)
    assert worker_count(big, False) == 0  # reports or a before/after comparison need the whole assessment
    assert worker_count(Path("-"), True) == 0
    assert worker_count(tmp_path / "missing.csv", True) == 0
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert worker_count(big, True) == 0
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    assert worker_count(big, True) == (4 if linux else 0)
    monkeypatch.setenv(ENV_WORKERS, "3")
    assert worker_count(small, True) == (3 if linux else 0)
    monkeypatch.setenv(ENV_WORKERS, "0")
    assert worker_count(big, True) == 0
    monkeypatch.setenv(ENV_WORKERS, "many")  # not a number: the default
    assert worker_count(big, True) == (4 if linux else 0)
