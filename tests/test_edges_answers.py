"""The one answer check, edge by edge: weights, shares, names people type, multi-select splitting, defaults.

Every mistake is asserted as the whole message the person reads, so a changed word or a lost value shows.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from aiexposure.errors import UserError
from aiexposure.model.answers import (
    Answers,
    answer_text,
    applies,
    check_given,
    choices,
    normalise_mix,
    option_ids,
    option_names,
    parse_value,
    parse_weight,
    resolve,
    role_id_of,
    role_names,
    split_choices,
)
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.names import norm
from aiexposure.pack.schema import Pack, Text, questions_for

PACK: Pack = load_pack(default_rules_dir())
WRITER = PACK.roles["writer"]
FREELANCER_QUESTIONS = [
    "ai_use",
    "ai_tasks",
    "clients",
    "output",
    "human_edge",
    "lost_work",
    "lost_reason",
    "role_focus",
    "ai_direction",
    "upskill",
    "income_share",
]
GIG_QUESTIONS = [
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
]
ROLES = (
    "writer, designer, translator, video_editor, web_developer, social_media, virtual_assistant, data_entry, "
    "driver, courier"
)
WRITER_TASKS = "outline, drafting, editing, research, voice, client"
HUMAN_EDGE = "empathy, culture, humor, relationship, expertise, accountability"
AI_USE = "never, tried, weekly, daily"


@pytest.fixture(autouse=True)
def fresh_names() -> None:
    """Forget the names worked out from the pack, so every test builds them (and a mutation run checks how)."""
    PACK.__dict__.pop("derived", None)


def copy_of(pack: Pack, **update: Any) -> Pack:
    """A changed pack, with name tables of its own (Pack.model_copy drops the original's; this says so here too)."""
    changed = pack.model_copy(update=update)
    changed.__dict__.pop("derived", None)
    return changed


def message(call: Any, *args: Any, **kwargs: Any) -> str:
    """The English message of the UserError the call raises (exit code 2)."""
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)
    assert caught.value.exit_code == 2
    return caught.value.message


def test_choices_lists_ids_with_commas() -> None:
    assert choices(["a", "b", "c"]) == "a, b, c"
    assert choices({"x": 1}) == "x"
    assert choices([]) == ""


def test_questions_asked_of_each_family_in_pack_order() -> None:
    assert questions_for(PACK, "freelancer") == FREELANCER_QUESTIONS
    assert questions_for(PACK, "gig") == GIG_QUESTIONS
    assert applies(PACK.questions["city"], "gig") is True
    assert applies(PACK.questions["city"], "freelancer") is False


@pytest.mark.parametrize(
    ("question", "value", "lang", "text"),
    [
        ("ai_use", "daily", "en", "Every working day"),
        ("ai_use", "daily", "id", "Setiap hari kerja"),
        ("human_edge", ("empathy", "culture"), "en", "I understand what they really need, Local and cultural context"),
        ("human_edge", ("culture",), "id", "Konteks lokal dan budaya"),
        ("human_edge", (), "en", "—"),
        (
            "ai_tasks",
            ("drafting", "voice"),
            "en",
            "First drafts of standard articles, Brand voice, storytelling, humour and cultural nuance",
        ),
        ("ai_tasks", ("editing",), "id", "Menyunting dan mengoreksi naskah"),
        ("ai_tasks", (), "id", "—"),
    ],
)
def test_answer_text(question: str, value: str | tuple[str, ...], lang: str, text: str) -> None:
    assert answer_text(PACK, WRITER, question, value, lang) == text  # type: ignore[arg-type]


def test_option_ids_come_from_the_question_or_the_role() -> None:
    assert option_ids(PACK.questions["ai_use"], WRITER) == ["never", "tried", "weekly", "daily"]
    assert option_ids(PACK.questions["ai_tasks"], WRITER) == WRITER_TASKS.split(", ")


@pytest.mark.parametrize(
    ("raw", "weight"),
    [
        ("30", 30.0),
        ("0", 0.0),
        ("2.5", 2.5),
        (" 30 ", 30.0),
        ("30%", 30.0),
        (" 45 % ", 45.0),
        (5, 5.0),
        (0, 0.0),
        (2.5, 2.5),
        (1e308, 1e308),
    ],
)
def test_a_weight_is_a_finite_number_of_0_or_more(raw: object, weight: float) -> None:
    assert parse_weight(PACK, "drafting", raw) == weight


