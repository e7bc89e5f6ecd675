"""`aiexposure rules new-role`: a skeleton written into a pack folder, never over anything, that `rules check` walks
an author through until the role scores; and the pack files a role brings (roles/ID.yaml) merged and located."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

SHIPPED = default_rules_dir()


def new_role(cwd: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    run = run_cli(cwd, "--lang", lang, "rules", "new-role", *args)
    return run.returncode, run.stdout, run.stderr


def problems(folder: Path) -> list[str]:
    """The lines of `rules check` after its header (none when the pack passes)."""
    try:
        load_pack(folder)
    except UserError as exc:
        return exc.message.splitlines()[1:]
    return []


def test_into_a_new_folder_copies_the_shipped_pack_and_adds_the_role(tmp_path: Path) -> None:
    code, out, err = new_role(tmp_path, "photographer", "--into", "pack", "--family", "freelancer")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Copied the shipped rules pack into pack.",
        "Wrote pack/roles/photographer.yaml: the role photographer, with a TODO in every value to fill in.",
        "Next, replace each TODO; docs/authoring.md explains every field. Then run: aiexposure rules check pack",
    ]
    shipped = sorted(p.relative_to(SHIPPED).as_posix() for p in SHIPPED.rglob("*.yaml"))
    made = sorted(p.relative_to(tmp_path / "pack").as_posix() for p in (tmp_path / "pack").rglob("*.yaml"))
    assert made == sorted([*shipped, "roles/photographer.yaml"])
    assert (tmp_path / "pack" / "scoring.yaml").read_bytes() == (SHIPPED / "scoring.yaml").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]  # nothing staged left behind


def test_in_indonesian_and_into_a_pack_that_exists(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "pack")
    code, out, _ = new_role(tmp_path, "kurir_makanan", "--into", "pack", "--family", "gig", lang="id")
    assert code == 0
    assert out.splitlines() == [
        "Berkas pack/roles/kurir_makanan.yaml sudah ditulis: peran kurir_makanan, dengan TODO di setiap isian yang "
        "harus diisi.",
        "Berikutnya, ganti setiap TODO; docs/authoring.md menjelaskan setiap isian. Lalu jalankan: aiexposure rules "
        "check pack",
    ]
    # a gig worker's skeleton: advice under the four points its family is asked about, robotics_by named
    text = (tmp_path / "pack" / "roles" / "kurir_makanan.yaml").read_text(encoding="utf-8")
    assert [line.split("#")[0].strip() for line in text.splitlines() if "    point:" in line] == [
        "point: 1", "point: 2", "point: 3", "point: 4",
    ]  # fmt: skip
    assert "# robotics_by: {question: {option: multiplier}} scales robotics by an answer (city, vehicle)" in text


def test_the_family_must_be_named_when_there_are_several(tmp_path: Path) -> None:
    code, out, err = new_role(tmp_path, "photographer", "--into", "pack")
    assert (code, out) == (2, "")
    assert err == (
        "aiexposure: which family is the new role in? add --family with one of: freelancer (Freelancer), "
        "gig (Gig worker)\n"
    )
    code, _, err = new_role(tmp_path, "photographer", "--into", "pack", "--family", "office", lang="id")
    assert (code, err) == (
        2, "aiexposure: kelompok 'office' tidak dikenal; pilih salah satu: freelancer (Freelancer), gig (Gig worker)\n"
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(
    ("role_id", "message"),
    [
        ("Video", "'Video' cannot be a role id: use lower-case letters, digits and _, starting with a letter, "
                  "such as photographer"),
        ("video-editor", "'video-editor' cannot be a role id: use lower-case letters, digits and _, starting with "
                         "a letter, such as photographer"),
        ("9lives", "'9lives' cannot be a role id: use lower-case letters, digits and _, starting with a letter, "
                   "such as photographer"),
        ("x" * 65, f"'{'x' * 65}' cannot be a role id: use lower-case letters, digits and _, starting with a "
                   "letter, such as photographer"),
        ("todo_role", "'todo_role' cannot be a role id: an id starting with todo marks a placeholder; choose "
                      "another"),
    ],
)  # fmt: skip
def test_a_bad_id_is_refused(tmp_path: Path, role_id: str, message: str) -> None:
    assert new_role(tmp_path, role_id, "--into", "pack", "--family", "gig") == (2, "", f"aiexposure: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_role_the_pack_has_is_refused_and_nothing_is_replaced(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "pack")
    before = {p: p.read_bytes() for p in (tmp_path / "pack").rglob("*.yaml")}
    code, _, err = new_role(tmp_path, "writer", "--into", "pack", "--family", "freelancer")
    line = next(n for n, text in enumerate((SHIPPED / "roles.yaml").read_text().splitlines(), 1) if text == "  writer:")
    assert (code, err) == (
        2,
        f"aiexposure: the pack in 'pack' already has a role 'writer' (pack/roles.yaml:{line + 1}:5); choose another "
        "id, or edit that role there\n",
    )
    # a second new role: the first one's file is not touched, and its id is refused too
    assert new_role(tmp_path, "editor", "--into", "pack", "--family", "freelancer")[0] == 0
    first = (tmp_path / "pack" / "roles" / "editor.yaml").read_bytes()
    assert new_role(tmp_path, "editor", "--into", "pack", "--family", "freelancer")[0] == 2
    assert (tmp_path / "pack" / "roles" / "editor.yaml").read_bytes() == first
    assert {p: p.read_bytes() for p in before} == before


def test_a_file_in_the_way_is_left_as_it_is(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "pack")
    (tmp_path / "pack" / "roles").mkdir(exist_ok=True)
    (tmp_path / "pack" / "roles" / "editor.yml").write_text("mine\n")  # not read by the pack: another ending
    (tmp_path / "pack" / "roles" / "editor.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # a dangling link
    code, _, err = new_role(tmp_path, "editor", "--into", "pack", "--family", "freelancer", lang="id")
    assert (code, err) == (
        2,
        "aiexposure: 'pack/roles/editor.yaml' sudah ada dan dibiarkan apa adanya; pilih ID lain, atau pindahkan "
        "berkas itu dulu\n",
    )
    assert not (tmp_path / "elsewhere.yaml").exists()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path, lang: str) -> None:
    (tmp_path / "afile").write_text("not a folder\n")
    code, out, err = new_role(tmp_path, "editor", "--into", "afile/pack", "--family", "gig", lang=lang)
    assert (code, out) == (2, "")
    assert (
        err
        == {
            "en": "aiexposure: cannot write 'afile/pack': Not a directory; choose another folder with --into\n",
            "id": "aiexposure: tidak bisa menulis 'afile/pack': Not a directory; pilih folder lain dengan --into\n",
        }[lang]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    assert new_role(tmp_path, "editor", "--into", "pack", "--family", "gig")[0] == 0
    assert (tmp_path / "pack" / "pack.yaml").read_bytes() == (SHIPPED / "pack.yaml").read_bytes()


def test_the_default_folder_is_rules(tmp_path: Path) -> None:
    assert new_role(tmp_path, "editor", "--family", "gig")[0] == 0
    assert (tmp_path / "rules" / "roles" / "editor.yaml").is_file()


# ---------------------------------------------------------------- rules check walks the author through


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    assert new_role(tmp_path, "photographer", "--into", "pack", "--family", "freelancer")[0] == 0
    return tmp_path / "pack"


def test_every_placeholder_is_one_line_saying_what_to_write(skeleton: Path) -> None:
    found = problems(skeleton)
    text = (skeleton / "roles" / "photographer.yaml").read_text(encoding="utf-8")
    # one problem per TODO value, plus one per placeholder id with no TODO value (the tasks and the source)
    placeholders = text.count('"TODO:')
    ids = sum(1 for line in text.splitlines() if line.strip().startswith("todo_") and line.rstrip().endswith(":"))
    # (a typical_mix line holds a placeholder id and a placeholder value: one problem says both)
    assert len(found) == placeholders + ids == 105
    prefix = f"{skeleton}/roles/photographer.yaml:"
    assert all(line.startswith(prefix) for line in found)
    lines = [int(line.removeprefix(prefix).split(":")[0]) for line in found]
    assert lines == sorted(lines)  # top to bottom
    assert found[0] == (
        f"{prefix}8:11: roles.photographer.label.en: still a placeholder: write the role's name, a few words, "
        "in plain English"
    )
    assert (
        f"{prefix}9:11: roles.photographer.label.id: still a placeholder: write the role's name, a few words, in "
        "Bahasa Indonesia, in your own words for its reader (kamu), not word for word"
    ) in found


def edit(folder: Path, change: dict[str, Any]) -> None:
    """Set values of the role file by dotted path ('roles.photographer.label.en': 'Photographer')."""
    path = folder / "roles" / "photographer.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, value in change.items():
        node = data
        *parents, last = dotted.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_number_without_a_source_and_a_text_missing_a_language(skeleton: Path) -> None:
    role = "roles.photographer"
    edit(
        skeleton,
        {
            f"{role}.tasks.todo_task_1.genai": 0.55,
            f"{role}.market.pressure": 0.5,
            f"{role}.label.en": "Photographer",  # its id is still a placeholder
            f"{role}.description.id": None,  # no id at all
        },
    )
    found = [line.split(": ", 1)[1] for line in problems(skeleton)]
    assert (
        f"{role}.tasks.todo_task_1.sources.genai: a number without a source: genai is 0.55 but sources.genai is "
        "still a placeholder; name the source of genai, such as: ilo2025 (an id of sources.yaml, or "
        "aiexposure for the pack's own judgement with a comment saying why)"
    ) in found
    assert (
        f"{role}.market.source: a number without a source: pressure 0.5 is written but its source is still a "
        "placeholder; name the source of these numbers (an id of sources.yaml, or aiexposure for the pack's own "
        "judgement with a comment saying why)"
    ) in found
    assert (
        f"{role}.label.id: a text missing a language: the Bahasa Indonesia text is still a placeholder; write the "
        "role's name, a few words, in Bahasa Indonesia, in your own words for its reader (kamu), not word for word"
    ) in found
    assert (
        f"{role}.description.id: a text missing a language: add its Bahasa Indonesia version (id: ...); every text "
        "people read is written in en and id"
    ) in found


FILLED_TASK = {
    "label": {"en": "Retouching photos", "id": "Merapikan foto"},
    "genai": 0.6,
    "robotics": 0.0,
    "mode": "substitute",
    "horizon": "now",
    "rationale": {"en": "AI tools retouch photos.", "id": "Alat AI bisa merapikan foto."},
    "sources": {"genai": "ilo2025", "robotics": "aiexposure", "mode": "aiexposure", "horizon": "aiexposure"},
    "matches": {"ilo2025": {"code": "3431", "task": "retouch images", "value": 0.6}},
}


def fill_in(folder: Path) -> None:
    """Everything an author writes: the skeleton's every TODO replaced, as docs/authoring.md says."""
    path = folder / "roles" / "photographer.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    role = data["roles"]["photographer"]
    role.update(
        label={"en": "Photographer", "id": "Fotografer"},
        description={
            "en": "You shoot and retouch photos for clients.",
            "id": "Kamu memotret dan merapikan foto untuk klien.",
        },
        words=["fotografer", "photographer"],
        codes={
            "isco08": "3431 Photographers",
            "soc": "27-4021 Photographers",
        },
        typical_mix={"retouch": 1},
        tasks={"retouch": FILLED_TASK},
        market={"pressure": 0.5, "low": 0.4, "high": 0.6, "source": "aiexposure"},
        spread={"low": 0.9, "high": 1.2, "source": "aiexposure"},
    )
    for reference in role["references"]:
        reference.update(value=0.5, label={"en": "A figure", "id": "Sebuah angka"})
    for answers in role["faq"].values():
        answers[0]["text"] = {"en": "Keep the shoot itself.", "id": "Pegang pemotretannya sendiri."}
    del data["sources"]  # no new study cited
    for item in data["advice"]:
        item["text"] = {"en": "Save your looks as presets.", "id": "Simpan tampilan andalanmu sebagai preset."}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_filled_in_the_role_passes_and_scores(skeleton: Path, tmp_path: Path) -> None:
    fill_in(skeleton)
    assert problems(skeleton) == []
    run = run_cli(tmp_path, "rules", "check", str(skeleton))
    roles = len(load_pack(SHIPPED).roles) + 1  # the shipped roles and the one filled in
    assert run.returncode == 0 and run.stdout.startswith(f"{skeleton}: OK — {roles} roles")
    pack = load_pack(skeleton)
    # one task, genai .6, substitute, now; the other answers at their defaults:
    #   exposure .6 -> 60.0; pressure .575*.6 + .05*1 (small business) + .05*.5 (mixed) + .1*.5 (market)
    #   + .225*0 (no loss figure for the trade) = .345 + .125 = .47 -> 47.0
    result = assess(pack, resolve(pack, "photographer", None, {"ai_use": "tried"}))
    assert (result.scores["exposure"].value, result.scores["pressure"].value) == (60.0, 47.0)
    # the skeleton's first advice item, for a photographer who has tried AI, with the text the author wrote
    shown = {a.id: a.text.en for a in result.advice}
    assert shown["photographer_point_1"] == "Save your looks as presets."


