"""The score arithmetic at its edges: clamps, rounding, terms and factors, task signals at each end of the range.

Numbers are worked by hand from the shipped pack (task exposures, horizon factors, spreads); the comments say how.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess, band_for, round_score, score_all, score_ranges
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
from aiexposure.pack.conditions import Facts
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Advice, Band, Condition, Faq, FaqAnswer, Pack, Signal, Term, Text, VerdictNote

PACK: Pack = load_pack(default_rules_dir())
WRITER = PACK.roles["writer"]
DRIVER = PACK.roles["driver"]


# drafting: genai .56, substitute, now; client: .41, augment, near (.7; low .4, high 1); the writer's spread .99-1.58
HALF = {"drafting": 0.5, "client": 0.5}


@pytest.fixture(autouse=True)
def fresh_models() -> None:
    """Compile the roles afresh in every test, so a mutation run exercises the compiler, not a cached model."""
    PACK.__dict__.pop("derived", None)


def copy_of(pack: Pack, **update: Any) -> Pack:
    """A changed pack, with compiled models of its own (Pack.model_copy drops the original's; this says so here too)."""
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


@pytest.mark.parametrize(
    ("variant", "market", "genai", "substitute"),
    # on HALF: genai .485 (.5 x .56 + .5 x .41), x .99 = .48015, x 1.58 = .7663;
    # drafting alone (substitute) .28, .2772, .4424; market .6, .45, .75
    [("mid", 0.6, 0.485, 0.28), ("low", 0.45, 0.48015, 0.2772), ("high", 0.75, 0.7663, 0.4424)],
)
def test_a_terms_own_factors_multiply_its_signal(
    variant: Variant, market: float, genai: float, substitute: float
) -> None:
    scaled = Term(
        id="t",
        signal=Signal(tasks="genai"),
        weight=0.5,
        offset=0.1,
        times=[
            Term(id="f", signal=Signal(answer="ai_use"), weight=0.6, offset=0.2),
            Term(id="m", signal=Signal(market=True)),
            Term(id="s", signal=Signal(tasks="genai", mode="substitute")),
        ],
    )
    (compiled,) = _terms(PACK, WRITER, [scaled], variant)
    # genai x (.2 + .6 x ai_use's value) x market x substitute: daily 1 -> x .8, never 0 -> x .2
    assert compiled.signal(HALF, {"ai_use": "daily"}, {}) == pytest.approx(genai * 0.8 * market * substitute)
    assert compiled.signal(HALF, {"ai_use": "never"}, {}) == pytest.approx(genai * 0.2 * market * substitute)
    assert compiled.raw is not None and compiled.raw(HALF, {}, {}) == pytest.approx(genai)
    assert (compiled.id, compiled.weight, compiled.offset) == ("t", 0.5, 0.1)
    assert [s[:3] for s in compiled.scales] == [("f", 0.2, 0.6), ("m", 0.0, 1.0), ("s", 0.0, 1.0)]


def test_a_compiled_score_passes_shares_answers_and_scores_to_every_signal() -> None:
    terms = _terms(
        PACK,
        WRITER,
        [
            Term(
                id="t",
                signal=Signal(tasks="genai"),
                times=[Term(id="s", signal=Signal(tasks="genai", mode="substitute"))],
            )
        ],
        "mid",
    )
    factors = _terms(
        PACK,
        WRITER,
        [
            Term(id="g", signal=Signal(tasks="genai", mode="augment")),
            Term(id="e", signal=Signal(score="exposure"), offset=0.5),
        ],
        "mid",
    )
    score = CompiledScore("x", terms, factors)
    kept: list[TermResult] = []
    # terms: .485 x .28 = .1358; factors: augment .205 and (.5 + 1 x .5) = 1: 100 x .1358 x .205 x 1 = 2.7839
    assert score.value(HALF, {}, {"exposure": 50.0}, kept) == pytest.approx(2.7839)
    assert kept == [
        TermResult("t", pytest.approx(0.485), 1.0, pytest.approx(0.1358)),  # type: ignore[arg-type]
        TermResult("s", pytest.approx(0.28), 1.0, pytest.approx(0.28), True, "t"),  # type: ignore[arg-type]
        TermResult("g", pytest.approx(0.205), 1.0, pytest.approx(0.205), True),  # type: ignore[arg-type]
        TermResult("e", 0.5, 1.0, 1.0, True),
    ]


def test_a_term_for_other_families_is_left_out() -> None:
    gig_only = Term(id="g", signal=Signal(market=True), families=["gig"])
    both = Term(id="b", signal=Signal(market=True), families=["gig", "freelancer"])
    assert [t.id for t in _terms(PACK, WRITER, [gig_only, both], "mid")] == ["b"]
    assert [t.id for t in _terms(PACK, DRIVER, [gig_only, both], "mid")] == ["g", "b"]


@pytest.mark.parametrize(
    ("signal", "variant", "value"),
    [
        (Signal(tasks="genai"), "mid", 0.485),  # .5 x .56 + .5 x .41
        (Signal(tasks="genai", horizon_weighted=True), "mid", 0.4235),  # .5 x .56 x 1 + .5 x .41 x .7
        (Signal(tasks="genai"), "low", 0.48015),  # spread .99: .5 x .5544 + .5 x .4059
        (Signal(tasks="genai"), "high", 0.7663),  # spread 1.58: .5 x .8848 + .5 x .6478
        (Signal(tasks="genai", horizon_weighted=True), "low", 0.35838),  # .5 x .5544 x 1 + .5 x .4059 x .4
        (Signal(tasks="genai", horizon_weighted=True), "high", 0.7663),  # .5 x .8848 x 1 + .5 x .6478 x 1
        (Signal(tasks="genai", mode="substitute"), "mid", 0.28),  # drafting only
        (Signal(tasks="genai", mode="augment"), "mid", 0.205),  # client only
        (Signal(tasks="robotics"), "mid", 0.0),  # writing needs no robots
    ],
)
def test_task_signals(signal: Signal, variant: Variant, value: float) -> None:
    assert _signal(PACK, WRITER, signal, variant)(HALF, {}, {}) == pytest.approx(value)


@pytest.mark.parametrize(
    ("signal", "values", "value"),
    [
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ("client",)}, 0.205),  # only what is done with AI
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ()}, 0.0),
        (Signal(tasks="genai", among="ai_tasks"), {}, 0.0),
        (Signal(tasks="genai", among="ai_tasks"), {"ai_tasks": ("drafting", "client")}, 0.485),
        (Signal(tasks="genai", among="ai_tasks", relative=True), {"ai_tasks": ("client",)}, 0.205 / 0.485),
        (Signal(tasks="genai", relative=True), {}, 1.0),
        # Model v3: a relative signal of one mode divides by all the exposure, the other mode's tasks included
        (
            Signal(tasks="genai", mode="augment", relative=True, among="ai_tasks"),
            {"ai_tasks": ("client",)},
            0.205 / 0.485,
        ),
        # and AI on a substituted task adds nothing to it
        (Signal(tasks="genai", mode="augment", relative=True, among="ai_tasks"), {"ai_tasks": ("drafting",)}, 0.0),
        (Signal(tasks="genai", mode="augment", relative=True), {}, 0.205 / 0.485),
    ],
)
def test_task_signals_among_chosen_tasks(signal: Signal, values: dict[str, Any], value: float) -> None:
    assert _signal(PACK, WRITER, signal, "mid")(HALF, values, {}) == pytest.approx(value)


