"""The command line: the app and its global options, `main()`, and how errors become messages and exit codes.

Each command's wiring lives in a module of its own (assess, quiz, batch, listing, rules, history); their options
are declared in `options.py`. The state a run shares travels in click's `ctx.obj` (`settings.Settings`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError  # typer vendors click and exports no public name for it

from aiexposure import __version__
from aiexposure.cli.assess import assess
from aiexposure.cli.batch import batch
from aiexposure.cli.history import history_app
from aiexposure.cli.listing import questions, roles
from aiexposure.cli.options import DebugOpt, GlobalLangOpt, ReportsFormat, RulesOpt, VersionOpt
from aiexposure.cli.quiz import quiz
from aiexposure.cli.rules import rules_app
from aiexposure.cli.schema import schema_app
from aiexposure.cli.settings import Settings, settings_of
from aiexposure.errors import ExitCode, UserError
from aiexposure.escape import visible

app = typer.Typer(
    name="aiexposure",
    help="How exposed is your freelance or gig work to AI, and what can you do about it?",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# in this order in `aiexposure --help`
app.command()(assess)
app.command()(quiz)
app.command()(batch)
app.command()(roles)
app.command()(questions)
app.add_typer(rules_app, name="rules")
app.add_typer(history_app, name="history")
app.add_typer(schema_app, name="schema")


@app.callback()
def root(
    ctx: typer.Context,
    lang: GlobalLangOpt = None,
    rules: RulesOpt = None,
    debug: DebugOpt = False,
    version: VersionOpt = False,
) -> None:
    """How exposed is your freelance or gig work to AI, and what can you do about it?

    With no command, starts the quiz in a terminal (and prints this help elsewhere).
    """
    settings = settings_of(ctx)
    settings.lang_option, settings.rules, settings.debug = lang, rules, debug
    if version:  # here, not in an eager callback, so that it sees --rules wherever it stands
        print(_version_text(rules))
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(quiz, ctx)
        else:
            print(ctx.get_help())


def _version_text(rules: Path | None) -> str:
    """What `--version` prints: the version, the rules pack in use, the Python it runs in and how to upgrade."""
    import os
    import shlex
    from importlib.util import find_spec

    from aiexposure.pack.load import ENV_RULES, resolve_rules_dir

    folder = resolve_rules_dir(rules).absolute()
    origin = "from --rules" if rules is not None else f"from {ENV_RULES}" if os.environ.get(ENV_RULES) else "shipped"
    python = sys.executable or "python3"
    lines = [
        f"aiexposure {__version__}",
        f"rules pack: {visible(str(folder))} ({origin})",
        f"python: {visible(python)} (Python {sys.version.split()[0]})",
    ]
    if find_spec("pip") is not None:
        command = python if os.name == "nt" else shlex.quote(python)
        lines.append(f"to upgrade: in an updated copy of the project, run {visible(command)} -m pip install .")
    return "\n".join(lines)


def main() -> None:
    """Entry point: every user mistake ends here as a message and exit code 2, never a traceback."""
    from aiexposure.signals import Stopped, install, restore
    from aiexposure.streams import guard

    settings = Settings()  # one per run, handed to the commands in ctx.obj and kept here to word errors
    previous = install()
    try:
        with guard():
            try:
                # standalone_mode=False: usage mistakes reach us, and read like every other message
                code = _command()(args=with_report_format(sys.argv[1:]), standalone_mode=False, obj=settings)
                sys.stdout.flush()  # here, where a full or closed output is reported, not at exit
            except SystemExit:
                sys.stdout.flush()
                raise
            if isinstance(code, int) and code:
                raise SystemExit(code)
    except Stopped as exc:  # Ctrl-C or SIGTERM
        _fail(_stopped_message(exc.finished, settings), exc.exit_code)
    except Exception as exc:
        _fail_for(exc, settings)
    finally:
        restore(previous)


def _command() -> typer.Typer | Any:
    """The app, or, when the run prints help in another language than English, its command with that help."""
    from aiexposure.cli.help import argv_language, localized, shows_help

    args = sys.argv[1:]
    language = argv_language(args)
    if language == "en":
        return app
    import typer.main

    if not shows_help(typer.main.get_command(app), args):
        return app
    from aiexposure.pack.load import load_pack, resolve_rules_dir
    from aiexposure.pack.messages import Texts

    try:
        pack = load_pack(resolve_rules_dir(None))
    except UserError:  # a pack that cannot be read: English help, and the command reports the pack
        return app
    return localized(app, Texts(pack, language))


def with_report_format(args: list[str]) -> list[str]:
    """`batch --reports` alone asks for HTML reports: click gives an option a value or none, never an optional one,
    so the default is written in when no format follows."""
    kinds = [kind.value for kind in ReportsFormat]
    out: list[str] = []
    for at, arg in enumerate(args):
        out.append(arg)
        if arg == "--reports" and (at + 1 == len(args) or args[at + 1] not in kinds):
            out.append(ReportsFormat.html.value)
    return out


def _fail_for(exc: Exception, settings: Settings) -> NoReturn:
    """The message and exit code for an error that ended the run (a mistake, or else a bug)."""
    if isinstance(exc, NoArgsIsHelpError):  # `aiexposure rules` alone: its help is the answer
        sys.stderr.write(exc.format_message() + "\n")
        raise SystemExit(exc.exit_code) from None
    if isinstance(exc, typer.TyperException):  # click's usage errors: an unknown option, a missing or bad value
        _fail(_in_language(_usage_message(exc), settings), exc.exit_code)
    if isinstance(exc, typer.Abort):
        _fail("cancelled", ExitCode.INTERRUPTED)
    if isinstance(exc, UserError):
        lang = _error_language(settings)
        message = exc.in_language(lang) if lang in exc.translations else _in_language(exc.message, settings)
        _fail(message, exc.exit_code)
    from aiexposure.streams import OutputFailed, silence

    if isinstance(exc, BrokenPipeError):  # the reader went away (e.g. `| head -1`): nothing left to say
        silence()
        raise SystemExit(ExitCode.UNEXPECTED) from None
    if isinstance(exc, OutputFailed):  # a full or closed standard output
        silence()
        _fail(_output_failed(exc.reason, settings), ExitCode.USER_ERROR)
    if settings.debug:
        raise exc
    _fail(
        f"unexpected error: {type(exc).__name__}: {exc}\nrun again with --debug for a traceback, and please report it",
        ExitCode.UNEXPECTED,
    )


def _output_failed(reason: str, settings: Settings) -> str:
    """One line saying the output could not be written, in the pack's words when a pack was loaded."""
    from aiexposure.pack.messages import fill, resolve_lang
    from aiexposure.streams import CLOSED

    lang = resolve_lang(_error_language(settings))
    pack = settings.loaded
    if pack is None:  # stopped before a pack was read: the shipped wording
        return (
            f"cannot write to standard output: {reason}; send the output where it can go (a file, a pipe, the terminal)"
        )
    reasons = {CLOSED: "reason_closed", "No space left on device": "reason_disk_full"}
    key = reasons.get(reason)
    worded = pack.messages[key](lang) if key is not None else reason
    return fill(pack.messages["sys_output"](lang), {"reason": worded})


