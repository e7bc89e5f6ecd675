"""Test settings shared by every file: which hypothesis examples the property and fuzz tests draw.

A plain `python -m pytest` gives the same result on every run and every machine: hypothesis draws the same
examples each time (derandomize) and keeps no example database. The two fuzz tests take their example count
from the profile; the property tests (tests/test_properties.py) take theirs from `property_examples`: their
full count (200 to 500 each) under the `ci` and `explore` profiles, 100 each otherwise.

- `repeatable` (the default): the same 200 fuzz examples and 100 per property every run, no database.
- `ci` (when the CI environment variable is set): the same, with 2,000 fuzz examples and the full property counts.
- `explore` (HYPOTHESIS_PROFILE=explore): new examples on every run, 2,000 fuzz examples and the full property
  counts, failures kept in .hypothesis/ and replayed first next time; add `--hypothesis-seed=N` to repeat one
  run's draws.

HYPOTHESIS_PROFILE (or pytest's `--hypothesis-profile`) picks any of them by name. Under pytest-xdist each
worker imports this file, so every worker loads the same profile.

Every test process (each xdist worker, and the plain process without xdist) also gets a private, empty home
for the program for the whole session, set here before any test module is imported (several load the pack at
import): AIEXPOSURE_HOME and the XDG folders point into one temporary folder, removed at the end, so no test
reads or writes a person's real history or cached packs, and a person's own AIEXPOSURE_* settings (a rules
folder, a language, a cache folder) cannot change what the tests see. Subprocesses, pseudo-terminals and
forked runs inherit it; tests that need their own home still set AIEXPOSURE_HOME themselves.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

SESSION_HOME = Path(tempfile.mkdtemp(prefix="aiexposure-tests-"))
USER_FOLDERS = ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def _isolate_home() -> None:
    """Point the program's and the platform's user folders into SESSION_HOME; drop the person's own settings."""
    for name in [n for n in os.environ if n.startswith("AIEXPOSURE_")]:
        del os.environ[name]
    os.environ["AIEXPOSURE_HOME"] = str(SESSION_HOME / "aiexposure-home")
    for name in USER_FOLDERS:
        folder = SESSION_HOME / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)


_isolate_home()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this process's session home (each xdist worker removes its own)."""
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


FUZZ_EXAMPLES_DEFAULT = 200
FUZZ_EXAMPLES_FULL = 2000
PROPERTY_EXAMPLES_DEFAULT = 100  # hypothesis's own default count

settings.register_profile(
    "repeatable", derandomize=True, database=None, print_blob=True, max_examples=FUZZ_EXAMPLES_DEFAULT
)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, max_examples=FUZZ_EXAMPLES_FULL)
settings.register_profile("explore", derandomize=False, print_blob=True, max_examples=FUZZ_EXAMPLES_FULL)

in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci else "repeatable"))


def property_examples(full: int) -> int:
    """A property test's example count: `full` under a profile that draws the full fuzz count (ci, explore),
    else at most PROPERTY_EXAMPLES_DEFAULT. Read when a test module is imported, after pytest's
    --hypothesis-profile is applied."""
    return full if settings().max_examples >= FUZZ_EXAMPLES_FULL else min(full, PROPERTY_EXAMPLES_DEFAULT)
