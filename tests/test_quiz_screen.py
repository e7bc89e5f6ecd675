"""What the quiz's prompts draw, read off a screen of a given width while they are driven through a pipe.

`Screen` is a prompt_toolkit output that keeps what a terminal would show. Each time a prompt finishes drawing
(it flushes), the screen as it then stands is kept as a frame and the next key is typed, as a person types after
looking: so every key's effect is drawn, and a list that disappears once answered can be checked too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from aiexposure.model.raw_answers import RawAnswers
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang
from aiexposure.quiz.menus import question_lines
from aiexposure.quiz.prompts import Prompter
from aiexposure.quiz.run import run_quiz

PACK = load_pack(default_rules_dir())
DOWN, UP, ENTER, SPACE, CTRL_C, BACKSPACE = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x7f"
# what questionary and prompt_toolkit say in English of their own; none of it may reach an Indonesian screen
LIBRARY_ENGLISH = ["Description", "Answer", "done", "selections?", "arrow keys", "toggle", "invert", "Cancelled"]


class Screen(DummyOutput):
    """A terminal `columns` wide: the prompt's writes and cursor moves land on lines of characters.

    `keys` are typed into `pipe` one at a time, each once the screen is drawn; after the last, the pipe is closed,
    so a prompt that asks for more ends with EOFError instead of waiting forever.
    """

    def __init__(self, columns: int, pipe: PipeInput, keys: Sequence[str], rows: int = 40) -> None:
        self.columns, self.rows, self.pipe, self.keys = columns, rows, pipe, list(keys)
        self.lines: list[list[str]] = [[]]
        self.row = self.column = 0
        self.frames: list[str] = []
        self.drawing = False

    def get_size(self) -> Size:
        return Size(rows=self.rows, columns=self.columns)

    def _at(self, row: int) -> list[str]:
        while len(self.lines) <= row:
            self.lines.append([])
        return self.lines[row]

    def write(self, data: str) -> None:
        for char in data:
            if char == "\r":
                self.column = 0
            elif char == "\n":
                self.row += 1
                self._at(self.row)
            else:
                line = self._at(self.row)
                line.extend(" " * (self.column + 1 - len(line)))
                line[self.column] = char
                self.column += 1

    def cursor_up(self, amount: int) -> None:
        self.row = max(0, self.row - amount)

    def cursor_down(self, amount: int) -> None:
        self.row += amount
        self._at(self.row)

    def cursor_forward(self, amount: int) -> None:
        self.column += amount

    def cursor_backward(self, amount: int) -> None:
        self.column = max(0, self.column - amount)

    def erase_end_of_line(self) -> None:
        del self._at(self.row)[self.column :]

    def erase_down(self) -> None:
        self.erase_end_of_line()
        del self.lines[self.row + 1 :]

    def hide_cursor(self) -> None:
        self.drawing = True  # prompt_toolkit starts each drawing so; its other flushes (a reset) are not one

    def flush(self) -> None:
        if not self.drawing:
            return
        self.drawing = False
        if not self.frames or self.frames[-1] != self.text:
            self.frames.append(self.text)
        if self.keys:
            self.pipe.send_text(self.keys.pop(0))
        elif not self.pipe.closed:
            self.pipe.close()

    @property
    def text(self) -> str:
        """The screen as it stands, trailing spaces dropped."""
        return "\n".join("".join(line).rstrip() for line in self.lines).rstrip("\n")


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def prompter(
    pipe: PipeInput, keys: Sequence[str], lang: Lang = "id", columns: int = 80, rows: int = 40
) -> tuple[Prompter, Screen]:
    """A Prompter drawing on a screen `columns` wide, `keys` typed one by one."""
    screen = Screen(columns, pipe, keys, rows)
    return Prompter(Texts(PACK, lang), stream=io.StringIO(), input=pipe, output=screen), screen


def words(text: str) -> set[str]:
    """The words in `text`, lower case, without digits or punctuation."""
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _indonesian(node: Any) -> Iterator[str]:
    """Every Indonesian text in a pack file, less its placeholders, options and code (`{answer}`, `--answer`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                yield re.sub(r"\{[^}]*\}|--[\w-]+|`[^`]*`", " ", value)
            else:
                yield from _indonesian(value)
    elif isinstance(node, list):
        for item in node:
            yield from _indonesian(item)


# every word the pack says in Indonesian: a word on an Indonesian quiz's screen comes from here, or it leaked
INDONESIAN = {
    word
    for path in sorted(default_rules_dir().glob("*.yaml"))
    for text in _indonesian(yaml.safe_load(path.read_text(encoding="utf-8")))
    for word in words(text)
}


def test_the_vocabulary_holds_none_of_the_libraries_english() -> None:
    # else the check below could not catch it
    assert {"description", "answer", "done", "selections", "selection", "toggle", "arrow"} & INDONESIAN == set()
    assert {"pilih", "tombol", "dipilih", "tidak", "ada"} <= INDONESIAN


def check_screen(screen: Screen) -> None:
    """No frame of an Indonesian prompt holds a word the pack did not give, a library's English, or a line wider
    than the screen."""
    assert screen.frames
    for frame in screen.frames:
        assert words(frame) - INDONESIAN == set(), frame
        for english in LIBRARY_ENGLISH:
            assert not re.search(rf"\b{english}\b", frame, re.IGNORECASE), frame
        assert max(len(line) for line in frame.split("\n")) < screen.columns, frame


WRITER_KEYS = [
    *[DOWN, DOWN, UP, UP, ENTER],  # role: the descriptions of three roles on the way, then the writer
    ENTER,  # the typical split
    ENTER,  # ai_use at its default
    *[SPACE, DOWN, SPACE, ENTER],  # ai_tasks: two ticked
    *[ENTER, ENTER],  # clients, output
    *[SPACE, ENTER],  # human_edge: one ticked
    *[ENTER] * 6,  # the rest of the questions at their defaults
    ENTER,  # review: show my report
    *[DOWN, ENTER],  # save it
    ENTER,  # under the offered file name
    ENTER,  # not kept on this computer
]


@pytest.mark.parametrize("columns", [80, 50])
def test_an_indonesian_quiz_shows_only_the_packs_indonesian(
    pipe: PipeInput, tmp_path: Path, monkeypatch: Any, columns: int
) -> None:
    monkeypatch.chdir(tmp_path)
    ask, screen = prompter(pipe, WRITER_KEYS, columns=columns)
    run_quiz(PACK, "id", RawAnswers(), None, None, prompter=ask)
    check_screen(screen)
    seen = " ".join(" ".join(screen.frames).split())
    # the description under the list, for each role the pointer reached, and only those
    for role in ("writer", "designer", "translator"):
        assert " ".join(PACK.roles[role].description.id.split()) in seen
    assert " ".join(PACK.roles["driver"].description.id.split()) not in seen
    # once answered, a checkbox says what was ticked in the pack's words: how many, or the one ticked
    final = " ".join(screen.text.split())
    ai_tasks, human_edge = (PACK.questions[q].prompt.id for q in ("ai_tasks", "human_edge"))
    assert f"4/13 {ai_tasks} 2 dipilih ?" in final
    assert f"7/13 {human_edge} {PACK.questions['human_edge'].options['empathy'].label.id} ?" in final
    assert "? Nama berkas, diakhiri .txt, .md, .json, .html, .png (biarkan kosong untuk melewati): " in final
    (saved,) = tmp_path.iterdir()
    assert f"melewati): {saved.name} ?" in final and saved.name.startswith("aiexposure-penulis-")


def test_an_unticked_checkbox_says_none_in_the_quiz_language(pipe: PipeInput) -> None:
    choices = [("Mengantar penumpang", "rides"), ("Antar makanan dan paket", "food")]
    ask, screen = prompter(pipe, [SPACE, SPACE, ENTER])  # ticked and unticked again
    assert ask.checkbox("Tugas mana?", choices, []) == []
    assert screen.text == "? Tugas mana? tidak ada"
    check_screen(screen)


def test_a_checkbox_starts_with_the_given_values_ticked(pipe: PipeInput) -> None:
    choices = [("Satu", "one"), ("Dua", "two"), ("Tiga", "three")]
    ask, screen = prompter(pipe, [DOWN, SPACE, ENTER])  # unticks the second
    assert ask.checkbox("Yang mana?", choices, ["two", "three"]) == ["three"]
    first = screen.frames[0].split("\n")
    assert first[-3:] == [" » ○ Satu", "   ● Dua", "   ● Tiga"]
    assert screen.text == "? Yang mana? Tiga"  # one ticked: its label


def test_a_checkbox_in_english_counts_what_was_ticked(pipe: PipeInput) -> None:
    choices = [("One", "one"), ("Two", "two"), ("Three", "three")]
    ask, screen = prompter(pipe, [SPACE, DOWN, DOWN, SPACE, ENTER], lang="en")
    assert ask.checkbox("Which?", choices, []) == ["one", "three"]
    assert screen.text == "? Which? 2 chosen"
    assert "(arrow keys to move, Space to tick, Enter when done; none is fine)" in screen.frames[0]


def test_a_select_starts_at_its_default_and_goes_round(pipe: PipeInput) -> None:
    choices = [("Satu", 1), ("Dua", 2), ("Tiga", 3)]
    ask, screen = prompter(pipe, [DOWN, ENTER])  # from the last, down goes round to the first
    assert ask.select("Berapa?", choices, default=3) == 1
    assert " » Tiga" in screen.frames[0] and " » Satu" in screen.frames[-2]
    assert screen.text == "? Berapa? Satu"
    with create_pipe_input() as again:
        ask, screen = prompter(again, [UP, ENTER])
        assert ask.select("Berapa?", choices) == 3  # and up from the first to the last


def test_a_description_wraps_at_words_under_the_list_at_50_columns(pipe: PipeInput) -> None:
    note = "Kamu mengantar penumpang, makanan, atau barang lewat aplikasi seperti Gojek atau Grab, dengan motor."
    choices = [("Penulis", "writer"), ("Pengemudi ojol atau taksi online", "driver")]
    ask, screen = prompter(pipe, [DOWN, ENTER], columns=50)
    assert ask.select("Apa pekerjaan utamamu?", choices, descriptions=["Kamu menulis.", note]) == "driver"
    shown = screen.frames[-2].split("\n")  # the pointer on the driver, just before Enter
    assert shown[-5:] == [
        "   Penulis",
        " » Pengemudi ojol atau taksi online",
        "  Kamu mengantar penumpang, makanan, atau barang",
        "  lewat aplikasi seperti Gojek atau Grab, dengan",
        "  motor.",
    ]
    assert "Kamu menulis." in screen.frames[0]
    # the list and the note gone; the answer does not fit after the question in 49 columns: a line of its own
    assert screen.text == "? Apa pekerjaan utamamu?\n  Pengemudi ojol atau taksi online"
    check_screen(screen)


def test_a_long_question_and_answer_wrap_at_words(pipe: PipeInput) -> None:
    message = "Berapa banyak waktu kerjamu yang dipakai untuk: Melayani pelanggan dan mengenal wilayah setempat?"
    choices = [("Tidak sama sekali", "none"), ("Sebagian besar waktuku", "most")]
    ask, screen = prompter(pipe, [DOWN, ENTER], columns=50)
    ask.select(message, choices)
    assert screen.frames[0].split("\n")[:4] == [
        "? Berapa banyak waktu kerjamu yang dipakai untuk:",
        "  Melayani pelanggan dan mengenal wilayah",
        "  setempat?",
        "  (tombol panah untuk berpindah, Enter untuk",
    ]
    # the answer fits after the question's last line: it goes there
    assert screen.text.split("\n") == [
        "? Berapa banyak waktu kerjamu yang dipakai untuk:",
        "  Melayani pelanggan dan mengenal wilayah",
        "  setempat? Sebagian besar waktuku",
    ]
    check_screen(screen)


def test_a_long_choice_wraps_under_its_own_start(pipe: PipeInput) -> None:
    title = "Aku dipekerjakan perusahaan yang memberi tugasnya lewat aplikasi"
    ask, screen = prompter(pipe, [ENTER], columns=48)
    ask.select("Bagaimana?", [(title, "a"), ("Semua lewat aplikasi", "b")])
    assert screen.frames[0].split("\n")[-3:] == [
        " » Aku dipekerjakan perusahaan yang memberi",
        "   tugasnya lewat aplikasi",
        "   Semua lewat aplikasi",
    ]


def test_ctrl_c_leaves_the_question_alone_on_the_screen(pipe: PipeInput) -> None:
    ask, screen = prompter(pipe, [DOWN, CTRL_C])
    with pytest.raises(KeyboardInterrupt):
        ask.select("Apa pekerjaan utamamu?", [("Penulis", 1), ("Kurir", 2)], descriptions=["Menulis.", "Mengantar."])
    assert screen.text == "? Apa pekerjaan utamamu?"


def test_a_line_of_text_offers_its_default_and_wraps_its_question(pipe: PipeInput) -> None:
    message = "Nama berkas, diakhiri .txt, .md, .json, .html, .png (biarkan kosong untuk melewati):"
    ask, screen = prompter(pipe, [BACKSPACE, BACKSPACE, *"html", ENTER], columns=50)
    assert ask.text(message, "laporan.md") == "laporan.html"
    assert screen.text.split("\n") == [
        "? Nama berkas, diakhiri .txt, .md, .json, .html,",
        "  .png (biarkan kosong untuk melewati):",
        "  laporan.html",
    ]
    assert words(screen.text) <= INDONESIAN  # (a frame while typing holds half a word)


@pytest.mark.parametrize("key", [CTRL_C, "\x04"])
def test_ctrl_c_or_ctrl_d_in_a_line_of_text_cancels(pipe: PipeInput, key: str) -> None:
    # Ctrl-D too, though a line with text in it would otherwise take it as "delete the next character"
    ask, screen = prompter(pipe, [key])
    with pytest.raises(KeyboardInterrupt):
        ask.text("Nama berkas:", "laporan.md")
    assert screen.frames[0] == "? Nama berkas: laporan.md"


def test_a_list_taller_than_the_screen_keeps_the_pointer_in_sight(pipe: PipeInput) -> None:
    ask, screen = prompter(pipe, [UP, ENTER], columns=50, rows=10)  # up from the first goes round to the last
    assert ask.select("Yang mana?", [(f"Pilihan {n}", n) for n in range(15)]) == 14
    first, last = (frame.split("\n") for frame in screen.frames[:2])
    assert (len(first), first[3], first[-1]) == (10, " » Pilihan 0", "   Pilihan 6")
    assert (len(last), last[3], last[-1]) == (10, "   Pilihan 8", " » Pilihan 14")


def test_an_answer_goes_after_the_question_while_it_fits() -> None:
    def shown(answer: str) -> str:
        return "".join(text for _, text, *_ in question_lines("Berapa?", 20, answer))

    assert shown("a" * 10) == "? Berapa? " + "a" * 10  # 20 columns exactly
    assert shown("a" * 11) == "? Berapa?\n  " + "a" * 11
    assert shown("satu dua tiga empat lima") == "? Berapa?\n  satu dua tiga\n  empat lima"
