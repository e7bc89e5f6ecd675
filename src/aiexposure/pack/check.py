"""Cross-reference checks a schema cannot express: ids that must exist, and consistency."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiexposure.pack.compiled import RISK
from aiexposure.pack.messages import PLACEHOLDERS, REQUIRED_MESSAGES
from aiexposure.pack.names import norm
from aiexposure.pack.schema import Condition, FaqAnswer, Pack, Question, ScoreDef, Task, Term, Text, Wording
from aiexposure.pack.yamlsource import Path_

Problem = tuple[Path_, str]

_SUBJECTS = ("all", "any", "not_", "role", "family", "answer", "score", "task")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def cross_check(pack: Pack) -> list[Problem]:
    """Every problem found, each with the data path it belongs to."""
    return [
        *_wordings(pack),
        *_roles(pack),
        *_questions(pack),
        *_scoring(pack),
        *_advice(pack),
        *_messages(pack),
        *_quiz(pack),
    ]


# Which family-specific texts each kind of item shows; any other is never seen, so it is a mistake.
_WORDING_FIELDS = {"point": ("title", "intro"), "score": ("label", "meaning"), "verdict": ("label", "summary")}


def _wordings(pack: Pack) -> Iterator[Problem]:
    items: list[tuple[Path_, str, dict[str, Wording]]] = [
        (("points", i), "point", p.for_family) for i, p in enumerate(pack.points)
    ]
    items += [(("scoring", "scores", sid), "score", d.for_family) for sid, d in pack.scoring.scores.items()]
    items += [(("scoring", "risk"), "score", pack.scoring.risk.for_family)]
    items += [(("scoring", "verdicts", vid), "verdict", v.for_family) for vid, v in pack.scoring.verdicts.items()]
    for path, kind, wordings in items:
        allowed = _WORDING_FIELDS[kind]
        for family, wording in wordings.items():
            here = (*path, "for_family", family)
            if family not in pack.families:
                yield here, _unknown("family", family, pack.families)
            for name in ("title", "intro", "label", "meaning", "summary"):
                if getattr(wording, name) is not None and name not in allowed:
                    yield (*here, name), f"a {kind} shows no '{name}'; expected only {' or '.join(allowed)}"


def _unknown(kind: str, value: object, known: object) -> str:
    choices = ", ".join(str(k) for k in known)  # type: ignore[attr-defined]
    return f"unknown {kind} '{value}'; expected one of: {choices}"


def _role_words(pack: Pack) -> Iterator[Problem]:
    """A name (id, label or everyday word) must point at one role only, or 'ojol' could mean two things."""
    owner: dict[str, str] = {}
    for role_id, role in pack.roles.items():
        for name in {norm(n) for n in (role_id, role.label.en, role.label.id)}:
            owner.setdefault(name, role_id)
    for role_id, role in pack.roles.items():
        for index, word in enumerate(role.words):
            other = owner.setdefault(norm(word), role_id)
            if other != role_id:
                yield ("roles", role_id, "words", index), f"'{word}' already names the role '{other}'"


def _related_words(pack: Pack) -> Iterator[Problem]:
    """A related word names work the pack does not list: one that already names a role would never be read."""
    owner = {norm(n): r for r, role in pack.roles.items() for n in (r, role.label.en, role.label.id, *role.words)}
    for role_id, role in pack.roles.items():
        for index, word in enumerate(role.related):
            if norm(word) in owner:
                yield (
                    ("roles", role_id, "related", index),
                    f"'{word}' names the role '{owner[norm(word)]}'; related words name work no role of the pack "
                    "covers (an everyday name of a role goes in its words)",
                )


def _task_ids(pack: Pack) -> Iterator[Problem]:
    """A task id names one task in the whole pack: batch files and history exports have one task.<id> column each."""
    owner: dict[str, str] = {}
    for role_id, role in pack.roles.items():
        for task_id in role.tasks:
            other = owner.setdefault(task_id, role_id)
            if other != role_id:
                yield (
                    ("roles", role_id, "tasks", task_id),
                    f"the task id '{task_id}' is already a task of the role '{other}'; give this task an id of its "
                    f"own, such as {role_id}_{task_id} (a batch file has one task.<id> column per task)",
                )


def _matched_numbers(base: Path_, task: Task) -> Iterator[Problem]:
    """A number taken from an index's matched task is that task's figure: both are written, so they must agree."""
    for number in ("genai", "robotics"):
        source = getattr(task.sources, number)
        match = task.matches.get(source)
        value = getattr(task, number)
        if match is not None and abs(match.value - value) > 1e-9:
            yield (
                (*base, number),
                f"{number} is {value:g} and names {source} as its source, but the task matched in {source} "
                f"(matches.{source}) scores {match.value:g}; write the matched task's score, or name the source "
                "of the other number",
            )


def _roles(pack: Pack) -> Iterator[Problem]:
    yield from _role_words(pack)
    yield from _related_words(pack)
    yield from _task_ids(pack)
    horizons = pack.scoring.horizons
    for role_id, role in pack.roles.items():
        base: Path_ = ("roles", role_id)
        if role.family not in pack.families:
            yield (*base, "family"), _unknown("family", role.family, pack.families)
        if not role.tasks:
            yield (*base, "tasks"), "expected at least one task"
        for task_id, _weight in role.typical_mix.items():
            if task_id not in role.tasks:
                yield (*base, "typical_mix", task_id), _unknown("task", task_id, role.tasks)
        if sum(role.typical_mix.values()) <= 0:
            yield (*base, "typical_mix"), "expected weights that add up to more than 0"
        for task_id, task in role.tasks.items():
            if task.horizon not in horizons:
                yield (*base, "tasks", task_id, "horizon"), _unknown("horizon", task.horizon, horizons)
            for number, source in task.sources:
                if source not in pack.sources:
                    yield (*base, "tasks", task_id, "sources", number), _unknown("source", source, pack.sources)
            yield from _robotics_by(pack, (*base, "tasks", task_id, "robotics_by"), role.family, task.robotics_by)
            yield from _matched_numbers((*base, "tasks", task_id), task)
        market = role.market
        if market.loss and market.loss_source is None:
            yield (*base, "market", "loss_source"), "missing required key (every loss figure names its source)"
        if not market.low <= market.pressure <= market.high:
            yield (
                (*base, "market"),
                f"expected low <= pressure <= high, found low {market.low:g}, pressure {market.pressure:g} "
                f"and high {market.high:g}",
            )
        for path, source in [
            ((*base, "market", "source"), market.source),
            ((*base, "spread", "source"), role.spread.source),
            *(((*base, "market", "evidence", i, "source"), e.source) for i, e in enumerate(market.evidence)),
            *([((*base, "market", "loss_source"), market.loss_source)] if market.loss_source else []),
        ]:
            if source not in pack.sources:
                yield path, _unknown("source", source, pack.sources)
        for index, ref in enumerate(role.references):
            if ref.source not in pack.sources:
                yield (*base, "references", index, "source"), _unknown("source", ref.source, pack.sources)


def _robotics_by(pack: Pack, base: Path_, family: str, by: dict[str, dict[str, float]]) -> Iterator[Problem]:
    for question_id, multipliers in by.items():
        question = pack.questions.get(question_id)
        if question is None:
            yield (*base, question_id), _unknown("question", question_id, pack.questions)
            continue
        if question.kind != "select" or family not in question.families:
            yield (*base, question_id), f"expected a select question asked of {family}, found '{question_id}'"
            continue
        missing = [o for o in question.options if o not in multipliers]
        if missing:
            yield (*base, question_id), f"expected a multiplier for every option; missing {', '.join(missing)}"
        for option in multipliers:
            if option not in question.options:
                yield (*base, question_id, option), _unknown("option", option, question.options)


def _questions(pack: Pack) -> Iterator[Problem]:
    numbers = [p.number for p in pack.points]
    for index, number in enumerate(numbers):
        if numbers.index(number) != index:
            yield ("points", index, "number"), f"point {number} is defined twice"
    for qid, question in pack.questions.items():
        base: Path_ = ("questions", qid)
        if question.point not in numbers:
            yield (*base, "point"), _unknown("point", question.point, numbers)
        if not question.families:
            yield (*base, "families"), "expected at least one family"
        for family in question.families:
            if family not in pack.families:
                yield (*base, "families"), _unknown("family", family, pack.families)
        yield from _question_options(base, question)


def _question_options(base: Path_, question: Question) -> Iterator[Problem]:
    if question.options_from_tasks:
        if question.options:
            yield (*base, "options"), "expected no options when options_from_tasks is true"
        if question.kind != "multi":
            yield (*base, "kind"), "expected 'multi' when options_from_tasks is true"
        if question.default != []:
            yield (*base, "default"), "expected [] when options come from the role's tasks"
        return
    if not question.options:
        yield (*base, "options"), "expected at least one option"
    if question.kind == "select":
        if not isinstance(question.default, str):
            yield (*base, "default"), "expected one option id for a select question"
        elif question.default not in question.options:
            yield (*base, "default"), _unknown("option", question.default, question.options)
    else:
        if not isinstance(question.default, list):
            yield (*base, "default"), "expected a list of option ids for a multi question"
        else:
            for value in question.default:
                if value not in question.options:
                    yield (*base, "default"), _unknown("option", value, question.options)


def _scoring(pack: Pack) -> Iterator[Problem]:
    scoring = pack.scoring
    numbers = [p.number for p in pack.points]
    earlier: list[str] = []
    for score_id, score in scoring.scores.items():
        base: Path_ = ("scoring", "scores", score_id)
        if score.point is not None and score.point not in numbers:
            yield (*base, "point"), _unknown("point", score.point, numbers)
        if score_id == RISK:
            yield base, "'risk' is reserved for scoring.risk"
        yield from _score_terms(pack, base, score, earlier)
        earlier.append(score_id)
    yield from _score_terms(pack, ("scoring", "risk"), scoring.risk, earlier)
    for axis in ("exposed", "adapting"):
        yield from _terms(pack, ("scoring", axis, "terms"), getattr(scoring, axis).terms, earlier)
    for horizon_id, horizon in scoring.horizons.items():
        if not horizon.low <= horizon.factor <= horizon.high:
            yield (
                ("scoring", "horizons", horizon_id),
                f"expected low <= factor <= high, found low {horizon.low:g}, factor {horizon.factor:g} "
                f"and high {horizon.high:g}",
            )
    for family, ids in scoring.readouts.items():
        if family not in pack.families:
            yield ("scoring", "readouts", family), _unknown("family", family, pack.families)
        for score_id in ids:
            if score_id not in scoring.scores:
                yield ("scoring", "readouts", family), _unknown("score", score_id, scoring.scores)
    for index, note in enumerate(scoring.notes):
        path: Path_ = ("scoring", "notes", index)
        yield from _condition(pack, (*path, "when"), note.when)
        yield from _text(pack, (*path, "text"), note.text)
    yield from _bands(pack)
    band_ids = [b.id for b in scoring.bands]
    for verdict_id, verdict in scoring.verdicts.items():
        for band in verdict.bands:
            if band not in band_ids:
                yield ("scoring", "verdicts", verdict_id, "bands"), _unknown("band", band, band_ids)
    yield from _leads(pack)
    # a verdict kept for some bands stands beside its cell's own verdict; each cell has exactly one of its own
    combos = [(v.exposed, v.adapting) for v in scoring.verdicts.values() if not v.bands]
    for combo in ((True, False), (True, True), (False, False), (False, True)):
        if combos.count(combo) != 1:
            exposed, adapting = (str(c).lower() for c in combo)
            yield (
                ("scoring", "verdicts"),
                f"expected exactly one verdict with exposed: {exposed} and adapting: {adapting}, "
                f"found {combos.count(combo)}",
            )


def _leads(pack: Pack) -> Iterator[Problem]:
    scoring = pack.scoring
    for family, lead in scoring.leads.items():
        path: Path_ = ("scoring", "leads", family)
        if family not in pack.families:
            yield path, _unknown("family", family, pack.families)
        if lead.score not in scoring.scores:
            yield (*path, "score"), _unknown("score", lead.score, scoring.scores)
            continue
        fed = {t.signal.score for t in scoring.scores[lead.score].terms if t.signal.score is not None}
        for score_id in lead.texts:
            if score_id not in fed:
                yield (*path, "texts", score_id), _unknown(f"score read by {lead.score}", score_id, sorted(fed))


def _score_terms(pack: Pack, base: Path_, score: ScoreDef, earlier: list[str]) -> Iterator[Problem]:
    for family in score.families or []:
        if family not in pack.families:
            yield (*base, "families"), _unknown("family", family, pack.families)
    # an unknown family is reported once, above, and left out of the checks of the score's terms
    scope = None if score.families is None else [f for f in score.families if f in pack.families]
    yield from _terms(pack, (*base, "terms"), score.terms, earlier, scope)
    yield from _terms(pack, (*base, "factors"), score.factors, earlier, scope)
    yield from _factors(base, "factors", score.factors)


def _factors(base: Path_, key: str, factors: list[Term]) -> Iterator[Problem]:
    for index, factor in enumerate(factors):
        # a factor scales the score; one below 0 anywhere in its signal's 0-1 range would turn scores into 0
        if factor.offset < 0 or factor.offset + factor.weight < 0:
            yield (
                (*base, key, index, "weight"),
                f"expected a factor of 0 or more for every signal from 0 to 1 (offset + weight), "
                f"found offset {factor.offset:g} and weight {factor.weight:g}",
            )


def _terms(
    pack: Pack, base: Path_, terms: list[Term], earlier: list[str], scope: list[str] | None = None
) -> Iterator[Problem]:
    """Each term's checks; `scope`: the families its score or its outer term counts for (all when None)."""
    ids = [t.id for t in terms]
    for index, term in enumerate(terms):
        path = (*base, index)
        if ids.index(term.id) != index:
            yield (*path, "id"), f"term id '{term.id}' is used twice in this list"
        for family in term.families or []:
            if family not in pack.families:
                yield (*path, "families"), _unknown("family", family, pack.families)
        outer = scope if scope is not None else list(pack.families)
        families = [f for f in (term.families if term.families is not None else outer) if f in outer]
        yield from _signal(pack, (*path, "signal"), term, families, earlier)
        if term.times:
            yield from _terms(pack, (*path, "times"), term.times, earlier, families)
            yield from _factors(path, "times", term.times)