# ---------------------------------------------------------------- a role in a file of its own, merged


def test_an_entry_defined_in_two_files_names_both(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    (folder / "roles").mkdir(exist_ok=True)
    (folder / "roles" / "again.yaml").write_text("sources:\n  ilo2025:\n    short: again\n    citation: x\n")
    first = next(n for n, t in enumerate((SHIPPED / "sources.yaml").read_text().splitlines(), 1) if "ilo2025:" in t)
    with pytest.raises(UserError) as caught:
        load_pack(folder)
    assert caught.value.message == (
        f"{folder}/roles/again.yaml:3:5: sources.ilo2025 is already defined at {folder}/sources.yaml:{first + 1}:5"
    )


def test_a_list_item_of_a_role_file_is_located_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    (folder / "roles").mkdir(exist_ok=True)
    (folder / "roles" / "more.yaml").write_text(
        "advice:\n  - id: extra\n    point: 1\n    priority: 5\n    when: {role: [nobody]}\n"
        "    text: {en: Go., id: Ayo.}\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        load_pack(folder)
    assert caught.value.message.splitlines()[1].startswith(
        f"{folder}/roles/more.yaml:5:18: advice.extra.when.role: unknown role 'nobody'; expected one of: writer"
    )


def test_a_task_id_of_another_role_and_a_number_unlike_its_match(skeleton: Path) -> None:
    fill_in(skeleton)
    edit(skeleton, {"roles.photographer.tasks.retouch.genai": 0.65})
    assert problems(skeleton) == [
        f"{skeleton}/roles/photographer.yaml:{_line(skeleton, 'genai: 0.65')}: roles.photographer.tasks.retouch."
        "genai: genai is 0.65 and names ilo2025 as its source, but the task matched in ilo2025 (matches.ilo2025) "
        "scores 0.6; write the matched task's score, or name the source of the other number"
    ]
    data = yaml.safe_load((skeleton / "roles" / "photographer.yaml").read_text(encoding="utf-8"))
    data["roles"]["photographer"]["tasks"]["drafting"] = FILLED_TASK
    data["roles"]["photographer"]["tasks"]["retouch"]["genai"] = 0.6
    data["roles"]["photographer"]["related"] = ["copywriter"]
    (skeleton / "roles" / "photographer.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in problems(skeleton)]
    assert found == [
        "roles.photographer.related.0: 'copywriter' names the role 'writer'; related words name work no role of the "
        "pack covers (an everyday name of a role goes in its words)",
        "roles.photographer.tasks.drafting: the task id 'drafting' is already a task of the role 'writer'; give this "
        "task an id of its own, such as photographer_drafting (a batch file has one task.<id> column per task)",
    ]


def test_a_role_faq_answer_for_a_question_of_another_family(skeleton: Path) -> None:
    fill_in(skeleton)
    edit(skeleton, {"roles.photographer.faq.app_pay": [{"text": {"en": "Pay.", "id": "Bayar."}}]})
    found = [line.split(": ", 1)[1] for line in problems(skeleton)]
    assert found == [
        "roles.photographer.faq.app_pay: the FAQ question 'app_pay' is asked of gig, not of this role's family "
        "freelancer"
    ]


def _line(folder: Path, needle: str) -> str:
    text = (folder / "roles" / "photographer.yaml").read_text(encoding="utf-8")
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1 + len(needle.split(": ")[0]) + 2
    return f"{line}:{column}"


def test_writing_into_the_programs_own_pack_says_what_that_means(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiexposure.pack import newrole

    own = tmp_path / "rules"
    shutil.copytree(SHIPPED, own)
    shipped = load_pack(SHIPPED)
    monkeypatch.setattr(newrole, "default_rules_dir", lambda: own)
    said = newrole.new_role(shipped, own, "editor", "freelancer")
    assert [key for key, _ in said] == ["new_role_written", "new_role_next", "new_role_own_pack"]
    assert shipped.messages["new_role_own_pack"].en == (
        "This is the program's own pack: until every TODO is filled in, each command that reads it stops with "
        "their list."
    )


def test_a_write_that_must_not_replace_leaves_a_file_there_as_it_was(tmp_path: Path) -> None:
    from aiexposure.atomic import WriteError, write_atomic

    target = tmp_path / "role.yaml"
    write_atomic(str(target), "first\n", replace=False)
    with pytest.raises(WriteError) as caught:
        write_atomic(str(target), "second\n", "choose another folder with --into", replace=False)
    assert caught.value.message == f"cannot write '{target}': File exists; choose another folder with --into"
    assert target.read_text() == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["role.yaml"]  # no temporary file left
