"""A seeded random population of profiles, and what drives their risk: the numbers docs/method.md quotes.

Each person gets a role, a task mix (each task none, a little, a fair share or most of the time) and a uniformly
random option for every question of their family (each option of a multi-select chosen with even odds). The
same seed gives the same people on every machine. Run `python -m aiexposure.model.population` to print the
tables of docs/method.md from the shipped pack.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import product
from statistics import fmean, pvariance
from typing import NamedTuple

from aiexposure.model.answers import Answers, AnswerValue, option_ids, resolve
from aiexposure.model.scoring import score_all
from aiexposure.pack.schema import Pack, questions_for

# the quick answers for a task's time (none, a little, a fair share, most), as the quiz offers them
TIME_WEIGHTS = (0, 1, 2, 4)


class Person(NamedTuple):
    """One drawn profile and its risk."""

    answers: Answers
    group: int  # people drawn with the same role and task mix share a group
    risk: float


def _mix(pack: Pack, role_id: str, chance: random.Random) -> dict[str, int]:
    tasks = {t: chance.choice(TIME_WEIGHTS) for t in pack.roles[role_id].tasks}
    if not any(tasks.values()):
        tasks[next(iter(tasks))] = 1
    return tasks


def _raw_answers(pack: Pack, role_id: str, chance: random.Random) -> dict[str, object]:
    role = pack.roles[role_id]
    raw: dict[str, object] = {}
    for qid in questions_for(pack, role.family):
        question = pack.questions[qid]
        values = option_ids(question, role)
        if question.kind == "select":
            raw[qid] = chance.choice(values)
        else:
            raw[qid] = [v for v in values if chance.random() < 0.5]
    return raw


def risk_of(pack: Pack, answers: Answers) -> float:
    """The person's overall risk (rounded to one decimal, as every report shows it)."""
    return score_all(pack, answers, detail=False)[1].value


def draw(pack: Pack, groups: int, per_group: int, seed: int, roles: Sequence[str] | None = None) -> list[Person]:
    """`groups` role-and-task-mix draws, each with `per_group` random sets of answers."""
    chance = random.Random(seed)
    names = list(roles or pack.roles)
    people = []
    for group in range(groups):
        role_id = chance.choice(names)
        tasks = _mix(pack, role_id, chance)
        for _ in range(per_group):
            answers = resolve(pack, role_id, tasks, _raw_answers(pack, role_id, chance))
            people.append(Person(answers, group, risk_of(pack, answers)))
    return people


def eta_squared(values: Sequence[float], keys: Sequence[object]) -> float:
    """The share of the variance of `values` between the groups that `keys` form, corrected for chance (ε²).

    Plain η² grows with the number of groups even when they explain nothing (300 role-and-task-mix groups of
    20 people would show about 5% by chance alone), so the between-groups sum is reduced by what chance gives:
    (SS_between - (groups - 1) x MS_within) / SS_total.
    """
    total = pvariance(values) * len(values)
    if total == 0:
        return 0.0
    groups: dict[object, list[float]] = defaultdict(list)
    for value, key in zip(values, keys, strict=True):
        groups[key].append(value)
    mean = fmean(values)
    between = sum(len(g) * (fmean(g) - mean) ** 2 for g in groups.values())
    if len(groups) >= len(values):
        return between / total
    within = (total - between) / (len(values) - len(groups))
    return max(0.0, (between - (len(groups) - 1) * within) / total)


def _key(value: AnswerValue) -> object:
    return value if isinstance(value, str) else frozenset(value)


def variance_shares(pack: Pack, people: Sequence[Person]) -> dict[str, float]:
    """η² of risk for the role, the role with its task mix, and each question (people of one family)."""
    risks = [p.risk for p in people]
    shares = {
        "role": eta_squared(risks, [p.answers.role for p in people]),
        "role_and_tasks": eta_squared(risks, [p.group for p in people]),
    }
    questions = {q for p in people for q in p.answers.values}
    for qid in pack.questions:
        if qid in questions:
            shares[qid] = eta_squared(risks, [_key(p.answers.values[qid]) for p in people])
    return shares


def extremes(pack: Pack, answers: Answers, question_id: str) -> list[AnswerValue]:
    """Every option of a select question; none and all options of a multi-select."""
    question = pack.questions[question_id]
    options = option_ids(question, pack.roles[answers.role])
    if question.kind == "select":
        return list(options)
    chosen = tuple(o for o in options if not question.options_from_tasks or o in answers.shares)
    return [(), chosen]


def swing(pack: Pack, answers: Answers, question_ids: Iterable[str]) -> float:
    """How far risk moves between the best and the worst choice of these answers together (others held)."""
    ids = [q for q in question_ids if q in answers.values]
    risks = [
        risk_of(pack, replace(answers, values={**answers.values, **dict(zip(ids, combo, strict=True))}))
        for combo in product(*(extremes(pack, answers, q) for q in ids))
    ]
    return max(risks) - min(risks)


def sensitivity(pack: Pack, people: Sequence[Person], groups: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """For each named group of questions, the mean swing of risk over the people (points of risk)."""
    return {name: fmean(swing(pack, p.answers, ids) for p in people) for name, ids in groups.items()}


def point_groups(pack: Pack, family: str) -> dict[str, list[str]]:
    """Each question of the family on its own, and each of the article's points as a whole (`point N`).

    Lost work is a fact about the person, not one of the moves a point recommends, so it stands apart from
    point 2's group (it has its own row).
    """
    asked = questions_for(pack, family)
    groups: dict[str, list[str]] = {q: [q] for q in asked}
    for qid in asked:
        question = pack.questions[qid]
        if question.actionable or question.point == 4:
            groups.setdefault(f"point {question.point}", []).append(qid)
    return groups


def mean_risk(people: Iterable[Person], key: Callable[[Person], str]) -> dict[str, float]:
    """Mean risk by a key of each person (their role, say)."""
    groups: dict[str, list[float]] = defaultdict(list)
    for person in people:
        groups[key(person)].append(person.risk)
    return {k: fmean(v) for k, v in groups.items()}


def main() -> None:  # pragma: no cover - prints the tables of docs/method.md
    from aiexposure.pack.load import default_rules_dir, load_pack

    pack = load_pack(default_rules_dir())
    for family in pack.families:
        roles = [r for r, role in pack.roles.items() if role.family == family]
        people = draw(pack, 300, 20, seed=3, roles=roles)
        print(f"\n## {family}: {len(people)} people, mean risk {fmean(p.risk for p in people):.1f}")
        for name, share in variance_shares(pack, people).items():
            print(f"  eta2 {name:16} {share:6.1%}")
        sample = people[::10]
        for name, value in sensitivity(pack, sample, point_groups(pack, family)).items():
            print(f"  swing {name:16} {value:5.1f}")
        for role, value in mean_risk(people, lambda p: p.answers.role).items():
            typical = risk_of(pack, resolve(pack, role, None, {}))
            print(f"  mean risk {role:12} {value:5.1f}   typical answers {typical:5.1f}")
        from aiexposure.model.scoring import assess

        found = [assess(pack, p.answers, full=False) for p in people]
        bands: defaultdict[tuple[str, str], int] = defaultdict(int)
        for result in found:
            bands[result.band.id, result.verdict] += 1
        print("  bands x verdicts", dict(sorted(bands.items())))
        pressure = mean_risk(
            [p._replace(risk=r.scores["pressure"].value) for p, r in zip(people, found, strict=True)],
            lambda p: p.answers.role,
        )
        print("  mean pressure", {k: round(v, 1) for k, v in pressure.items()})


if __name__ == "__main__":  # pragma: no cover
    main()
