"""`aiexposure rules calibrate`: the model's role-level numbers beside the published indices, and how well they rank."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from aiexposure.pack.compiled import task_amount
from aiexposure.pack.schema import Lang, Pack, Role


@dataclass(frozen=True)
class RoleCalibration:
    """One role's typical-mix exposures (with the genai range) and its published figures."""

    id: str
    label: str
    codes: dict[str, str]
    genai: float
    genai_low: float
    genai_high: float
    automation: float
    references: dict[str, dict[str, float]]  # measure -> source -> value


@dataclass(frozen=True)
class Correlation:
    """Spearman's rank correlation between the model and one published index, over the roles it covers."""

    index: str
    measure: str
    spearman: float | None
    roles: int


def _shares(role: Role) -> dict[str, float]:
    total = sum(role.typical_mix.values())
    return {t: w / total for t, w in role.typical_mix.items()}


def _automation_potential(role: Role) -> float:
    """Share of the typical mix robots could do once deployed, where they are most likely: no horizon discount.

    That is the question Frey & Osborne asked ("could it be computerised?"), not when it happens here.
    """
    total = 0.0
    for task_id, share in _shares(role).items():
        task = role.tasks[task_id]
        most = 1.0
        for multipliers in task.robotics_by.values():
            most *= max(multipliers.values())
        total += share * task.robotics * most
    return total


def role_calibration(pack: Pack, role_id: str, lang: Lang) -> RoleCalibration:
    """The model's figures for one role at its typical mix."""
    role = pack.roles[role_id]
    shares = _shares(role)
    genai = {
        variant: sum(share * task_amount(pack, role, t, "genai", False, variant) for t, share in shares.items())
        for variant in ("mid", "low", "high")
    }
    references: dict[str, dict[str, float]] = {}
    for ref in role.references:
        references.setdefault(ref.measure, {})[ref.source] = ref.value
    return RoleCalibration(
        role_id,
        role.label(lang),
        dict(role.codes),
        round(genai["mid"], 4),
        round(genai["low"], 4),
        round(genai["high"], 4),
        round(_automation_potential(role), 4),
        references,
    )


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho (Pearson's r of the ranks); None when either side has no spread."""
    if len(xs) < 2:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    rho: float = cov / math.sqrt(vx * vy)
    return round(rho, 3)


def correlations(pack: Pack, rows: list[RoleCalibration]) -> list[Correlation]:
    """For every published index in the pack, its rank correlation with the model's matching measure."""
    found: list[tuple[str, str]] = []
    for row in rows:
        for measure, values in row.references.items():
            found += [(source, measure) for source in values if (source, measure) not in found]
    result = []
    for source, measure in found:
        covered = [r for r in rows if source in r.references.get(measure, {})]
        ours = [r.genai if measure == "genai" else r.automation for r in covered]
        theirs = [r.references[measure][source] for r in covered]
        result.append(Correlation(source, measure, spearman(ours, theirs), len(covered)))
    return result


@dataclass(frozen=True)
class TaskCalibration:
    """One task: the pack's genAI number and the figures of the matched tasks in the indices' own data."""

    role: str
    family: str
    task: str
    pack: float
    matched: dict[str, float]  # source -> the matched task's figure
    matched_task: dict[str, str]  # source -> the matched task's occupation code and wording


@dataclass(frozen=True)
class TaskCorrelation:
    """Spearman's rho of the pack's task numbers against one index, over all tasks, a family's or a role's."""

    index: str
    family: str | None
    role: str | None
    spearman: float | None
    n: int


def task_calibration(pack: Pack) -> list[TaskCalibration]:
    """Every task of every role with its matched published figures."""
    return [
        TaskCalibration(
            role_id,
            role.family,
            task_id,
            task.genai,
            {source: m.value for source, m in task.matches.items()},
            {source: f"{m.code}: {m.task}" for source, m in task.matches.items()},
        )
        for role_id, role in pack.roles.items()
        for task_id, task in role.tasks.items()
    ]


def task_correlations(pack: Pack, rows: list[TaskCalibration]) -> list[TaskCorrelation]:
    """Rho for every index the tasks are matched to: over all tasks, within each family, within each role."""
    sources = list(dict.fromkeys(source for r in rows for source in r.matched))
    groups: list[tuple[str | None, str | None]] = [(None, None)]
    groups += [(family, None) for family in pack.families]
    groups += [(role.family, role_id) for role_id, role in pack.roles.items()]
    result = []
    for source in sources:
        for family, role in groups:
            covered = [r for r in rows if source in r.matched and family in (None, r.family) and role in (None, r.role)]
            rho = spearman([r.pack for r in covered], [r.matched[source] for r in covered])
            result.append(TaskCorrelation(source, family, role, rho, len(covered)))
    return result


def calibration_data(pack: Pack, lang: Lang) -> dict[str, Any]:
    """The whole calibration as plain data (the JSON output)."""
    rows = [role_calibration(pack, role_id, lang) for role_id in pack.roles]
    tasks = task_calibration(pack)
    return {
        "roles": [
            {
                "role": r.id,
                "label": r.label,
                "codes": r.codes,
                "genai": {"model": r.genai, "low": r.genai_low, "high": r.genai_high, **r.references.get("genai", {})},
                "automation": {"model": r.automation, **r.references.get("automation", {})},
            }
            for r in rows
        ],
        "tasks": [
            {
                "role": t.role,
                "task": t.task,
                "pack": t.pack,
                **{source: t.matched.get(source) for source in ("ilo2025", "eloundou2023")},
                "matched": t.matched_task,
            }
            for t in tasks
        ],
        "correlations": [
            *(
                {
                    "index": c.index,
                    "measure": c.measure,
                    "level": "role",
                    "family": None,
                    "spearman": c.spearman,
                    "n": c.roles,
                    "roles": c.roles,
                }
                for c in correlations(pack, rows)
            ),
            *(
                {
                    "index": c.index,
                    "measure": "genai",
                    "level": "task",
                    "family": c.family,
                    "role": c.role,
                    "spearman": c.spearman,
                    "n": c.n,
                }
                for c in task_correlations(pack, tasks)
            ),
        ],
    }
