"""`aiexposure history ...`: list, show, compare, export and forget kept results (wiring only)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from aiexposure.cli.options import (
    CompareFormatOpt,
    EntryArg,
    ExportFormat,
    ExportFormatOpt,
    FirstEntryArg,
    ForgetAllOpt,
    ForgetEntriesArg,
    LangOpt,
    ListFormat,
    ListFormatOpt,
    OutputOpt,
    SecondEntryArg,
    ShowExplainOpt,
    ShowFormatOpt,
    ShowResearchOpt,
)
from aiexposure.cli.settings import check_path, settings_of
from aiexposure.render.output import Format, emit, format_from_suffix, render

if TYPE_CHECKING:
    from aiexposure.history.store import Entry
    from aiexposure.pack.schema import Pack

history_app = typer.Typer(
    help="Results kept with --keep: list (the default), show, compare, export or forget them.",
    invoke_without_command=True,
)


def _note(text: str | None) -> None:
    from aiexposure.escape import visible

    if text:
        sys.stderr.write(visible(text) + "\n")


@history_app.callback()
def history_default(ctx: typer.Context, lang: LangOpt = None) -> None:
    """`aiexposure history` alone lists what is kept: the first thing a person wants to see."""
    if lang is not None:  # `history --lang id show`: the group's --lang holds for the command after it too
        settings_of(ctx).lang_option = lang
    if ctx.invoked_subcommand is None:
        history_list(ctx, ListFormat.text, lang)


@history_app.command("list")
def history_list(ctx: typer.Context, format: ListFormatOpt = ListFormat.text, lang: LangOpt = None) -> None:
    """One line per kept result: id, date, role, risk, band and verdict as shown then, oldest first."""
    from aiexposure.history.entries import list_json, list_text, load

    language, pack = settings_of(ctx).start(lang)
    store, entries = load(pack)
    text = (
        list_json(pack, store.path, entries)
        if format is ListFormat.json
        else list_text(pack, language, store.path, entries)
    )
    sys.stdout.write(text)


@history_app.command("show")
def history_show(
    ctx: typer.Context,
    entry: EntryArg = None,
    format: ShowFormatOpt = None,
    output: OutputOpt = None,
    explain: ShowExplainOpt = False,
    research: ShowResearchOpt = False,
    lang: LangOpt = None,
) -> None:
    """The entry's report (the last one kept by default), its answers scored again with the current rules pack."""
    from aiexposure.history.entries import find, load, pack_note, parse_id, rescore
    from aiexposure.pack.messages import input_error

    language, pack = settings_of(ctx).start(lang)
    check_path(pack, "--output", output)
    wanted = None if entry is None else parse_id(pack, entry)
    _, entries = load(pack)
    if wanted is None and not entries:
        raise input_error(pack, "history_nothing_to_show")
    kept = entries[-1] if wanted is None else find(pack, entries, wanted)
    result = rescore(pack, kept)
    _note(pack_note(pack, language, kept, result))
    chosen = format or format_from_suffix(output, pack)
    from aiexposure.pack.messages import Texts  # here, not at import: `aiexposure --help` needs no pack

    emit(render(result, language, chosen, explain, output, research), output, Texts(pack, language))


@history_app.command("compare")
def history_compare(
    ctx: typer.Context,
    first: FirstEntryArg = None,
    second: SecondEntryArg = None,
    format: CompareFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """How every score changed between two kept results (the last two by default), and each change's part."""
    from aiexposure.atomic import write_atomic
    from aiexposure.history.entries import find, load, parse_id
    from aiexposure.history.report import compare, compare_json, compare_markdown, compare_text
    from aiexposure.pack.messages import input_error

    language, pack = settings_of(ctx).start(lang)
    check_path(pack, "--output", output)
    given = [parse_id(pack, x) for x in (first, second) if x is not None]
    _, entries = load(pack)
    earlier, later = _pair_to_compare(pack, given, entries)
    chosen = format or format_from_suffix(output, pack)
    if chosen not in (Format.text, Format.markdown, Format.json):
        raise input_error(pack, "history_compare_format", format=chosen.value)
    result = compare(pack, language, find(pack, entries, earlier), find(pack, entries, later))
    if chosen is Format.json:
        text = compare_json(result)
    else:
        text = compare_markdown(result) if chosen is Format.markdown else compare_text(result)
        if chosen is Format.text and output in (None, "-"):
            from aiexposure.escape import visible

            text = visible(text)
    write_atomic(output or "-", text)


@history_app.command("export")
def history_export(ctx: typer.Context, format: ExportFormatOpt = ExportFormat.json, output: OutputOpt = None) -> None:
    """Every kept result as it was kept, as JSON or CSV (the CSV's answer columns are what `batch` reads)."""
    from aiexposure.atomic import write_atomic
    from aiexposure.history.entries import export_csv, export_json, load

    settings = settings_of(ctx)
    settings.lang(None)
    pack = settings.pack()
    check_path(pack, "--output", output)
    store, entries = load(pack)
    text = export_csv(pack, entries) if format is ExportFormat.csv else export_json(store.path, entries)
    write_atomic(output or "-", text)


@history_app.command("forget")
def history_forget(
    ctx: typer.Context, entries: ForgetEntriesArg = None, all_: ForgetAllOpt = False, lang: LangOpt = None
) -> None:
    """Delete kept results for good (their answers are overwritten in the file, not just unlisted)."""
    from aiexposure.history.entries import parse_id
    from aiexposure.history.store import Store
    from aiexposure.pack.messages import Texts, input_error

    language, pack = settings_of(ctx).start(lang)
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


def _pair_to_compare(pack: Pack, given: list[int], entries: list[Entry]) -> tuple[int, int]:
    """The ids of the two entries to compare: those given, the last entry standing in for a missing B, and
    the last two when none is given."""
    from aiexposure.pack.messages import input_error

    ids = list(given)
    if len(entries) < 2 and len(ids) < 2:
        raise input_error(pack, "history_need_two", count=len(entries))
    if not ids:
        ids = [entries[-2].id, entries[-1].id]
    elif len(ids) == 1:
        ids.append(entries[-1].id)
    if ids[0] == ids[1]:
        raise input_error(pack, "history_same_entry", id=ids[0])
    return ids[0], ids[1]
