"""`load_pack` and `aiexposure rules check` on broken copies of the shipped pack: one mistake each, whole message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
import yaml
from typer.testing import CliRunner

from aiexposure.cli.app import app
from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

SHIPPED = Path(__file__).resolve().parents[1] / "rules"
UNKNOWN_KEY = "unknown key (check its spelling; `aiexposure rules schema` lists the keys allowed here)"
QUESTIONS = (
    "ai_use, ai_tasks, clients, output, human_edge, lost_work, lost_reason, platform_pay, role_focus, ai_direction, "
    "upskill, city, vehicle, dispatch, income_share, alt_skills"
)
SOURCES = (
    "ilo2025, ilo2023, eloundou2023, microsoft2025, felten2021, felten2023, freyosborne2017, anthropic2025, "
    "hui2024, demirci2025, teutloff2025, soa2024, csa2023, qiao2024, robotaxi2025, indonesia_av, zipline2024, "
    "kp1001_2022, aiexposure, pm118_2018, dpr_ojol_2025, uu28_2014, iso18587, hpi_tsn, sworn_translator, bpjs_bpu, "
    "prakerja, blk, dts_komdigi, sim_umum, sio_forklift, spx2022, ev_swap, pickup_points, qris_bi, ai_data_work, "
    "bloomberry2024, peng2023"
)
# the writer's drafting numbers carry a comment after them, so an edit matches the number and the space after it
DRAFTING = "      drafting:\n"
GENAI = "genai: 0.56 "
SUBSTITUTE = "mode: substitute "


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped rules pack that a test may break."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` that follows the one place `after` occurs in `folder/name`."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    start = 0
    if after:
        assert text.count(after) == 1, f"{after!r} is not unique in {name}"
        start = text.index(after)
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def append(folder: Path, name: str, extra: str) -> None:
    """Add `extra` at the end of `folder/name`."""
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def locate(folder: Path, name: str, needle: str, after: str = "") -> str:
    """`folder/name:LINE:COL` of the first `needle` after the one place `after` occurs."""
    text = (folder / name).read_text(encoding="utf-8")
    start = 0
    if after:
        assert text.count(after) == 1, f"{after!r} is not unique in {name}"
        start = text.index(after)
    at = text.index(needle, start)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"{folder}/{name}:{line}:{column}"


def problems(folder: Path, *lines: str) -> str:
    """The whole message `load_pack` raises for a pack with these problems."""
    count = len(lines)
    head = f"the rules pack in '{folder}' has {count} problem{'s' if count != 1 else ''}:"
    return "\n".join([head, *lines])


def load_error(folder: Path) -> str:
    """The message of the UserError that loading `folder` raises."""
    with pytest.raises(UserError) as caught:
        load_pack(folder)
    assert caught.value.exit_code == 2
    return caught.value.message


# ---------------------------------------------------------------- the shipped pack


def test_shipped_pack_loads() -> None:
    pack = load_pack(SHIPPED)
    assert pack.pack.id == "aiexposure_default"
    assert list(pack.roles) == [
        "writer",
        "designer",
        "translator",
        "video_editor",
        "web_developer",
        "social_media",
        "virtual_assistant",
        "data_entry",
        "driver",
        "courier",
    ]
    assert [r for r, role in pack.roles.items() if role.family == "gig"] == ["driver", "courier"]


def test_rules_check_on_shipped_pack_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIEXPOSURE_RULES", raising=False)
    shipped = default_rules_dir()  # inside the installed package, or the repo's rules/ for an editable install
    pack = load_pack(shipped)
    assert shipped.samefile(SHIPPED) or (shipped / "roles.yaml").read_bytes() == (SHIPPED / "roles.yaml").read_bytes()
    tasks = sum(len(role.tasks) for role in pack.roles.values())
    result = CliRunner().invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{shipped}: OK — {len(pack.roles)} roles, {tasks} tasks, {len(pack.questions)} questions, "
        f"{len(pack.advice)} advice items, {len(pack.faq)} FAQ entries\n"
    )


def test_rules_check_on_broken_pack_exits_2_with_file_line(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, "genai: 1.4 ", after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", "1.4", after=DRAFTING)
    result = run_cli(pack_dir.parent, "rules", "check", str(pack_dir))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"aiexposure: the rules pack in '{pack_dir}' has 1 problem:\n"
        f"{where}: roles.writer.tasks.drafting.genai: expected a number from 0 to 1, found 1.4\n"
    )


def merged_pack(folder: Path) -> dict[str, Any]:
    """All the pack's YAML files merged into one mapping, as `rules schema` describes it."""
    merged: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return merged


