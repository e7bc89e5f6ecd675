"""The text report off a terminal: what a pipe or a saved file gets."""

from __future__ import annotations

import re
from pathlib import Path

from clirun import run_cli


def test_a_piped_text_report_has_no_trailing_spaces_or_escape_codes(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--lang", "id", "assess", "--role", "ojol", "--answer", "platform_pay=worse")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # the title whole: in the box's border when it fits there, else on the box's first line
    top = " ".join(re.sub("[│╭╮─]", " ", " ".join(lines[:3])).split())
    assert top.endswith("? — Pengemudi ojol atau taksi online") and "…" not in top
    assert [n for n, line in enumerate(lines, 1) if line != line.rstrip()] == []
    assert "\x1b[" not in result.stdout