def test_a_relative_signal_with_nothing_exposed_is_0() -> None:
    relative = _signal(PACK, WRITER, Signal(tasks="genai", mode="substitute", relative=True), "mid")
    assert relative({"voice": 1.0}, {}, {}) == 0.0  # voice is augment: exposed, but no substitute work at all
    # relative to all the exposure (v3): drafting .5 x .56 over .28 + voice .5 x .445
    assert relative({"voice": 0.5, "drafting": 0.5}, {}, {}) == pytest.approx(0.28 / 0.5025)
    assert relative({}, {}, {}) == 0.0  # nothing to divide by
    robots = _signal(PACK, WRITER, Signal(tasks="robotics", relative=True), "mid")
    assert robots({"drafting": 1.0}, {}, {}) == 0.0  # a whole of 0 (no robotics in writing) gives 0, not an error


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
    # `pressure` is the same as true; `loss` is the share of the trade reporting lost work, one figure at every end
    pressure = [_signal(PACK, WRITER, Signal(market="pressure"), v)({}, {}, {}) for v in ("mid", "low", "high")]
    assert pressure == [0.6, 0.45, 0.75]
    assert [_signal(PACK, WRITER, Signal(market="loss"), v)({}, {}, {}) for v in ("mid", "low", "high")] == [0.3] * 3
    assert _signal(PACK, PACK.roles["translator"], Signal(market="loss"), "mid")({}, {}, {}) == 0.36


