"""Start-up and scoring speed, measured against a baseline in the same run.

    python benchmarks/bench_core.py [--runs N]

1. Start-up: `aiexposure assess --role writer --format json` in a fresh process
   against a minimal one-command typer app, interleaved, median wall time.
   Target: ratio at most 1.3.
2. Scoring: `assess(full=False)` on a loaded pack (scores, risk, verdict and
   advice; no top moves, FAQ or --explain terms), assessments per second on
   one core. Target: at least 40,000.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = """
import typer

app = typer.Typer()


@app.command()
def main(role: str = "writer", format: str = "json") -> None:
    print('{"role": "%s"}' % role)


app()
"""


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def startup(runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        ours = [sys.executable, "-m", "aiexposure", "assess", "--role", "writer", "--format", "json"]
        base = [sys.executable, str(minimal), "--role", "writer", "--format", "json"]
        for cmd in (ours, base):  # warm the file cache and bytecode
            wall(cmd)
        a: list[float] = []
        b: list[float] = []
        for _ in range(runs):
            a.append(wall(ours))
            b.append(wall(base))
    return statistics.median(a), statistics.median(b)


def scoring(seconds: float) -> float:
    from aiexposure.model.answers import resolve
    from aiexposure.model.scoring import assess
    from aiexposure.pack.load import default_rules_dir, load_pack

    pack = load_pack(default_rules_dir())
    people = [resolve(pack, role, None, {}) for role in pack.roles]
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for answers in people:
            assess(pack, answers, full=False)
        count += len(people)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="interleaved start-up runs of each command")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to run the scoring loop")
    args = parser.parse_args()
    ours, base = startup(args.runs)
    ratio = ours / base
    print(f"start-up  aiexposure assess --format json: {ours * 1000:.0f} ms median of {args.runs}")
    print(f"start-up  minimal typer app:               {base * 1000:.0f} ms median of {args.runs}")
    print(f"start-up  ratio: {ratio:.2f} (target <= 1.30) {'OK' if ratio <= 1.3 else 'MISSED'}")
    rate = scoring(args.seconds)
    print(
        f"scoring   assess() without moves: {rate:,.0f} per second (target >= 40,000) "
        f"{'OK' if rate >= 40_000 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