RANGE = "task 'drafting': expected a weight (a finite number of 0 or more), found '{}'"
TEXT = "task 'drafting': expected a weight (a number of 0 or more, e.g. drafting=30), found '{}'"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("-1", RANGE.format("-1")),
        ("-0.001", RANGE.format("-0.001")),
        ("inf", RANGE.format("inf")),
        ("nan", RANGE.format("nan")),
        ("-5%", RANGE.format("-5%")),
        (-3, RANGE.format("-3")),
        (-0.5, RANGE.format("-0.5")),
        (float("inf"), RANGE.format("inf")),
        (float("nan"), RANGE.format("nan")),
        (10**400, RANGE.format("1" + "0" * 19 + "…" + "00000")),
        ("abc", TEXT.format("abc")),
        ("30X", TEXT.format("30X")),  # only a percent sign is taken off the end
        (None, TEXT.format("None")),
        ("", TEXT.format("")),
        ("x" * 40, TEXT.format("x" * 40)),  # 40 characters are shown whole, 41 are cut
        ("abcdefghijklmnopqrstuvwxyz0123456789ABCDE", TEXT.format("abcdefghijklmnopqrst…ABCDE")),
        (True, "task 'drafting': expected a weight (a number of 0 or more), found true"),
        (False, "task 'drafting': expected a weight (a number of 0 or more), found false"),
    ],
)
def test_a_bad_weight_is_named(raw: object, expected: str) -> None:
    assert message(parse_weight, PACK, "drafting", raw) == expected


def test_shares_add_up_to_1_in_the_roles_task_order_without_zero_tasks() -> None:
    shares = normalise_mix(PACK, "writer", {"editing": "1", "drafting": 3, "outline": 0})
    assert shares == {"drafting": 0.75, "editing": 0.25}
    assert list(shares) == ["drafting", "editing"]
    assert normalise_mix(PACK, "writer", {"voice": 1e308}) == {"voice": 1.0}
    assert normalise_mix(PACK, "writer", {"voice": 1e-300}) == {"voice": 1.0}


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        (
            {"drafting": 0, "editing": "0"},
            "the task weights for role 'writer' are all zero; give at least one task a weight above 0",
        ),
        ({}, "the task weights for role 'writer' are all zero; give at least one task a weight above 0"),
        (
            {"drafting": 1e308, "editing": 1e308},
            "the task weights for role 'writer' are too large to add up; use numbers like percentages",
        ),
        ({"rides": 1}, f"unknown task 'rides' for role 'writer'; choose from: {WRITER_TASKS}"),
        ({"drafting": 1, "voice": "lots"}, TEXT.format("lots").replace("drafting", "voice")),
    ],
)
def test_a_mix_that_gives_no_shares_is_refused(weights: dict[str, object], expected: str) -> None:
    assert message(normalise_mix, PACK, "writer", weights) == expected


def test_norm_ignores_case_spacing_and_end_punctuation_only() -> None:
    assert norm("  Every  WORKING\tday?: ") == "every working day"
    assert norm("Daily...") == "daily"
    assert norm("a.b?c") == "a.b?c"
    assert norm("") == ""


def test_option_names_take_ids_and_both_languages_labels() -> None:
    assert option_names(PACK, "lost_work") == {
        "no": "no",
        "none, or i got more work": "no",
        "tidak ada, atau malah bertambah": "no",
        "unsure": "unsure",
        "not sure": "unsure",
        "tidak yakin": "unsure",
        "some": "some",
        "some, less than a quarter": "some",
        "sedikit, kurang dari seperempat": "some",
        "much": "much",
        "a quarter or more": "much",
        "seperempat atau lebih": "much",
        # the first releases' wording, still read (the report says it was read as today's option)
        "tidak": "no",
        "yes, some": "some",
        "ya, ada beberapa": "some",
        "yes, a lot": "much",
        "ya, banyak": "much",
    }
    assert option_names(PACK, "lost_work") is option_names(PACK, "lost_work")  # built once per pack
    tasks = option_names(PACK, "ai_tasks")
    # a hyphen or an underscore reads as a space: post_editing, post-editing and post editing are one name
    assert (tasks["post editing"], tasks["antar makanan dan paket"], tasks["route planning"]) == (
        "post_editing",
        "food",
        "routing",
    )


