"""Inline SVG charts for the HTML report: plain numbers and labels in, markup out, nothing loaded from anywhere.

Coordinates are always written with a decimal point (SVG reads no other); the numbers a person reads are
written by the HTML report in their language. Every label goes through `esc`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiexposure.escape import esc


def _n(value: float) -> str:
    """A coordinate: at most two decimals, a point as the mark, no '-0'."""
    return f"{round(value, 2) + 0.0:g}"


def _clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return min(high, max(low, value))


def _fit(text: str, width: float, size: float) -> str:
    """`text` cut with an ellipsis to about `width` units at font size `size` (SVG text does not wrap)."""
    most = max(1, int(width / (size * 0.56)))
    return text if len(text) <= most else text[: max(1, most - 1)].rstrip() + "…"


def _wrap(text: str, width: float, size: float) -> list[str]:
    """`text` on one line, or on two split at a word (after a comma if there is one), each cut to fit `width`."""
    most = max(1, int(width / (size * 0.56)))
    if len(text) <= most or " " not in text:
        return [_fit(text, width, size)]
    words = text.split(" ")
    splits = [i for i in range(1, len(words)) if len(" ".join(words[:i])) <= most] or [1]
    commas = [i for i in splits if words[i - 1].endswith(",")]
    cut = commas[-1] if commas else splits[-1]
    return [_fit(" ".join(words[:cut]), width, size), _fit(" ".join(words[cut:]), width, size)]


def _whisker(low: float, high: float, y: float, cap: float, stretched: bool) -> list[str]:
    """A range as a line with an end cap at each bound."""
    scale = ' vector-effect="non-scaling-stroke"' if stretched else ""
    lines = [
        f'x1="{_n(low)}" y1="{_n(y)}" x2="{_n(high)}" y2="{_n(y)}"',
        *(f'x1="{_n(x)}" y1="{_n(y - cap)}" x2="{_n(x)}" y2="{_n(y + cap)}"' for x in (low, high)),
    ]
    return [f'<line class="whisker" {line}{scale}/>' for line in lines]


def score_bar(value: float, low: float, high: float, kind: str, label: str, threshold: float | None = None) -> str:
    """A score on a 0-100 track: the bar to its value, a whisker over its range, a dashed line at a threshold.

    `kind` names the colour: 'good-high', 'good-low' or 'neutral'. The drawing stretches to the width of the
    line it sits in; its strokes keep their width.
    """
    value, low, high = _clamp(value), _clamp(low), _clamp(high)
    parts = [
        f'<svg class="bar" viewBox="-1 0 102 16" preserveAspectRatio="none" role="img" aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
        '<rect class="track" x="0" y="4" width="100" height="8"/>',
        f'<rect class="fill {esc(kind)}" x="0" y="4" width="{_n(value)}" height="8"/>',
    ]
    if threshold is not None:
        at = _n(_clamp(threshold))
        parts.append(f'<line class="threshold" x1="{at}" y1="0" x2="{at}" y2="16" vector-effect="non-scaling-stroke"/>')
    if high > low:
        parts += _whisker(low, high, 8, 5, stretched=True)
    parts.append("</svg>")
    return "".join(parts)


def band_bar(bands: list[tuple[float, float, bool]], value: float, low: float, high: float, label: str) -> str:
    """The risk on the pack's bands: one coloured segment per band (start, end, is this person's), a marker at
    the value and a whisker over the range."""
    value, low, high = _clamp(value), _clamp(low), _clamp(high)
    parts = [
        '<svg class="bar bands" viewBox="-1 0 102 20" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
    ]
    for number, (start, end, here) in enumerate(bands):
        mine = " here" if here else ""
        parts.append(
            f'<rect class="band band{_band_class(number, len(bands))}{mine}" x="{_n(start)}" y="5" '
            f'width="{_n(max(0.0, end - start))}" height="10"/>'
        )
    if high > low:
        parts += _whisker(low, high, 10, 8, stretched=True)  # caps taller than the bands, to show on any colour
    parts.append(
        f'<line class="marker" x1="{_n(value)}" y1="0" x2="{_n(value)}" y2="20" vector-effect="non-scaling-stroke"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _band_class(number: int, count: int) -> int:
    """One of four colours, from the lowest band to the highest, whatever the number of bands."""
    if count <= 1:
        return 0
    return round(3 * number / (count - 1))


def share_bar(share: float, kind: str, label: str) -> str:
    """A task's share of time on a 0-100% track."""
    width = _clamp(share * 100)
    return (
        f'<svg class="bar share" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>"
        '<rect class="track" x="0" y="1" width="100" height="8"/>'
        f'<rect class="fill {esc(kind)}" x="0" y="1" width="{_n(width)}" height="8"/></svg>'
    )


def swatch(kind: str) -> str:
    """A small square in a bar's colour, for a legend."""
    return (
        '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">'
        f'<rect class="fill {esc(kind)}" width="10" height="10"/></svg>'
    )


