"""The `aiexposure` command's entry point (and `python -m aiexposure`'s): the command line, started quickly."""

from __future__ import annotations

import gc


def run() -> None:
    """Run the command line with the cyclic garbage collector off until the rules pack is loaded.

    Start-up makes many objects that live for the whole run (modules, typer's commands, the pack's 1,600 models)
    and no garbage cycles; the collector walking them again and again while they are made costs about a tenth of
    a scripted run. Loading the pack sets those objects aside and turns it on again (`Settings.pack`), so a long
    batch or quiz collects its own garbage as usual; the few runs that never load a pack (--help, --version,
    `rules schema`) end within moments.
    """
    gc.disable()
    try:
        from aiexposure.cli.app import main

        main()
    finally:
        gc.enable()