def schema() -> dict[str, Any]:
    """The JSON Schema printed by `aiexposure rules schema`."""
    result = CliRunner().invoke(app, ["rules", "schema"])
    assert result.exit_code == 0, result.output
    printed: dict[str, Any] = json.loads(result.output)
    return printed


def test_rules_schema_validates_the_shipped_pack() -> None:
    printed = schema()
    jsonschema.Draft202012Validator.check_schema(printed)
    jsonschema.Draft202012Validator(printed).validate(merged_pack(SHIPPED))


def test_rules_schema_rejects_an_unknown_key(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", SUBSTITUTE, "mood: substitute ", after=DRAFTING)
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(merged_pack(pack_dir)))
    found = sorted((list(error.absolute_path), error.message) for error in errors)
    assert found == [
        (["roles", "writer", "tasks", "drafting"], "'mode' is a required property"),
        (["roles", "writer", "tasks", "drafting"], "Additional properties are not allowed ('mood' was unexpected)"),
    ]


# ---------------------------------------------------------------- values of the wrong kind


def test_number_out_of_range(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, "genai: 1.4 ", after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", "1.4", after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.tasks.drafting.genai: expected a number from 0 to 1, found 1.4"
    )


def test_text_where_a_number_is_expected(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, "genai: high ", after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", "high", after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.tasks.drafting.genai: expected a number, found 'high'"
    )


def test_quoted_number_is_text_not_a_number(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, 'genai: "0.56" ', after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", '"0.56"', after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.tasks.drafting.genai: expected a number, found '0.56'"
    )


def test_boolean_where_a_number_is_expected(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, "genai: true ", after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", "true", after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.tasks.drafting.genai: expected a number, found true"
    )


def test_a_value_table_entry_out_of_range(pack_dir: Path) -> None:
    # pressure's "not sure" term counts that answer as "some" (.6) through its own table of option values
    anchor = "        - id: lost_unsure\n"
    edit(pack_dir, "scoring.yaml", "values: {unsure: 0.6}", "values: {unsure: 1.6}", after=anchor)
    where = locate(pack_dir, "scoring.yaml", "1.6}", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.scores.pressure.terms.lost_unsure.times.not_sure.signal.values.unsure: "
        "expected a number from 0 to 1, found 1.6",
    )


def test_yes_where_a_weight_is_expected(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "drafting: 30\n", "drafting: yes\n")
    where = locate(pack_dir, "roles.yaml", "yes", after="drafting: yes\n")
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.typical_mix.drafting: expected a number, found true"
    )


