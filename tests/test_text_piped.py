"""The text report off a terminal: what a pipe or a saved file gets."""

from __future__ import annotations

import re
from pathlib import Path

from clirun import run_cli


def test_a_piped_text_report_has_no_trailing_spaces_or_escape_codes(tmp_path: Path) -> None:
    args = ("--lang", "id", "assess", "--role", "ojol", "--answer", "platform_pay=worse")
    result = run_cli(tmp_path, *args, env={"COLUMNS": "60"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # a driver whose app pay got worse: the apps' pay drives the risk, so the title asks what puts income at risk
    # (platform .45 x 1 + .2 x 1 (app) = .65, x .4 in risk before adapting = .26; AI and automation .126 x .6 = .0756)
    # the title whole: in the box's border when it fits there, else on the box's first lines (here: 60 columns)
    top = " ".join(re.sub("[│╭╮─]", " ", " ".join(lines[:3])).split())
    assert top == "Apa yang mengancam penghasilanmu? — Pengemudi ojol atau taksi online"
    assert [n for n, line in enumerate(lines, 1) if line != line.rstrip()] == []
    assert "\x1b[" not in result.stdout
