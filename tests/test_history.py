"""The personal history: keeping results, listing, showing, comparing, exporting, forgetting, and a file that is
private, shared safely by parallel runs, and never touched when it is damaged or not ours."""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import os
import resource
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from aiexposure.batch.run import run_batch
from aiexposure.cli.app import app, main
from aiexposure.errors import UserError
from aiexposure.history import store as history_store
from aiexposure.history.store import APPLICATION_ID, FILE_NAME, Store
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.messages import Texts
from aiexposure.quiz.prompts import Prompter
from aiexposure.quiz.run import run_quiz
from clirun import clean_env
from test_compare import DRIVER, DRIVER_MIX

PACK = load_pack(default_rules_dir())
# typer builds the click command from `app` on every run (about 30 ms, a third of a run); forked runs reuse this one
COMMAND = typer.main.get_command(app)
DOWN, ENTER = "\x1b[B", "\r"

# A writer with every default but ai_use=never (hand-checked; every default is worked out in tests/test_batch.py:
# exposure 55.1, pressure 30.7, evolution 35, hazard 47.7, and the unsure loss kept, K = .2025*.3*.6*.7*.92 = .02347):
#   acceleration 0; adaptation .34*.35 (evolution 35) = .119 -> 11.9
#   risk = hazard * (1 - .65 * adaptation) + K * .65 * adaptation
#        = .477 * (1 - .65*.119) + .02347 * .65*.119 = .44010 + .00182 = .44192 -> 44.2
NEVER = ["--role", "writer", "--answer", "ai_use=never"]
# ai_use=daily: acceleration .5 * 1 * .5454 (augmentable share) = .2727 -> 27.3; adaptation .46*.273 + .119
#   = .24458 -> 24.5; risk .477 * (1 - .65*.245) + .02347 * .65*.245 = .40104 + .00374 = .40478 -> 40.5
DAILY = ["--role", "writer", "--answer", "ai_use=daily"]
# and upskill=both (1.0): evolution .35*.5 + .35*.5 + .3 = .65; with drafting 50 / client 50: exposure
#   .5*.56 + .5*.41 = .485, augmentable share .205/.485 = .4227, acceleration .5 * .4227 = .2113 -> 21.1;
#   adaptation .46*.211 + .34*.65 = .31806 -> 31.8; pressure .575*.28 + .05 + .025 + .06 + .02835 = .32435 -> 32.4;
#   genai over the next years .28 + .205*.7 (client, near) = .4235; hazard (.45*.4235 + .9*.324) x .92 = .4436 -> 44.4;
#   risk .444 * (1 - .65*.318) + .02347 * .65*.318 = .35223 + .00485 = .35708 -> 35.7
LATER = [*DAILY, "--answer", "upskill=both", "--task", "drafting=50", "--task", "client=50"]


def cli(home: Path, *args: str, lang: str = "en", before: Any = None) -> subprocess.CompletedProcess[str]:
    """The command line as a person runs it, in a forked copy of this process (the modules are loaded already,
    so a run takes milliseconds, not a new interpreter's start-up); `before` runs in the child first."""
    streams = [home.parent / ".stdout", home.parent / ".stderr"]
    # Frozen objects are left out of the child's garbage collections, which would otherwise touch, and so copy,
    # every page of this large test process: most of a forked run's time.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(home, args, lang, before, streams)
    gc.unfreeze()
    _, status = os.waitpid(pid, 0)
    out, err = (p.read_text(encoding="utf-8") for p in streams)
    for p in streams:
        p.unlink()
    return subprocess.CompletedProcess(["aiexposure", *args], os.waitstatus_to_exitcode(status), out, err)


