"""`rules check`'s cross-checks, one broken thing at a time, each with the exact path and message it gives.

The shipped pack is cut down (two advice items, one FAQ, one note) so each check runs in a few milliseconds, then
one part is changed in memory; numeric checks are tried at their edge and just past it.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiexposure.pack.check import Problem, cross_check
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import (
    Advice,
    Band,
    Condition,
    Evidence,
    Faq,
    FaqAnswer,
    Pack,
    Reference,
    Signal,
    Term,
    Text,
    VerdictNote,
    Wording,
)

PACK: Pack = load_pack(default_rules_dir())
SOURCES = ", ".join(PACK.sources)
WRITER_TASKS = "outline, drafting, editing, research, voice, client"
ALL_SCORES = "exposure, acceleration, pressure, platform, evolution, automation, ai_automation, adaptation, hazard"
QUESTIONS = ", ".join(PACK.questions)
FAMILIES = "freelancer, gig"
ROLE_IDS = (
    "writer, designer, translator, video_editor, web_developer, social_media, virtual_assistant, data_entry, "
    "driver, courier"
)
SUBJECTS = "expected exactly one of all, any, not, role, family, answer, score or task, found"
WORDS = Text(en="Words.", id="Kata.")


def copy_of(pack: Pack, **update: Any) -> Pack:
    """A changed pack, without the original's cached derived data (model_copy would share it)."""
    changed = pack.model_copy(update=update)
    changed.__dict__.pop("derived", None)
    return changed


SMALL = copy_of(
    PACK,
    advice=PACK.advice[:2],
    faq=PACK.faq[:1],
    scoring=PACK.scoring.model_copy(update={"notes": PACK.scoring.notes[:1]}),
)


def problems(**update: Any) -> list[Problem]:
    """What the cross-check finds in the small pack with `update` applied."""
    return cross_check(copy_of(SMALL, **update))


def scoring(**update: Any) -> list[Problem]:
    return problems(scoring=SMALL.scoring.model_copy(update=update))


def only(prefix: tuple[Any, ...], found: list[Problem]) -> list[Problem]:
    """The problems under `prefix` (a change may also break what refers to the changed part elsewhere)."""
    return [problem for problem in found if problem[0][: len(prefix)] == prefix]


def writer(**update: Any) -> list[Problem]:
    return problems(roles={**SMALL.roles, "writer": SMALL.roles["writer"].model_copy(update=update)})


def task(role: str, task_id: str, **update: Any) -> list[Problem]:
    changed = SMALL.roles[role].tasks[task_id].model_copy(update=update)
    role_model = SMALL.roles[role].model_copy(update={"tasks": {**SMALL.roles[role].tasks, task_id: changed}})
    return problems(roles={**SMALL.roles, role: role_model})


def question(question_id: str, **update: Any) -> list[Problem]:
    changed = SMALL.questions[question_id].model_copy(update=update)
    return problems(questions={**SMALL.questions, question_id: changed})


def unknown(kind: str, value: object, known: str) -> str:
    return f"unknown {kind} '{value}'; expected one of: {known}"


def test_the_shipped_pack_and_the_small_one_are_clean() -> None:
    assert cross_check(PACK) == []
    assert cross_check(SMALL) == []


def test_family_wordings_name_known_families_and_only_the_texts_each_item_shows() -> None:
    point = SMALL.points[0].model_copy(
        update={"for_family": {"gig": Wording(title=WORDS, intro=WORDS, label=WORDS), "robots": Wording(title=WORDS)}}
    )
    assert problems(points=[point, *SMALL.points[1:]]) == [
        (("points", 0, "for_family", "gig", "label"), "a point shows no 'label'; expected only title or intro"),
        (("points", 0, "for_family", "robots"), unknown("family", "robots", FAMILIES)),
    ]
    score = SMALL.scoring.scores["pressure"].model_copy(
        update={"for_family": {"gig": Wording(label=WORDS, meaning=WORDS, summary=WORDS, title=WORDS)}}
    )
    risk = SMALL.scoring.risk.model_copy(update={"for_family": {"gig": Wording(intro=WORDS)}})
    verdict = SMALL.scoring.verdicts["watch"].model_copy(
        update={"for_family": {"gig": Wording(label=WORDS, summary=WORDS, meaning=WORDS)}}
    )
    here = ("scoring", "scores", "pressure", "for_family", "gig")
    assert scoring(
        scores={**SMALL.scoring.scores, "pressure": score},
        risk=risk,
        verdicts={**SMALL.scoring.verdicts, "watch": verdict},
    ) == [
        ((*here, "title"), "a score shows no 'title'; expected only label or meaning"),
        ((*here, "summary"), "a score shows no 'summary'; expected only label or meaning"),
        (("scoring", "risk", "for_family", "gig", "intro"), "a score shows no 'intro'; expected only label or meaning"),
        (
            ("scoring", "verdicts", "watch", "for_family", "gig", "meaning"),
            "a verdict shows no 'meaning'; expected only label or summary",
        ),
    ]