def test_nan_is_not_a_number(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", GENAI, "genai: .nan ", after=DRAFTING)
    where = locate(pack_dir, "roles.yaml", ".nan", after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.tasks.drafting.genai: expected a finite number, found nan"
    )


def test_infinity_is_not_a_weight(pack_dir: Path) -> None:
    anchor = "        - id: genai_mix\n"
    edit(pack_dir, "scoring.yaml", "weight: 1.0\n", "weight: .inf\n", after=anchor)
    where = locate(pack_dir, "scoring.yaml", ".inf", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: scoring.scores.exposure.terms.genai_mix.weight: expected a finite number, found inf"
    )


def test_a_huge_term_weight_is_refused(pack_dir: Path) -> None:
    anchor = "        - id: genai_mix\n"
    edit(pack_dir, "scoring.yaml", "weight: 1.0\n", "weight: 1.0e+300\n", after=anchor)
    where = locate(pack_dir, "scoring.yaml", "1.0e+300", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.scores.exposure.terms.genai_mix.weight: expected a weight from -100 to 100, found 1e+300",
    )


FACTOR = "expected a factor of 0 or more for every signal from 0 to 1 (offset + weight)"


def test_a_negative_factor_is_refused(pack_dir: Path) -> None:
    anchor = "        - id: income_share\n          signal: {answer: income_share}\n"  # hazard's factor, both families
    edit(pack_dir, "scoring.yaml", anchor, anchor + "          weight: -1\n")
    where = locate(pack_dir, "scoring.yaml", "-1", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.scores.hazard.factors.income_share.weight: {FACTOR}, found offset 0 and weight -1",
    )


# risk's first term, hazard x (1 - .65 adaptation): a factor of that term alone (`times`), not of the whole score
ADAPTATION_FACTOR = "            offset: 1.0\n            weight: -0.65\n"


@pytest.mark.parametrize(("offset", "weight"), [("1.0", "-0.4"), ("0.4", "-0.4")])
def test_a_factor_with_an_offset_may_lower_a_score(pack_dir: Path, offset: str, weight: str) -> None:
    edit(pack_dir, "scoring.yaml", ADAPTATION_FACTOR, f"            offset: {offset}\n            weight: {weight}\n")
    pack = load_pack(pack_dir)
    assert pack.scoring.risk.factors == []
    hazard = pack.scoring.risk.terms[0]
    (factor,) = hazard.times
    assert (hazard.id, factor.id, factor.offset, factor.weight) == (
        "hazard",
        "adaptation",
        float(offset),
        float(weight),
    )
    # The writer with every default (typical mix outline 15, drafting 30, editing 20, research 15, voice 10,
    # client 10; genai .55, .56, .6625, .55, .445, .41; only client is `near`, factor .7):
    #   exposure .0825 + .168 + .1325 + .0825 + .0445 + .041 = .551
    #   acceleration .5 x .25 (tried) x .3005/.551 (augmentable share) = .06817 -> 6.8
    #   pressure .575 x .2505 (substitute tasks) + .05 x 1 (small business) + .05 x .5 (mixed) + .1 x .6 (market)
    #            + .225 x .3 (loss) x .6 (unsure) x .7 (suspect) = .1440375 + .05 + .025 + .06 + .02835 = .3074 -> 30.7
    #   evolution .35 x .5 + .35 x .5 = .35; adaptation .46 x .068 + .34 x .35 = .15028 -> 15.0
    #   hazard (.45 x (.551 - .3 x .041) + .9 x .307) x .92 (most) = (.242415 + .2763) x .92 = .47722 -> 47.7
    # The kept "not sure" lost-work term, untouched: .2025 x .3 x .6 x .7 x .92 x (.65 x .15) = .0022887
    # (the kept lost-work term itself is 0: "not sure" has value 0).
    # 1 - .4 x .15 = .94: .477 x .94 + .0022887 = .44838 + .0022887 = .4506687 -> 45.1
    # .4 - .4 x .15 = .34: .477 x .34 + .0022887 = .16218 + .0022887 = .1644687 -> 16.4
    risk = assess(pack, resolve(pack, "writer", None, {})).risk.value
    assert risk == {"1.0": 45.1, "0.4": 16.4}[offset]


def test_a_factor_that_could_fall_below_zero_is_refused(pack_dir: Path) -> None:
    edit(pack_dir, "scoring.yaml", ADAPTATION_FACTOR, "            offset: 0.0\n            weight: -0.4\n")
    where = locate(pack_dir, "scoring.yaml", "-0.4\n", after="            offset: 0.0\n")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.risk.terms.hazard.times.adaptation.weight: {FACTOR}, found offset 0 and weight -0.4",
    )


