"""Every option and argument the commands declare: names, metavars and help text, apart from the wiring."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from aiexposure.render.output import Format


class TableFormat(StrEnum):
    """Listing formats."""

    table = "table"
    json = "json"


class TemplateFormat(StrEnum):
    """Formats of `batch template`."""

    csv = "csv"
    md = "md"


class ListFormat(StrEnum):
    """Formats of `history list`."""

    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    """Formats of `history export`."""

    json = "json"
    csv = "csv"


# ---------------------------------------------------------------- before the command (the callback)

GlobalLangOpt = Annotated[
    str | None,
    typer.Option(metavar="LANG", help="Language: en or id (else $AIEXPOSURE_LANG, the locale, English)."),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR", help="Folder of a rules pack to use instead of the shipped one (else $AIEXPOSURE_RULES)."
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")]
VersionOpt = Annotated[
    bool,
    typer.Option("--version", help="Print the version, the rules pack in use and where the program is; exit."),
]

# ---------------------------------------------------------------- shared by several commands

LangOpt = Annotated[str | None, typer.Option(metavar="LANG", help="Language: en or id (same as the global --lang).")]
TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")]

# ---------------------------------------------------------------- answers: assess and quiz

RoleOpt = Annotated[str | None, typer.Option(metavar="ROLE", help="Your role (see `aiexposure roles`).")]
TaskOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID=WEIGHT",
        help="Repeatable: how your time splits (relative weights). Default: the role's typical mix.",
    ),
]
AnswerOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID=VALUE",
        help="Repeatable (comma-separated for multi-select, empty for none). See `aiexposure questions`.",
    ),
]
AnswersOpt = Annotated[
    str | None,  # text, not Path: Path('') would silently be the current folder
    typer.Option(
        metavar="FILE", help="YAML or JSON file with role, tasks and answers; options on the command line win."
    ),
]
KeepOpt = Annotated[
    bool, typer.Option("--keep", help="Keep this result on this computer, to compare later (aiexposure history).")
]

# ---------------------------------------------------------------- assess

ReportFormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="text, markdown, json, html (one page for a phone or a printer), short (a chat message) or card "
        "(an image to share, PNG). Default: from --output's suffix (.txt, .md, .json, .html, .png), else text.",
    ),
]
ReportOutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically); '-' for stdout."),
]
ExplainOpt = Annotated[bool, typer.Option("--explain", help="Show every score's terms and what each contributed.")]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Treat a missing answer as an error instead of assuming the default.")
]

# ---------------------------------------------------------------- quiz

ExportOpt = Annotated[
    str | None,
    typer.Option(
        metavar="FILE",
        help="Also write the report to this file, in the format its name ends with (.md, .html, .txt, .json).",
    ),
]
SaveAnswersOpt = Annotated[
    str | None,
    typer.Option(metavar="FILE", help="Write your answers as YAML, to replay with --answers FILE."),
]

# ---------------------------------------------------------------- batch

BatchInputArg = Annotated[
    str,
    typer.Argument(
        metavar="INPUT",
        help="CSV or JSONL file of answers ('-' reads stdin), or the word 'template' to print a form template.",
    ),
]
OutDirOpt = Annotated[
    str | None,
    typer.Option("--out-dir", "-d", metavar="DIR", help="Folder for results.csv, summary.md and summary.html."),
]


class ReportsFormat(StrEnum):
    """Formats of the per-person reports of `batch --reports`."""

    html = "html"
    md = "md"
    short = "short"


ReportsOpt = Annotated[
    ReportsFormat | None,
    typer.Option(
        "--reports",
        metavar="[html|md|short]",
        help="Also write one report per person into DIR/reports, named by their id: html (the default), md or short.",
    ),
]
IdColumnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--id-column",
        metavar="NAME",
        help="The column that names each person (default: a participant id, an email or a name column, best first)."
        " Give it twice when the before file names it otherwise: each file uses the first it has.",
    ),
]
BatchStrictOpt = Annotated[bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad row.")]
TemplateFormatOpt = Annotated[
    TemplateFormat | None,
    typer.Option("--format", "-f", help="For 'template': csv header (the default) or md form guide."),
]
BeforeOpt = Annotated[
    str | None,
    typer.Option(
        metavar="BEFORE",
        help="Answers from before a course: compare each person, matched by id (exit 4 when under half match).",
    ),
]

# ---------------------------------------------------------------- questions

QuestionsRoleOpt = Annotated[
    str | None, typer.Option(metavar="ROLE", help="Show only the questions asked of this role, with its task ids.")
]

# ---------------------------------------------------------------- rules

PackDirArg = Annotated[
    Path | None,
    typer.Argument(metavar="[DIR]", help="Pack folder (default: --rules, $AIEXPOSURE_RULES or the shipped pack)."),
]

# ---------------------------------------------------------------- history

OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically); '-' for stdout.")
]
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")]
EntryArg = Annotated[
    str | None,
    typer.Argument(metavar="[ID]", help="The entry's id (see `aiexposure history list`; default: the last)."),
]
ShowFormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Report format (default: from --output's suffix, else text)."),
]
ShowExplainOpt = Annotated[bool, typer.Option("--explain", help="Show every score's terms.")]
FirstEntryArg = Annotated[
    str | None, typer.Argument(metavar="[A]", help="The earlier entry (default: the one before the last).")
]
SecondEntryArg = Annotated[str | None, typer.Argument(metavar="[B]", help="The later entry (default: the last).")]
CompareFormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="text, markdown or json (default: from --output, else text)."),
]
ExportFormatOpt = Annotated[ExportFormat, typer.Option("--format", "-f", help="json or csv.")]
ForgetEntriesArg = Annotated[list[str] | None, typer.Argument(metavar="[ID]...", help="Ids of the entries to delete.")]
ForgetAllOpt = Annotated[bool, typer.Option("--all", help="Delete every kept result.")]