@pytest.mark.parametrize(("answer", "value"), [("unsure", 0.6), ("no", 0.0), ("some", 0.0), ("much", 0.0)])
def test_an_answer_signal_with_its_own_values_reads_them_not_the_options(answer: str, value: float) -> None:
    # lost_work's own values are no 0, unsure 0, some .6, much 1; the table gives "not sure" .6, every other option 0
    table = Signal(answer="lost_work", values={"unsure": 0.6})
    assert _signal(PACK, WRITER, table, "mid")({}, {"lost_work": answer}, {}) == value


def test_a_multi_answer_signal_with_its_own_values_adds_them_up_to_1() -> None:
    table = Signal(answer="human_edge", values={"empathy": 0.7, "culture": 0.5})
    signal = _signal(PACK, WRITER, table, "mid")
    assert signal({}, {"human_edge": ("empathy", "humor")}, {}) == 0.7  # humor is not in the table: 0
    assert signal({}, {"human_edge": ("empathy", "culture")}, {}) == 1.0  # 1.2 capped at 1


@pytest.mark.parametrize(
    ("task_id", "kind", "horizon", "variant", "amount"),
    [
        ("drafting", "genai", False, "mid", 0.56),
        ("drafting", "genai", False, "high", 0.8848),  # .56 x 1.58
        # v3 caps no task at 1: the spread scales the whole occupation, and the score's own clamp keeps sums in 0-1
        ("editing", "genai", False, "high", 1.04675),  # .6625 x 1.58
        ("client", "genai", True, "high", 0.6478),  # .41 x 1.58 x 1 (near's high end)
        ("client", "genai", True, "low", 0.16236),  # .41 x .99 x .4 (near's low end)
        ("client", "genai", True, "mid", 0.287),  # .41 x .7 (near)
        ("research", "genai", True, "mid", 0.55),  # .55 x 1 (now)
        ("research", "robotics", False, "high", 0.0),
    ],
)
def test_task_amount(task_id: str, kind: str, horizon: bool, variant: Variant, amount: float) -> None:
    assert task_amount(PACK, WRITER, task_id, kind, horizon, variant) == pytest.approx(amount)
    if variant == "mid":  # the pack's own numbers unless told otherwise
        assert task_amount(PACK, WRITER, task_id, kind, horizon) == pytest.approx(amount)


def test_robotics_amounts_take_the_horizon_range_but_not_the_genai_spread() -> None:
    # rides: robotics .8, horizon mid (.3; low .1, high .6)
    assert task_amount(PACK, DRIVER, "rides", "robotics", False, "high") == 0.8
    assert task_amount(PACK, DRIVER, "rides", "robotics", True, "low") == pytest.approx(0.08)
    assert task_amount(PACK, DRIVER, "rides", "robotics", True, "high") == pytest.approx(0.48)


def test_a_risk_above_every_bands_limit_falls_in_the_last_band() -> None:
    bands = [Band(id=i, below=b, label=Text(en=i, id=i)) for i, b in (("a", 20.0), ("b", 40.0), ("c", 60.0))]
    pack = copy_of(PACK, scoring=PACK.scoring.model_copy(update={"bands": bands}))
    assert [band_for(pack, risk).id for risk in (19.9, 20.0, 39.9, 40.0, 59.9, 60.0, 99.0)] == list("abbcccc")


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
    assert full.moves != ()
    # a full assessment keeps every term; the gig workers' two readouts are 0 for a writer, with no terms
    gig_only = ("platform", "ai_automation")
    assert all(score.terms != () for score in full.every_score if score.id not in gig_only)
    assert all(score.terms != () for score in score_all(PACK, answers)[0].values() if score.id not in gig_only)
    assert [(full.scores[s].value, full.scores[s].terms) for s in gig_only] == [(0.0, ()), (0.0, ())]
    assert (full.pack, row.pack, full.role, full.family, row.family) == (PACK, PACK, WRITER, "freelancer", "freelancer")


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


