"""One row per person: a form sent twice by the same person counts once, the latest submission winning.

A first quick pass over the file reads only each row's id and timestamp; it keeps 40 bytes a row (a hash of the
id, the line and the timestamp read three ways), so a file of a million rows is checked in fixed, small memory.
The latest row is the one with the latest Timestamp, or the one further down the file when the timestamps do not
tell (none, unreadable, or equal).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

ORDERS = ("ymd", "dmy", "mdy")  # how a form may write a date; the first that reads every timestamp is used
_STAMP = re.compile(
    r"\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"  # a date, in one of ORDERS
    r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?)?"  # a time, perhaps AM/PM
)


def person_key(respondent: str) -> str:
    """How two ids are found to be one person: case and spaces aside, and leading zeros of a number (Excel drops
    them: "007" and "7")."""
    key = " ".join(respondent.casefold().split())
    return (key.lstrip("0") or "0") if key.isdigit() else key


def stamp_values(stamp: str) -> tuple[int, int, int]:
    """A timestamp as a sortable number under each of ORDERS (-1 where it cannot be that order)."""
    found = _STAMP.match(stamp)
    if found is None:
        return -1, -1, -1
    a, b, c, hour, minute, second, half = found.groups()
    clock = 0
    if hour is not None:
        h = int(hour)
        if half is not None:
            h = h % 12 + (12 if half[0] in "Pp" else 0)
        clock = h * 10_000 + int(minute) * 100 + int(second or 0)
    values = []
    for year, month, day in ((a, b, c), (c, b, a), (c, a, b)):
        ok = len(year) == 4 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31
        values.append(((int(year) * 100 + int(month)) * 100 + int(day)) * 1_000_000 + clock if ok else -1)
    return values[0], values[1], values[2]


@dataclass
class Latest:
    """Which rows another row of the same person replaced: line -> the line that counts instead."""

    replaced: dict[int, int] = field(default_factory=dict)
    order: str = ""  # the date order the timestamps were read in ('' when they were not used)

    @property
    def count(self) -> int:
        """How many rows were replaced."""
        return len(self.replaced)


def latest(rows: Iterable[tuple[int, str, str]]) -> Latest:
    """Each person's latest row among (line, id, timestamp) rows; rows without an id are each their own person."""
    hashes, lines = array("q"), array("q")
    stamps = [array("q") for _ in ORDERS]
    readable = [True] * len(ORDERS)
    any_stamp = False
    for line, respondent, stamp in rows:
        if not respondent:
            continue
        hashes.append(hash(person_key(respondent)))
        lines.append(line)
        values = stamp_values(stamp) if stamp else (-1, -1, -1)
        any_stamp = any_stamp or bool(stamp)
        for i, value in enumerate(values):
            stamps[i].append(value)
            if stamp and value < 0:
                readable[i] = False
    chosen = next((i for i, ok in enumerate(readable) if ok), None) if any_stamp else None
    found = Latest(order=ORDERS[chosen] if chosen is not None else "")
    order = sorted(range(len(hashes)), key=hashes.__getitem__)
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and hashes[order[end]] == hashes[order[start]]:
            end += 1
        if end - start > 1:
            group = order[start:end]

            def when(i: int) -> tuple[int, int]:
                return (stamps[chosen][i] if chosen is not None else -1), lines[i]

            # a row without a timestamp sorts first: a dated submission is surely a later one
            winner = max(group, key=when)
            for i in group:
                if i != winner:
                    found.replaced[lines[i]] = lines[winner]
        start = end
    return found
