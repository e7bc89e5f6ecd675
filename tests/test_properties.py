"""Common-sense properties of the model, over random people, mixes and answers."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aiexposure.answers import Answers, applies, option_ids, resolve
from aiexposure.pack import Pack
from aiexposure.packload import default_rules_dir, load_pack
from aiexposure.scoring import assess, score_all

PACK: Pack = load_pack(default_rules_dir())

# Orders a person would agree with: each step is "more" of the thing.
MORE_AI_USE = ["never", "tried", "weekly", "daily"]
MORE_UPSKILL = [["none"], ["technical", "strategic"], ["both"]]
MORE_ALT_SKILLS = ["none", "learning", "ready"]
BIGGER_CITY = ["town", "city", "metro"]
MORE_APP_DISPATCH = ["direct", "mixed", "app"]


@st.composite
def people(draw: st.DrawFn, family: str | None = None) -> Answers:
    roles = [r for r, role in PACK.roles.items() if family is None or role.family == family]
    role_id = draw(st.sampled_from(roles))
    role = PACK.roles[role_id]
    # weights as people give them: whole numbers, percentages with decimals, or very large numbers
    weight = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False), st.floats(0, 1e300))
    weights = draw(st.lists(weight, min_size=len(role.tasks), max_size=len(role.tasks)))
    if sum(weights) <= 0:
        weights[0] = 1
    tasks = dict(zip(role.tasks, weights, strict=True))
    raw: dict[str, Any] = {}
    for qid, question in PACK.questions.items():
        if not applies(question, role.family):
            continue
        values = option_ids(question, role)
        if question.kind == "select":
            raw[qid] = draw(st.sampled_from(values))
        else:
            raw[qid] = draw(st.lists(st.sampled_from(values), unique=True))
    return resolve(PACK, role_id, tasks, raw)


def risk(answers: Answers) -> float:
    return score_all(PACK, answers)[1].value


def with_answer(answers: Answers, question: str, value: str | tuple[str, ...]) -> Answers:
    return replace(answers, values={**answers.values, question: value})


def assert_never_rises(answers: Answers, question: str, steps: list[list[str]]) -> None:
    risks = [[risk(with_answer(answers, question, v)) for v in step] for step in steps]
    for lower, higher in itertools.pairwise(risks):
        assert max(higher) <= min(lower), (question, risks)


@settings(max_examples=300, deadline=None)
@given(people())
def test_scores_are_finite_and_in_range(answers: Answers) -> None:
    result = assess(PACK, answers)
    for value in [s.value for s in result.scores.values()] + [result.risk.value, result.exposed.value]:
        assert math.isfinite(value) and 0.0 <= value <= 100.0
    assert abs(sum(answers.shares.values()) - 1.0) < 1e-9
    assert all(m.risk_delta < 0 for m in result.moves)
    assert [m.risk_delta for m in result.moves] == sorted(m.risk_delta for m in result.moves)


@settings(max_examples=300, deadline=None)
@given(people())
def test_using_ai_more_never_raises_risk(answers: Answers) -> None:
    assert_never_rises(answers, "ai_use", [[v] for v in MORE_AI_USE])


@settings(max_examples=300, deadline=None)
@given(people(), st.data())
def test_doing_one_more_task_with_ai_never_raises_risk(answers: Answers, data: st.DataObject) -> None:
    chosen = answers.values["ai_tasks"]
    assert isinstance(chosen, tuple)
    role = PACK.roles[answers.role]
    extra = data.draw(st.sampled_from(list(role.tasks)))
    more = tuple(t for t in role.tasks if t in chosen or t == extra)
    assert risk(with_answer(answers, "ai_tasks", more)) <= risk(answers)


@settings(max_examples=300, deadline=None)
@given(people(family="freelancer"), st.data())
def test_more_human_edge_never_raises_risk(answers: Answers, data: st.DataObject) -> None:
    chosen = answers.values["human_edge"]
    assert isinstance(chosen, tuple)
    extra = data.draw(st.sampled_from(list(PACK.questions["human_edge"].options)))
    more = tuple(o for o in PACK.questions["human_edge"].options if o in chosen or o == extra)
    assert risk(with_answer(answers, "human_edge", more)) <= risk(answers)


@settings(max_examples=300, deadline=None)
@given(people())
def test_more_upskilling_never_raises_risk(answers: Answers) -> None:
    assert_never_rises(answers, "upskill", MORE_UPSKILL)


@settings(max_examples=300, deadline=None)
@given(people(family="gig"))
def test_more_alternative_skills_never_raise_risk(answers: Answers) -> None:
    assert_never_rises(answers, "alt_skills", [[v] for v in MORE_ALT_SKILLS])


@settings(max_examples=300, deadline=None)
@given(people(family="gig"))
def test_a_bigger_more_automated_city_never_lowers_gig_risk(answers: Answers) -> None:
    for question, order in (("city", BIGGER_CITY), ("dispatch", MORE_APP_DISPATCH)):
        risks = [risk(with_answer(answers, question, v)) for v in order]
        assert risks == sorted(risks), (question, risks)


@settings(max_examples=200, deadline=None)
@given(people())
def test_a_listed_move_really_lowers_risk_by_its_delta(answers: Answers) -> None:
    result = assess(PACK, answers)
    for move in result.moves:
        after = risk(with_answer(answers, move.question, move.answer))
        assert round(after - result.risk.value, 1) == move.risk_delta
