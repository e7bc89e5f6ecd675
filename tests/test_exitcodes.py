"""Each exit code the README documents, produced by a real run that should end with it."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aiexposure.cli import app as cli
from aiexposure.errors import ExitCode
from clirun import clean_env, run_cli

ROLES = (
    "writer, designer, translator, video_editor, web_developer, social_media, virtual_assistant, data_entry, "
    "driver, courier (everyday words such as ojol, kurir or penerjemah work too)"
)


def test_the_numbers_are_the_documented_ones() -> None:
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0,
        "UNEXPECTED": 1,
        "USER_ERROR": 2,
        "SOME_REJECTED": 3,
        "FEW_MATCHED": 4,
        "INTERRUPTED": 130,
        "TERMINATED": 143,
    }
    assert (ExitCode.for_signal(signal.SIGINT), ExitCode.for_signal(signal.SIGTERM)) == (130, 143)


def test_ok_when_the_report_is_printed(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "assess", "--role", "writer", "--format", "json")
    assert (result.returncode, result.stderr) == (ExitCode.OK, "")
    assert json.loads(result.stdout)["role"] == "writer"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["assess", "--role", "pilot"], f"unknown role 'pilot'; choose one of: {ROLES}", id="bad-value"),
        pytest.param(
            ["assess", "--rolle", "writer"],
            "No such option: --rolle (Possible options: --role) (see 'python -m aiexposure assess --help')",
            id="usage",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--output", "missing/report.md"],
            "cannot write 'missing/report.md': No such file or directory; choose another path with --output",
            id="unwritable",
        ),
        pytest.param(["--lang", "xx", "roles"], "--lang: unknown language 'xx'; choose one of: en, id", id="language"),
    ],
)
def test_user_error_for_a_mistake_in_the_input(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(tmp_path, *args)
    assert (result.returncode, result.stdout, result.stderr) == (ExitCode.USER_ERROR, "", f"aiexposure: {message}\n")


def test_some_rejected_when_a_batch_row_cannot_be_scored(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role\na,writer\nb,pilot\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert (result.returncode, result.stdout) == (ExitCode.SOME_REJECTED, "")
    assert result.stderr == (
        "aiexposure: 1 of 2 people scored, 1 rejected; wrote out/results.csv, out/summary.md, out/summary.html\n"
    )


def test_some_rejected_only_for_rows_of_the_scored_file_not_of_the_before_file(tmp_path: Path) -> None:
    (tmp_path / "before.csv").write_text("id,role\na,writer\nb,writer\nc,pilot\n", encoding="utf-8")
    (tmp_path / "after.csv").write_text("id,role\na,writer\nb,writer\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "after.csv", "--before", "before.csv", "--out-dir", "out")
    assert (result.returncode, result.stdout) == (ExitCode.OK, "")
    assert result.stderr.splitlines()[1] == (
        "aiexposure: 1 rows of the before file could not be scored; summary.md lists them"
    )


@pytest.mark.parametrize(
    ("before", "why"),
    [
        pytest.param(
            "Timestamp,role\n2026-11-01,writer\n2026-11-01,writer\n",
            'before.csv has no column naming each participant (such as "Nomor peserta" or an email), so its people'
            " cannot be matched. Add a participant id question to both forms, or name the column with --id-column.",
            id="anonymous",
        ),
        pytest.param(
            "Nomor peserta,role\n1,writer\n2,writer\n",
            'People are named by "NIM" in this file and by "Nomor peserta" in the before file. If these hold the'
            ' same ids, name both: --id-column "NIM" --id-column "Nomor peserta".',
            id="other-column",
        ),
    ],
)
def test_few_matched_when_before_matches_no_one(tmp_path: Path, before: str, why: str) -> None:
    (tmp_path / "before.csv").write_text(before, encoding="utf-8")
    (tmp_path / "after.csv").write_text("NIM,role\nA1,writer\nA2,writer\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "after.csv", "--before", "before.csv", "--out-dir", "out")
    assert (result.returncode, result.stdout) == (ExitCode.FEW_MATCHED, "")
    assert result.stderr.splitlines()[1:] == [
        f"aiexposure: No one of the 2 people scored in this file was found in before.csv, so there is no change to"
        f" show. {why}"
    ]


def test_few_matched_when_under_half_match_and_ok_at_half(tmp_path: Path) -> None:
    (tmp_path / "before.csv").write_text("id,role\na,writer\nb,writer\n", encoding="utf-8")
    (tmp_path / "after.csv").write_text("id,role\nA,writer\nc,writer\nd,writer\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "after.csv", "--before", "before.csv", "--out-dir", "out")
    assert result.returncode == ExitCode.FEW_MATCHED  # 1 of 3: "A" is "a", case aside
    assert result.stderr.splitlines()[1] == (
        "aiexposure: Only 1 of the 3 people scored in this file were found in before.csv, so the change covers"
        ' under half of them. The ids in "id" differ between the files: this file has c, d, the before file b.'
        " Check that both forms ask for the same participant id, written the same way."
    )
    (tmp_path / "after.csv").write_text("id,role\nA,writer\nc,writer\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "after.csv", "--before", "before.csv", "--out-dir", "out")
    assert (result.returncode, len(result.stderr.splitlines())) == (ExitCode.OK, 1)  # 1 of 2: half is enough


def test_strict_batch_stops_with_user_error_at_the_bad_row(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role\na,writer\nb,pilot\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out", "--strict")
    assert result.returncode == ExitCode.USER_ERROR
    assert result.stderr == (
        """aiexposure: row 3: 'pilot' is not an answer to "role"; the answers are: "Writer", "Graphic designer","""
        """ "Translator", "Video editor", "Web and app developer", "Social media admin", "Virtual assistant","""
        """ "Data entry worker", "Ride-hailing driver (motorbike or car)", "Courier" (--strict stops at the first bad"""
        """ row)\n"""
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_unexpected_when_the_reader_has_gone(tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # as `aiexposure ... | head` once head has exited: every write fails
    try:
        result = subprocess.run(
            [sys.executable, "-m", "aiexposure", "assess", "--role", "writer", "--format", "json"],
            cwd=tmp_path,
            env=clean_env(),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (ExitCode.UNEXPECTED, "")


def test_unexpected_for_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    # a bug in scoring: the one way to reach this code that the program does not know of beforehand
    monkeypatch.setattr("aiexposure.model.scoring.assess", broken)
    monkeypatch.setattr(sys, "argv", ["aiexposure", "assess", "--role", "writer", "--format", "json"])
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == ExitCode.UNEXPECTED
    assert err.getvalue() == (
        "aiexposure: unexpected error: ZeroDivisionError: division by zero\n"
        "run again with --debug for a traceback, and please report it\n"
    )


@pytest.mark.parametrize(
    ("signum", "code"),
    [
        pytest.param(signal.SIGINT, ExitCode.INTERRUPTED, id="ctrl-c"),
        pytest.param(signal.SIGTERM, ExitCode.TERMINATED, id="sigterm"),
    ],
)
def test_stopped_by_a_signal(tmp_path: Path, signum: int, code: ExitCode) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiexposure", "batch", "-", "--out-dir", "out"],
        cwd=tmp_path,
        env=clean_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write("id,role\np1,writer\n")
    proc.stdin.flush()  # stdin stays open: the run waits for more rows, its output folder made
    deadline = time.monotonic() + 20
    while not ((tmp_path / "out").is_dir() and any((tmp_path / "out").iterdir())):
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.02)
    proc.send_signal(signum)
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:  # the signal came just before a blocking read: that read needs another
        proc.send_signal(signum)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (code, "", "aiexposure: Stopped before the end; no file was changed.\n")
    assert list(tmp_path.iterdir()) == []
