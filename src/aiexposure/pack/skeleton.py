"""The YAML file `rules new-role` writes: one role with every field a role needs, each value a placeholder that
says what belongs there (pack/placeholders.py finds them), shaped by the pack it goes into.

What the pack holds decides the skeleton: its families' questions give each point an advice item with an
example condition, its horizons and sources are listed where a value must name one, the indices that the
pack's other roles are matched to and compared with give the `matches` and `references` to fill in.
"""

from __future__ import annotations

import json

from aiexposure.pack.schema import Pack, in_family, questions_for

TASKS = 3  # tasks in the skeleton: a role has a few; the author adds or removes


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(words: str) -> str:
    return _q(f"TODO: {words}")


def _text(indent: str, words: str) -> list[str]:
    """A text's two languages; `rules check` adds which language each placeholder wants."""
    return [f"{indent}en: {_todo(words)}", f"{indent}id: {_todo(words)}"]


def skeleton(pack: Pack, role_id: str, family: str) -> str:
    """The skeleton of role `role_id` of `family`, as the text of a YAML file of the pack's `roles/` folder."""
    lines = [
        f"# The role '{role_id}', written by `aiexposure rules new-role`: one file holds all of it.",
        "# Replace every TODO. `aiexposure rules check` lists those left, one line each, with what to write.",
        "# docs/authoring.md explains every field, and how to match each task to the ILO and O*NET task data.",
        "roles:",
        f"  {role_id}:",
        *_role(pack, role_id, family),
        "",
        "# New studies the numbers or texts above cite, by id (the pack's own are in sources.yaml).",
        "# Delete this part if you cite none.",
        "sources:",
        "  todo_study:",
        f"    short: {_todo('the study in short, such as: ' + _example_source(pack))}",
        f"    citation: {_todo('authors, year, title, where it was published, a link and the date you read it')}",
        "",
        "# One advice item per point at least: a step this person can take this week. `when` says who sees it.",
        "# The condition shown is an example; docs/authoring.md lists what a condition can test.",
        "advice:",
        *_advice(pack, role_id, family),
    ]
    return "\n".join(lines) + "\n"


def _example_source(pack: Pack) -> str:
    """A study's short name the pack already cites, to show the form."""
    return next((source.short for source in pack.sources.values()), "Authors et al. 2025")


def _role(pack: Pack, role_id: str, family: str) -> list[str]:
    horizons = ", ".join(pack.scoring.horizons)
    lines = [
        f"    family: {family}",
        "    label:",
        *_text("      ", "the role's name, a few words"),
        "    description:",
        *_text("      ", "one sentence to the person saying what the work is (You ... / Kamu ...)"),
        "    # everyday names people use for this work, in both languages; each is read as this role",
        f"    words: [{_todo('an everyday name for this work, in either language; one name per item')}]",
        "    # names of nearby work that no role covers; someone who gives one is told this role comes nearest",
        "    related: []",
        "    codes:",
        f"      isco08: {_todo('the ISCO-08 code and title the ILO figures are read from')}",
        f"      soc: {_todo('the O*NET-SOC code and title, as used by Eloundou et al.')}",
        "    # each task's share of a typical week; the shares are read as weights (they need not add up to 100)",
        "    typical_mix:",
        *(f"      todo_task_{n}: {_todo('a whole number')}" for n in range(1, TASKS + 1)),
        "    tasks:",
    ]
    for n in range(1, TASKS + 1):
        lines += _task(pack, family, n, horizons)
    lines += _market()
    lines += _references(pack, family)
    lines += _faq(pack, family)
    return lines


def _task(pack: Pack, family: str, n: int, horizons: str) -> list[str]:
    lines = [
        f"      todo_task_{n}:",
        "        label:",
        *_text("          ", "the task in a few words"),
        f"        genai: {_todo('the score of the matched ILO 2025 task (matches below), from 0 to 1')}",
        f"        robotics: {_todo('the share robots, drones or driverless vehicles could do, from 0 to 1')}",
        f"        mode: {_todo('augment (AI speeds the person up) or substitute (clients take AI output instead)')}",
        f"        horizon: {_todo(f'when the robotics share is realistic in Indonesia: {horizons}')}",
        *_robotics_by(pack, family),
        "        rationale:",
        *_text("          ", "one or two sentences to the person: what AI can and cannot do in this task"),
        "        # the source of each number: an id of sources.yaml, or aiexposure for the pack's own judgement",
        "        sources:",
        f"          genai: {_todo('the source of genai, such as: ilo2025')}",
        f"          robotics: {_todo('the source of robotics, such as: aiexposure')}",
        f"          mode: {_todo('the source of mode')}",
        f"          horizon: {_todo('the source of horizon')}",
        "        # the task this one was matched to in each index's own data (`rules calibrate` compares them)",
        "        matches:",
    ]
    for source in _matched_sources(pack, family):
        lines += [
            f"          {source}:",
            f"            code: {_todo(f'the occupation code in {source}, and the task id where it has one')}",
            f"            task: {_todo(f'the {source} task, in short')}",
            f"            value: {_todo(f'the score {source} gives it, from 0 to 1')}",
        ]
    return lines


