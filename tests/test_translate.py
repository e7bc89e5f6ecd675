"""The program's own messages (file errors, usage mistakes, pack loading) in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiexposure.cli.translate import translate
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["assess", "--rol", "writer"],
            "opsi --rol tidak dikenal (yang mirip: --role) (lihat '{CMD} assess --help')",
        ),
        (["assess", "--role"], "opsi '--role' perlu diisi (lihat 'aiexposure --help')"),
        (["assess", "writer"], "ada argumen yang tidak diharapkan (writer) (lihat '{CMD} assess --help')"),
        (["batch"], "argumen 'INPUT' belum diisi (lihat '{CMD} batch --help')"),
        (
            ["assess", "--role", "writer", "-f", "pdf"],
            "isi '--format' / '-f' tidak valid: 'pdf' bukan salah satu dari 'text', 'markdown', 'json', "
            "'html', 'short', 'card' (lihat '{CMD} assess --help')",
        ),
        (
            ["assess", "--role", "writer", "-o", "no/such/folder/x.md"],
            "tidak bisa menulis 'no/such/folder/x.md': berkas atau foldernya tidak ada; pilih lokasi lain dengan "
            "--output",
        ),
        (
            ["assess", "--answers", "missing.yaml"],
            "missing.yaml: berkas tidak bisa dibaca: berkas atau foldernya tidak ada",
        ),
        (["--rules", ".", "assess", "--role", "writer"], "folder paket aturan '.' tidak berisi berkas *.yaml"),
    ],
)
def test_mistakes_below_the_pack_read_in_indonesian(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(tmp_path, "--lang", "id", *args)
    # the tests run `python -m aiexposure`, which is how click names the command in its help hint
    expected = message.replace("{CMD}", "python -m aiexposure")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"aiexposure: {expected}\n")


def test_english_stays_as_it_was_and_unknown_messages_are_left_alone() -> None:
    assert translate(PACK, "No such option: --x", "en") is None
    assert translate(PACK, "something the program never says", "id") is None
    assert translate(PACK, "No such option: --x", "id") == "opsi --x tidak dikenal"
