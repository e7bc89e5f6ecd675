"""`aiexposure quiz`: check what was given, ask the rest, report, and keep what the person asks to keep."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexposure.atomic import WriteError, write_atomic
from aiexposure.errors import ExitCode, UserError
from aiexposure.model.answers import check_given, resolve, unlisted_work
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack
from aiexposure.signals import Stopped

if TYPE_CHECKING:
    from aiexposure.model.report import Report
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
    unlisted = given.role if unlisted_work(pack, given.role) else None
    if unlisted is not None:  # `--role 'sopir truk'`: the quiz starts by saying which roles come nearest
        given = RawAnswers(None, dict(given.tasks), dict(given.answers))
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
    from aiexposure.quiz.prompts import NotScored, Quiz

    saved: list[str] = []
    try:
        answered = Quiz(pack, lang, prompter, given, unlisted).run()
        _finish(pack, lang, answered, export, save_answers, prompter, saved, keep)
    except NotScored:  # the person's work is not listed and they chose to stop: told so, not an error
        prompter.say(texts("quiz_role_unlisted_stopped"))
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
    from aiexposure.render.text import render_text

    result = assess(pack, resolve(pack, answered.role, answered.tasks, answered.answers))
    report = Report(result, lang)
    ask.say("")
    render_text(report, ask.console, close=True)  # the long report, then the answer again where the eye is
    texts = ask.texts
    if export:  # the format its name asks for: report.html gets a page, report.json the JSON
        _save_report(ask, result, lang, export, saved)
    if save_answers:
        _write(ask, save_answers, answers_yaml(answered), saved)
    if keep:  # asked for on the command line: kept without a question
        _keep(ask, result, lang, saved)
    if export or save_answers or keep:
        return
    wanted = ask.select(texts("quiz_save_ask"), [(texts("quiz_save_no"), False), (texts("quiz_save_yes"), True)])
    if wanted:
        _ask_file(ask, result, lang, default_name(report), saved)
    if ask.select(texts("quiz_keep_ask"), [(texts("quiz_keep_no"), False), (texts("quiz_keep_yes"), True)]):
        _keep(ask, result, lang, saved)


def default_name(report: Report) -> str:
    """The name the save question offers, in the reader's language: aiexposure-pengemudi-ojol-2026-12-07.md."""
    import re
    import unicodedata

    label = report.role_label.split("(")[0]
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", ascii_label)[:2]  # two words name a role well enough
    return f"aiexposure-{'-'.join(words) or report.result.answers.role}-{report.day.isoformat()}.md"


def _ask_file(ask: Prompter, result: Assessment, lang: Lang, name: str, saved: list[str]) -> None:
    """Ask for a file name until its suffix names a format we make (or it is left empty), then save in that format."""
    from aiexposure.render.output import first_suffixes, suffix_format

    suffixes = ", ".join(first_suffixes())
    while True:
        path = ask.text(ask.texts("quiz_save_path", suffixes=suffixes), default=name)
        if not path:
            return
        if suffix_format(path) is not None:
            _save_report(ask, result, lang, path, saved)
            return
        ask.say(ask.texts("quiz_save_suffix", suffix=Path(path).suffix, suffixes=suffixes), "yellow")
        name = path  # offered again, for the person to change the ending


def _save_report(ask: Prompter, result: Assessment, lang: Lang, path: str, saved: list[str]) -> None:
    """The report in the format its file name asks for, made as `--output` makes it."""
    from aiexposure.render.output import format_from_suffix, render

    written = render(result, lang, format_from_suffix(path, result.pack), False, path)
    _write(ask, path, written or "", saved)


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
