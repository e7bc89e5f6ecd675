"""Test settings shared by every file: which hypothesis examples the property and fuzz tests draw.

A plain `python -m pytest` gives the same result on every run and every machine: hypothesis draws the same
examples each time (derandomize), keeps no example database, and the two fuzz tests, which take their example
count from the profile, draw 200 examples each so the whole suite stays within about a minute. Tests that set
`max_examples` themselves (the property tests) keep their own count under every profile.

- `repeatable` (the default): the same 200 fuzz examples every run, no database.
- `ci` (when the CI environment variable is set): the same, with 2,000 fuzz examples.
- `explore` (HYPOTHESIS_PROFILE=explore): new examples on every run, 2,000 fuzz examples, failures kept in
  .hypothesis/ and replayed first next time; add `--hypothesis-seed=N` to repeat one run's draws.

HYPOTHESIS_PROFILE (or pytest's `--hypothesis-profile`) picks any of them by name.
"""

from __future__ import annotations

import os

from hypothesis import settings

FUZZ_EXAMPLES_DEFAULT = 200
FUZZ_EXAMPLES_FULL = 2000

settings.register_profile(
    "repeatable", derandomize=True, database=None, print_blob=True, max_examples=FUZZ_EXAMPLES_DEFAULT
)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, max_examples=FUZZ_EXAMPLES_FULL)
settings.register_profile("explore", derandomize=False, print_blob=True, max_examples=FUZZ_EXAMPLES_FULL)

in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci else "repeatable"))
