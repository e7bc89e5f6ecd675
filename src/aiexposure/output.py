"""Turning an assessment into the chosen format and sending it where it was asked to go."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiexposure.pack import Lang
    from aiexposure.report import Report
    from aiexposure.scoring import Assessment


class Format(StrEnum):
    """Report formats."""

    text = "text"
    markdown = "markdown"
    json = "json"


def format_from_suffix(output: str | None) -> Format:
    """`.md` means markdown, `.json` JSON, anything else text."""
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in (".md", ".markdown"):
            return Format.markdown
        if suffix == ".json":
            return Format.json
    return Format.text


def render(result: Assessment, lang: Lang, chosen: Format, explain: bool, output: str | None) -> str | None:
    """The report as a string, or None when the text report was drawn straight on the terminal."""
    from aiexposure.report import Report

    report = Report(result, lang)
    if chosen is Format.json:
        from aiexposure.render_json import render_json

        return render_json(report, explain)
    if chosen is Format.markdown:
        from aiexposure.render_markdown import render_markdown

        return render_markdown(report, explain)
    return _text(report, explain, to_string=output is not None and output != "-")


def _text(report: Report, explain: bool, to_string: bool) -> str | None:
    """Draw on the terminal, or, for --output FILE, return the plain text without colour."""
    import io

    from rich.console import Console

    from aiexposure.render_text import render_text

    if not to_string:
        render_text(report, Console(), explain)
        return None
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, no_color=True, width=100, force_terminal=False), explain)
    return buffer.getvalue()


def emit(text: str | None, output: str | None) -> None:
    """Write the report to the file or stdout (nothing to do when it was drawn already)."""
    from aiexposure.files import write_atomic

    if text is not None:
        write_atomic(output or "-", text)