def market_only(pack: Pack) -> Pack:
    """The pack with every score, risk and both axes made of the market pressure alone (times itself for factors)."""
    market = [Term(id="m", signal=Signal(market=True))]
    # a term worth 0 read from an answer: its option values come from the pack when the model is built
    nothing = Term(id="a", signal=Signal(answer="ai_use"), weight=0.0)
    scoring = pack.scoring
    scores = {sid: d.model_copy(update={"terms": market, "factors": market}) for sid, d in scoring.scores.items()}
    return copy_of(
        pack,
        scoring=scoring.model_copy(
            update={
                "scores": scores,
                # a factor of 1 read from an answer: its option values come from the pack when the model is built
                "risk": scoring.risk.model_copy(
                    update={
                        "terms": market,
                        "factors": [*market, Term(id="a", signal=Signal(answer="ai_use"), weight=0.0, offset=1.0)],
                    }
                ),
                "exposed": scoring.exposed.model_copy(update={"terms": [*market, nothing]}),
                "adapting": scoring.adapting.model_copy(update={"terms": [*market, nothing]}),
            }
        ),
    )


@pytest.mark.parametrize(("variant", "market"), [("mid", 0.6), ("low", 0.45), ("high", 0.75)])
def test_every_part_of_a_model_is_built_for_its_end_of_the_range(variant: Variant, market: float) -> None:
    model = role_model(market_only(PACK), "writer", variant)
    squared, plain = 100 * market * market, 100 * market
    # every score of the freelancer family; the gig workers' platform and ai_automation are 0 for a writer
    gig_only = ("platform", "ai_automation")
    assert {score.id: score.value({}, {}, {}) for score in model.scores} == {
        sid: 0.0 if sid in gig_only else pytest.approx(squared) for sid in PACK.scoring.scores
    }
    assert model.risk.value({}, {}, {}) == pytest.approx(squared)
    assert model.exposed.value({}, {}, {}) == pytest.approx(plain)
    assert model.adapting.value({}, {}, {}) == pytest.approx(plain)


def test_the_axes_ranges_come_from_each_ends_own_model() -> None:
    pack = market_only(PACK)
    ranges = assess(pack, resolve(pack, "writer", None, {})).ranges
    assert ranges is not None
    assert (ranges["exposed"], ranges["risk"]) == ((45.0, 75.0), (20.3, 56.3))  # 100 x .45 .. .75; 20.25, 56.25 up


def words(text: str) -> Text:
    return Text(en=text, id=text)


def when(condition: dict[str, Any] | None) -> Condition | None:
    return None if condition is None else Condition.model_validate(condition)


def worded(pack: Pack) -> Pack:
    """A pack whose advice, FAQ and notes depend on role, family and risk in every combination."""
    advice = [
        Advice(id=i, point=1, priority=p, when=when(c), text=words(i))  # type: ignore[arg-type]
        for i, p, c in [
            ("writer", 90, {"role": ["writer"]}),
            ("gig", 80, {"family": ["gig"]}),
            ("not_writer", 70, {"not": {"role": ["writer"]}}),
            ("freelancer_at_risk", 60, {"all": [{"family": ["freelancer"]}, {"score": "risk", "ge": 50}]}),
            ("low_risk", 95, {"score": "risk", "lt": 50}),
        ]
    ]
    faq = [
        Faq(
            id="q1",
            question=words("q1"),
            families=["freelancer"],
            answers=[
                FaqAnswer(when=when({"not": {"role": ["writer"]}}), text=words("not a writer")),
                FaqAnswer(when=when({"family": ["freelancer"]}), text=words("freelancer")),
                FaqAnswer(text=words("anyone")),
            ],
        ),
        Faq(id="q2", question=words("q2"), families=["gig"], answers=[FaqAnswer(text=words("gig"))]),
        Faq(
            id="q3",
            question=words("q3"),
            families=["freelancer"],
            answers=[FaqAnswer(when=when({"role": ["designer"]}), text=words("d"))],
        ),
    ]
    notes = [
        VerdictNote(when=Condition.model_validate(c), text=words(str(c)))
        for c in ({"role": ["writer"]}, {"family": ["gig"]}, {"score": "risk", "ge": 50})
    ]
    return copy_of(pack, advice=advice, faq=faq, scoring=pack.scoring.model_copy(update={"notes": notes}))


