"""The JSON report as a researcher reads it: `aiexposure schema report` prints a schema in which every field says
what it means and its unit or scale, and real reports (every role, both languages, with --explain) validate
against that printed schema and hold no key it does not describe."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())
ROOT = Path(__file__).resolve().parents[1]


def printed_schema(tmp_path: Path) -> dict[str, Any]:
    done = run_cli(tmp_path, "schema", "report")
    assert (done.returncode, done.stderr) == (0, "")
    schema: dict[str, Any] = json.loads(done.stdout)
    return schema


def fields(node: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field of a schema: each property, list item, map value, shared definition and alternative."""
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}", child
        yield from fields(child, f"{path}.{name}")
    for key, suffix in (("items", "[]"), ("additionalProperties", ".*")):
        child = node.get(key)
        if isinstance(child, dict):
            yield path + suffix, child
            yield from fields(child, path + suffix)
    for name, child in node.get("$defs", {}).items():
        yield f"#{name}", child
        yield from fields(child, f"#{name}")
    for number, child in enumerate(node.get("oneOf", [])):
        yield f"{path}|{number}", child
        yield from fields(child, f"{path}|{number}")


def test_every_field_of_the_printed_schema_is_described(tmp_path: Path) -> None:
    schema = printed_schema(tmp_path)
    assert schema == json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    found = list(fields(schema))
    assert len(found) > 100
    assert [path for path, node in found if not node.get("description")] == []


def test_the_schema_says_the_scales_a_reader_could_confuse(tmp_path: Path) -> None:
    properties = printed_schema(tmp_path)["properties"]
    scores = properties["scores"]
    assert scores["required"] == list(scores["properties"]) == list(PACK.scoring.scores)  # each said apart
    assert all("0-100" in score["description"] for score in scores["properties"].values())
    assert properties["verdict"]["enum"] == list(PACK.scoring.verdicts)
    assert "0-1 (not 0-100)" in properties["market"]["properties"]["pressure"]["description"]
    row = properties["explain"]["additionalProperties"]["items"]["properties"]
    assert "the multiplier itself" in row["contribution"]["description"]


def undescribed(data: Any, node: dict[str, Any], defs: dict[str, Any], path: str = "") -> Iterator[str]:
    """The keys of a report that the schema does not name (a map's keys are named by its `additionalProperties`)."""
    if "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if isinstance(data, dict):
        for key, value in data.items():
            if key in node.get("properties", {}):
                yield from undescribed(value, node["properties"][key], defs, f"{path}.{key}")
            elif isinstance(node.get("additionalProperties"), dict):
                yield from undescribed(value, node["additionalProperties"], defs, f"{path}.{key}")
            else:
                yield f"{path}.{key}"
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for value in data:
            yield from undescribed(value, node["items"], defs, path + "[]")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_real_reports_validate_against_the_printed_schema_and_hold_no_undescribed_key(
    tmp_path: Path, lang: str
) -> None:
    schema = printed_schema(tmp_path)
    validator = jsonschema.Draft202012Validator(schema)
    for role in PACK.roles:
        done = run_cli(tmp_path, "--lang", lang, "assess", "--role", role, "--format", "json", "--explain")
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert sorted(e.message for e in validator.iter_errors(report)) == []
        assert sorted(set(undescribed(report, schema, schema["$defs"]))) == [], role