def _child(home: Path, args: tuple[str, ...], lang: str, before: Any, streams: list[Path]) -> None:
    code = 70
    try:
        os.environ.clear()
        os.environ.update(clean_env(AIEXPOSURE_HOME=str(home), AIEXPOSURE_LANG=lang))
        os.chdir(home.parent)
        for fd, path in zip((1, 2), streams, strict=True):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - flushed below
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        if before is not None:
            before()
        typer.main.get_command = lambda typer_instance: COMMAND  # this child's last run: nothing to restore
        sys.argv = ["aiexposure", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)  # whatever happened: the child must never go on running the tests


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def keep(home: Path, *args: str) -> float:
    """`assess --keep` as a person runs it; returns the risk it printed."""
    done = cli(home, "assess", *args, "--keep", "--format", "json")
    assert done.returncode == 0, done.stderr
    # the last line (a task split that does not add up to 100 is noted on a line of its own before it)
    assert done.stderr.splitlines()[-1].startswith("Kept as entry ")
    risk: float = json.loads(done.stdout)["risk"]["score"]
    return risk


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def listed(home: Path) -> list[dict[str, Any]]:
    done = cli(home, "history", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    entries: list[dict[str, Any]] = json.loads(done.stdout)["entries"]
    return entries


def test_two_keeps_are_listed_with_the_risks_assess_printed(home: Path) -> None:
    assert keep(home, *NEVER) == 44.2
    assert keep(home, *LATER) == 35.7
    entries = listed(home)
    assert [(e["id"], e["role"], e["risk"], e["band"], e["verdict"]) for e in entries] == [
        (1, "writer", 44.2, "high", "threat"),
        (2, "writer", 35.7, "high", "threat"),
    ]
    text = cli(home, "history", "list").stdout.splitlines()
    assert text[0] == f"History file: {home / FILE_NAME} (2 kept)"
    assert text[2].split() == ["id", "Date", "Role", "Risk", "Band", "Verdict", "Rules", "pack"]
    verdict = ["At", "risk,", "not", "adapting", "yet"]  # the verdict's label, as shown then
    assert text[3].split()[3:] == ["Writer", "44.2", "high", *verdict, "2026.12.3"]
    assert text[4].split()[3:] == ["Writer", "35.7", "high", *verdict, "2026.12.3"]
    assert text[3].split()[0] == "1" and text[4].split()[0] == "2"


def test_one_sqlite_file_with_a_schema_version_private_to_its_owner(home: Path) -> None:
    keep(home, *NEVER)
    assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]
    db = sqlite3.connect(home / FILE_NAME)
    try:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        row = db.execute("SELECT role, typical_mix, answers, assumed, risk, band, verdict, verdict_label FROM entries")
        role, typical, answers, assumed, risk, band, verdict, label = row.fetchone()
    finally:
        db.close()
    shown = ("writer", 1, 44.2, "high", "threat", "At risk, not adapting yet")
    assert (role, typical, risk, band, verdict, label) == shown
    assert json.loads(answers)["ai_use"] == "never"
    assert "ai_use" not in json.loads(assumed) and "upskill" in json.loads(assumed)


def test_the_file_and_folder_are_private_whatever_the_umask(home: Path) -> None:
    done = cli(home, "assess", *NEVER, "--keep", before=lambda: os.umask(0))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / FILE_NAME).stat().st_mode) == 0o600
    # a folder someone made readable by all is made private at the next keep, and so is the file
    home.chmod(0o755)
    (home / FILE_NAME).chmod(0o644)
    done = cli(home, "assess", *DAILY, "--keep", before=lambda: os.umask(0))
    assert done.returncode == 0
    assert done.stderr.splitlines()[0] == (
        f"aiexposure: made the folder {home} private (mode 0700, it was 0755): it holds your answers"
    )
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / FILE_NAME).stat().st_mode) == 0o600


def test_nothing_is_kept_without_keep(home: Path) -> None:
    assert cli(home, "assess", *NEVER).returncode == 0
    assert cli(home, "history", "list").stdout.endswith("No results kept yet. Keep one with: aiexposure assess --keep "
                                                        "(or aiexposure quiz --keep)\n")  # fmt: skip
    assert cli(home, "history", "export").returncode == 0
    assert not home.exists()  # reading the history makes no file and no folder


