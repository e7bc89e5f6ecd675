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
    "row", "id", "status", "error", "role", *PACK.scoring.scores, "risk", "band", "verdict", "advice",
    "role_label", "band_label", "verdict_label",
]  # fmt: skip


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
    # the example row is a writer with every default:
    #   exposure .15*.85 + .30*.80 + .20*.65 + .15*.40 + .10*.25 + .10*.15 = .5975 -> 59.8
    #   pressure .3*(.30*.80 drafting) + .15*1 (small business) + .15*.5 (mixed) + .25*.3 (unsure) + .15*.6 (market)
    #          = .072 + .15 + .075 + .075 + .09 = .462 -> 46.2
    #   adaptation .3*.125 (acceleration 12.5) + .45*.35 (evolution 35) + .25*0 (no edge) = .195 -> 19.5
    #   genai over the next years: .1275 + .24 + .13 (now, x1) + .06*.7 (research, near) + .025*.3 (voice, mid)
    #                              + .015*.1 (client, far) = .5485
    #   hazard .3*.5485 + .35*.462 + .3*.3 (unsure) = .16455 + .1617 + .09 = .41625 -> 41.6
    #   risk = lost-work part + the rest of hazard x (1 - .35 adaptation), the lost-work part .3 x .3 (unsure) = .09,
    #   9 points that adapting never lowers:
    #   9 + (41.6 - 9) x (1 - .35*.195) = 9 + 32.6 x .93175 = 9 + 30.3751 = 39.3751 -> 39.4: high;
    #   hazard 41.6 >= 30, adaptation < 50: threat
    # the courier is the metro courier of test_render: hazard 34.1, adaptation 1.9,
    #   lost-work part .3 x .3 (unsure) x .85 (most income) = .0765,
    #   risk 7.65 + (34.1 - 7.65) x (1 - .35*.019) = 7.65 + 26.45 x .99335 = 7.65 + 26.274 = 33.924 -> 33.9: moderate;
    #   threat
    assert [
        (r["row"], r["id"], r["role"], r["adaptation"], r["hazard"], r["risk"], r["band"], r["verdict"]) for r in rows
    ] == [
        ("2", "example-1", "writer", "19.5", "41.6", "39.4", "high", "threat"),
        ("3", "c-1", "courier", "1.9", "34.1", "33.9", "moderate", "threat"),
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
    # drafting alone: exposure .80; pressure .3*.8 + .15*1 (small business) + .15*1 (standard) + .25*.3 (unsure)
    # + .15*.6 (writer market) = .705; the two edges count in adaptation: .3*0 (never) + .45*.35 (evolution 35)
    # + .25*.5 = .2825 -> 28.3
    assert (scored["exposure"], scored["pressure"], scored["adaptation"]) == ("80.0", "70.5", "28.3")


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
    "separated) with a header row holding a role column and question ids or prompts, or JSONL with one answers "
    "object per line; `aiexposure batch template` prints a header to start from. Its first line is: {first}\n"
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
    # drafting 1.5 and client 0.5: exposure .75*.8 + .25*.15 = .6375 -> 63.8
    assert rows[0]["exposure"] == "63.8"


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
    assert (rows[0]["id"], rows[0]["status"], rows[0]["exposure"]) == ("0", "ok", "15.0")
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
