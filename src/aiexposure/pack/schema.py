"""Typed model of a rules pack: the schema is declared once, here.

Start-up matters: a run whose pack comes from the cache never validates, so the models defer building their
validators (`defer_build`) until a pack is read from YAML, and the annotations are real objects, not strings
(no `from __future__ import annotations`), so defining the classes evaluates nothing. Forward references are
quoted.
"""

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from aiexposure.escape import first_control

Lang = Literal["en", "id"]
LANGS: tuple[Lang, ...] = ("en", "id")

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]

# Bounds that keep every sum and product of the model finite: relative time weights up to a million,
# term weights within ±100 (the shipped pack uses at most 2).
MAX_AMOUNT = 1_000_000.0
MAX_TERM_WEIGHT = 100.0


def _plain_text(value: str) -> str:
    code = first_control(value)
    if code is not None:
        raise PydanticCustomError(
            "control_character", "expected plain text without control characters (this one has {code})", {"code": code}
        )
    return value


# Every sentence a pack shows: never empty, and no control characters that could drive a terminal.
Str = Annotated[str, Field(min_length=1), AfterValidator(_plain_text)]


def _unit(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise PydanticCustomError("unit_interval", "expected a number from 0 to 1")
    return value


def _weight(value: float) -> float:
    if not -MAX_TERM_WEIGHT <= value <= MAX_TERM_WEIGHT:
        raise PydanticCustomError(
            "weight_range", "expected a weight from -{limit} to {limit}", {"limit": f"{MAX_TERM_WEIGHT:g}"}
        )
    return value


def _amount(value: float) -> float:
    if not 0.0 <= value <= MAX_AMOUNT:
        raise PydanticCustomError(
            "amount_range", "expected a number from 0 to {limit}", {"limit": f"{MAX_AMOUNT:,.0f}"}
        )
    return value


def _score_bound(value: float) -> float:
    if not 0.0 <= value <= 100.0:
        raise PydanticCustomError("score_range", "expected a number from 0 to 100")
    return value


Unit = Annotated[float, AfterValidator(_unit)]
Amount = Annotated[float, AfterValidator(_amount)]
Weight = Annotated[float, AfterValidator(_weight)]
ScoreBound = Annotated[float, AfterValidator(_score_bound)]


class Model(BaseModel):
    """Base for pack models: strict types, no unknown keys, immutable."""

    # defer_build: the validators are built on the first validation, which a run with a cached pack never makes
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True)


class Text(Model):
    """A user-visible sentence in every supported language."""

    en: Str
    id: Str

    def __call__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.id


class PackInfo(Model):
    """Identity of the pack, shown in reports so results can be traced."""

    id: Id
    version: Str
    name: Text


class Source(Model):
    """A published study the pack's numbers are calibrated against.

    `short` is its name in reports; `short_id` the same in Bahasa Indonesia where it needs words of its own
    (a study's authors and year need none).
    """

    short: Str
    short_id: Str | None = None
    citation: Str

    def name(self, lang: Lang) -> str:
        """The short name as a reader of `lang` reads it."""
        return self.short_id if lang == "id" and self.short_id is not None else self.short


class Reference(Model):
    """One published figure for a role, with its source."""

    source: Id
    measure: Literal["genai", "automation"]
    value: Unit
    label: Text


class TaskSources(Model):
    """The source behind each number of a task (`aiexposure` marks the pack's own judgement)."""

    genai: Id
    robotics: Id
    mode: Id
    horizon: Id


class TaskMatch(Model):
    """The task of a published index that a pack task was matched to, and that index's figure for it."""

    code: Str  # the occupation (ISCO-08 or O*NET-SOC code), and the task's id where the data has one
    task: Str  # the source's task, in short
    value: Unit  # ILO: the task score; Eloundou: GPT-4 beta (E0 0, E2 0.5, E1 1)
    human: Unit | None = None  # Eloundou: the human annotators' beta


