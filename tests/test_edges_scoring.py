"""The score arithmetic at its edges: clamps, rounding, terms and factors, task signals at each end of the range.

Numbers are worked by hand from the shipped pack (task exposures, horizon factors, spreads); the comments say how.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess, band_for, round_score, score_ranges
from aiexposure.pack.compiled import (
    CompiledScore,
    CompiledTerm,
    SignalFn,
    TermResult,
    Values,
    Variant,
    _signal,
    _terms,
    combine,
    role_model,
    task_amount,
)
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Band, Pack, Signal, Term, Text

PACK: Pack = load_pack(default_rules_dir())
WRITER = PACK.roles["writer"]
DRIVER = PACK.roles["driver"]


@pytest.fixture(autouse=True)
def fresh_models() -> None:
    """Compile the roles afresh in every test, so a mutation run exercises the compiler, not a cached model."""
    PACK.__dict__.pop("derived", None)


def copy_of(pack: Pack, **update: Any) -> Pack:
    """A changed pack, without the original's compiled models (model_copy would share them)."""
    changed = pack.model_copy(update=update)
    changed.__dict__.pop("derived", None)
    return changed


@pytest.mark.parametrize(
    ("total", "scale", "score"),
    [
        (0.0, 1.0, 0.0),
        (1.0, 1.0, 100.0),
        (0.25, 1.0, 25.0),
        (1.2, 0.5, 50.0),  # the sum is clamped to 1 before the factors scale it
        (-0.1, -1.0, 0.0),  # and to 0: a negative sum times a negative factor is still 0, not 10
        (-0.1, 1.0, 0.0),
        (0.5, 2.0, 100.0),
        (0.5, 1.99, 99.5),
        (0.5, 2.01, 100.0),  # the result is clamped to 100 too
        (0.5, -0.5, 0.0),  # and to 0
        (0.5, 0.0, 0.0),
    ],
)
def test_combine_clamps_the_sum_then_the_result(total: float, scale: float, score: float) -> None:
    assert combine(total, scale) == score


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (58.25, 58.3),
        (58.2499999999, 58.3),  # binary error below a half is absorbed
        (58.2499, 58.2),
        (0.05, 0.1),
        (0.04, 0.0),
        (99.95, 100.0),
        (0.0, 0.0),
        (41.6, 41.6),
    ],
)
def test_round_score_rounds_halves_up(value: float, rounded: float) -> None:
    assert round_score(value) == rounded


def constant(value: float) -> SignalFn:
    """A signal that is always `value`."""

    def signal(_: Mapping[str, float], __: Values, ___: Mapping[str, float]) -> float:
        return value

    return signal


def test_a_score_sums_weighted_terms_then_multiplies_its_factors() -> None:
    score = CompiledScore(
        "s",
        (CompiledTerm("a", 0.5, constant(0.4)), CompiledTerm("b", 0.3, constant(1.0))),
        (CompiledTerm("f", 0.8, constant(0.5), 0.2), CompiledTerm("g", -0.5, constant(0.2), 1.0)),
    )
    # sum .5 x .4 + .3 x 1 = .5; factors (.2 + .8 x .5) = .6 and (1 - .5 x .2) = .9: 100 x .5 x .6 x .9 = 27
    kept: list[TermResult] = []
    assert score.value({}, {}, {}, kept) == pytest.approx(27.0)
    assert score.value({}, {}, {}) == pytest.approx(27.0)
    assert kept == [
        TermResult("a", 0.4, 0.5, 0.2),
        TermResult("b", 1.0, 0.3, 0.3),
        TermResult("f", 0.5, 0.8, pytest.approx(0.6), True),  # type: ignore[arg-type]
        TermResult("g", 0.2, -0.5, pytest.approx(0.9), True),  # type: ignore[arg-type]
    ]


def test_a_term_with_factors_of_its_own_keeps_its_plain_value_and_each_factor() -> None:
    term = CompiledTerm("t", 0.5, constant(0.3), 0.0, constant(0.6), (("f", 0.2, 0.6, constant(0.5)),))
    kept: list[TermResult] = []
    term.keep(0.3, {}, {}, {}, kept)
    assert kept == [TermResult("t", 0.6, 0.5, 0.15), TermResult("f", 0.5, 0.6, 0.5, True, "t")]
    plain: list[TermResult] = []
    CompiledTerm("p", 0.25, constant(0.4)).keep(0.4, {}, {}, {}, plain)
    assert plain == [TermResult("p", 0.4, 0.25, 0.1)]


