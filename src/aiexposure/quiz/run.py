"""`aiexposure quiz`: check what was given, ask the rest, report, and keep what the person asks to keep."""

from __future__ import annotations

import datetime
import sys
from typing import TYPE_CHECKING, Any

from aiexposure.atomic import WriteError, write_atomic
from aiexposure.errors import ExitCode, UserError
from aiexposure.model.answers import check_given, resolve
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack
from aiexposure.signals import Stopped

if TYPE_CHECKING:
    from aiexposure.model.scoring import Assessment
    from aiexposure.quiz.prompts import Prompter


def is_interactive() -> bool:
    """Both ends are a terminal: otherwise prompts would hang or print escape codes into a pipe."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def answers_yaml(raw: RawAnswers) -> str:
    """Answers as a YAML file that `--answers FILE` replays exactly."""
    import yaml

    data: dict[str, Any] = {"role": raw.role}
    if raw.tasks:
        data["tasks"] = dict(raw.tasks)
    data["answers"] = dict(raw.answers)
    header = "# aiexposure answers; replay with: aiexposure assess --answers THIS_FILE\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def run_quiz(
    pack: Pack,
    lang: Lang,
    given: RawAnswers,
    export: str | None,
    save_answers: str | None,
    prompter: Prompter | None = None,
    keep: bool = False,
) -> None:
    """The whole quiz command; `prompter` is injected by tests, built here otherwise."""
    texts = Texts(pack, lang)
    check_given(pack, given)  # mistakes in options or files stop us before the first prompt
    if export:  # and so does a report name the program cannot write (report.pdf)
        from aiexposure.render.output import format_from_suffix

        format_from_suffix(export, pack)
    if keep:  # and so does a history file that cannot be used
        from aiexposure.history.store import Store

        Store(pack).check()
    if prompter is None:
        if not is_interactive():
            # say which end is not a terminal: `aiexposure quiz | tee log` has a keyboard but no screen
            cause = texts("quiz_no_input") if not sys.stdin.isatty() else texts("quiz_no_output")
            raise UserError(texts("quiz_needs_terminal", cause=cause))
        from aiexposure.quiz.prompts import Prompter

        prompter = Prompter(texts)
    from aiexposure.quiz.prompts import Quiz

    saved: list[str] = []
    try:
        answered = Quiz(pack, lang, prompter, given).run()
        _finish(pack, lang, answered, export, save_answers, prompter, saved, keep)
    except (KeyboardInterrupt, EOFError, Stopped) as exc:
        code = exc.exit_code if isinstance(exc, Stopped) else ExitCode.INTERRUPTED  # SIGTERM keeps its own code
        if saved:  # stopped after a file was written: say so rather than claim nothing was kept
            raise UserError(texts("quiz_cancelled_saved", files=", ".join(saved)), exit_code=code) from None
        raise UserError(texts("quiz_cancelled"), exit_code=code) from None


def _finish(
    pack: Pack,
    lang: Lang,
    answered: RawAnswers,
    export: str | None,
    save_answers: str | None,
    ask: Prompter,
    saved: list[str],
    keep: bool = False,
) -> None:
    from aiexposure.model.report import Report
    from aiexposure.model.scoring import assess
    from aiexposure.render.markdown import render_markdown
    from aiexposure.render.text import render_text

    result = assess(pack, resolve(pack, answered.role, answered.tasks, answered.answers))
    report = Report(result, lang)
    ask.say("")
    render_text(report, ask.console)
    markdown = render_markdown(report)
    texts = ask.texts
    if export:  # the format its name asks for: report.html gets a page, report.json the JSON
        from aiexposure.render.output import Format, format_from_suffix, render

        chosen = format_from_suffix(export, pack)
        written = markdown if chosen is Format.markdown else render(result, lang, chosen, False, export)
        _write(ask, export, written or markdown, saved)
    if save_answers:
        _write(ask, save_answers, answers_yaml(answered), saved)
    if keep:  # asked for on the command line: kept without a question
        _keep(ask, result, lang, saved)
    if export or save_answers or keep:
        return
    wanted = ask.select(texts("quiz_save_ask"), [(texts("quiz_save_no"), False), (texts("quiz_save_yes"), True)])
    if wanted:
        name = f"aiexposure-{answered.role}-{datetime.date.today().isoformat()}.md"
        path = ask.text(texts("quiz_save_path"), default=name)
        if path:
            _write(ask, path, markdown, saved)
    if ask.select(texts("quiz_keep_ask"), [(texts("quiz_keep_no"), False), (texts("quiz_keep_yes"), True)]):
        _keep(ask, result, lang, saved)


def _keep(ask: Prompter, result: Assessment, lang: Lang, saved: list[str]) -> None:
    """Keep the result in the history (a history that cannot be used ends the quiz with its message, exit 2)."""
    from aiexposure.history.entries import keep

    line, path = keep(result.pack, result, lang, "quiz")
    saved.append(str(path))
    ask.say(line, "green")


def _write(ask: Prompter, path: str, text: str | bytes, saved: list[str]) -> None:
    """Write atomically; when that fails, say why and offer another path (empty skips)."""
    while True:
        try:
            write_atomic(path, text)
        except WriteError as exc:
            ask.say(ask.texts("quiz_write_failed", path=path, reason=exc.reason), "yellow")
            path = ask.text(ask.texts("quiz_save_path"), default="")
            if not path:
                return
            continue
        saved.append(path)
        ask.say(ask.texts("quiz_saved", path=path), "green")
        return
