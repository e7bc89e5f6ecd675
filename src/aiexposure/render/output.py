"""Turning an assessment into the chosen format and sending it where it was asked to go."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiexposure.model.report import Report
    from aiexposure.model.scoring import Assessment
    from aiexposure.pack.messages import Texts
    from aiexposure.pack.schema import Lang, Pack


class Format(StrEnum):
    """Report formats."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"
    short = "short"
    card = "card"  # an image to share: PNG


# The file names a format is chosen from when --format is not given; a name without a suffix is text.
SUFFIXES = {
    ".txt": Format.text,
    ".text": Format.text,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".json": Format.json,
    ".html": Format.html,
    ".htm": Format.html,
    ".png": Format.card,
}


def first_suffixes() -> list[str]:
    """One suffix per format that has a file name, the usual one: .txt, .md, .json, .html, .png.

    The quiz's save question offers these too: a format added to SUFFIXES (and to `render`) is offered there.
    """
    first: dict[Format, str] = {}
    for suffix, chosen in SUFFIXES.items():
        first.setdefault(chosen, suffix)
    return list(first.values())


def suffix_format(path: str) -> Format | None:
    """The format a file name's suffix asks for; None for a suffix aiexposure does not make."""
    suffix = Path(path).suffix.lower()
    return Format.text if not suffix else SUFFIXES.get(suffix)


def format_from_suffix(output: str | None, pack: Pack | None = None) -> Format:
    """The format a file name asks for: `.md` markdown, `.json` JSON, `.html` HTML, `.png` the card, `.txt` or none
    text.

    Any other suffix (report.pdf) is a mistake, worded by `pack` when the caller has one: writing a text
    report into a file another program will try to open as a PDF helps no one.
    """
    if not output or output == "-":
        return Format.text
    suffix = Path(output).suffix.lower()
    if not suffix:
        return Format.text
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    suffixes = ", ".join(first_suffixes())
    formats = "|".join(f.value for f in Format)
    if pack is None:  # a caller without a pack at hand: the shipped English wording
        from aiexposure.errors import UserError
        from aiexposure.escape import one_line

        raise UserError(
            f"cannot write '{one_line(output)}': aiexposure does not make {one_line(suffix)} files. "
            f"End the name with one of {suffixes}, or choose a format with --format {formats}."
        )
    from aiexposure.pack.messages import input_error

    raise input_error(pack, "err_output_suffix", path=output, suffix=suffix, suffixes=suffixes, formats=formats)


def render(
    result: Assessment, lang: Lang, chosen: Format, explain: bool, output: str | None, research: bool = False
) -> str | bytes | None:
    """The report as a string (the card: PNG bytes), or None when the text report was drawn on the terminal.

    `research`: add the last part for researchers (text, markdown, HTML); the JSON report always holds every
    figure, and the short message and the card have no room for one.
    """
    from aiexposure.model.report import Report

    report = Report(result, lang)
    if chosen is Format.card:
        import sys

        if output in (None, "-") and sys.stdout.isatty():  # an image's bytes would only garble the terminal
            from aiexposure.pack.messages import input_error

            raise input_error(result.pack, "card_to_terminal")
        from aiexposure.render.card import render_card

        return render_card(report)
    if chosen is Format.json:
        from aiexposure.render.json import render_json

        return render_json(report, explain)
    if chosen is Format.markdown:
        from aiexposure.render.markdown import render_markdown

        return render_markdown(report, explain, research)
    if chosen is Format.html:
        from aiexposure.render.html import render_html

        return render_html(report, explain, research)
    if chosen is Format.short:
        from aiexposure.render.short import render_short

        return render_short(report)
    return _text(report, explain, to_string=output is not None and output != "-", research=research)


def _text(report: Report, explain: bool, to_string: bool, research: bool = False) -> str | None:
    """Draw on the terminal, or, for --output FILE, return the plain text without colour."""
    import io

    from rich.console import Console

    from aiexposure.render.text import render_text

    if not to_string:
        render_text(report, Console(), explain, research=research)
        return None
    buffer = io.StringIO()
    render_text(
        report, Console(file=buffer, no_color=True, width=100, force_terminal=False), explain, research=research
    )
    return buffer.getvalue()


def emit(text: str | bytes | None, output: str | None, texts: Texts | None = None) -> None:
    """Write the report to the file or stdout (nothing to do when it was drawn already).

    With `texts`, a report written to a file says where it went, on one line of stderr in their language.
    """
    import sys

    from aiexposure.atomic import write_atomic
    from aiexposure.escape import one_line

    if text is None:
        return
    write_atomic(output or "-", text)
    if texts is not None and output and output != "-" and Path(output).is_file():  # not for /dev/null or a pipe
        sys.stderr.write(one_line(texts("report_written", path=one_line(output))) + "\n")