@pytest.mark.parametrize(("variant", "market"), [("mid", 0.6), ("low", 0.45), ("high", 0.75)])
def test_a_terms_own_factors_multiply_its_signal(variant: Variant, market: float) -> None:
    scaled = Term(
        id="t",
        signal=Signal(market=True),
        weight=0.5,
        times=[Term(id="f", signal=Signal(answer="ai_use"), weight=0.6, offset=0.2)],
    )
    (compiled,) = _terms(PACK, WRITER, [scaled], variant)
    # market pressure x (.2 + .6 x ai_use's value): daily 1 -> x .8, never 0 -> x .2
    assert compiled.signal({}, {"ai_use": "daily"}, {}) == pytest.approx(market * 0.8)
    assert compiled.signal({}, {"ai_use": "never"}, {}) == pytest.approx(market * 0.2)
    assert compiled.raw is not None and compiled.raw({}, {}, {}) == market
    assert (compiled.id, compiled.weight, [s[:3] for s in compiled.scales]) == ("t", 0.5, [("f", 0.2, 0.6)])


def test_a_term_for_other_families_is_left_out() -> None:
    gig_only = Term(id="g", signal=Signal(market=True), families=["gig"])
    both = Term(id="b", signal=Signal(market=True), families=["gig", "freelancer"])
    assert [t.id for t in _terms(PACK, WRITER, [gig_only, both], "mid")] == ["b"]
    assert [t.id for t in _terms(PACK, DRIVER, [gig_only, both], "mid")] == ["g", "b"]


HALF = {"drafting": 0.5, "voice": 0.5}  # drafting: genai .8, substitute, now; voice: .25, augment, mid


@pytest.mark.parametrize(
    ("signal", "variant", "value"),
    [
        (Signal(tasks="genai"), "mid", 0.525),  # .5 x .8 + .5 x .25
        (Signal(tasks="genai", horizon_weighted=True), "mid", 0.4375),  # .5 x .8 x 1 + .5 x .25 x .3
        (Signal(tasks="genai"), "low", 0.483),  # spread .92: .5 x .736 + .5 x .23
        (Signal(tasks="genai"), "high", 0.6825),  # spread 1.46: .5 x min(1, 1.168) + .5 x .365
        (Signal(tasks="genai", horizon_weighted=True), "low", 0.3795),  # .5 x .736 x 1 + .5 x .23 x .1
        (Signal(tasks="genai", horizon_weighted=True), "high", 0.6095),  # .5 x 1 x 1 + .5 x .365 x .6
        (Signal(tasks="genai", mode="substitute"), "mid", 0.4),  # drafting only
        (Signal(tasks="genai", mode="augment"), "mid", 0.125),  # voice only
        (Signal(tasks="robotics"), "mid", 0.0),  # writing needs no robots
    ],
)
def test_task_signals(signal: Signal, variant: Variant, value: float) -> None:
    assert _signal(PACK, WRITER, signal, variant)(HALF, {}, {}) == pytest.approx(value)


@pytest.mark.parametrize(
    ("signal", "values", "value"),
    [
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ("voice",)}, 0.125),  # only what is done with AI
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ()}, 0.0),
        (Signal(tasks="genai", among="ai_tasks"), {}, 0.0),
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ("drafting", "voice")}, 0.525),
        (Signal(tasks="genai", among="ai_tasks", relative=True), {"ai_tasks": ("voice",)}, 0.125 / 0.525),
        (Signal(tasks="genai", relative=True), {}, 1.0),
        (Signal(tasks="genai", mode="augment", relative=True, among="ai_tasks"), {"ai_tasks": ("voice",)}, 1.0),
    ],
)
def test_task_signals_among_chosen_tasks(signal: Signal, values: dict[str, Any], value: float) -> None:
    assert _signal(PACK, WRITER, signal, "mid")(HALF, values, {}) == pytest.approx(value)


def test_a_relative_signal_with_nothing_exposed_is_0() -> None:
    relative = _signal(PACK, WRITER, Signal(tasks="genai", mode="substitute", relative=True), "mid")
    assert relative({"voice": 1.0}, {}, {}) == 0.0  # voice is augment: no substitute work at all
    assert relative({"voice": 0.5, "drafting": 0.5}, {}, {}) == 1.0


@pytest.mark.parametrize(
    ("vehicle", "city", "value"),
    [
        ("car", "town", 0.115),  # rides .5 x .8 x 1 x .1 + food .5 x .5 x .3
        ("motorbike", "metro", 0.27),  # rides .5 x .8 x .05 x 1 + food .5 x .5 x 1
        ("van", "city", 0.262),  # rides .5 x .8 x .8 x .35 + food .5 x .5 x .6
    ],
)
def test_robotics_scaled_by_vehicle_and_city(vehicle: str, city: str, value: float) -> None:
    signal = _signal(PACK, DRIVER, Signal(tasks="robotics"), "mid")
    values = {"vehicle": vehicle, "city": city}
    assert signal({"rides": 0.5, "food": 0.5}, values, {}) == pytest.approx(value)
    # a multi-select answer or none leaves the amount unscaled: rides .5 x .8 + food .5 x .5
    assert signal({"rides": 0.5, "food": 0.5}, {"city": ("x",)}, {}) == pytest.approx(0.65)


