"""What every report says, in one language, independent of its format."""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

from aiexposure.model.answers import AnswerValue, answer_text, whole_percents
from aiexposure.model.scoring import Assessment, Move, ScoreResult, band_for
from aiexposure.pack.compiled import ADAPTING, EXPOSED, RISK, TermResult, verdict_cells
from aiexposure.pack.messages import Texts, fill
from aiexposure.pack.schema import Lang, Pack, Point, Role, ScoreDef, Text, Verdict, in_family


class TaskRow(NamedTuple):
    """One task of the person's mix."""

    id: str
    label: str
    share: float
    genai: float
    robotics: float
    mode: str
    mode_label: str
    rationale: str
    source: str
    sources: dict[str, str]
    robotics_here: float  # the robotics number for this person's vehicle and place
    horizon: str
    horizon_label: str
    horizon_years: str
    percent: int  # the share in whole percents, rounded with the others so the column adds up to 100


class AnswerRow(NamedTuple):
    """A question asked and its answer in words: one option, or each option chosen in a multi-select ("—" for
    none), so a report can list them one per line instead of one long run of commas."""

    prompt: str
    items: tuple[str, ...]
    assumed: bool


class PointSection(NamedTuple):
    """One of the article's points: its score and the advice under it."""

    number: int
    title: str
    score_id: str
    score_label: str
    score: float
    meaning: str
    advice: tuple[tuple[str, int, str], ...]
    good_high: bool | None  # whether a high score is good news (None: neither)


class Axis(NamedTuple):
    """One of the verdict's two axes for this person: its value, its threshold and which side is good."""

    id: str
    label: str
    value: float
    threshold: float
    good_high: bool
    note: str  # e.g. 'verdict line at 30'


class BandSpan(NamedTuple):
    """One risk band on the 0-100 scale, and whether the person's risk falls in it."""

    label: str
    start: float
    end: float
    here: bool


class ExplainRow(NamedTuple):
    """One row of --explain, in this language: the term, its signal, its weight, what it did to the score."""

    name: str
    value: str
    weight: str
    effect: str


class Explained(NamedTuple):
    """One score under --explain: its name and value, and the terms behind it."""

    title: str
    value: str
    rows: tuple[ExplainRow, ...]


class FirstStep(NamedTuple):
    """One thing to do first, and the risk points it removes when it is one of the top moves."""

    text: str
    point: int
    risk_delta: float | None


class Readout(NamedTuple):
    """A headline score with its range."""

    id: str
    label: str
    value: float
    low: float
    high: float
    good_high: bool | None
    band: str | None = None  # the risk band the value falls in, for a score where higher is worse


class EvidenceRow(NamedTuple):
    """A published finding about the person's trade."""

    source: str
    short: str
    citation: str
    text: str


class ReferenceRow(NamedTuple):
    """A published figure for the role."""

    source: str
    short: str
    citation: str
    measure: str
    measure_label: str
    value: float
    label: str


def widened(span: tuple[float, float]) -> tuple[float, float]:
    """A range in whole points that still holds every value inside it: low rounded down, high rounded up.

    A range of one value (the sources agree) stays one value, so reports can leave it out.
    """
    if span[0] == span[1]:
        return span
    return float(math.floor(span[0] + 1e-9)), float(math.ceil(span[1] - 1e-9))


def step_text(pack: Pack, role: Role, question_id: str, value: str, lang: Lang) -> str:
    """The step that gets a person to `value` (an option, or for a multi-select the one option added)."""
    question = pack.questions[question_id]
    if question.options_from_tasks:
        label = role.tasks[value].label(lang)
        if question.action is None:
            return Texts(pack, lang)("move_add", question=question.prompt(lang), answer=label)
        return fill(question.action(lang), {"option": label})
    option = question.options[value]
    if option.action is None:  # a pack without steps for this answer: say the answer itself
        return Texts(pack, lang)("move_set", question=question.prompt(lang), answer=option.label(lang))
    if question.hypothesis:  # the evidence does not settle it: the reader is told, wherever the step is shown
        return f"{option.action(lang)} {Texts(pack, lang)('step_hypothesis')}"
    return option.action(lang)


def term_name(term: TermResult) -> str:
    """A term's name in --explain; a factor of one term only reads 'hazard × adaptation'."""
    return f"{term.scales} × {term.term}" if term.scales else term.term


