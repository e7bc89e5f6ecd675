"""The card to share (render/card.py): a valid 1080 x 1350 PNG, text wrapped by measured width and kept inside the
card, long steps shortened at a clause, the same bytes for the same report, and `-o card.png` from the CLI."""

from __future__ import annotations

import io
import itertools
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang
from aiexposure.render import card
from aiexposure.render.output import Format, format_from_suffix, render
from clirun import run_cli

PACK = load_pack(default_rules_dir())
DAY = date(2026, 12, 7)
# a courier whose first steps are the longest in the pack in Indonesian (over 1,000 characters for three)
COURIER = {
    "ai_use": "daily", "ai_tasks": "remote,routing", "lost_work": "some", "platform_pay": "same", "upskill": "both",
    "city": "city", "vehicle": "motorbike", "dispatch": "mixed", "income_share": "all", "alt_skills": "ready",
}  # fmt: skip


def report(role: str, lang: Lang, tasks: dict[str, int] | None = None, answers: dict[str, str] | None = None) -> Report:
    return Report(assess(PACK, resolve(PACK, role, tasks, answers or {})), lang, day=DAY)


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.verify()  # a complete, valid PNG: every chunk and its checksum
    return Image.open(io.BytesIO(data))


# --- wrapping and shortening ----------------------------------------------------------------------------------


def test_wrap_breaks_between_words_at_the_measured_width() -> None:
    face = card.font(40)
    two = face.getlength("aa aa")
    assert card.wrap("aa aa aa", face, two) == ["aa aa", "aa"]
    assert card.wrap("aa aa aa", face, two - 1) == ["aa", "aa", "aa"]
    assert card.wrap("  aa \n aa  ", face, 10_000) == ["aa aa"]
    assert card.wrap("", face, 100) == []
    # a single word wider than the line is the one thing split (running off the card would hide more of it)
    assert card.wrap("aaaaaaaa", face, face.getlength("aaaa")) == ["aaaa", "aaaa"]


def test_wrap_keeps_every_word_of_a_long_indonesian_step_whole_and_inside_the_width() -> None:
    text = max((step.text for step in report("courier", "id", answers=COURIER).first_steps()), key=len)
    assert len(text) > 200
    face, width = card.font(40), card.INNER - card.STEP_INDENT
    lines = card.wrap(text, face, width)
    assert " ".join(lines).split() == text.split()  # no word cut, none lost
    assert all(face.getlength(line) <= width for line in lines)
    assert all(face.getlength(f"{line} {nxt.split()[0]}") > width for line, nxt in itertools.pairwise(lines))


def test_shorten_drops_the_last_sentence_or_clause_then_the_last_comma_phrase() -> None:
    assert card.shorten("Do one thing. Then another; and a third.") == "Do one thing. Then another…"
    assert card.shorten("Do one thing. Then another…") == "Do one thing…"
    assert card.shorten("Start today, note every trip, keep the receipts") == "Start today, note every trip…"
    assert card.shorten("One phrase only") is None
    # the versions a step is tried in: clause cuts while six words remain, then a word at a time, never ending on a
    # short word ('to', 'ke', 'dan')
    assert card._versions("Start today, write down every trip you take and what it paid to you") == [
        ("Start today, write down every trip you take and what it paid to you", True),
        ("Start today, write down every trip you take and what it paid…", False),
        ("Start today, write down every trip you take and what…", False),
        ("Start today, write down every trip you take…", False),
        ("Start today, write down every trip…", False),
        ("Start today, write down every…", False),
        ("Start today, write down…", False),
        ("Start today, write…", False),
        ("Start today…", False),
        ("Start…", False),
    ]
    assert [t for t, clause in card._versions("One. Two three four five six seven. Eight nine.") if clause] == [
        "One. Two three four five six seven. Eight nine.",
        "One. Two three four five six seven…",
    ]


# --- what the card holds --------------------------------------------------------------------------------------


def test_the_card_is_a_phone_shaped_png_and_the_same_report_gives_the_same_bytes() -> None:
    first = card.render_card(report("writer", "en"))
    image = png(first)
    assert (image.format, image.size, image.mode) == ("PNG", (1080, 1350), "RGB")
    assert card.render_card(report("writer", "en")) == first
    assert card.render_card(report("writer", "id")) != first  # the reader's language


