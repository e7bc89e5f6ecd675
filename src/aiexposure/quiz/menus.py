"""The quiz's own prompts on prompt_toolkit's public API: a list to pick one answer, a list to tick any number,
and a line of text.

Every word they show is given by the caller, from the pack, so no library's English reaches the screen. They
wrap at word breaks to the terminal's width each time they are drawn, so a resized window is wrapped anew.
Imported only when the quiz runs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application, get_app
from prompt_toolkit.filters import Condition, is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Layout, Window
from prompt_toolkit.lexers import SimpleLexer
from prompt_toolkit.styles import Style

STYLE = Style.from_dict(
    {
        "qmark": "fg:#5f819d",
        "question": "bold",
        "answer": "fg:#ff9d00 bold",
        "pointer": "fg:#ff9d00 bold",
        "highlighted": "bold",
        "checked": "fg:#ff9d00",
    }
)
POINTER, CHECKED, UNCHECKED = "»", "●", "○"

CANCEL = KeyBindings()


@CANCEL.add("c-c")
@CANCEL.add("c-d")
@CANCEL.add("<sigint>")
def _cancel(event: KeyPressEvent) -> None:
    """Ctrl-C, Ctrl-D and a SIGINT sent by another program (`kill -INT`) leave the quiz.

    During a prompt, prompt_toolkit turns SIGINT into the `<sigint>` key; the caller turns KeyboardInterrupt into
    the quiz's own cancelled message.
    """
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def screen_width() -> int:
    """Columns to wrap at: the running prompt's terminal, less one so a full line never makes the terminal wrap."""
    return max(20, get_app().output.get_size().columns - 1)


def question_lines(message: str, width: int, answer: str | None = None) -> StyleAndTextTuples:
    """'? ' and the question wrapped at word breaks under its start; once answered, the answer after it, or on
    lines of its own when it does not fit after the question's last line."""
    text = textwrap.fill(message, width, initial_indent="? ", subsequent_indent="  ", break_long_words=False)
    tokens: StyleAndTextTuples = [("class:qmark", "?"), ("class:question", text[1:])]
    if answer is None:
        return tokens
    last = text.rsplit("\n", 1)[-1]
    if len(last) + 1 + len(answer) <= width:
        return [*tokens, ("", " "), ("class:answer", answer)]
    return [*tokens, ("", "\n"), ("class:answer", indented(answer, width))]


def indented(text: str, width: int, indent: int = 2) -> str:
    """`text` wrapped at word breaks, every line starting `indent` columns in."""
    pad = " " * indent
    return textwrap.fill(text, width, initial_indent=pad, subsequent_indent=pad, break_long_words=False)


def choice_lines(title: str, indent: int, width: int) -> str:
    """A choice's title wrapped at word breaks under its own start; `indent`: the columns the pointer (and a
    checkbox's mark) take before it."""
    return indented(title, width, indent)[indent:]


@dataclass
class Menu:
    """What one list shows and where its pointer is; `checked` is None for a list that picks one.

    `answer`: what the question shows once answered, made from the places chosen.
    """

    message: str
    hint: str
    titles: Sequence[str]
    notes: Sequence[str | None]
    answer: Callable[[list[int]], str]
    pointer: int = 0
    checked: set[int] | None = None
    done: bool = False

    def picked(self) -> list[int]:
        """The chosen places in list order: the ticked ones, or the pointed one."""
        if self.checked is None:
            return [self.pointer]
        return sorted(self.checked)

    def head(self) -> StyleAndTextTuples:
        """The question, then the hint while asking, or the answer once given (the question alone once cancelled)."""
        width = screen_width()
        if self.done:
            return question_lines(self.message, width, self.answer(self.picked()))
        if get_app().is_done:
            return question_lines(self.message, width)
        return [*question_lines(self.message, width), ("", "\n"), ("class:instruction", indented(self.hint, width))]

    def rows(self) -> StyleAndTextTuples:
        """The choices, the pointed one marked; the cursor sits on it so a list taller than the screen scrolls."""
        width = screen_width()
        tokens: StyleAndTextTuples = []
        for place, title in enumerate(self.titles):
            here = place == self.pointer
            tokens.append(("class:pointer", f" {POINTER} ") if here else ("", "   "))
            if here:
                tokens.append(("[SetCursorPosition]", ""))
            indent = 3
            if self.checked is not None:
                ticked = place in self.checked
                tokens.append(("class:checked", f"{CHECKED} ") if ticked else ("", f"{UNCHECKED} "))
                indent = 5
            style = "class:highlighted" if here else ""
            tokens.append((style, choice_lines(title, indent, width)))
            tokens.append(("", "\n"))
        return tokens[:-1]

    def note(self) -> str:
        """The pointed choice's note (a role's description), wrapped under the list."""
        note = self.notes[self.pointer]
        return indented(note, screen_width()) if note else ""

    def move(self, step: int) -> None:
        """The pointer one up or down, round from the last to the first and back."""
        self.pointer = (self.pointer + step) % len(self.titles)

    def toggle(self) -> None:
        """Tick the pointed choice, or untick it."""
        if self.checked is not None:
            self.checked ^= {self.pointer}


def ask_menu(menu: Menu, io: dict[str, Any]) -> list[int]:
    """Show `menu` until Enter; returns the places chosen. Arrows (or j/k, Ctrl-N/Ctrl-P) move, Space ticks.

    `io`: prompt_toolkit's `input` and `output`, given by tests that drive the quiz through a pipe.
    """
    keys = KeyBindings()

    @keys.add("up")
    @keys.add("k")
    @keys.add("c-p")
    def _up(event: KeyPressEvent) -> None:
        menu.move(-1)

    @keys.add("down")
    @keys.add("j")
    @keys.add("c-n")
    def _down(event: KeyPressEvent) -> None:
        menu.move(1)

    @keys.add("space")
    def _toggle(event: KeyPressEvent) -> None:
        menu.toggle()

    @keys.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        menu.done = True  # drawn once more as answered before the application ends
        event.app.exit(result=menu.picked())

    rows = Window(FormattedTextControl(menu.rows, focusable=True, show_cursor=False), dont_extend_height=True)
    asking = ~is_done  # answered or cancelled: only the question (and its answer) stays on the screen
    layout = HSplit(
        [
            Window(FormattedTextControl(menu.head, show_cursor=False), dont_extend_height=True, wrap_lines=True),
            ConditionalContainer(rows, filter=asking),
            ConditionalContainer(
                Window(FormattedTextControl(menu.note, show_cursor=False), dont_extend_height=True, wrap_lines=True),
                filter=asking & Condition(lambda: bool(menu.notes[menu.pointer])),
            ),
        ]
    )
    app: Application[list[int]] = Application(
        layout=Layout(layout, focused_element=rows), key_bindings=merge_key_bindings([keys, CANCEL]), style=STYLE, **io
    )
    return app.run()


def ask_line(message: str, default: str, io: dict[str, Any]) -> str:
    """A line of text, `default` typed in already; the answer starts a line of its own when it would not fit."""

    def prompt() -> StyleAndTextTuples:
        width = screen_width()
        text = question_lines(message, width)
        last = "".join(t for _, t, *_ in text).rsplit("\n", 1)[-1]
        return [*text, ("", " " if len(last) + 1 + max(len(default), 20) <= width else "\n  ")]

    session: PromptSession[str] = PromptSession(
        prompt, key_bindings=CANCEL, style=STYLE, lexer=SimpleLexer("class:answer"), **io
    )
    return session.prompt(default=default)
