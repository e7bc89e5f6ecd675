"""`aiexposure schema report|pack`: the contracts a researcher or a pack author reads, printed by the program they
describe (so the schema is always the installed version's)."""

from __future__ import annotations

import sys

import typer

schema_app = typer.Typer(help="Print the JSON Schema of the JSON report or of the rules pack.", no_args_is_help=True)


@schema_app.command("report")
def schema_report() -> None:
    """Print the JSON Schema of `assess --format json`: every field with its meaning and unit or scale."""
    from aiexposure.render.json import report_schema

    sys.stdout.write(report_schema())


@schema_app.command("pack")
def schema_pack() -> None:
    """Print the JSON Schema of the rules pack format (all files merged); the same as `rules schema`."""
    from aiexposure.cli.rules import rules_schema

    rules_schema()
