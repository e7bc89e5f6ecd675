"""The real command line in a subprocess, as a person's shell runs it: no AIEXPOSURE_* settings, a UTF-8 locale."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without AIEXPOSURE_* settings, in a UTF-8 locale, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIEXPOSURE_")}
    return {**env, "LC_ALL": "C.UTF-8", **extra}


def run_cli(
    cwd: Path,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m aiexposure ARGS` in `cwd`; `env` adds to `clean_env()`, `before` runs in the child first."""
    return subprocess.run(
        [sys.executable, "-m", "aiexposure", *args],
        cwd=cwd,
        env=clean_env(**(env or {})),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        preexec_fn=before,
    )
