"""`aiexposure quiz`: ask in the terminal what the options have not given, then report."""

from __future__ import annotations

import typer

from aiexposure.cli.answers import gather
from aiexposure.cli.options import AnswerOpt, AnswersOpt, ExportOpt, KeepOpt, LangOpt, RoleOpt, SaveAnswersOpt, TaskOpt
from aiexposure.cli.settings import check_path, settings_of


def quiz(
    ctx: typer.Context,
    role: RoleOpt = None,
    task: TaskOpt = None,
    answer: AnswerOpt = None,
    answers: AnswersOpt = None,
    export: ExportOpt = None,
    save_answers: SaveAnswersOpt = None,
    lang: LangOpt = None,
    keep: KeepOpt = False,
) -> None:
    """Answer a short quiz in the terminal and get your report (asks only what options have not given)."""
    from aiexposure.quiz.run import run_quiz

    language, pack = settings_of(ctx).start(lang)
    check_path(pack, "--export", export)
    check_path(pack, "--save-answers", save_answers)
    run_quiz(pack, language, gather(pack, role, task, answer, answers), export, save_answers, keep=keep)
