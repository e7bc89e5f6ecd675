"""Kept results: what an entry holds, scoring it again with the current pack, listing and exporting them."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

from aiexposure.errors import UserError
from aiexposure.escape import csv_cell
from aiexposure.history.store import Entry, Store
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment, assess
from aiexposure.pack.messages import Texts, fill, input_error
from aiexposure.pack.schema import LANGS, Lang, Pack, in_family

EXPORT_SCHEMA = 1


def entry_of(result: Assessment, lang: Lang, source: str) -> Entry:
    """What is kept of a result: the answers as given and the scores, risk, band and verdict as shown."""
    answers = result.answers
    report = Report(result, lang)
    return Entry(
        id=0,
        kept_at=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        source=source,
        lang=lang,
        role=answers.role,
        typical_mix=answers.typical_mix,
        tasks=dict(answers.shares),
        answers={q: v if isinstance(v, str) else list(v) for q, v in answers.values.items()},
        assumed=answers.assumed,
        pack_id=result.pack.pack.id,
        pack_version=result.pack.pack.version,
        scores={sid: s.value for sid, s in result.scores.items()},
        risk=result.risk.value,
        band=result.band.id,
        band_label=report.band_label,
        verdict=result.verdict,
        verdict_label=report.verdict_label,
        advice=tuple(a.id for a in result.advice),
    )


def keep(pack: Pack, result: Assessment, lang: Lang, source: str) -> tuple[str, Path]:
    """Keep a result in the history; returns the line that says so, and the file."""
    store = Store(pack, lang=lang)
    new_id = store.add(entry_of(result, lang, source))
    return Texts(pack, lang)("history_kept", id=new_id, path=store.path), store.path


def parse_id(pack: Pack, text: str) -> int:
    """An entry id as typed: a whole number from `history list`."""
    value = text.strip().lstrip("#")
    if not value.isascii() or not value.isdigit():
        raise input_error(pack, "history_bad_id", id=text)
    return int(value)


def find(pack: Pack, entries: list[Entry], entry_id: int) -> Entry:
    """The entry with this id, or a message saying where to find the ids."""
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise input_error(pack, "history_no_entry", id=entry_id)


def rescore(pack: Pack, entry: Entry, full: bool = True) -> Assessment:
    """The entry's answers scored with `pack`: given answers as given, assumed ones at the pack's defaults now."""
    given = {q: v for q, v in entry.answers.items() if q not in entry.assumed}
    try:
        answers = resolve(pack, entry.role, None if entry.typical_mix else entry.tasks, given)
    except UserError as exc:
        slots = {"id": str(entry.id), "version": f"{entry.pack_id} {entry.pack_version}"}
        message = pack.messages["history_no_longer_fits"]
        raise UserError(
            fill(message.en, {**slots, "reason": exc.message}),
            translations={lang: fill(message(lang), {**slots, "reason": exc.in_language(lang)}) for lang in LANGS},
        ) from None
    return assess(pack, answers, full=full)


def pack_note(pack: Pack, lang: Lang, entry: Entry, result: Assessment) -> str | None:
    """Say so when the entry was kept with another pack version, or scores differently now; else nothing."""
    same_pack = (entry.pack_id, entry.pack_version) == (pack.pack.id, pack.pack.version)
    if same_pack and result.risk.value == entry.risk:
        return None
    return Texts(pack, lang)(
        "history_pack_differs",
        id=entry.id,
        then=f"{entry.pack_id} {entry.pack_version}",
        now=f"{pack.pack.id} {pack.pack.version}",
        risk=f"{entry.risk:.1f}",
        risk_now=f"{result.risk.value:.1f}",
    )


def when(entry: Entry) -> str:
    """The entry's date and time, on this computer's clock."""
    try:
        moment = datetime.datetime.fromisoformat(entry.kept_at).astimezone()
    except ValueError:
        return entry.kept_at
    return moment.strftime("%Y-%m-%d %H:%M")


def _role_label(pack: Pack, lang: Lang, role: str) -> str:
    found = pack.roles.get(role)
    return found.label(lang) if found is not None else role


def _verdict_label(pack: Pack, lang: Lang, entry: Entry) -> str:
    """The verdict in the wording of today's pack and language; as it was shown when the pack no longer has it."""
    found = pack.scoring.verdicts.get(entry.verdict)
    role = pack.roles.get(entry.role)
    if found is None or role is None:
        return entry.verdict_label
    return in_family(found, role.family, "label")(lang)