@pytest.mark.parametrize(
    ("values", "value"),
    [
        ({"human_edge": ("empathy", "culture")}, 0.5),
        ({"human_edge": ("empathy", "culture", "humor", "relationship", "expertise")}, 1.0),  # 1.25 capped at 1
        ({"human_edge": ()}, 0.0),
        ({}, 0.0),
    ],
)
def test_a_multi_answer_signal_adds_option_values_up_to_1(values: dict[str, Any], value: float) -> None:
    assert _signal(PACK, WRITER, Signal(answer="human_edge"), "mid")({}, values, {}) == value


def test_answer_market_and_score_signals() -> None:
    assert _signal(PACK, WRITER, Signal(answer="ai_use"), "mid")({}, {"ai_use": "weekly"}, {}) == 0.7
    assert _signal(PACK, WRITER, Signal(score="exposure"), "low")({}, {}, {"exposure": 42.5}) == 0.425
    assert [_signal(PACK, WRITER, Signal(market=True), v)({}, {}, {}) for v in ("mid", "low", "high")] == [
        0.6,
        0.45,
        0.75,
    ]


@pytest.mark.parametrize(
    ("task_id", "kind", "horizon", "variant", "amount"),
    [
        ("drafting", "genai", False, "mid", 0.8),
        ("drafting", "genai", False, "high", 1.0),  # .8 x 1.46, capped at 1
        ("voice", "genai", True, "high", 0.219),  # .25 x 1.46 x .6
        ("voice", "genai", True, "low", 0.023),  # .25 x .92 x .1
        ("research", "genai", True, "mid", 0.28),  # .4 x .7 (near)
        ("research", "robotics", False, "high", 0.0),
    ],
)
def test_task_amount(task_id: str, kind: str, horizon: bool, variant: Variant, amount: float) -> None:
    assert task_amount(PACK, WRITER, task_id, kind, horizon, variant) == pytest.approx(amount)


def test_robotics_amounts_take_the_horizon_range_but_not_the_genai_spread() -> None:
    # rides: robotics .8, horizon mid (.3; low .1, high .6)
    assert task_amount(PACK, DRIVER, "rides", "robotics", False, "high") == 0.8
    assert task_amount(PACK, DRIVER, "rides", "robotics", True, "low") == pytest.approx(0.08)
    assert task_amount(PACK, DRIVER, "rides", "robotics", True, "high") == pytest.approx(0.48)


def test_a_risk_above_every_bands_limit_falls_in_the_last_band() -> None:
    bands = [Band(id="a", below=20.0, label=Text(en="a", id="a")), Band(id="b", below=40.0, label=Text(en="b", id="b"))]
    pack = copy_of(PACK, scoring=PACK.scoring.model_copy(update={"bands": bands}))
    assert [band_for(pack, risk).id for risk in (19.9, 20.0, 39.9, 40.0, 99.0)] == ["a", "b", "b", "b", "b"]


@pytest.mark.parametrize("shown", [1, 2, 3])
def test_at_most_advice_shown_items_in_priority_order(shown: int) -> None:
    pack = copy_of(PACK, scoring=PACK.scoring.model_copy(update={"advice_shown": shown}))
    result = assess(pack, resolve(pack, "writer", None, {"ai_use": "never"}))
    every = assess(PACK, resolve(PACK, "writer", None, {"ai_use": "never"})).advice
    assert len(every) > 3
    assert result.advice == every[:shown]
    assert [a.priority for a in every] == sorted((a.priority for a in every), reverse=True)


def test_a_batch_row_carries_no_detail() -> None:
    answers = resolve(PACK, "writer", None, {"ai_use": "never"})
    row, full = assess(PACK, answers, full=False), assess(PACK, answers)
    assert (row.moves, row.faq, row.notes, row.ranges, row.risk.terms) == ((), (), (), None, ())
    assert (row.risk.value, row.verdict, row.advice) == (full.risk.value, full.verdict, full.advice)
    assert full.risk.terms != () and full.moves != ()


def test_ranges_hold_each_value_between_the_low_and_high_ends() -> None:
    result = assess(PACK, resolve(PACK, "writer", None, {}))
    assert result.ranges is not None
    assert list(result.ranges) == [*result.scores, "risk", "exposed", "adapting"]
    for score in result.every_score:
        low, high = result.ranges[score.id]
        assert low <= score.value <= high, score.id
    # the writer's genai numbers spread from x.92 to x1.46, so exposure differs at each end
    low, high = result.ranges["exposure"]
    assert low < result.scores["exposure"].value < high
    assert score_ranges(PACK, result.answers) == result.ranges


def test_role_models_are_built_once_per_role_and_end() -> None:
    assert role_model(PACK, "writer") is role_model(PACK, "writer", "mid")
    assert role_model(PACK, "writer", "low") is not role_model(PACK, "writer", "high")
    assert role_model(PACK, "writer").thresholds == (PACK.scoring.exposed.threshold, PACK.scoring.adapting.threshold)
