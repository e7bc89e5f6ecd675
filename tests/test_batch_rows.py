"""Batch rows a class sends in: a comma in an unquoted answer, and the summary's steps named with their role."""

from __future__ import annotations

import csv
from pathlib import Path

from clirun import run_cli


def test_a_row_with_more_cells_than_the_header_says_so(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(
        'id,role,lost_work\nana,writer,Yes, some\nciti,penulis,"Yes, some"\n,,,\n', encoding="utf-8"
    )
    result = run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert result.returncode == 3
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(r["id"], r["status"], r["error"], r["role"]) for r in csv.DictReader(handle)]
    assert rows[0] == (
        "ana",
        "rejected",
        'this row has 4 cells but the header has 3 columns; an answer with a comma in it (such as "Yes, some") '
        "needs quotes around it",
        "writer",  # the role is still named, so the instructor knows whose row it is
    )
    assert rows[1][:2] == ("citi", "ok") and rows[1][3] == "writer"
    # a trailing comma adds empty cells: that row is simply empty, not shifted (and not a person)
    assert rows[2][1:3] == ("empty", "empty row")


def test_the_summary_names_each_step_with_its_role(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role\nana,writer\nbudi,courier\n", encoding="utf-8")
    assert run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out").returncode == 0
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    table = summary[summary.index("| Role | Step | People |") :].split("\n\n", 1)[0].splitlines()
    # the writer's and the courier's first steps (test_scoring and test_render), worded as actions
    assert "| Writer | Move most of your offer to work made for one client's situation | 1 |" in table
    assert "| Courier | Get a second skill ready to earn from if orders dry up | 1 |" in table
    assert all(row.startswith(("| Writer |", "| Courier |")) for row in table[2:])


def test_an_indonesian_summary_writes_decimal_commas_and_each_familys_own_labels(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role\nana,penulis\nbudi,kurir\n", encoding="utf-8")
    assert run_cli(tmp_path, "--lang", "id", "batch", "in.csv", "--out-dir", "out").returncode == 0
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    # the writer's and the courier's scores with every default (test_scoring): 39.4 and 33.1
    assert "| Penulis | 59,8 / 59,8 |" in summary and "| 39,4 / 39,4 |" in summary
    assert "| Kurir | 33,5 / 33,5 |" in summary and "| 33,1 / 33,1 |" in summary
    gig_table = summary[summary.index("**Pekerja gig") :].split("\n\n")[1]
    assert "Tekanan pada order dan bayaranmu" in gig_table and "Tekanan pasar" not in gig_table
    # the charts keep the decimal point mermaid reads
    assert "bar [59.8, " in summary