def test_twenty_parallel_keeps_give_twenty_entries(home: Path) -> None:
    home.parent.mkdir(exist_ok=True)
    go_read, go_write = os.pipe()  # every run waits at the start line until all twenty are there

    def wait_for_start() -> None:
        os.close(go_write)
        os.read(go_read, 1)

    runs: list[tuple[int, Path]] = []
    gc.freeze()  # as in cli(): the children's garbage collections leave the parent's pages alone
    for n in range(20):
        folder = home.parent / f"run{n}"
        folder.mkdir()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child(home, ("assess", *NEVER, "--keep", "--format", "json"), "en", wait_for_start,
                   [folder / "out", folder / "err"])  # fmt: skip
        runs.append((pid, folder))
    gc.unfreeze()
    os.close(go_read)
    os.close(go_write)  # go
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid, _ in runs]
    errors = [(folder / "err").read_text(encoding="utf-8") for _, folder in runs]
    assert codes == [0] * 20, errors
    entries = listed(home)
    assert sorted(e["id"] for e in entries) == list(range(1, 21))
    assert {e["risk"] for e in entries} == {44.2}
    assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]  # no temporary file, log or lock left


def test_compare_attributes_the_change_and_the_parts_add_up(home: Path) -> None:
    before, after = keep(home, *NEVER), keep(home, *LATER)
    done = cli(home, "history", "compare", "--format", "json")  # the last two by default
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["from"]["id"], data["to"]["id"]) == (1, 2)
    assert (data["from"]["risk"], data["to"]["risk"]) == (before, after) == (44.2, 35.7)  # by hand at NEVER, LATER
    delta = round(after - before, 1)
    assert data["risk_delta"] == delta
    assert data["attribution"] == "shapley"  # eight changes: every subset scored (tests/test_compare.py)
    changes = data["changes"]
    # tasks in the role's order, then answers in the pack's order; the parts of every score add up to its change
    assert [c.get("task") or c.get("question") for c in changes] == [
        "outline", "drafting", "editing", "research", "voice", "client", "ai_use", "upskill",
    ]  # fmt: skip
    assert round(sum(c["risk_delta"] for c in changes), 1) == delta
    for sid, total in data["scores_delta"].items():
        assert round(sum(c["scores_delta"][sid] for c in changes), 1) == total, sid
    # only upskill moves readiness to evolve (its options' values .3 apart x 1.0): it gets all of it
    assert data["scores_delta"]["evolution"] == 30.0
    assert [c["scores_delta"]["evolution"] for c in changes] == [0.0] * 7 + [30.0]
    assert set(changes[6]) == {
        "question", "from", "to", "risk_delta", "scores_delta", "alone", "from_assumed", "to_assumed"
    }  # fmt: skip
    assert (changes[6]["from"], changes[6]["to"], changes[6]["from_assumed"]) == ("never", "daily", False)
    assert set(changes[6]["alone"]) == {"risk_delta", "scores_delta"}
    assert (changes[7]["from_assumed"], changes[7]["to_assumed"]) == (True, False)
    assert (changes[1]["from"], changes[1]["to"]) == (0.3, 0.5)
    assert data["pack"] == {"id": "aiexposure_default", "version": "2026.12.3"} and data["notes"] == []
    steps = data["first_steps"]
    assert set(steps["taken"]).isdisjoint(steps["new"]) and set(steps["taken"]) <= set(data["from"]["advice"])
    text = cli(home, "history", "compare", "1", "2").stdout
    assert "Risk: 44.2 → 35.7 (-8.5 points); band high → high" in text
    # a writer's scores only: no line for a gig worker's app income or AI, robots and machines
    assert "Clients turning to AI" in text
    assert "The apps' pay and rules" not in text and "AI, robots and machines" not in text
    lines = text.splitlines()
    ai_use = changes[6]
    changed = lines.index(
        f"  {ai_use['risk_delta']:>+6.1f}  How often do you use AI tools in your work?: Never → Every working day"
    )
    assert lines[changed + 1].startswith("          Faster with AI +")
    upskill = f"{changes[7]['risk_delta']:>+6.1f}"
    assert (
        f"  {upskill}  What have you learned in the past six months to stay ahead?: Nothing new yet (assumed) → Both"
        in lines
    )
    # the change that moved risk most comes first
    first = next(i for i, line in enumerate(lines) if line.startswith("What changed"))
    most = max(changes, key=lambda c: abs(c["risk_delta"]))
    assert lines[first + 1].startswith(f"  {most['risk_delta']:>+6.1f}  ")
    assert f"  {delta:>+6.1f}  Total" in lines
    markdown = cli(home, "--lang", "id", "history", "compare", "-f", "markdown").stdout
    shown = f"{delta:+.1f}".replace(".", ",")  # Indonesian readers write a decimal comma
    assert f"| **Jumlah** | | **{shown}** |" in markdown
    assert "| Seberapa sering kamu memakai alat AI dalam pekerjaan? | Tidak pernah → " in markdown


