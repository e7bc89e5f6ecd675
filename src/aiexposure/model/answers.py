"""Answers from every source (options, files, prompts, CSV rows), checked by one piece of code."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.pack.compiled import derived, role_model
from aiexposure.pack.messages import fill, input_error
from aiexposure.pack.names import closest, is_typo, norm
from aiexposure.pack.schema import LANGS, Lang, Pack, Question, Role, Text, questions_for

AnswerValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Answers:
    """A validated, complete set of answers for one person."""

    role: str
    shares: dict[str, float]
    values: dict[str, AnswerValue]
    assumed: tuple[str, ...] = ()
    typical_mix: bool = False
    # questions answered with an option's label from an earlier release, read as the option it now belongs to
    read_as: tuple[str, ...] = ()
    weights_total: float | None = None  # what the given task weights added up to (None: the typical mix)


def choices(names: object) -> str:
    """A list of valid ids for an error message."""
    return ", ".join(str(n) for n in names)  # type: ignore[attr-defined]


def applies(question: Question, family: str) -> bool:
    """Whether `question` is asked of people in `family`."""
    return family in question.families


def answer_text(pack: Pack, role: Role, question_id: str, value: AnswerValue, lang: Lang) -> str:
    """How an answer reads in `lang` ("—" for an empty multi-select)."""
    question = pack.questions[question_id]
    items = [value] if isinstance(value, str) else list(value)
    if question.options_from_tasks:
        return ", ".join(role.tasks[v].label(lang) for v in items) or "—"
    return ", ".join(question.options[v].label(lang) for v in items) or "—"


def option_ids(question: Question, role: Role) -> list[str]:
    """The values a question accepts for this role."""
    return list(role.tasks) if question.options_from_tasks else list(question.options)


def parse_weight(pack: Pack, task_id: str, raw: Any) -> float:
    """A relative task weight: a finite number of 0 or more."""
    if type(raw) is str:  # the common case in forms and on the command line
        try:
            weight = float(raw)
        except ValueError:
            pass
        else:
            if math.isfinite(weight) and weight >= 0:
                return weight
    if isinstance(raw, bool):
        raise input_error(pack, "err_weight", task=task_id, raw=str(raw).lower())
    if isinstance(raw, int | float):
        try:
            weight = float(raw)
        except OverflowError:  # an integer beyond any float, from a YAML or JSON file
            raise input_error(pack, "err_weight_range", task=task_id, raw=_short(raw)) from None
    else:
        text = str(raw).strip().rstrip("%")
        try:
            weight = float(text)
        except ValueError:
            raise input_error(pack, "err_weight_text", task=task_id, raw=_short(raw)) from None
    if not math.isfinite(weight) or weight < 0:
        raise input_error(pack, "err_weight_range", task=task_id, raw=_short(raw))
    return weight


def _short(value: object) -> str:
    """A long value cut for a message (a 400-digit number helps nobody)."""
    text = str(value)
    return text if len(text) <= 40 else text[:20] + "…" + text[-5:]


def normalise_mix(pack: Pack, role_id: str, weights: Mapping[str, Any]) -> dict[str, float]:
    """Relative weights -> shares that add up to 1, in the role's task order."""
    return _mix(pack, role_id, weights)[0]


def _mix(pack: Pack, role_id: str, weights: Mapping[str, Any]) -> tuple[dict[str, float], float]:
    """The shares, and what the weights added up to (a split that is not 100 is rescaled, and reports say so)."""
    role = pack.roles[role_id]
    parsed: dict[str, float] = {}
    for task_id, raw in weights.items():
        if task_id not in role.tasks:
            raise input_error(pack, "err_unknown_task", task=task_id, role=role_id, choices=choices(role.tasks))
        parsed[task_id] = parse_weight(pack, task_id, raw)
    total = sum(parsed.values())
    if not math.isfinite(total):  # each weight was finite, their sum overflowed: shares would all be 0
        raise input_error(pack, "err_weights_huge", role=role_id)
    if total <= 0:
        raise input_error(pack, "err_all_zero", role=role_id)
    return {t: parsed[t] / total for t in role.tasks if parsed.get(t, 0.0) > 0}, total


def whole_percents(shares: list[float]) -> list[int]:
    """Shares as whole percents that add up to 100 (largest remainder), so a shown split never reads 99%.

    Every view of a mix (the quiz, its review, each report) rounds with this, so a task reads the same everywhere.
    """
    exact = [share * 100 for share in shares]
    floors = [int(value) for value in exact]
    short = 100 - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in by_remainder[: max(0, short)]:
        floors[i] += 1
    return floors


def option_names(pack: Pack, question_id: str) -> dict[str, str]:
    """Every way to name an option of a question (its id or its label in either language), normalised -> id.

    Built once per pack and question; for a question whose options are tasks, every role's tasks.
    """
    cache = derived(pack).option_names
    cached = cache.get(question_id)
    if cached is not None:
        return cached
    question = pack.questions[question_id]
    options: list[tuple[str, Text]] = (
        [(t, task.label) for role in pack.roles.values() for t, task in role.tasks.items()]
        if question.options_from_tasks
        else [(o, option.label) for o, option in question.options.items()]
    )
    names: dict[str, str] = {}
    for option_id, label in options:
        names[norm(option_id)] = option_id
        for lang in LANGS:
            names.setdefault(norm(label(lang)), option_id)
    for former, option_id in former_names(pack, question_id).items():  # wording of earlier releases
        names.setdefault(former, option_id)
    cache[question_id] = names
    return names