def test_a_factor_of_a_term_with_no_offset_that_could_fall_below_zero_is_refused(pack_dir: Path) -> None:
    # the lost-work term's adaptation factor (.65 x adaptation) turned negative: 0 - .65 x adaptation < 0
    anchor = "      - id: lost_work_kept\n"
    edit(pack_dir, "scoring.yaml", "weight: 0.65\n", "weight: -0.65\n", after=anchor)
    where = locate(pack_dir, "scoring.yaml", "-0.65\n", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.risk.terms.lost_work_kept.times.adaptation.weight: {FACTOR}, "
        "found offset 0 and weight -0.65",
    )


def test_a_typical_mix_weight_beyond_a_million_is_refused(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "drafting: 30\n", "drafting: 1.0e+308\n")
    where = locate(pack_dir, "roles.yaml", "1.0e+308")
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.typical_mix.drafting: expected a number from 0 to 1,000,000, found 1e+308"
    )


def test_a_negative_typical_mix_weight_is_refused(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "drafting: 30\n", "drafting: -30\n")
    where = locate(pack_dir, "roles.yaml", "-30", after="drafting: -30\n")  # not the "-30" of a SOC code above
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: roles.writer.typical_mix.drafting: expected a number from 0 to 1,000,000, found -30"
    )


def test_time_amounts_all_zero_would_trap_the_quiz(pack_dir: Path) -> None:
    for weight in ("1", "2", "4"):
        edit(pack_dir, "questions.yaml", f"      weight: {weight}\n", "      weight: 0\n")
    where = locate(pack_dir, "questions.yaml", "none:", after="  time_amounts:\n")
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: quiz.time_amounts: expected at least one amount with a weight above 0"
    )


def test_id_with_capitals(pack_dir: Path) -> None:
    edit(pack_dir, "sources.yaml", "  ilo2023:\n", "  ILO2023:\n")
    where = locate(pack_dir, "sources.yaml", "short:", after="  ILO2023:\n")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: sources.ILO2023: expected an id (lower-case letters, digits and _, starting with a letter), "
        "found 'ILO2023'",
    )


# ---------------------------------------------------------------- keys


def test_misspelt_key_is_unknown_and_the_real_one_missing(pack_dir: Path) -> None:
    anchor = DRAFTING
    edit(pack_dir, "roles.yaml", SUBSTITUTE, "mood: substitute ", after=anchor)
    task = locate(pack_dir, "roles.yaml", "label:", after=anchor)
    typo = locate(pack_dir, "roles.yaml", "substitute", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{task}: roles.writer.tasks.drafting.mode: missing required key",
        f"{typo}: roles.writer.tasks.drafting.mood: {UNKNOWN_KEY}",
    )


def test_unknown_optional_key(pack_dir: Path) -> None:
    anchor = "  ai_use:\n"
    edit(pack_dir, "questions.yaml", "actionable: true\n", "actionabel: true\n", after=anchor)
    where = locate(pack_dir, "questions.yaml", "true", after="actionabel")
    assert load_error(pack_dir) == problems(pack_dir, f"{where}: questions.ai_use.actionabel: {UNKNOWN_KEY}")


def test_missing_required_key(pack_dir: Path) -> None:
    edit(pack_dir, "sources.yaml", '    short: "ILO 2023"\n', "")
    where = locate(pack_dir, "sources.yaml", "citation:", after="  ilo2023:\n")
    assert load_error(pack_dir) == problems(pack_dir, f"{where}: sources.ilo2023.short: missing required key")


def test_two_problems_are_both_listed(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "drafting: 30\n", "drafting: yes\n")
    edit(pack_dir, "roles.yaml", GENAI, "genai: 1.4 ", after=DRAFTING)
    mix = locate(pack_dir, "roles.yaml", "yes", after="drafting: yes\n")
    genai = locate(pack_dir, "roles.yaml", "1.4", after=DRAFTING)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{mix}: roles.writer.typical_mix.drafting: expected a number, found true",
        f"{genai}: roles.writer.tasks.drafting.genai: expected a number from 0 to 1, found 1.4",
    )