def _robotics_by(pack: Pack, family: str) -> list[str]:
    """For a family whose roles scale robotics by an answer (vehicle, city): the questions, as a comment."""
    used = {
        q for role in pack.roles.values() if role.family == family for t in role.tasks.values() for q in t.robotics_by
    }
    if not used:
        return []
    shown = ", ".join(sorted(used))
    return [f"        # robotics_by: {{question: {{option: multiplier}}}} scales robotics by an answer ({shown})"]


def _matched_sources(pack: Pack, family: str) -> list[str]:
    """The indices the pack's roles of `family` (else of any family) match their tasks to, in pack order."""
    for roles in ([r for r in pack.roles.values() if r.family == family], list(pack.roles.values())):
        found = list(dict.fromkeys(s for role in roles for t in role.tasks.values() for s in t.matches))
        if found:
            return found
    return []


def _market() -> list[str]:
    return [
        "    # what direct evidence (job posts, earnings, surveys) says about demand for this work: 0 none, 1 strong",
        "    market:",
        f"      pressure: {_todo('a number from 0 to 1')}",
        f"      low: {_todo('the lowest the evidence allows, from 0 to pressure')}",
        f"      high: {_todo('the highest the evidence allows, from pressure to 1')}",
        f"      source: {_todo('the source of these numbers')}",
        "      evidence:",
        f"        - source: {_todo('the source of this finding')}",
        "          text:",
        *_text("            ", "the finding, in a sentence a worker reads"),
        "    # the lowest and highest genai figure of the same-scale indices for this occupation, each divided by",
        "    # the exposure of the typical mix: the ends of the range every report shows",
        "    spread:",
        f"      low: {_todo('a number from 0 to 1')}",
        f"      high: {_todo('a number from 1 to 10')}",
        f"      source: {_todo('the source of the index that sets the wider end')}",
    ]


def _references(pack: Pack, family: str) -> list[str]:
    """The published figures the pack's other roles of `family` show, one each to fill in for this role."""
    shown = dict.fromkeys(
        (ref.source, ref.measure) for role in pack.roles.values() if role.family == family for ref in role.references
    )
    if not shown:
        return ["    references: []  # published figures for the occupation, shown beside the person's own"]
    lines = ["    # published figures for the occupation, shown beside the person's own scores", "    references:"]
    for source, measure in shown:
        lines += [
            f"      - source: {source}",
            f"        measure: {measure}",
            f"        value: {_todo(f'the figure {source} gives the occupation, from 0 to 1')}",
            "        label:",
            *_text("          ", "what the figure is, in a few words"),
        ]
    return lines


def _faq(pack: Pack, family: str) -> list[str]:
    """An answer of this role's own to each FAQ question its family is asked."""
    asked = [faq for faq in pack.faq if family in faq.families]
    if not asked:
        return []
    lines = ["    # this role's own answers to the questions people ask (the report's FAQ)", "    faq:"]
    for faq in asked:
        lines += [
            f"      {faq.id}:  # {faq.question.en}",
            "        - text:",
            *_text("            ", "the answer for this role: what the evidence says, then one thing to do"),
        ]
    return lines


def _advice(pack: Pack, role_id: str, family: str) -> list[str]:
    lines: list[str] = []
    asked = questions_for(pack, family)
    for point in pack.points:
        here = [q for q in asked if pack.questions[q].point == point.number]
        if not here:
            continue
        lines += [
            f"  - id: {role_id}_point_{point.number}",
            f"    point: {point.number}  # {in_family(point, family, 'title').en}",
            "    priority: 70  # 1 to 100: items are shown highest first, up to the pack's limit",
            "    when:",
            "      all:",
            f"        - {{role: [{role_id}]}}",
            f"        - {_example(pack, here[0])}  # an example: say who should read this step",
            "    text:",
            *_text("      ", "one step this person can take this week; short sentences, the action first"),
        ]
    return lines


def _example(pack: Pack, question_id: str) -> str:
    """A condition on `question_id` that reads as an example of who an item is for."""
    question = pack.questions[question_id]
    if question.kind == "multi":
        return f"{{answer: {question_id}, count_lt: 1}}"
    common = question.default if isinstance(question.default, str) else next(iter(question.options))
    return f"{{answer: {question_id}, in: [{common}]}}"  # the most common situation: a sensible first reader