def _signal(pack: Pack, path: Path_, term: Term, families: list[str], earlier: list[str]) -> Iterator[Problem]:
    signal = term.signal
    subjects = [name for name in ("tasks", "answer", "score") if getattr(signal, name) is not None]
    subjects += ["market"] if signal.market else []
    if len(subjects) != 1:
        yield path, f"expected exactly one of tasks, answer, score or market, found {len(subjects)}"
        return
    task_keys = signal.mode is not None or signal.horizon_weighted or signal.among is not None or signal.relative
    if subjects[0] != "tasks" and task_keys:
        yield path, "mode, horizon_weighted, among and relative go only with tasks"
    if signal.among is not None:
        among = pack.questions.get(signal.among)
        if among is None or not among.options_from_tasks:
            yield (
                (*path, "among"),
                f"expected a multi question whose options are the role's tasks, found '{signal.among}'",
            )
    if signal.values is not None and signal.answer is None:
        yield (*path, "values"), "values go only with answer"
    if signal.answer is not None:
        question = pack.questions.get(signal.answer)
        if question is None:
            yield (*path, "answer"), _unknown("question", signal.answer, pack.questions)
        else:
            for option in signal.values or {}:
                if option not in question.options:
                    yield (*path, "values", option), _unknown("option", option, question.options)
            if question.options_from_tasks:
                yield (*path, "answer"), f"question '{signal.answer}' has no option values; use tasks with among"
            missing = [f for f in families if f not in question.families]
            if missing:
                yield (
                    (*path, "answer"),
                    (f"question '{signal.answer}' is not asked of {', '.join(missing)}; limit the term with families"),
                )
    if signal.score is not None and signal.score not in earlier:
        yield (
            (*path, "score"),
            f"expected a score defined earlier ({', '.join(earlier) or 'none'}), found '{signal.score}'",
        )


