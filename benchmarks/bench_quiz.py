"""Time from starting `aiexposure quiz` to its first prompt on screen, against a baseline.

    python benchmarks/bench_quiz.py [--runs N]

The baseline is a minimal one-command typer app that shows one prompt_toolkit
prompt (the library the quiz's own prompts are built on). Both run in a pseudo-terminal, interleaved; medians are
compared. Target: ratio at most 1.3. Both run with bytecode caching on
(PYTHONDONTWRITEBYTECODE removed), as an installed program has its .pyc files;
the quiz finds its checked pack in a cache folder of its own, filled by the
first (warm-up) run, as every run after a person's first does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

MINIMAL_APP = """
import typer
from prompt_toolkit import prompt

app = typer.Typer()


@app.command()
def main() -> None:
    prompt("What is your main work? ")


app()
"""


def first_prompt(command: list[str], prompt: str, cache: str) -> float:
    """Seconds until `prompt` appears; the program is then stopped with Ctrl-C."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "AIEXPOSURE_LANG": "en", "AIEXPOSURE_CACHE": cache})
    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))
    child.expect_exact(prompt)
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="interleaved runs of each program")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_quiz.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        ours = [sys.executable, "-m", "aiexposure", "quiz"]
        base = [sys.executable, str(minimal)]
        prompt = "What is your main work?"
        cache = str(Path(tmp) / "cache")
        for cmd in (ours, base):  # write the bytecode, fill the pack cache, warm the file cache
            first_prompt(cmd, prompt, cache)
        a, b = [], []
        for _ in range(args.runs):
            a.append(first_prompt(ours, prompt, cache))
            b.append(first_prompt(base, prompt, cache))
    ours_ms, base_ms = statistics.median(a) * 1000, statistics.median(b) * 1000
    ratio = ours_ms / base_ms
    print(f"first prompt  aiexposure quiz:              {ours_ms:.0f} ms median of {args.runs}")
    print(f"first prompt  minimal typer + prompt_toolkit: {base_ms:.0f} ms median of {args.runs}")
    print(f"first prompt  ratio: {ratio:.2f} (target <= 1.30) {'OK' if ratio <= 1.3 else 'MISSED'}")


if __name__ == "__main__":
    main()
