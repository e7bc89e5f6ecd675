"""Every threshold of the model on both sides of its edge: bands, the verdict's axes, conditions, clamps."""

from __future__ import annotations

import pytest

from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess, band_for
from aiexposure.pack.compiled import combine, role_model
from aiexposure.pack.conditions import Facts, specialize, to_test
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Condition, Pack

PACK: Pack = load_pack(default_rules_dir())


@pytest.fixture(autouse=True)
def fresh_models() -> None:
    """Compile the roles afresh in every test, so a mutation run exercises the compiler, not a cached model."""
    PACK.__dict__.pop("derived", None)


@pytest.mark.parametrize(
    ("risk", "band"),
    [
        (0.0, "low"),
        (19.9, "low"),
        (20.0, "moderate"),
        (34.9, "moderate"),
        (35.0, "high"),
        (54.9, "high"),
        (55.0, "critical"),
        (100.0, "critical"),
    ],
)
def test_band_edges(risk: float, band: str) -> None:
    assert band_for(PACK, risk).id == band


def _with_thresholds(exposed: float, adapting: float) -> Pack:
    scoring = PACK.scoring
    changed = scoring.model_copy(
        update={
            "exposed": scoring.exposed.model_copy(update={"threshold": exposed}),
            "adapting": scoring.adapting.model_copy(update={"threshold": adapting}),
        }
    )
    pack = PACK.model_copy(update={"scoring": changed})
    pack.__dict__.pop("derived", None)  # none yet (model_copy drops them): a fresh model for the new thresholds
    return pack


@pytest.mark.parametrize(
    ("exposed", "adapting", "verdict"),
    [
        (47.7, 15.1, "threat"),  # risk before adapting exactly at the line counts as exposed
        (47.8, 15.1, "watch"),
        (47.7, 15.0, "accelerator"),  # adaptation exactly at the line counts as adapting
        (47.8, 15.0, "ready"),
    ],
)
def test_verdict_axes_include_their_threshold(exposed: float, adapting: float, verdict: str) -> None:
    # the writer with every default has risk before adapting 47.7 and adaptation 15.0, risk 43.3 (band high, so
    # the exposed and adapting cell is accelerator, not adapting_at_risk; see test_scoring)
    pack = _with_thresholds(exposed, adapting)
    result = assess(pack, resolve(pack, "writer", None, {}))
    assert (result.exposed.value, result.adapting.value, result.verdict) == (47.7, 15.0, verdict)


@pytest.mark.parametrize(
    ("exposed", "adapting", "risk", "verdict"),
    [
        (30.0, 50.0, 54.9, "accelerator"),  # exposed and adapting, band high
        (30.0, 50.0, 55.0, "adapting_at_risk"),  # the same cell in band critical: never the accelerator verdict
        (29.9, 50.0, 55.0, "ready"),  # the critical-band verdict belongs to the exposed and adapting cell only
        (30.0, 49.9, 55.0, "threat"),
    ],
)
def test_adapting_at_risk_starts_at_the_critical_band(
    exposed: float, adapting: float, risk: float, verdict: str
) -> None:
    model = role_model(PACK, "writer")
    assert model.verdict(exposed, adapting, band_for(PACK, risk).id) == verdict


FACTS = Facts("writer", "freelancer", {"drafting": 0.3}, {"human_edge": ("empathy", "culture")}, {"risk": 38.8})


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ({"score": "risk", "ge": 38.8}, True),
        ({"score": "risk", "ge": 38.9}, False),
        ({"score": "risk", "lt": 38.8}, False),
        ({"score": "risk", "lt": 38.9}, True),
        ({"task": "drafting", "ge": 0.3}, True),
        ({"task": "drafting", "ge": 0.31}, False),
        ({"task": "drafting", "lt": 0.3}, False),
        ({"answer": "human_edge", "count_ge": 2}, True),
        ({"answer": "human_edge", "count_ge": 3}, False),
        ({"answer": "human_edge", "count_lt": 2}, False),
        ({"answer": "human_edge", "count_lt": 3}, True),
    ],
)
def test_condition_edges(condition: dict[str, object], holds: bool) -> None:
    test = to_test(specialize(Condition.model_validate(condition), "writer", "freelancer", frozenset(PACK.questions)))
    assert test(FACTS) is holds


@pytest.mark.parametrize(
    ("total", "scale", "score"),
    [(1.2, 0.5, 50.0), (1.0, 1.0, 100.0), (-0.1, 1.0, 0.0), (0.5, 0.5, 25.0), (0.5, 3.0, 100.0)],
)
def test_a_score_clamps_its_sum_to_0_1_before_its_factors(total: float, scale: float, score: float) -> None:
    assert combine(total, scale) == score
