"""A class before and after a course: people matched by id, risk_before and risk_change in results.csv, and the
before/after section of summary.md."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from aiexposure.batch.before import Codec
from aiexposure.batch.run import run_batch
from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())
MERMAID_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "mermaid-check"
HEADER = ["id", "role", "ai_use", "upskill"]

# Writers, hand-checked in tests/test_batch.py (every default 43.3) and tests/test_history.py (ai_use=never 44.2;
# daily 40.5; daily and upskill=both 37.5, adaptation 34.7).
BEFORE = [
    HEADER,
    ["ana", "writer", "never", ""],  # 44.2
    ["budi", "writer", "never", "none"],  # 44.2
    ["citra", "writer", "", ""],  # 43.3
    ["dewi", "translator", "weekly", "technical"],
    ["eko", "courier", "", ""],  # leaves after the first session
]
AFTER = [
    HEADER,
    ["ana", "writer", "daily", ""],  # 40.5: -3.7
    ["budi", "writer", "daily", "both"],  # 37.5: -6.7
    ["citra", "writer", "", ""],  # unchanged: 0.0
    ["dewi", "translator", "weekly", "technical"],  # unchanged: 0.0
    ["fajar", "driver", "", ""],  # new
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def results(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_class_of_five_with_one_new_and_one_departed_person(tmp_path: Path) -> None:
    before, after = write(tmp_path / "before.csv", BEFORE), write(tmp_path / "after.csv", AFTER)
    outcome = run_batch(PACK, "en", after, tmp_path / "out", before=before)
    assert (outcome.rows, outcome.rejected, outcome.exit_code) == (5, 0, 0)
    rows = results(tmp_path / "out")
    assert list(rows[0])[-6:] == ["advice", "risk_before", "risk_change", "role_label", "band_label", "verdict_label"]
    assert [(r["role_label"], r["band_label"], r["verdict_label"]) for r in rows[:1]] == [
        ("Writer", "high", "At risk, not adapting yet")
    ]
    assert [(r["id"], r["risk_before"], r["risk"], r["risk_change"]) for r in rows] == [
        ("ana", "44.2", "40.5", "-3.7"),
        ("budi", "44.2", "37.5", "-6.7"),
        ("citra", "43.3", "43.3", "0.0"),
        ("dewi", rows[3]["risk"], rows[3]["risk"], "0.0"),
        ("fajar", "", rows[4]["risk"], ""),  # new: no change
    ]
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    section = summary[summary.index("## Before and after") :]
    assert "| In both files | 4 |\n| New (only in this file) | 1 |\n| Left (only in the before file) | 1 |" in section
    assert "Only in the before file: eko" in section
    # writers: before 44.2, 44.2, 43.3 (mean 43.9), after 40.5, 37.5, 43.3 (mean 40.43 -> 40.4); changes -3.7, -6.7, 0
    # (mean -3.47 -> -3.5, median -3.7)
    assert "| Writer | 3 | 43.9 | 40.4 | -3.5 | -3.7 |" in section
    assert "| Translator | 1 |" in section and section.count("| +0.0 | +0.0 |") == 1
    # the verdicts: budi's adaptation 34.7 is under 50, so every writer stays a threat
    assert "| At risk, not adapting yet | 4 | 0 | 0 | 0 |" in section
    # what moved people: ana's and budi's ai_use (-3.7 each: 44.2 -> 40.5), budi's upskill (40.5 -> 37.5)
    assert "| How often do you use AI tools in your work? Never → Every working day | 2 | -3.7 | -7.4 |" in section
    assert (
        "| What have you learned in the past six months to stay ahead? Nothing new yet → Both | 1 | -3.0 | -3.0 |"
        in (section)
    )
    assert "| Writer | How often do you use AI tools in your work? Never → Every working day | 2 |" in section
    # before grey and after blue: two series, each drawing a bar only on its own rows (-100 draws none)
    assert (
        '```mermaid\n%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#8a94a6, #1f6fb4"}}}}%%\n'
        "xychart-beta horizontal\n"
        '    title "Mean risk, 0–100: before and after"\n'
        '    x-axis ["Writer · before", "Writer · after", "Translator · before", "Translator · after"]\n'
        "    y-axis 0 --> 100\n"
        "    bar [43.9, -100, 46.5, -100]\n"
        "    bar [-100, 40.4, -100, 46.5]\n"
        "```\n\nGrey bars: before the course; blue bars: after. Only people in both files are counted."
    ) in section


def test_every_mermaid_block_of_the_summary_parses(tmp_path: Path) -> None:
    before, after = write(tmp_path / "before.csv", BEFORE), write(tmp_path / "after.csv", AFTER)
    run_batch(PACK, "id", after, tmp_path / "out", before=before)
    summary = tmp_path / "out" / "summary.md"
    blocks = re.findall(r"```mermaid\n(.*?)```", summary.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 3
    # always: the shapes mermaid's lexer needs (quoted labels, plain numbers, no decimal comma in data)
    for block in blocks:
        for line in block.splitlines()[1:]:
            if line.strip().startswith("bar ") or line.strip().startswith("line "):
                assert re.fullmatch(r"\s*(bar|line) \[-?\d+(\.\d+)?(, -?\d+(\.\d+)?)*\]", line), line
    # and with the real parser wherever node and the shared tool are there (CI has both)
    if shutil.which("node") is not None and MERMAID_CHECK.exists():
        checked = subprocess.run([str(MERMAID_CHECK), str(summary)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert checked.stdout.count(" OK ") == checked.stdout.count("\n") == len(blocks)


def test_resubmissions_rows_without_id_and_rejected_rows_are_reported(tmp_path: Path) -> None:
    before = write(
        tmp_path / "before.csv",
        [*BEFORE, ["Ana ", "writer", "daily", ""], ["", "writer", "", ""], ["gita", "plumber", "", ""]],
    )
    after = write(
        tmp_path / "after.csv", [*AFTER, ["budi", "writer", "never", ""], ["hadi", "writer", "sometimes", ""]]
    )
    outcome = run_batch(PACK, "en", after, tmp_path / "out", before=before)
    # hadi's row is rejected (exit 3); gita's in the before file is reported, and is no failure of this file
    assert (outcome.rows, outcome.rejected, outcome.replaced, outcome.before_rejected) == (6, 1, 1, 1)
    assert outcome.exit_code == 3
    rows = results(tmp_path / "out")
    assert [(r["row"], r["id"], r["status"], r["risk_before"], r["risk"], r["risk_change"]) for r in rows] == [
        ("2", "ana", "ok", "40.5", "40.5", "0.0"),  # ana's later row before ('daily', 40.5) counts, not 'never'
        ("3", "budi", "replaced", "", "", ""),  # budi sent the form again: his later row counts
        ("4", "citra", "ok", "43.3", "43.3", "0.0"),
        ("5", "dewi", "ok", rows[3]["risk"], rows[3]["risk"], "0.0"),
        ("6", "fajar", "ok", "", rows[4]["risk"], ""),
        ("7", "budi", "ok", "44.2", "44.2", "0.0"),
        ("8", "hadi", "rejected", "", "", ""),
    ]
    assert rows[1]["error"] == "replaced by the same person's later row 7"
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "6 people in after.csv: 5 scored, 1 rejected." in summary
    assert "1 rows were sent again later by the same person; each person's latest row counts" in summary
    assert "## Replaced rows\n\n| Row | id | Why |\n| --: | --- | --- |\n| 3 | budi | replaced by the same" in summary
    assert "Rows without an id cannot be matched: 1 in the before file, 0 in this one." in summary
    assert "1 rows of the before file were sent again later by the same person; each person's latest row is" in summary
    assert "1 rows of the before file could not be scored, so those people count as new here:" in summary
    assert """| 9 | gita | 'plumber' is not an answer to "role"; the answers are: "Writer",""" in summary


def test_the_latest_submission_by_timestamp_wins_whatever_the_row_order(tmp_path: Path) -> None:
    rows = [
        ["Timestamp", "Nomor peserta", "role", "ai_use"],
        ["14/11/2026 10:00:00", "P-01", "writer", "daily"],  # the later one, though it comes first
        ["13/11/2026 21:30:00", "P-01", "writer", "never"],
        ["2/11/2026 9:00:00 PM", "007", "writer", "never"],
        ["2/11/2026 10:00:00 AM", "7", "writer", "daily"],  # Excel dropped the zeros: the same person, earlier
    ]
    outcome = run_batch(PACK, "en", write(tmp_path / "in.csv", rows), tmp_path / "out")
    assert (outcome.rows, outcome.replaced, outcome.exit_code) == (2, 2, 0)
    got = [(r["row"], r["id"], r["status"], r["risk"]) for r in results(tmp_path / "out")]
    assert got == [("2", "P-01", "ok", "40.5"), ("3", "P-01", "replaced", ""), ("4", "007", "ok", "44.2"),
                   ("5", "7", "replaced", "")]  # fmt: skip


def test_the_before_file_is_held_as_small_packed_scores() -> None:
    codec = Codec(PACK)
    people: list[tuple[str, dict[str, object]]] = [
        ("writer", {"ai_use": "daily", "ai_tasks": ["drafting", "editing"], "human_edge": ["empathy"]}),
        ("courier", {"city": "metro", "alt_skills": "none"}),
        ("translator", {}),
    ]
    for role, answers in people:
        result = assess(
            PACK,
            resolve(PACK, role, {"documents": 3, "interpreting": 1} if role == "translator" else None, answers),
            full=False,
        )
        blob = codec.encode(result)
        assert len(blob) <= 96
        risk, verdict, decoded = codec.decode(blob)
        assert (risk, verdict, decoded.role) == (result.risk.value, result.verdict, role)
        assert decoded.shares == result.answers.shares and decoded.values == result.answers.values
        assert assess(PACK, decoded, full=False).risk == result.risk


def test_mistakes_with_before_exit_2_with_a_message(tmp_path: Path) -> None:
    after = write(tmp_path / "after.csv", AFTER)
    with pytest.raises(UserError) as caught:
        run_batch(PACK, "en", after, tmp_path / "out", before=tmp_path / "missing.csv")
    assert caught.value.message.startswith(f"{tmp_path / 'missing.csv'}: no such file")
    assert not (tmp_path / "out").exists()
    done = run_cli(tmp_path, "batch", "-", "--before", "-", "--out-dir", "out", stdin="")
    assert (done.returncode, done.stderr) == (
        2,
        "aiexposure: Only one file can come from standard input ('-'); give the before file or the after file by "
        "its name.\n",
    )
    done = run_cli(tmp_path, "--lang", "id", "batch", "template", "--before", "after.csv")
    assert done.returncode == 2
    assert done.stderr == (
        "aiexposure: --before membandingkan dua berkas jawaban; opsi itu tidak dipakai dengan 'batch template'.\n"
    )


def test_in_indonesian_from_the_command_line(tmp_path: Path) -> None:
    write(tmp_path / "before.csv", BEFORE)
    write(tmp_path / "after.csv", AFTER)
    done = run_cli(tmp_path, "--lang", "id", "batch", "after.csv", "--before", "before.csv", "--out-dir", "out")
    assert done.returncode == 0, done.stderr
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "## Sebelum dan sesudah" in summary and "Hanya ada di berkas sebelum: eko" in summary
    assert "| Keluar (hanya di berkas sebelum) | 1 |" in summary
    assert "| Penulis | 3 | 43,9 | 40,4 | -3,5 | -3,7 |" in summary  # decimal commas, as the reader writes them
    legend = (
        "Berisiko, belum beradaptasi: banyak penghasilan berisiko, belum beradaptasi · Berisiko, sudah beradaptasi:"
    )
    assert legend in summary  # the verdicts' legend
    page = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    assert "sebelum 43,9, sesudah 40,4 (berubah -3,5, 3 orang)" in page and "<script" not in page and "http" not in page


def test_a_person_whose_after_row_is_rejected_has_not_left(tmp_path: Path) -> None:
    """ana answered both times, but her after row cannot be scored: she is neither compared nor counted as left
    (issue 19: a hand-made bug that forgot such ids counted them as having left, and no test noticed)."""
    after_rows = [AFTER[0], ["ana", "writer", "sometimes", ""], *AFTER[2:]]
    before, after = write(tmp_path / "before.csv", BEFORE), write(tmp_path / "after.csv", after_rows)
    outcome = run_batch(PACK, "en", after, tmp_path / "out", before=before)
    assert (outcome.rows, outcome.rejected, outcome.exit_code) == (5, 1, 3)
    rows = results(tmp_path / "out")
    assert [(r["id"], r["status"], r["risk_before"], r["risk_change"]) for r in rows[:1]] == [
        ("ana", "rejected", "", "")
    ]
    assert [r["id"] for r in rows if r["risk_before"]] == ["budi", "citra", "dewi"]  # compared: in both, scored
    section = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8").split("## Before and after", 1)[1]
    assert "| In both files | 3 |\n| New (only in this file) | 1 |\n| Left (only in the before file) | 1 |" in section
    assert "Only in the before file: eko\n" in section
