"""Test settings shared by every file."""

from __future__ import annotations

import os

from hypothesis import settings

# In CI the property and fuzz tests draw the same examples on every run, so a result does not depend on luck;
# on a developer's machine they draw new ones each time and keep failures in .hypothesis/ to replay them.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