def explained(term: TermResult) -> str:
    """What a term did to its score, in score points (a factor multiplies instead)."""
    if term.factor:
        return f"× {term.contribution:.3f}"
    points = round(term.contribution * 100, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    plain = round(term.weight * term.value * 100, 1) + 0.0
    if abs(plain - points) >= 0.05:  # scaled by factors of its own, on the rows below it
        return f"{plain:+.1f} → {points:+.1f}"
    return f"{points:+.1f}"


class Report:
    """Localized view of an Assessment, shared by the text, markdown and JSON renderers."""

    def __init__(self, result: Assessment, lang: Lang, day: date | None = None) -> None:
        self.result = result
        self.lang = lang
        self.day = day or date.today()  # reports a person hands on say when they were made
        self.pack = result.pack
        self.t = Texts(result.pack, lang)
        self.role_label = result.role.label(lang)
        self.slots = {"role": self.role_label, **{sid: f"{s.value:g}" for sid, s in result.scores.items()}}

    def text(self, text: Text) -> str:
        """A pack text in this language with its slots filled."""
        return fill(text(self.lang), self.slots)

    def worded(self, item: Point | ScoreDef | Verdict, name: str) -> str:
        """A text of `item`, in the wording for this person's family when the pack has one."""
        return self.text(in_family(item, self.result.family, name))

    @property
    def verdict_label(self) -> str:
        """The verdict's name, e.g. 'Threat'."""
        return self.worded(self.pack.scoring.verdicts[self.result.verdict], "label")

    @property
    def verdict_summary(self) -> str:
        """One or two sentences explaining the verdict."""
        return self.worded(self.pack.scoring.verdicts[self.result.verdict], "summary")

    @property
    def band_label(self) -> str:
        """The risk band's name, e.g. 'moderate'."""
        return self.result.band.label(self.lang)

    def score_label(self, score_id: str) -> str:
        """A score's display name."""
        scoring = self.pack.scoring
        if score_id == RISK:
            return self.worded(scoring.risk, "label")
        if score_id in (EXPOSED, ADAPTING):  # the verdict's two axes
            return (scoring.exposed if score_id == EXPOSED else scoring.adapting).label(self.lang)
        return self.worded(self.pack.scoring.scores[score_id], "label")

    def tasks(self) -> list[TaskRow]:
        """The task mix, in the role's order."""
        role = self.result.role
        rows = []
        horizons = self.pack.scoring.horizons
        shares = self.result.answers.shares
        percents = dict(zip(shares, whole_percents(list(shares.values())), strict=True))
        for task_id, share in shares.items():
            task = role.tasks[task_id]
            horizon = horizons[task.horizon]
            here = self._robotics_here(task_id)
            rows.append(
                TaskRow(
                    task_id,
                    task.label(self.lang),
                    share,
                    task.genai,
                    task.robotics,
                    task.mode,
                    self.t(self._mode_key(task.mode, task.genai, here)),
                    task.rationale(self.lang),
                    task.sources.genai,
                    dict(task.sources),
                    here,
                    task.horizon,
                    horizon.label(self.lang),
                    horizon.years,
                    percents[task_id],
                )
            )
        return rows

    def _mode_key(self, mode: str, genai: float, robotics_here: float) -> str:
        """The words for how AI or machines touch a task; 'could replace you' only when this task's own figures
        reach the line where the verdict calls a person exposed (a task robots can do 0.014 of is not that)."""
        line = self.pack.scoring.exposed.threshold / 100
        if mode == "substitute" and max(genai, robotics_here) < line:
            return "mode_substitute_later"
        return f"mode_{mode}"

    def differences(self) -> list[str]:
        """Why published figures beside the person's own scores differ from them: a line per kind shown."""
        measures = {ref.measure for ref in self.references()}
        scores = self.result.scores
        lines = []
        if "genai" in measures and "exposure" in scores:
            lines.append(self.t("measure_differs_genai"))
        if "automation" in measures and "automation" in scores:
            lines.append(self.t("measure_differs_automation", value=self.num(scores["automation"].value)))
        return lines

    def _robotics_here(self, task_id: str) -> float:
        task = self.result.role.tasks[task_id]
        amount = task.robotics
        for question_id, multipliers in task.robotics_by.items():
            answer = self.result.answers.values.get(question_id)
            if isinstance(answer, str):
                amount *= multipliers[answer]
        return round(amount, 3)

    def range_of(self, score_id: str) -> tuple[float, float]:
        """(low, high) of a score or of risk; the value itself when the assessment has no ranges."""
        ranges = self.result.ranges or {}
        if score_id in ranges:
            return ranges[score_id]
        result = self.result
        axes = {RISK: result.risk, EXPOSED: result.exposed, ADAPTING: result.adapting}
        value = (axes[score_id] if score_id in axes else result.scores[score_id]).value
        return value, value

    def readouts(self) -> list[Readout]:
        """The scores the report puts first for this family, each with its range."""
        scoring = self.pack.scoring
        rows = []
        for score_id in scoring.readouts.get(self.result.family, []):
            low, high = self.range_of(score_id)
            good = scoring.scores[score_id].good
            value = self.result.scores[score_id].value
            rows.append(
                Readout(
                    score_id,
                    self.score_label(score_id),
                    value,
                    low,
                    high,
                    None if good is None else good == "high",
                    band_for(self.pack, value).label(self.lang) if good == "low" else None,
                )
            )
        return rows

    @property
    def lead(self) -> str | None:
        """The readout that adds most to this person's risk before adapting, when the pack names one for the family.

        Gig workers' risk has two sources that must never be confused (AI and automation, the apps' pay): the
        headline says which one drives it.
        """
        lead = self.pack.scoring.leads.get(self.result.family)
        if lead is None:
            return None
        scores = self.result.scores
        parts = [
            (term.weight * scores[term.signal.score].value, term.signal.score)
            for term in self.pack.scoring.scores[lead.score].terms
            if term.signal.score in lead.texts and (term.families is None or self.result.family in term.families)
        ]
        if not parts:
            return None
        parts.sort(reverse=True)
        # an exact tie names neither: the headline must not claim one source outweighs the other
        return None if len(parts) > 1 and parts[0][0] == parts[1][0] else parts[0][1]

    def _lead_text(self, name: str) -> str | None:
        lead = self.lead
        if lead is None:
            return None
        text = getattr(self.pack.scoring.leads[self.result.family].texts[lead], name)
        return None if text is None else self.text(text)

    @property
    def title(self) -> str:
        """The report's question: for a gig worker, the one their risk answers (AI, or the apps' pay)."""
        return self._lead_text("title") or self.t("report_title")

    @property
    def notes(self) -> list[str]:
        """The sentences that fit this person, added to the verdict's summary (what drives the risk first)."""
        first = self._lead_text("summary")
        return [*([first] if first else []), *(self.text(note.text) for note in self.result.notes)]

    def evidence(self) -> list[EvidenceRow]:
        """What published studies found about the person's trade."""
        sources = self.pack.sources
        return [
            EvidenceRow(e.source, sources[e.source].name(self.lang), sources[e.source].citation, self.text(e.text))
            for e in self.result.role.market.evidence
        ]

    def _point_score(self, number: int) -> str | None:
        """The score a point is read by for this family: one kept for the family before one every family has."""
        family = self.result.family
        found = [
            (d.families is None, sid)
            for sid, d in self.pack.scoring.scores.items()
            if d.point == number and (d.families is None or family in d.families)
        ]
        return min(found)[1] if found else None

    def _advice_in_first_steps(self) -> set[str]:
        """The ids of the advice items the first steps already use."""
        limit = min(3, self.pack.scoring.moves_shown or 3)  # as first_steps counts them
        room = limit - len(self.result.moves[:limit])
        ranked = sorted(self.result.advice, key=lambda a: -a.priority)
        return {a.id for a in ranked[:room]}

    def points(self) -> list[PointSection]:
        """The points that have a score, each with its advice (less what the first steps already say)."""
        first = self._advice_in_first_steps()
        sections = []
        for point in self.pack.points:
            score_id = self._point_score(point.number)
            if score_id is None:
                continue
            advice = tuple(
                (a.id, a.priority, self.text(a.text))
                for a in self.result.advice
                if a.point == point.number and a.id not in first  # a first step is not said twice
            )
            score = self.result.scores[score_id]
            definition = self.pack.scoring.scores[score_id]
            sections.append(
                PointSection(
                    point.number,
                    self.worded(point, "title"),
                    score_id,
                    self.worded(definition, "label"),
                    score.value,
                    self.worded(definition, "meaning"),
                    advice,
                    None if definition.good is None else definition.good == "high",
                )
            )
        return sections

    def answer_label(self, question_id: str, value: AnswerValue) -> str:
        """How an answer reads in this language."""
        return answer_text(self.pack, self.result.role, question_id, value, self.lang)

    def move_text(self, move: Move) -> str:
        """A move as the step that makes it, in the pack's words, e.g. 'Use AI tools in your work every working day'."""
        value = move.added if move.added is not None else str(move.answer)
        return step_text(self.pack, self.result.role, move.question, value, self.lang)

    def first_steps(self) -> list[FirstStep]:
        """At most three steps to take first: the moves that lower risk most, then the most pressing advice."""
        result = self.result
        limit = min(3, self.pack.scoring.moves_shown or 3)
        steps = [
            FirstStep(self.move_text(m), self.pack.questions[m.question].point, m.risk_delta) for m in result.moves
        ][:limit]
        for item in sorted(result.advice, key=lambda a: -a.priority):
            if len(steps) >= limit:
                break
            steps.append(FirstStep(self.text(item.text), item.point, None))
        return steps

    def faq(self) -> list[tuple[str, str]]:
        """The FAQ questions for this family with this person's answers."""
        return [(item.question(self.lang), self.text(answer.text)) for item, answer in self.result.faq]

    def references(self) -> list[ReferenceRow]:
        """The role's published figures with their sources."""
        rows = []
        for ref in self.result.role.references:
            source = self.pack.sources[ref.source]
            rows.append(
                ReferenceRow(
                    ref.source,
                    source.name(self.lang),
                    source.citation,
                    ref.measure,
                    self.t(f"measure_{ref.measure}"),
                    ref.value,
                    ref.label(self.lang),
                )
            )
        return rows

    def your_exposure(self) -> str:
        """The sentence that sets the person's exposure, with its range, beside the published figures."""
        low, high = widened(self.range_of("exposure"))
        shown = self.t("range", low=f"{low:.0f}", high=f"{high:.0f}")
        return self.t("your_exposure", value=self.num(self.result.scores["exposure"].value), range=shown)

    def reference_sources(self) -> list[tuple[str, str]]:
        """Each source of the role's published figures once, in order: (short name, full citation)."""
        cited: dict[str, tuple[str, str]] = {}
        for ref in self.references():
            cited.setdefault(ref.source, (ref.short, ref.citation))
        return list(cited.values())

    def assumed(self) -> str | None:
        """The sentence saying how many answers were assumed, if any (the answers list marks which)."""
        given = self.result.answers
        said = [self.t("assumed", count=len(given.assumed))] if given.assumed else []
        said += [
            self.t(
                "read_as",
                question=self.pack.questions[q].prompt(self.lang),
                option=self.answer_label(q, given.values[q]),
            )
            for q in given.read_as
        ]
        return " ".join(said) or None

    def assumed_short(self) -> str | None:
        """A few words saying how many answers were assumed, not given ('11 of 11 answers assumed'), if any.

        The task split counts as an answer: with none given, the role's usual split was assumed.
        """
        given = self.result.answers
        count = len(given.assumed) + (1 if given.typical_mix else 0)
        if not count:
            return None
        return self.t("assumed_short", count=count, total=len(given.values) + 1)

    def rescaled(self) -> str | None:
        """The sentence saying the given task weights did not add up to 100 and were scaled, if they did not."""
        total = self.result.answers.weights_total
        if total is None or abs(total - 100) < 1e-9:
            return None
        return self.t("tasks_rescaled", total=self.g(round(total, 2)))

    def answers(self) -> list[AnswerRow]:
        """Each question asked, the answer in words (each chosen option of a multi-select on its own), and whether
        it was assumed."""
        given = self.result.answers
        rows = []
        for q, value in given.values.items():
            chosen = [value] if isinstance(value, str) else list(value)
            items = tuple(self.answer_label(q, v) for v in chosen) or (self.answer_label(q, ()),)  # "—": none chosen
            rows.append(AnswerRow(self.pack.questions[q].prompt(self.lang), items, q in given.assumed))
        return rows

    def num(self, value: float, digits: int = 1) -> str:
        """A number as a reader of this language writes it: 37,5 in Indonesian, 37.5 in English."""
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "id" else text

    def g(self, value: float) -> str:
        """A plain number (0.15, 0.8) as a reader of this language writes it."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang == "id" else text

    def local(self, text: str) -> str:
        """A number already written out (+38.8, × 0.932) with the decimal mark of this language."""
        return text.replace(".", ",") if self.lang == "id" else text

    def when(self) -> str:
        """The report's date, e.g. '1 December 2026' or '1 Desember 2026'."""
        return self.t("date", day=str(self.day.day), month=self.t(f"month_{self.day.month}"), year=str(self.day.year))

    def advice_sources(self, advice_id: str) -> str:
        """The short names of what backs an advice item shown to this person, e.g. 'KP 1001/2022; Prakerja'."""
        item = next((a for a in self.result.advice if a.id == advice_id), None)
        return "; ".join(self.pack.sources[s].name(self.lang) for s in item.sources) if item is not None else ""

    def sources_of(self, row: TaskRow) -> str:
        """Which source backs each number of a task, e.g. 'generative AI: ILO 2025; when: ...'."""
        names = {"genai": "col_genai", "robotics": "col_robotics", "mode": "col_mode", "horizon": "col_horizon"}
        grouped: dict[str, list[str]] = {}
        for number, source in row.sources.items():
            if number == "robotics" and row.robotics == 0 and source == "aiexposure":
                continue  # a desk task's zero for robots needs no source
            grouped.setdefault(source, []).append(self.t(names[number]))
        sources = self.pack.sources
        return "; ".join(f"{', '.join(numbers)}: {sources[s].name(self.lang)}" for s, numbers in grouped.items())

    def axes(self) -> tuple[ScoreResult, ScoreResult]:
        """(adaptation, exposure) — the quadrant's x and y."""
        return self.result.adapting, self.result.exposed

    def verdict_axes(self) -> list[Axis]:
        """The verdict's two axes, risk before adapting first: a high value is bad news on it, good on adaptation."""
        scoring, result = self.pack.scoring, self.result
        return [
            Axis(
                score.id,
                definition.label(self.lang),
                score.value,
                definition.threshold,
                good_high,
                self.t("axis_threshold", threshold=self.g(definition.threshold)),
            )
            for score, definition, good_high in (
                (result.exposed, scoring.exposed, False),
                (result.adapting, scoring.adapting, True),
            )
        ]

    def threshold_of(self, score_id: str) -> float | None:
        """The threshold of a verdict axis; None for any other score."""
        return next((axis.threshold for axis in self.verdict_axes() if axis.id == score_id), None)

    def verdict_grid(self) -> dict[tuple[bool, bool], str]:
        """Each verdict's name by its cell of the quadrant, (exposed, adapting)."""
        verdicts = self.pack.scoring.verdicts
        grid = {cell: self.worded(verdicts[v], "label") for cell, v in verdict_cells(self.pack).items()}
        grid[self.verdict_cell] = self.verdict_label  # a verdict kept for some bands shows in the person's own cell
        return grid

    @property
    def verdict_cell(self) -> tuple[bool, bool]:
        """The person's cell of the quadrant, (exposed, adapting)."""
        verdict = self.pack.scoring.verdicts[self.result.verdict]
        return verdict.exposed, verdict.adapting

    def bands(self) -> list[BandSpan]:
        """The risk bands on the 0-100 scale, in order, the person's marked."""
        spans = []
        start = 0.0
        for band in self.pack.scoring.bands:
            end = max(start, band.below if band.below is not None else 100.0)
            spans.append(BandSpan(band.label(self.lang), start, end, band.id == self.result.band.id))
            start = end
        return spans

    @property
    def pack_identity(self) -> tuple[str, str]:
        """The rules pack's id and version, as scripts compare them."""
        return self.pack.pack.id, self.pack.pack.version

    @property
    def pack_line(self) -> str:
        """Which rules pack made the report, e.g. 'Rules pack: aiexposure rules, version 2026.12'."""
        pack = self.pack.pack
        return f"{self.t('pack')}: {pack.name(self.lang)}, {self.t('pack_version')} {pack.version}"

    def explained(self) -> list[Explained]:
        """Every score, then risk and the verdict's two axes, each with the terms behind it (--explain)."""
        return [
            Explained(
                self.score_label(score.id),
                self.num(score.value),
                tuple(
                    ExplainRow(
                        term_name(term), self.num(term.value, 3), self.g(term.weight), self.local(explained(term))
                    )
                    for term in score.terms
                ),
            )
            for score in self.result.every_score
        ]