def test_an_everyday_word_names_one_role_only() -> None:
    courier = SMALL.roles["courier"].model_copy(update={"words": ["Kurir", "Writer", "penulis", "kurir motor"]})
    assert problems(roles={**SMALL.roles, "courier": courier}) == [
        (("roles", "courier", "words", 1), "'Writer' already names the role 'writer'"),
        (("roles", "courier", "words", 2), "'penulis' already names the role 'writer'"),
    ]
    designer = SMALL.roles["designer"].model_copy(update={"words": ["kurir paket"]})
    assert problems(roles={**SMALL.roles, "designer": designer}) == [
        (("roles", "courier", "words", 0), "'kurir paket' already names the role 'designer'"),
    ]


def test_a_roles_family_tasks_and_typical_mix() -> None:
    assert writer(family="robots") == [(("roles", "writer", "family"), unknown("family", "robots", FAMILIES))]
    assert writer(typical_mix={"drafting": 1.0, "nap": 2.0}) == [
        (("roles", "writer", "typical_mix", "nap"), unknown("task", "nap", WRITER_TASKS)),
    ]
    assert writer(typical_mix={"drafting": 0.0, "voice": 0.0}) == [
        (("roles", "writer", "typical_mix"), "expected weights that add up to more than 0"),
    ]
    assert writer(typical_mix={"drafting": 0.0, "voice": 1e-9}) == []
    # (the pack's FAQ asks about the writer's drafting, now nobody's task: that is reported there too)
    assert only(("roles",), writer(tasks={}, typical_mix={})) == [
        (("roles", "writer", "tasks"), "expected at least one task"),
        (("roles", "writer", "typical_mix"), "expected weights that add up to more than 0"),
    ]


def test_a_tasks_horizon_sources_and_robotics_multipliers() -> None:
    base = ("roles", "writer", "tasks", "drafting")
    assert task("writer", "drafting", horizon="soon") == [
        ((*base, "horizon"), unknown("horizon", "soon", "now, near, mid, far")),
    ]
    sources = SMALL.roles["writer"].tasks["drafting"].sources.model_copy(update={"robotics": "nowhere"})
    assert task("writer", "drafting", sources=sources) == [
        ((*base, "sources", "robotics"), unknown("source", "nowhere", SOURCES)),
    ]
    rides = ("roles", "driver", "tasks", "rides", "robotics_by")
    by = SMALL.roles["driver"].tasks["rides"].robotics_by
    # an unknown question is reported and the next one still checked
    assert task("driver", "rides", robotics_by={"nope": {"x": 1.0}, "vehicle": {**by["vehicle"], "boat": 1.0}}) == [
        ((*rides, "nope"), unknown("question", "nope", QUESTIONS)),
        ((*rides, "vehicle", "boat"), unknown("option", "boat", "motorbike, car, van")),
    ]
    assert task("driver", "rides", robotics_by={"clients": {}, "ai_tasks": {}, "city": by["city"]}) == [
        ((*rides, "clients"), "expected a select question asked of gig, found 'clients'"),
        ((*rides, "ai_tasks"), "expected a select question asked of gig, found 'ai_tasks'"),
    ]
    assert task("driver", "rides", robotics_by={"vehicle": {"car": 1.0, "boat": 0.5}}) == [
        ((*rides, "vehicle"), "expected a multiplier for every option; missing motorbike, van"),
        ((*rides, "vehicle", "boat"), unknown("option", "boat", "motorbike, car, van")),
    ]


@pytest.mark.parametrize(
    ("low", "pressure", "high", "fine"),
    [(0.45, 0.45, 0.75, True), (0.45, 0.75, 0.75, True), (0.45, 0.44, 0.75, False), (0.45, 0.76, 0.75, False)],
)
def test_market_pressure_lies_within_its_range(low: float, pressure: float, high: float, fine: bool) -> None:
    market = SMALL.roles["writer"].market.model_copy(update={"low": low, "pressure": pressure, "high": high})
    expected = f"expected low <= pressure <= high, found low {low:g}, pressure {pressure:g} and high {high:g}"
    assert writer(market=market) == ([] if fine else [(("roles", "writer", "market"), expected)])


def test_every_source_a_role_cites_exists() -> None:
    role = SMALL.roles["writer"]
    market = role.market.model_copy(
        update={"source": "m", "evidence": [*role.market.evidence[:1], Evidence(source="e", text=WORDS)]}
    )
    spread = role.spread.model_copy(update={"source": "s"})
    references = [*role.references, Reference(source="r", measure="genai", value=0.5, label=WORDS)]
    base = ("roles", "writer")
    assert writer(market=market, spread=spread, references=references) == [
        ((*base, "market", "source"), unknown("source", "m", SOURCES)),
        ((*base, "spread", "source"), unknown("source", "s", SOURCES)),
        ((*base, "market", "evidence", 1, "source"), unknown("source", "e", SOURCES)),
        ((*base, "references", len(role.references), "source"), unknown("source", "r", SOURCES)),
    ]


