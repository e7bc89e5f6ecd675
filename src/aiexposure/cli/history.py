"""`aiexposure history ...`: list, show, compare, export and forget kept results (wiring only)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from aiexposure.cli.options import LangOpt
from aiexposure.render.output import Format, emit, format_from_suffix, render

if TYPE_CHECKING:
    from aiexposure.cli.app import Settings

history_app = typer.Typer(
    help="Results kept with --keep: list, show, compare, export or forget them.", no_args_is_help=True
)


def _settings() -> Settings:
    from aiexposure.cli import app as cli  # loaded already: it is what runs this command

    return cli._settings


class ListFormat(StrEnum):
    """Formats of `history list`."""

    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    """Formats of `history export`."""

    json = "json"
    csv = "csv"


OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically); '-' for stdout.")
]


def _check_output(output: str | None) -> None:
    from aiexposure.pack.messages import input_error

    if output is not None and not output.strip():
        raise input_error(_settings().pack(), "err_empty_path", option="--output")


def _note(text: str | None) -> None:
    from aiexposure.escape import visible

    if text:
        sys.stderr.write(visible(text) + "\n")


@history_app.command("list")
def history_list(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: LangOpt = None,
) -> None:
    """One line per kept result: id, date, role, risk, band and verdict as shown then, oldest first."""
    from aiexposure.history.entries import list_json, list_text, load

    language = _settings().lang(lang)
    pack = _settings().pack()
    store, entries = load(pack)
    text = (
        list_json(pack, store.path, entries)
        if format is ListFormat.json
        else list_text(pack, language, store.path, entries)
    )
    sys.stdout.write(text)


@history_app.command("show")
def history_show(
    entry: Annotated[str, typer.Argument(metavar="ID", help="The entry's id (see `aiexposure history list`).")],
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Report format (default: from --output's suffix, else text)."),
    ] = None,
    output: OutputOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show every score's terms.")] = False,
    lang: LangOpt = None,
) -> None:
    """The entry's report, its answers scored again with the current rules pack."""
    from aiexposure.history.entries import find, load, pack_note, parse_id, rescore

    language = _settings().lang(lang)
    pack = _settings().pack()
    _check_output(output)
    wanted = parse_id(pack, entry)
    _, entries = load(pack)
    kept = find(pack, entries, wanted)
    result = rescore(pack, kept)
    _note(pack_note(pack, language, kept, result))
    chosen = format or format_from_suffix(output, pack)
    from aiexposure.pack.messages import Texts  # here, not at import: `aiexposure --help` needs no pack

    emit(render(result, language, chosen, explain, output), output, Texts(pack, language))


@history_app.command("compare")
def history_compare(
    first: Annotated[
        str | None, typer.Argument(metavar="[A]", help="The earlier entry (default: the one before the last).")
    ] = None,
    second: Annotated[str | None, typer.Argument(metavar="[B]", help="The later entry (default: the last).")] = None,
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="text, markdown or json (default: from --output, else text)."),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """How the risk changed between two kept results, and which answers and task shares moved it."""
    from aiexposure.atomic import write_atomic
    from aiexposure.history.entries import find, load, parse_id
    from aiexposure.history.report import compare, compare_json, compare_markdown, compare_text
    from aiexposure.pack.messages import input_error

    language = _settings().lang(lang)
    pack = _settings().pack()
    _check_output(output)
    ids = [parse_id(pack, x) for x in (first, second) if x is not None]
    _, entries = load(pack)
    if len(entries) < 2 and len(ids) < 2:
        raise input_error(pack, "history_need_two", count=len(entries))
    if not ids:
        ids = [entries[-2].id, entries[-1].id]
    elif len(ids) == 1:
        ids.append(entries[-1].id)
    if ids[0] == ids[1]:
        raise input_error(pack, "history_same_entry", id=ids[0])
    chosen = format or format_from_suffix(output, pack)
    if chosen not in (Format.text, Format.markdown, Format.json):
        raise input_error(pack, "history_compare_format", format=chosen.value)
    result = compare(pack, language, find(pack, entries, ids[0]), find(pack, entries, ids[1]))
    if chosen is Format.json:
        text = compare_json(result)
    else:
        text = compare_markdown(result) if chosen is Format.markdown else compare_text(result)
        if chosen is Format.text and output in (None, "-"):
            from aiexposure.escape import visible

            text = visible(text)
    write_atomic(output or "-", text)


@history_app.command("export")
def history_export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json or csv.")] = ExportFormat.json,
    output: OutputOpt = None,
) -> None:
    """Every kept result as it was kept, as JSON or CSV (the CSV's answer columns are what `batch` reads)."""
    from aiexposure.atomic import write_atomic
    from aiexposure.history.entries import export_csv, export_json, load

    _settings().lang(None)
    pack = _settings().pack()
    _check_output(output)
    store, entries = load(pack)
    text = export_csv(pack, entries) if format is ExportFormat.csv else export_json(store.path, entries)
    write_atomic(output or "-", text)


@history_app.command("forget")
def history_forget(
    entries: Annotated[
        list[str] | None, typer.Argument(metavar="[ID]...", help="Ids of the entries to delete.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Delete every kept result.")] = False,
    lang: LangOpt = None,
) -> None:
    """Delete kept results for good (their answers are overwritten in the file, not just unlisted)."""
    from aiexposure.history.entries import parse_id
    from aiexposure.history.store import Store
    from aiexposure.pack.messages import Texts, input_error

    language = _settings().lang(lang)
    pack = _settings().pack()
    if all_ and entries:
        raise input_error(pack, "history_forget_both")
    if not all_ and not entries:
        raise input_error(pack, "history_forget_what")
    ids = None if all_ else [parse_id(pack, x) for x in entries or []]
    store = Store(pack)
    gone = store.forget(ids)
    t = Texts(pack, language)
    if all_:
        _note(t("history_forgot_all", count=len(gone), path=store.path))
    else:
        _note(t("history_forgot", count=len(gone), ids=", ".join(str(i) for i in gone)))