def test_top_level_key_that_is_a_number(pack_dir: Path) -> None:
    # Like `1.5: x`, an integer key should be reported at its file and line, not at the folder.
    append(pack_dir, "sources.yaml", "1: x\n")
    where = locate(pack_dir, "sources.yaml", "x\n", after="\n1: x\n")
    assert load_error(pack_dir) == problems(pack_dir, f"{where}: 1: {UNKNOWN_KEY}")


# ---------------------------------------------------------------- reading the files


def test_duplicate_key(pack_dir: Path) -> None:
    edit(pack_dir, "sources.yaml", '    short: "ILO 2023"\n', '    short: "ILO 2023"\n    short: "ILO"\n')
    where = locate(pack_dir, "sources.yaml", 'short: "ILO"\n')
    assert load_error(pack_dir) == f"{where}: duplicate key 'short'"


def test_invalid_yaml(pack_dir: Path) -> None:
    edit(pack_dir, "sources.yaml", '    short: "ILO 2023"\n', "    short: ILO: 2023\n")
    where = locate(pack_dir, "sources.yaml", ": 2023", after="short: ILO")
    assert load_error(pack_dir) == f"{where}: not valid YAML: mapping values are not allowed in this context"


NOT_ALLOWED = "the tag '{}' is not allowed; only plain YAML data can be read"
PYTHON_TAG = "tag:yaml.org,2002:python/object/apply:os.system"


def test_python_tag_on_text_is_rejected(pack_dir: Path) -> None:
    sentinel = pack_dir.parent / "ran"
    edit(pack_dir, "sources.yaml", '"ILO 2023"', f'!!python/object/apply:os.system "touch {sentinel}"')
    where = locate(pack_dir, "sources.yaml", "!!python")
    assert load_error(pack_dir) == f"{where}: {NOT_ALLOWED.format(PYTHON_TAG)}"
    assert not sentinel.exists()


def test_python_tag_on_a_list_is_rejected(pack_dir: Path) -> None:
    # The usual exploit form: the tag sits on a sequence, which must not be read as a plain list.
    sentinel = pack_dir.parent / "ran"
    edit(pack_dir, "sources.yaml", '"ILO 2023"', f'!!python/object/apply:os.system ["touch {sentinel}"]')
    where = locate(pack_dir, "sources.yaml", "!!python")
    assert load_error(pack_dir) == f"{where}: {NOT_ALLOWED.format(PYTHON_TAG)}"
    assert not sentinel.exists()


def test_python_tag_on_a_mapping_is_rejected(pack_dir: Path) -> None:
    edit(pack_dir, "sources.yaml", "  ilo2023:\n", "  ilo2023: !!python/object:aiexposure.pack.schema.Source\n")
    where = locate(pack_dir, "sources.yaml", "!!python")
    assert load_error(pack_dir) == (
        f"{where}: {NOT_ALLOWED.format('tag:yaml.org,2002:python/object:aiexposure.pack.schema.Source')}"
    )


def test_not_utf8(pack_dir: Path) -> None:
    path = pack_dir / "sources.yaml"
    raw = path.read_bytes().replace(b'"ILO 2023"', b'"ILO 2023 \xe9"', 1)
    path.write_bytes(raw)
    offset = raw.index(b"\xe9")
    assert raw.splitlines()[7] == b'    short: "ILO 2023 \xe9"'  # line 8; the bad byte is its 22nd
    assert load_error(pack_dir) == f"{path}:8:22: not UTF-8 text (byte 0xe9 at offset {offset}); save the file as UTF-8"


@pytest.mark.parametrize("content", ["", "# only a comment\n", "\ufeff"], ids=["empty", "comment", "bom"])
def test_empty_file(pack_dir: Path, content: str) -> None:
    (pack_dir / "sources.yaml").write_text(content, encoding="utf-8")
    assert load_error(pack_dir) == (
        f"{pack_dir}/sources.yaml: the file is empty; a pack file holds a mapping of top-level keys"
    )


