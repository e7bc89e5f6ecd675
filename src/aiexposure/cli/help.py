"""`--help` in the reader's language: the pack's words put on the commands typer builds, before they parse.

English help is the text declared with the options (no pack is read for it, so `--help` stays quick). For another
language, the language is read from the command line or the environment first, and every command's and option's
help, metavar and heading comes from the pack's `help_*` messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import typer
import typer.main

if TYPE_CHECKING:
    from aiexposure.pack.messages import Texts
    from aiexposure.pack.schema import Lang

_VALUED = ("--lang", "--rules")  # global options that take a value: the word after them is not a command


def argv_language(args: list[str]) -> Lang:
    """The language a run will speak, read as the app will read it: --lang (anywhere), else the environment."""
    from aiexposure.errors import UserError
    from aiexposure.pack.messages import resolve_lang

    chosen = None
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            chosen = args[n + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    try:
        return resolve_lang(chosen)
    except UserError:  # the app reports the bad language itself, in English
        return "en"


def shows_help(command: Any, args: list[str]) -> bool:
    """Whether the run prints help: --help, no command at all, or a group named without one of its commands."""
    if "--help" in args:
        return True
    words = [a for n, a in enumerate(args) if not a.startswith("-") and (n == 0 or args[n - 1] not in _VALUED)]
    if not words:
        return True
    group = command
    for word in words:
        commands = getattr(group, "commands", None)
        if not commands or word not in commands:
            return False
        group = commands[word]
    return bool(getattr(group, "commands", None))


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under `command` (itself first), with the names that lead to it."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def localized(app: typer.Typer, texts: Texts) -> Any:
    """The app's click command with its help in the language of `texts`."""
    command = typer.main.get_command(app)
    context = _context_class(texts)
    words = dict(zip(texts.pack.messages["help_metavars"].en.split(), texts("help_metavars").split(), strict=True))
    for path, sub in walk(command):
        sub.help = texts(_key(path))
        sub.short_help = None  # made again from the new help
        sub.context_class = context
        sub.options_metavar = texts("help_options_metavar")
        if getattr(sub, "commands", None):
            sub.subcommand_metavar = texts("help_command_metavar")
        for param in sub.params:
            param.help = texts(_param_key(texts, path, param.name))
            if param.metavar:
                param.metavar = re.sub(r"[A-Z]+", lambda m: words.get(m.group(0), m.group(0)), param.metavar)
        shown = sub.get_help_option(context(sub))
        if shown is not None:
            shown.help = texts("help_help")
    return command


def help_keys(app: typer.Typer, texts: Texts) -> list[str]:
    """Every message the help of `app` uses (a test holds the pack to them)."""
    command = typer.main.get_command(app)
    keys = []
    for path, sub in walk(command):
        keys.append(_key(path))
        keys += [_param_key(texts, path, param.name) for param in sub.params]
    return keys


def _key(path: tuple[str, ...]) -> str:
    return "help_" + ("_".join(path).replace("-", "_") or "app")  # message keys are ids: `new-role` is new_role


def _param_key(texts: Texts, path: tuple[str, ...], name: str | None) -> str:
    """The command's own text for the option, else the one every command shares (--lang, --role, --task...)."""
    own = f"{_key(path)}_{(name or '').rstrip('_')}"
    return own if own in texts.pack.messages else f"help_opt_{(name or '').rstrip('_')}"


def _context_class(texts: Texts) -> type[typer.Context]:
    """A context whose help formatter writes click's own words (Usage, Options, Commands) in the language."""
    headings = {
        "Options": texts("help_options"),
        "Commands": texts("help_commands"),
        "Arguments": texts("help_arguments"),
    }
    required = f"[{texts('help_required')}]"
    base: Any = typer.Context.formatter_class

    class Formatter(base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, texts("help_usage") + " " if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(headings.get(heading, heading))

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            # typer marks a required argument with its own English word, the one piece of help the app cannot set
            rows = [(term, text.replace("[required]", required)) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    class Context(typer.Context):
        formatter_class = Formatter

    return Context