def test_compare_says_what_a_change_does_alone_when_its_part_has_the_other_sign(home: Path) -> None:
    # the driver of tests/test_compare.py: fewer passenger trips raise risk alone, their part lowers it
    answers = [arg for q, v in DRIVER.items() if q != "vehicle" for arg in ("--answer", f"{q}={v}")]
    tasks = [arg for t, w in DRIVER_MIX.items() if t != "rides" for arg in ("--task", f"{t}={w}")]
    keep(home, "--role", "driver", *answers, *tasks, "--task", "rides=6", "--answer", "vehicle=motorbike")
    keep(home, "--role", "driver", *answers, *tasks, "--task", "rides=1", "--answer", "vehicle=car")
    text = cli(home, "history", "compare").stdout.splitlines()
    at = text.index('    -1.2  Time on "Passenger trips": 67% → 25%')
    assert text[at + 2] == (
        "          Made alone, this change moves your risk by +0.7; with your other changes it moves it by -1.2, "
        "because the changes act on each other."
    )
    markdown = cli(home, "--lang", "id", "history", "compare", "-f", "markdown").stdout
    assert (
        ": Kalau dilakukan sendiri, perubahan ini menggeser risikomu +0,7; bersama perubahanmu yang lain jadi -1,2, "
        "karena perubahan-perubahan itu saling memengaruhi." in markdown
    )


def test_history_alone_lists_and_show_defaults_to_the_last_entry(home: Path) -> None:
    empty = cli(home, "history")
    assert empty.returncode == 0
    assert empty.stdout.endswith("No results kept yet. Keep one with: aiexposure assess --keep (or aiexposure quiz "
                                 "--keep)\n")  # fmt: skip
    nothing = cli(home, "history", "show")
    assert (nothing.returncode, nothing.stderr) == (
        2,
        "aiexposure: No results kept yet, so there is nothing to show. Keep one with: aiexposure assess --keep "
        "(or aiexposure quiz --keep)\n",
    )
    first, last = keep(home, *NEVER), keep(home, *LATER)
    assert first != last
    listing = cli(home, "history")
    assert listing.returncode == 0 and listing.stdout == cli(home, "history", "list").stdout
    assert cli(home, "history", "--lang", "id").stdout == cli(home, "--lang", "id", "history", "list").stdout
    shown = json.loads(cli(home, "history", "show", "-f", "json").stdout)
    assert shown["risk"]["score"] == last  # the last entry kept
    assert json.loads(cli(home, "history", "show", "1", "-f", "json").stdout)["risk"]["score"] == first


def test_show_rescores_with_the_current_pack_and_says_when_the_version_differs(home: Path) -> None:
    keep(home, *LATER)
    shown = cli(home, "history", "show", "1", "--format", "json")
    assert shown.returncode == 0 and shown.stderr == ""
    report = json.loads(shown.stdout)
    assert (report["risk"]["score"], report["answers"]["upskill"], report["assumed"][:1]) == (
        35.7,
        "both",
        ["ai_tasks"],
    )
    assert cli(home, "history", "show", "1", "-f", "markdown").stdout.startswith("# How far can AI reach your work?")
    db = sqlite3.connect(home / FILE_NAME)
    with db:
        db.execute("UPDATE entries SET pack_version = '2025.01', risk = 50.0")
    db.close()
    shown = cli(home, "history", "show", "1", "--format", "json")
    assert json.loads(shown.stdout)["risk"]["score"] == 35.7
    assert shown.stderr == (
        "Entry 1 was kept with rules pack aiexposure_default 2025.01 (risk 50.0 then). It is scored again here with "
        "aiexposure_default 2026.12.3 (risk 35.7), so a change of the model does not look like progress.\n"
    )
    keep(home, *NEVER)
    data = json.loads(cli(home, "history", "compare", "--format", "json").stdout)
    assert (data["from"]["risk_then"], data["from"]["risk"], data["risk_delta"]) == (50.0, 35.7, 8.5)
    assert len(data["notes"]) == 1