@pytest.mark.parametrize(
    ("role", "lang", "answers"),
    [("courier", "id", COURIER), ("courier", "en", COURIER), ("driver", "id", {"city": "metro"}), ("writer", "en", {})],
)
def test_nothing_is_drawn_outside_the_margins(role: str, lang: Lang, answers: dict[str, str]) -> None:
    image = png(card.render_card(report(role, lang, answers=answers))).convert("RGB")
    pixels = image.load()
    assert pixels is not None
    white = (255, 255, 255)
    header = next(y for y in range(card.HEIGHT) if pixels[card.WIDTH - 2, y] == white)  # the dark band's end
    right = [pixels[x, y] for x in range(card.WIDTH - card.MARGIN + 1, card.WIDTH) for y in range(header, card.HEIGHT)]
    bottom = [pixels[x, y] for x in range(card.WIDTH) for y in range(card.HEIGHT - 24, card.HEIGHT)]
    assert set(right) == {white} and set(bottom) == {white}


class LongNames(Report):
    """A pack with long names for the verdict and the band (another language, a longer wording)."""

    @property
    def verdict_label(self) -> str:
        return "Under pressure, but adapting faster than most people in this trade"

    @property
    def band_label(self) -> str:
        return "considerably higher than average"


def test_long_verdict_and_band_names_stay_inside_the_card() -> None:
    long = LongNames(assess(PACK, resolve(PACK, "writer", None, {})), "en", day=DAY)
    pixels = png(card.render_card(long)).convert("RGB").load()
    assert pixels is not None
    right = {pixels[x, y] for x in range(card.WIDTH - card.MARGIN + 1, card.WIDTH) for y in range(200, card.HEIGHT)}
    assert right == {(255, 255, 255)}


def test_long_steps_fit_at_the_smallest_size_shortened_at_a_clause() -> None:
    courier = report("courier", "id", answers=COURIER)
    full = [step.text for step in courier.first_steps()]
    body, texts, numbered = card.plan(courier)
    assert (body, numbered, len(texts)) == (card.BODY_SIZES[-1], True, 3)
    for shown, whole in zip(texts, full, strict=True):
        assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1]))
    assert texts != full  # these do not fit whole
    # cut after a sentence, a clause or a comma where one fits: never inside a phrase when a shorter whole one fits
    for shown, whole in zip(texts, full, strict=True):
        if shown != whole:
            assert shown in [text for text, _ in card._versions(whole)] and card.shorten(whole) is not None
    # short steps are left whole, at the largest size that fits them
    for answers in ({}, {"ai_use": "daily"}):
        writer = report("writer", "en", answers=answers)
        body, texts, _ = card.plan(writer)
        given = [step.text for step in writer.first_steps()]
        assert texts == given
        assert card.steps_height(given, body, True) <= card.steps_room(writer)
        larger = [size for size in card.BODY_SIZES if size > body]
        assert all(card.steps_height(given, size, True) > card.steps_room(writer) for size in larger)


def test_what_was_assumed_in_a_few_words_in_both_languages() -> None:
    assert card._assumed(report("driver", "en", answers={"city": "metro", "vehicle": "motorbike"})) == (
        "Not given, so the usual was assumed: your time per task, 8 of 10 answers"
    )
    assert card._assumed(
        report("driver", "id", {"rides": 60, "food": 40}, {"city": "metro", "vehicle": "motorbike"})
    ) == ("Belum kamu isi, jadi dipakai yang umum: 8 dari 10 jawaban")
    every = {q: str(v) for q, v in resolve(PACK, "writer", None, {}).values.items() if isinstance(v, str)}
    given = resolve(PACK, "writer", {"drafting": 1}, {**every, "ai_tasks": [], "human_edge": []})
    assert card._assumed(Report(assess(PACK, given), "en")) is None


# --- from the command line ------------------------------------------------------------------------------------


def test_png_is_the_cards_suffix() -> None:
    assert format_from_suffix("card.png") is Format.card
    assert format_from_suffix("KARTU.PNG") is Format.card
    with pytest.raises(UserError) as caught:
        format_from_suffix("card.jpg", PACK)
    assert ".html, .png" in caught.value.message


def test_assess_writes_the_card_atomically(tmp_path: Path) -> None:
    out = tmp_path / "kartu.png"
    done = run_cli(tmp_path, "--lang", "id", "assess", "--role", "driver", "--answer", "city=metro", "-o", "kartu.png")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Laporan disimpan di kartu.png\n"
    assert png(out.read_bytes()).size == (1080, 1350)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kartu.png"]  # no temporary file left


def test_a_card_is_not_poured_onto_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = assess(PACK, resolve(PACK, "writer", None, {}))
    with pytest.raises(UserError) as caught:
        render(result, "en", Format.card, False, None)
    assert caught.value.message == (
        "The card is an image; give it a file name ending in .png with --output (for example: -o card.png)."
    )
