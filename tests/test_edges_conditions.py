"""Advice conditions on both sides of every edge: ranges, defaults for what is missing, all/any/not, role settling.

Each case is a condition in the pack's own YAML shape, tried on one hand-made person (no pack needed), so a
boundary moved by one comparison flips exactly the cases named for it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from aiexposure.pack.conditions import Facts, Static, specialize, to_test
from aiexposure.pack.schema import Condition

# A writer (freelancer) who spends 30% on drafting, 0% on editing (absent), picked two human edges, answered
# `yes` to a select question, and has risk 38.8 and adaptation 0 (absent scores count as 0).
PERSON = Facts(
    "writer",
    "freelancer",
    {"drafting": 0.3},
    {"human_edge": ("empathy", "culture"), "uses_ai": "daily", "second_skill": ()},
    {"risk": 38.8, "neg": -5.0},
)
ASKED = frozenset({"human_edge", "uses_ai", "second_skill"})


def settle(condition: Mapping[str, object], role: str = "writer", family: str = "freelancer") -> Static:
    """What `specialize` leaves of a condition for this role: True, False or a test."""
    return specialize(Condition.model_validate(condition), role, family, ASKED)


def holds(condition: Mapping[str, object]) -> bool:
    """Whether the condition holds for PERSON."""
    return to_test(settle(condition))(PERSON)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        # a range is ge <= value < lt; either end may be missing
        ({"score": "risk", "ge": 38.8, "lt": 38.9}, True),
        ({"score": "risk", "ge": 38.7, "lt": 38.8}, False),
        ({"score": "risk", "ge": 38.9, "lt": 50.0}, False),
        ({"score": "risk"}, True),  # no ends: every value
        ({"score": "risk", "lt": 1e308}, True),
        ({"score": "risk", "ge": -1e308}, True),
        ({"score": "neg", "lt": 0.0}, True),  # negative values are below a missing `ge`
        ({"score": "neg", "ge": -5.0}, True),
        ({"score": "neg", "ge": -4.9}, False),
        # a score the person has not got counts as 0
        ({"score": "adapting", "ge": 0.0}, True),
        ({"score": "adapting", "ge": 0.5}, False),
        ({"score": "adapting", "lt": 0.0}, False),
        ({"score": "adapting", "lt": 0.5}, True),
        # task shares, and a task not in the mix counts as share 0
        ({"task": "drafting", "ge": 0.29, "lt": 0.3}, False),
        ({"task": "drafting", "ge": 0.3, "lt": 0.31}, True),
        ({"task": "drafting", "lt": 0.31}, True),
        ({"task": "editing", "ge": 0.0}, True),
        ({"task": "editing", "ge": 0.5}, False),
        ({"task": "editing", "lt": 0.0}, False),
        ({"task": "editing", "lt": 0.5}, True),
    ],
)
def test_score_and_task_ranges(condition: dict[str, object], expected: bool) -> None:
    assert holds(condition) is expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        # a select answer: `in` lists the values that count; none listed means any answer counts
        ({"answer": "uses_ai", "in": ["daily"]}, True),
        ({"answer": "uses_ai", "in": ["never", "daily"]}, True),
        ({"answer": "uses_ai", "in": ["never"]}, False),
        ({"answer": "uses_ai"}, True),
        # a multi-select: `includes` one value, and how many were picked (count_ge <= n < count_lt)
        ({"answer": "human_edge"}, True),
        ({"answer": "human_edge", "includes": "empathy"}, True),
        ({"answer": "human_edge", "includes": "trust"}, False),
        ({"answer": "human_edge", "count_ge": 2, "count_lt": 3}, True),
        ({"answer": "human_edge", "count_ge": 1, "count_lt": 2}, False),
        ({"answer": "human_edge", "count_ge": 3}, False),
        ({"answer": "human_edge", "includes": "empathy", "count_ge": 3}, False),
        ({"answer": "human_edge", "includes": "trust", "count_ge": 2}, False),
        ({"answer": "human_edge", "includes": "culture", "count_lt": 3}, True),
        ({"answer": "second_skill", "count_lt": 1}, True),  # nothing picked: count 0
        ({"answer": "second_skill", "count_ge": 1}, False),
        ({"answer": "second_skill", "includes": "trade"}, False),
        # asked of the family but missing from this person's answers: never holds, even `count_lt`
        ({"answer": "city", "count_lt": 1}, False),
    ],
)
def test_answers(condition: dict[str, object], expected: bool) -> None:
    facts = PERSON if condition["answer"] != "city" else PERSON._replace(values={})
    asked = ASKED | {"city"}
    assert to_test(specialize(Condition.model_validate(condition), "writer", "freelancer", asked))(facts) is expected


def test_a_question_not_asked_of_the_family_is_settled_false_up_front() -> None:
    assert settle({"answer": "vehicle", "in": ["car"]}) is False
    assert settle({"not": {"answer": "vehicle"}}) is True


@pytest.mark.parametrize(
    ("condition", "settled"),
    [
        ({"role": ["writer", "designer"]}, True),
        ({"role": ["designer"]}, False),
        ({"family": ["freelancer"]}, True),
        ({"family": ["gig"]}, False),
        ({"not": {"role": ["writer"]}}, False),
        ({"not": {"role": ["designer"]}}, True),
        ({"not": {"family": ["freelancer"]}}, False),
        ({"not": {"family": ["gig"]}}, True),
        # an `all` with a False part is False, with only True parts True; an `any` the other way round
        ({"all": [{"role": ["writer"]}, {"family": ["gig"]}]}, False),
        ({"all": [{"role": ["writer"]}, {"family": ["freelancer"]}]}, True),
        ({"any": [{"role": ["designer"]}, {"family": ["freelancer"]}]}, True),
        ({"any": [{"role": ["designer"]}, {"family": ["gig"]}]}, False),
        ({"all": []}, True),
        ({"any": []}, False),
        # a deciding part settles the whole even when other parts need the person
        ({"all": [{"score": "risk", "ge": 1}, {"role": ["designer"]}]}, False),
        ({"any": [{"score": "risk", "ge": 1}, {"role": ["writer"]}]}, True),
    ],
)
def test_role_and_family_parts_are_settled_once(condition: dict[str, object], settled: bool) -> None:
    assert settle(condition) is settled


def test_a_settled_part_drops_out_and_one_left_is_returned_as_it_is() -> None:
    inner = settle({"score": "risk", "ge": 1})
    assert callable(inner)
    for condition in (
        {"all": [{"role": ["writer"]}, {"score": "risk", "ge": 1}]},
        {"any": [{"role": ["designer"]}, {"score": "risk", "ge": 1}]},
    ):
        single = settle(condition)
        assert callable(single) and single.__qualname__ == inner.__qualname__
        assert single(PERSON) is True
        assert single(PERSON._replace(scores={"risk": 0.5})) is False


@pytest.mark.parametrize(
    ("risk", "drafting", "all_holds", "any_holds"),
    [
        (38.8, 0.3, True, True),
        (38.8, 0.0, False, True),
        (0.0, 0.3, False, True),
        (0.0, 0.0, False, False),
    ],
)
def test_all_and_any_over_parts_that_need_the_person(
    risk: float, drafting: float, all_holds: bool, any_holds: bool
) -> None:
    parts = [{"score": "risk", "ge": 20}, {"task": "drafting", "ge": 0.1}, {"role": ["writer"]}]
    facts = PERSON._replace(scores={"risk": risk}, shares={"drafting": drafting})
    assert to_test(settle({"all": parts}))(facts) is all_holds
    assert to_test(settle({"any": parts[:2]}))(facts) is any_holds
    assert to_test(settle({"not": {"all": parts}}))(facts) is (not all_holds)
    assert to_test(settle({"not": {"any": parts[:2]}}))(facts) is (not any_holds)


def test_three_parts_each_can_decide() -> None:
    parts = [{"score": "risk", "ge": 20}, {"task": "drafting", "ge": 0.1}, {"answer": "uses_ai", "in": ["daily"]}]
    every = to_test(settle({"all": parts}))
    some = to_test(settle({"any": parts}))
    assert every(PERSON) is True
    for changed in (
        PERSON._replace(scores={}),
        PERSON._replace(shares={}),
        PERSON._replace(values={"uses_ai": "never"}),
    ):
        assert every(changed) is False
        assert some(changed) is True
    assert some(PERSON._replace(scores={}, shares={}, values={"uses_ai": "never"})) is False


def test_settled_conditions_become_constant_tests() -> None:
    assert to_test(True)(PERSON) is True
    assert to_test(False)(PERSON) is False
    inner = settle({"score": "risk", "ge": 1})
    assert to_test(inner) is inner


def test_a_condition_with_no_subject_never_holds() -> None:
    # the pack checker refuses one; compiled on its own it is False rather than an error
    assert holds({"ge": 1.0}) is False
