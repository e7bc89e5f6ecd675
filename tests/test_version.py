"""`aiexposure --version`: the version, the rules pack in use, the Python it runs in and how to upgrade."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aiexposure import __version__
from aiexposure.pack.load import default_rules_dir
from clirun import run_cli


def shown(stdout: str) -> dict[str, str]:
    """The `name: value` lines after the first, as a mapping."""
    return dict(line.split(": ", 1) for line in stdout.splitlines()[1:])


def test_version_names_the_shipped_pack_and_the_python(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"aiexposure {__version__}"
    lines = shown(result.stdout)
    assert lines["rules pack"] == f"{default_rules_dir()} (shipped)"
    assert (default_rules_dir() / "pack.yaml").is_file()
    assert lines["python"].startswith(f"{sys.executable} (Python 3.")
    if "to upgrade" in lines:  # only where pip is installed
        assert lines["to upgrade"].endswith(" -m pip install .")
    # the folder it names is the one the other commands read
    checked = run_cli(tmp_path, "rules", "check")
    assert checked.stdout.startswith(f"{default_rules_dir()}: OK")


@pytest.mark.parametrize("where", ["before", "after"])
def test_version_names_the_pack_given_with_rules(tmp_path: Path, where: str) -> None:
    pack = ["--rules", "my-pack"]
    args = [*pack, "--version"] if where == "before" else ["--version", *pack]
    result = run_cli(tmp_path, *args)
    assert (result.returncode, result.stderr) == (0, "")
    assert shown(result.stdout)["rules pack"] == f"{tmp_path / 'my-pack'} (from --rules)"


def test_version_names_the_pack_from_the_environment(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version", env={"AIEXPOSURE_RULES": str(tmp_path)})
    assert (result.returncode, result.stderr) == (0, "")
    assert shown(result.stdout)["rules pack"] == f"{tmp_path} (from AIEXPOSURE_RULES)"


def test_version_runs_no_command(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version", "assess", "--role", "nobody", "-o", "report.md")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"aiexposure {__version__}\n")
    assert list(tmp_path.iterdir()) == []