def _relabelled(pack: Pack) -> Pack:
    """ai_use with 'never' labelled 'Weekly' and 'tried' labelled 'Never' (en) and 'Every week' (id)."""
    question = pack.questions["ai_use"]
    options = dict(question.options)
    options["never"] = options["never"].model_copy(update={"label": Text(en="Weekly", id="Tidak pernah")})
    options["tried"] = options["tried"].model_copy(update={"label": Text(en="Never", id="Every week")})
    return copy_of(pack, questions={**pack.questions, "ai_use": question.model_copy(update={"options": options})})


def test_an_id_beats_a_label_and_an_earlier_label_beats_a_later_one() -> None:
    names = option_names(_relabelled(PACK), "ai_use")
    assert (names["never"], names["weekly"], names["every week"], names["setiap minggu"]) == (
        "never",
        "weekly",
        "tried",
        "weekly",
    )


def test_role_names_take_ids_labels_and_everyday_words_first_come_first_served() -> None:
    names = role_names(PACK)
    assert (names["writer"], names["penulis"], names["graphic designer"], names["ojol"], names["kurir paket"]) == (
        "writer",
        "writer",
        "designer",
        "driver",
        "courier",
    )
    assert role_names(PACK) is names
    courier = PACK.roles["courier"].model_copy(update={"words": ["writer", "Penulis", "kurir motor"]})
    taken = role_names(copy_of(PACK, roles={**PACK.roles, "courier": courier}))
    assert (taken["writer"], taken["penulis"], taken["kurir motor"]) == ("writer", "writer", "courier")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("writer", "writer"),
        ("  PENULIS ", "writer"),
        ("Pengemudi ojol atau taksi online", "driver"),
        ("gojek", "driver"),
        ("Graphic designer.", "designer"),
    ],
)
def test_a_role_is_named_by_id_label_or_word(text: str, role: str) -> None:
    assert role_id_of(PACK, text) == role


def test_a_missing_or_unknown_role_lists_the_roles_in_each_language() -> None:
    assert message(role_id_of, PACK, None) == f"no role given; pass --role with one of: {ROLES}"
    assert message(role_id_of, PACK, "") == f"no role given; pass --role with one of: {ROLES}"
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "chef\nx")
    assert caught.value.exit_code == 2
    assert caught.value.message == (
        f"unknown role 'chef\\nx'; choose one of: {ROLES} (everyday words such as ojol, kurir or penerjemah work too)"
    )
    assert caught.value.translations == {
        "id": "peran 'chef\\nx' tidak dikenal; pilih salah satu: writer (Penulis), designer (Desainer grafis), "
        "translator (Penerjemah), video_editor (Editor video), web_developer (Programmer web dan aplikasi), "
        "social_media (Admin media sosial), virtual_assistant (Asisten virtual), "
        "data_entry (Pekerja entri data), driver (Pengemudi ojol atau taksi online), courier (Kurir) "
        "(kata sehari-hari seperti ojol, kurir, atau penerjemah juga bisa)"
    }


@pytest.mark.parametrize(
    ("question", "text", "picked"),
    [
        ("human_edge", "empathy, culture", ["empathy", "culture"]),
        ("human_edge", "empathy,,culture, ", ["empathy", "culture"]),
        ("human_edge", " , ", []),
        ("human_edge", "bogus, Local and cultural context", ["bogus", "culture"]),
        # a label may hold commas; the longest run of pieces that names an option wins
        ("ai_tasks", "Brand voice, storytelling, humour and cultural nuance, drafting", ["voice", "drafting"]),
        ("ai_tasks", "drafting, Brand voice, storytelling, humour and cultural nuance", ["drafting", "voice"]),
        # the longest name has four pieces (Indonesian), all four are tried
        ("ai_tasks", "Gaya bahasa merek, bercerita, humor, dan nuansa budaya", ["voice"]),
        (
            "ai_tasks",
            "editing,Gaya bahasa merek, bercerita, humor, dan nuansa budaya,outline",
            ["editing", "voice", "outline"],
        ),
        ("ai_tasks", "Brand voice, storytelling", ["Brand voice", "storytelling"]),
    ],
)
def test_split_choices(question: str, text: str, picked: list[str]) -> None:
    assert split_choices(PACK, question, text) == picked


