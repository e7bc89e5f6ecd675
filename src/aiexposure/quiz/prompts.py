"""The interactive quiz: every prompt and label comes from the rules pack.

Only quiz/ imports prompt_toolkit, and only when the quiz runs, so scripted commands never pay for it.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText

from aiexposure.escape import stripped
from aiexposure.model.answers import (
    answer_text,
    applies,
    check_given,
    normalise_mix,
    option_ids,
    parse_value,
    role_id_of,
    role_names,
    whole_percents,
)
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.model.unlisted import nearest_roles, unlisted_lines
from aiexposure.pack.messages import Texts
from aiexposure.pack.names import norm
from aiexposure.pack.schema import Lang, Pack, Question, in_family, questions_for
from aiexposure.quiz.menus import Menu, ask_line, ask_menu

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

_STYLES = {"bold": "bold", "dim": "#888888", "yellow": "ansiyellow", "green": "ansigreen"}


@dataclass
class Prompter:
    """Asks with the quiz's own prompts; `input`/`output`/`stream` let tests drive it through a pipe and read
    what it says."""

    texts: Texts
    stream: TextIO | None = None
    input: Any = None
    output: Any = None

    @cached_property
    def console(self) -> Console:
        """Where the final report is drawn; rich is imported only now, after the prompts."""
        from rich.console import Console

        return Console(file=self.stream, width=100) if self.stream is not None else Console()

    def _io(self) -> dict[str, Any]:
        return {k: v for k, v in (("input", self.input), ("output", self.output)) if v is not None}

    def width(self) -> int:
        """Columns to wrap the quiz's own lines at: its screen's, less one (80 columns when tests give no screen)."""
        if self.output is not None:
            return max(20, int(self.output.get_size().columns) - 1)
        return 79 if self.stream is not None else max(20, shutil.get_terminal_size().columns - 1)

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, T]],
        default: T | None = None,
        descriptions: Sequence[str] | None = None,
    ) -> T:
        """One choice from a list; returns its value. A description shows under the list for the highlighted one."""
        titles = [title for title, _ in choices]
        notes = list(descriptions) if descriptions is not None else [None] * len(choices)
        start = next((place for place, (_, value) in enumerate(choices) if value == default), 0)
        menu = Menu(message, self.texts("quiz_select_hint"), titles, notes, lambda picked: titles[picked[0]], start)
        (place,) = ask_menu(menu, self._io())
        return choices[place][1]

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], checked: Sequence[str]) -> list[str]:
        """Any number of choices; returns their values in list order."""
        titles = [title for title, _ in choices]

        def answer(picked: list[int]) -> str:
            if len(picked) == 1:
                return titles[picked[0]]
            return self.texts("quiz_picked", count=len(picked)) if picked else self.texts("quiz_none_picked")

        ticked = {place for place, (_, value) in enumerate(choices) if value in checked}
        hint = self.texts("quiz_checkbox_hint")
        menu = Menu(message, hint, titles, [None] * len(choices), answer, checked=ticked)
        return [choices[place][1] for place in ask_menu(menu, self._io())]

    def text(self, message: str, default: str) -> str:
        """A line of text, e.g. a file name."""
        return ask_line(message, default, self._io()).strip()

    def say(self, text: str, style: str | None = None) -> None:
        """A line of the quiz's own output, printed literally (pack text is never read as markup)."""
        text = stripped(text)
        if self.stream is not None:
            self.stream.write(text + "\n")
            return
        # prompt_toolkit is loaded already; rich would add its import time before the first prompt
        width = self.width()
        wrapped = "\n".join(textwrap.fill(line, width) if line else "" for line in text.split("\n"))
        print_formatted_text(FormattedText([(_STYLES.get(style or "", ""), wrapped)]))


class NotScored(Exception):
    """The person whose work is not listed chose to stop: nothing is scored, and that is not a mistake."""


UNLISTED, OTHER, STOP = "", "-", "."  # choices besides the roles (a role id starts with a letter)


