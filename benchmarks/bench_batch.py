"""Batch speed and memory, measured against merely reading the same CSV.

    python benchmarks/bench_batch.py [--rows 100000] [--big-rows 1000000]

1. Speed: `aiexposure batch` on a generated CSV of --rows rows (random roles,
   task weights and answers), rows per second end to end (read, validate,
   score, write results.csv and summary.md), next to the rows per second of
   just reading that CSV with the csv module. Target: at least 15,000 rows/s.
2. Memory: peak RSS of `aiexposure batch` on --big-rows rows in its own
   process. Target: at most 150 MB for 1,000,000 rows. Use --big-rows 0 to skip.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def batch(path: Path, out: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB of the child process, exit code."""
    cmd = [sys.executable, "-m", "aiexposure", "batch", str(path), "--out-dir", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 3):
        sys.exit(f"batch failed ({done.returncode}): {done.stderr}")
    return seconds, max(peak, before) / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    pack = load_pack(default_rules_dir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "cohort.csv"
        generate(pack, small, args.rows)
        reading = read_only(small)
        seconds, peak, _ = batch(small, folder / "out")
        rate = args.rows / seconds
        print(
            f"batch     {args.rows:,} rows in {seconds:.1f} s: {rate:,.0f} rows/s end to end "
            f"(target >= 15,000) {'OK' if rate >= 15_000 else 'MISSED'}"
        )
        print(
            f"reading   the same CSV with the csv module: {reading:,.0f} rows/s; batch is {reading / rate:.1f}x slower"
        )
        print(f"memory    peak RSS {peak:.0f} MB for {args.rows:,} rows")
        if args.big_rows:
            big = folder / "big.csv"
            generate(pack, big, args.big_rows, seed=2)
            seconds, peak, _ = batch(big, folder / "big-out")
            print(
                f"memory    peak RSS {peak:.0f} MB for {args.big_rows:,} rows in {seconds:.0f} s "
                f"(target <= 150 MB) {'OK' if peak <= 150 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
