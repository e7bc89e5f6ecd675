"""What one run shares between its commands and its error messages, carried in click's `ctx.obj`."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from aiexposure.pack.schema import Lang, Pack


@dataclass
class Settings:
    """The options given before the command, and what the run has read since (to word its errors)."""

    lang_option: str | None = None
    rules: Path | None = None
    debug: bool = False
    command_lang: str | None = None  # the command's own --lang, once the command has read it
    loaded: Pack | None = None  # the rules pack, once loaded

    def lang(self, override: str | None = None) -> Lang:
        """The language to speak: the command's --lang, else the global one."""
        from aiexposure.pack.messages import resolve_lang

        self.command_lang = override
        return resolve_lang(override or self.lang_option)

    def start(self, override: str | None) -> tuple[Lang, Pack]:
        """The language to speak, then the rules pack: in that order, so a pack that fails to load is reported in
        the language the person asked for."""
        language = self.lang(override)
        return language, self.pack()

    def pack(self, folder: Path | None = None) -> Pack:
        """The rules pack to use: the one in `folder`, else --rules, $AIEXPOSURE_RULES or the shipped one."""
        from aiexposure.pack.load import load_pack, resolve_rules_dir

        self.loaded = load_pack(folder or resolve_rules_dir(self.rules))
        if not gc.isenabled():  # the entry point kept the collector off during start-up (cli/entry.py)
            # what start-up made lives for the whole run: set it aside, so the collector a long run needs
            # looks only at what comes after (collecting the start-up's 300,000 objects costs 15 ms)
            gc.freeze()
            gc.enable()
        return self.loaded


def settings_of(ctx: typer.Context) -> Settings:
    """The run's settings: the ones `main()` handed in, else (a test invoking the app directly) new ones."""
    return ctx.ensure_object(Settings)


def check_path(pack: Pack, option: str, value: str | None) -> None:
    """An empty file name (often an unset shell variable) is a mistake, not a request for the screen."""
    from aiexposure.pack.messages import input_error

    if value is not None and not value.strip():
        raise input_error(pack, "err_empty_path", option=option)
