"""`aiexposure rules calibrate` as tables for a person or JSON for a script."""

from __future__ import annotations

import json
from typing import Any

from aiexposure.model.calibrate import (
    calibration_data,
    correlations,
    role_calibration,
    task_calibration,
    task_correlations,
)
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack


def calibration_json(pack: Pack, lang: Lang) -> str:
    """`rules calibrate --format json`."""
    return json.dumps(calibration_data(pack, lang), ensure_ascii=False, indent=2) + "\n"


def _local(number: str, lang: Lang) -> str:
    """A number written out as a reader of `lang` writes it (decimal comma in Indonesian); JSON keeps points."""
    return number.replace(".", ",") if lang == "id" else number


def calibration_table(pack: Pack, lang: Lang) -> None:
    """Print the calibration as tables: one per measure, then the correlations."""
    from rich.console import Console
    from rich.table import Table

    from aiexposure.render.text import plain

    t = Texts(pack, lang)
    rows = [role_calibration(pack, role_id, lang) for role_id in pack.roles]
    console = Console()
    for measure in ("genai", "automation"):
        sources = list(dict.fromkeys(s for r in rows for s in r.references.get(measure, {})))
        table = Table(title=plain(t(f"calibrate_{measure}")), title_justify="left")
        table.add_column(plain(t("col_role")))
        table.add_column(plain(t(f"calibrate_model_{measure}")), justify="right")
        for source in sources:
            table.add_column(plain(pack.sources[source].name(lang)), justify="right")
        for r in rows:
            ours = (
                f"{r.genai:.2f} ({r.genai_low:.2f}–{r.genai_high:.2f})" if measure == "genai" else f"{r.automation:.2f}"
            )
            theirs = [r.references.get(measure, {}).get(s) for s in sources]
            cells = [ours, *("—" if v is None else f"{v:g}" for v in theirs)]
            table.add_row(plain(r.label), *(plain(_local(cell, lang)) for cell in cells))
        console.print(table)
    kinds = list(dict.fromkeys(k for r in rows for k in r.codes))
    if kinds:  # the mapping from roles to the occupations the indices rate
        table = Table(title=plain(t("calibrate_codes")), title_justify="left")
        table.add_column(plain(t("col_role")))
        for kind in kinds:
            table.add_column(plain(kind))
        for r in rows:
            table.add_row(plain(r.label), *(plain(r.codes.get(k, "—")) for k in kinds))
        console.print(table)
    table = Table(title=plain(t("calibrate_spearman")), title_justify="left")
    for key in ("col_source", "col_measure", "calibrate_rho"):
        table.add_column(plain(t(key)))
    for c in correlations(pack, rows):
        rho = "—" if c.spearman is None else _local(f"{c.spearman:.3f}", lang)
        table.add_row(
            plain(pack.sources[c.index].name(lang)), plain(t(f"measure_{c.measure}")), plain(f"{rho} (n={c.roles})")
        )
    console.print(table)
    _task_tables(console, pack, lang, t)
    console.print(plain(t("calibrate_note")))


def _task_tables(console: Any, pack: Pack, lang: Lang, t: Texts) -> None:
    """The task numbers beside their matched tasks, then their rank correlations (n beside every rho)."""
    from rich.table import Table

    from aiexposure.render.text import plain

    tasks = task_calibration(pack)
    sources = list(dict.fromkeys(s for r in tasks for s in r.matched))
    table = Table(title=plain(t("calibrate_tasks")), title_justify="left")
    for heading in (t("col_role"), t("col_task"), t("calibrate_model_automation")):
        table.add_column(plain(heading))
    for source in sources:
        table.add_column(plain(pack.sources[source].name(lang)), justify="right")
    first = sources[0] if sources else None
    if first is not None:  # the task it was matched to, in the source's own words (English: the data's language)
        table.add_column(plain(f"{t('calibrate_matched')}: {pack.sources[first].name(lang)}"))
    for r in tasks:
        theirs = ["—" if s not in r.matched else _local(f"{r.matched[s]:g}", lang) for s in sources]
        matched = [r.matched_task.get(first, "—")] if first is not None else []
        role = pack.roles[r.role]
        table.add_row(
            plain(role.label(lang)),
            plain(role.tasks[r.task].label(lang)),
            _local(f"{r.pack:g}", lang),
            *theirs,
            *(plain(m) for m in matched),
        )
    console.print(table)
    table = Table(title=plain(t("calibrate_task_spearman")), title_justify="left")
    for key in ("col_source", "calibrate_scope", "calibrate_rho"):
        table.add_column(plain(t(key)))
    for c in task_correlations(pack, tasks):
        scope = (
            pack.roles[c.role].label(lang)
            if c.role
            else pack.families[c.family].label(lang)
            if c.family
            else t("calibrate_scope_all")
        )
        rho = "—" if c.spearman is None else _local(f"{c.spearman:.3f}", lang)
        table.add_row(plain(pack.sources[c.index].name(lang)), plain(scope), plain(f"{rho} (n={c.n})"))
    console.print(table)
