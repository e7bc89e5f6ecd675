"""The command line: parse options, call the core, render, and map errors to exit codes in one place."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from aiexposure import __version__
from aiexposure.cli.history import history_app
from aiexposure.cli.options import LangOpt
from aiexposure.errors import UserError
from aiexposure.escape import visible
from aiexposure.render.output import Format, emit, format_from_suffix, render

if TYPE_CHECKING:
    from aiexposure.atomic import RawAnswers
    from aiexposure.pack.schema import Lang, Pack

app = typer.Typer(
    name="aiexposure",
    help="How exposed is your freelance or gig work to AI, and what can you do about it?",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="Check a rules pack or print its format.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(history_app, name="history")


class TableFormat(StrEnum):
    """Listing formats."""

    table = "table"
    json = "json"


class Settings:
    """Options given before the command."""

    def __init__(self, lang: str | None, rules: Path | None, debug: bool) -> None:
        self.lang_option = lang
        self.command_lang: str | None = None
        self.rules = rules
        self.debug = debug
        self.loaded: Pack | None = None

    def lang(self, override: str | None = None) -> Lang:
        """The language to speak: the command's --lang, else the global one."""
        from aiexposure.pack.messages import resolve_lang

        self.command_lang = override
        return resolve_lang(override or self.lang_option)

    def pack(self) -> Pack:
        """The rules pack to use."""
        from aiexposure.pack.load import load_pack, resolve_rules_dir

        self.loaded = load_pack(resolve_rules_dir(self.rules))
        return self.loaded


_settings = Settings(None, None, False)


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


@app.callback()
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(metavar="LANG", help="Language: en or id (else $AIEXPOSURE_LANG, the locale, English)."),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="Folder of a rules pack to use instead of the shipped one (else $AIEXPOSURE_RULES)."
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version, the rules pack in use and where the program is; exit."),
    ] = False,
) -> None:
    """How exposed is your freelance or gig work to AI, and what can you do about it?

    With no command, starts the quiz in a terminal (and prints this help elsewhere).
    """
    global _settings
    _settings = Settings(lang, rules, debug)
    if version:  # here, not in an eager callback, so that it sees --rules wherever it stands
        print(_version_text(rules))
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(quiz)
        else:
            print(ctx.get_help())


RoleOpt = Annotated[str | None, typer.Option(metavar="ROLE", help="Your role (see `aiexposure roles`).")]
TaskOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID=WEIGHT",
        help="Repeatable: how your time splits (relative weights). Default: the role's typical mix.",
    ),
]
AnswerOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID=VALUE",
        help="Repeatable (comma-separated for multi-select, empty for none). See `aiexposure questions`.",
    ),
]
AnswersOpt = Annotated[
    str | None,  # text, not Path: Path('') would silently be the current folder
    typer.Option(
        metavar="FILE", help="YAML or JSON file with role, tasks and answers; options on the command line win."
    ),
]
KeepOpt = Annotated[
    bool, typer.Option("--keep", help="Keep this result on this computer, to compare later (aiexposure history).")
]


def _gather(
    pack: Pack, role: str | None, task: list[str] | None, answer: list[str] | None, answers: str | None
) -> RawAnswers:
    """Answers from a file and options, options winning; not yet checked against the pack."""
    from aiexposure.atomic import RawAnswers, read_answers_file, split_pair
    from aiexposure.pack.messages import input_error

    _check_path(pack, "--answers", answers)
    raw = read_answers_file(Path(answers)) if answers is not None else RawAnswers()  # '-' is stdin
    if role:
        raw.role = role
    if task:
        raw.tasks = {}
        for item in task:
            key, value = split_pair(item, "--task", "TASK=30")
            if key in raw.tasks:
                raise input_error(pack, "err_task_twice", task=key)
            raw.tasks[key] = value
    given: dict[str, list[str]] = {}
    for item in answer or []:
        key, value = split_pair(item, "--answer", "QUESTION=VALUE")
        given.setdefault(key, []).append(value)
    for key, values in given.items():
        raw.answers[key] = _one_answer(pack, key, values)
    return raw


def _one_answer(pack: Pack, key: str, values: list[str]) -> str | list[str]:
    """`--answer` given more than once: a multi-select question takes every value, any other one value only."""
    from aiexposure.model.answers import split_choices
    from aiexposure.pack.messages import input_error

    question = pack.questions.get(key)
    if question is not None and question.kind == "multi":
        merged = [piece for value in values for piece in split_choices(pack, key, value)]
        return merged if len(values) > 1 else values[0]
    different = list(dict.fromkeys(v.strip() for v in values))
    if len(different) > 1:
        raise input_error(pack, "err_answer_twice", question=key, values=", ".join(different))
    return values[0]


