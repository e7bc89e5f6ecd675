"""The short report: a message-length plain text (verdict, risk band and range, first steps) for a chat group."""

from __future__ import annotations

from aiexposure.escape import stripped
from aiexposure.model.report import Report, widened

LIMIT = 700  # characters, the trailing newline included: what a chat message holds comfortably


def _line(text: str) -> str:
    """Pack text on one line, without control characters."""
    return " ".join(stripped(text).split())


def _cut(text: str, room: int) -> str:
    """`text` within `room` characters, cut at a word with an ellipsis when it is longer."""
    if len(text) <= room:
        return text
    head = text[: max(0, room - 1)]
    if " " in head[room // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + "…"


def _risk(report: Report) -> str:
    """'Overall risk: 39.4/100 (high; range 36–47)'."""
    low, high = widened(report.range_of("risk"))
    span = "" if f"{low:.0f}" == f"{high:.0f}" else "; " + report.t("range", low=f"{low:.0f}", high=f"{high:.0f}")
    value = report.num(report.result.risk.value)
    return _line(f"{report.score_label('risk')}: {value}/100 ({report.band_label}{span})")


def render_short(report: Report, limit: int = LIMIT) -> str:
    """The verdict, risk with band and range, and the first steps, within `limit` characters.

    The first step always stays (cut at a word if a pack makes it too long); the second step, the verdict's
    summary and the third step follow in that order of importance while they fit.
    """
    t = report.t
    steps = []
    for step in report.first_steps():
        delta = "" if step.risk_delta is None else f" ({t('risk_points', delta=report.num(-step.risk_delta))})"
        steps.append(_line(f"{step.text}{delta}"))
    head = [
        _line(report.title),
        _line(f"{t('role')}: {report.role_label} · {report.when()}"),
        _line(f"{t('verdict')}: {report.verdict_label}"),
        _risk(report),
        *([_line(assumed)] if (assumed := report.assumed_short()) else []),
    ]
    numbered = bool(steps)
    if not steps:  # nothing left to do: say so where the steps would be
        steps = [_line(t("no_moves"))]
    summary = _line(report.verdict_summary)
    shown = {"first": steps[0]}

    def text() -> str:
        body = [*head, *([shown["summary"]] if "summary" in shown else []), _line(t("moves_heading")) + ":"]
        listed = [shown[k] for k in ("first", "second", "third") if k in shown]
        body += [f"{number}. {step}" for number, step in enumerate(listed, 1)] if numbered else listed
        return "\n".join(body) + "\n"

    over = len(text()) - limit
    if over > 0:  # a pack with very long texts: the first step is cut, then, if need be, the whole
        shown["first"] = _cut(shown["first"], max(10, len(shown["first"]) - over))
        whole = text()
        return whole if len(whole) <= limit else _cut(whole.rstrip("\n"), limit - 1) + "\n"
    # the rest in order of importance, while it fits; a third step only after the second
    for name, value in (("second", steps[1:2]), ("summary", [summary]), ("third", steps[2:3])):
        if value and (name != "third" or "second" in shown):
            shown[name] = value[0]
            if len(text()) > limit:
                del shown[name]
    return text()