def test_a_share_of_lost_work_names_its_source() -> None:
    market = SMALL.roles["writer"].market
    here = ("roles", "writer", "market", "loss_source")
    assert (market.loss, market.loss_source) == (0.3, "aiexposure")
    assert writer(market=market.model_copy(update={"loss_source": None})) == [
        (here, "missing required key (every loss figure names its source)"),
    ]
    assert writer(market=market.model_copy(update={"loss_source": "nowhere"})) == [
        (here, unknown("source", "nowhere", SOURCES)),
    ]
    # no loss figure (the default 0), no source needed
    assert writer(market=market.model_copy(update={"loss": 0.0, "loss_source": None})) == []


def test_points_and_questions() -> None:
    assert problems(points=[*SMALL.points, SMALL.points[1]]) == [(("points", 4, "number"), "point 2 is defined twice")]
    assert question("clients", point=9) == [(("questions", "clients", "point"), unknown("point", 9, "1, 2, 3, 4"))]
    assert only(("questions",), question("clients", families=[])) == [
        (("questions", "clients", "families"), "expected at least one family")
    ]
    assert question("clients", families=["freelancer", "robots"]) == [
        (("questions", "clients", "families"), unknown("family", "robots", FAMILIES)),
    ]


def test_options_that_are_the_roles_tasks() -> None:
    base = ("questions", "ai_tasks")
    options = SMALL.questions["clients"].options
    assert only(base, question("ai_tasks", options=options, kind="select", default="x")) == [
        ((*base, "options"), "expected no options when options_from_tasks is true"),
        ((*base, "kind"), "expected 'multi' when options_from_tasks is true"),
        ((*base, "default"), "expected [] when options come from the role's tasks"),
    ]
    assert question("ai_tasks", default=["drafting"]) == [
        ((*base, "default"), "expected [] when options come from the role's tasks"),
    ]


def test_options_and_defaults_of_select_and_multi_questions() -> None:
    base = ("questions", "clients")
    assert question("clients", options={}) == [
        ((*base, "options"), "expected at least one option"),
        ((*base, "default"), unknown("option", "small_business", "")),
    ]
    assert question("clients", default=["agencies"]) == [
        ((*base, "default"), "expected one option id for a select question"),
    ]
    assert question("clients", default="nobody") == [
        ((*base, "default"), unknown("option", "nobody", "individuals, small_business, agencies, enterprise")),
    ]
    edge = ("questions", "human_edge")
    assert question("human_edge", default="humor") == [
        ((*edge, "default"), "expected a list of option ids for a multi question"),
    ]
    known = "empathy, culture, humor, relationship, expertise, accountability"
    assert question("human_edge", default=["humor", "wit", "x"]) == [
        ((*edge, "default"), unknown("option", "wit", known)),
        ((*edge, "default"), unknown("option", "x", known)),
    ]


def term(term_id: str, **signal: Any) -> Term:
    return Term(id=term_id, signal=Signal(**signal))


def with_terms(score_id: str, terms: list[Term], factors: list[Term] | None = None) -> list[Problem]:
    """The small pack with one score's terms (and factors) replaced."""
    score = SMALL.scoring.scores[score_id]
    changed = score.model_copy(update={"terms": terms, "factors": score.factors if factors is None else factors})
    return scoring(scores={**SMALL.scoring.scores, score_id: changed})


def test_a_scores_factors_are_checked_as_terms_against_earlier_scores() -> None:
    factors = [
        Term(id="f", signal=Signal(answer="nope"), offset=1.0, weight=0.0),
        Term(id="g", signal=Signal(score="exposure"), offset=0.5, weight=0.5),
        Term(id="h", signal=Signal(score="pressure"), offset=0.5, weight=0.5),
    ]
    path = ("scoring", "scores", "acceleration", "factors")
    assert with_terms("acceleration", SMALL.scoring.scores["acceleration"].terms, factors) == [
        ((*path, 0, "signal", "answer"), unknown("question", "nope", QUESTIONS)),
        ((*path, 2, "signal", "score"), "expected a score defined earlier (exposure), found 'pressure'"),
    ]


def test_scores_points_and_the_reserved_risk_id() -> None:
    exposure = SMALL.scoring.scores["exposure"]
    assert scoring(scores={**SMALL.scoring.scores, "exposure": exposure.model_copy(update={"point": 9})}) == [
        (("scoring", "scores", "exposure", "point"), unknown("point", 9, "1, 2, 3, 4")),
    ]
    assert scoring(scores={**SMALL.scoring.scores, "risk": exposure}) == [
        (("scoring", "scores", "risk"), "'risk' is reserved for scoring.risk"),
    ]