def test_export_and_forget(home: Path, tmp_path: Path) -> None:
    keep(home, *NEVER)
    keep(home, *DAILY)
    keep(home, *LATER)
    exported = json.loads(cli(home, "history", "export").stdout)
    assert [(e["id"], e["risk"]["score"], e["answers"]["ai_use"]) for e in exported["entries"]] == [
        (1, 44.2, "never"),
        (2, 40.5, "daily"),
        (3, 35.7, "daily"),
    ]
    done = cli(home, "history", "export", "--format", "csv", "-o", str(tmp_path / "mine.csv"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "mine.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["risk"], r["ai_use"], r["task.drafting"]) for r in rows] == [
        ("1", "44.2", "never", "0.3"),
        ("2", "40.5", "daily", "0.3"),
        ("3", "35.7", "daily", "0.5"),
    ]
    # the export is a cohort file batch reads: every person scores as kept
    outcome = run_batch(PACK, "en", tmp_path / "mine.csv", tmp_path / "out")
    assert (outcome.rows, outcome.rejected) == (3, 0)
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8") as handle:
        assert [r["risk"] for r in csv.DictReader(handle)] == ["44.2", "40.5", "35.7"]

    wrong = cli(home, "history", "forget", "2", "9")
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "aiexposure: There is no entry 9 in the history; aiexposure history list shows the ids you can use.\n",
    )
    assert [e["id"] for e in listed(home)] == [1, 2, 3]  # nothing was forgotten
    done = cli(home, "history", "forget", "2")
    assert (done.returncode, done.stderr) == (0, "Forgot 1 entries: 2.\n")
    assert [e["id"] for e in listed(home)] == [1, 3]
    assert b"daily" in (home / FILE_NAME).read_bytes()
    done = cli(home, "history", "forget", "--all")
    assert done.returncode == 0 and listed(home) == []
    assert b'"daily"' not in (home / FILE_NAME).read_bytes()  # overwritten, not just unlisted
    assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]
    assert keep(home, *NEVER) == 44.2 and [e["id"] for e in listed(home)] == [4]  # ids are never reused


def damage_garbage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    path.write_bytes(bytes(data))


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5000])


def damage_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (damage_garbage, "is damaged (database disk image is malformed)"),
        (damage_truncate, "is damaged ("),
        (damage_header, "is damaged (the file ends inside its header)"),
    ],
)
def test_a_damaged_file_is_reported_and_left_byte_for_byte(home: Path, damage: Any, reason: str) -> None:
    keep(home, *NEVER)
    keep(home, *DAILY)
    path = home / FILE_NAME
    damage(path)
    before = digest(path)
    for args in (["assess", *NEVER, "--keep"], ["history", "list"], ["history", "compare"], ["history", "forget", "1"]):
        done = cli(home, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith(f"aiexposure: {path} {reason}"), done.stderr
        assert "it was left exactly as it is" in done.stderr and "Traceback" not in done.stderr
        assert done.stdout == ""  # --keep stops before the report
        assert digest(path) == before
        assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is empty"),
        (b"role: writer\n", "it is not an SQLite database"),
        (None, "it is an SQLite database of another program"),
    ],
)
def test_a_foreign_file_is_never_overwritten(home: Path, content: bytes | None, reason: str) -> None:
    home.mkdir()
    path = home / FILE_NAME
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE notes (text TEXT)")
        other.execute("INSERT INTO notes VALUES ('mine')")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    before = digest(path)
    done = cli(home, "assess", *NEVER, "--keep", lang="en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"aiexposure: {path} is not an aiexposure history file ({reason}); it was left exactly as it is. Move it "
        "elsewhere, or set AIEXPOSURE_HOME to another folder, and run again.\n"
    )
    assert digest(path) == before
    assert stat.S_IMODE(home.stat().st_mode) == 0o755  # a refused file's folder is not made private either
    indonesian = cli(home, "history", "list", lang="id")
    assert indonesian.returncode == 2 and f"{path} bukan berkas riwayat aiexposure" in indonesian.stderr