def _bands(pack: Pack) -> Iterator[Problem]:
    bands = pack.scoring.bands
    if not bands:
        yield ("scoring", "bands"), "expected at least one band"
        return
    previous = -1.0
    for index, band in enumerate(bands):
        path: Path_ = ("scoring", "bands", index)
        last = index == len(bands) - 1
        if last and band.below is not None:
            yield (*path, "below"), "expected no 'below' on the last band (it takes everything above)"
        if not last:
            if band.below is None:
                yield (*path, "below"), "missing required key"
            elif band.below <= previous:
                yield (*path, "below"), f"expected bands in rising order, found {band.below} after {previous}"
            else:
                previous = band.below


def _advice(pack: Pack) -> Iterator[Problem]:
    numbers = [p.number for p in pack.points]
    ids = [a.id for a in pack.advice]
    for index, item in enumerate(pack.advice):
        path: Path_ = ("advice", index)
        if ids.index(item.id) != index:
            yield (*path, "id"), f"advice id '{item.id}' is used twice"
        if item.point not in numbers:
            yield (*path, "point"), _unknown("point", item.point, numbers)
        yield from _condition(pack, (*path, "when"), item.when)
        yield from _text(pack, (*path, "text"), item.text)
        yield from _backed(pack, path, item.text, item.sources)
    for index, faq in enumerate(pack.faq):
        path = ("faq", index)
        for family in faq.families:
            if family not in pack.families:
                yield (*path, "families"), _unknown("family", family, pack.families)
        if not faq.answers:
            yield (*path, "answers"), "expected at least one answer"
        yield from _faq_answers(pack, (*path, "answers"), faq.answers)
    yield from _role_faq(pack)


