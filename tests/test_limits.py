"""Bounded input (issue 19): every reader holds at most one line of 1,000,000 characters and refuses a value of
more than 100,000, within seconds and in bounded memory; a pipe or a device named where a file belongs is
refused at once instead of waited on."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aiexposure.pack.load import default_rules_dir
from aiexposure.reading import MAX_LINE_CHARS, MAX_VALUE_CHARS, BoundedLines, LineTooLong
from clirun import clean_env, run_cli

LINE_TOO_LONG = "a line longer than 1,000,000 characters; an answer is never that long, so the line was skipped"
VALUE_TOO_LONG = "a value longer than 100,000 characters; an answer is never that long"


def results(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def outcome(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    return [(r["row"], r["id"][:20], r["status"], r["error"]) for r in rows]


def test_bounded_lines_edges() -> None:
    text = "a" * 10 + "\n" + "b" * 11 + "\n" + "c" * 11 + "\r\nd\re\n"
    lines = BoundedLines(io.StringIO(text, newline=""), limit=10)
    assert lines.readline() == "a" * 10 + "\n"  # ten characters and its line ending: within the limit
    with pytest.raises(LineTooLong) as raised:
        lines.readline()
    assert raised.value.number == 2
    with pytest.raises(LineTooLong):
        lines.readline()
    assert [lines.readline(), lines.readline(), lines.readline(), lines.count] == ["d\r", "e\n", "", 5]


def test_a_skipped_line_keeps_the_lines_read_past_it() -> None:
    """A long line is skipped in chunks; what a chunk held after its end is the next lines, in order."""
    text = "x" * 600_000 + "\nnext\r\nafter\n" + "y" * 5 + "\n"
    lines = BoundedLines(io.StringIO(text, newline=""), limit=100_000)
    with pytest.raises(LineTooLong):
        lines.readline()
    assert list(lines) == ["next\r\n", "after\n", "yyyyy\n"]
    assert lines.count == 4


def test_a_csv_line_at_the_limit_is_read_and_one_over_is_a_rejected_row(tmp_path: Path) -> None:
    width = 11
    header = "id,role," + ",".join(f"note{i}" for i in range(width))
    cell = (MAX_LINE_CHARS - len("at,writer,") - (width - 1)) // width
    at_limit = "at,writer," + ",".join(
        ["n" * cell] * (width - 1) + ["n" * (MAX_LINE_CHARS - len("at,writer,") - (width - 1) - cell * (width - 1))]
    )
    assert len(at_limit) == MAX_LINE_CHARS and cell < MAX_VALUE_CHARS
    over = "ov" + at_limit[2:] + "n"
    assert len(over) == MAX_LINE_CHARS + 1
    (tmp_path / "in.csv").write_text("\n".join([header, at_limit, over, "last,writer", ""]), encoding="utf-8")
    result = run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert result.returncode == 3, result.stderr
    assert outcome(results(tmp_path / "out")) == [
        ("2", "at", "ok", ""),
        ("3", "", "rejected", LINE_TOO_LONG),
        ("4", "last", "ok", ""),
    ]


def test_jsonl_lines_and_values_over_the_limits_are_rejected_rows(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "i" * MAX_VALUE_CHARS, "role": "writer"}),
        json.dumps({"id": "i" * (MAX_VALUE_CHARS + 1), "role": "writer"}),
        json.dumps({"id": "x", "role": "writer", "answers": {"clients": "c" * (MAX_VALUE_CHARS + 1)}}),
        json.dumps({"id": "big", "role": "writer", "pad": "p" * MAX_LINE_CHARS}),  # the 50 MB id of the review
        json.dumps({"id": "last", "role": "writer"}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli(tmp_path, "batch", "in.jsonl", "--out-dir", "out")
    assert result.returncode == 3, result.stderr
    assert outcome(results(tmp_path / "out")) == [
        ("1", "i" * 20, "ok", ""),
        ("2", "", "rejected", VALUE_TOO_LONG),
        ("3", "", "rejected", VALUE_TOO_LONG),
        ("4", "", "rejected", LINE_TOO_LONG),
        ("5", "last", "ok", ""),
    ]


def test_a_header_over_the_limit_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("role," + "h" * MAX_LINE_CHARS + "\nwriter,x\n")
    result = run_cli(tmp_path, "--lang", "id", "batch", "in.csv", "--out-dir", "out")
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: in.csv: baris judulnya lebih panjang dari 1.000.000 karakter, jadi ini bukan ekspor formulir. "
        "Pakai berkas CSV atau JSONL yang diekspor dari formulirmu\n",
    )
    assert not (tmp_path / "out").exists()


def small_memory() -> None:
    """The run may use at most 400 MB of address space: far less than the line it is sent."""
    resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))


def test_a_huge_line_on_stdin_is_a_rejected_row_in_bounded_memory_and_time(tmp_path: Path) -> None:
    """The review sent a 3 GB line and got a MemoryError; here 600 MB under a 400 MB limit of address space."""
    streams = [(tmp_path / name).open("w+b") for name in ("stdout", "stderr")]
    child = subprocess.Popen(
        [sys.executable, "-m", "aiexposure", "batch", "-", "--out-dir", "out"],
        cwd=tmp_path,
        env=clean_env(),
        stdin=subprocess.PIPE,
        stdout=streams[0],
        stderr=streams[1],
        preexec_fn=small_memory,
    )
    assert child.stdin is not None
    started = time.monotonic()
    child.stdin.write(b"id,role\nfirst,writer\nhuge,")
    chunk = b"a" * (1 << 20)
    for _ in range(600):
        child.stdin.write(chunk)
    child.stdin.write(b",writer\nlast,writer\n")
    child.stdin.close()
    child.wait(timeout=120)
    out, err = (stream.seek(0) or stream.read() for stream in streams)
    assert (child.returncode, out, err) == (
        3,
        b"",
        b"aiexposure: 2 of 3 people scored, 1 rejected; wrote out/results.csv, out/summary.md, out/summary.html\n",
    )
    assert time.monotonic() - started < 60
    assert outcome(results(tmp_path / "out")) == [
        ("2", "first", "ok", ""),
        ("3", "", "rejected", LINE_TOO_LONG),
        ("4", "last", "ok", ""),
    ]


def test_a_yaml_value_or_line_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "long.yaml").write_text(f"role: writer\nanswers:\n  clients: {'c' * (MAX_VALUE_CHARS + 1)}\n")
    result = run_cli(tmp_path, "assess", "--answers", "long.yaml")
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: long.yaml:3:12: a value longer than 100,000 characters\n",
    )
    many = ", ".join(["drafting"] * (MAX_LINE_CHARS // 10 + 1))
    (tmp_path / "wide.yaml").write_text(f"role: writer\nanswers: {{ai_tasks: [{many}]}}\n")
    result = run_cli(tmp_path, "assess", "--answers", "wide.yaml")
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: wide.yaml:2:1: a line longer than 1,000,000 characters\n",
    )


def test_a_fifo_in_a_rules_pack_is_refused_at_once(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(default_rules_dir(), pack)
    (pack / "sources.yaml").unlink()
    os.mkfifo(pack / "sources.yaml")
    started = time.monotonic()
    for args in (["rules", "check", str(pack)], ["--rules", str(pack), "assess", "--role", "writer"]):
        result = run_cli(tmp_path, *args, env={"AIEXPOSURE_CACHE": "off"})
        assert (result.returncode, result.stderr) == (
            2,
            f"aiexposure: {pack / 'sources.yaml'}: cannot read the file: it is a pipe, a device or a socket, "
            "not a file\n",
        ), args
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_answers_file_that_is_not_a_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = str(tmp_path / "me.yaml")
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    result = run_cli(tmp_path, "--lang", "id", "assess", "--answers", path)
    assert (result.returncode, result.stderr) == (
        2,
        f"aiexposure: {path}: berkas tidak bisa dibaca: itu pipe, perangkat, atau soket, bukan berkas\n",
    )
