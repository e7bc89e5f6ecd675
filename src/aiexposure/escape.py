"""Text from a pack or a user, made safe for where it goes: every format's escaping, in one place.

Control characters are shown as codes or removed, never acted on; markdown, mermaid, HTML and CSV each get the
escaping that keeps such text from changing the document around it.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ANSI escapes start with one), DEL, the invisible marks that reorder text on screen, and
# lone surrogates (a JSON "\udc80" escape), which cannot even be written as UTF-8. Tab and newline are layout.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _code(match: re.Match[str]) -> str:
    point = ord(match.group(0))
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as a code such as `\\x1b`, so a terminal shows it literally."""
    return CONTROL.sub(_code, text) if CONTROL.search(text) else text


def stripped(text: str) -> str:
    """`text` with every control character removed."""
    return CONTROL.sub("", text)


def first_control(text: str) -> str | None:
    """The code of the first control character in `text`, or None when it has none."""
    match = CONTROL.search(text)
    return _code(match) if match else None


def one_line(text: str) -> str:
    """`visible(text)` with line breaks and tabs written as codes too: a name or value quoted inside a message."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


# markdown: the characters that start emphasis, code, links, tables or HTML, and what makes a line a heading,
# quote or list item when it starts one
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_MD_LEADING = re.compile(r"^(\s*\d*)([#>+=.)-])")
_MERMAID_UNSAFE = re.compile(r"[^\w .,'-]", re.UNICODE)


def md(text: str, line_start: bool = False) -> str:
    """Escape text from the pack or the user so it cannot change the markdown's structure."""
    text = stripped(text).replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if line_start:  # a line that starts like a heading, quote or list item must stay a paragraph
        text = _MD_LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text


def mermaid_label(text: str) -> str:
    """A label mermaid reads as plain words."""
    return " ".join(_MERMAID_UNSAFE.sub(" ", stripped(text)).split())[:40] or "-"


def mermaid_text(text: str) -> str:
    """Text for inside a mermaid double-quoted string: no quotes, no line breaks, nothing mermaid reads as markup."""
    return " ".join(re.sub(r'["`#;<>{}\[\]]', " ", stripped(text)).split())[:60] or "-"


def esc(text: str) -> str:
    """Text from the pack or a person, safe in HTML or SVG between tags and inside a quoted attribute."""
    from html import escape  # imported here: only the HTML report needs it, and every run imports this module

    return escape(stripped(text), quote=True)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula (respondent ids come from anyone)."""
    text = visible(text)  # and never an escape sequence for whoever views the file in a terminal
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text
