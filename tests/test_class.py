"""A class as an instructor meets it: a Google-Forms-style export in Indonesian, ids in a column named their own
way, resubmissions, a mixed row, a wrong label, an anonymous variant; and a student's own answers read by assess."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from aiexposure.batch.people import latest, person_key, stamp_values
from aiexposure.batch.read import Vocabulary, id_rank
from aiexposure.batch.run import run_batch
from aiexposure.errors import ExitCode
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())
Q = PACK.questions
ASK = PACK.messages["quiz_task_time"].id
DRIVER = PACK.roles["driver"]
COURIER = PACK.roles["courier"]


def task(role_id: str, task_id: str) -> str:
    return ASK.replace("{task}", PACK.roles[role_id].tasks[task_id].label.id)


HEADER = [
    "Stempel waktu",
    "NIM",
    "Nama lengkap",
    "Apa pekerjaan utamamu?",
    task("driver", "rides"),
    task("driver", "food"),
    task("courier", "last_mile"),
    task("courier", "sorting"),
    Q["ai_use"].prompt.id,
]


def row(stamp: str, nim: str, name: str, role: str, cells: list[str], ai_use: str) -> list[str]:
    return [stamp, nim, name, role, *cells, ai_use]


D, K = DRIVER.label.id, COURIER.label.id
BEFORE = [
    HEADER,
    row("07/11/2026 09:00:01", "2301", "Budi", D, ["Sebagian besar waktuku", "Sedikit", "", ""], "Tidak pernah"),
    row("07/11/2026 09:01:00", "2302", "Siti", K, ["", "", "Lumayan banyak", "Sedikit"], "Tidak pernah"),
    row("07/11/2026 09:02:00", "2303", "Agus", D, ["Lumayan banyak", "Lumayan banyak", "", ""], ""),
]
AFTER = [
    HEADER,
    row("14/11/2026 09:00:00", "2301", "Budi S.", D, ["Sebagian besar waktuku", "Sedikit", "", ""], "Setiap minggu"),
    row("14/11/2026 09:05:00", "2302", "Siti", K, ["", "", "Lumayan banyak", "Sedikit"], "Tidak pernah"),
    row("14/11/2026 09:07:00", "2303", "Agus", D, ["Lumayan banyak", "Sedikit", "", ""], "Setiap minggu"),
    # Siti sends the form again: this later row is hers
    row(
        "14/11/2026 10:30:00", "2302", "Siti A.", K, ["", "", "Sebagian besar waktuku", "Sedikit"], "Setiap hari kerja"
    ),
    ["", "", "", "", "", "", "", "", ""],  # an empty row: not a person
    row("14/11/2026 10:40:00", "2304", "Rina", K, ["", "", "70%", "Sebagian besar waktuku"], ""),  # mixed
    row("14/11/2026 10:41:00", "2305", "Joko", D, ["Sedikit", "", "", ""], "Kadang-kadang"),  # no such answer
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def results(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_class_before_and_after_matched_by_nim_with_a_resubmission(tmp_path: Path) -> None:
    before, after = write(tmp_path / "sebelum.csv", BEFORE), write(tmp_path / "sesudah.csv", AFTER)
    done = run_cli(tmp_path, "--lang", "id", "batch", "sesudah.csv", "--before", "sebelum.csv", "--out-dir", "hasil")
    assert done.returncode == ExitCode.SOME_REJECTED  # Rina's and Joko's rows, in this file
    assert done.stderr.splitlines() == [
        "aiexposure: 3 dari 5 orang dinilai, 2 ditolak; hasil disimpan di hasil/results.csv, hasil/summary.md, "
        "hasil/summary.html",
        "aiexposure: 1 baris diganti oleh kiriman berikutnya dari orang yang sama (daftarnya ada di summary.md)",
    ]
    got = [
        (r["row"], r["id"], r["status"], r["role_label"], r["verdict_label"] != "") for r in results(tmp_path / "hasil")
    ]
    assert got == [
        ("2", "2301", "ok", D, True),
        ("3", "2302", "replaced", "", False),
        ("4", "2303", "ok", D, True),
        ("5", "2302", "ok", K, True),
        ("6", "", "empty", "", False),
        ("7", "2304", "rejected", "", False),
        ("8", "2305", "rejected", "", False),
    ]
    reasons = {r["id"]: r["error"] for r in results(tmp_path / "hasil") if r["status"] != "ok"}
    # the reasons name the form's cells and answers as the form wrote them, in Indonesian
    assert reasons["2304"] == (
        'pembagian waktunya mencampur angka dan jawaban kata ("Antar paket sampai ke rumah di kota" = 70%; '
        '"Sortir dan muat paket di gudang" = Sebagian besar waktuku); isi semua tugas dengan angka, atau semua '
        "dengan jawaban kata"
    )
    assert reasons["2305"] == (
        "'Kadang-kadang' bukan jawaban untuk \"Seberapa sering kamu memakai alat AI dalam pekerjaan?\"; pilihan "
        'jawabannya: "Tidak pernah", "Pernah coba beberapa kali", "Setiap minggu", "Setiap hari kerja"'
    )
    assert reasons["2302"] == "diganti oleh kiriman berikutnya dari orang yang sama di baris 5"
    summary = (tmp_path / "hasil" / "summary.md").read_text(encoding="utf-8")
    assert "| Ada di kedua berkas | 3 |" in summary and "> **" not in summary  # all three matched: no warning
    assert before.exists() and after.exists()


def test_an_anonymous_form_cannot_be_matched_and_says_why_with_exit_4(tmp_path: Path) -> None:
    anonymous = [[cell for i, cell in enumerate(r) if i not in (1, 2)] for r in BEFORE]
    write(tmp_path / "sebelum.csv", anonymous)
    write(tmp_path / "sesudah.csv", [[cell for i, cell in enumerate(r) if i not in (1, 2)] for r in AFTER[:4]])
    done = run_cli(tmp_path, "--lang", "id", "batch", "sesudah.csv", "--before", "sebelum.csv", "--out-dir", "hasil")
    assert done.returncode == ExitCode.FEW_MATCHED
    why = (
        "Tidak ada satu pun dari 3 orang yang dinilai di berkas ini yang ditemukan di sebelum.csv, jadi tidak ada "
        "perubahan yang bisa ditampilkan. Berkas ini tidak punya kolom yang menandai tiap peserta (misalnya "
        '"Nomor peserta" atau email), jadi orangnya tidak bisa dicocokkan. Tambahkan pertanyaan nomor peserta di '
        "kedua formulir, atau sebutkan kolomnya dengan --id-column."
    )
    assert done.stderr.splitlines()[-1] == f"aiexposure: {why}"
    summary = (tmp_path / "hasil" / "summary.md").read_text(encoding="utf-8")
    assert f"> **{why.replace('.csv', '.csv')}**".replace("sebelum.csv", "sebelum.csv") in summary.replace("\\", "")
    page = (tmp_path / "hasil" / "summary.html").read_text(encoding="utf-8")
    assert '<p class="callout">Tidak ada satu pun dari 3 orang' in page


def test_id_column_names_the_column_people_are_matched_by(tmp_path: Path) -> None:
    write(tmp_path / "sebelum.csv", BEFORE)
    write(tmp_path / "sesudah.csv", AFTER[:5])
    outcome = run_batch(
        PACK, "id", tmp_path / "sesudah.csv", tmp_path / "hasil", before=tmp_path / "sebelum.csv",
        id_column="nama lengkap",
    )  # fmt: skip
    # by name, Budi wrote "Budi S." after, and Siti "Siti A." on her second submission: two more people, so
    # Siti and Agus, 2 of 4, are matched: half is enough
    assert (outcome.rows, outcome.replaced, outcome.exit_code, outcome.match_problem) == (4, 0, ExitCode.OK, None)
    write(tmp_path / "sesudah.csv", [*AFTER[:5], row("", "", "Rina", D, ["Sedikit", "", "", ""], "")])
    outcome = run_batch(
        PACK, "id", tmp_path / "sesudah.csv", tmp_path / "hasil", before=tmp_path / "sebelum.csv",
        id_column="nama lengkap",
    )  # fmt: skip
    assert outcome.exit_code == ExitCode.FEW_MATCHED
    assert outcome.match_problem == (
        "Hanya 2 dari 5 orang yang dinilai di berkas ini yang ditemukan di sebelum.csv, jadi perubahannya mencakup "
        'kurang dari separuh mereka. Isi kolom "Nama lengkap" berbeda di kedua berkas: berkas ini berisi Budi S., '
        "Siti A., Rina, berkas sebelum berisi Budi. Pastikan kedua formulir menanyakan nomor peserta yang sama, "
        "dengan cara penulisan yang sama."
    )
    # each file names people by the first of the --id-column names it has
    write(
        tmp_path / "before2.csv",
        [["Nomor peserta", *r[2:]] if i == 0 else [r[1], *r[2:]] for i, r in enumerate(BEFORE)],
    )
    outcome = run_batch(
        PACK, "id", tmp_path / "sesudah.csv", tmp_path / "hasil", before=tmp_path / "before2.csv",
        id_column=("NIM", "Nomor peserta"),
    )  # fmt: skip
    assert (outcome.rows, outcome.replaced, outcome.exit_code) == (4, 1, ExitCode.OK)
    done = run_cli(tmp_path, "batch", "sesudah.csv", "--id-column", "Nomor HP", "--out-dir", "x")
    assert (done.returncode, done.stderr) == (
        2,
        'aiexposure: sesudah.csv: no column "Nomor HP" for --id-column; its columns are: "Stempel waktu", "NIM", '
        '"Nama lengkap"\n',
    )


@pytest.mark.parametrize(
    ("header", "rank"),
    [
        ("Nomor peserta", 0),
        ("No. Peserta", 0),
        ("ID peserta", 0),
        ("NIM", 0),
        ("Nomor Peserta Prakerja", 0),
        ("Participant number", 0),
        ("Email", 1),
        ("Alamat email", 1),
        ("Nama lengkap", 2),
        ("Your name", 2),
        ("Kota asal", None),
        ("Apa nama platform tempat kamu paling sering bekerja sekarang ini?", None),  # a question, not an id
    ],
)
def test_id_headers_people_write(header: str, rank: int | None) -> None:
    column = Vocabulary.of(PACK).column(header)
    assert (column.rank if column is not None and column.kind == "id" else None) == rank
    if rank is not None and column is not None:
        assert id_rank(header) in (rank, None)


def test_the_best_id_column_wins_and_a_timestamp_names_no_one() -> None:
    layout = Vocabulary.of(PACK).layout(["Timestamp", "Nama lengkap", "Email address", "NIM", "role"])
    assert (layout.id_header, layout.time_column) == ("NIM", 0)
    assert [c.kind if c else None for c in layout.columns] == ["time", "known", "known", "id", "role"]


def test_people_keys_and_timestamps() -> None:
    assert person_key(" Budi  Santoso ") == person_key("budi santoso") == "budi santoso"
    assert person_key("007") == person_key("7") == "7" and person_key("000") == "0"
    assert stamp_values("2026/11/14 9:05:00 PM GMT+7") == (20261114210500, -1, -1)
    assert stamp_values("14/11/2026 21:05:00") == (-1, 20261114210500, -1)
    assert stamp_values("11/12/2026 12:00:00 AM") == (-1, 20261211000000, 20261112000000)
    assert stamp_values("kemarin") == (-1, -1, -1)
    # 13/11 cannot be month/day: the file's dates are day/month, and the 12 November row is the earlier one
    found = latest([(2, "a", "12/11/2026 10:00"), (3, "a", "11/12/2026 10:00"), (4, "b", "13/11/2026 10:00")])
    assert (found.replaced, found.order) == ({2: 3}, "dmy")
    # no readable timestamps: the row further down the file is the later one
    assert latest([(2, "a", ""), (5, "A", ""), (3, "a", "")]).replaced == {2: 5, 3: 5}


def test_assess_reads_a_forms_labels_and_quick_answers(tmp_path: Path) -> None:
    (tmp_path / "jawaban.yaml").write_text(
        f"role: {D}\n"
        "tasks:\n"
        f"  {DRIVER.tasks['rides'].label.id}: Lumayan banyak\n"
        f"  {DRIVER.tasks['food'].label.id}: Sedikit\n"
        "answers:\n"
        f"  {Q['ai_use'].prompt.id}: Setiap minggu\n",
        encoding="utf-8",
    )
    by_label = run_cli(tmp_path, "assess", "--answers", "jawaban.yaml", "--format", "json")
    by_id = run_cli(
        tmp_path, "assess", "--role", "driver", "--task", "rides=2", "--task", "food=1", "--answer", "ai_use=weekly",
        "--format", "json",
    )  # fmt: skip
    assert by_label.returncode == 0, by_label.stderr
    assert json.loads(by_label.stdout)["risk"] == json.loads(by_id.stdout)["risk"]
    assert json.loads(by_label.stdout)["answers"]["ai_use"] == "weekly"
    task_flag = run_cli(tmp_path, "assess", "--role", "ojol", "--task", "Mengantar penumpang=Lumayan banyak")
    assert task_flag.returncode == 0, task_flag.stderr


def test_a_template_header_with_indonesian_labels_is_answered_in_indonesian(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,role,ai_use\na,Penulis,sometimes\nb,Writer,sometimes\n", encoding="utf-8")
    run_batch(PACK, "en", tmp_path / "in.csv", tmp_path / "out")
    assert [r["error"] for r in results(tmp_path / "out")] == [
        """'sometimes' is not an answer to "ai_use"; the answers are: "Tidak pernah", "Pernah coba beberapa kali","""
        """ "Setiap minggu", "Setiap hari kerja\"""",
        """'sometimes' is not an answer to "ai_use"; the answers are: "Never", "I have tried it a few times","""
        """ "Every week", "Every working day\"""",
    ]
