"""A class summary shows each family its own scores: writers never get a column for app income."""

from __future__ import annotations

from pathlib import Path

from clirun import run_cli


def test_a_freelancers_summary_has_no_gig_scores_and_a_gig_summary_has_them(tmp_path: Path) -> None:
    source = tmp_path / "class.csv"
    source.write_text("id,role\nP1,writer\nP2,driver\n", encoding="utf-8")
    done = run_cli(tmp_path, "batch", str(source), "--out-dir", "out")
    assert done.returncode == 0, done.stderr
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    writers = summary[summary.index("**Freelancer**") : summary.index("**Gig worker**")]
    drivers = summary[summary.index("**Gig worker**") :]
    assert "Clients turning to AI" in writers and "The apps' pay and rules" not in writers
    assert "AI, robots and machines" not in writers
    assert "The apps' pay and rules" in drivers and "AI, robots and machines" in drivers