def _check_path(pack: Pack, option: str, value: str | None) -> None:
    """An empty file name (often an unset shell variable) is a mistake, not a request for the screen."""
    from aiexposure.pack.messages import input_error

    if value is not None and not value.strip():
        raise input_error(pack, "err_empty_path", option=option)


@app.command()
def assess(
    role: RoleOpt = None,
    task: TaskOpt = None,
    answer: AnswerOpt = None,
    answers: AnswersOpt = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, json, html (one page for a phone or a printer) or short (a chat message); "
            "default: from --output's suffix (.txt, .md, .json, .html), else text.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically); '-' for stdout."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every score's terms and what each contributed.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat a missing answer as an error instead of assuming the default.")
    ] = False,
    lang: LangOpt = None,
    keep: KeepOpt = False,
) -> None:
    """Score answers given as options or a file, and print the report. Never prompts."""
    from aiexposure.model.answers import resolve
    from aiexposure.model.scoring import assess as run
    from aiexposure.pack.messages import Texts

    language = _settings.lang(lang)
    pack = _settings.pack()
    _check_path(pack, "--output", output)
    raw = _gather(pack, role, task, answer, answers)
    result = run(pack, resolve(pack, raw.role, raw.tasks, raw.answers, strict=strict))
    chosen = format or format_from_suffix(output, pack)
    kept = None
    if keep:  # before the report, so that a history that cannot be used stops the run with nothing half done
        from aiexposure.history.entries import keep as keep_result

        kept, _ = keep_result(pack, result, language, "assess")
    emit(render(result, language, chosen, explain, output), output, Texts(pack, language))
    if kept:
        sys.stderr.write(visible(kept) + "\n")


@app.command()
def quiz(
    role: RoleOpt = None,
    task: TaskOpt = None,
    answer: AnswerOpt = None,
    answers: AnswersOpt = None,
    export: Annotated[
        str | None, typer.Option(metavar="FILE.md", help="Also write the markdown report to this file.")
    ] = None,
    save_answers: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Write your answers as YAML, to replay with --answers FILE."),
    ] = None,
    lang: LangOpt = None,
    keep: KeepOpt = False,
) -> None:
    """Answer a short quiz in the terminal and get your report (asks only what options have not given)."""
    from aiexposure.quiz.run import run_quiz

    language = _settings.lang(lang)
    pack = _settings.pack()
    _check_path(pack, "--export", export)
    _check_path(pack, "--save-answers", save_answers)
    run_quiz(pack, language, _gather(pack, role, task, answer, answers), export, save_answers, keep=keep)


class TemplateFormat(StrEnum):
    """Formats of `batch template`."""

    csv = "csv"
    md = "md"


@app.command()
def batch(
    input: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="CSV or JSONL file of answers ('-' reads stdin), or the word 'template' to print a form template.",
        ),
    ],
    out_dir: Annotated[
        str | None, typer.Option("--out-dir", "-d", metavar="DIR", help="Folder for results.csv and summary.md.")
    ] = None,
    reports: Annotated[bool, typer.Option("--reports", help="Also write one markdown report per row.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad row.")] = False,
    format: Annotated[
        TemplateFormat | None,
        typer.Option("--format", "-f", help="For 'template': csv header (the default) or md form guide."),
    ] = None,
    lang: LangOpt = None,
    before: Annotated[
        str | None,
        typer.Option(metavar="BEFORE", help="Answers from before a course: compare each person, matched by id."),
    ] = None,
) -> None:
    """Score a whole cohort from a CSV or JSONL file (exit 3 when some rows were rejected)."""
    language = _settings.lang(lang)
    pack = _settings.pack()
    if input == "template":
        from aiexposure.batch.template import template_csv, template_markdown

        if before is not None:
            from aiexposure.pack.messages import Texts

            raise UserError(Texts(pack, language)("batch_before_not_template"))

        sys.stdout.write(
            template_markdown(pack, language) if format is TemplateFormat.md else template_csv(pack, language)
        )
        return
    from aiexposure.batch.run import run_batch
    from aiexposure.pack.messages import Texts

    if format is not None:
        raise UserError(Texts(pack, language)("batch_template_only"))
    if out_dir is None:
        raise UserError(Texts(pack, language)("batch_needs_out_dir"))
    _check_path(pack, "--out-dir", out_dir)
    _check_path(pack, "INPUT", input)
    _check_path(pack, "--before", before)
    outcome = run_batch(
        pack, language, Path(input), Path(out_dir), reports=reports, strict=strict,
        before=Path(before) if before is not None else None,
    )  # fmt: skip
    texts = Texts(pack, language)
    files = ", ".join(str(p) for p in outcome.written)
    scored = outcome.rows - outcome.rejected
    tally = texts("batch_tally", scored=scored, rows=outcome.rows, rejected=outcome.rejected, files=files)
    sys.stderr.write(visible(tally) + "\n")  # the paths are the user's, and may hold anything
    if outcome.before_rejected:
        sys.stderr.write(visible(texts("batch_before_tally", rejected=outcome.before_rejected)) + "\n")
    raise typer.Exit(outcome.exit_code)


