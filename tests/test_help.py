"""`--help` in the reader's language: every command's and option's words come from the pack in Indonesian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from aiexposure.cli.app import app
from aiexposure.cli.help import argv_language, help_keys, shows_help, walk
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import REQUIRED_MESSAGES, Texts
from clirun import run_cli

PACK = load_pack(default_rules_dir())
ENGLISH = re.compile(r"\b(Usage|Options|Commands|Arguments|Show this message|required|default:|Your role|Language)\b")


def test_every_command_and_option_has_its_words_in_the_pack_and_english_agrees() -> None:
    texts = Texts(PACK, "en")
    keys = help_keys(app, texts)
    assert sorted(set(keys) - set(REQUIRED_MESSAGES)) == []
    declared = []
    for _path, command in walk(typer.main.get_command(app)):
        declared.append(command.help)
        declared += [param.help for param in command.params]
    # the English in the pack is the help declared with the options, word for word
    assert [texts(key) for key in keys] == declared


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--lang", "id", "--help"), {}),
        (("--lang=id", "assess", "--help"), {}),
        (("assess", "--help", "--lang", "id"), {}),
        (("quiz", "--help"), {"LC_ALL": "", "LANG": "id_ID.UTF-8"}),
        (("--lang", "id", "rules"), {}),
        (("--lang", "id", "history", "compare", "--help"), {}),
        (("--lang", "id", "batch", "--help"), {}),
    ],
)
def test_indonesian_help_has_no_english(tmp_path: Path, args: tuple[str, ...], env: dict[str, str]) -> None:
    result = run_cli(tmp_path, *args, env={"COLUMNS": "80", **env})
    # a group named alone (`rules`) prints its help as a mistake: on stderr, exit 2
    shown = result.stdout if result.returncode == 0 else result.stderr
    assert (result.returncode, shown[:32]) == (0 if "--help" in args else 2, "Cara pakai: python -m aiexposure")
    assert ENGLISH.findall(shown) == []


def test_the_top_help_in_indonesian(tmp_path: Path) -> None:
    out = run_cli(tmp_path, "--lang", "id", "--help", env={"COLUMNS": "80"}).stdout
    assert out.splitlines()[:4] == [
        "Cara pakai: python -m aiexposure [OPSI] PERINTAH [ARGUMEN]...",
        "",
        "  Seberapa jauh AI bisa menjangkau pekerjaan lepasmu, atau kerjamu sebagai",
        "  pengemudi atau kurir, dan apa yang bisa kamu lakukan?",
    ]
    assert "  --help          Tampilkan bantuan ini, lalu keluar.\n" in out
    assert "\nPerintah:\n  assess     Menilai jawaban" in out


def test_english_help_is_unchanged(tmp_path: Path) -> None:
    out = run_cli(tmp_path, "--help", env={"COLUMNS": "80"}).stdout
    assert out.startswith("Usage: python -m aiexposure [OPTIONS] COMMAND [ARGS]...\n")
    assert "  --role ROLE " in run_cli(tmp_path, "assess", "--help", env={"COLUMNS": "80"}).stdout


def test_the_language_is_read_before_the_command_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIEXPOSURE_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert argv_language(["assess", "--lang", "id", "--help"]) == "id"
    assert argv_language(["--lang=id"]) == "id"
    assert argv_language(["--lang", "xx", "--help"]) == "en"  # the app itself reports the bad language
    assert argv_language(["assess"]) == "en"
    command = typer.main.get_command(app)
    assert shows_help(command, []) and shows_help(command, ["--lang", "id", "rules"])
    assert shows_help(command, ["history", "compare", "--help"])
    assert not shows_help(command, ["--lang", "id", "assess", "--role", "ojol"])
    assert not shows_help(command, ["rules", "check"])