@dataclass
class Quiz:
    """Asks what is missing from `preset`, then lets the person review and change any answer.

    `unlisted`: the work the person named with `--role` that no role covers; the quiz starts by saying which roles
    come nearest.
    """

    pack: Pack
    lang: Lang
    ask: Prompter
    preset: RawAnswers = field(default_factory=RawAnswers)
    unlisted: str | None = None
    # the quick time answers given per (role, task), so changing the mix at the review starts from them
    _amounts: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def t(self) -> Texts:
        """The pack's messages in the quiz's language."""
        return self.ask.texts

    def run(self) -> RawAnswers:
        """The whole quiz; returns answers ready for `answers.resolve`."""
        state = RawAnswers(self.preset.role, dict(self.preset.tasks), dict(self.preset.answers))
        self.ask.say(self.t("quiz_welcome"), "bold")
        if state.role is None:
            progress = self._role_progress()
            state.role = (
                self._from_unlisted(self.unlisted, progress) if self.unlisted else self._ask_role(None, progress)
            )
            # answers given as options could only be checked once the role was known
            check_given(self.pack, state)
        role_id = state.role = role_id_of(self.pack, state.role)  # `--role ojol` names the driver
        # given answers in the one form the quiz itself produces (a file may say `no` and mean the word)
        role = self.pack.roles[role_id]
        for question_id, raw in list(state.answers.items()):
            value = parse_value(self.pack, question_id, role, raw)
            state.answers[question_id] = value if isinstance(value, str) else list(value)
        # every question has one number, its place among all of them (the role and the split first), whether it
        # is asked or was answered by an option: the review shows the same numbers
        order = self._order(role.family)
        total = 2 + len(order)
        if not state.tasks:
            state.tasks = self._ask_mix(role_id, f"2/{total}")
        point = None
        for number, question_id in enumerate(order, 3):
            if question_id in state.answers:
                continue
            question = self.pack.questions[question_id]
            if question.point != point:
                point = question.point
                self._intro(point, self.pack.roles[role_id].family)
            state.answers[question_id] = self._ask_question(question_id, state, f"{number}/{total}")
        return self._review(state)

    def _role_progress(self) -> str:
        """The role question's number: '1/12' when every role has as many questions, else '1.' alone."""
        totals = {2 + len(self._order(family)) for family in {role.family for role in self.pack.roles.values()}}
        return f"1/{totals.pop()}" if len(totals) == 1 else "1."

    def _order(self, family: str) -> list[str]:
        """The family's questions in the order asked and reviewed: by point, pack order within a point."""
        return sorted(questions_for(self.pack, family), key=lambda q: self.pack.questions[q].point)

    def _missing(self, state: RawAnswers) -> list[str]:
        family = self.pack.roles[state.role or ""].family
        return [q for q in self._order(family) if q not in state.answers]

    def _intro(self, number: int, family: str) -> None:
        point = next(p for p in self.pack.points if p.number == number)
        self.ask.say("")
        self.ask.say(f"{self.t('point', number=number)}: {in_family(point, family, 'title')(self.lang)}", "bold")
        self.ask.say(in_family(point, family, "intro")(self.lang), "dim")

    def _ask_role(self, current: str | None, progress: str = "") -> str:
        roles = self.pack.roles
        choices = [(role.label(self.lang), role_id) for role_id, role in roles.items()]
        choices.append((self.t("quiz_role_unlisted"), UNLISTED))
        descriptions = [role.description(self.lang) for role in roles.values()] + [self.t("quiz_role_unlisted_help")]
        message = f"{progress} {self.t('quiz_role')}".strip()
        picked = self.ask.select(message, choices, default=current, descriptions=descriptions)
        if picked != UNLISTED:
            return picked
        work = self.ask.text(self.t("quiz_role_unlisted_ask"), default="").strip()
        if not work:
            return self._ask_role(current, progress)
        named = role_names(self.pack).get(norm(work))  # 'ojol' is on the list, under another name
        return named if named is not None else self._from_unlisted(work, progress, current)

    def _from_unlisted(self, work: str, progress: str, current: str | None = None) -> str:
        """Say which roles come nearest to `work` and what cannot be judged; the person answers as one of them,
        goes back to the whole list, or stops (NotScored)."""
        self.ask.say("")
        for line in unlisted_lines(self.pack, work, self.lang):
            self.ask.say(line)
        choices = [(self.pack.roles[r].label(self.lang), r) for r in nearest_roles(self.pack, work)]
        choices += [(self.t("quiz_role_unlisted_other"), OTHER), (self.t("quiz_role_unlisted_stop"), STOP)]
        picked = self.ask.select(self.t("quiz_role_unlisted_pick"), choices)
        if picked == STOP:
            raise NotScored
        return self._ask_role(current, progress) if picked == OTHER else picked

    def _mix_text(self, role_id: str, weights: dict[str, Any]) -> str:
        role = self.pack.roles[role_id]
        shares = normalise_mix(self.pack, role_id, weights or role.typical_mix)
        shown = whole_percents(list(shares.values()))
        return ", ".join(f"{role.tasks[t].label(self.lang)} {pct}%" for t, pct in zip(shares, shown, strict=True))

    def _ask_mix(self, role_id: str, progress: str) -> dict[str, Any]:
        """The split in whole percents: the role's typical one when the person says theirs is about the same,
        else made from a quick per-task choice."""
        role = self.pack.roles[role_id]
        self.ask.say(self.t("quiz_mix_typical", role=role.label(self.lang), mix=self._mix_text(role_id, {})))
        how = self.ask.select(
            f"{progress} {self.t('quiz_mix')}".strip(),
            [(self.t("quiz_mix_same"), "typical"), (self.t("quiz_mix_own"), "own")],
        )
        if how == "typical":  # chosen, not assumed: kept as the percents shown, as an own split is
            shares = normalise_mix(self.pack, role_id, role.typical_mix)
            return dict(zip(shares, whole_percents(list(shares.values())), strict=True))
        amounts = self.pack.quiz.time_amounts
        choices = [(amount.label(self.lang), amount_id) for amount_id, amount in amounts.items()]
        while True:
            weights: dict[str, Any] = {}
            for task_id, task in role.tasks.items():
                message = self.t("quiz_task_time", task=task.label(self.lang))
                before = self._amounts.get((role_id, task_id))  # asked again at the review: start from the last answer
                picked = self.ask.select(message, choices, default=before)
                self._amounts[role_id, task_id] = picked
                weights[task_id] = amounts[picked].weight
            if sum(weights.values()) > 0:
                break
            self.ask.say(self.t("quiz_mix_empty"), "yellow")
        # kept as the percents shown, which add up to 100: the report and a replayed answers file say the same
        given = {t: w for t, w in weights.items() if w > 0}
        mix = dict(zip(given, whole_percents([w / sum(given.values()) for w in given.values()]), strict=True))
        self.ask.say(self.t("quiz_mix_result", mix=self._mix_text(role_id, mix)))
        return mix

    def _shares(self, state: RawAnswers) -> dict[str, float]:
        """The person's time shares: their split, or the role's typical one."""
        role = self.pack.roles[state.role or ""]
        return normalise_mix(self.pack, state.role or "", state.tasks or role.typical_mix)

    def _choices(self, question: Question, state: RawAnswers) -> list[tuple[str, str]]:
        role = self.pack.roles[state.role or ""]
        if question.options_from_tasks:
            shares = self._shares(state)
            return [(role.tasks[t].label(self.lang), t) for t in role.tasks if t in shares]
        return [(question.options[o].label(self.lang), o) for o in option_ids(question, role)]

    def _ask_question(self, question_id: str, state: RawAnswers, progress: str) -> str | list[str]:
        question = self.pack.questions[question_id]
        if question.help is not None:
            self.ask.say(question.help(self.lang), "dim")
        message = f"{progress} {question.prompt(self.lang)}".strip()
        choices = self._choices(question, state)
        current = state.answers.get(question_id)
        role = self.pack.roles[state.role or ""]
        if question.kind == "select":
            # an answer from a file may still be raw (YAML reads `no` as false): read it the one way answers are read
            value = parse_value(self.pack, question_id, role, current) if current is not None else question.default
            chosen: str = self.ask.select(message, choices, default=str(value))
            return chosen
        picked = list(parse_value(self.pack, question_id, role, current)) if current is not None else []
        return self.ask.checkbox(message, choices, picked)

    def _label(self, question_id: str, state: RawAnswers) -> str:
        role = self.pack.roles[state.role or ""]
        value = parse_value(self.pack, question_id, role, state.answers[question_id])
        return answer_text(self.pack, role, question_id, value, self.lang)

    def _review(self, state: RawAnswers) -> RawAnswers:
        """Every answer on one screen; change any of them until the person confirms."""
        while True:
            role_id = state.role or ""
            role = self.pack.roles[role_id]
            self.ask.say("")
            self.ask.say(self.t("quiz_review"), "bold")
            rows: list[tuple[str, str, str]] = [
                (self.t("role"), role.label(self.lang), "role"),
                (self.t("tasks_heading"), self._mix_text(role_id, state.tasks), "tasks"),
            ]
            for question_id in self._order(role.family):
                prompt = self.pack.questions[question_id].prompt(self.lang)
                rows.append((prompt, self._label(question_id, state), question_id))
            width = self.ask.width()
            for number, (asked, answer, _) in enumerate(rows, 1):
                line = textwrap.fill(f"{number:>3}. {asked} → {answer}", width, subsequent_indent="     ")
                self.ask.say(line)
            # a choice is one screen line: a long question is shortened at a word, the number says which
            room = width - 5 - len(self.t("quiz_review_change", item=""))
            choices = [
                (self.t("quiz_review_ok"), ""),
                *[
                    (self.t("quiz_review_change", item=textwrap.shorten(f"{n}. {asked}", room, placeholder=" …")), key)
                    for n, (asked, _, key) in enumerate(rows, 1)
                ],
            ]
            picked = self.ask.select(self.t("quiz_review_pick"), choices, default="")
            if picked == "":
                return state
            self._change(state, picked)

    def _change(self, state: RawAnswers, key: str) -> None:
        if key == "role":
            new_role = self._ask_role(state.role)
            if new_role == state.role:
                return
            state.role = new_role
            state.tasks = self._ask_mix(new_role, "")
            family = self.pack.roles[new_role].family
            state.answers = {q: v for q, v in state.answers.items() if applies(self.pack.questions[q], family)}
            state.answers = {q: v for q, v in state.answers.items() if not self.pack.questions[q].options_from_tasks}
            for question_id in self._missing(state):
                state.answers[question_id] = self._ask_question(question_id, state, "")
        elif key == "tasks":
            state.tasks = self._ask_mix(state.role or "", "")
            self._keep_tasks_in_mix(state)
        else:
            state.answers[key] = self._ask_question(key, state, "")

    def _keep_tasks_in_mix(self, state: RawAnswers) -> None:
        """After the mix changes, AI-task answers may only name tasks the person still does."""
        role = self.pack.roles[state.role or ""]
        shares = self._shares(state)
        for question_id, value in list(state.answers.items()):
            question = self.pack.questions[question_id]
            if question.options_from_tasks:
                picked = parse_value(self.pack, question_id, role, value)
                state.answers[question_id] = [t for t in picked if t in shares]
