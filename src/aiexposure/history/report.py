"""`history compare`: two kept results scored again with the current pack, what moved each score, and the steps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiexposure.escape import md
from aiexposure.history.entries import pack_note, rescore, when
from aiexposure.history.store import Entry
from aiexposure.model.answers import answer_text
from aiexposure.model.compare import ORDERS, Attribution, Change, Value, attribute
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment
from aiexposure.pack.compiled import RISK
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Side:
    """One of the two entries and its result with the current pack."""

    entry: Entry
    result: Assessment
    note: str | None


@dataclass(frozen=True)
class Comparison:
    """Everything `history compare` shows, in any format."""

    pack: Pack
    lang: Lang
    before: Side
    after: Side
    attribution: Attribution
    taken: list[str]  # advice ids shown before and not any more
    new: list[str]  # shown now and not before
    still: list[str]


def compare(pack: Pack, lang: Lang, first: Entry, second: Entry) -> Comparison:
    """Score both entries with `pack` and share the change of each score among the changes."""
    sides = []
    for entry in (first, second):
        result = rescore(pack, entry)
        sides.append(Side(entry, result, pack_note(pack, lang, entry, result)))
    before, after = sides
    attribution = attribute(pack, before.result.answers, after.result.answers)
    shown_before = [a.id for a in before.result.advice]
    shown_after = [a.id for a in after.result.advice]
    return Comparison(
        pack,
        lang,
        before,
        after,
        attribution,
        [a for a in shown_before if a not in shown_after],
        [a for a in shown_after if a not in shown_before],
        [a for a in shown_after if a in shown_before],
    )


def points(value: float) -> str:
    """A change in points with its sign, e.g. '-3.1' or '+0.0'."""
    return f"{value + 0.0:+.1f}"


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _side_json(side: Side) -> dict[str, Any]:
    entry, result = side.entry, side.result
    return {
        "id": entry.id,
        "date": entry.kept_at,
        "role": result.answers.role,
        "kept_with": {"id": entry.pack_id, "version": entry.pack_version},
        "risk_then": entry.risk,
        "risk": result.risk.value,
        "band": result.band.id,
        "verdict": result.verdict,
        "scores": {sid: s.value for sid, s in result.scores.items()},
        "advice": [a.id for a in result.advice],
    }


def _change_json(change: Change) -> dict[str, Any]:
    key: dict[str, Any] = {change.kind: change.key} if change.kind not in ("other", "mix") else {change.kind: True}
    data = {
        **key,
        "from": _json_value(change.before),
        "to": _json_value(change.after),
        "risk_delta": change.risk_delta,
        "scores_delta": {sid: v for sid, v in change.parts.items() if sid != RISK},
        "alone": {
            "risk_delta": change.alone.get(RISK, 0.0),
            "scores_delta": {sid: v for sid, v in change.alone.items() if sid != RISK},
        },
    }
    if change.kind == "question":
        data.update({"from_assumed": change.assumed_before, "to_assumed": change.assumed_after})
    return data


def compare_json(c: Comparison) -> str:
    """The comparison as a contract for scripts: {from, to, risk_delta, changes, ...}."""
    before, after = c.before.result, c.after.result
    total = c.attribution.total
    data = {
        "schema_version": SCHEMA_VERSION,
        "pack": {"id": c.pack.pack.id, "version": c.pack.pack.version},
        "from": _side_json(c.before),
        "to": _side_json(c.after),
        "risk_delta": c.attribution.risk_delta,
        # each change's share of every score: its Shapley value (the mean effect over every order of the changes)
        "attribution": "shapley" if c.attribution.exact else "shapley_sampled",
        "changes": [_change_json(ch) for ch in c.attribution.changes],
        "scores_delta": {sid: total[sid] for sid in before.scores if sid in total},
        "verdict": {"from": before.verdict, "to": after.verdict},
        "band": {"from": before.band.id, "to": after.band.id},
        "first_steps": {"taken": c.taken, "new": c.new, "still": c.still},
        "notes": [n for n in (c.before.note, c.after.note) if n],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class _Line:
    """One change in words: what, from -> to, its part of risk, its parts of the other scores, a note."""

    what: str
    move: str
    risk: str
    scores: str
    note: str | None


@dataclass(frozen=True)
class _Words:
    """The comparison in words, shared by the text and markdown forms."""

    title: str
    rescored: str
    notes: list[str]
    risk: str
    verdict: str
    scores: list[tuple[str, str, str, str]]  # label, before, after, change
    changes: list[_Line]  # the change that moved risk most first
    total: _Line
    sampled: str | None
    steps: list[tuple[str, list[str]]]


def _value(c: Comparison, change: Change, value: Value, assumed: bool) -> str:
    t = Texts(c.pack, c.lang)
    report = Report(c.after.result, c.lang)
    role = c.after.result.role
    if change.kind == "task":
        return report.num((value if isinstance(value, float) else 0.0) * 100, 0) + "%"
    if change.kind == "mix":
        mix = value if isinstance(value, dict) else {}
        return ", ".join(f"{role.tasks[k].label(c.lang)} {report.num(v * 100, 0)}%" for k, v in mix.items())
    if change.kind == "role":
        named = c.pack.roles.get(str(value))
        return named.label(c.lang) if named is not None else str(value)
    if value is None or change.kind == "other" or isinstance(value, float | dict):
        return "—"
    text = answer_text(c.pack, role, change.key, value, c.lang)
    return t("history_assumed_value", value=text) if assumed else text


def _what(c: Comparison, change: Change) -> str:
    t = Texts(c.pack, c.lang)
    if change.kind == "task":
        task = c.after.result.role.tasks[change.key]
        return t("history_task_change", task=task.label(c.lang))
    if change.kind == "mix":
        return t("history_mix_change")
    if change.kind == "question":
        return c.pack.questions[change.key].prompt(c.lang)
    if change.kind == "role":
        return t("role")
    return t("history_other_change")


def _parts(report: Report, parts: dict[str, float]) -> str:
    """The scores other than risk that a change moved, e.g. 'AI exposure -2.1 · Pressure on your market -1.9'."""
    return " · ".join(
        f"{report.score_label(sid)} {report.local(points(v))}" for sid, v in parts.items() if sid != RISK and v
    )


def _line(c: Comparison, report: Report, ch: Change) -> _Line:
    part, alone = ch.risk_delta, ch.alone.get(RISK, 0.0)
    note = None
    if part * alone < 0:  # the changes work on each other: say what this one does alone (see model/compare.py)
        note = report.t("history_alone_other_way", alone=report.local(points(alone)), part=report.local(points(part)))
    return _Line(
        _what(c, ch),
        f"{_value(c, ch, ch.before, ch.assumed_before)} → {_value(c, ch, ch.after, ch.assumed_after)}",
        report.local(points(part)),
        _parts(report, ch.parts),
        note,
    )


def _shown(pack: Pack, score_id: str, *families: str) -> bool:
    """Whether a score belongs to either person's family (a gig worker's app income is not a writer's)."""
    kept = pack.scoring.scores[score_id].families if score_id in pack.scoring.scores else None
    return kept is None or any(f in kept for f in families)


