"""Every escaping rule at the edge of what it catches: control characters, markdown, mermaid, HTML and CSV cells.

Each character class is tried on its first and last member and on the characters just outside it.
"""

from __future__ import annotations

import pytest

from aiexposure.escape import csv_cell, esc, first_control, md, mermaid_label, mermaid_text, one_line, stripped, visible


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\x00", "\\x00"),
        ("\x08", "\\x08"),
        ("\x0b", "\\x0b"),
        ("\x0d", "\\x0d"),
        ("\x1b", "\\x1b"),
        ("\x1f", "\\x1f"),
        ("\x7f", "\\x7f"),
        ("\x9f", "\\x9f"),
        ("\u200e", "\\u200e"),
        ("\u200f", "\\u200f"),
        ("\u202a", "\\u202a"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
        ("\u2069", "\\u2069"),
        ("\ud800", "\\ud800"),
        ("\udfff", "\\udfff"),
    ],
)
def test_a_control_character_is_shown_as_its_code_or_removed(char: str, code: str) -> None:
    text = f"a{char}b"
    assert visible(text) == f"a{code}b"
    assert stripped(text) == "ab"
    assert first_control(text) == code
    assert one_line(text) == f"a{code}b"


@pytest.mark.parametrize(
    "char",
    [
        "\t",
        "\n",
        " ",
        "~",
        "\xa0",
        "\xff",
        "\u200d",
        "\u2010",
        "\u2029",
        "\u202f",
        "\u2065",
        "\u206a",
        "\ud7ff",
        "\ue000",
    ],
)
def test_characters_next_to_the_control_ranges_are_kept(char: str) -> None:
    text = f"a{char}b"
    assert visible(text) == text
    assert stripped(text) == text
    assert first_control(text) is None


def test_the_first_control_is_named_and_one_line_codes_layout_too() -> None:
    assert first_control("ok\x07then\x1b") == "\\x07"
    assert one_line("a\nb\tc\x1bd\\n") == "a\\nb\\tc\\x1bd\\n"
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("\x1b[31m\x1b[0m") == "\\x1b[31m\\x1b[0m"


@pytest.mark.parametrize("char", list("\\`*_{}[]<>|~&"))
def test_markdown_escapes_each_special_character(char: str) -> None:
    assert md(f"a{char}b") == f"a\\{char}b"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words, 50% (ok): yes! #1 - a.b", "plain words, 50% (ok): yes! #1 - a.b"),
        ("two\nlines\r\nhere", "two lines here"),  # \r is a control: removed before line breaks become spaces
        ("bell\x07 and \x1b[1mbold", "bell and [1mbold".replace("[", "\\[")),
        ("[link](http://x) <b>&amp;", "\\[link\\](http://x) \\<b\\>\\&amp;"),
        ("# heading", "# heading"),  # only a line start is escaped, and only when asked
    ],
)
def test_markdown_inline(text: str, escaped: str) -> None:
    assert md(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("= underline", "\\= underline"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("   - indented", "   \\- indented"),
        (" 7. indented", " 7\\. indented"),
        ("a - b", "a - b"),
        ("12 items", "12 items"),
        ("x# y", "x# y"),
        ("", ""),
    ],
)
def test_markdown_line_starts(text: str, escaped: str) -> None:
    assert md(text, line_start=True) == escaped


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Writer, freelance - it's fine.", "Writer, freelance - it's fine."),
        ('say "hi"; <b>[x]{y}#z`q|r/s', "say hi b x y z q r s"),
        ("  many   spaces\n\tand lines  ", "many spaces and lines"),
        ("Penerjemah ü 2", "Penerjemah ü 2"),
        ("a\x1bb", "ab"),
        ("", "-"),
        ("<>;", "-"),
        ("x" * 40, "x" * 40),
        ("x" * 41, "x" * 40),
        ("y" * 39 + " z", "y" * 39 + " "),
    ],
)
def test_mermaid_label(text: str, label: str) -> None:
    assert mermaid_label(text) == label


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('"quoted" `code` #1; <a> {b} [c]', "quoted code 1 a b c"),
        ("a, b. (c) - d's/e: 50% & f|g", "a, b. (c) - d's/e: 50% & f|g"),
        ("two\nlines", "two lines"),
        ("a\x1bb", "ab"),
        ("", "-"),
        ('"#;', "-"),
        ("x" * 60, "x" * 60),
        ("x" * 61, "x" * 60),
    ],
)
def test_mermaid_text(text: str, inside: str) -> None:
    assert mermaid_text(text) == inside


def test_html_escapes_markup_and_both_quotes_and_drops_controls() -> None:
    assert esc("<a href=\"x\" title='y'>&amp;</a>") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;amp;&lt;/a&gt;"
    )
    assert esc("bell\x07\u202eevil") == "bellevil"
    assert esc("plain") == "plain"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("", ""),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("%1", "%1"),
        ("'quoted", "'quoted"),
        ("r-07", "r-07"),
        ("\x1b=1", "\\x1b=1"),  # a control is shown as a code first, so the cell starts with a backslash
        ("\r=1", "\\x0d=1"),
    ],
)
def test_a_csv_cell_never_starts_a_formula(text: str, cell: str) -> None:
    assert csv_cell(text) == cell
