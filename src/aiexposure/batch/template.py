"""`aiexposure batch template`: what an organiser needs to build a form whose export `batch` reads as-is."""

from __future__ import annotations

import csv
import io

from aiexposure.escape import md
from aiexposure.model.answers import answer_text, option_ids
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack


def template_csv(pack: Pack, lang: Lang) -> str:
    """A header of ids, one column per input, and an example row written the way a person would, with labels.

    Ids or labels, in either language, are read alike; the example shows labels in `lang`.
    """
    tasks = [f"task.{t}" for role in pack.roles.values() for t in role.tasks]
    header = ["id", "role", *tasks, *pack.questions]
    role = next(iter(pack.roles.values()))
    example = {"id": "example-1", "role": role.label(lang)}
    example.update({f"task.{t}": f"{w:g}" for t, w in role.typical_mix.items()})
    for question_id, question in pack.questions.items():
        if role.family in question.families:
            default = question.default
            example[question_id] = answer_text(
                pack, role, question_id, default if isinstance(default, str) else tuple(default), lang
            ).replace("—", "")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerow([example.get(column, "") for column in header])
    return buffer.getvalue()


def template_markdown(pack: Pack, lang: Lang) -> str:
    """A form guide: every question with its exact option labels, so a form export is read without mapping."""
    t = Texts(pack, lang)
    out = [f"# {md(t('batch_guide_title'))}", "", md(t("batch_guide_intro")), ""]
    out += [
        f"## {md(t('batch_guide_id_heading'))}",
        "",
        f"_{md(t('batch_guide_id_kind'))}_",
        "",
        md(t("batch_guide_id")),
        "",
    ]
    out += [f"## {md(t('quiz_role'))}", "", f"_{md(t('batch_guide_select'))}_", ""]
    out += [f"- {md(role.label(lang))}" for role in pack.roles.values()]
    out += ["", md(t("batch_guide_role_other"))]  # an "Other" cell is read: its reason names the nearest roles
    amounts = ", ".join(md(a.label(lang)) for a in pack.quiz.time_amounts.values())
    for role in pack.roles.values():
        out += [
            "",
            f"## {md(t('batch_guide_tasks', role=role.label(lang)))}",
            "",
            f"_{md(t('batch_guide_amounts'))}_ {amounts}",
            "",
        ]
        out += [f"- {md(t('quiz_task_time', task=task.label(lang)))}" for task in role.tasks.values()]
    for point in pack.points:
        asked = [(q, item) for q, item in pack.questions.items() if item.point == point.number]
        if not asked:
            continue
        out += ["", f"## {md(t('point', number=point.number))}: {md(point.title(lang))}", ""]
        for question_id, question in asked:
            families = ", ".join(md(pack.families[f].label(lang)) for f in question.families)
            kind = t("batch_guide_multi") if question.kind == "multi" else t("batch_guide_select")
            out += [
                f"### {md(question.prompt(lang))}",
                "",
                f"_{md(kind)} · {md(t('col_applies'))}: {families}_ (`{question_id}`)",
                "",
            ]
            if question.help is not None:
                out += [md(question.help(lang)), ""]
            if question.options_from_tasks:
                out.append(md(t("batch_guide_task_options")))
            else:
                role = next(iter(pack.roles.values()))
                out += [f"- {md(question.options[o].label(lang))}" for o in option_ids(question, role)]
    out.append("")
    return "\n".join(out)


__all__ = ["template_csv", "template_markdown"]
