"""`aiexposure rules check|calibrate|schema|new-role`: for whoever writes or reviews a rules pack."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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


RoleIdArg = Annotated[
    str, typer.Argument(metavar="ID", help="The new role's id: lower-case letters, digits and _, such as photographer.")
]
IntoOpt = Annotated[
    Path,
    typer.Option(
        metavar="DIR",
        show_default=False,  # the help says it, in the reader's language
        help=(
            "Pack folder to write into (default: rules). A folder without a pack gets a copy of the shipped pack first."
        ),
    ),
]
FamilyOpt = Annotated[
    str | None,
    typer.Option(metavar="ID", help="The role's family, such as freelancer or gig (see `aiexposure roles`)."),
]


@rules_app.command("new-role")
def rules_new_role(
    ctx: typer.Context, role_id: RoleIdArg, into: IntoOpt = Path("rules"), family: FamilyOpt = None
) -> None:
    """Write the skeleton of a new role into a pack folder; `rules check` then lists what is left to fill in."""
    from aiexposure.pack.load import default_rules_dir
    from aiexposure.pack.messages import Texts
    from aiexposure.pack.newrole import new_role

    settings = settings_of(ctx)
    shipped = settings.pack(default_rules_dir())  # the program's own words, whatever pack the folder holds
    texts = Texts(shipped, settings.lang())
    for key, slots in new_role(shipped, into, role_id, family):
        print(visible(texts(key, **slots)))
