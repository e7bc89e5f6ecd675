"""The card: one phone-shaped image (1080 x 1350 PNG) to share in a chat, with the verdict, the risk on its bands
with the range, the first steps, the role and the date, in the reader's language.

Type is big (body text 40 px or more) so it stays legible when a chat app shows the image 400 px wide. Text is
wrapped between words by measured width. Steps that do not fit at the smallest size are shortened at the end of a
sentence or clause, with an ellipsis, the longest first. Everything comes from `Report`; nothing is scored here.
The fonts (DejaVu Sans, free licence in fonts/) ship with the package: no network, the same pixels everywhere.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from aiexposure.model.report import Report, widened

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

WIDTH, HEIGHT = 1080, 1350  # 4:5, the tallest shape chat apps show whole
MARGIN = 64
INNER = WIDTH - 2 * MARGIN
BODY_SIZES = (46, 44, 42, 40)  # the steps' text, largest that fits; 40 px reads as 15 px on a 400 px thumbnail
STEP_INDENT = 76  # room for the step's number in its circle
GAP = 28  # between blocks
STEP_GAP = 14
FEWEST_WORDS = 6  # a clause shorter than this ("Start today…") says less than the same step cut at a word

INK, MUTED, PAPER, SOFT, HEAD, HEAD_MUTED = "#1d2330", "#545d6d", "#ffffff", "#f1f3f6", "#1d2330", "#c9d1dc"
BAND_COLOURS = ("#4c9a5f", "#d9b310", "#e07b24", "#c2362f")  # as the HTML report's bands, lowest to highest
_CLAUSE = re.compile(r"(?<=[.;:!?])\s+")  # where a step may be shortened: after a sentence or a clause,
_COMMA = re.compile(r"(?<=,)\s+")  # else after a comma


@cache
def font(size: int, bold: bool = False) -> FreeTypeFont:
    """DejaVu Sans at `size` px: it covers every letter of English and Indonesian, dashes, arrows and quotes."""
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with files("aiexposure.render").joinpath("fonts", name).open("rb") as handle:
        return ImageFont.truetype(io.BytesIO(handle.read()), size)


def wrap(text: str, face: FreeTypeFont, width: float) -> list[str]:
    """`text` in lines no wider than `width`, broken between words only.

    A single word wider than the whole line (a long web address) is the one exception: it is split where it must be,
    since running off the card would hide more of it.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:
            cut = max(1, max(i for i in range(1, len(word) + 1) if face.getlength(word[:i]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def shorten(text: str) -> str | None:
    """`text` without its last sentence or clause (else its last comma's phrase), ending in an ellipsis; None when
    it is one phrase."""
    text = text.rstrip(" …")
    for boundary in (_CLAUSE, _COMMA):
        parts = boundary.split(text)
        if len(parts) >= 2:
            return " ".join(parts[:-1]).rstrip(" .;:,!?") + "…"
    return None


def band_colour(number: int, count: int) -> str:
    """One of four colours, from the lowest band to the highest, whatever the number of bands."""
    return BAND_COLOURS[0 if count <= 1 else round(3 * number / (count - 1))]


@dataclass
class _Pen:
    """Where the next line goes; draws only when given an ImageDraw (else it only measures)."""

    draw: ImageDraw | None
    y: float = 0.0

    def lines(self, lines: list[str], face: FreeTypeFont, fill: str, x: float = MARGIN, leading: float = 1.28) -> None:
        for line in lines:
            if self.draw is not None:
                self.draw.text((x, self.y), line, font=face, fill=fill)
            self.y += face.size * leading

    def text(self, text: str, face: FreeTypeFont, fill: str, x: float = MARGIN, width: float = INNER) -> None:
        self.lines(wrap(text, face, width), face, fill, x)


def _assumed(report: Report) -> str | None:
    """A few words on what was assumed, or None when the person gave everything."""
    answers = report.result.answers
    what = []
    if answers.typical_mix:
        what.append(report.t("card_assumed_mix"))
    if answers.assumed:
        what.append(report.t("card_assumed_answers", count=len(answers.assumed), total=len(answers.values)))
    return report.t("card_assumed", what=", ".join(what)) if what else None


def _title_font(report: Report) -> FreeTypeFont:
    """The title on one line if it can be (42 px down to 34), else at 34 px on two."""
    return fitted(report.title, 42, INNER, 34, bold=True)


def _header(report: Report, pen: _Pen) -> None:
    top = pen.y
    title, role = _title_font(report), font(36)
    who = [f"{report.role_label} · {report.when()}"]
    if role.getlength(who[0]) > INNER:  # the date on a line of its own rather than split
        who = [*wrap(report.role_label, role, INNER), report.when()]
    lines = len(wrap(report.title, title, INNER)) * title.size + len(who) * role.size
    height = 32 + lines * 1.28 + 24
    if pen.draw is not None:
        pen.draw.rectangle((0, top, WIDTH, top + height), fill=HEAD)
    pen.y = top + 32
    pen.text(report.title, title, PAPER)
    pen.lines(who, role, HEAD_MUTED)
    pen.y = top + height + GAP


def fitted(text: str, size: int, width: float, smallest: int, bold: bool = False) -> FreeTypeFont:
    """The font at `size`, or smaller (down to `smallest`) until `text` fits on one line of `width`."""
    while size > smallest and font(size, bold).getlength(text) > width:
        size -= 2
    return font(size, bold)


def _verdict_and_risk(report: Report, pen: _Pen) -> None:
    label = font(40)
    said = report.t("verdict") + ":"
    room = INNER - label.getlength(said) - 20
    verdict = fitted(report.verdict_label, 64, room, 40, bold=True)
    if verdict.getlength(report.verdict_label) <= room:  # 'Verdict: Threat' on one baseline
        if pen.draw is not None:
            pen.draw.text((MARGIN, pen.y + 64), said, font=label, fill=MUTED, anchor="ls")
            pen.draw.text((MARGIN + label.getlength(said) + 20, pen.y + 64), report.verdict_label, font=verdict,
                          fill=INK, anchor="ls")  # fmt: skip
        pen.y += 64 + 16 + GAP
    else:  # a pack's long verdict name: under its label, wrapped
        pen.text(said, label, MUTED)
        pen.text(report.verdict_label, font(52, bold=True), INK)
        pen.y += GAP
    pen.text(report.score_label("risk"), font(36), MUTED)
    spans = report.bands()
    here = next(i for i, span in enumerate(spans) if span.here)
    colour = band_colour(here, len(spans))
    number, out_of = font(112, bold=True), font(46)
    value = report.num(report.result.risk.value)
    low, high = widened(report.range_of("risk"))
    band_text = report.t("card_band", band=report.band_label)
    range_text = report.t("range", low=report.num(low, 0), high=report.num(high, 0)) if low != high else ""
    top = pen.y
    left = MARGIN + number.getlength(value) + 8
    right = left + out_of.getlength("/100") + 40
    room = WIDTH - MARGIN - right
    beside = font(36, bold=True).getlength(band_text) <= room and font(36).getlength(range_text) <= room
    if pen.draw is not None:
        base = top + 100  # the number's baseline; '/100' and the range sit on it
        pen.draw.text((MARGIN, base), value, font=number, fill=colour, anchor="ls")
        pen.draw.text((left, base), "/100", font=out_of, fill=MUTED, anchor="ls")
        if beside:
            pen.draw.text((right, base - (52 if range_text else 0)), band_text,
                          font=fitted(band_text, 46, room, 36, True), fill=INK, anchor="ls")  # fmt: skip
            if range_text:
                pen.draw.text((right, base), range_text, font=fitted(range_text, 40, room, 36), fill=MUTED, anchor="ls")
    pen.y = top + 124
    if not beside:  # long names: the band and the range on lines of their own, under the number
        pen.y -= 8
        pen.text(band_text, font(42, bold=True), INK)
        if range_text:
            pen.text(range_text, font(40), MUTED)
    _bands(report, pen, low, high)


def _bands(report: Report, pen: _Pen, low: float, high: float) -> None:
    """The 0-100 scale in the bands' colours, the range as a bracket above it and a marker at the risk."""
    spans = report.bands()
    top, bar = pen.y + 22, 40

    def x_of(value: float) -> float:
        return MARGIN + INNER * max(0.0, min(100.0, value)) / 100

    if pen.draw is not None:
        draw = pen.draw
        for i, span in enumerate(spans):
            draw.rectangle((x_of(span.start), top, x_of(span.end), top + bar), fill=band_colour(i, len(spans)))
            face = font(30, bold=span.here)
            label = span.label
            room = x_of(span.end) - x_of(span.start) - 8
            size = 30
            while face.getlength(label) > room and size > 22:  # a narrow band gets a smaller label, not a cut one
                size -= 2
                face = font(size, bold=span.here)
            centre = (x_of(span.start) + x_of(span.end)) / 2
            draw.text((centre, top + bar + 8), label, font=face, fill=INK if span.here else MUTED, anchor="ma")
        if low != high:  # the range: a bracket just above the bar
            y = top - 12
            draw.line((x_of(low), y, x_of(high), y), fill=INK, width=5)
            for x in (x_of(low), x_of(high)):
                draw.line((x, y, x, top + 6), fill=INK, width=5)
        x = x_of(report.result.risk.value)
        draw.rectangle((x - 4, top - 6, x + 4, top + bar + 6), fill=INK, outline=PAPER, width=2)
    pen.y = top + bar + 8 + 30 * 1.28 + GAP


def steps_height(texts: list[str], body: int, numbered: bool) -> float:
    face = font(body)
    width = INNER - (STEP_INDENT if numbered else 0)
    return sum(len(wrap(t, face, width)) * body * 1.28 + STEP_GAP for t in texts)


def _steps(report: Report, pen: _Pen, texts: list[str], body: int, numbered: bool) -> None:
    pen.text(report.t("moves_heading"), font(46, bold=True), INK)
    pen.y += 6
    face, number = font(body), font(34, bold=True)
    for n, text in enumerate(texts, 1):
        if numbered and pen.draw is not None:
            r = 26
            cx, cy = MARGIN + r, pen.y + body * 0.62
            pen.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=INK)
            pen.draw.text((cx, cy), str(n), font=number, fill=PAPER, anchor="mm")
        indent = STEP_INDENT if numbered else 0
        pen.text(text, face, INK, x=MARGIN + indent, width=INNER - indent)
        pen.y += STEP_GAP


def _footer_height(report: Report) -> float:
    note = _assumed(report)
    height = 28 * 1.28
    if note:
        height += len(wrap(note, font(36), INNER - 48)) * 36 * 1.28 + 40 + 16
    return height


def _footer(report: Report, pen: _Pen) -> None:
    note = _assumed(report)
    pen.y = HEIGHT - MARGIN + 16 - _footer_height(report)
    if note:
        face = font(36)
        lines = wrap(note, face, INNER - 48)
        box = len(lines) * 36 * 1.28 + 40
        if pen.draw is not None:
            pen.draw.rounded_rectangle((MARGIN, pen.y, WIDTH - MARGIN, pen.y + box), 16, fill=SOFT)
        top = pen.y
        pen.y += 20
        pen.lines(lines, face, INK, x=MARGIN + 24)
        pen.y = top + box + 16
    pack = report.pack.pack
    pen.text(report.t("card_made", version=pack.version), font(28), MUTED)


def steps_room(report: Report) -> float:
    """The height the steps may take: from below their heading to above the footer."""
    measure = _Pen(None)
    _header(report, measure)
    _verdict_and_risk(report, measure)
    measure.text(report.t("moves_heading"), font(46, bold=True), INK)
    return HEIGHT - MARGIN - _footer_height(report) - GAP - (measure.y + 6)


def plan(report: Report) -> tuple[int, list[str], bool]:
    """The body size and the steps' texts that fit between the risk and the footer (shortened if they must)."""
    steps = [step.text for step in report.first_steps()]
    numbered = bool(steps)
    texts = steps or [report.t("no_moves")]
    room = steps_room(report)
    for body in BODY_SIZES:
        if steps_height(texts, body, numbered) <= room:
            return body, texts, numbered
    body = BODY_SIZES[-1]
    versions = [_versions(t) for t in texts]
    cut = [0] * len(texts)

    def fits() -> bool:
        return steps_height([v[i][0] for v, i in zip(versions, cut, strict=True)], body, numbered) <= room

    while not fits():  # the longest step loses its last clause, and only when none has one left, a word

        def cost(i: int) -> tuple[bool, float, int]:
            v, at = versions[i], cut[i]
            if at == len(v) - 1:
                return (False, -1.0, -i)  # nothing left to cut
            return (v[at + 1][1], steps_height([v[at][0]], body, numbered), -i)

        longest = max(range(len(versions)), key=cost)
        if cost(longest)[1] < 0:  # every step down to its first word: the last steps make way
            versions.pop()
            cut.pop()
            continue
        cut[longest] += 1
    for i in range(len(cut)):  # a cut of a whole line may have left room: give back what still fits
        while cut[i] > 0:
            cut[i] -= 1
            if not fits():
                cut[i] += 1
                break
    return body, [v[i][0] for v, i in zip(versions, cut, strict=True)], numbered


def _versions(text: str) -> list[tuple[str, bool]]:
    """`text`, then shorter and shorter: a sentence or clause fewer at a time while `FEWEST_WORDS` remain, then a
    word fewer; each with whether it was cut at a clause (a cut inside one reads worse, so it comes last)."""
    out = [(text, True)]
    while True:
        shorter = shorten(out[-1][0])
        if shorter is not None and len(shorter.split()) >= FEWEST_WORDS:
            out.append((shorter, True))
            continue
        words = out[-1][0].rstrip(" …").split()
        if len(words) <= 1:
            return out
        words.pop()
        while len(words) > 1 and len(words[-1].strip(".,;:!?")) <= 3:  # not on 'to', 'of', 'ke', 'di', 'dan'
            words.pop()
        out.append((" ".join(words).rstrip(" .;:,!?") + "…", False))


def render_card(report: Report) -> bytes:
    """The card as PNG bytes: the same report always gives the same bytes."""
    from PIL import Image, ImageDraw

    body, texts, numbered = plan(report)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = _Pen(ImageDraw.Draw(image))
    _header(report, pen)
    _verdict_and_risk(report, pen)
    _steps(report, pen, texts, body, numbered)
    _footer(report, pen)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