def _band_label(pack: Pack, lang: Lang, entry: Entry) -> str:
    found = next((b for b in pack.scoring.bands if b.id == entry.band), None)
    return found.label(lang) if found is not None else entry.band_label


def summary(pack: Pack, entry: Entry) -> dict[str, Any]:
    """An entry in one line of JSON: what `history list` shows."""
    return {
        "id": entry.id,
        "date": entry.kept_at,
        "source": entry.source,
        "lang": entry.lang,
        "role": entry.role,
        "risk": entry.risk,
        "band": entry.band,
        "verdict": entry.verdict,
        "pack": {"id": entry.pack_id, "version": entry.pack_version},
        "current_pack": (entry.pack_id, entry.pack_version) == (pack.pack.id, pack.pack.version),
    }


def list_json(pack: Pack, path: Path, entries: list[Entry]) -> str:
    """`history list --format json`."""
    data = {"file": str(path), "entries": [summary(pack, e) for e in entries]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def list_text(pack: Pack, lang: Lang, path: Path, entries: list[Entry]) -> str:
    """`history list`: one line per entry with id, date, role, risk, band and verdict, oldest first."""
    t = Texts(pack, lang)
    lines = [t("history_file", path=path, count=len(entries))]
    if not entries:
        return "\n".join([*lines, t("history_empty")]) + "\n"
    header = ["id", t("history_col_date"), t("col_role"), t("risk"), t("band").capitalize(), t("verdict"), t("pack")]
    rows = [
        [
            str(e.id),
            when(e),
            _role_label(pack, lang, e.role),
            f"{e.risk:.1f}".replace(".", "," if lang == "id" else "."),  # as the reader writes numbers
            _band_label(pack, lang, e),
            _verdict_label(pack, lang, e),
            e.pack_version + ("" if e.pack_id == pack.pack.id else f" ({e.pack_id})"),
        ]
        for e in entries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    numeric = {0, 3}
    lines.append("")
    for row in [header, *rows]:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    if any(e.pack_version != pack.pack.version or e.pack_id != pack.pack.id for e in entries):
        lines += ["", t("history_list_other_pack", version=f"{pack.pack.id} {pack.pack.version}")]
    return "\n".join(lines) + "\n"


def _full(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.kept_at,
        "source": entry.source,
        "lang": entry.lang,
        "role": entry.role,
        "typical_mix": entry.typical_mix,
        "tasks": entry.tasks,
        "answers": entry.answers,
        "assumed": list(entry.assumed),
        "pack": {"id": entry.pack_id, "version": entry.pack_version},
        "scores": entry.scores,
        "risk": {"score": entry.risk, "band": entry.band, "band_label": entry.band_label},
        "verdict": {"id": entry.verdict, "label": entry.verdict_label},
        "advice": list(entry.advice),
    }


def export_json(path: Path, entries: list[Entry]) -> str:
    """Every entry as it was kept (not scored again)."""
    data = {"schema_version": EXPORT_SCHEMA, "file": str(path), "entries": [_full(e) for e in entries]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_csv(pack: Pack, entries: list[Entry]) -> str:
    """Every entry as it was kept, one row each; the task and answer columns are those `batch` reads."""
    tasks = list(dict.fromkeys(t for e in entries for t in e.tasks))
    questions = [q for q in pack.questions if any(q in e.answers for e in entries)]
    questions += list(dict.fromkeys(q for e in entries for q in e.answers if q not in pack.questions))
    scores = list(dict.fromkeys([*pack.scoring.scores, *(s for e in entries for s in e.scores)]))
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(
        ["id", "date", "source", "lang", "pack_id", "pack_version", "role", "typical_mix",
         *(f"task.{t}" for t in tasks), *questions, "assumed", *scores, "risk", "band", "verdict", "advice"]
    )  # fmt: skip
    for e in entries:
        values = [e.answers.get(q) for q in questions]
        out.writerow(
            [e.id, e.kept_at, e.source, e.lang, csv_cell(e.pack_id), csv_cell(e.pack_version), csv_cell(e.role),
             int(e.typical_mix), *(_share(e.tasks.get(t)) for t in tasks),
             *("" if v is None else csv_cell(v if isinstance(v, str) else ",".join(v)) for v in values),
             " ".join(e.assumed), *(e.scores.get(s, "") for s in scores), e.risk, e.band, e.verdict,
             " ".join(e.advice)]
        )  # fmt: skip
    return buffer.getvalue()


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def load(pack: Pack) -> tuple[Store, list[Entry]]:
    """The store and its entries, oldest first."""
    store = Store(pack)
    return store, store.entries()