def test_term_ids_families_and_signals() -> None:
    path = ("scoring", "scores", "exposure", "terms")
    twice = [term("a", tasks="genai"), term("b", market=True), term("a", market=True)]
    assert with_terms("exposure", twice) == [((*path, 2, "id"), "term id 'a' is used twice in this list")]
    fam = Term(id="a", signal=Signal(market=True), families=["gig", "robots"])
    assert with_terms("exposure", [fam]) == [((*path, 0, "families"), unknown("family", "robots", FAMILIES))]
    one_of = "expected exactly one of tasks, answer, score or market, found"
    assert with_terms(
        "exposure", [term("a"), term("b", tasks="genai", market=True), term("c", answer="x", score="y")]
    ) == [
        ((*path, 0, "signal"), f"{one_of} 0"),
        ((*path, 1, "signal"), f"{one_of} 2"),
        ((*path, 2, "signal"), f"{one_of} 2"),
    ]
    only = "mode, horizon_weighted, among and relative go only with tasks"
    assert with_terms(
        "exposure",
        [
            term("a", market=True, mode="augment"),
            term("b", market=True, horizon_weighted=True),
            term("c", market=True, relative=True),
            term("d", tasks="genai", mode="augment", horizon_weighted=True, relative=True),
        ],
    ) == [((*path, 0, "signal"), only), ((*path, 1, "signal"), only), ((*path, 2, "signal"), only)]


def test_among_answer_and_score_signals() -> None:
    path = ("scoring", "scores", "exposure", "terms")
    among = "expected a multi question whose options are the role's tasks, found"
    assert with_terms(
        "exposure",
        [
            term("a", tasks="genai", among="nope"),
            term("b", tasks="genai", among="human_edge"),
            term("c", tasks="genai", among="ai_tasks"),
            term("d", market=True, among="ai_tasks"),
        ],
    ) == [
        ((*path, 0, "signal", "among"), f"{among} 'nope'"),
        ((*path, 1, "signal", "among"), f"{among} 'human_edge'"),
        ((*path, 3, "signal"), "mode, horizon_weighted, among and relative go only with tasks"),
    ]
    assert with_terms(
        "exposure",
        [
            term("a", answer="nope"),
            term("b", answer="ai_tasks"),
            term("c", answer="city"),
            Term(id="d", signal=Signal(answer="city"), families=["gig"]),
            term("e", answer="ai_use"),
        ],
    ) == [
        ((*path, 0, "signal", "answer"), unknown("question", "nope", QUESTIONS)),
        ((*path, 1, "signal", "answer"), "question 'ai_tasks' has no option values; use tasks with among"),
        ((*path, 2, "signal", "answer"), "question 'city' is not asked of freelancer; limit the term with families"),
    ]
    nobody = SMALL.questions["city"].model_copy(update={"families": []})
    changed = copy_of(SMALL, questions={**SMALL.questions, "city": nobody})
    exposure = changed.scoring.scores["exposure"].model_copy(update={"terms": [term("a", answer="city")]})
    found = cross_check(
        copy_of(
            changed,
            scoring=changed.scoring.model_copy(update={"scores": {**changed.scoring.scores, "exposure": exposure}}),
        )
    )
    assert only(("scoring",), found) == [
        (
            (*path, 0, "signal", "answer"),
            "question 'city' is not asked of freelancer, gig; limit the term with families",
        ),
    ]
    assert with_terms("exposure", [term("a", score="hazard")]) == [
        ((*path, 0, "signal", "score"), "expected a score defined earlier (none), found 'hazard'"),
    ]
    later = ("scoring", "scores", "acceleration", "terms")
    assert with_terms("acceleration", [term("a", score="exposure"), term("b", score="acceleration")]) == [
        ((*later, 1, "signal", "score"), "expected a score defined earlier (exposure), found 'acceleration'"),
    ]
    risk = SMALL.scoring.risk.model_copy(update={"terms": [term("a", score="risk"), term("b", score="hazard")]})
    assert scoring(risk=risk) == [
        (
            (("scoring", "risk", "terms", 0, "signal", "score")),
            f"expected a score defined earlier ({ALL_SCORES}), found 'risk'",
        ),
    ]
    axis = SMALL.scoring.adapting.model_copy(update={"terms": [term("a", score="nope")]})
    assert scoring(adapting=axis) == [
        (
            (("scoring", "adapting", "terms", 0, "signal", "score")),
            f"expected a score defined earlier ({ALL_SCORES}), found 'nope'",
        ),
    ]


