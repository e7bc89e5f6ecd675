"""The JSON report: a contract for scripts (keys may be added, never renamed)."""

from __future__ import annotations

import json
from typing import Any

from aiexposure.model.report import Report

SCHEMA_VERSION = 1


def to_dict(report: Report, explain: bool = False) -> dict[str, Any]:
    """The report as plain data, in the documented shape."""
    result = report.result
    pack = report.pack
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "lang": report.lang,
        "pack": {"id": pack.pack.id, "version": pack.pack.version},
        "role": result.answers.role,
        "family": result.family,
        "tasks": [
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
        ],
        "typical_mix": result.answers.typical_mix,
        "answers": {q: v if isinstance(v, str) else list(v) for q, v in result.answers.values.items()},
        "assumed": list(result.answers.assumed),
        "scores": {sid: s.value for sid, s in result.scores.items()},
        "risk": {"score": result.risk.value, "band": result.band.id},
        "verdict": result.verdict,
        "axes": {"exposed": result.exposed.value, "adapting": result.adapting.value},
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
                "answer": m.answer if isinstance(m.answer, str) else list(m.answer),
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
        "headline": {"label": report.verdict_label, "summary": report.verdict_summary, "notes": report.notes},
        "readouts": [r.id for r in report.readouts()],
        "ranges": {sid: list(span) for sid, span in (result.ranges or {}).items()},
        "market": {
            "pressure": result.role.market.pressure,
            "range": [result.role.market.low, result.role.market.high],
            "source": result.role.market.source,
            "evidence": [{"source": e.source, "text": e.text, "citation": e.citation} for e in report.evidence()],
        },
        "first_steps": [
            {"text": f.text, "point": f.point, **({} if f.risk_delta is None else {"risk_delta": f.risk_delta})}
            for f in report.first_steps()
        ],
    }
    if explain:
        data["explain"] = {
            score.id: [
                {
                    "term": t.term,
                    "value": round(t.value, 4) + 0.0,
                    "weight": t.weight,
                    "contribution": round(t.contribution, 4) + 0.0,
                    "factor": t.factor,
                    **({"scales": t.scales} if t.scales else {}),
                }
                for t in score.terms
            ]
            for score in (*result.scores.values(), result.risk, result.exposed, result.adapting)
        }
    return data


def render_json(report: Report, explain: bool = False) -> str:
    """The JSON report as text, ending with a newline."""
    return json.dumps(to_dict(report, explain), ensure_ascii=False, indent=2) + "\n"