def _faq_answers(pack: Pack, path: Path_, answers: list[FaqAnswer]) -> Iterator[Problem]:
    for number, answer in enumerate(answers):
        if answer.when is not None:
            yield from _condition(pack, (*path, number, "when"), answer.when)
        yield from _text(pack, (*path, number, "text"), answer.text)
        yield from _backed(pack, (*path, number), answer.text, answer.sources)


def _role_faq(pack: Pack) -> Iterator[Problem]:
    """A role's own FAQ answers answer a question its family is asked."""
    faqs = {faq.id: faq for faq in pack.faq}
    for role_id, role in pack.roles.items():
        for faq_id, answers in role.faq.items():
            path: Path_ = ("roles", role_id, "faq", faq_id)
            faq = faqs.get(faq_id)
            if faq is None:
                yield path, _unknown("FAQ question", faq_id, faqs)
            elif role.family not in faq.families:
                shown = ", ".join(faq.families)
                yield path, f"the FAQ question '{faq_id}' is asked of {shown}, not of this role's family {role.family}"
            yield from _faq_answers(pack, path, answers)


# A regulation (PM 118/2018, KP 1001/2022, UU No. 28 Tahun 2014, Permenkumham 4/2019) or a figure (15%, 20 persen,
# Rp16.800) is a fact a person may act on, so the text naming it must say where it comes from.
_REGULATION = re.compile(
    r"\b(?:PM|KP|UU|PP|Perpres|Perpol|Permen[a-z]*|Undang-Undang)\s+(?:No\.?\s*|Nomor\s+)?\d[\d/]*"
)
_FIGURE = re.compile(r"\d[\d.,]*\s?%|\b\d[\d.,]*\s+(?:persen|percent)\b|\b(?:Rp|IDR)\s?\d[\d.,]*")