@app.command()
def roles(
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """List the roles with their task ids and typical mix."""
    from aiexposure.cli.listing import roles_json, roles_table

    language = _settings.lang(lang)
    pack = _settings.pack()
    if format is TableFormat.json:
        sys.stdout.write(roles_json(pack, language))
    else:
        roles_table(pack, language)


@app.command()
def questions(
    role: Annotated[
        str | None, typer.Option(metavar="ROLE", help="Show only the questions asked of this role, with its task ids.")
    ] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """List the question ids and their values (for --answer)."""
    from aiexposure.cli.listing import questions_json, questions_table
    from aiexposure.model.answers import role_id_of

    language = _settings.lang(lang)
    pack = _settings.pack()
    if role is not None:
        role = role_id_of(pack, role)
    if format is TableFormat.json:
        sys.stdout.write(questions_json(pack, language, role))
    else:
        questions_table(pack, language, role)


@rules_app.command("check")
def rules_check(
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="[DIR]", help="Pack folder (default: --rules, $AIEXPOSURE_RULES or the shipped pack)."),
    ] = None,
) -> None:
    """Validate a rules pack and report every problem with file:line."""
    from aiexposure.pack.load import load_pack, resolve_rules_dir

    folder = directory or resolve_rules_dir(_settings.rules)
    pack = load_pack(folder)
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
def rules_calibrate(
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Show each role's exposure beside the published indices, and their rank correlations."""
    from aiexposure.model.calibrate import calibration_json, calibration_table

    language = _settings.lang(lang)
    pack = _settings.pack()
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


def _fail(message: str, code: int) -> NoReturn:
    # messages quote what the user typed: an escape sequence in it must not reach the terminal as one
    sys.stderr.write(f"aiexposure: {visible(message)}\n")
    raise SystemExit(code)


def _error_language() -> str:
    """The language to report a mistake in; English when the language setting is itself the mistake."""
    from aiexposure.pack.messages import resolve_lang

    try:
        return resolve_lang(_settings.command_lang or _settings.lang_option)
    except UserError:
        return "en"


def main() -> None:
    """Entry point: every user mistake ends here as a message and exit code 2, never a traceback."""
    from aiexposure.signals import Stopped, install, restore

    previous = install()
    try:
        code = app(standalone_mode=False)  # so that usage mistakes reach us and read like every other message
        if isinstance(code, int) and code:
            raise SystemExit(code)
    except typer.TyperException as exc:  # click's usage errors: an unknown option, a missing or bad value
        if type(exc).__name__ == "NoArgsIsHelpError":  # `aiexposure rules` alone: its help is the answer
            sys.stderr.write(exc.format_message() + "\n")
            raise SystemExit(exc.exit_code) from None
        _fail(_in_language(_usage_message(exc)), exc.exit_code)
    except typer.Abort:
        _fail("cancelled", 130)
    except UserError as exc:
        lang = _error_language()
        _fail(exc.in_language(lang) if lang in exc.translations else _in_language(exc.message), exc.exit_code)
    except Stopped as exc:
        _fail(_stopped_message(exc.finished), exc.exit_code)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
        raise SystemExit(1) from None
    except Exception as exc:
        if _settings.debug:
            raise
        _fail(
            f"unexpected error: {type(exc).__name__}: {exc}\nrun again with --debug for a traceback, "
            "and please report it",
            1,
        )
    finally:
        restore(previous)


def _in_language(message: str) -> str:
    """One of the program's own English messages in the language of the mistake, when the pack words it."""
    lang = _error_language()
    if lang == "en":
        return message
    from aiexposure.cli.translate import translate

    pack = _settings.loaded
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


def _stopped_message(finished: bool) -> str:
    """Why we stop, in the pack's words when a pack was loaded before the signal came."""
    from aiexposure.pack.messages import Texts, resolve_lang

    if _settings.loaded is None:
        return "Stopped before the end; no file was changed."  # the shipped wording, for a stop while loading
    return Texts(_settings.loaded, resolve_lang(_error_language()))("stopped_finished" if finished else "stopped")