@pytest.mark.parametrize(
    ("risk", "holding"), [(60.0, ["writer", "freelancer_at_risk"]), (40.0, ["low_risk", "writer"])]
)
def test_role_and_family_are_settled_when_a_model_is_built(risk: float, holding: list[str]) -> None:
    pack = worded(PACK)
    facts = Facts("writer", "freelancer", {}, {}, {"risk": risk})
    writer = role_model(pack, "writer")
    assert [item.id for item, _ in writer.advice] == ["low_risk", "writer", "freelancer_at_risk"]
    assert [item.id for item, test in writer.advice if test(facts)] == holding
    assert [(item.id, [test(facts) for _, test in answers]) for item, answers in writer.faq] == [
        ("q1", [False, True, True]),
        ("q3", [False]),
    ]
    assert [test(facts) for _, test in writer.notes] == [True, risk >= 50]
    driver = role_model(pack, "driver")
    assert [item.id for item, _ in driver.advice] == ["low_risk", "gig", "not_writer"]
    assert [(item.id, [test(facts) for _, test in answers]) for item, answers in driver.faq] == [("q2", [True])]
    assert len(driver.notes) == 2
    ends: tuple[Variant, ...] = ("low", "high")
    for end in ends:  # the models for the ends of the range give numbers only
        model = role_model(pack, "writer", end)
        assert (model.advice, model.faq, model.notes) == ((), (), ())


def test_a_faq_question_no_answer_fits_is_left_out() -> None:
    pack = worded(PACK)
    faq = assess(pack, resolve(pack, "writer", None, {"ai_use": "daily"})).faq
    assert [(item.id, answer.text.en) for item, answer in faq] == [("q1", "freelancer")]


def linear(pack: Pack) -> Pack:
    """The pack with risk a plain sum of a few answers, so every move's effect can be worked by hand.

    risk = 100 x (.6 market - .2 ai_use + .2 output - .2 human_edge - .1 upskill - .2 genai of tasks done with AI
    - .1 alt_skills); alt_skills is a gig question, so for a writer it is never asked and never moved.
    """
    terms = [
        Term(id="base", signal=Signal(market=True)),
        Term(id="use", signal=Signal(answer="ai_use"), weight=-0.2),
        Term(id="out", signal=Signal(answer="output"), weight=0.2),
        Term(id="edge", signal=Signal(answer="human_edge"), weight=-0.2),
        Term(id="up", signal=Signal(answer="upskill"), weight=-0.1),
        Term(id="ai", signal=Signal(tasks="genai", among="ai_tasks"), weight=-0.2),
        Term(id="alt", signal=Signal(answer="alt_skills"), weight=-0.1),
    ]
    scoring = pack.scoring.model_copy(
        update={"risk": pack.scoring.risk.model_copy(update={"terms": terms, "factors": []}), "moves_shown": 20}
    )
    return copy_of(pack, scoring=scoring)


WRITER_ANSWERS = {
    "ai_use": "tried",
    "output": "mixed",
    "human_edge": "empathy",
    "upskill": "none",
    "ai_tasks": "drafting",
}


def test_top_moves_take_each_questions_best_step_that_lowers_risk() -> None:
    pack = linear(PACK)
    result = assess(pack, resolve(pack, "writer", HALF, WRITER_ANSWERS))
    # .6 - .2 x .25 + .2 x .5 - .2 x .25 - 0 - .2 x (.5 x .56) = .544
    assert result.risk.value == 54.4
    # a select question's step is one step on its scale; steps that rest on a hypothesis (output, human_edge) come
    # after every other step, however much they lower risk
    assert [(m.question, m.answer, m.added, m.risk_delta) for m in result.moves] == [
        ("ai_use", "weekly", None, -9.0),  # - .2 x (.7 - .25); daily (-15) is two steps up, never has no step
        ("upskill", "technical", None, -5.0),  # the first of technical and strategic (both .5); both is no step
        ("ai_tasks", ("drafting", "client"), "client", -4.1),  # - .2 x .5 x .41; only tasks in the mix are offered
        ("output", "bespoke", None, -8.0),  # + .2 x (.1 - .5); standard has no step; a hypothesis
        ("human_edge", ("empathy", "culture"), "culture", -5.0),  # the first of five ties: one more edge, - .2 x .25
    ]
    # role_focus and ai_direction change nothing here, so they are no move at all
    assert [
        m.question
        for m in assess(copy_of(pack, scoring=pack.scoring.model_copy(update={"moves_shown": 2})), result.answers).moves
    ] == [
        "ai_use",
        "upskill",
    ]


def test_a_task_question_without_a_step_offers_no_move() -> None:
    pack = linear(PACK)
    stepless = pack.questions["ai_tasks"].model_copy(update={"action": None})
    pack = copy_of(pack, questions={**pack.questions, "ai_tasks": stepless})
    moves = assess(pack, resolve(pack, "writer", HALF, WRITER_ANSWERS)).moves
    assert [m.question for m in moves] == ["ai_use", "upskill", "output", "human_edge"]
    # the -8 of output still comes after the -5 of upskill: a hypothesis never leads