def _words(c: Comparison) -> _Words:
    t = Texts(c.pack, c.lang)
    before, after = c.before.result, c.after.result
    rb, ra = Report(before, c.lang), Report(after, c.lang)
    total = c.attribution.total
    scores = [
        (ra.score_label(sid), ra.num(s.value), ra.num(after.scores[sid].value), ra.local(points(total[sid])))
        for sid, s in before.scores.items()
        if sid in after.scores and sid in total and _shown(c.pack, sid, before.family, after.family)
    ]
    ranked = sorted(enumerate(c.attribution.changes), key=lambda ic: (-abs(ic[1].risk_delta), ic[0]))
    texts = {a.id: (a, report) for report in (rb, ra) for a in report.result.advice}
    steps = [
        (t(key), [texts[i][1].text(texts[i][0].text) for i in ids])
        for key, ids in (
            ("history_steps_taken", c.taken),
            ("history_steps_new", c.new),
            ("history_steps_still", c.still),
        )
    ]
    n = len(c.attribution.changes)
    return _Words(
        title=t(
            "history_compare_title",
            first=c.before.entry.id,
            first_date=when(c.before.entry),
            second=c.after.entry.id,
            second_date=when(c.after.entry),
        ),
        rescored=t("history_rescored", version=f"{c.pack.pack.id} {c.pack.pack.version}"),
        notes=[n for n in (c.before.note, c.after.note) if n],
        risk=t(
            "history_risk_change",
            before=ra.num(before.risk.value),
            after=ra.num(after.risk.value),
            delta=ra.local(points(c.attribution.risk_delta)),
            band_before=rb.band_label,
            band_after=ra.band_label,
        ),
        verdict=t("history_verdict_change", before=rb.verdict_label, after=ra.verdict_label),
        scores=scores,
        changes=[_line(c, ra, ch) for _, ch in ranked],
        total=_Line(t("history_total"), "", ra.local(points(c.attribution.risk_delta)), _parts(ra, total), None),
        sampled=None if c.attribution.exact else t("history_sampled", count=n, orders=ORDERS),
        steps=steps,
    )