def _fail(message: str, code: int) -> NoReturn:
    # messages quote what the user typed: an escape sequence in it must not reach the terminal as one
    sys.stderr.write(f"aiexposure: {visible(message)}\n")
    raise SystemExit(code)


def _error_language(settings: Settings) -> str:
    """The language to report a mistake in; English when the language setting is itself the mistake."""
    from aiexposure.pack.messages import resolve_lang

    try:
        return resolve_lang(settings.command_lang or settings.lang_option)
    except UserError:
        return "en"


def _in_language(message: str, settings: Settings) -> str:
    """One of the program's own English messages in the language of the mistake, when the pack words it."""
    lang = _error_language(settings)
    if lang == "en":
        return message
    from aiexposure.cli.translate import translate

    pack = settings.loaded
    if pack is None:  # a usage mistake before any pack was read: the shipped pack words it
        try:
            from aiexposure.pack.load import default_rules_dir, load_pack

            pack = load_pack(default_rules_dir())
        except UserError:
            return message
    return translate(pack, message, lang) or message


def _usage_message(exc: typer.TyperException) -> str:
    """click's message on one line, with where to read about the options."""
    message = exc.format_message().replace("Value error, ", "")  # typer's wording for a bad choice
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "aiexposure"
    return f"{message} (see '{command} --help')"


def _stopped_message(finished: bool, settings: Settings) -> str:
    """Why we stop, in the pack's words when a pack was loaded before the signal came."""
    from aiexposure.pack.messages import Texts, resolve_lang

    if settings.loaded is None:
        return "Stopped before the end; no file was changed."  # the shipped wording, for a stop while loading
    return Texts(settings.loaded, resolve_lang(_error_language(settings)))(
        "stopped_finished" if finished else "stopped"
    )
