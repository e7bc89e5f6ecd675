"""`aiexposure batch`: score a cohort from a file, or print the form template to collect one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from aiexposure.cli.options import (
    BatchInputArg,
    BatchStrictOpt,
    BeforeOpt,
    IdColumnOpt,
    LangOpt,
    OutDirOpt,
    ReportsOpt,
    TemplateFormat,
    TemplateFormatOpt,
)
from aiexposure.cli.settings import check_path, settings_of
from aiexposure.errors import UserError
from aiexposure.escape import visible

if TYPE_CHECKING:
    from aiexposure.batch.run import Outcome
    from aiexposure.pack.schema import Lang, Pack


def batch(
    ctx: typer.Context,
    input: BatchInputArg,
    out_dir: OutDirOpt = None,
    reports: ReportsOpt = None,
    strict: BatchStrictOpt = False,
    format: TemplateFormatOpt = None,
    lang: LangOpt = None,
    before: BeforeOpt = None,
    id_column: IdColumnOpt = None,
) -> None:
    """Score a whole class from a CSV or JSONL file, one row per person (exit 3: rows rejected; 4: few matched)."""
    language, pack = settings_of(ctx).start(lang)
    if input == "template":
        _template(pack, language, format, before)
        return
    from aiexposure.batch.run import run_batch
    from aiexposure.pack.messages import Texts

    if format is not None:
        raise UserError(Texts(pack, language)("batch_template_only"))
    if out_dir is None:
        raise UserError(Texts(pack, language)("batch_needs_out_dir"))
    check_path(pack, "--out-dir", out_dir)
    check_path(pack, "INPUT", input)
    check_path(pack, "--before", before)
    outcome = run_batch(
        pack, language, Path(input), Path(out_dir), reports=reports.value if reports is not None else None,
        strict=strict, before=Path(before) if before is not None else None, id_column=tuple(id_column or ()),
    )  # fmt: skip
    _tally(pack, language, outcome)
    raise typer.Exit(outcome.exit_code)


def _template(pack: Pack, language: Lang, format: TemplateFormat | None, before: str | None) -> None:
    """`batch template`: the CSV header, or with `--format md` the form guide."""
    from aiexposure.batch.template import template_csv, template_markdown

    if before is not None:
        from aiexposure.pack.messages import Texts

        raise UserError(Texts(pack, language)("batch_before_not_template"))
    sys.stdout.write(template_markdown(pack, language) if format is TemplateFormat.md else template_csv(pack, language))


def _tally(pack: Pack, language: Lang, outcome: Outcome) -> None:
    """How many rows were scored and rejected, and the files written, on stderr."""
    from aiexposure.pack.messages import Texts

    texts = Texts(pack, language)
    files = ", ".join(str(p) for p in outcome.written)
    scored = outcome.rows - outcome.rejected
    tally = texts("batch_tally", scored=scored, rows=outcome.rows, rejected=outcome.rejected, files=files)
    lines = [tally]  # the paths are the user's, and may hold anything
    if outcome.replaced:
        lines.append(texts("batch_replaced_tally", count=outcome.replaced))
    if outcome.before_rejected:
        lines.append(texts("batch_before_tally", rejected=outcome.before_rejected))
    if outcome.match_problem is not None:
        lines.append("aiexposure: " + outcome.match_problem)
    sys.stderr.write("".join(visible(line) + "\n" for line in lines))
