"""People's own words for their work, and answers given twice on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve, role_id_of
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())


@pytest.mark.parametrize(
    ("said", "role"),
    [
        ("ojol", "driver"),
        ("Ojek Online", "driver"),
        ("sopir", "driver"),
        ("kurir", "courier"),
        ("Kurir", "courier"),
        ("penerjemah", "translator"),
        ("Penulis", "writer"),
        ("WRITER", "writer"),
        ("copywriter", "writer"),
        ("Graphic designer", "designer"),
        ("desainer", "designer"),
        ("Pengemudi ojol atau taksi online", "driver"),
        ("editor video", "video_editor"),
        ("Tukang edit video", "video_editor"),
        ("programmer", "web_developer"),
        ("Web Developer", "web_developer"),
        ("admin sosmed", "social_media"),
        ("Admin Media Sosial", "social_media"),
        ("VA", "virtual_assistant"),
        ("admin olshop", "virtual_assistant"),
        ("data entry", "data_entry"),
        ("input data", "data_entry"),
    ],
)
def test_a_role_is_found_by_id_label_or_everyday_word(said: str, role: str) -> None:
    assert role_id_of(PACK, said) == role
    assert resolve(PACK, said, None, {}).role == role


def test_an_unknown_role_lists_the_roles_in_the_persons_language() -> None:
    with pytest.raises(UserError) as caught:
        role_id_of(PACK, "pilot")
    assert caught.value.in_language("id") == (
        "peran 'pilot' tidak dikenal; pilih salah satu: writer (Penulis), designer (Desainer grafis), "
        "translator (Penerjemah), video_editor (Editor video), web_developer (Programmer web dan aplikasi), "
        "social_media (Admin media sosial), virtual_assistant (Asisten virtual), "
        "data_entry (Pekerja entri data), driver (Pengemudi ojol atau taksi online), courier (Kurir) "
        "(kata sehari-hari seperti ojol, kurir, atau penerjemah juga bisa)"
    )
    assert caught.value.message.endswith(
        "choose one of: writer, designer, translator, video_editor, web_developer, social_media, "
        "virtual_assistant, data_entry, driver, courier "
        "(everyday words such as ojol, kurir or penerjemah work too)"
    )


def test_role_words_work_in_assess_questions_and_batch(tmp_path: Path) -> None:
    report = run_cli(tmp_path, "--lang", "id", "assess", "--role", "ojol", "--format", "json")
    assert (report.returncode, json.loads(report.stdout)["role"]) == (0, "driver")
    listed = run_cli(tmp_path, "questions", "--role", "kurir", "--format", "json")
    assert listed.returncode == 0 and "vehicle" in {q["id"] for q in json.loads(listed.stdout)}
    (tmp_path / "class.csv").write_text("id,role\nana,penerjemah\nbudi,ojol\n", encoding="utf-8")
    batch = run_cli(tmp_path, "batch", "class.csv", "--out-dir", "out")
    assert batch.returncode == 0, batch.stderr
    rows = (tmp_path / "out" / "results.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[4] for r in rows[1:]] == ["translator", "driver"]


def test_rules_check_refuses_a_word_claimed_by_two_roles(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    roles = folder / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("words: [kurir paket,", "words: [ojol, kurir paket,"), encoding="utf-8")
    result = run_cli(tmp_path, "rules", "check", str(folder))
    assert result.returncode == 2
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "words: [kurir paket," in row)
    assert f"roles.yaml:{line}:" in result.stderr
    assert "roles.courier.words.0: 'ojol' already names the role 'driver'" in result.stderr


def test_a_multi_select_answer_given_twice_keeps_both(tmp_path: Path) -> None:
    args = ["assess", "--role", "writer", "--format", "json", "--answer", "human_edge=empathy"]
    result = run_cli(tmp_path, *args, "--answer", "human_edge=humor,culture")
    assert json.loads(result.stdout)["answers"]["human_edge"] == ["empathy", "culture", "humor"]


def test_a_single_answer_given_twice_differently_is_a_mistake(tmp_path: Path) -> None:
    args = ["assess", "--role", "writer", "--answer", "ai_use=daily"]
    result = run_cli(tmp_path, *args, "--answer", "ai_use=never")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "aiexposure: --answer ai_use is given twice with different values (daily, never); "
        "a question with one answer takes one value\n"
    )
    same = run_cli(tmp_path, *args, "--answer", "ai_use=daily", "--format", "json")
    assert (same.returncode, json.loads(same.stdout)["answers"]["ai_use"]) == (0, "daily")


def test_a_source_with_an_indonesian_name_reads_so_in_indonesian(tmp_path: Path) -> None:
    report = run_cli(tmp_path, "--lang", "id", "assess", "--role", "ojol", "--format", "markdown").stdout
    assert "(Taksi tanpa sopir, 2025)" in report and "Driverless taxis, 2025" not in report
    assert "penilaian aiexposure" in report and "aiexposure judgement" not in report
    english = run_cli(tmp_path, "assess", "--role", "ojol", "--format", "markdown").stdout
    assert "(Driverless taxis, 2025)" in english
