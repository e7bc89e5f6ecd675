"""A class form made with an earlier release names a task by its label of then: the column still reads."""

from __future__ import annotations

import csv
from pathlib import Path

from clirun import run_cli

HEADERS = {
    "ids": "role,task.layout,task.illustration,task.direction",
    # the designer's illustration task was "Ilustrasi sesuai pesanan" in the first releases
    "old labels": (
        "role,task.Tata letak dan mock-up,task.Ilustrasi sesuai pesanan,task.Brief klien dan pengarahan visual"
    ),
    "today's labels": (
        "role,task.Tata letak dan mock-up,task.Ilustrasi khusus untuk klien,task.Brief klien dan pengarahan visual"
    ),
}


def scored(tmp_path: Path, name: str, header: str) -> dict[str, str]:
    folder = tmp_path / name.replace(" ", "_")
    folder.mkdir()
    (folder / "form.csv").write_text(f"{header}\ndesigner,30,50,20\n", encoding="utf-8")
    run = run_cli(folder, "--lang", "id", "batch", "form.csv", "--out-dir", "out")
    assert run.returncode == 0, run.stderr
    with (folder / "out" / "results.csv").open(encoding="utf-8") as rows:
        return next(csv.DictReader(rows))


def test_an_old_task_label_in_a_header_reads_as_its_task(tmp_path: Path) -> None:
    rows = {name: scored(tmp_path, name, header) for name, header in HEADERS.items()}
    assert {row["status"] for row in rows.values()} == {"ok"}
    # layout .3 x .5625 + illustration .5 x .6125 + direction .2 x .41 (matched ILO 2025 task scores) = .557
    assert {row["exposure"] for row in rows.values()} == {"55.7"}
