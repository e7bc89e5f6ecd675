"""Start-up and scoring speed, measured against a baseline in the same run.

    python benchmarks/bench_core.py [--runs N]

1. Start-up: `aiexposure assess --role writer --format json` in a fresh process
   against a minimal one-command typer app, interleaved, median wall time.
   Target: ratio at most 1.3. Measured with the checked pack cached (as every
   run after the first finds it) and, for comparison, with the cache off
   (AIEXPOSURE_CACHE=off: parse, validate and cross-check the YAML each time).
   The children's CPU time is shown too: on a busy machine it moves less than
   wall time does.
2. Scoring: `assess(full=False)` on a loaded pack (scores, risk, verdict and
   advice; no top moves, FAQ or --explain terms), assessments per second on
   one core. Target: at least 40,000.

Every child runs with bytecode caching on (PYTHONDONTWRITEBYTECODE removed), as
an installed program has its .pyc files, and with its own cache folder.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def child_env(cache: str) -> dict[str, str]:
    """This environment with .pyc files written and read, and the pack cache in `cache` (or "off")."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "AIEXPOSURE_CACHE": cache}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def startup(runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each program, runs interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        # the installed command, as a person runs it and as the minimal app runs (a script, not `-m`, whose runpy
        # costs a few ms); `python -m aiexposure` where this Python has no `aiexposure` command beside it
        command = Path(sys.executable).parent / "aiexposure"
        program = [str(command)] if command.exists() else [sys.executable, "-m", "aiexposure"]
        ours = [*program, "assess", "--role", "writer", "--format", "json"]
        programs = {
            "minimal": ([sys.executable, str(minimal), "--role", "writer", "--format", "json"], child_env("off")),
            "cached": (ours, child_env(str(Path(tmp) / "cache"))),
            "uncached": (ours, child_env("off")),
        }
        for cmd, env in programs.values():  # write the bytecode and fill the cache
            timed(cmd, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        for _ in range(runs):
            for name, (cmd, env) in programs.items():
                times[name].append(timed(cmd, env))
    return {
        name: (statistics.median(w for w, _ in done), statistics.median(c for _, c in done))
        for name, done in times.items()
    }


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
    measured = startup(args.runs)
    base_wall, base_cpu = measured["minimal"]
    print(f"start-up  minimal typer app:               {base_wall * 1000:.0f} ms (CPU {base_cpu * 1000:.0f} ms)")
    for name in ("cached", "uncached"):
        wall, cpu = measured[name]
        ratio = wall / base_wall
        target = f" (target <= 1.30) {'OK' if ratio <= 1.3 else 'MISSED'}" if name == "cached" else ""
        print(
            f"start-up  assess --format json, pack {name + ':':9} {wall * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms), "
            f"ratio {ratio:.2f} (CPU {cpu / base_cpu:.2f}){target}"
        )
    rate = scoring(args.seconds)
    print(
        f"scoring   assess() without moves: {rate:,.0f} per second (target >= 40,000) "
        f"{'OK' if rate >= 40_000 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