@pytest.mark.parametrize(
    ("offset", "weight", "fine"),
    [
        (0.0, 0.0, True),
        (0.5, -0.5, True),
        (0.5, -0.51, False),
        (-0.01, 1.0, False),
        (1.0, -1.0, True),
        (0.0, -0.01, False),
    ],
)
def test_a_factor_is_0_or_more_for_every_signal_from_0_to_1(offset: float, weight: float, fine: bool) -> None:
    factor = Term(id="f", signal=Signal(market=True), weight=weight, offset=offset)
    found = f"found offset {offset:g} and weight {weight:g}"
    message = f"expected a factor of 0 or more for every signal from 0 to 1 (offset + weight), {found}"
    assert with_terms("exposure", SMALL.scoring.scores["exposure"].terms, [factor]) == (
        [] if fine else [(("scoring", "scores", "exposure", "factors", 0, "weight"), message)]
    )
    # the same rule holds for a term's own factors (`times`), and those terms are checked like any other
    scaled = Term(id="t", signal=Signal(market=True), times=[factor, term("g", answer="nope")])
    path = ("scoring", "scores", "exposure", "terms", 0)
    assert with_terms("exposure", [scaled]) == [
        ((*path, "times", 1, "signal", "answer"), unknown("question", "nope", QUESTIONS)),
        *([] if fine else [((*path, "times", 0, "weight"), message)]),
    ]


@pytest.mark.parametrize(
    ("low", "factor", "high", "fine"),
    [(0.4, 0.4, 1.0, True), (0.4, 1.0, 1.0, True), (0.4, 0.39, 1.0, False), (0.4, 1.0, 0.99, False)],
)
def test_a_horizons_factor_lies_within_its_range(low: float, factor: float, high: float, fine: bool) -> None:
    near = SMALL.scoring.horizons["near"].model_copy(update={"low": low, "factor": factor, "high": high})
    expected = f"expected low <= factor <= high, found low {low:g}, factor {factor:g} and high {high:g}"
    assert scoring(horizons={**SMALL.scoring.horizons, "near": near}) == (
        [] if fine else [(("scoring", "horizons", "near"), expected)]
    )


def test_a_table_of_option_values_goes_with_an_answer_and_names_its_options() -> None:
    path = ("scoring", "scores", "exposure", "terms")
    assert with_terms(
        "exposure",
        [
            term("a", market=True, values={"x": 1.0}),
            term("b", answer="ai_use", values={"daily": 1.0, "often": 0.5}),
            term("c", answer="lost_work", values={"unsure": 0.6}),  # as scoring.yaml's "not sure" terms
            term("d", market="loss"),
            term("e", market="pressure"),
        ],
    ) == [
        ((*path, 0, "signal", "values"), "values go only with answer"),
        ((*path, 1, "signal", "values", "often"), unknown("option", "often", "never, tried, weekly, daily")),
    ]


def test_a_score_for_some_families_names_known_ones_and_reads_their_questions() -> None:
    scores = SMALL.scoring.scores
    exposure = scores["exposure"].model_copy(update={"families": ["freelancer", "robots"]})
    assert scoring(scores={**scores, "exposure": exposure}) == [
        (("scoring", "scores", "exposure", "families"), unknown("family", "robots", FAMILIES)),
    ]
    # the app-income score is the gig workers' own: its questions need no families on each term, until the score
    # is opened to everyone
    assert scores["platform"].families == ["gig"]
    everyone = scores["platform"].model_copy(update={"families": None})
    terms = ("scoring", "scores", "platform", "terms")
    assert scoring(scores={**scores, "platform": everyone}) == [
        (
            (*terms, 0, "signal", "answer"),
            "question 'platform_pay' is not asked of freelancer; limit the term with families",
        ),
        (
            (*terms, 1, "signal", "answer"),
            "question 'dispatch' is not asked of freelancer; limit the term with families",
        ),
    ]


def test_an_unknown_family_of_a_score_is_reported_once() -> None:
    scores = SMALL.scoring.scores
    platform = scores["platform"].model_copy(update={"families": ["gig", "robots"]})
    # a term's own unknown family is left out of the checks that follow (test_term_ids_families_and_signals);
    # a score's should be too, not add "question 'platform_pay' is not asked of robots" for each of its terms
    assert scoring(scores={**scores, "platform": platform}) == [
        (("scoring", "scores", "platform", "families"), unknown("family", "robots", FAMILIES)),
    ]


def test_a_lead_names_a_family_a_score_and_only_the_scores_it_reads() -> None:
    lead = SMALL.scoring.leads["gig"]
    assert (lead.score, list(lead.texts)) == ("hazard", ["ai_automation", "platform"])
    assert scoring(leads={"robots": lead, "gig": lead.model_copy(update={"score": "nope"})}) == [
        (("scoring", "leads", "robots"), unknown("family", "robots", FAMILIES)),
        (("scoring", "leads", "gig", "score"), unknown("score", "nope", ALL_SCORES)),
    ]
    texts = {**lead.texts, "exposure": lead.texts["platform"]}
    assert scoring(leads={"gig": lead.model_copy(update={"texts": texts})}) == [
        (
            ("scoring", "leads", "gig", "texts", "exposure"),
            unknown("score read by hazard", "exposure", "ai_automation, platform, pressure"),
        ),
    ]


