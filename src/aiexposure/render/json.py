"""The JSON report: a contract for scripts (keys may be added, never renamed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiexposure.model.report import Report
from aiexposure.pack.compiled import TermResult

SCHEMA_VERSION = 1


def to_dict(report: Report, explain: bool = False) -> dict[str, Any]:
    """The report as plain data, in the documented shape."""
    result = report.result
    pack_id, pack_version = report.pack_identity
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "lang": report.lang,
        "pack": {"id": pack_id, "version": pack_version},
        "role": result.answers.role,
        "family": result.family,
        "tasks": _tasks(report),
        "typical_mix": result.answers.typical_mix,
        "answers": {q: _plain(v) for q, v in result.answers.values.items()},
        "assumed": list(result.answers.assumed),
        "scores": {sid: s.value for sid, s in result.scores.items()},
        "risk": {"score": result.risk.value, "band": result.band.id},
        "verdict": result.verdict,
        "axes": {score.id: score.value for score in (result.exposed, result.adapting)},
        "advice": [
            {
                "id": a.id,
                "point": a.point,
                "priority": a.priority,
                "text": report.text(a.text),
                "sources": list(a.sources),
            }
            for a in result.advice
        ],
        "moves": [
            {
                "question": m.question,
                "answer": _plain(m.answer),
                "risk_delta": m.risk_delta,
                "text": report.move_text(m),
            }
            for m in result.moves
        ],
        "faq": [{"question": q, "answer": a} for q, a in report.faq()],
        "references": [
            {"source": r.source, "measure": r.measure, "value": r.value, "label": r.label} for r in report.references()
        ],
        # keys added after the first release come last, so the documented order of the earlier ones holds
        **_since_model_v2(report),
    }
    if explain:
        data["explain"] = {score.id: [_term(t) for t in score.terms] for score in result.every_score}
    return data


def _plain(value: str | tuple[str, ...]) -> str | list[str]:
    """An answer as JSON holds it: one option id, or a list of them."""
    return value if isinstance(value, str) else list(value)


def _tasks(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "label": r.label,
            "share": round(r.share, 4),
            "genai": r.genai,
            "robotics": r.robotics,
            "robotics_here": r.robotics_here,
            "mode": r.mode,
            "rationale": r.rationale,
            "source": r.source,
            "sources": r.sources,
            "horizon": {"id": r.horizon, "years": r.horizon_years, "label": r.horizon_label},
        }
        for r in report.tasks()
    ]


def _since_model_v2(report: Report) -> dict[str, Any]:
    """The headline, readouts, ranges, market evidence and first steps."""
    result = report.result
    market = result.role.market
    return {
        "headline": {"label": report.verdict_label, "summary": report.verdict_summary, "notes": report.notes},
        "readouts": [r.id for r in report.readouts()],
        "ranges": {sid: list(span) for sid, span in (result.ranges or {}).items()},
        "market": {
            "pressure": market.pressure,
            "range": [market.low, market.high],
            "source": market.source,
            "evidence": [{"source": e.source, "text": e.text, "citation": e.citation} for e in report.evidence()],
        },
        "first_steps": [
            {"text": f.text, "point": f.point, **({} if f.risk_delta is None else {"risk_delta": f.risk_delta})}
            for f in report.first_steps()
        ],
        # added with Model v3, after every earlier key so their order stays as it was
        "lead": report.lead,
        "readout_bands": {r.id: r.band for r in report.readouts() if r.band is not None},
        "read_as": list(result.answers.read_as),
    }


def _term(term: TermResult) -> dict[str, Any]:
    """One row of --explain: + 0.0 turns a -0.0 into 0.0."""
    return {
        "term": term.term,
        "value": round(term.value, 4) + 0.0,
        "weight": term.weight,
        "contribution": round(term.contribution, 4) + 0.0,
        "factor": term.factor,
        **({"scales": term.scales} if term.scales else {}),
    }


def render_json(report: Report, explain: bool = False) -> str:
    """The JSON report as text, ending with a newline."""
    return json.dumps(to_dict(report, explain), ensure_ascii=False, indent=2) + "\n"


def report_schema_path() -> Path:
    """The report's JSON Schema: inside the wheel, or the repository's docs/report.schema.json."""
    package = Path(__file__).resolve().parents[1]  # this file is aiexposure/render/json.py
    packaged = package / "report.schema.json"
    return packaged if packaged.is_file() else package.parents[1] / "docs" / "report.schema.json"


def report_schema() -> str:
    """The report's JSON Schema as text."""
    return report_schema_path().read_text(encoding="utf-8")
