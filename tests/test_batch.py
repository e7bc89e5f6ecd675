"""Cohort mode: template, reading forms as exported, results, summary, reports and exit codes."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from aiexposure.batch.read import report_name
from aiexposure.batch.run import run_batch
from aiexposure.batch.summary import ScoreStats
from aiexposure.batch.template import template_csv, template_markdown
from aiexposure.errors import UserError
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang
from clirun import run_cli

PACK = load_pack(default_rules_dir())
HEADER = [
    "row",
    "id",
    "status",
    "error",
    "role",
    "exposure",
    "acceleration",
    "pressure",
    "platform",  # Model v3: gig workers' app-income readout (0 for freelancers)
    "evolution",
    "automation",
    "ai_automation",  # Model v3: gig workers' AI-and-automation readout (0 for freelancers)
    "adaptation",
    "hazard",
    "risk",
    "band",
    "verdict",
    "advice",
    "role_label",
    "band_label",
    "verdict_label",
]


cli = run_cli


def results(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [] or list(rows[0]) == HEADER
    return rows


def write_csv(path: Path, rows: list[list[str]], bom: bool = False, crlf: bool = False) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_template_filled_with_labels_is_scored(tmp_path: Path, lang: Lang) -> None:
    template = template_csv(PACK, lang)
    header, example = list(csv.reader(io.StringIO(template)))
    courier = {
        "id": "c-1",
        "role": PACK.roles["courier"].label(lang),
        "city": PACK.questions["city"].options["metro"].label(lang),
    }
    write_csv(tmp_path / "in.csv", [header, example, [courier.get(h, "") for h in header]])
    outcome = run_batch(PACK, lang, tmp_path / "in.csv", tmp_path / "out")
    assert (outcome.rows, outcome.rejected, outcome.exit_code) == (2, 0, 0)
    rows = results(tmp_path / "out")
    # the example row is a writer with every default (typical mix outline .15, drafting .30, editing .20,
    # research .15, voice .10, client .10; genai .55, .56, .6625, .55, .445, .41; outline and drafting substitute):
    #   exposure .0825 + .168 + .1325 + .0825 + .0445 + .041 = .551 -> 55.1; substitutable .0825 + .168 = .2505
    #   acceleration .5*.25 (tried) x .3005/.551 (augmentable share .5454) = .0682 -> 6.8 (no AI tasks)
    #   pressure .575*.2505 + .05*1 (small business) + .05*.5 (mixed) + .1*.6 (market) + .225*.3 (the trade's
    #          loss rate) x .6 (not sure) x .7 (lost to AI suspected) = .14404 + .05 + .025 + .06 + .02835
    #          = .30739 -> 30.7
    #   evolution .35*.5 (mixed) + .35*.5 (learning) + .3*0 = .35 -> 35.0
    #   adaptation .46*.068 + .34*.35 + .2*0 (no edge) = .03128 + .119 = .15028 -> 15.0
    #   genai over the next years: .551 - .041 (client, near) + .041*.7 = .5387
    #   hazard (.45*.5387 + .9*.307) x .92 (most income) = (.24242 + .2763) x .92 = .47722 -> 47.7
    #   risk .477 x (1 - .65*.15) + .2025*.3*.6*.7*.92 (the unsure loss, kept) x .65*.15
    #      = .43049 + .00229 = .43278 -> 43.3: high; hazard 47.7 >= 30, adaptation < 50: threat
    # the courier is the metro courier of test_render: adaptation 0.4, hazard 27.4, risk 27.3: moderate;
    #   hazard below 30 and adaptation below 50: watch
    assert [
        (r["row"], r["id"], r["role"], r["adaptation"], r["hazard"], r["risk"], r["band"], r["verdict"]) for r in rows
    ] == [
        ("2", "example-1", "writer", "15.0", "47.7", "43.3", "high", "threat"),
        ("3", "c-1", "courier", "0.4", "27.4", "27.3", "moderate", "watch"),
    ]


def test_headers_and_values_in_the_other_language(tmp_path: Path) -> None:
    q = PACK.questions
    header = [
        "Stempel waktu",
        q["ai_use"].prompt.id,
        q["output"].prompt.en,
        "Apa pekerjaan utamamu?",
        PACK.messages["quiz_task_time"].id.replace("{task}", PACK.roles["writer"].tasks["drafting"].label.id),
        q["human_edge"].prompt.id,
    ]
    row = [
        "2026-11-01 09:00",
        q["ai_use"].options["never"].label.en,
        q["output"].options["standard"].label.id,
        "Writer",
        "Sebagian besar waktuku",
        ", ".join(q["human_edge"].options[o].label.en for o in ("empathy", "culture")),
    ]
    write_csv(tmp_path / "form.csv", [header, row])
    run_batch(PACK, "en", tmp_path / "form.csv", tmp_path / "out")
    (scored,) = results(tmp_path / "out")
    # a timestamp orders a person's submissions; it names no one
    assert (scored["status"], scored["id"], scored["role"]) == ("ok", "", "writer")
    # drafting alone: exposure .56, all of it substitutable; pressure .575*.56 + .05*1 (small business)
    # + .05*1 (standard) + .1*.6 (writer market) + .225*.3*.6*.7 (not sure) = .322 + .05 + .05 + .06 + .02835
    # = .51035 -> 51.0; the two edges count in adaptation: .46*0 (never, and no AI on augmented work)
    # + .34*.35 (evolution 35) + .2*.5 = .219 -> 21.9
    assert (scored["exposure"], scored["pressure"], scored["adaptation"]) == ("56.0", "51.0", "21.9")


def test_rejected_rows_are_listed_and_every_row_accounted_for(tmp_path: Path) -> None:
    rows = [
        ["id", "role", "task.drafting", "ai_use", "human_edge", "Favourite colour"],
        ["ok-1", "writer", "40", "weekly", "empathy", "blue"],
        ["bad-role", "pilot", "", "", "", ""],
        ["bad-weight", "writer", "-3", "", "", ""],
        ["bad-option", "writer", "", "sometimes", "", ""],
        ["", "", "", "", "", ""],
        ["quoted, comma", "writer", "", "daily", "empathy,culture", "red, green"],
    ]
    write_csv(tmp_path / "in.csv", rows, bom=True, crlf=True)
    result = cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "aiexposure: ignored columns it does not know: Favourite colour",
        "aiexposure: 2 of 5 people scored, 3 rejected; wrote out/results.csv, out/summary.md, out/summary.html",
    ]
    listed = [(r["row"], r["id"], r["status"], r["error"]) for r in results(tmp_path / "out")]
    assert listed == [
        ("2", "ok-1", "ok", ""),
        (
            "3",
            "bad-role",
            "rejected",
            """'pilot' is not an answer to "role"; the answers are: "Writer", "Graphic designer", "Translator","""
            ' "Video editor", "Web and app developer", "Social media admin", "Virtual assistant", "Data entry worker",'
            ' "Ride-hailing driver (motorbike or car)", "Courier"',
        ),
        (
            "4",
            "bad-weight",
            "rejected",
            "task 'drafting': expected a weight (a finite number of 0 or more), found '-3'",
        ),
        (
            "5",
            "bad-option",
            "rejected",
            """'sometimes' is not an answer to "ai_use"; the answers are: "Never", "I have tried it a few times","""
            ' "Every week", "Every working day"',
        ),
        ("6", "", "empty", "empty row"),  # not a person: skipped, not rejected
        ("7", "quoted, comma", "ok", ""),
    ]
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "5 people in in.csv: 2 scored, 3 rejected.\n\n1 empty rows were skipped." in summary
    assert """| 3 | bad-role | 'pilot' is not an answer to "role"; the answers are: "Writer", """ in summary


def test_jsonl_input(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "role": "driver", "answers": {"city": "metro", "alt_skills": "none"}}),
        json.dumps({"role": "Kurir", "tasks": {"sorting": 1}}),
        "not json",
        json.dumps(["a list"]),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_batch(PACK, "en", tmp_path / "in.jsonl", tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (4, 2)
    got = [(r["row"], r["status"], r["role"], r["error"][:20]) for r in results(tmp_path / "out")]
    assert got == [
        ("1", "ok", "driver", ""),
        ("2", "ok", "courier", ""),
        ("3", "rejected", "", "not valid JSON (Expe"),
        ("4", "rejected", "", "expected a JSON obje"),
    ]


def test_reports_get_safe_distinct_names_that_keep_the_id(tmp_path: Path) -> None:
    hostile = ["../../etc/passwd", "", "same", "Same ", "x" * 300, "🙂 café", ".hidden", "a/b\\c", "a b", "a-b", "CON"]
    rows = [["id", "role"], *([h, "writer"] for h in hostile)]
    write_csv(tmp_path / "in.csv", rows)
    outcome = run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out", reports="html")
    assert (outcome.rows, outcome.replaced) == (10, 1)  # "Same " is the same person as "same", sent again later
    names = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert names == sorted(
        [
            ".aiexposure-reports",
            "etc-passwd.html",
            "row0000003.html",
            "Same.html",
            f"{'x' * 60}.html",
            "café.html",
            "hidden.html",
            "a-b-c.html",
            "a-b.html",
            "a-b-row0000011.html",  # "a b" took the name first
            "CON-row0000012.html",  # a name Windows keeps for a device
        ]
    )
    assert {p.name for p in tmp_path.iterdir()} == {"in.csv", "out"}  # nothing written outside the out folder
    report = (tmp_path / "out" / "reports" / "etc-passwd.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "etc" not in report  # a report never shows the person's id


@pytest.mark.parametrize(
    ("kind", "respondent", "name"),
    [("html", "", "row0000001.html"), ("md", "..a/b..", "a-b.md"), ("short", "P-07", "P-07.txt")],
)
def test_report_name(kind: str, respondent: str, name: str) -> None:
    assert report_name(1, respondent, kind, set()) == name


def test_reports_in_each_format_and_a_second_run_replaces_the_first(tmp_path: Path) -> None:
    write_csv(tmp_path / "in.csv", [["Nomor peserta", "role"], ["P-01", "driver"]])
    run_batch(PACK, "id", tmp_path / "in.csv", tmp_path / "out", reports="md")
    assert (tmp_path / "out" / "reports" / "P-01.md").read_text(encoding="utf-8").startswith("# ")
    run_batch(PACK, "id", tmp_path / "in.csv", tmp_path / "out", reports="short")
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == [".aiexposure-reports", "P-01.txt"]
    short = (tmp_path / "out" / "reports" / "P-01.txt").read_text(encoding="utf-8")
    assert "P-01" not in short


def test_strict_stops_at_the_first_bad_row_and_writes_no_results(tmp_path: Path) -> None:
    write_csv(tmp_path / "in.csv", [["role"], ["writer"], ["pilot"], ["writer"]])
    with pytest.raises(UserError) as caught:
        run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out", strict=True)
    assert caught.value.message == (
        """row 3: 'pilot' is not an answer to "role"; the answers are: "Writer", "Graphic designer", "Translator", """
        """"Video editor", "Web and app developer", "Social media admin", "Virtual assistant", "Data entry worker", """
        """"Ride-hailing driver (motorbike or car)", "Courier" (--strict stops at the first bad row)"""
    )
    assert not (tmp_path / "out").exists()  # the folder was made for this run, so it goes too
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("kept")
    with pytest.raises(UserError):
        run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "mine", strict=True)
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


NOT_COHORT = (
    "aiexposure: in.txt: no role column, so this is not a cohort file. It must be CSV (comma, semicolon or tab "
    "separated) with a header row holding a role column and question ids or prompts. Or it must be JSONL with one "
    "answers object per line. `aiexposure batch template` prints a header to start from. Its first line is: {first}\n"
)


@pytest.mark.parametrize(("content", "first"), [("name,age\nAna,30\n", "name,age"), ("", "nothing")])
def test_an_unusable_input_exits_2_and_creates_nothing(tmp_path: Path, content: str, first: str) -> None:
    (tmp_path / "in.txt").write_text(content, encoding="utf-8")
    result = cli(tmp_path, "batch", "in.txt", "--out-dir", "out")
    assert (result.returncode, result.stderr) == (2, NOT_COHORT.format(first=first))
    assert not (tmp_path / "out").exists()


def test_excel_files_semicolons_tabs_utf16_and_a_legacy_encoding(tmp_path: Path) -> None:
    (tmp_path / "semi.csv").write_text("Nama;Peran\nAna;Penulis\n", encoding="utf-8")
    (tmp_path / "tabs.txt").write_bytes("Name\tRole\nBudi\tCourier\n".encode("utf-16"))
    run_batch(PACK, "en", tmp_path / "semi.csv", tmp_path / "a")
    run_batch(PACK, "en", tmp_path / "tabs.txt", tmp_path / "b")
    assert [(r["id"], r["role"]) for r in results(tmp_path / "a")] == [("Ana", "writer")]
    assert [(r["id"], r["role"]) for r in results(tmp_path / "b")] == [("Budi", "courier")]
    (tmp_path / "old.csv").write_bytes("role,id\nwriter,Jos\xe9\n".encode("cp1252"))
    result = cli(tmp_path, "batch", "old.csv", "--out-dir", "c")
    assert (result.returncode, result.stderr) == (
        2,
        'aiexposure: old.csv: not UTF-8 text; in Excel choose "CSV UTF-8" when saving, or export again from the form\n',
    )


def test_the_best_column_names_the_respondent_and_blank_lines_are_not_rows(tmp_path: Path) -> None:
    rows = "Timestamp,Email Address,Nama lengkap,Apa pekerjaan utamamu?\n2026-11-01,ana@x.id,Ana,Penulis\n\n"
    rows += "2026-11-02,budi@x.id,,Kurir\n,,,\n\n"
    (tmp_path / "in.csv").write_text(rows, encoding="utf-8")
    outcome = run_batch(PACK, "id", tmp_path / "in.csv", tmp_path / "out")
    assert (outcome.rows, outcome.rejected, outcome.empty) == (2, 0, 1)
    # an email names a person more surely than a name (people write theirs several ways)
    assert [(r["row"], r["id"], r["status"], r["error"]) for r in results(tmp_path / "out")] == [
        ("2", "ana@x.id", "ok", ""),
        ("4", "budi@x.id", "ok", ""),
        ("5", "", "empty", "baris kosong"),
    ]


def test_a_progress_bar_on_a_terminal_does_not_disturb_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    write_csv(tmp_path / "in.csv", [["role"], *(["writer"] for _ in range(650))])
    outcome = run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (650, 0)


def test_an_output_that_cannot_be_written_exits_2_and_leaves_no_temp_file(tmp_path: Path) -> None:
    write_csv(tmp_path / "in.csv", [["role"], ["writer"]])
    (tmp_path / "out" / "results.csv").mkdir(parents=True)
    result = cli(tmp_path, "batch", "in.csv", "--out-dir", "out")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("aiexposure: cannot write 'out/results.csv': ")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["results.csv"]


def test_format_belongs_to_template(tmp_path: Path) -> None:
    write_csv(tmp_path / "in.csv", [["role"], ["writer"]])
    result = cli(tmp_path, "batch", "in.csv", "--out-dir", "out", "--format", "md")
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: --format is for `batch template`; scoring a file always writes results.csv and summary.md\n",
    )


def test_a_missing_input_exits_2(tmp_path: Path) -> None:
    result = cli(tmp_path, "batch", "nope.csv", "--out-dir", "out")
    assert (result.returncode, result.stderr) == (
        2,
        "aiexposure: nope.csv: no such file; give the CSV or JSONL file exported from your form\n",
    )


def test_all_rows_scored_exits_0_and_stdin_works(tmp_path: Path) -> None:
    result = cli(tmp_path, "batch", "-", "--out-dir", "out", stdin="role,city\ndriver,metro\ncourier,town\n")
    assert result.returncode == 0, result.stderr
    assert [r["role"] for r in results(tmp_path / "out")] == ["driver", "courier"]


def test_template_markdown_lists_exact_labels() -> None:
    guide = template_markdown(PACK, "id")
    assert guide.startswith("# Panduan formulir untuk aiexposure\n")
    assert f"- {PACK.roles['courier'].label.id}" in guide
    assert f"### {PACK.questions['city'].prompt.id}" in guide


def test_medians_from_the_histogram_are_exact() -> None:
    stats = ScoreStats()
    for value in (10.0, 0.0, 55.5, 100.0):
        stats.add(value)
    assert (stats.count, stats.mean, stats.median) == (4, 41.375, 32.75)
    stats.add(20.1)
    assert stats.median == 20.1


def test_awkward_but_valid_files(tmp_path: Path) -> None:
    # a header cell with a line break, a quoted multi-line cell, a decimal comma in a ';' file, a formula-like id
    text = (
        'id;"Apa pekerjaan\nutamamu?";task.drafting;task.client\n'
        '"=HYPERLINK(1)";writer;1,5;"0,5"\n"two\nlines";writer;1;1\n'
    )
    (tmp_path / "in.csv").write_text(text, encoding="utf-8")
    run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out")
    rows = results(tmp_path / "out")
    assert [(r["row"], r["id"], r["status"]) for r in rows] == [
        ("3", "'=HYPERLINK(1)", "ok"),
        ("4", "two\nlines", "ok"),
    ]
    # drafting 1.5 and client 0.5: exposure .75*.56 + .25*.41 = .42 + .1025 = .5225 -> 52.3 (halves round up)
    assert rows[0]["exposure"] == "52.3"


def test_an_unclosed_quote_is_reported_not_swallowed_silently(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text('id,role\nok,writer\n"bad,writer\nnext,writer\n', encoding="utf-8")
    outcome = run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out")
    rows = results(tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (2, 1)
    assert (rows[1]["row"], rows[1]["status"], rows[1]["error"]) == (
        "3",
        "rejected",
        "not valid CSV (unexpected end of data)",
    )


def test_jsonl_null_and_empty_mean_not_answered_like_an_empty_cell(tmp_path: Path) -> None:
    line = {
        "id": 0,
        "role": "writer",
        "tasks": {"drafting": None, "client": 1},
        "answers": {"ai_use": None, "output": "", "human_edge": ["Humour and a voice of my own"]},
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n" + "[[[[" * 2000 + "\n", encoding="utf-8")
    outcome = run_batch(PACK, "en", tmp_path / "in.jsonl", tmp_path / "out")
    rows = results(tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (2, 1)
    # the client task alone (drafting not answered): exposure .41 -> 41.0
    assert (rows[0]["id"], rows[0]["status"], rows[0]["exposure"]) == ("0", "ok", "41.0")
    assert rows[1]["error"].startswith("not valid JSON (")


def test_jsonl_numbers_too_big_reject_only_their_row(tmp_path: Path) -> None:
    lines = [
        '{"role": "writer", "tasks": {"drafting": 1' + "0" * 400 + "}}",  # beyond any float
        '{"role": "writer", "tasks": {"drafting": 1' + "0" * 5000 + "}}",  # beyond what Python reads
        '{"role": "writer"}',
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_batch(PACK, "en", tmp_path / "in.jsonl", tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (3, 2)
    assert [(r["status"], r["error"]) for r in results(tmp_path / "out")] == [
        (
            "rejected",
            "task 'drafting': expected a weight (a finite number of 0 or more), found '10000000000000000000…00000'",
        ),
        ("rejected", "not valid JSON (a number too long to read)"),
        ("ok", ""),
    ]


def test_jsonl_lone_surrogates_are_shown_as_codes(tmp_path: Path) -> None:
    # JSON may escape half of a UTF-16 pair ("\\udc80"); such a string cannot be written as UTF-8 at all
    (tmp_path / "in.jsonl").write_text('{"role": "writer", "id": "\\ud800x", "answers": {"ai_use": "\\udc80"}}\n')
    outcome = run_batch(PACK, "en", tmp_path / "in.jsonl", tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (1, 1)
    row = results(tmp_path / "out")[0]
    assert (row["id"], row["error"]) == (
        "\\ud800x",
        "'\\udc80' is not an answer to 'ai_use'; choose one of: never, tried, weekly, daily",
    )


def test_a_failed_or_stopped_run_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    write_csv(tmp_path / "first.csv", [["id", "role"], ["a", "writer"], ["b", "courier"]])
    run_batch(PACK, "en", tmp_path / "first.csv", tmp_path / "out", reports="md")
    before = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert before == [".aiexposure-reports", "a.md", "b.md"]
    write_csv(tmp_path / "second.csv", [["id", "role"], ["c", "writer"], ["d", "pilot"]])
    with pytest.raises(UserError):
        run_batch(PACK, "en", tmp_path / "second.csv", tmp_path / "out", reports="md", strict=True)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "reports", "results.csv", "summary.html", "summary.md"
    ]  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == before
    assert [r["id"] for r in results(tmp_path / "out")] == ["a", "b"]
    # a run that succeeds replaces the last run's reports instead of mixing with them
    run_batch(PACK, "en", tmp_path / "second.csv", tmp_path / "out", reports="md")
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == [".aiexposure-reports", "c.md"]