def test_top_level_list(pack_dir: Path) -> None:
    (pack_dir / "sources.yaml").write_text("- ilo2025\n- ilo2023\n", encoding="utf-8")
    assert load_error(pack_dir) == f"{pack_dir}/sources.yaml:1:1: expected a mapping of top-level keys, found a list"


def test_top_level_key_in_two_files(pack_dir: Path) -> None:
    append(pack_dir, "sources.yaml", "pack:\n  id: again\n")
    here = locate(pack_dir, "sources.yaml", "id: again")
    first = locate(pack_dir, "pack.yaml", "id: aiexposure_default")
    assert load_error(pack_dir) == f"{here}: top-level key 'pack' is already defined at {first}"


def test_alias_expansion_is_limited(pack_dir: Path) -> None:
    rows = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for name, prev in zip("bcdef", "abcde", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    (pack_dir / "bomb.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load_error(pack_dir) == (  # 11 + 111 + 1,111 + ... values: the 200,001st is a's 9th item, repeated by f
        f"{pack_dir}/bomb.yaml:1:32: more than 200,000 values; aliases (*name) expand to that many"
    )


# ---------------------------------------------------------------- references between parts


def test_unknown_task_in_typical_mix(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "drafting: 30\n", "drafting: 30\n      draftng: 5\n")
    where = locate(pack_dir, "roles.yaml", "5\n", after="draftng: ")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.writer.typical_mix.draftng: unknown task 'draftng'; "
        "expected one of: outline, drafting, editing, research, voice, client",
    )


def test_unknown_source(pack_dir: Path) -> None:
    anchor = "      outline:\n        label:"
    edit(pack_dir, "roles.yaml", "horizon: anthropic2025}", "horizon: anthropic2024}", after=anchor)
    where = locate(pack_dir, "roles.yaml", "anthropic2024")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.writer.tasks.outline.sources.horizon: unknown source 'anthropic2024'; "
        f"expected one of: {SOURCES}",
    )


RIDES_BY_VEHICLE = "vehicle: {motorbike: 0.05, car: 1.0, van: 0.8}"
RIDES_BY_CITY = "city: {metro: 1.0, city: 0.35, town: 0.1}"


def test_robotics_by_an_unknown_question(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", RIDES_BY_VEHICLE, "vehicles: {motorbike: 0.05, car: 1.0, van: 0.8}")
    where = locate(pack_dir, "roles.yaml", "{motorbike: 0.05", after="vehicles: {")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.driver.tasks.rides.robotics_by.vehicles: unknown question 'vehicles'; "
        f"expected one of: {QUESTIONS}",
    )


def test_robotics_by_missing_an_option_or_naming_an_unknown_one(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", RIDES_BY_CITY, "city: {metro: 1.0, city: 0.35}")
    edit(pack_dir, "roles.yaml", "car: 1.0, van: 0.8}", "car: 1.0, van: 0.8, bicycle: 0}")
    bicycle = locate(pack_dir, "roles.yaml", "0}", after="bicycle: ")
    city = locate(pack_dir, "roles.yaml", "{metro: 1.0, city: 0.35}")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{bicycle}: roles.driver.tasks.rides.robotics_by.vehicle.bicycle: unknown option 'bicycle'; "
        "expected one of: motorbike, car, van",
        f"{city}: roles.driver.tasks.rides.robotics_by.city: expected a multiplier for every option; missing town",
    )


@pytest.mark.parametrize("question", ["clients", "ai_tasks"])
def test_robotics_by_a_question_that_is_not_a_select_of_the_family(pack_dir: Path, question: str) -> None:
    edit(pack_dir, "roles.yaml", RIDES_BY_CITY, f"{question}: {{metro: 1.0}}")
    where = locate(pack_dir, "roles.yaml", "{metro: 1.0}", after=f"{question}: {{metro")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.driver.tasks.rides.robotics_by.{question}: "
        f"expected a select question asked of gig, found '{question}'",
    )


