"""`rules calibrate`: the model beside the published indices, with hand-checked numbers and correlations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiexposure.model.calibrate import calibration_data, spearman
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())


def test_spearman_with_ties_and_without_spread() -> None:
    # ranks [2, 2, 2, 5, 4] against [1, 2, 3, 4, 5]: cov 7, variances 8 and 10 -> 7 / sqrt(80) = 0.7826
    assert spearman([0, 0, 0, 0.5, 0.32], [0.038, 0.082, 0.38, 0.89, 0.94]) == 0.783
    assert spearman([1, 2, 3], [30, 20, 10]) == -1.0
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1], [2]) is None


def test_each_roles_numbers_at_its_typical_mix() -> None:
    roles = {r["role"]: r for r in calibration_data(PACK, "en")["roles"]}
    # writer: .15*.85 + .30*.80 + .20*.65 + .15*.40 + .10*.25 + .10*.15 = .5975; spread .92 and 1.46 (capped per task)
    assert roles["writer"]["genai"]["model"] == 0.5975
    assert roles["writer"]["genai"]["low"] == round(0.5975 * 0.92, 4)
    assert roles["writer"]["genai"]["ilo2025"] == 0.55
    # driver, at its most exposed options (car, metro), no horizon: .45*.8 + .25*.5 + .1*.1 + .1*.05 = .50
    assert roles["driver"]["automation"] == {"model": 0.5, "freyosborne2017": 0.89}
    # courier: .4*.5 + .05*.4 + .15*.5 + .15*.1 + .1*.1 = .32
    assert roles["courier"]["automation"]["model"] == 0.32
    assert roles["translator"]["codes"]["isco08"].startswith("2643")


def test_the_model_ranks_roles_like_the_indices() -> None:
    rho = {(c["index"], c["measure"]): c["spearman"] for c in calibration_data(PACK, "en")["correlations"]}
    assert rho[("ilo2025", "genai")] == 1.0
    assert rho[("eloundou2023", "genai")] == 1.0
    assert rho[("freyosborne2017", "automation")] == 0.783


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_command_in_both_formats(lang: str, tmp_path: Path) -> None:
    table = run_cli(tmp_path, "--lang", lang, "rules", "calibrate")
    rho = "0.783" if lang == "en" else "0,783"  # an Indonesian reader writes a decimal comma
    assert table.returncode == 0 and "ILO 2025" in table.stdout and rho in table.stdout
    data = json.loads(run_cli(tmp_path, "--lang", lang, "rules", "calibrate", "--format", "json").stdout)
    assert set(data) == {"roles", "correlations"}
    assert [r["role"] for r in data["roles"]] == list(PACK.roles)
    assert {c["measure"] for c in data["correlations"]} == {"genai", "automation"}


def test_method_page_lists_every_task_number_as_the_pack_has_it() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "method.md").read_text(encoding="utf-8")
    for role_id, role in PACK.roles.items():
        for task_id, task in role.tasks.items():
            by = "; ".join(
                f"{q}: " + ", ".join(f"{o} {v:g}" for o, v in m.items()) for q, m in task.robotics_by.items()
            )
            s = task.sources
            row = (
                f"| {role_id} | {task_id} | {task.genai:g} | {task.robotics:g} | {task.mode} | {task.horizon} | "
                f"{by or '—'} | {s.genai}; {s.robotics}; {s.mode}; {s.horizon} |"
            )
            assert row in text, row