def _backed(pack: Pack, path: Path_, text: Text, sources: list[str]) -> Iterator[Problem]:
    for index, source in enumerate(sources):
        if source not in pack.sources:
            yield (*path, "sources", index), _unknown("source", source, pack.sources)
    if sources:
        return
    for lang in ("en", "id"):
        words = getattr(text, lang)
        found = _REGULATION.search(words)
        kind = "a regulation"
        if found is None:
            found, kind = _FIGURE.search(words), "a figure"
        if found is not None:
            yield (
                (*path, "text", lang),
                f"names {kind} ('{found.group(0).strip()}') but has no sources; "
                "add sources: [id, ...] naming entries of sources.yaml",
            )


# Which comparisons each subject of a condition takes; the other subjects (all, any, not, role, family) take none.
_COMPARISONS = {"answer": {"in", "includes", "count_ge", "count_lt"}, "score": {"ge", "lt"}, "task": {"ge", "lt"}}


def _condition(pack: Pack, path: Path_, cond: Condition) -> Iterator[Problem]:
    """A condition's shape, then its children, then every id it names."""
    subjects = [name for name in _SUBJECTS if getattr(cond, name) is not None]
    if len(subjects) != 1:
        shown = ", ".join(s.rstrip("_") for s in subjects) or "none"
        yield path, f"expected exactly one of all, any, not, role, family, answer, score or task, found {shown}"
        return
    yield from _comparisons(path, cond, subjects[0])
    yield from _children(pack, path, cond)
    yield from _names(pack, path, cond)