def former_names(pack: Pack, question_id: str) -> dict[str, str]:
    """An option's labels from earlier releases, normalised -> the option id they are read as now."""
    question = pack.questions[question_id]
    return {
        norm(label(lang)): option_id
        for option_id, option in question.options.items()
        for label in option.formerly
        for lang in LANGS
    }


def read_from_former(pack: Pack, question_id: str, raw: Any) -> bool:
    """Whether an answer as given names an option by a label from an earlier release (and by nothing newer)."""
    if not isinstance(raw, str):
        return False
    former = _former_only(pack, question_id)
    return bool(former) and norm(raw.strip()) in former  # most questions have no former labels: nothing to normalise


def _former_only(pack: Pack, question_id: str) -> dict[str, str]:
    """The former labels of a question's options that name nothing newer (cached: batch asks once per answer)."""
    cache = derived(pack).former
    cached = cache.get(question_id)
    if cached is None:
        question = pack.questions[question_id]
        current = {norm(o) for o in question.options}
        current |= {norm(opt.label(lang)) for opt in question.options.values() for lang in LANGS}
        cached = cache[question_id] = (
            {}
            if question.options_from_tasks
            else {name: o for name, o in former_names(pack, question_id).items() if name not in current}
        )
    return cached


def role_names(pack: Pack) -> dict[str, str]:
    """Every way to name a role (id, label in either language, the pack's everyday words), normalised -> id."""
    names = derived(pack).role_names
    if not names:
        for role_id, role in pack.roles.items():
            for name in (role_id, role.label.en, role.label.id, *role.words):
                names.setdefault(norm(name), role_id)
    return names


def _typo_of(pack: Pack, text: str) -> str | None:
    """The role name `text` most likely mistypes ('kuriir': 'kurir'), if any."""
    near = closest(text, list(role_names(pack)))
    return near if near is not None and is_typo(text, near) else None


def unlisted_work(pack: Pack, text: str | None) -> bool:
    """Whether `text` names work no role covers, neither a role nor a typo of one, yet some role comes near it."""
    from aiexposure.model.unlisted import nearest_roles

    if not text or text in pack.roles or norm(text) in role_names(pack) or _typo_of(pack, text) is not None:
        return False
    return bool(nearest_roles(pack, text))


def role_id_of(pack: Pack, text: str | None) -> str:
    """The role a person named, by id, label or everyday word; a mistake names the roles in each language."""
    if not text:
        raise input_error(pack, "err_no_role", choices=choices(pack.roles))
    if text in pack.roles:  # most batch rows name the role by id: no need to normalise it
        return text
    names = role_names(pack)
    found = names.get(norm(text))
    if found is not None:
        return found
    message = pack.messages["err_unknown_role"]
    listed = {
        "en": ", ".join(pack.roles),
        # a reader of Indonesian gets the names they know beside the ids the options take
        "id": ", ".join(f"{rid} ({role.label.id})" for rid, role in pack.roles.items()),
    }
    near = _typo_of(pack, text)
    if near is None:  # not a typo: work no role covers, told which roles come nearest when some do
        from aiexposure.model.unlisted import unlisted_error

        unlisted = unlisted_error(pack, text)
        if unlisted is not None:
            raise unlisted
    # 'kurir' is the courier: say which role a word names, unless the word is the role's id
    guess = "" if near is None else "did_you_mean" if near == names[near] else "did_you_mean_role"
    slots = {"value": near or "", "name": near or "", "role": names.get(near or "", "")}
    texts = {
        lang: fill(message(lang), {"role": one_line(text), "choices": listed[lang]})
        + (fill(pack.messages[guess](lang), slots) if guess else "")
        for lang in LANGS
    }
    raise UserError(texts["en"], translations={"id": texts["id"]})


def split_choices(pack: Pack, question_id: str, text: str) -> list[str]:
    """Comma-separated choices, where a label may itself hold commas ("Brand voice, storytelling, ...").

    Takes the longest run of pieces that names an option; a piece that names none is kept as written, for the
    answer check to report.
    """
    names = option_names(pack, question_id)
    longest = _pieces(pack, question_id)
    parts = text.split(",")
    picked: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(min(len(parts), i + longest), i, -1):
            found = names.get(norm(",".join(parts[i:j])))
            if found is not None:
                picked.append(found)
                i = j
                break
        else:
            piece = parts[i].strip()
            if piece:
                picked.append(piece)
            i += 1
    return picked


def _pieces(pack: Pack, question_id: str) -> int:
    """How many comma-separated pieces the longest name of an option has (cached: batch asks once per cell)."""
    cache = derived(pack).pieces
    cached = cache.get(question_id)
    if cached is None:
        cached = cache[question_id] = 1 + max((name.count(",") for name in option_names(pack, question_id)), default=0)
    return cached


