"""Text from a pack, an answers file or a batch CSV reaches the screen literally and cannot break a report."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

ESC_TEXT = "\x1b[2J\x1b]0;owned\x07"  # clear the screen, set the window title
PACK = load_pack(default_rules_dir())
# the choices a message lists, as the shipped pack has them
ROLES = ", ".join(PACK.roles)
WORDS = " (everyday words such as ojol, kurir or penerjemah work too)"
WRITER_TASKS = ", ".join(PACK.roles["writer"].tasks)
CLIENTS = ", ".join(PACK.questions["clients"].options)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line, wide enough that no table wraps a hostile label."""
    return run_cli(cwd, *args, env={"COLUMNS": "200"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["assess", "--role", f"w{ESC_TEXT}"],
            f"unknown role 'w\\x1b[2J\\x1b]0;owned\\x07'; choose one of: {ROLES}{WORDS}",
            id="role",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "[bold red]x\x9b31m=3"],
            f"unknown task '[bold red]x\\x9b31m' for role 'writer'; choose from: {WRITER_TASKS}",
            id="task",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "clients=\u202eevil"],
            f"'\\u202eevil' is not an answer to 'clients'; choose one of: {CLIENTS}",
            id="answer",
        ),
    ],
)
def test_errors_show_what_was_typed_without_acting_on_it(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"aiexposure: {message}\n")


