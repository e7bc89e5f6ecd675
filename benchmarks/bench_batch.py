"""Batch speed and memory, measured against merely reading the same CSV.

    python benchmarks/bench_batch.py [--rows 100000] [--big-rows 1000000]

1. Speed: `aiexposure batch` on a generated CSV of --rows rows (random roles,
   task weights and answers), rows per second end to end (read, validate,
   score, write results.csv and summary.md), next to the rows per second of
   just reading that CSV with the csv module. Target: at least 15,000 rows/s.
   Run with the default workers (as many as cores on Linux) and, with
   --workers N, with N more (0: scoring in the main process alone).
2. Memory: on --big-rows rows, the peak of the summed PSS (proportional set
   size: shared pages split between the processes sharing them) of the batch
   process and its workers, sampled every 20 ms, and the largest single
   process's peak RSS. Target: at most 150 MB for 1,000,000 rows. Use
   --big-rows 0 to skip.

Children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) and a
pack cache folder of their own.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from aiexposure.batch.template import template_csv
from aiexposure.model.answers import option_ids
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Pack


def generate(pack: Pack, path: Path, rows: int, seed: int = 1) -> None:
    """A cohort of random people, as a form built from `batch template` would export it."""
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
            row[f"task.{next(iter(role.tasks))}"] = str(chance.randint(1, 5))
            for question_id, question in pack.questions.items():
                if role.family not in question.families:
                    continue
                values = option_ids(question, role)
                if question.kind == "select":
                    row[question_id] = chance.choice(values)
                else:
                    row[question_id] = ",".join(v for v in values if chance.random() < 0.3)
            out.writerow([row.get(column, "") for column in header])


def read_only(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle)) - 1
    return count / (time.perf_counter() - start)


class Run(NamedTuple):
    """One `aiexposure batch` run."""

    seconds: float
    cpu: float  # user + system seconds of the process and its workers
    pss: float  # peak summed PSS of the process and its workers, MB (0 where /proc has no smaps_rollup)
    rss: float  # peak RSS of the largest single process, MB
    main_cpu: float  # of these CPU seconds, the main process's (as last sampled from /proc)


def _spin(loops: int) -> None:
    total = 0
    for i in range(loops):
        total += i


def free_cores(loops: int = 10_000_000) -> float:
    """How many cores this machine gives us now: one busy loop's time over that of two at once, times two.

    The workers can only help as far as cores are free: on a machine shared with other work this is below 2.
    """
    import multiprocessing

    start = time.perf_counter()
    _spin(loops)
    one = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    spinners = [context.Process(target=_spin, args=(loops,)) for _ in range(2)]
    start = time.perf_counter()
    for spinner in spinners:
        spinner.start()
    for spinner in spinners:
        spinner.join()
    return 2 * one / (time.perf_counter() - start)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User + system seconds of `pid` so far, from /proc (0 when it has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """`pid` and its children (the workers), from /proc."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [pid, *(int(child) for child in handle.read().split())]
    except OSError:
        return [pid]


def batch(path: Path, out: Path, cache: str, workers: str | None = None) -> Run:
    """Run `aiexposure batch` on `path`, sampling its memory until it ends."""
    cmd = [sys.executable, "-m", "aiexposure", "batch", str(path), "--out-dir", str(out)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["AIEXPOSURE_CACHE"] = cache
    if workers is not None:
        env["AIEXPOSURE_WORKERS"] = workers
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    pss = 0
    main_cpu = 0.0
    while child.poll() is None:
        pss = max(pss, sum(_pss_kb(pid) for pid in _tree(child.pid)))
        main_cpu = max(main_cpu, _cpu_seconds(child.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    errors = child.stderr.read() if child.stderr else ""
    if child.returncode not in (0, 3):
        sys.exit(f"batch failed ({child.returncode}): {errors}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime)
    return Run(seconds, cpu, pss / 1024, max(after.ru_maxrss, usage.ru_maxrss) / 1024, main_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, action="append", default=[], help="also run with N workers")
    args = parser.parse_args()
    pack = load_pack(default_rules_dir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = str(folder / "cache")
        small = folder / "cohort.csv"
        generate(pack, small, args.rows)
        reading = read_only(small)
        batch(small, folder / "warm", cache, "0")  # write the bytecode and fill the pack cache
        print(f"machine   {os.cpu_count()} cores, of which {free_cores():.1f} free for this run (two busy loops)")
        for workers in [None, *(str(n) for n in args.workers)]:
            run = batch(small, folder / "out", cache, workers)
            rate = args.rows / run.seconds
            how = "default workers" if workers is None else f"{workers} workers"
            print(
                f"batch     {args.rows:,} rows in {run.seconds:.1f} s ({how}; CPU {run.main_cpu:.1f} s main process, "
                f"{run.cpu - run.main_cpu:.1f} s workers): {rate:,.0f} rows/s end to end (target >= 15,000) "
                f"{'OK' if rate >= 15_000 else 'MISSED'}"
            )
        print(
            f"reading   the same CSV with the csv module: {reading:,.0f} rows/s; batch is {reading / rate:.1f}x slower"
        )
        print(
            f"memory    peak PSS {run.pss:.0f} MB in all, largest process RSS {run.rss:.0f} MB, for {args.rows:,} rows"
        )
        if args.big_rows:
            big = folder / "big.csv"
            generate(pack, big, args.big_rows, seed=2)
            run = batch(big, folder / "big-out", cache)
            print(
                f"memory    peak PSS {run.pss:.0f} MB in all, largest process RSS {run.rss:.0f} MB, "
                f"for {args.big_rows:,} rows in {run.seconds:.0f} s (target <= 150 MB) "
                f"{'OK' if max(run.pss, run.rss) <= 150 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
