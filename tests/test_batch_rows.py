"""Batch rows a class sends in: a comma in an unquoted answer, and the summary's steps named with their role."""

from __future__ import annotations

import csv
from pathlib import Path

from clirun import run_cli


def test_a_row_with_more_cells_than_the_header_says_so(tmp_path: Path) -> None:
    # Model v3 words lost_work's options by size: "Some, less than a quarter" is the answer with a comma now
    (tmp_path / "in.csv").write_text(
        'id,role,lost_work\nana,writer,Some, less than a quarter\nciti,penulis,"Some, less than a quarter"\n,,,\n',
        encoding="utf-8",
    )
    result = run_cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert result.returncode == 3
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(r["id"], r["status"], r["error"], r["role"]) for r in csv.DictReader(handle)]
    assert rows[0] == (
        "ana",
        "rejected",
        'this row has 4 cells but the header has 3 columns. An answer with a comma in it (such as "Yes, some") '
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
    # the writer's and the courier's first steps with every default (test_render), worded as actions: the
    # writer's role_focus=curator (-1.8; the bespoke-work step rests on a hypothesis and no longer leads), the
    # courier's alt_skills=learning (-4.3; a second skill "ready to start now" is no step of its own any more)
    assert "| Writer | Shape the idea and work out what the client needs before producing anything | 1 |" in table
    assert "| Courier | Start learning a second skill you could earn from | 1 |" in table
    assert all(row.startswith(("| Writer |", "| Courier |")) for row in table[2:])


def test_an_indonesian_summary_writes_decimal_commas_and_each_familys_own_labels(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role\nana,penulis\nbudi,kurir\n", encoding="utf-8")
    assert run_cli(tmp_path, "--lang", "id", "batch", "in.csv", "--out-dir", "out").returncode == 0
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    # the writer's scores with every default: exposure 55.1, risk 43.3 (worked out in test_batch). The courier's
    # (a mid-sized city, motorbike): exposure .4*.25 + .05*.25 + .15*.425 + .15*.7 + .15*.35 + .1*.2 = .35375
    # -> 35.4; automation .4*.5*.1*.7*.6 + .05*.4*.1*.5 + .15*.5*.7*.7 + .15*.1*.1 + .1*.1*.1 = .04865 -> 4.9;
    # pressure .3*.1 + .7*.28125 (substitute tasks) = .22688 -> 22.7; platform .45*.4 + .2*1 = .38;
    # AI and automation .049 + .3*.354 + .3*.227 = .2233 -> 22.3; adaptation .15*2.6/100 = .0039 -> 0.4;
    # hazard (.6*.223 + .4*.38) x .92 = .26294 -> 26.3; risk .263 x (1 - .65*.004) = .26232 -> 26.2
    assert "| Penulis | 55,1 / 55,1 |" in summary and "| 43,3 / 43,3 |" in summary
    assert "| Kurir | 35,4 / 35,4 |" in summary and "| 26,2 / 26,2 |" in summary
    gig_table = summary[summary.index("**Pengemudi ojol dan kurir") :].split("\n\n")[1]
    # a courier's pressure is the tasks the apps take over, beside the apps' pay; never clients turning to AI
    assert "Tugas yang diambil alih aplikasi" in gig_table and "Klien beralih ke AI" not in gig_table
    # the charts keep the decimal point mermaid reads
    assert "bar [55.1, " in summary
