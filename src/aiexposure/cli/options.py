"""Option declarations shared by more than one command module."""

from __future__ import annotations

from typing import Annotated

import typer

LangOpt = Annotated[str | None, typer.Option(metavar="LANG", help="Language: en or id (same as the global --lang).")]
