"""Someone whose work no role covers: which roles come nearest and what the tool cannot judge, in the quiz, in
`assess --role` and in batch, in both languages."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from aiexposure.batch.run import run_batch
from aiexposure.batch.template import template_markdown
from aiexposure.errors import UserError
from aiexposure.model.answers import role_id_of, unlisted_work
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.model.unlisted import NEAR, _Index, nearest_roles
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import Texts
from aiexposure.pack.names import is_typo
from aiexposure.pack.schema import Lang
from aiexposure.quiz.prompts import Prompter
from aiexposure.quiz.run import run_quiz
from clirun import run_cli

PACK = load_pack(default_rules_dir())
DOWN, ENTER = "\x1b[B", "\r"
UNLISTED = len(PACK.roles)  # the quiz lists the roles, then "my work is not on the list"
DRIVER_TASKS = {
    "en": "Passenger trips; Food and parcel orders; Navigation and order handling in the app; Customer service and "
    "local knowledge; Vehicle upkeep",
    "id": "Mengantar penumpang; Antar makanan dan paket; Navigasi dan mengurus order di aplikasi; Melayani pelanggan "
    "dan mengenal wilayah setempat; Merawat kendaraan",
}


@pytest.mark.parametrize(
    ("work", "nearest"),
    [
        ("sopir truk", ["driver"]),  # 'sopir' names only the driver
        ("Penulis berita", ["writer"]),
        ("desain interior", ["designer"]),  # 'desain' is the designer's word
        ("penerjemah tersumpah", ["translator"]),
        ("kurir makanan", ["courier"]),
        ("freelancer", ["writer", "designer", "translator"]),  # a word four freelance roles have: tied, three shown
        ("guru", []),  # nothing shared
        ("tukang bangunan", []),  # 'tukang' is in two roles' words: too common a word to say which
        ("tukang sablon", ["designer"]),  # the designer's related work
        ("jurnalis", ["writer"]),  # the writer's related work
        ("", []),
    ],
)
def test_nearest_roles_by_their_names(work: str, nearest: list[str]) -> None:
    assert nearest_roles(PACK, work) == nearest


def test_the_near_line_on_both_sides() -> None:
    index = _Index(PACK)
    # shared weight over both names' weight: 'desain' (one role) against 'desain grafis' with one unknown word each
    w = index.weight("desain")
    assert index.score("desain interior", "desain") == pytest.approx(2 * w / (2 * w + index.unknown))
    # 'tukang' is in the driver's and the designer's words: it weighs less than a word of one role
    assert index.weight("tukang") < index.weight("desain") == index.unknown
    shared = 2 * index.weight("tukang") / (2 * index.weight("tukang") + 2 * index.unknown)
    assert index.score("tukang bangunan", "tukang desain") == pytest.approx(shared) and shared < NEAR
    assert index.score("desain interior", "desain grafis") >= NEAR


def test_a_typo_is_not_unlisted_work() -> None:
    assert is_typo("kuriir", "kurir") and is_typo("tukang ojeg", "tukang ojek")
    assert not is_typo("sopir truk", "sopir taksi")  # the whole is alike, the second word is not
    assert (unlisted_work(PACK, "kuriir"), unlisted_work(PACK, "sopir truk"), unlisted_work(PACK, "pilot")) == (
        False, True, False,
    )  # fmt: skip
    assert not unlisted_work(PACK, "ojol")  # a word of the driver's: listed


@pytest.mark.parametrize("lang", ["en", "id"])
def test_assess_names_the_nearest_role_and_what_it_cannot_judge(tmp_path: Path, lang: Lang) -> None:
    run = run_cli(tmp_path, "--lang", lang, "assess", "--role", "sopir truk")
    assert run.returncode == 2 and run.stdout == ""
    expected = {
        "en": [
            "aiexposure: “sopir truk” is not one of the kinds of work this tool knows. "
            "The nearest: Ride-hailing driver (motorbike or car).",
            f"Ride-hailing driver (motorbike or car) covers these tasks: {DRIVER_TASKS['en']}.",
            "The tool knows only the tasks of the work it lists, and what studies found about those trades. "
            "It cannot judge time you spend on other tasks, or demand for your own trade.",
            "If most of your time goes to tasks like these, run it again with --role driver. "
            "Read the result as a rough guide.",
        ],
        "id": [
            "aiexposure: “sopir truk” belum ada di daftar pekerjaan yang dikenal alat ini. "
            "Yang paling dekat: Pengemudi ojol atau taksi online.",
            f"Pengemudi ojol atau taksi online mencakup tugas ini: {DRIVER_TASKS['id']}.",
            "Alat ini hanya mengenal tugas dari pekerjaan di daftarnya, dan temuan penelitian tentang bidang itu. "
            "Alat ini tidak bisa menilai waktu yang kamu pakai untuk tugas lain, atau permintaan di bidangmu sendiri.",
            "Kalau sebagian besar waktumu untuk tugas seperti itu, jalankan lagi dengan --role driver. "
            "Anggap hasilnya gambaran kasar saja.",
        ],
    }
    assert run.stderr.splitlines() == expected[lang]


def test_a_typo_still_gets_the_name_it_meant_and_no_near_role_the_whole_list() -> None:
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "kuriir")
    assert caught.value.message.endswith("Did you mean 'kurir' (role courier)?")
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "pilot")
    assert caught.value.message.startswith("unknown role 'pilot'; choose one of: writer, designer, translator")


def _rows(tmp_path: Path, lang: Lang, text: str, name: str) -> list[dict[str, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    outcome = run_batch(PACK, lang, tmp_path / name, tmp_path / "out")
    assert outcome.exit_code == 3
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8") as found:
        return list(csv.DictReader(found))


BATCH_REASONS = {
    "en": "“{work}” is not one of the kinds of work this tool knows. The nearest: {roles}. The tool cannot judge "
    "tasks outside those roles, or demand for this person's own trade. If their work is mostly like one of them, "
    "write that role in the cell.",
    "id": "“{work}” belum ada di daftar pekerjaan yang dikenal alat ini. Yang paling dekat: {roles}. Alat ini tidak "
    "bisa menilai tugas di luar peran itu, atau permintaan di bidang orang ini sendiri. Kalau pekerjaannya sebagian "
    "besar mirip salah satunya, tulis peran itu di sel ini.",
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_batch_row_with_an_unlisted_trade_names_the_nearest_roles(tmp_path: Path, lang: Lang) -> None:
    # the header is the Indonesian form's question: the role labels in the reason are the form's, Indonesian
    header = PACK.messages["quiz_role"].id
    text = f'id,"{header}",ai_use\n1,sopir truk,daily\n2,freelancer,\n3,pilot,\n4,Penulis,\n'
    rows = _rows(tmp_path, lang, text, "in.csv")
    assert [(r["id"], r["status"]) for r in rows] == [("1", "rejected"), ("2", "rejected"), ("3", "rejected"),
                                                      ("4", "ok")]  # fmt: skip
    assert rows[0]["error"] == BATCH_REASONS[lang].format(work="sopir truk", roles="Pengemudi ojol atau taksi online")
    both = "Penulis, Desainer grafis and Penerjemah" if lang == "en" else "Penulis, Desainer grafis dan Penerjemah"
    assert rows[1]["error"] == BATCH_REASONS[lang].format(work="freelancer", roles=both)
    # no role near: every role is named, as for any answer the form does not offer
    assert rows[2]["error"].startswith("'pilot' is not an answer to" if lang == "en" else "'pilot' bukan jawaban")
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "Pengemudi ojol atau taksi online" in summary


def test_a_jsonl_row_with_an_unlisted_trade_names_the_nearest_roles(tmp_path: Path) -> None:
    lines = [{"id": "a", "role": "sopir truk"}, {"id": "b", "role": "ojol"}, {"id": "c", "role": "Tukang Ojek"}]
    rows = _rows(tmp_path, "en", "".join(json.dumps(line) + "\n" for line in lines), "in.jsonl")
    assert rows[0]["error"] == BATCH_REASONS["en"].format(
        work="sopir truk", roles="Ride-hailing driver (motorbike or car)"
    )
    # the driver's everyday words are the driver, not work near it
    assert [(r["id"], r["status"], r["role"]) for r in rows[1:]] == [("b", "ok", "driver"), ("c", "ok", "driver")]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_form_guide_says_an_other_answer_is_read(lang: Lang) -> None:
    guide = template_markdown(PACK, lang)
    line = PACK.messages["batch_guide_role_other"](lang)
    assert f"- {PACK.roles['courier'].label(lang)}\n\n{line}\n" in guide


def quiz(keys: str, lang: Lang = "en", given: RawAnswers | None = None, save: str | None = None) -> str:
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompter = Prompter(Texts(PACK, lang), stream=out, input=pipe, output=DummyOutput())
        run_quiz(PACK, lang, given or RawAnswers(), None, save, prompter=prompter)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_quiz_offers_work_not_on_the_list_and_stops_when_asked(lang: Lang) -> None:
    # the choice after the roles; the work typed; the last choice: stop
    printed = quiz(DOWN * UNLISTED + ENTER + "sopir truk" + ENTER + DOWN * 2 + ENTER, lang)
    t = Texts(PACK, lang)
    lines = printed.splitlines()
    start = lines.index(t("unlisted_nearest", work="sopir truk", roles=PACK.roles["driver"].label(lang)))
    assert lines[start : start + 4] == [
        t("unlisted_nearest", work="sopir truk", roles=PACK.roles["driver"].label(lang)),
        t("unlisted_role_tasks", role=PACK.roles["driver"].label(lang), tasks=DRIVER_TASKS[lang]),
        t("unlisted_cannot_judge"),
        t("quiz_role_unlisted_stopped"),
    ]


def test_the_quiz_answers_as_the_nearest_role_when_chosen(tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    # not on the list, 'sopir truk', the nearest (the driver), the typical split, eleven defaults, the review
    printed = quiz(DOWN * UNLISTED + ENTER + "sopir truk" + ENTER + ENTER + ENTER + ENTER * 10 + ENTER, save=str(saved))
    assert "role: driver" in saved.read_text(encoding="utf-8")
    assert "  1. Role → Ride-hailing driver (motorbike or car)" in printed


def test_the_quiz_goes_back_to_the_list_and_takes_a_listed_name(tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    # not on the list, 'sopir truk', "show the whole list again", not on the list, 'ojol' (the driver's word)
    keys = DOWN * UNLISTED + ENTER + "sopir truk" + ENTER + DOWN + ENTER + DOWN * UNLISTED + ENTER + "ojol" + ENTER
    quiz(keys + ENTER + ENTER * 10 + ENTER, save=str(saved))
    assert "role: driver" in saved.read_text(encoding="utf-8")


def test_quiz_with_an_unlisted_role_starts_with_the_nearest(tmp_path: Path) -> None:
    printed = quiz(DOWN * 2 + ENTER, "id", RawAnswers(role="penulis berita"))
    assert (
        "“penulis berita” belum ada di daftar pekerjaan yang dikenal alat ini. Yang paling dekat: Penulis." in printed
    )
    assert printed.rstrip().endswith(PACK.messages["quiz_role_unlisted_stopped"].id)


def test_the_quiz_in_a_terminal_ends_with_exit_0_when_the_person_stops(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "AIEXPOSURE_LANG": "id", "COLUMNS": "100"}
    child = pexpect.spawn(
        sys.executable, ["-m", "aiexposure", "quiz", "--role", "sopir truk"], cwd=str(tmp_path), env=env,
        encoding="utf-8", timeout=20, dimensions=(50, 100),
    )  # fmt: skip
    child.expect_exact("Yang paling dekat:")  # the line wraps at the screen's width
    child.expect_exact("Tidak, berhenti di sini")  # the last choice is on screen
    child.send(DOWN * 2 + ENTER)  # the nearest, the whole list, stop
    child.expect_exact("Tidak ada yang dinilai")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


def test_the_quiz_without_a_terminal_still_asks_for_one(tmp_path: Path) -> None:
    run = run_cli(tmp_path, "quiz", "--role", "sopir truk")
    assert run.returncode == 2 and "terminal" in run.stderr