class Task(Model):
    """A kind of work a role spends time on, with its AI exposures.

    `robotics_by`: per question, a multiplier for each option, applied to the robotics number
    (e.g. robotaxis reach cars before motorbikes, and metros before towns).
    """

    label: Text
    genai: Unit
    robotics: Unit
    mode: Literal["augment", "substitute"]
    horizon: Id
    robotics_by: dict[Id, dict[Id, Unit]] = {}
    rationale: Text
    sources: TaskSources
    # the matched task in the indices' own data, by source id (ilo2025, eloundou2023): `rules calibrate` compares
    matches: dict[Id, TaskMatch] = {}
    # the task's labels in earlier releases: a class form made then still has them in its column headers
    formerly: list[Text] = []


class Evidence(Model):
    """A published finding about this role's market, cited in its reports."""

    source: Id
    text: Text


class Market(Model):
    """What the direct evidence says about demand for this role's work: a 0-1 pressure with its range."""

    pressure: Unit
    low: Unit
    high: Unit
    source: Id
    evidence: list[Evidence] = []
    # the share of the trade's workers who report work already lost to AI (surveys), and its source: what a
    # person who is not sure whether they lost work is counted as, at most
    loss: Unit = 0.0
    loss_source: Id | None = None


class Spread(Model):
    """How far the published indices for this role sit from the pack's own numbers: low and high multipliers."""

    low: Annotated[float, Field(ge=0.0, le=1.0)]
    high: Annotated[float, Field(ge=1.0, le=10.0)]
    source: Id


class Role(Model):
    """A role, its family, its tasks and its published references.

    `codes`: the occupation codes its published figures are read from, e.g. {isco08: "2641", soc: "27-3043"}.
    `words`: everyday names people use for this work (ojol, kurir, copywriter), accepted wherever a role is read.
    `related`: names of nearby work the pack does not list (jurnalis, fotografer): someone who gives one is told
    this role comes nearest, and what the tool cannot judge for them.
    `faq`: this role's own answers to the pack's FAQ questions (by FAQ id), tried before the answers every role
    shares; a role written in a file of its own answers the FAQ here.
    """

    family: Id
    label: Text
    description: Text
    words: list[Str] = []
    related: list[Str] = []
    codes: dict[Id, Str] = {}
    typical_mix: dict[Id, Amount]
    tasks: dict[Id, Task]
    market: Market
    spread: Spread
    references: list[Reference] = []
    faq: dict[Id, list["FaqAnswer"]] = {}


class Family(Model):
    """A group of roles that answer the same questions (freelancer, gig).

    `measure`: which published figures compare with this family's exposure axis in the report's chart.
    """

    label: Text
    measure: Literal["genai", "automation"]


class Horizon(Model):
    """How soon automation of a task is realistic; `factor` scales robotics exposure, `low`/`high` bound it."""

    label: Text
    years: Str
    factor: Unit
    low: Unit
    high: Unit


class Wording(Model):
    """Texts that replace the general ones for one family (e.g. gig workers have no clients)."""

    title: Text | None = None
    intro: Text | None = None
    label: Text | None = None
    meaning: Text | None = None
    summary: Text | None = None


class Point(Model):
    """One of the article's points, used to group questions and advice."""

    number: Annotated[int, Field(ge=1, le=9)]
    title: Text
    intro: Text
    for_family: dict[Id, Wording] = {}


class Option(Model):
    """One choice of a question, the signal value it carries (0-1), and the step that gets a person there."""

    label: Text
    value: Unit = 0.0
    action: Text | None = None
    # the option's labels in earlier releases: still read, and the report says the answer was read as this option
    formerly: list[Text] = []


class Question(Model):
    """A question asked in the quiz and accepted by `--answer`."""

    kind: Literal["select", "multi"]
    point: Annotated[int, Field(ge=1, le=9)]
    families: list[Id]
    actionable: bool = False
    prompt: Text
    help: Text | None = None
    options: dict[Id, Option] = {}
    options_from_tasks: bool = False
    action: Text | None = None  # for options that are the role's tasks: the step, with an {option} slot
    action_families: list[Id] = []  # the families the step fits (all when empty)
    # the steps this question offers rest on a hypothesis the evidence does not settle: they never lead the
    # first steps, and the report says so beside them
    hypothesis: bool = False
    default: Id | list[Id]