def small_disk() -> None:
    """Files may not grow past 20,000 bytes: writing more fails as on a full disk (Python ignores SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_full_disk_leaves_the_file_as_it_was(home: Path) -> None:
    keep(home, *NEVER)
    path = home / FILE_NAME
    assert path.stat().st_size < 20_000
    before = digest(path)
    done = cli(home, "assess", *DAILY, "--keep", before=small_disk)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"aiexposure: Could not keep the result in {path}: ")
    assert "The history is as it was" in done.stderr
    assert digest(path) == before
    assert [e["risk"] for e in listed(home)] == [44.2]
    # a new history that cannot be written leaves nothing behind
    other = home.parent / "other"
    tiny = (2000, 2000)  # room for the message, not for a history
    done = cli(other, "assess", *DAILY, "--keep", before=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, tiny))
    assert done.returncode == 2 and "Could not keep the result" in done.stderr
    assert list(other.iterdir()) == []


def test_a_newer_file_is_refused_and_an_older_one_migrated(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keep(home, *NEVER)
    path = home / FILE_NAME
    store = Store(PACK, path)

    def add_note(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE entries ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(history_store, "MIGRATIONS", [*history_store.MIGRATIONS, add_note])
    assert [e.risk for e in store.entries()] == [44.2]  # a read brings the file up to date
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (2,)
    assert "note" in [row[1] for row in db.execute("PRAGMA table_info(entries)")]
    db.close()
    monkeypatch.undo()
    before = digest(path)
    with pytest.raises(UserError) as caught:
        store.entries()
    assert caught.value.message == (
        f"{path} was written by a newer aiexposure (history format 2; this one reads up to 1). Upgrade aiexposure, "
        "or set AIEXPOSURE_HOME to another folder; the file was left as it is."
    )
    assert digest(path) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["history", "show", "abc"], "'abc' is not an entry id; give a number from aiexposure history list, "
                                     "such as 3."),
        (["history", "show", "7"], "There is no entry 7 in the history; aiexposure history list shows the ids "
                                   "you can use."),
        (["history", "compare"], "A comparison needs two kept results, and the history holds 1. Keep one with: "
                                 "aiexposure assess --keep (or aiexposure quiz --keep)"),
        (["history", "compare", "1", "1"], "Both entries to compare are 1; give two different ids from aiexposure "
                                           "history list."),
        (["history", "forget"], "Say which entries to forget: their ids from aiexposure history list, or --all for "
                                "every one."),
        (["history", "forget", "1", "--all"], "Give entry ids or --all, not both."),
        (["history", "show", "1", "-o", ""], "--output is empty (perhaps a shell variable that was never set); give "
                                             "a file or folder name"),
    ],
)  # fmt: skip
def test_mistakes_say_what_to_do_and_exit_2(home: Path, args: list[str], message: str) -> None:
    keep(home, *NEVER)
    done = cli(home, *args)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"aiexposure: {message}\n")


def test_an_entry_the_current_pack_cannot_score_says_what_to_do(home: Path) -> None:
    keep(home, *NEVER)
    db = sqlite3.connect(home / FILE_NAME)
    with db:
        db.execute("""UPDATE entries SET answers = json_set(answers, '$.ai_use', 'hourly')""")
    db.close()
    done = cli(home, "history", "show", "1", lang="id")
    assert done.returncode == 2
    assert done.stderr.startswith("aiexposure: Catatan 1 dibuat dengan paket aturan aiexposure_default 2026.12.3")
    assert done.stderr.endswith("Atau hapus catatan itu dengan: aiexposure history forget 1\n")


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def quiz(pipe: PipeInput, keys: str, keep: bool = False) -> str:
    out = io.StringIO()
    pipe.send_text(keys)
    pipe.close()
    prompter = Prompter(Texts(PACK, "en"), stream=out, input=pipe, output=DummyOutput())
    run_quiz(PACK, "en", RawAnswers(role="designer", answers={}), None, None, prompter=prompter, keep=keep)
    return out.getvalue()


@pytest.mark.parametrize(("keys", "kept"), [(ENTER, False), (DOWN + ENTER, True)])
def test_the_quiz_asks_once_at_the_end_and_keeps_only_on_yes(
    pipe: PipeInput, home: Path, monkeypatch: pytest.MonkeyPatch, keys: str, kept: bool
) -> None:
    monkeypatch.setenv("AIEXPOSURE_HOME", str(home))
    # role given; typical split; eleven questions at their defaults (Model v3 asks freelancers lost_reason and
    # income_share too); review: report; "save markdown?": no; keep?
    printed = quiz(pipe, ENTER + ENTER * 11 + ENTER + ENTER + keys)
    assert home.exists() is kept
    if kept:
        assert f"Kept as entry 1 in {home / FILE_NAME}" in " ".join(printed.split())
        assert [e.role for e in Store(PACK).entries()] == ["designer"]


def test_quiz_keep_keeps_without_asking(pipe: PipeInput, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIEXPOSURE_HOME", str(home))
    quiz(pipe, ENTER + ENTER * 11 + ENTER, keep=True)  # the keys end at the review: no question after it
    entries = Store(PACK).entries()
    # "about the same" split was the person's answer, kept as the typical split's percents: not an assumed mix
    assert [(e.source, e.role, e.typical_mix) for e in entries] == [("quiz", "designer", False)]


# --- issue 19: identified before anything is changed; one judgement of damage -----------------------------------


def modes(*paths: Path) -> list[int]:
    return [stat.S_IMODE(os.lstat(p).st_mode) for p in paths]


@pytest.mark.parametrize("kind", ["link", "folder", "fifo", "text"])
def test_a_refused_path_keeps_its_bytes_and_its_mode(home: Path, tmp_path: Path, kind: str) -> None:
    """The review found a refused file chmod-ed to 0600 (a folder at that place made unusable) before the check."""
    home.mkdir(mode=0o700)
    path = home / FILE_NAME
    target = tmp_path / "mine.txt"
    target.write_text("my own file\n")
    target.chmod(0o644)
    if kind == "link":
        path.symlink_to(target)
        reason = "it is a symbolic link"
    elif kind == "folder":
        path.mkdir(mode=0o755)
        reason = "it is not a regular file"
    elif kind == "fifo":
        os.mkfifo(path, 0o644)
        reason = "it is not a regular file"
    else:
        path.write_text("role: writer\n")
        path.chmod(0o644)
        reason = "it is not an SQLite database"
    before = modes(path, target, home)
    for args in (["assess", *NEVER, "--keep"], ["history", "list"], ["history", "forget", "--all"]):
        done = cli(home, *args)
        assert (done.returncode, done.stdout, done.stderr) == (
            2,
            "",
            f"aiexposure: {path} is not an aiexposure history file ({reason}); it was left exactly as it is. Move it "
            "elsewhere, or set AIEXPOSURE_HOME to another folder, and run again.\n",
        ), args
        assert modes(path, target, home) == before
        assert target.read_text() == "my own file\n"
        assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]


def pretend_another_user() -> None:
    """In the forked run: this process takes another user id, so the files the test made are not its own."""
    real = os.getuid()
    os.getuid = lambda: real + 1


def test_a_history_of_another_users_is_refused_unchanged(home: Path) -> None:
    keep(home, *NEVER)
    path = home / FILE_NAME
    before = (digest(path), modes(path, home))
    for args in (["assess", *NEVER, "--keep"], ["history", "list"]):
        done = cli(home, *args, before=pretend_another_user)
        assert done.returncode == 2
        assert done.stderr.endswith(
            "is not a folder of yours (it is another user's, or not a folder); it was left "
            "exactly as it is. Set AIEXPOSURE_HOME to a folder of your own, and run again.\n"
        ) or (
            done.stderr == f"aiexposure: {path} is not an aiexposure history file (it belongs to another user); it "
            "was left exactly as it is. Move it elsewhere, or set AIEXPOSURE_HOME to another folder, and run again.\n"
        ), done.stderr
        assert (digest(path), modes(path, home)) == before


def test_a_shared_folder_of_another_users_is_named_not_changed(home: Path) -> None:
    home.mkdir()
    home.chmod(0o777)
    done = cli(home, "assess", *NEVER, "--keep", before=pretend_another_user)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"aiexposure: The history folder {home} is not a folder of yours (it is another user's, or not a folder); "
        "it was left exactly as it is. Set AIEXPOSURE_HOME to a folder of your own, and run again.\n",
    )
    assert modes(home) == [0o777] and list(home.iterdir()) == []


def corrupt_entry(path: Path, entry_id: int) -> None:
    db = sqlite3.connect(path)
    db.execute("UPDATE entries SET answers = '{\"ai_use\": ' WHERE id = ?", (entry_id,))
    db.commit()
    db.close()


def test_one_judgement_of_damage_for_every_command(home: Path) -> None:
    """With one entry's JSON corrupted, list called the file damaged while --keep still appended to it."""
    keep(home, *NEVER)
    keep(home, *DAILY)
    path = home / FILE_NAME
    corrupt_entry(path, 2)
    before = digest(path)
    message = (
        f"aiexposure: {path} is damaged (entry 2: Expecting value: line 1 column 12 (char 11)); it was left exactly "
        "as it is, nothing was repaired or written. Move it elsewhere to start a new history (keep the copy if you "
        "want to try to rescue it), and run again.\n"
    )
    for args in (
        ["assess", *NEVER, "--keep"],
        ["history", "list"],
        ["history", "show", "1"],
        ["history", "compare"],
        ["history", "export"],
        ["history", "forget", "1"],
    ):
        done = cli(home, *args)
        assert (done.returncode, done.stdout, done.stderr) == (2, "", message), args
        assert digest(path) == before