@pytest.mark.parametrize(
    ("question", "raw", "value"),
    [
        ("ai_use", "daily", "daily"),
        ("ai_use", " daily ", "daily"),
        ("ai_use", "Every working day", "daily"),
        ("ai_use", "setiap hari kerja", "daily"),
        ("ai_direction", True, "yes"),
        ("ai_direction", False, "no"),
        ("human_edge", "culture, empathy", ("empathy", "culture")),
        ("human_edge", "empathy, Empathy, I understand what they really need", ("empathy",)),
        ("human_edge", ["Local and cultural context", "humor"], ("culture", "humor")),
        ("human_edge", ("",), ()),
        ("human_edge", ["", "humor", ""], ("humor",)),
        ("human_edge", [], ()),
        ("human_edge", None, ()),
        ("human_edge", "", ()),
        ("ai_tasks", ["voice", "drafting"], ("drafting", "voice")),
        ("ai_tasks", "Draf awal artikel standar", ("drafting",)),
    ],
)
def test_parse_value(question: str, raw: object, value: str | tuple[str, ...]) -> None:
    assert parse_value(PACK, question, WRITER, raw) == value


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        ("ai_use", ["daily"], f"question 'ai_use' takes one value, found 1; choose one of: {AI_USE}"),
        ("ai_use", ("daily", "never"), f"question 'ai_use' takes one value, found 2; choose one of: {AI_USE}"),
        ("ai_use", 5, f"'5' is not an answer to 'ai_use'; choose one of: {AI_USE}"),
        ("ai_use", "sometimes", f"'sometimes' is not an answer to 'ai_use'; choose one of: {AI_USE}"),
        ("ai_use", {"a": 1}, "question 'ai_use': expected a word, found dict"),
        ("human_edge", [["empathy"]], "question 'human_edge': expected a word, found list"),
        ("human_edge", {"a": 1}, "question 'human_edge': expected a word, found dict"),
        (
            "human_edge",
            "empathy, bogus",
            f"'bogus' is not an answer to 'human_edge'; choose any of: {HUMAN_EDGE} (comma-separated; empty for none)",
        ),
        (
            "ai_tasks",
            ["rides"],
            f"'rides' is not an answer to 'ai_tasks'; choose any of: {WRITER_TASKS} (comma-separated; empty for none)",
        ),
    ],
)
def test_a_bad_value_is_named_with_the_choices(question: str, raw: object, expected: str) -> None:
    assert message(parse_value, PACK, question, WRITER, raw) == expected


def given(role: str | None = None, tasks: dict[str, object] | None = None, **answers: object) -> SimpleNamespace:
    """Answers given on the command line before a quiz."""
    return SimpleNamespace(role=role, tasks=tasks or {}, answers=answers)


def test_check_given_checks_what_it_can_before_the_role_is_known() -> None:
    check_given(PACK, given(ai_tasks="anything, for now", city="metro", ai_use="daily"))
    check_given(PACK, given("writer", {"drafting": 1}, ai_use="daily"))
    assert message(check_given, PACK, given("writer", ai_use="bogus")) == (
        f"'bogus' is not an answer to 'ai_use'; choose one of: {AI_USE}"
    )
    assert message(check_given, PACK, given("writer", {"rides": 1})) == (
        f"unknown task 'rides' for role 'writer'; choose from: {WRITER_TASKS}"
    )
    assert message(check_given, PACK, given(None, {"drafting": 1})) == (
        f"--task needs --role: task ids belong to a role; choose one of: {ROLES}"
    )
    assert message(check_given, PACK, given(nope="x")) == (
        f"unknown question 'nope'; choose from: {', '.join(PACK.questions)}"
    )
    assert message(check_given, PACK, given(ai_use="bogus")) == (
        f"'bogus' is not an answer to 'ai_use'; choose one of: {AI_USE}"
    )


def test_resolve_fills_the_typical_mix_and_every_default() -> None:
    answers = resolve(PACK, "Writer", None, {})
    assert answers == Answers(
        role="writer",
        shares={"outline": 0.15, "drafting": 0.3, "editing": 0.2, "research": 0.15, "voice": 0.1, "client": 0.1},
        values={
            "ai_use": "tried",
            "ai_tasks": (),
            "clients": "small_business",
            "output": "mixed",
            "human_edge": (),
            "lost_work": "unsure",
            "lost_reason": "suspect",
            "role_focus": "mixed",
            "ai_direction": "learning",
            "upskill": "none",
            "income_share": "most",
        },
        assumed=tuple(FREELANCER_QUESTIONS),
        typical_mix=True,
    )
    assert resolve(PACK, "writer", {}, {}).typical_mix is True


