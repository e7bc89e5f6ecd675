"""Text from a pack or a user, made safe to show: control characters are shown as codes, never acted on."""

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