def test_readouts_and_notes() -> None:
    assert scoring(readouts={"freelancer": ["exposure", "risk"], "robots": []}) == [
        (("scoring", "readouts", "freelancer"), unknown("score", "risk", ALL_SCORES)),
        (("scoring", "readouts", "robots"), unknown("family", "robots", FAMILIES)),
    ]
    note = VerdictNote(when=Condition.model_validate({"role": ["nobody"]}), text=Text(en="{x}", id="{x}"))
    allowed = f"{', '.join(sorted([*ALL_SCORES.split(', '), 'role']))}"
    assert scoring(notes=[*SMALL.scoring.notes, note]) == [
        (
            ("scoring", "notes", 1, "when", "role"),
            unknown("role", "nobody", ROLE_IDS),
        ),
        (("scoring", "notes", 1, "text", "en"), f"unknown placeholder '{{x}}'; expected one of: {allowed}"),
        (("scoring", "notes", 1, "text", "id"), f"unknown placeholder '{{x}}'; expected one of: {allowed}"),
    ]


def band(band_id: str, below: float | None) -> Band:
    return Band(id=band_id, below=below, label=WORDS)


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        ([], [(("scoring", "bands"), "expected at least one band")]),
        ([band("all", None)], []),
        (
            [band("all", 50.0)],
            [(("scoring", "bands", 0, "below"), "expected no 'below' on the last band (it takes everything above)")],
        ),
        (
            [band("a", 20.0), band("b", None), band("c", None)],
            [(("scoring", "bands", 1, "below"), "missing required key")],
        ),
        ([band("a", 0.0), band("b", None)], []),
        (
            [band("a", 20.0), band("b", 20.0), band("c", None)],
            [(("scoring", "bands", 1, "below"), "expected bands in rising order, found 20.0 after 20.0")],
        ),
        ([band("a", 20.0), band("b", 20.5), band("c", None)], []),
        # after a band out of order, the next is compared with the last one in order
        (
            [band("a", 30.0), band("b", 10.0), band("c", 20.0), band("d", None)],
            [
                (("scoring", "bands", 1, "below"), "expected bands in rising order, found 10.0 after 30.0"),
                (("scoring", "bands", 2, "below"), "expected bands in rising order, found 20.0 after 30.0"),
            ],
        ),
    ],
)
def test_bands(bands: list[Band], expected: list[Problem]) -> None:
    # none of these lists has the shipped `critical` band, which the verdict adapting_at_risk names: that
    # cross-reference is checked on its own below
    assert only(("scoring", "bands"), scoring(bands=bands)) == expected


def test_a_verdict_kept_for_some_bands_names_known_bands() -> None:
    renamed = [b.model_copy(update={"id": "severe"}) if b.id == "critical" else b for b in SMALL.scoring.bands]
    assert scoring(bands=renamed) == [
        (
            ("scoring", "verdicts", "adapting_at_risk", "bands"),
            unknown("band", "critical", "low, moderate, high, severe"),
        ),
    ]
    verdicts = SMALL.scoring.verdicts
    typo = {**verdicts, "adapting_at_risk": verdicts["adapting_at_risk"].model_copy(update={"bands": ["high", "crit"]})}
    assert scoring(verdicts=typo) == [
        (
            ("scoring", "verdicts", "adapting_at_risk", "bands"),
            unknown("band", "crit", "low, moderate, high, critical"),
        ),
    ]


def test_each_quadrant_has_exactly_one_verdict() -> None:
    verdicts = SMALL.scoring.verdicts
    twice = {**verdicts, "ready": verdicts["ready"].model_copy(update={"exposed": True, "adapting": False})}
    assert scoring(verdicts=twice) == [
        (("scoring", "verdicts"), "expected exactly one verdict with exposed: true and adapting: false, found 2"),
        (("scoring", "verdicts"), "expected exactly one verdict with exposed: false and adapting: true, found 0"),
    ]
    swapped = {**verdicts, "watch": verdicts["watch"].model_copy(update={"exposed": True, "adapting": True})}
    assert scoring(verdicts=swapped) == [
        (("scoring", "verdicts"), "expected exactly one verdict with exposed: true and adapting: true, found 2"),
        (("scoring", "verdicts"), "expected exactly one verdict with exposed: false and adapting: false, found 0"),
    ]


def advice(item_id: str, when: dict[str, Any], en: str = "Do it.", id_: str = "Lakukan.", **more: Any) -> Advice:
    return Advice(
        id=item_id, point=1, priority=50, when=Condition.model_validate(when), text=Text(en=en, id=id_), **more
    )


def test_advice_ids_points_conditions_and_texts() -> None:
    first = SMALL.advice[0]
    items = [*SMALL.advice, first, advice("x", {"role": ["writer"]}).model_copy(update={"point": 7})]
    assert problems(advice=items) == [
        (("advice", 2, "id"), f"advice id '{first.id}' is used twice"),
        (("advice", 3, "point"), unknown("point", 7, "1, 2, 3, 4")),
    ]
    slots = advice("x", {"role": ["writer"]}, en="At {exposure}.", id_="Pada {hazard}.")
    assert problems(advice=[slots]) == [
        (
            ("advice", 0, "text", "id"),
            "the en and id texts must use the same placeholders; only one of them has {exposure}, {hazard}",
        ),
    ]