def test_resolve_keeps_given_answers_in_pack_order_and_assumes_the_rest() -> None:
    answers = resolve(PACK, "writer", {"voice": 1}, {"upskill": "both", "ai_use": "daily"})
    assert (answers.shares, answers.typical_mix) == ({"voice": 1.0}, False)
    assert list(answers.values) == FREELANCER_QUESTIONS
    assert (answers.values["ai_use"], answers.values["upskill"]) == ("daily", "both")
    assert answers.assumed == tuple(q for q in FREELANCER_QUESTIONS if q not in ("ai_use", "upskill"))


def test_strict_needs_every_answer() -> None:
    everything: dict[str, object] = {q: "" if q in ("ai_tasks", "human_edge") else None for q in FREELANCER_QUESTIONS}
    everything.update(ai_use="daily", clients="agencies", output="bespoke", lost_work="no")
    everything.update(lost_reason="other", role_focus="curator", ai_direction="yes", upskill="both", income_share="all")
    strict = resolve(PACK, "writer", None, everything, strict=True)
    assert strict.assumed == ()
    del everything["upskill"], everything["ai_use"]
    assert message(resolve, PACK, "writer", None, everything, strict=True) == (
        "--strict: no answer given for ai_use, upskill; pass --answer ID=VALUE for each "
        "(`aiexposure questions` lists the values)"
    )
    assert resolve(PACK, "writer", None, everything).assumed == ("ai_use", "upskill")


def test_resolve_refuses_questions_unknown_or_not_asked_of_the_role() -> None:
    assert message(resolve, PACK, "writer", None, {"nope": "x"}) == (
        f"unknown question 'nope'; choose from: {', '.join(PACK.questions)}"
    )
    assert message(resolve, PACK, "writer", None, {"city": "metro"}) == (
        "question 'city' is not asked of a writer (freelancer); the questions for this role are: "
        + ", ".join(FREELANCER_QUESTIONS)
    )
    assert message(resolve, PACK, "nobody", None, {}).startswith("unknown role 'nobody'")


def test_a_question_without_options_splits_on_every_comma() -> None:
    # the pack check refuses such a question; the splitter still copes (no longest name: one piece at a time)
    bare = copy_of(
        PACK,
        questions={**PACK.questions, "human_edge": PACK.questions["human_edge"].model_copy(update={"options": {}})},
    )
    assert split_choices(bare, "human_edge", "a, b,,c") == ["a", "b", "c"]


def test_hyphens_and_underscores_name_the_same_option() -> None:
    for typed in ("post-editing", "post_editing", "Post Editing"):
        assert parse_value(PACK, "ai_tasks", PACK.roles["translator"], typed) == ("post_editing",)


def test_a_near_miss_of_an_option_is_refused_with_the_answer_it_likely_meant() -> None:
    with pytest.raises(UserError) as caught:
        parse_value(PACK, "human_edge", PACK.roles["writer"], "humour")
    assert caught.value.message == (
        "'humour' is not an answer to 'human_edge'; choose any of: empathy, culture, humor, relationship, expertise, "
        "accountability (comma-separated; empty for none). Did you mean 'humor'?"
    )
    assert caught.value.in_language("id").endswith(". Mungkin maksudmu 'humor'?")
    with pytest.raises(UserError) as caught:
        parse_value(PACK, "ai_use", PACK.roles["writer"], "dayly")
    assert caught.value.message.endswith("; choose one of: never, tried, weekly, daily. Did you mean 'daily'?")


def test_a_near_miss_of_a_role_is_refused_with_the_role_it_likely_meant() -> None:
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "kuriir")
    assert caught.value.message.endswith("work too). Did you mean 'kurir' (role courier)?")
    assert caught.value.in_language("id").endswith("juga bisa). Mungkin maksudmu 'kurir' (peran courier)?")
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "tranlator")
    assert caught.value.message.endswith("work too). Did you mean 'translator'?")
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "astronaut")
    assert caught.value.message.endswith("work too)")


@pytest.mark.parametrize(
    ("words", "role"),
    [
        ("tukang ojek", "driver"),
        ("sopir taksi", "driver"),
        ("Sopir ojek online", "driver"),
        ("driver ojol", "driver"),
        ("desainer grafis", "designer"),
        ("designer grafis", "designer"),
        ("penerjemah lepas", "translator"),
        ("kurir paket", "courier"),
        ("ride_hailing-driver", "driver"),
    ],
)
def test_everyday_phrases_name_a_role(words: str, role: str) -> None:
    assert role_id_of(PACK, words) == role