@dataclass(frozen=True)
class Quadrant:
    """What the verdict chart shows: the two axes with their thresholds, the four verdicts, and the person."""

    title: str
    x_label: str  # adaptation, across
    y_label: str  # risk before adapting, up
    x_threshold: float
    y_threshold: float
    names: dict[tuple[bool, bool], str]  # (exposed, adapting) -> verdict label
    x: float
    y: float
    y_low: float
    y_high: float
    x_low: float
    x_high: float
    you: str
    x_ticks: tuple[tuple[float, str], ...]  # (value, how it is written in the reader's language)
    y_ticks: tuple[tuple[float, str], ...]


# The plot area inside a 360 x 330 drawing: room on the left and below for the axes' names and ticks.
_LEFT, _RIGHT, _TOP, _BOTTOM = 44.0, 350.0, 12.0, 282.0


def _px(value: float) -> float:
    return _LEFT + (_RIGHT - _LEFT) * _clamp(value) / 100


def _py(value: float) -> float:
    return _BOTTOM - (_BOTTOM - _TOP) * _clamp(value) / 100


def quadrant(chart: Quadrant) -> str:
    """The person on the verdict's two axes, on their real scales, with each threshold drawn where it is."""
    mid_x, mid_y = _px(chart.x_threshold), _py(chart.y_threshold)
    here = (chart.y >= chart.y_threshold, chart.x >= chart.x_threshold)
    parts = [
        '<svg class="quadrant" viewBox="0 0 360 330" role="img" aria-labelledby="quadrant-title">',
        f'<title id="quadrant-title">{esc(chart.title)}</title>',
    ]
    for (exposed, adapting), (x0, x1) in (
        ((e, a), ((mid_x, _RIGHT) if a else (_LEFT, mid_x))) for e in (True, False) for a in (False, True)
    ):
        y0, y1 = (_TOP, mid_y) if exposed else (mid_y, _BOTTOM)
        state = f"{'exposed' if exposed else 'safe'}-{'adapting' if adapting else 'waiting'}"
        mine = " here" if (exposed, adapting) == here else ""
        parts.append(
            f'<rect class="region {state}{mine}" x="{_n(x0)}" y="{_n(y0)}" '
            f'width="{_n(x1 - x0)}" height="{_n(y1 - y0)}"/>'
        )
        name = chart.names.get((exposed, adapting), "")
        if name and x1 - x0 >= 30 and y1 - y0 >= 16:
            top = exposed  # upper regions name themselves at the top, lower ones at the bottom...
            if mine:  # ...except where the person is: there the name goes to the side away from the dot
                top = _py(chart.y) > (y0 + y1) / 2
            # a verdict's label is a phrase: two lines where it is too long for one and the region has room
            lines = _wrap(name, x1 - x0 - 8, 13) if y1 - y0 >= 32 else [_fit(name, x1 - x0 - 8, 13)]
            first = y0 + 15 if top else y1 - 7 - 15 * (len(lines) - 1)
            middle = _n((x0 + x1) / 2)
            spans = "".join(
                f'<tspan x="{middle}" dy="{0 if n == 0 else 15}">{esc(line)}</tspan>' for n, line in enumerate(lines)
            )
            parts.append(
                f'<text class="region-name{mine}" x="{middle}" y="{_n(first)}" text-anchor="middle">{spans}</text>'
            )
    parts += [
        f'<rect class="frame" x="{_n(_LEFT)}" y="{_n(_TOP)}" width="{_n(_RIGHT - _LEFT)}" '
        f'height="{_n(_BOTTOM - _TOP)}"/>',
        f'<line class="threshold" x1="{_n(mid_x)}" y1="{_n(_TOP)}" x2="{_n(mid_x)}" y2="{_n(_BOTTOM)}"/>',
        f'<line class="threshold" x1="{_n(_LEFT)}" y1="{_n(mid_y)}" x2="{_n(_RIGHT)}" y2="{_n(mid_y)}"/>',
    ]
    parts += _ticks(chart)
    parts += _person(chart)
    parts.append("</svg>")
    return "".join(parts)


def _ticks(chart: Quadrant) -> list[str]:
    """0, the threshold and 100 on each axis (a bound too close to the threshold is left out), and the axes' names."""
    out = []
    for value, text in _spaced(chart.x_ticks, chart.x_threshold, 9):
        anchor = "start" if value <= 0 else "end" if value >= 100 else "middle"
        out.append(
            f'<text class="tick" x="{_n(_px(value))}" y="{_n(_BOTTOM + 14)}" text-anchor="{anchor}">{esc(text)}</text>'
        )
    for value, text in _spaced(chart.y_ticks, chart.y_threshold, 6):
        out.append(
            f'<text class="tick" x="{_n(_LEFT - 5)}" y="{_n(_py(value) + 4)}" text-anchor="end">{esc(text)}</text>'
        )
    out.append(
        f'<text class="axis-name" x="{_n((_LEFT + _RIGHT) / 2)}" y="{_n(_BOTTOM + 36)}" text-anchor="middle">'
        f"{esc(_fit(chart.x_label, _RIGHT - _LEFT, 13))} →</text>"
    )
    middle = (_TOP + _BOTTOM) / 2
    out.append(
        f'<text class="axis-name" x="14" y="{_n(middle)}" text-anchor="middle" transform="rotate(-90 14 {_n(middle)})">'
        f"{esc(_fit(chart.y_label, _BOTTOM - _TOP, 13))} →</text>"
    )
    return out