@pytest.mark.parametrize(
    ("en", "found"),
    [
        ("Read PM 118/2018 first.", "a regulation ('PM 118/2018')"),
        ("See KP 1001/2022.", "a regulation ('KP 1001/2022')"),
        ("Under UU No. 28 Tahun 2014.", "a regulation ('UU No. 28')"),
        ("Permenkumham 4/2019 says so.", "a regulation ('Permenkumham 4/2019')"),
        ("Fees fell 15% last year.", "a figure ('15%')"),
        ("Fees fell 15 % last year.", "a figure ('15 %')"),
        ("Turun 20 persen.", "a figure ('20 persen')"),
        ("Down 3.5 percent.", "a figure ('3.5 percent')"),
        ("Costs Rp16.800 a day.", "a figure ('Rp16.800')"),
        ("Costs IDR 5,000 a day.", "a figure ('IDR 5,000')"),
        ("A PM 118/2018 rule cuts 15%.", "a regulation ('PM 118/2018')"),  # a regulation is named first
    ],
)
def test_a_text_that_names_a_regulation_or_figure_needs_sources(en: str, found: str) -> None:
    message = f"names {found} but has no sources; add sources: [id, ...] naming entries of sources.yaml"
    assert problems(advice=[advice("x", {"role": ["writer"]}, en=en)]) == [(("advice", 0, "text", "en"), message)]
    assert problems(advice=[advice("x", {"role": ["writer"]}, id_=en)]) == [(("advice", 0, "text", "id"), message)]
    assert problems(advice=[advice("x", {"role": ["writer"]}, en=en, sources=["ilo2025"])]) == []


def test_plain_numbers_and_cited_texts_need_no_sources() -> None:
    assert problems(advice=[advice("x", {"role": ["writer"]}, en="Try 3 clients in 2 weeks.")]) == []
    assert problems(advice=[advice("x", {"role": ["writer"]}, sources=["ilo2025", "nowhere"])]) == [
        (("advice", 0, "sources", 1), unknown("source", "nowhere", SOURCES)),
    ]


def test_faq_families_answers_and_their_texts() -> None:
    answer = FaqAnswer(when=Condition.model_validate({"family": ["robots"]}), text=Text(en="Up 15%.", id="Naik 15%."))
    plain = FaqAnswer(text=Text(en="{nope}", id="{nope}"), sources=["nowhere"])
    faq = [
        Faq(id="a", question=WORDS, families=["gig", "robots"], answers=[]),
        Faq(id="b", question=WORDS, families=["gig"], answers=[answer, plain]),
    ]
    cited = "names a figure ('15%') but has no sources; add sources: [id, ...] naming entries of sources.yaml"
    allowed = f"{', '.join(sorted([*ALL_SCORES.split(', '), 'role']))}"
    assert problems(faq=faq) == [
        (("faq", 0, "families"), unknown("family", "robots", FAMILIES)),
        (("faq", 0, "answers"), "expected at least one answer"),
        (("faq", 1, "answers", 0, "when", "family"), unknown("family", "robots", FAMILIES)),
        (("faq", 1, "answers", 0, "text", "en"), cited),
        (("faq", 1, "answers", 0, "text", "id"), cited),
        (("faq", 1, "answers", 1, "text", "en"), f"unknown placeholder '{{nope}}'; expected one of: {allowed}"),
        (("faq", 1, "answers", 1, "text", "id"), f"unknown placeholder '{{nope}}'; expected one of: {allowed}"),
        (("faq", 1, "answers", 1, "sources", 0), unknown("source", "nowhere", SOURCES)),
    ]