class Signal(Model):
    """What a term measures: exactly one of `tasks`, `answer` or `score`.

    `tasks`: sum of share x exposure over the task mix (optionally only tasks
    of one `mode`, weighted by horizon, only tasks picked in the multi
    question `among`, or `relative` to the whole mix); `answer`: the value of
    the chosen option (multi: sum of chosen values, capped at 1), or with
    `values` the option's value in that table instead (options not in it: 0);
    `score`: an earlier score divided by 100; `market`: the role's market
    pressure (`true` or `pressure`) or the share of its workers who report
    lost work (`loss`). With `mode` and `relative`, the share of the whole
    mix's exposure that lies in tasks of that mode (and picked in `among`).
    """

    tasks: Literal["genai", "robotics"] | None = None
    mode: Literal["augment", "substitute"] | None = None
    horizon_weighted: bool = False
    among: Id | None = None
    relative: bool = False
    answer: Id | None = None
    score: Id | None = None
    market: bool | Literal["pressure", "loss"] = False
    values: dict[Id, Unit] | None = None


class Term(Model):
    """A named, weighted signal; `families` limits where it counts.

    As a factor it multiplies the score by `offset + weight x signal` (e.g. 1 - 0.5 x adaptation).
    `times`: factors that scale this term alone (e.g. adaptation lowers one part of a score, not the rest).
    """

    id: Id
    signal: Signal
    weight: Weight = 1.0
    offset: Weight = 0.0
    families: list[Id] | None = None
    times: list["Term"] = []


class ScoreDef(Model):
    """A score: 100 x clamp(sum of terms) x product of factors; `good` says which end is good."""

    label: Text
    point: Annotated[int, Field(ge=1, le=9)] | None = None
    good: Literal["high", "low"] | None = None
    meaning: Text
    terms: list[Term]
    factors: list[Term] = []
    for_family: dict[Id, Wording] = {}
    families: list[Id] | None = None  # the families the score exists for (all when absent)


class Band(Model):
    """A risk band; `below` is its exclusive upper bound (last has none)."""

    id: Id
    below: ScoreBound | None = None
    label: Text


class Axis(Model):
    """An axis of the verdict quadrant: a score compared to a threshold."""

    label: Text
    terms: list[Term]
    threshold: ScoreBound


class VerdictNote(Model):
    """A sentence added to the verdict's summary when its condition holds, so the headline fits the person."""

    when: "Condition"
    text: Text


class Verdict(Model):
    """The answer to 'threat or accelerator' for one quadrant."""

    exposed: bool
    adapting: bool
    label: Text
    summary: Text
    for_family: dict[Id, Wording] = {}
    # a verdict for some risk bands of its cell only: it takes the cell's place there (e.g. adapting, yet critical)
    bands: list[Id] = []


class Lead(Model):
    """Which readout drives a person's risk most: the one whose term adds most to `score`, with its words."""

    score: Id
    texts: dict[Id, Wording]


class Scoring(Model):
    """Every number of the model: scores, risk, bands, verdict axes."""

    horizons: dict[Id, Horizon]
    scores: dict[Id, ScoreDef]
    risk: ScoreDef
    bands: list[Band]
    exposed: Axis
    adapting: Axis
    verdicts: dict[Id, Verdict]
    readouts: dict[Id, list[Id]]
    leads: dict[Id, Lead] = {}
    notes: list[VerdictNote] = []
    moves_shown: Annotated[int, Field(ge=0, le=20)]
    advice_shown: Annotated[int, Field(ge=1, le=50)]


