"""`aiexposure roles` and `aiexposure questions`: what a script may pass, as tables or JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer

from aiexposure.cli.options import LangOpt, QuestionsRoleOpt, TableFormat, TableFormatOpt
from aiexposure.cli.settings import settings_of

if TYPE_CHECKING:  # the pack is imported when a command runs, so that `aiexposure --help` needs none
    from aiexposure.pack.schema import Lang, Pack


def roles(ctx: typer.Context, format: TableFormatOpt = TableFormat.table, lang: LangOpt = None) -> None:
    """List the roles with their task ids and typical mix."""
    language, pack = settings_of(ctx).start(lang)
    if format is TableFormat.json:
        sys.stdout.write(roles_json(pack, language))
    else:
        roles_table(pack, language)


def questions(
    ctx: typer.Context,
    role: QuestionsRoleOpt = None,
    format: TableFormatOpt = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """List the question ids and their values (for --answer)."""
    from aiexposure.model.answers import role_id_of

    language, pack = settings_of(ctx).start(lang)
    if role is not None:
        role = role_id_of(pack, role)
    if format is TableFormat.json:
        sys.stdout.write(questions_json(pack, language, role))
    else:
        questions_table(pack, language, role)


def _mix(pack: Pack, role_id: str) -> dict[str, float]:
    role = pack.roles[role_id]
    total = sum(role.typical_mix.values()) or 1.0
    return {t: round(role.typical_mix.get(t, 0.0) / total, 4) for t in role.tasks}


def roles_data(pack: Pack, lang: Lang) -> list[dict[str, Any]]:
    """Every role with its family, tasks and typical shares."""
    return [
        {
            "id": role_id,
            "family": role.family,
            "label": role.label(lang),
            "description": role.description(lang),
            "tasks": [
                {"id": t, "label": task.label(lang), "typical_share": _mix(pack, role_id)[t]}
                for t, task in role.tasks.items()
            ],
        }
        for role_id, role in pack.roles.items()
    ]


def questions_data(pack: Pack, lang: Lang, role_id: str | None) -> list[dict[str, Any]]:
    """Every question (or those asked of one role) with its values."""
    role = pack.roles[role_id] if role_id else None
    rows = []
    for qid, q in pack.questions.items():
        if role is not None and role.family not in q.families:
            continue
        if q.options_from_tasks:
            values: list[dict[str, str]] = (
                [{"value": t, "label": task.label(lang)} for t, task in role.tasks.items()] if role else []
            )
        else:
            values = [{"value": v, "label": o.label(lang)} for v, o in q.options.items()]
        rows.append(
            {
                "id": qid,
                "kind": q.kind,
                "point": q.point,
                "families": list(q.families),
                "actionable": q.actionable,
                "prompt": q.prompt(lang),
                "help": q.help(lang) if q.help else None,
                "values": values,
                "values_are_task_ids": q.options_from_tasks,
                "default": q.default,
            }
        )
    return rows


def roles_json(pack: Pack, lang: Lang) -> str:
    """`roles --format json`."""
    import json  # here: `aiexposure --help` need not load it

    return json.dumps(roles_data(pack, lang), ensure_ascii=False, indent=2) + "\n"


def questions_json(pack: Pack, lang: Lang, role_id: str | None) -> str:
    """`questions --format json`."""
    import json

    return json.dumps(questions_data(pack, lang, role_id), ensure_ascii=False, indent=2) + "\n"


def roles_table(pack: Pack, lang: Lang) -> None:
    """Print the roles as a table."""
    from rich.console import Console
    from rich.table import Table

    from aiexposure.pack.messages import Texts
    from aiexposure.render.text import plain

    t = Texts(pack, lang)
    table = Table(show_lines=True)
    for key in ("col_role", "col_family", "col_tasks"):
        table.add_column(plain(t(key)))
    for row in roles_data(pack, lang):
        tasks = "\n".join(
            f"{task['id']} ({task['typical_share'] * 100:.0f}%): {task['label']}" for task in row["tasks"]
        )
        head = f"{row['id']}\n{row['label']}\n\n{row['description']}"
        table.add_row(plain(head), plain(pack.families[row["family"]].label(lang)), plain(tasks))
    console = Console()
    console.print(table)
    console.print(plain(t("roles_hint")))


def questions_table(pack: Pack, lang: Lang, role_id: str | None) -> None:
    """Print the questions as a table."""
    from rich.console import Console
    from rich.table import Table

    from aiexposure.pack.messages import Texts
    from aiexposure.render.text import plain

    t = Texts(pack, lang)
    table = Table(show_lines=True)
    for key in ("col_question", "col_values", "col_applies", "col_default"):
        table.add_column(plain(t(key)))
    for row in questions_data(pack, lang, role_id):
        q = pack.questions[row["id"]]
        kind = t("kind_select") if q.kind == "select" else t("kind_multi")
        head = f"{row['id']}  [{t('point', number=q.point)}]\n{row['prompt']}\n({kind}"
        head += f"; {t('actionable')})" if q.actionable else ")"
        if q.options_from_tasks:
            values = "\n".join(v["value"] for v in row["values"]) if role_id else t("values_tasks")
        else:
            values = "\n".join(f"{v['value']}: {v['label']}" for v in row["values"])
        default = q.default if isinstance(q.default, str) else ",".join(q.default) or "—"
        families = ", ".join(pack.families[f].label(lang) for f in q.families)
        if row["help"]:
            head += f"\n\n{row['help']}"
        table.add_row(plain(head), plain(values), plain(families), plain(default))
    console = Console()
    console.print(table)
    console.print(plain(t("questions_hint")))