def when(condition: dict[str, Any]) -> list[Problem]:
    """What the check says of one advice item's condition (at advice.0.when)."""
    found = problems(advice=[advice("x", condition)])
    assert all(path[:3] == ("advice", 0, "when") for path, _ in found)
    return [(path[3:], text) for path, text in found]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({}, [((), f"{SUBJECTS} none")]),
        ({"role": ["writer"], "family": ["gig"]}, [((), f"{SUBJECTS} role, family")]),
        ({"not": {"role": ["writer"]}, "score": "risk", "ge": 1}, [((), f"{SUBJECTS} not, score")]),
        ({"all": [], "any": []}, [((), f"{SUBJECTS} all, any")]),
        ({"score": "risk", "in": ["a"]}, [((), "'in' cannot go with 'score'")]),
        ({"role": ["writer"], "lt": 1, "ge": 0}, [((), "'ge, lt' cannot go with 'role'")]),
        ({"task": "drafting", "includes": "x", "count_lt": 1}, [((), "'count_lt, includes' cannot go with 'task'")]),
        ({"answer": "human_edge", "ge": 1}, [((), "'ge' cannot go with 'answer'")]),
        ({"not": {"role": ["writer"]}, "lt": 1}.copy(), [((), "'lt' cannot go with 'not'")]),
        ({"answer": "human_edge"}, [((), "expected a comparison with 'answer' (count_ge, count_lt, in, includes)")]),
        ({"score": "risk"}, [((), "expected a comparison with 'score' (ge, lt)")]),
        ({"task": "drafting"}, [((), "expected a comparison with 'task' (ge, lt)")]),
        ({"score": "risk", "lt": 10}, []),
        ({"task": "rides", "ge": 0.1}, []),  # another role's task is fine
        ({"task": "nap", "ge": 0.1}, [(("task",), "no role has a task 'nap'")]),
        ({"score": "nope", "ge": 1}, [(("score",), unknown("score", "nope", f"{ALL_SCORES}, risk"))]),
        (
            {"role": ["writer", "chef"]},
            [(("role",), unknown("role", "chef", ROLE_IDS))],
        ),
        ({"family": ["gig", "robots"]}, [(("family",), unknown("family", "robots", FAMILIES))]),
        (
            {"all": [{"role": ["chef"]}, {"family": ["robots"]}]},
            [
                (("all", 0, "role"), unknown("role", "chef", ROLE_IDS)),
                (("all", 1, "family"), unknown("family", "robots", FAMILIES)),
            ],
        ),
        ({"any": [{"role": ["writer"]}, {}]}, [(("any", 1), f"{SUBJECTS} none")]),
        ({"not": {"score": "nope", "ge": 1}}, [(("not", "score"), unknown("score", "nope", f"{ALL_SCORES}, risk"))]),
    ],
)
def test_condition_shapes_comparisons_children_and_names(
    condition: dict[str, Any], expected: list[tuple[tuple[Any, ...], str]]
) -> None:
    assert when(condition) == expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"answer": "nope", "in": ["a"]}, [(("answer",), unknown("question", "nope", QUESTIONS))]),
        (
            {"answer": "ai_use", "in": ["daily", "often"]},
            [((), "'often' is not an option of question 'ai_use'; expected one of: never, tried, weekly, daily")],
        ),
        (
            {"answer": "ai_use", "includes": "daily"},
            [((), "question 'ai_use' is a select question; compare it with 'in'")],
        ),
        ({"answer": "ai_use", "count_ge": 1}, [((), "question 'ai_use' is a select question; compare it with 'in'")]),
        ({"answer": "ai_use", "count_lt": 1}, [((), "question 'ai_use' is a select question; compare it with 'in'")]),
        (
            {"answer": "human_edge", "in": ["humor"]},
            [((), "question 'human_edge' is a multi question; compare it with includes, count_ge or count_lt")],
        ),
        (
            {"answer": "human_edge", "includes": "wit"},
            [
                (
                    (),
                    "'wit' is not an option of question 'human_edge'; expected one of: "
                    "empathy, culture, humor, relationship, expertise, accountability",
                )
            ],
        ),
        ({"answer": "human_edge", "includes": "humor", "count_ge": 2}, []),
        ({"answer": "ai_tasks", "includes": "rides"}, []),  # any role's task
        (
            {"answer": "ai_tasks", "includes": "nap"},
            [
                (
                    (),
                    "'nap' is not an option of question 'ai_tasks'; expected one of: "
                    + ", ".join(dict.fromkeys(t for r in PACK.roles.values() for t in r.tasks)),
                )
            ],
        ),
    ],
)
def test_answer_conditions(condition: dict[str, Any], expected: list[tuple[tuple[Any, ...], str]]) -> None:
    assert when(condition) == expected


def test_messages_must_all_be_there_known_and_keep_their_slots() -> None:
    messages = dict(SMALL.messages)
    del messages["err_no_role"]
    messages["err_strict"] = Text(en="no {missing}", id="tidak ada")
    messages["err_typo"] = WORDS
    assert problems(messages=messages) == [
        (("messages",), "missing message 'err_no_role'"),
        (
            ("messages", "err_strict", "id"),
            "the en and id texts must use the same placeholders; only one of them has {missing}",
        ),
        (("messages", "err_typo"), "unknown message (check its spelling; the program never shows it)"),
    ]


@pytest.mark.parametrize(("weights", "fine"), [((0.0, 0.0), False), ((0.0, 1e-9), True), ((3.0, 0.0), True)])
def test_the_quiz_needs_one_time_amount_above_0(weights: tuple[float, float], fine: bool) -> None:
    amounts = dict(zip(("none", "most"), weights, strict=True))
    time_amounts = {
        k: v.model_copy(update={"weight": amounts[k]}) for k, v in SMALL.quiz.time_amounts.items() if k in amounts
    }
    quiz = SMALL.quiz.model_copy(update={"time_amounts": time_amounts})
    assert problems(quiz=quiz) == (
        [] if fine else [(("quiz", "time_amounts"), "expected at least one amount with a weight above 0")]
    )