def test_market_pressure_outside_its_range(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "pressure: 0.6 ", "pressure: 0.8 ")  # the writer's; its range is 0.45-0.75
    where = locate(pack_dir, "roles.yaml", "pressure: 0.8 ")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.writer.market: expected low <= pressure <= high, found low 0.45, pressure 0.8 and high 0.75",
    )


def test_unknown_source_of_market_evidence(pack_dir: Path) -> None:
    edit(pack_dir, "roles.yaml", "- source: hui2024\n", "- source: hui2023\n")  # the writer's second finding
    where = locate(pack_dir, "roles.yaml", "hui2023")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: roles.writer.market.evidence.1.source: unknown source 'hui2023'; expected one of: {SOURCES}",
    )


def test_horizon_factor_outside_its_range(pack_dir: Path) -> None:
    anchor = "    mid:\n"
    edit(pack_dir, "scoring.yaml", "factor: 0.3\n", "factor: 0.7\n", after=anchor)
    where = locate(pack_dir, "scoring.yaml", "label:", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.horizons.mid: expected low <= factor <= high, found low 0.1, factor 0.7 and high 0.6",
    )


def test_select_default_not_an_option(pack_dir: Path) -> None:
    anchor = "  ai_use:\n"
    edit(pack_dir, "questions.yaml", "default: tried\n", "default: sometimes\n", after=anchor)
    where = locate(pack_dir, "questions.yaml", "sometimes")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: questions.ai_use.default: unknown option 'sometimes'; expected one of: never, tried, weekly, daily",
    )


def test_term_answer_not_asked_of_its_families(pack_dir: Path) -> None:
    term = "        - id: clients\n          signal: {answer: clients}\n          weight: 0.05\n"
    edit(pack_dir, "scoring.yaml", term + "          families: [freelancer]\n", term)
    where = locate(pack_dir, "scoring.yaml", "clients}", after=term)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.scores.pressure.terms.clients.signal.answer: "
        "question 'clients' is not asked of gig; limit the term with families",
    )


def test_score_signal_from_a_later_score(pack_dir: Path) -> None:
    anchor = "    acceleration:\n"
    edit(pack_dir, "scoring.yaml", "signal: {answer: ai_use}", "signal: {score: pressure}", after=anchor)
    where = locate(pack_dir, "scoring.yaml", "pressure}", after=anchor)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: scoring.scores.acceleration.terms.ai_use.signal.score: "
        "expected a score defined earlier (exposure), found 'pressure'",
    )


def test_bands_out_of_order(pack_dir: Path) -> None:
    edit(pack_dir, "scoring.yaml", "below: 35\n", "below: 10\n")
    where = locate(pack_dir, "scoring.yaml", "10\n", after="below: 10\n")
    assert load_error(pack_dir) == problems(
        pack_dir, f"{where}: scoring.bands.moderate.below: expected bands in rising order, found 10.0 after 20.0"
    )


def test_a_pack_from_an_older_release_borrows_the_messages_it_lacks(pack_dir: Path) -> None:
    edit(pack_dir, "messages.yaml", '  you: {en: "You", id: "Kamu"}\n', "")
    pack = load_pack(pack_dir)
    assert pack.borrowed_messages() == ("you",)
    assert pack.messages["you"]("id") == "Kamu"
    result = CliRunner().invoke(app, ["rules", "check", str(pack_dir)])
    assert (result.exit_code, result.output.splitlines()[1:]) == (
        0,
        ["note: 1 program message missing from this pack is taken from the shipped pack: you"],
    )


# ---------------------------------------------------------------- advice conditions and texts

FIRST_ADVICE = "  - id: fl_ai_never\n"
AI_USE_NEVER = "{answer: ai_use, in: [never]}"