def _spaced(ticks: tuple[tuple[float, str], ...], threshold: float, gap: float) -> list[tuple[float, str]]:
    """The ticks, without a 0 or 100 that would overlap the threshold's."""
    return [(v, t) for v, t in ticks if v == threshold or abs(v - threshold) >= gap]


def _person(chart: Quadrant) -> list[str]:
    """The dot, whiskers over its ranges, and 'You' beside it on whichever side has room."""
    cx, cy = _px(chart.x), _py(chart.y)
    out = []
    if chart.y_high > chart.y_low:
        top, bottom = _py(chart.y_high), _py(chart.y_low)
        out += [
            f'<line class="whisker" x1="{_n(cx)}" y1="{_n(top)}" x2="{_n(cx)}" y2="{_n(bottom)}"/>',
            *(
                f'<line class="whisker" x1="{_n(cx - 5)}" y1="{_n(y)}" x2="{_n(cx + 5)}" y2="{_n(y)}"/>'
                for y in (top, bottom)
            ),
        ]
    if chart.x_high > chart.x_low:
        out += _whisker(_px(chart.x_low), _px(chart.x_high), cy, 5, stretched=False)
    out.append(f'<circle class="you" cx="{_n(cx)}" cy="{_n(cy)}" r="7"/>')
    left = cx > _RIGHT - 70
    above = cy > _TOP + 24
    tx = cx - 11 if left else cx + 11
    ty = cy - 9 if above else cy + 19
    anchor = "end" if left else "start"
    out.append(
        f'<text class="you-label" x="{_n(tx)}" y="{_n(ty)}" text-anchor="{anchor}">'
        f"{esc(_fit(chart.you, 90, 13))}</text>"
    )
    return out


def stacked_bar(parts: list[tuple[float, str]], label: str) -> str:
    """Counts side by side on one 0-100% track, each part (count, colour class) as wide as its share."""
    total = sum(count for count, _ in parts) or 1
    out = [
        '<svg class="bar stacked" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
    ]
    at = 0.0
    for count, kind in parts:
        width = 100 * count / total
        if width > 0:
            out.append(f'<rect class="{esc(kind)}" x="{_n(at)}" y="0" width="{_n(width)}" height="10"/>')
        at += width
    out.append("</svg>")
    return "".join(out)


def pair_bars(before: float, after: float, label: str) -> str:
    """Two scores on 0-100 tracks, one above the other: before (grey) and after (blue)."""
    before, after = _clamp(before), _clamp(after)
    return (
        f'<svg class="bar pair" viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>"
        '<rect class="track" x="0" y="1" width="100" height="8"/>'
        '<rect class="track" x="0" y="11" width="100" height="8"/>'
        f'<rect class="before" x="0" y="1" width="{_n(before)}" height="8"/>'
        f'<rect class="after" x="0" y="11" width="{_n(after)}" height="8"/></svg>'
    )


def changes(people: list[tuple[float, float]], label: str, ticks: tuple[tuple[float, str], ...]) -> str:
    """Each person's risk before (grey dot) and after (blue dot) on a 0-100 axis, a line from one to the other,
    one person a row, in the order given; ticks are written as the reader writes numbers."""
    row, top = 9.0, 4.0
    height = top + row * len(people) + 16
    out = [
        f'<svg class="changes" viewBox="0 0 320 {_n(height)}" role="img" aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
    ]

    def x(value: float) -> float:
        return 10 + 300 * _clamp(value) / 100

    bottom = top + row * len(people)
    for value, text in ticks:
        out.append(f'<line class="grid" x1="{_n(x(value))}" y1="{_n(top)}" x2="{_n(x(value))}" y2="{_n(bottom)}"/>')
        out.append(
            f'<text class="tick" x="{_n(x(value))}" y="{_n(bottom + 12)}" text-anchor="middle">{esc(text)}</text>'
        )
    for number, (before, after) in enumerate(people):
        y = top + row * number + row / 2
        out.append(f'<line class="move" x1="{_n(x(before))}" y1="{_n(y)}" x2="{_n(x(after))}" y2="{_n(y)}"/>')
        out.append(f'<circle class="before" cx="{_n(x(before))}" cy="{_n(y)}" r="3"/>')
        out.append(f'<circle class="after" cx="{_n(x(after))}" cy="{_n(y)}" r="3"/>')
    out.append("</svg>")
    return "".join(out)