def test_an_answers_file_value_is_quoted_literally(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text('role: writer\nanswers:\n  clients: "[bold red]x\\e[2J<b>"\n')
    result = run(tmp_path, "assess", "--answers", "a.yaml")
    assert result.stderr == (
        f"aiexposure: '[bold red]x\\x1b[2J<b>' is not an answer to 'clients'; choose one of: {CLIENTS}\n"
    )


HOSTILE_IDS = [
    f"{ESC_TEXT}red | <script>alert(1)</script> [a](javascript:alert(1))",
    'quadrant-1 "x"\n# heading\n| a | b |',
    '=HYPERLINK("http://x")',
]


def test_hostile_ids_in_a_batch_csv(tmp_path: Path) -> None:
    with (tmp_path / "in.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "role"])
        out.writerow([HOSTILE_IDS[0], "writer"])
        out.writerow([HOSTILE_IDS[1], f"[bold red]pilot{ESC_TEXT}"])
        out.writerow([HOSTILE_IDS[2], "courier"])
    result = run(tmp_path, "batch", "in.csv", "--out-dir", "out", "--reports")
    assert result.returncode == 3
    assert not CONTROL.search(result.stderr)

    with (tmp_path / "out" / "results.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == [
        "\\x1b[2J\\x1b]0;owned\\x07red | <script>alert(1)</script> [a](javascript:alert(1))",
        'quadrant-1 "x"\n# heading\n| a | b |',  # a line break is data in a CSV cell, not a control sequence
        '\'=HYPERLINK("http://x")',  # a spreadsheet shows it, never runs it
    ]
    assert rows[2][3] == (
        '\'[bold red]pilot\\x1b[2J\\x1b]0;owned\\x07\' is not an answer to "role"; the answers are: "Writer",'
        ' "Graphic designer", "Translator", "Video editor", "Web and app developer", "Social media admin",'
        ' "Virtual assistant", "Data entry worker", "Ride-hailing driver (motorbike or car)", "Courier"'
    )

    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert not CONTROL.search(summary.replace("\n", ""))
    rejected = [line for line in summary.splitlines() if "quadrant-1" in line]
    assert rejected == [  # one table row: line breaks and pipes escaped, control characters as codes
        '| 3 | quadrant-1 "x" # heading \\| a \\| b \\| | '
        "'\\[bold red\\]pilot\\\\x1b\\[2J\\\\x1b\\]0;owned\\\\x07' is not an answer to \"role\"; the answers are: "
        '"Writer", "Graphic designer", "Translator", "Video editor", "Web and app developer", "Social media admin", '
        '"Virtual assistant", "Data entry worker", "Ride-hailing driver (motorbike or car)", "Courier" |'
    ]
    assert not UNESCAPED_HTML_OR_LINK.search(summary)
    names = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert names == [  # words of the id: nothing a shell or file system reads specially
        ".aiexposure-reports",  # the mark of a reports folder a run made
        "2J-0-owned-red-script-alert-1-script-a-javascript-alert-1.html",
        "HYPERLINK-http-x.html",
    ]


UNESCAPED_HTML_OR_LINK = re.compile(r"(?<!\\)<[a-z/]|(?<!\\)\]\(")


EVIL = '[bold red]W[/] | <script>alert(1)</script> [x](javascript:alert(1)) quadrant-1 "y" # *z*'
EVIL_ESCAPED = (  # as the markdown report must show it
    '\\[bold red\\]W\\[/\\] \\| \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) quadrant-1 "y" # \\*z\\*'
)
CELL_BORDER = re.compile(r"(?<!\\)\|")  # a pipe that is not escaped ends a table cell


def hostile_label_pack(tmp_path: Path) -> Path:
    """The shipped pack with markdown, HTML, mermaid and rich markup in the writer's label, the label of the
    writer's task with the largest share, and every source's short name."""
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    roles = yaml.safe_load((pack / "roles.yaml").read_text(encoding="utf-8"))
    writer = roles["roles"]["writer"]
    writer["label"]["en"] = EVIL
    biggest = max(writer["typical_mix"], key=writer["typical_mix"].get)
    writer["tasks"][biggest]["label"]["en"] = EVIL
    sources = yaml.safe_load((pack / "sources.yaml").read_text(encoding="utf-8"))
    for source in sources["sources"].values():
        source["short"] = EVIL
    for name, data in (("roles.yaml", roles), ("sources.yaml", sources)):
        (pack / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pack


def test_pack_labels_cannot_break_the_markdown_report(tmp_path: Path) -> None:
    pack = hostile_label_pack(tmp_path)
    result = run(tmp_path, "--rules", str(pack), "assess", "--role", "writer", "-f", "markdown")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert not UNESCAPED_HTML_OR_LINK.search(report)
    assert f"**Role:** {EVIL_ESCAPED}  \n" in report
    lines = report.splitlines()
    # the task's row of the task table keeps as many cells as the table's header
    row = next(i for i, line in enumerate(lines) if line.startswith(f"| {EVIL_ESCAPED} |"))
    header = next(i for i in range(row, -1, -1) if not lines[i - 1].startswith("|"))
    assert len(CELL_BORDER.findall(lines[row])) == len(CELL_BORDER.findall(lines[header])), lines[header : row + 1]
    # a source's name shows escaped on the line of the text it backs, never as a link, heading or new line
    sourced = [line for line in lines if EVIL_ESCAPED in line and not line.startswith(("|", "**Role:**"))]
    assert sourced, "no source name in the report"
    assert all(line.startswith("- ") for line in sourced), sourced
    # inside a mermaid chart, pack text is reduced to plain words
    for chart in report.split("```mermaid\n")[1:]:
        body = chart.split("```")[0].splitlines()
        assert not any(mark in line for line in body for mark in ("<", "[bold", "javascript:", "|", "#")), body


def test_pack_labels_are_not_read_as_rich_markup(tmp_path: Path) -> None:
    pack = hostile_label_pack(tmp_path)
    result = run(tmp_path, "--rules", str(pack), "assess", "--role", "writer")
    assert result.returncode == 0, result.stderr
    assert "[bold red]W[/] | <script>alert(1)</script>" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_control_character_in_a_pack_text_is_refused_at_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    roles = pack / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    label = 'en: "Writer"'
    at = text.index(label) + len("en: ")  # where the value starts: the line and column the message must name
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    roles.write_text(text.replace(label, 'en: "Wri\\e[2Jter"', 1), encoding="utf-8")
    result = run(tmp_path, "rules", "check", str(pack))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"aiexposure: the rules pack in '{pack}' has 1 problem:\n"
        f"{roles}:{line}:{column}: roles.writer.label.en: expected plain text without control characters "
        "(this one has \\x1b), found 'Wri\\x1b[2Jter'\n"
    )


def test_batch_notes_quote_column_names_and_paths_literally(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(f"role,x{ESC_TEXT}\nwriter,1\n", encoding="utf-8")
    result = run(tmp_path, "batch", "in.csv", "--out-dir", "o\x1b[1m")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "aiexposure: ignored columns it does not know: x\\x1b[2J\\x1b]0;owned\\x07\n"
        "aiexposure: 1 of 1 people scored, 0 rejected; wrote o\\x1b[1m/results.csv, o\\x1b[1m/summary.md,"
        " o\\x1b[1m/summary.html\n"
    )