@pytest.mark.parametrize(
    ("column", "value", "why"),
    [
        ("answers", "[1, 2]", "answers is not a mapping of answers"),
        ("tasks", '{"drafting": "lots"}', "tasks is not a mapping of numbers"),
        ("advice", '"x"', "advice is not a list of ids"),
        ("risk", "'high'", "risk is not a number"),
    ],
)
def test_an_entry_of_the_wrong_shape_is_damage_too(home: Path, column: str, value: str, why: str) -> None:
    keep(home, *NEVER)
    path = home / FILE_NAME
    db = sqlite3.connect(path)
    quoted = value if column == "risk" else "'" + value.replace("'", "''") + "'"
    db.execute(f"UPDATE entries SET {column} = {quoted}")
    db.commit()
    db.close()
    for args in (["assess", *NEVER, "--keep"], ["history", "list"]):
        done = cli(home, *args)
        assert done.returncode == 2
        assert done.stderr.startswith(f"aiexposure: {path} is damaged (entry 1: {why});"), done.stderr


def test_a_killed_keep_leaves_staging_that_the_next_keep_removes(home: Path) -> None:
    """A history being made is staged as .history.sqlite3.PID-XXXXXXXX.new; SIGKILL leaves it behind."""
    home.mkdir(mode=0o700)
    dead = os.fork()
    if dead == 0:  # pragma: no cover - the child: ends at once, so its pid is a dead process's
        os._exit(0)
    os.waitpid(dead, 0)
    for suffix in (".new", ".new-wal", ".new-journal"):
        (home / f".{FILE_NAME}.{dead}-0123abcd{suffix}").write_bytes(b"half a history")
    alive = home / f".{FILE_NAME}.{os.getpid()}-89abcdef.new"  # a run still going: left alone
    alive.write_bytes(b"")
    keep(home, *NEVER)
    assert sorted(p.name for p in home.iterdir()) == sorted([FILE_NAME, alive.name])