def test_unknown_question_in_advice_condition(pack_dir: Path) -> None:
    edit(pack_dir, "advice.yaml", AI_USE_NEVER, "{answer: ai_usage, in: [never]}", after=FIRST_ADVICE)
    where = locate(pack_dir, "advice.yaml", "ai_usage")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: advice.fl_ai_never.when.all.1.answer: unknown question 'ai_usage'; expected one of: {QUESTIONS}",
    )


def test_condition_with_two_subjects(pack_dir: Path) -> None:
    edit(pack_dir, "advice.yaml", AI_USE_NEVER, "{answer: ai_use, in: [never], role: [writer]}", after=FIRST_ADVICE)
    where = locate(pack_dir, "advice.yaml", "{answer: ai_use, in: [never], role")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: advice.fl_ai_never.when.all.1: "
        "expected exactly one of all, any, not, role, family, answer, score or task, found role, answer",
    )


def test_unknown_option_in_condition(pack_dir: Path) -> None:
    # Like every other unknown id, the message should list the values that are allowed.
    edit(pack_dir, "advice.yaml", AI_USE_NEVER, "{answer: ai_use, in: [nevr]}", after=FIRST_ADVICE)
    where = locate(pack_dir, "advice.yaml", "{answer: ai_use, in: [nevr]}")
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: advice.fl_ai_never.when.all.1: "
        "'nevr' is not an option of question 'ai_use'; expected one of: never, tried, weekly, daily",
    )


def test_unknown_placeholder_in_advice_text(pack_dir: Path) -> None:
    edit(pack_dir, "advice.yaml", "on a practice copy", "on a {copy}", after=FIRST_ADVICE)
    where = locate(pack_dir, "advice.yaml", '"Pick the most repetitive', after=FIRST_ADVICE)
    where_id = locate(pack_dir, "advice.yaml", '"Pilih satu langkah', after=FIRST_ADVICE)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: advice.fl_ai_never.text.en: unknown placeholder '{{copy}}'; "
        "expected one of: acceleration, adaptation, ai_automation, automation, evolution, exposure, hazard, platform, "
        "pressure, role",
        f"{where_id}: advice.fl_ai_never.text.id: the en and id texts must use the same placeholders; "
        "only one of them has {copy}",
    )


def test_a_translation_that_drops_a_placeholder(pack_dir: Path) -> None:
    edit(pack_dir, "messages.yaml", 'id: "menurunkan risiko {delta}"', 'id: "menurunkan risiko"')
    where = locate(pack_dir, "messages.yaml", '"menurunkan risiko"')
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where}: messages.risk_points.id: the en and id texts must use the same placeholders; "
        "only one of them has {delta}",
    )


def test_a_misspelt_message_key(pack_dir: Path) -> None:
    edit(pack_dir, "messages.yaml", "  risk_points:", "  risk_pointz:")
    where = locate(pack_dir, "messages.yaml", "{en:", after="  risk_pointz:")
    assert load_error(pack_dir) == problems(  # the real key is borrowed from the shipped pack; the typo stays an error
        pack_dir,
        f"{where}: messages.risk_pointz: unknown message (check its spelling; the program never shows it)",
    )


def test_family_wording_for_an_unknown_family_or_an_unshown_text(pack_dir: Path) -> None:
    edit(pack_dir, "scoring.yaml", "        gig:\n", "        gg:\n", after="    pressure:\n")
    edit(pack_dir, "scoring.yaml", "          summary:\n", "          meaning:\n", after="    watch:\n")
    where_family = locate(pack_dir, "scoring.yaml", "label:", after="        gg:\n")
    # watch's gig wording, its summary made a meaning above
    watch_gig = '        gig:\n          meaning:\n            en: "For now the risk to your income where you work'
    where_field = locate(pack_dir, "scoring.yaml", "en:", after=watch_gig)
    assert load_error(pack_dir) == problems(
        pack_dir,
        f"{where_family}: scoring.scores.pressure.for_family.gg: unknown family 'gg'; expected one of: freelancer, gig",
        f"{where_field}: scoring.verdicts.watch.for_family.gig.meaning: a verdict shows no 'meaning'; "
        "expected only label or summary",
    )
