"""`aiexposure rules check|calibrate|schema`: for whoever writes or reviews a rules pack."""

from __future__ import annotations

import sys

import typer

from aiexposure.cli.options import LangOpt, PackDirArg, TableFormat, TableFormatOpt
from aiexposure.cli.settings import settings_of
from aiexposure.escape import visible

rules_app = typer.Typer(help="Check a rules pack or print its format.", no_args_is_help=True)


@rules_app.command("check")
def rules_check(ctx: typer.Context, directory: PackDirArg = None) -> None:
    """Validate a rules pack and report every problem with file:line."""
    from aiexposure.pack.load import check_plain, resolve_rules_dir

    settings = settings_of(ctx)
    folder = directory or resolve_rules_dir(settings.rules)
    pack = settings.pack(folder)
    check_plain(folder, pack)
    tasks = sum(len(r.tasks) for r in pack.roles.values())
    print(
        f"{visible(str(folder))}: OK — {len(pack.roles)} roles, {tasks} tasks, "
        f"{len(pack.questions)} questions, {len(pack.advice)} advice items, {len(pack.faq)} FAQ entries"
    )
    borrowed = pack.borrowed_messages()
    if borrowed:  # a pack from an older release: it works, but its author may want to word these
        print(
            f"note: {len(borrowed)} program message{'s' if len(borrowed) != 1 else ''} missing from this pack "
            f"{'are' if len(borrowed) != 1 else 'is'} taken from the shipped pack: {', '.join(borrowed)}"
        )


@rules_app.command("calibrate")
def rules_calibrate(ctx: typer.Context, format: TableFormatOpt = TableFormat.table, lang: LangOpt = None) -> None:
    """Show each role's exposure beside the published indices, and their rank correlations."""
    from aiexposure.render.calibrate import calibration_json, calibration_table

    language, pack = settings_of(ctx).start(lang)
    if format is TableFormat.json:
        sys.stdout.write(calibration_json(pack, language))
    else:
        calibration_table(pack, language)


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of the rules pack format (all files merged)."""
    import json

    from aiexposure.pack.schema import Pack

    print(json.dumps(Pack.model_json_schema(by_alias=True), indent=2))
