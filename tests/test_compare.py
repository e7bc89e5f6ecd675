"""`history compare`'s arithmetic (model/compare.py): Shapley parts that no order decides, that add up to the
change of every score once rounded, and what they do when changes act on each other."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from fractions import Fraction

import pytest

from aiexposure.model.answers import resolve
from aiexposure.model.compare import EXACT_UP_TO, attribute, largest_remainder, shapley
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
F = Fraction


Game = Callable[[frozenset[str]], dict[str, int]]


def game(values: dict[frozenset[str], int]) -> Game:
    """A coalition game from a table of risk values (tenths)."""
    return lambda made: {"risk": values[made]}


def risk(role: str, tasks: dict[str, int] | None, answers: dict[str, str]) -> float:
    return assess(PACK, resolve(PACK, role, tasks, answers), full=False).risk.value


# --- the translator of issue 20 ------------------------------------------------------------------------------

MIX = {"documents": 30, "post_editing": 60, "localization": 10}
LATER = {"documents": 30, "post_editing": 50, "localization": 10, "specialist": 10}


def test_the_translator_is_no_longer_told_certified_work_raised_her_risk() -> None:
    # Each coalition is what a person with only those changes gets from assess (weights renormalised, as resolve
    # does): the four risks, then the two-player Shapley values by hand.
    v0, v_post, v_cert, v_both = (
        risk("translator", MIX, {}),
        risk("translator", {**MIX, "post_editing": 50}, {}),
        risk("translator", {**MIX, "specialist": 10}, {}),
        risk("translator", LATER, {}),
    )
    assert (v0, v_post, v_cert, v_both) == (65.9, 65.4, 62.5, 61.8)
    # certified: 1/2 [(62.5 - 65.9) + (61.8 - 65.4)] = 1/2 (-3.4 - 3.6) = -3.5
    # post-editing: 1/2 [(65.4 - 65.9) + (61.8 - 62.5)] = 1/2 (-0.5 - 0.7) = -0.6; together -4.1, the whole change
    result = attribute(PACK, resolve(PACK, "translator", MIX, {}), resolve(PACK, "translator", LATER, {}))
    assert result.exact and result.risk_delta == -4.1
    parts = {c.key: (c.kind, c.before, c.after, c.risk_delta, c.alone["risk"]) for c in result.changes}
    assert parts == {
        "post_editing": ("task", 0.6, 0.5, -0.6, -0.5),
        "specialist": ("task", 0.0, 0.1, -3.5, -3.4),
    }


def test_the_translators_exposure_by_hand_is_explained_too() -> None:
    # exposure = 100 x sum of share x genai: documents .64, post-editing .7, localization .64, certified .64
    #   before .3*.64 + .6*.7 + .1*.64 = .676 -> 67.6; after .192 + .35 + .064 + .064 = .670 -> 67.0
    #   post-editing alone: (.192 + .35 + .064) / .9 = .6733 -> 67.3; certified alone: (.676 + .064) / 1.1 = .6727
    #   -> 67.3; each 1/2 [(67.3 - 67.6) + (67.0 - 67.3)] = -0.3
    result = attribute(PACK, resolve(PACK, "translator", MIX, {}), resolve(PACK, "translator", LATER, {}))
    assert result.total["exposure"] == -0.6
    assert {c.key: (c.parts["exposure"], c.alone["exposure"]) for c in result.changes} == {
        "post_editing": (-0.3, -0.3),
        "specialist": (-0.3, -0.3),
    }
    # every score is explained, and each one's parts add up to its change
    for sid, total in result.total.items():
        assert round(sum(c.parts[sid] for c in result.changes), 1) == total, sid


def test_two_answers_by_hand() -> None:
    # A writer, every other answer at its default: the four coalitions scored by assess
    before = resolve(PACK, "writer", None, {"ai_use": "never"})
    after = resolve(PACK, "writer", None, {"ai_use": "daily", "upskill": "both"})
    risks = [
        risk("writer", None, {"ai_use": "never"}),
        risk("writer", None, {"ai_use": "daily"}),
        risk("writer", None, {"ai_use": "never", "upskill": "both"}),
        risk("writer", None, {"ai_use": "daily", "upskill": "both"}),
    ]
    assert risks == [44.2, 40.5, 41.2, 37.5]
    # ai_use 1/2 [(40.5 - 44.2) + (37.5 - 41.2)] = -3.7; upskill 1/2 [(41.2 - 44.2) + (37.5 - 40.5)] = -3.0:
    # these two do not act on each other (each moves risk by the same points whatever the other), so each part is
    # its effect alone
    result = attribute(PACK, before, after)
    assert result.risk_delta == -6.7
    assert [(c.kind, c.key, c.before, c.after, c.risk_delta, c.alone["risk"]) for c in result.changes] == [
        ("question", "ai_use", "never", "daily", -3.7, -3.7),
        ("question", "upskill", "none", "both", -3.0, -3.0),
    ]
    # acceleration moves with ai_use only, evolution with upskill only: each gets the whole of its own change
    assert [(c.parts["acceleration"], c.parts["evolution"]) for c in result.changes] == [(27.3, 0.0), (0.0, 30.0)]


def test_nothing_changed_a_role_changed_and_the_whole_mix_changed() -> None:
    before = resolve(PACK, "writer", None, {"ai_use": "never"})
    assert attribute(PACK, before, before).changes == []
    courier = resolve(PACK, "courier", None, {})
    result = attribute(PACK, before, courier)
    assert [(c.kind, c.before, c.after) for c in result.changes] == [("role", "writer", "courier")]
    assert result.changes[0].parts == result.total
    # no task in both mixes: a coalition could have no time at all, so the mix is one change
    only_drafting = resolve(PACK, "writer", {"drafting": 1}, {})
    only_client = resolve(PACK, "writer", {"client": 1}, {"ai_use": "daily"})
    result = attribute(PACK, only_drafting, only_client)
    assert [(c.kind, c.key) for c in result.changes] == [("mix", "mix"), ("question", "ai_use")]
    assert result.changes[0].before == {"drafting": 1.0} and result.changes[0].after == {"client": 1.0}


def test_adding_a_task_is_one_change_not_a_change_of_every_share() -> None:
    # outline, drafting and editing keep their weights (their shares all fall by the same factor): only the new
    # tasks are changes
    before = resolve(PACK, "writer", {"outline": 1, "drafting": 2, "editing": 1}, {})
    after = resolve(PACK, "writer", {"outline": 1, "drafting": 2, "editing": 1, "research": 4}, {})
    result = attribute(PACK, before, after)
    assert [(c.key, c.before, c.after) for c in result.changes] == [("research", 0.0, 0.5)]
    assert result.changes[0].parts == result.total


# --- Shapley values and rounding ------------------------------------------------------------------------------


def test_shapley_of_a_small_game_by_hand() -> None:
    ab, a, b, none = frozenset("ab"), frozenset("a"), frozenset("b"), frozenset[str]()
    # a alone -10, b alone -4, both -20: a = 1/2 (-10 + (-20 + 4)) = -13, b = 1/2 (-4 + (-20 + 10)) = -7
    values, exact = shapley(["a", "b"], game({none: 0, a: -10, b: -4, ab: -20}))
    assert exact and values == {"a": {"risk": F(-13)}, "b": {"risk": F(-7)}}


def test_a_part_can_have_the_other_sign_than_the_change_alone() -> None:
    # Two changes that each lower the score alone and raise it together (+5): any parts that add up to +5 must
    # show one of them raising it. Shapley shares it evenly: +2.5 each, against -1 alone.
    ab, a, b, none = frozenset("ab"), frozenset("a"), frozenset("b"), frozenset[str]()
    values, _ = shapley(["a", "b"], game({none: 0, a: -10, b: -10, ab: 50}))
    assert values == {"a": {"risk": F(25)}, "b": {"risk": F(25)}}


DRIVER = {
    "income_share": "all", "dispatch": "app", "lost_work": "unsure", "upskill": "none", "ai_use": "daily",
    "city": "metro", "vehicle": "motorbike", "platform_pay": "same", "alt_skills": "ready",
}  # fmt: skip
DRIVER_MIX = {"rides": 6, "navigation": 1, "service": 1, "upkeep": 1}


def test_where_the_model_gives_a_part_the_other_sign() -> None:
    # In the pack, changes act on each other through the task mix: a driver in a metro area who moves from a
    # motorbike to a car and cuts passenger trips from 6 parts of his time to 1. On a motorbike, fewer trips alone
    # raise risk a little (no driverless motorbike exists, so trips were his safest time); in a car, trips are what
    # robotaxis take, so fewer of them lower it. Shapley gives the trips a fall while alone they rise; the report
    # says what the change does alone (history/report.py).
    car = {**DRIVER, "vehicle": "car"}
    fewer = {**DRIVER_MIX, "rides": 1}
    v0, v_fewer, v_car, v_both = (
        risk("driver", DRIVER_MIX, DRIVER),
        risk("driver", fewer, DRIVER),
        risk("driver", DRIVER_MIX, car),
        risk("driver", fewer, car),
    )
    assert (v0, v_fewer, v_car, v_both) == (15.2, 15.9, 21.2, 18.2)
    # trips 1/2 [(15.9 - 15.2) + (18.2 - 21.2)] = 1/2 (0.7 - 3.0) = -1.15
    # car 1/2 [(21.2 - 15.2) + (18.2 - 15.9)] = 1/2 (6.0 + 2.3) = +4.15; rounded down -1.2 and +4.1 (2.9 of 3.0),
    # the tenth left goes to a tie of remainders (.5 each), broken by id: vehicle +4.2
    result = attribute(PACK, resolve(PACK, "driver", DRIVER_MIX, DRIVER), resolve(PACK, "driver", fewer, car))
    assert {c.key: (c.risk_delta, c.alone["risk"]) for c in result.changes} == {
        "rides": (-1.2, 0.7),
        "vehicle": (4.2, 6.0),
    }


def test_largest_remainder_rounding_adds_up_and_ties_go_by_id() -> None:
    assert largest_remainder({"b": F(1, 3), "a": F(1, 3), "c": F(1, 3)}, 1) == {"a": 1, "b": 0, "c": 0}
    assert largest_remainder({"a": F(-1, 3), "b": F(-1, 3), "c": F(-1, 3)}, -1) == {"a": 0, "b": 0, "c": -1}
    # the larger remainder gets the tenth: 2.6 -> 3, 1.4 -> 1 (and never a sign flipped: -0.4 -> 0 or -1)
    assert largest_remainder({"x": F(26, 10), "y": F(14, 10), "z": F(-4, 10)}, 4) == {"x": 3, "y": 1, "z": 0}


def _interacting(keys: list[str]) -> Game:
    """A game with pairwise interactions and a clamp, so sampled and exact values differ and order could matter."""
    weight = {k: (i * 7) % 11 - 5 for i, k in enumerate(sorted(keys))}

    def value(made: frozenset[str]) -> dict[str, int]:
        base = sum(weight[k] for k in made)
        pairs = sum(3 for x, y in itertools.combinations(sorted(made), 2) if (weight[x] + weight[y]) % 2 == 0)
        return {"risk": max(-20, base + pairs), "other": len(made)}

    return value


@pytest.mark.parametrize("n", [EXACT_UP_TO, EXACT_UP_TO + 3])
def test_the_order_the_changes_come_in_never_changes_a_part(n: int) -> None:
    keys = [f"q{i:02d}" for i in range(n)]
    reference, exact = shapley(keys, _interacting(keys))
    assert exact is (n <= EXACT_UP_TO)
    rng = random.Random(7)
    for _ in range(3):
        shuffled = keys[:]
        rng.shuffle(shuffled)
        assert shapley(shuffled, _interacting(keys)) == (reference, exact)
    # sampled or not, the parts add up exactly to the whole change
    whole = _interacting(keys)(frozenset(keys))
    assert sum(v["risk"] for v in reference.values()) == whole["risk"]
    assert sum(v["other"] for v in reference.values()) == n


def test_sampled_values_are_exact_for_changes_that_do_not_interact() -> None:
    keys = [f"q{i:02d}" for i in range(12)]
    values, exact = shapley(keys, lambda made: {"risk": sum(int(k[1:]) for k in made)})
    assert not exact
    assert values == {k: {"risk": F(int(k[1:]))} for k in keys}


def test_many_changes_in_the_pack_add_up_and_keep_their_order() -> None:
    # a freelancer who changed more than EXACT_UP_TO things (13): sampled orders, parts still adding up
    before = resolve(PACK, "writer", None, {"ai_use": "never"})
    after_answers = {
        "ai_use": "daily",
        "upskill": "both",
        "clients": "enterprise",
        "output": "bespoke",
        "lost_work": "no",
        "role_focus": "curator",
        "ai_direction": "yes",
        "ai_tasks": "outline,drafting",
        "human_edge": "humor,empathy",
    }
    after = resolve(PACK, "writer", {"outline": 10, "drafting": 10, "voice": 40, "client": 40}, after_answers)
    result = attribute(PACK, before, after)
    assert not result.exact and len(result.changes) > EXACT_UP_TO
    for sid, total in result.total.items():
        assert round(sum(c.parts[sid] for c in result.changes), 1) == total, sid
    again = attribute(PACK, before, after)
    assert again == result  # the fixed seed: the same pair always gets the same parts