def _comparisons(path: Path_, cond: Condition, subject: str) -> Iterator[Problem]:
    """The comparisons a condition uses must be those its subject takes, and a subject that needs one has one."""
    comparators = {
        name.rstrip("_")
        for name in ("in_", "includes", "count_ge", "count_lt", "ge", "lt")
        if getattr(cond, name) is not None
    }
    extra = comparators - _COMPARISONS.get(subject, set())
    if extra:
        yield path, f"'{', '.join(sorted(extra))}' cannot go with '{subject.rstrip('_')}'"
    elif subject in _COMPARISONS and not comparators:
        yield path, f"expected a comparison with '{subject}' ({', '.join(sorted(_COMPARISONS[subject]))})"


def _children(pack: Pack, path: Path_, cond: Condition) -> Iterator[Problem]:
    """The conditions inside all, any and not, each checked in turn."""
    if cond.all is not None or cond.any is not None:
        key = "all" if cond.all is not None else "any"
        for index, child in enumerate(cond.all or cond.any or []):
            yield from _condition(pack, (*path, key, index), child)
    if cond.not_ is not None:
        yield from _condition(pack, (*path, "not"), cond.not_)


def _names(pack: Pack, path: Path_, cond: Condition) -> Iterator[Problem]:
    """Every role, family, question, score and task a condition names must exist in the pack."""
    for role in cond.role or []:
        if role not in pack.roles:
            yield (*path, "role"), _unknown("role", role, pack.roles)
    for family in cond.family or []:
        if family not in pack.families:
            yield (*path, "family"), _unknown("family", family, pack.families)
    if cond.answer is not None:
        yield from _answer_condition(pack, path, cond)
    scores = (*pack.scoring.scores, RISK)
    if cond.score is not None and cond.score not in scores:
        yield (*path, "score"), _unknown("score", cond.score, scores)
    if cond.task is not None and not any(cond.task in role.tasks for role in pack.roles.values()):
        yield (*path, "task"), f"no role has a task '{cond.task}'"


def _answer_condition(pack: Pack, path: Path_, cond: Condition) -> Iterator[Problem]:
    question = pack.questions.get(cond.answer or "")
    if question is None:
        yield (*path, "answer"), _unknown("question", cond.answer, pack.questions)
        return
    if question.kind == "select" and (
        cond.includes is not None or cond.count_ge is not None or cond.count_lt is not None
    ):
        yield path, f"question '{cond.answer}' is a select question; compare it with 'in'"
    if question.kind == "multi" and cond.in_ is not None:
        yield path, f"question '{cond.answer}' is a multi question; compare it with includes, count_ge or count_lt"
    if question.options_from_tasks:
        known = list(dict.fromkeys(t for role in pack.roles.values() for t in role.tasks))
    else:
        known = list(question.options)
    for value in [*(cond.in_ or []), *([cond.includes] if cond.includes else [])]:
        if value not in known:
            yield path, f"'{value}' is not an option of question '{cond.answer}'; expected one of: {', '.join(known)}"


def _text(pack: Pack, path: Path_, text: Text) -> Iterator[Problem]:
    allowed = {*PLACEHOLDERS, *pack.scoring.scores}
    for lang in ("en", "id"):
        for name in _PLACEHOLDER.findall(getattr(text, lang)):
            if name not in allowed:
                yield (*path, lang), f"unknown placeholder '{{{name}}}'; expected one of: {', '.join(sorted(allowed))}"
    yield from _same_slots(path, text)


def _messages(pack: Pack) -> Iterator[Problem]:
    for key in REQUIRED_MESSAGES:
        if key not in pack.messages:
            yield ("messages",), f"missing message '{key}'"
    for key, text in pack.messages.items():
        if key not in REQUIRED_MESSAGES:
            yield ("messages", key), "unknown message (check its spelling; the program never shows it)"
        yield from _same_slots(("messages", key), text)


def _quiz(pack: Pack) -> Iterator[Problem]:
    # with every quick answer worth 0, the quiz could never accept a time split
    if not any(amount.weight > 0 for amount in pack.quiz.time_amounts.values()):
        yield ("quiz", "time_amounts"), "expected at least one amount with a weight above 0"


def _same_slots(path: Path_, text: Text) -> Iterator[Problem]:
    """A translation must keep every {slot} of the other language, or a number silently disappears."""
    en, id_ = set(_PLACEHOLDER.findall(text.en)), set(_PLACEHOLDER.findall(text.id))
    if en != id_:
        shown = ", ".join(f"{{{s}}}" for s in sorted(en ^ id_))
        yield (*path, "id"), f"the en and id texts must use the same placeholders; only one of them has {shown}"