class Condition(Model):
    """A structured test over role, answers, task shares and scores.

    Exactly one of the subject keys is set: `all`, `any`, `not`, `role`,
    `family`, `answer`, `score` or `task`; comparators go with their subject.
    """

    all: list["Condition"] | None = None
    any: list["Condition"] | None = None
    not_: "Condition | None" = Field(default=None, alias="not")
    role: list[Id] | None = None
    family: list[Id] | None = None
    answer: Id | None = None
    in_: list[Id] | None = Field(default=None, alias="in")
    includes: Id | None = None
    count_ge: Annotated[int, Field(ge=0)] | None = None
    count_lt: Annotated[int, Field(ge=0)] | None = None
    score: Id | None = None
    task: Id | None = None
    ge: float | None = None
    lt: float | None = None

    model_config = ConfigDict(populate_by_name=False)


class Advice(Model):
    """A concrete next step, shown when its condition holds."""

    id: Id
    point: Annotated[int, Field(ge=1, le=9)]
    priority: Annotated[int, Field(ge=1, le=100)]
    when: Condition
    text: Text
    # ids in sources.yaml backing what the text states: a regulation, programme, certificate or figure it names
    sources: list[Id] = []


class FaqAnswer(Model):
    """One possible answer to a FAQ question; the first that holds is used."""

    when: Condition | None = None
    text: Text
    sources: list[Id] = []  # as for advice: what backs a regulation, programme or figure the answer names


class Faq(Model):
    """A question readers ask, answered for the person being assessed."""

    id: Id
    question: Text
    families: list[Id]
    answers: list[FaqAnswer]


class TimeAmount(Model):
    """A quick answer to "how much of your time goes to this task?" and its relative weight."""

    label: Text
    weight: Amount


class QuizConfig(Model):
    """Settings of the interactive quiz."""

    time_amounts: dict[Id, TimeAmount]


class Phrases(Model):
    """Words in each language (a glossary term's variants to avoid); a language may have none."""

    en: list[Str] = []
    id: list[Str] = []

    def __call__(self, lang: Lang) -> list[str]:
        return self.en if lang == "en" else self.id


class GlossaryTerm(Model):
    """One idea and its one word per language: `use` it, never a phrase of `avoid` (`rules check` enforces it)."""

    id: Id
    means: Str  # for authors: what the idea is
    use: Text
    avoid: Phrases = Phrases()


class Plain(Model):
    """Plain-words rules `rules check` applies to every text: the longest sentence allowed, in words."""

    max_sentence_words: Annotated[int, Field(ge=1, le=1000)]


class Pack(Model):
    """A whole rules pack, merged from the YAML files of one folder."""

    pack: PackInfo
    sources: dict[Id, Source]
    families: dict[Id, Family]
    roles: dict[Id, Role]
    points: list[Point]
    questions: dict[Id, Question]
    scoring: Scoring
    advice: list[Advice]
    faq: list[Faq]
    quiz: QuizConfig
    messages: dict[Id, Text]
    # plain words (glossary.yaml): optional, so a pack written before them still loads; without them nothing is
    # checked
    plain: Plain | None = None
    glossary: list[GlossaryTerm] = []

    # Program messages this pack lacked and took from the shipped pack (a pack written for an older release).
    _borrowed: tuple[str, ...] = PrivateAttr(default=())

    def borrowed_messages(self) -> tuple[str, ...]:
        """Keys of the program messages taken from the shipped pack because this pack lacked them."""
        return self._borrowed

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> "Pack":
        """A copy that works out its own derived data (`compiled.derived`): a copy with other numbers must not reuse
        compiled models."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("derived", None)
        return copy


def questions_for(pack: Pack, family: str) -> list[str]:
    """The ids of the questions asked of `family`, in pack order."""
    return [q for q, item in pack.questions.items() if family in item.families]


def in_family(item: Point | ScoreDef | Verdict, family: str, name: str) -> Text:
    """`item`'s text `name` in the wording for `family`, or the general one."""
    special = item.for_family.get(family)
    text: Text | None = getattr(special, name) if special is not None else None
    return text if text is not None else getattr(item, name)
