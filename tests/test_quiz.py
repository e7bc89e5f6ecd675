"""The quiz driven in-process through prompt_toolkit's pipe input, as questionary tests itself."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve, whole_percents
from aiexposure.model.raw_answers import RawAnswers, read_answers_file
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, questions_for
from aiexposure.quiz.menus import choice_lines
from aiexposure.quiz.prompts import Prompter
from aiexposure.quiz.run import run_quiz

PACK = load_pack(default_rules_dir())
ROLES = (
    "writer, designer, translator, video_editor, web_developer, social_media, virtual_assistant, data_entry, "
    "driver, courier"
)
DOWN, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\r", " ", "\x03", "\x04"
ROLE_AT = {role: n for n, role in enumerate(PACK.roles)}  # the role menu lists the pack's roles in order


class Recording(Prompter):
    """A Prompter that also notes every prompt it shows."""

    asked: list[str]

    def select(self, message: str, *args: Any, **kwargs: Any) -> Any:
        self.asked.append(message)
        return super().select(message, *args, **kwargs)

    def checkbox(self, message: str, *args: Any, **kwargs: Any) -> list[str]:
        self.asked.append(message)
        return super().checkbox(message, *args, **kwargs)

    def text(self, message: str, *args: Any, **kwargs: Any) -> str:
        self.asked.append(message)
        return super().text(message, *args, **kwargs)


ASKED: list[str] = []


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def quiz(
    pipe: PipeInput,
    keys: str,
    lang: Lang = "en",
    given: RawAnswers | None = None,
    export: str | None = None,
    save: str | None = None,
) -> str:
    """Run the quiz with `keys` typed ahead; return what it printed."""
    out = io.StringIO()
    pipe.send_text(keys)
    pipe.close()  # when the keys run out the quiz sees end of input and stops, instead of waiting forever
    prompter = Recording(Texts(PACK, lang), stream=out, input=pipe, output=DummyOutput())
    ASKED.clear()
    prompter.asked = ASKED
    run_quiz(PACK, lang, given or RawAnswers(), export, save, prompter=prompter)
    return out.getvalue()


def replay(path: Path) -> Any:
    raw = read_answers_file(path)
    return assess(PACK, resolve(PACK, raw.role, raw.tasks, raw.answers))


def test_courier_with_every_default_in_english(pipe: PipeInput, tmp_path: Path) -> None:
    # role: courier is the last of the ten; typical split; ten questions at their defaults; review: report
    saved = tmp_path / "me.yaml"
    printed = quiz(pipe, DOWN * ROLE_AT["courier"] + ENTER + ENTER + ENTER * 10 + ENTER, save=str(saved))
    assert ASKED == [
        "1. What is your main work?",  # every role does not have as many questions: its number alone
        "2/12 How does your working time split across tasks?",
        "3/12 How often do you use AI tools in your work?",
        "4/12 Which of your tasks do you already do with AI help?",
        "5/12 In the past 12 months, how much of your work or orders have you lost?",
        "6/12 Over the past year, has what the apps pay you for the same work got better or worse?",
        "7/12 How do you get your orders?",  # dispatch is asked with point 2 now: the apps' pay and rules
        "8/12 How much of your income comes from this work?",  # with point 2 too: it scales the risk for everyone
        "9/12 What have you learned in the past six months to stay ahead?",
        # a second skill is asked with point 3, where it counts: preparing another way to earn
        "10/12 Do you have a skill you could earn from if orders dried up?",
        "11/12 Where do you do most of your trips?",
        "12/12 What do you mostly work with?",
        "Is everything right?",
    ]
    flat = " ".join(printed.replace("│", " ").split())  # the console wraps long lines
    assert "Point 4: Robots, drones and driverless vehicles" in printed
    assert "Point 2: Orders and pay on the apps" in printed  # gig wording, not clients
    # the courier with every default, in a mid-sized city (hand-checked in test_batch_rows): automation 4.9,
    # AI and automation 22.3, platform 38.0, hazard 26.3 (< 30: not exposed), adaptation 0.4, risk 26.2: watch;
    # range: low (spread .45, near .4, far 0, market 0): exposure .35375*.45 = .15919, pressure .7*.28125*.45
    #   = .0886 -> 8.9, automation .15*.5*.4*.7 = .021 -> 2.1, AI and automation .021 + .3*.159 + .3*.089 = .0954
    #   -> 9.5, hazard (.6*.095 + .152) x .92 = .19228 -> 19.2, risk .192 x .9974 = .1915 -> 19.2;
    # high (spread 1.05, near 1, far .3, market .25): exposure .37144 -> 37.1, pressure .075 + .7*.28125*1.05
    #   = .28172 -> 28.2, automation .4*.5*.3*.7*.6 + .05*.4*.3*.5 + .15*.5*1*.7 + .15*.1*.3 + .1*.1*.3 = .0882
    #   -> 8.8, AI and automation .088 + .3*.371 + .3*.282 = .2839 -> 28.4,
    #   hazard (.6*.284 + .152) x .92 = .29661 -> 29.7, risk .297 x .9974 = .29623 -> 29.6: shown 19-30
    assert "Verdict: Less at risk, not adapting yet" in printed
    assert "Overall risk: 26.2/100 (moderate; range 19–30)" in flat
    # what drives the risk comes first in the headline: the apps' pay (.4 x 38.0) more than AI (.6 x 22.3)
    assert "Most of your risk comes from the apps' pay and rules, not from AI." in flat
    # the motorbike was chosen, not assumed, so the headline says what that means for a courier
    assert "Driverless motorbikes do not exist, so no robot will ride your route soon" in flat
    assert "No driverless motorbike service" not in flat  # the driver's wording, about passenger trips
    # "about the same" split is chosen, not assumed: kept as the percents shown, which the report then shows
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "role": "courier",
        "tasks": dict(PACK.roles["courier"].typical_mix),
        "answers": {
            "ai_use": "tried",
            "ai_tasks": [],
            "lost_work": "unsure",
            "platform_pay": "same",
            "upskill": "none",
            "city": "city",
            "vehicle": "motorbike",
            "dispatch": "app",
            "income_share": "most",
            "alt_skills": "none",
        },
    }
    result = replay(saved)
    assert (result.risk.value, result.answers.assumed) == (26.2, ())
    assert [p.name for p in tmp_path.iterdir()] == ["me.yaml"]


WRITER_IN_INDONESIAN = (
    ENTER  # role: writer
    + DOWN
    + ENTER  # own split
    + DOWN * 2
    + ENTER  # outline: a fair share (2)
    + DOWN * 3
    + ENTER  # drafting: most (4)
    + DOWN
    + ENTER  # editing: a little (1)
    + ENTER  # research: none
    + DOWN
    + ENTER  # voice: a little (1)
    + DOWN
    + ENTER  # client: a little (1)
    + DOWN
    + ENTER  # ai_use: tried -> weekly
    + SPACE
    + DOWN
    + SPACE
    + ENTER  # ai_tasks: outline, drafting
    + ENTER  # clients: small business
    + DOWN
    + ENTER  # output: mixed -> bespoke
    + SPACE
    + DOWN
    + SPACE
    + ENTER  # human_edge: empathy, culture
    + ENTER
    + ENTER
    + ENTER  # lost_work, lost_reason, income_share at their defaults (point 2)
    + ENTER
    + ENTER  # role_focus, ai_direction at their defaults
    + DOWN * 3
    + ENTER  # upskill: both
    + DOWN * 3
    + ENTER  # review: change 3. ai_use
    + DOWN
    + ENTER  # weekly -> daily
    + ENTER  # review: show my report
)


def test_writer_in_indonesian_changes_an_answer_at_the_review(pipe: PipeInput, tmp_path: Path) -> None:
    report, saved = tmp_path / "laporan.md", tmp_path / "jawaban.yaml"
    printed = quiz(pipe, WRITER_IN_INDONESIAN, lang="id", export=str(report), save=str(saved))
    outline = PACK.roles["writer"].tasks["outline"].label.id
    assert f"Pembagian waktumu: {outline} 22%" in " ".join(printed.split())  # 2 of 9
    assert "Jawabanmu" in printed and "Tersimpan di" in printed
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    # kept as the percents shown (2, 4, 1, 1, 1 of 9; largest remainder), so the report shows them too
    assert data["tasks"] == {"outline": 22, "drafting": 45, "editing": 11, "voice": 11, "client": 11}
    assert data["answers"] == {
        "ai_use": "daily",
        "ai_tasks": ["outline", "drafting"],
        "clients": "small_business",
        "output": "bespoke",
        "human_edge": ["empathy", "culture"],
        "lost_work": "unsure",
        "lost_reason": "suspect",
        "income_share": "most",
        "role_focus": "mixed",
        "ai_direction": "learning",
        "upskill": "both",
    }
    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("# Seberapa jauh AI bisa menjangkau pekerjaanmu?\n")
    result = replay(saved)
    shown = f"{result.risk.value:.1f}".replace(".", ",")  # Indonesian readers write a decimal comma
    assert f"**Risiko keseluruhan:** {shown}/100" in markdown


def test_options_are_not_asked_again(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(role="driver", tasks={}, answers={"city": "metro", "alt_skills": "ready"})
    saved = tmp_path / "a.yaml"
    # no role prompt; split, then 8 questions (city and alt_skills are given), review
    printed = quiz(pipe, ENTER + ENTER * 8 + ENTER, given=given, save=str(saved))
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["answers"]["city"] == "metro" and data["answers"]["alt_skills"] == "ready"
    assert (data["answers"]["vehicle"], data["answers"]["platform_pay"]) == ("motorbike", "same")
    assert "Point 4: Robots, drones and driverless vehicles" in printed
    assert ASKED == [
        # each keeps its number among all twelve (the role is 1; skills 10 and the area 11 were given)
        "2/12 How does your working time split across tasks?",
        "3/12 How often do you use AI tools in your work?",
        "4/12 Which of your tasks do you already do with AI help?",
        "5/12 In the past 12 months, how much of your work or orders have you lost?",
        "6/12 Over the past year, has what the apps pay you for the same work got better or worse?",
        "7/12 How do you get your orders?",
        "8/12 How much of your income comes from this work?",
        "9/12 What have you learned in the past six months to stay ahead?",
        "12/12 What do you mostly work with?",
        "Is everything right?",
    ]


def test_a_gig_worker_is_asked_about_the_vehicle_and_the_apps_pay(pipe: PipeInput, tmp_path: Path) -> None:
    answers = {"city": "metro", "alt_skills": "none", "ai_use": "never", "ai_tasks": "", "lost_work": "no"}
    given = RawAnswers(role="driver", tasks={}, answers={**answers, "upskill": "none", "income_share": "all"})
    saved = tmp_path / "a.yaml"
    # split; platform_pay: same -> worse; dispatch; vehicle: motorbike -> car; review
    printed = quiz(pipe, ENTER + DOWN + ENTER + ENTER + DOWN + ENTER + ENTER, given=given, save=str(saved))
    assert ASKED == [
        "2/12 How does your working time split across tasks?",
        "6/12 Over the past year, has what the apps pay you for the same work got better or worse?",
        "7/12 How do you get your orders?",
        "12/12 What do you mostly work with?",
        "Is everything right?",
    ]
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert (data["answers"]["platform_pay"], data["answers"]["vehicle"]) == ("worse", "car")
    # platform .45*1 (worse) + .2*1 (app) + .35*0 (no orders lost) = .65 -> 65.0
    # automation .45*.8*.3*1 (car)*1 (metro) + .0125 + .001 + .0005 = .122 -> 12.2
    # exposure .45*.1725 + .25*.165 + .1*.735 + .1*.1225 + .1*.12 = .216625 -> 21.7; pressure .3*.1 + .7*.192375
    # = .16466 -> 16.5; AI and automation .122 + .3*.217 + .3*.165 = .2366 -> 23.7
    # hazard (.6*.237 + .4*.65) x 1 (all) = .1422 + .26 = .4022 -> 40.2
    # adaptation 0 (never, nothing learned, no second skill) and no lost work: risk 40.2, high
    flat = " ".join(printed.replace("│", " ").split())
    assert "Overall risk: 40.2/100 (high; range " in flat
    # the apps' pay drives the risk (.4 x 65 = 26 points of hazard against .6 x 23.7 = 14.2): the report says so
    assert "What is putting your income at risk? — " in flat
    assert "What the apps pay you has got worse" in flat and "Driverless taxis already carry paying passengers" in flat


def test_a_mix_with_no_time_is_asked_again(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(
        role="courier",
        answers={
            q: v
            for q, v in {
                "ai_use": "never",
                "ai_tasks": "",
                "lost_work": "no",
                "platform_pay": "better",
                "upskill": "none",
                "city": "town",
                "vehicle": "van",
                "dispatch": "direct",
                "income_share": "some",
                "alt_skills": "none",
            }.items()
        },
    )
    saved = tmp_path / "a.yaml"
    keys = DOWN + ENTER + ENTER * 6 + DOWN * 3 + ENTER + ENTER * 5 + ENTER  # own split: six tasks at none, again
    printed = quiz(pipe, keys, given=given, save=str(saved))
    assert "At least one task needs some of your time." in printed
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["tasks"] == {"last_mile": 100}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            RawAnswers(role="writer", answers={"ai_use": "sometimes"}),
            "'sometimes' is not an answer to 'ai_use'; choose one of: never, tried, weekly, daily",
        ),
        (
            RawAnswers(answers={"colour": "blue"}),
            "unknown question 'colour'; choose from: ai_use, ai_tasks, clients, output, human_edge, lost_work, "
            "lost_reason, platform_pay, role_focus, ai_direction, upskill, city, vehicle, dispatch, income_share, "
            "alt_skills",
        ),
        (RawAnswers(tasks={"drafting": 3}), f"--task needs --role: task ids belong to a role; choose one of: {ROLES}"),
        (
            RawAnswers(role="pilot"),
            f"unknown role 'pilot'; choose one of: {ROLES} (everyday words such as ojol, kurir or penerjemah work too)",
        ),
    ],
)
def test_bad_options_stop_before_the_first_prompt(pipe: PipeInput, given: RawAnswers, message: str) -> None:
    with pytest.raises(UserError) as caught:
        quiz(pipe, "", given=given)
    assert (caught.value.exit_code, caught.value.message) == (2, message)


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_or_ctrl_d_cancels_and_writes_nothing(pipe: PipeInput, tmp_path: Path, key: str) -> None:
    with pytest.raises(UserError) as caught:
        quiz(pipe, ENTER + key, export=str(tmp_path / "r.md"), save=str(tmp_path / "a.yaml"))
    assert (caught.value.exit_code, caught.value.message) == (130, "Cancelled; nothing was saved.")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_export_offers_another_path(pipe: PipeInput, tmp_path: Path) -> None:
    good = tmp_path / "ok.md"
    given = RawAnswers(role="translator", answers={"ai_use": "daily"})
    keys = ENTER + ENTER * 10 + ENTER + str(good) + ENTER  # split, the ten questions left, review, another path
    printed = quiz(pipe, keys, given=given, export=str(tmp_path / "missing" / "r.md"))
    flat = " ".join(printed.split())  # the console wraps long lines
    assert f"Could not write {tmp_path}/missing/r.md: No such file or directory." in flat
    assert good.read_text(encoding="utf-8").startswith("# How far can AI reach your work?")
    assert [p.name for p in tmp_path.iterdir()] == ["ok.md"]


def test_shown_shares_add_up_to_100() -> None:
    # 1/3 each: 33.33% rounds to 33 three times (99); the largest remainder gets the missing point
    assert whole_percents([1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33]
    # the writer's typical 15/30/20/15/10/10 stays as it is; 1/6 each is 17, 17, 17, 17, 16, 16
    assert whole_percents([0.15, 0.3, 0.2, 0.15, 0.1, 0.1]) == [15, 30, 20, 15, 10, 10]
    assert whole_percents([1 / 6] * 6) == [17, 17, 17, 17, 16, 16]
    assert sum(whole_percents([0.125, 0.125, 0.25, 0.5])) == 100


def test_without_export_the_quiz_offers_to_save_once(pipe: PipeInput, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    given = RawAnswers(role="designer", answers={})
    # split, eleven questions, review, "yes, save it", default name, then "keep it on this computer?" left at no
    keys = ENTER + ENTER * 11 + ENTER + DOWN + ENTER + ENTER + ENTER
    printed = quiz(pipe, keys, given=given)
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].name.startswith("aiexposure-graphic-designer-") and files[0].suffix == ".md"
    assert f"Saved {files[0].name}" in printed


def test_without_a_terminal_the_quiz_names_the_scripted_command() -> None:
    # pytest's stdin is not a terminal, so no prompter is built
    with pytest.raises(UserError) as caught:
        run_quiz(PACK, "en", RawAnswers(), None, None)
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith(
        "the quiz needs an interactive terminal, and its input is not a keyboard (it comes from a pipe or a file). "
        "To score without prompts, use: aiexposure assess --role ROLE"
    )


def test_answers_given_without_a_role_are_checked_once_it_is_chosen(pipe: PipeInput) -> None:
    with pytest.raises(UserError) as caught:
        quiz(pipe, DOWN * ROLE_AT["driver"] + ENTER, given=RawAnswers(answers={"clients": "agencies"}))  # picks driver
    assert caught.value.message.startswith("question 'clients' is not asked of a driver (gig)")
    assert ASKED == ["1. What is your main work?"]  # stopped right after the role, not after the whole quiz


def test_an_export_onto_a_folder_offers_another_path(pipe: PipeInput, tmp_path: Path) -> None:
    good = tmp_path / "ok.md"
    given = RawAnswers(role="translator", answers={"ai_use": "daily"})
    printed = quiz(pipe, ENTER + ENTER * 10 + ENTER + str(good) + ENTER, given=given, export=str(tmp_path))
    assert f"Could not write {tmp_path}: it is a folder." in " ".join(printed.split())
    assert good.is_file()


def test_ctrl_c_after_a_file_was_written_says_which(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(role="courier", answers={})
    report, answers = tmp_path / "r.md", tmp_path / "missing" / "a.yaml"
    with pytest.raises(UserError) as caught:
        quiz(pipe, ENTER + ENTER * 10 + ENTER + CTRL_C, given=given, export=str(report), save=str(answers))
    assert (caught.value.exit_code, caught.value.message) == (130, f"Cancelled; already saved before that: {report}")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_yes_and_no_read_by_yaml_as_booleans_stay_the_answers_they_were(pipe: PipeInput, tmp_path: Path) -> None:
    # an answers file with `ai_direction: yes` and `lost_work: no` reaches the quiz as True and False
    given = RawAnswers(role="writer", answers={"ai_direction": True, "lost_work": False})
    saved = tmp_path / "a.yaml"
    # open "12. ai_direction" at the review (numbered as asked: by point, so after point 2's questions), keep it
    review_ai_direction = DOWN * 12 + ENTER + ENTER
    quiz(pipe, ENTER + ENTER * 9 + review_ai_direction + ENTER, given=given, save=str(saved))
    # given, so not asked in the quiz: its one prompt is the review's
    assert ASKED.count(PACK.questions["ai_direction"].prompt.en) == 1
    answers = yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]
    assert (answers["ai_direction"], answers["lost_work"]) == ("yes", "no")


def test_changing_the_role_at_the_review_asks_what_the_new_role_needs(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(role="writer", answers={"ai_use": "daily", "ai_tasks": "drafting"})
    saved = tmp_path / "a.yaml"
    keys = (
        ENTER
        + ENTER * 9  # typical split, the nine questions left
        + DOWN
        + ENTER  # review: change 1. role
        + DOWN * ROLE_AT["courier"]
        + ENTER  # courier
        + ENTER  # typical split
        + ENTER * 6  # ai_tasks (emptied: writer tasks do not fit) and five gig questions (income_share was answered)
        + ENTER  # review: report
    )
    quiz(pipe, keys, given=given, save=str(saved))
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["role"] == "courier"
    assert data["answers"]["ai_use"] == "daily" and data["answers"]["ai_tasks"] == []
    assert set(data["answers"]) == {
        "ai_use",
        "ai_tasks",
        "lost_work",
        "platform_pay",
        "upskill",
        "city",
        "vehicle",
        "dispatch",
        "income_share",
        "alt_skills",
    }


def test_a_new_split_drops_ai_tasks_the_person_no_longer_does(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(role="writer", answers={"ai_tasks": "drafting,editing"})
    saved = tmp_path / "a.yaml"
    keys = (
        ENTER
        + ENTER * 10  # typical split, ten questions
        + DOWN * 2
        + ENTER  # review: change 2. the split
        + DOWN
        + ENTER  # own split
        + ENTER
        + DOWN
        + ENTER
        + ENTER * 4  # only drafting gets time ("a little")
        + ENTER  # review: report
    )
    quiz(pipe, keys, given=given, save=str(saved))
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["tasks"] == {"drafting": 100}
    assert data["answers"]["ai_tasks"] == ["drafting"]


def test_changing_the_mix_at_the_review_starts_from_the_earlier_amounts(pipe: PipeInput, tmp_path: Path) -> None:
    given = RawAnswers(role="writer", answers={})
    own = DOWN + ENTER
    first = own + DOWN * 3 + ENTER + DOWN + ENTER + ENTER * 4  # outline: most of my time, drafting: a little
    again = DOWN * 2 + ENTER + own + ENTER * 6  # review: change the mix, own split, Enter keeps each amount
    keys = first + ENTER * 11 + again + ENTER + ENTER  # the eleven questions at their defaults
    quiz(pipe, keys, given=given, export=str(tmp_path / "r.md"), save=str(tmp_path / "a.yaml"))
    saved = read_answers_file(tmp_path / "a.yaml")
    assert saved.tasks == {"outline": 80, "drafting": 20}  # the same split as before, not reset to "none"


def test_an_export_name_the_program_cannot_write_stops_before_the_first_question(pipe: PipeInput) -> None:
    with pytest.raises(UserError) as caught:
        quiz(pipe, ENTER, given=RawAnswers(role="writer"), export="report.pdf")
    assert caught.value.message.startswith("cannot write 'report.pdf': aiexposure does not make .pdf files.")
    assert ASKED == []


def test_an_html_export_gets_the_page(pipe: PipeInput, tmp_path: Path) -> None:
    page = tmp_path / "me.html"
    quiz(pipe, ENTER + ENTER * 11 + ENTER, given=RawAnswers(role="writer"), export=str(page))  # split, 11, review
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") or text.lower().startswith("<!doctype html>")
    assert "<svg" in text and "<script" not in text


def test_a_png_export_gets_the_card(pipe: PipeInput, tmp_path: Path) -> None:
    card = tmp_path / "kartu.png"
    # Enter through every question (a few more than asked do no harm: with an export nothing is asked after)
    printed = quiz(pipe, ENTER * 20, lang="id", given=RawAnswers(role="writer"), export=str(card))
    assert card.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and f"{card}" in printed


GIG = len(questions_for(PACK, "gig"))  # a gig worker's questions: the split, these, then the review


def test_the_save_question_follows_the_suffix_and_refuses_one_it_cannot_make(
    pipe: PipeInput, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    given = RawAnswers(role="driver", answers={})
    # review: report; "yes, save it"; a .pdf name is refused, then the .html name is saved as a page
    erase = "\x7f" * 60
    keys = ENTER + ENTER * GIG + ENTER + DOWN + ENTER + erase + "laporan-budi.pdf" + ENTER
    keys += erase + "laporan-budi.html" + ENTER + ENTER
    printed = quiz(pipe, keys, lang="id", given=given)
    assert (
        "aiexposure tidak bisa membuat berkas .pdf. "
        "Akhiri namanya dengan salah satu dari: .txt, .md, .json, .html, .png." in printed
    )
    assert [p.name for p in tmp_path.iterdir()] == ["laporan-budi.html"]
    assert (tmp_path / "laporan-budi.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert ASKED[-3:] == [
        "Nama berkas, diakhiri .txt, .md, .json, .html, .png (biarkan kosong untuk melewati):",
        "Nama berkas, diakhiri .txt, .md, .json, .html, .png (biarkan kosong untuk melewati):",
        "Simpan hasil ini di komputer ini supaya bisa dibandingkan nanti?",
    ]


def test_the_default_file_name_is_in_the_readers_language(pipe: PipeInput, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    keys = ENTER + ENTER * GIG + ENTER + DOWN + ENTER + ENTER + ENTER
    quiz(pipe, keys, lang="id", given=RawAnswers(role="driver", answers={}))
    (saved,) = tmp_path.iterdir()
    assert re.fullmatch(r"aiexposure-pengemudi-ojol-\d{4}-\d\d-\d\d\.md", saved.name)


def test_the_report_ends_with_the_answer_before_the_save_question(pipe: PipeInput) -> None:
    printed = quiz(pipe, ENTER + ENTER * GIG + ENTER + ENTER + ENTER, given=RawAnswers(role="driver", answers={}))
    tail = printed[printed.index("Your answer in short") :]
    lines = [line.strip() for line in tail.splitlines()]
    # every answer at its default and the usual split: the same person as the role alone
    verdict = Report(assess(PACK, resolve(PACK, "driver", None, {})), "en").verdict_label
    assert lines[1:4] == [f"Verdict: {verdict}", lines[2], "Do this first"]
    assert re.fullmatch(r"Overall risk: \d+\.\d/100 \(\w+; range \d+–\d+\)", lines[2])
    assert [line[:3] for line in lines[4:] if line[:2] in ("1.", "2.", "3.")] == ["1. ", "2. ", "3. "]
    assert len(tail.splitlines()) <= 14  # with the save question below, one 80x24 screen


def test_a_long_choice_wraps_at_a_word_under_its_start() -> None:
    title = "Aku dipekerjakan perusahaan yang memberi tugasnya"
    # a 48-column screen: 47 columns, the pointer's 3 before the title
    assert choice_lines(title, 3, 47) == "Aku dipekerjakan perusahaan yang memberi\n   tugasnya"
    assert choice_lines("Semua lewat aplikasi", 3, 47) == "Semua lewat aplikasi"
    assert all(len(line) <= 47 for line in (" " * 5 + choice_lines(title, 5, 47)).split("\n"))