def compare_text(c: Comparison) -> str:
    """The comparison for the terminal: plain lines, aligned."""
    t = Texts(c.pack, c.lang)
    w = _words(c)
    out = [w.title, w.rescored, *w.notes, "", w.risk, w.verdict, "", t("history_scores_heading")]
    width = max(len(label) for label, *_ in w.scores) if w.scores else 0
    out += [f"  {label.ljust(width)}  {b:>5} → {a:>5}  {d:>6}" for label, b, a, d in w.scores]
    out += ["", t("history_changes_heading")]
    if not w.changes:
        out.append("  " + t("history_no_changes"))
    else:
        for line in [*w.changes, w.total]:
            out.append(f"  {line.risk:>6}  {line.what}" + (f": {line.move}" if line.move else ""))
            out += [f"          {text}" for text in (line.scores, line.note) if text]
        if w.sampled:
            out.append("  " + w.sampled)
    for heading, items in w.steps:
        out += ["", heading]
        out += [f"  - {item}" for item in items] or ["  " + t("history_none")]
    return "\n".join(out) + "\n"


def compare_markdown(c: Comparison) -> str:
    """The comparison as markdown, escaped like every report."""
    t = Texts(c.pack, c.lang)
    w = _words(c)
    out = [f"# {md(w.title)}", "", md(w.rescored, line_start=True), ""]
    out += [f"_{md(n)}_\n" for n in w.notes]
    out += [f"**{md(w.risk)}**", "", md(w.verdict, line_start=True), "", f"## {md(t('history_scores_heading'))}", ""]
    out += ["| | ← | → | ± |", "|---|--:|--:|--:|"]
    out += [f"| {md(label)} | {b} | {a} | {d} |" for label, b, a, d in w.scores]
    out += ["", f"## {md(t('history_changes_heading'))}", ""]
    if not w.changes:
        out.append(md(t("history_no_changes"), line_start=True))
    else:
        out += [
            f"| {md(t('history_col_change'))} | ← → | {md(t('history_col_risk'))} | {md(t('history_col_scores'))} |",
            "|---|---|--:|---|",
        ]
        for line in w.changes:
            out.append(f"| {md(line.what)} | {md(line.move)} | {line.risk} | {md(line.scores)} |")
        out.append(f"| **{md(w.total.what)}** | | **{w.total.risk}** | {md(w.total.scores)} |")
        notes = [f"- {md(line.what)}: {md(line.note)}" for line in w.changes if line.note]
        out += ["", *notes] if notes else []
        out += ["", md(w.sampled, line_start=True)] if w.sampled else []
    for heading, items in w.steps:
        out += ["", f"## {md(heading)}", ""]
        out += [f"- {md(item)}" for item in items] or [md(t("history_none"), line_start=True)]
    return "\n".join(out) + "\n"
