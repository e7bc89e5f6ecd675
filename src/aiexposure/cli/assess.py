"""`aiexposure assess`: score answers given as options or a file, and print the report."""

from __future__ import annotations

import sys

import typer

from aiexposure.cli.answers import gather
from aiexposure.cli.options import (
    AnswerOpt,
    AnswersOpt,
    ExplainOpt,
    KeepOpt,
    LangOpt,
    ReportFormatOpt,
    ReportOutputOpt,
    ResearchOpt,
    RoleOpt,
    StrictOpt,
    TaskOpt,
)
from aiexposure.cli.settings import check_path, settings_of
from aiexposure.escape import visible
from aiexposure.render.output import Format, emit, format_from_suffix, render


def assess(
    ctx: typer.Context,
    role: RoleOpt = None,
    task: TaskOpt = None,
    answer: AnswerOpt = None,
    answers: AnswersOpt = None,
    format: ReportFormatOpt = None,
    output: ReportOutputOpt = None,
    explain: ExplainOpt = False,
    research: ResearchOpt = False,
    strict: StrictOpt = False,
    lang: LangOpt = None,
    keep: KeepOpt = False,
) -> None:
    """Score answers given as options or a file, and print the report. Never prompts."""
    from aiexposure.model.answers import resolve
    from aiexposure.model.scoring import assess as run
    from aiexposure.pack.messages import Texts

    language, pack = settings_of(ctx).start(lang)
    check_path(pack, "--output", output)
    raw = gather(pack, role, task, answer, answers)
    result = run(pack, resolve(pack, raw.role, raw.tasks, raw.answers, strict=strict))
    chosen = format or format_from_suffix(output, pack)
    kept = None
    if keep:  # before the report, so that a history that cannot be used stops the run with nothing half done
        from aiexposure.history.entries import keep as keep_result

        kept, _ = keep_result(pack, result, language, "assess")
    emit(render(result, language, chosen, explain, output, research), output, Texts(pack, language))
    if chosen in (Format.json, Format.short):  # these have no room for it: say it beside them
        from aiexposure.model.report import Report

        rescaled = Report(result, language).rescaled()
        if rescaled:
            sys.stderr.write(visible(rescaled) + "\n")
    if kept:
        sys.stderr.write(visible(kept) + "\n")