def _known(pack: Pack, question_id: str, text: str) -> str:
    """The option id a typed word or label stands for (unchanged when it names none)."""
    return option_names(pack, question_id).get(norm(text), text)


def _as_text(pack: Pack, question_id: str, raw: Any) -> str:
    # YAML reads an unquoted yes/no as a boolean; the option ids are the words.
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, int | float | str):
        return str(raw).strip()
    raise input_error(pack, "err_not_word", question=question_id, kind=type(raw).__name__)


def parse_value(pack: Pack, question_id: str, role: Role, raw: Any) -> AnswerValue:
    """One answer, as typed or read from a file, checked against the question's options."""
    question = pack.questions[question_id]
    valid = role.tasks if question.options_from_tasks else question.options  # dicts: O(1) membership, pack order
    if question.kind == "select":
        if type(raw) is str and raw in valid:  # already an exact option id: nothing to tidy
            return raw
        if isinstance(raw, list | tuple):
            raise input_error(pack, "err_one_value", question=question_id, count=len(raw), choices=choices(valid))
        value = _known(pack, question_id, _as_text(pack, question_id, raw))
        if value not in valid:
            raise _with_guess(pack, question_id, valid, value, "err_bad_value")
        return value
    if isinstance(raw, list | tuple):
        items = [_as_text(pack, question_id, item) for item in raw]
    elif raw is None:
        items = []
    else:
        items = split_choices(pack, question_id, _as_text(pack, question_id, raw))
    picked: list[str] = []
    for item in items:
        if not item:
            continue
        if item not in valid:  # not an id as written: perhaps a label
            item = _known(pack, question_id, item)
        if item not in valid:
            raise _with_guess(pack, question_id, valid, item, "err_bad_values")
        if item not in picked:
            picked.append(item)
    return tuple(v for v in valid if v in picked)


def _with_guess(pack: Pack, question_id: str, valid: Mapping[str, object], value: str, key: str) -> UserError:
    """'x is not an answer to q; choose one of ...', and, for a near miss, the answer it most likely meant."""
    error = input_error(pack, key, value=value, question=question_id, choices=choices(valid))
    names = {name: option for name, option in option_names(pack, question_id).items() if option in valid}
    near = closest(value, list(names))
    if near is None:
        return error
    guess = pack.messages["did_you_mean"]
    slots = {"value": names[near]}
    translations: dict[str, str] = {
        lang: error.in_language(lang) + fill(guess(lang), slots) for lang in LANGS if lang != "en"
    }
    return UserError(error.message + fill(guess.en, slots), error.exit_code, translations)


def check_given(pack: Pack, given: Any) -> None:
    """Check answers given before a quiz: everything when the role is known, else what does not depend on it."""
    if given.role:
        resolve(pack, given.role, given.tasks, given.answers)
        return
    if given.tasks:
        raise input_error(pack, "err_task_needs_role", choices=choices(pack.roles))
    for question_id, raw in given.answers.items():
        question = pack.questions.get(question_id)
        if question is None:
            raise input_error(pack, "err_unknown_question", question=question_id, choices=choices(pack.questions))
        if not question.options_from_tasks:
            any_role = next(iter(pack.roles.values()))
            parse_value(pack, question_id, any_role, raw)


def resolve(
    pack: Pack,
    role_id: str | None,
    tasks: Mapping[str, Any] | None,
    raw_answers: Mapping[str, Any],
    strict: bool = False,
) -> Answers:
    """Check a role, task weights and raw answers; fill defaults for what is missing."""
    role_id = role_id_of(pack, role_id)
    role = pack.roles[role_id]
    family = role.family
    typical = not tasks
    shares, total = _mix(pack, role_id, role.typical_mix if typical else tasks or {})
    questions = pack.questions
    values: dict[str, AnswerValue] = {}
    read_as: list[str] = []
    for question_id, raw in raw_answers.items():
        question = questions.get(question_id)
        if question is None:
            raise input_error(pack, "err_unknown_question", question=question_id, choices=choices(questions))
        if not applies(question, family):
            listed = choices(questions_for(pack, family))
            raise input_error(pack, "err_not_asked", question=question_id, role=role_id, family=family, choices=listed)
        values[question_id] = parse_value(pack, question_id, role, raw)
        if read_from_former(pack, question_id, raw):
            read_as.append(question_id)
    asked = role_model(pack, role_id).asked  # the family's questions in pack order, worked out once
    missing = [q for q in asked if q not in values]
    if strict and missing:
        raise input_error(pack, "err_strict", missing=choices(missing))
    for question_id in missing:
        default = questions[question_id].default
        values[question_id] = default if isinstance(default, str) else tuple(default)
    # every answer given was asked, and every question asked now has one: pack order is the order asked
    ordered = {q: values[q] for q in asked}
    return Answers(
        role=role_id,
        shares=shares,
        values=ordered,
        assumed=tuple(missing),
        typical_mix=typical,
        read_as=tuple(read_as),
        weights_total=None if typical else total,
    )
