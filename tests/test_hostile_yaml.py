"""Hostile YAML, as an answers file and as a rules pack file: exit 2 naming the file, quickly, never a hang."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import time
from pathlib import Path

import pytest

from aiexposure.cli import app as cli
from aiexposure.pack.load import default_rules_dir


def laughs(levels: int) -> str:
    """A "billion laughs" document: each level repeats the one before ten times."""
    rows = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(rows) + "\n"


HOSTILE: dict[str, tuple[bytes, str]] = {
    # name: (file content, what the message says after "FILE")
    "billion-laughs": (  # few aliases, but they expand past the limit of values
        laughs(9).encode(),
        ":1:50: more than 200,000 values; aliases (*name) expand to that many",
    ),
    "alias-uses": (
        ("x: &x 1\nl: [" + ", ".join(["*x"] * 1001) + "]\n").encode(),
        ":1:4: aliases (*name) are used more than 1,000 times; this value is one they repeat; write the values out "
        "instead",
    ),
    "wide-and-flat": (
        b"a: [" + b"1," * 499_990 + b"1]\n",  # 1 MB of values: refused from parse events, before building them
        ":1:399999: more than 200,000 values",  # the 200,001st: mapping, key, list, 199,998 items
    ),
    "deep-flow": (
        b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        ":1:1003: not valid YAML: exceeded maximum nesting depth",
    ),
    "deep-block": (
        "".join(f"{'  ' * n}k{n}:\n" for n in range(100)).encode() + b"  " * 100 + b"x: 1\n",
        ":66:131: nested deeper than 64 levels",  # k64's value, the 65th level
    ),
    "50-megabytes": (b"a: 1\n# " + b"x" * 50_000_000 + b"\n", ": the file is larger than 2,000,000 bytes"),
    "latin-1": (
        "role: penulis café\n".encode("latin-1"),
        ":1:18: not UTF-8 text (byte 0xe9 at offset 17); save the file as UTF-8",
    ),
    "nul-byte": (
        b"role: wri\x00ter\n",
        ":1:10: not valid YAML: the control character U+0000 is not allowed; remove it",
    ),
    "python-tag": (
        b"role: !!python/object/apply:os.system ['echo owned']\n",
        ":1:7: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; only plain YAML data can "
        "be read",
    ),
    "duplicate-key": (b"role: writer\nrole: courier\n", ":2:1: duplicate key 'role'"),
    "5000-digits": (b"a: " + b"9" * 5000 + b"\n", ":1:4: the number has too many digits to read"),
}


def run(*args: str) -> tuple[int, str, str, float]:
    """The command line in this process: exit code, stdout, stderr and the CPU seconds it took."""
    out, err = io.StringIO(), io.StringIO()
    old_argv = sys.argv
    sys.argv = ["aiexposure", *args]
    start = time.process_time()  # CPU time: other work on a shared machine does not make it flake
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as done:
            cli.main()
    finally:
        sys.argv = old_argv
    return int(done.value.code or 0), out.getvalue(), err.getvalue(), time.process_time() - start


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_answers_file(tmp_path: Path, name: str) -> None:
    content, message = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    code, out, err, seconds = run("assess", "--answers", str(path))
    assert (code, out, err) == (2, "", f"aiexposure: {path}{message}\n")
    assert seconds < 2.0


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pack_file(tmp_path: Path, name: str) -> None:
    content, message = HOSTILE[name]
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    (pack / "extra.yaml").write_bytes(content)
    code, out, err, seconds = run("rules", "check", str(pack))
    assert (code, out, err) == (2, "", f"aiexposure: {pack / 'extra.yaml'}{message}\n")
    assert seconds < 2.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", ": the answers file is empty; it needs at least 'role: ROLE'", id="empty"),
        pytest.param(
            b"# only a comment\n", ": the answers file is empty; it needs at least 'role: ROLE'", id="comment"
        ),
        pytest.param(b"- role\n- writer\n", ":1:1: expected a mapping with the keys role, tasks, answers", id="list"),
        pytest.param(b"writer\n", ":1:1: expected a mapping with the keys role, tasks, answers", id="scalar"),
        pytest.param(b"role: writer\n---\nrole: x\n", ":2:1: not valid YAML: but found another document", id="two"),
    ],
)
def test_answers_file_that_is_not_a_mapping(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    code, out, err, _ = run("assess", "--answers", str(path))
    assert (code, out, err) == (2, "", f"aiexposure: {path}{message}\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", ": the file is empty; a pack file holds a mapping of top-level keys", id="empty"),
        pytest.param(b"[1, 2]\n", ":1:1: expected a mapping of top-level keys, found a list", id="list"),
        pytest.param(b"just words\n", ":1:1: expected a mapping of top-level keys, found 'just words'", id="scalar"),
    ],
)
def test_pack_file_that_is_not_a_mapping(tmp_path: Path, content: bytes, message: str) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    (pack / "extra.yaml").write_bytes(content)
    code, out, err, _ = run("rules", "check", str(pack))
    assert (code, out, err) == (2, "", f"aiexposure: {pack / 'extra.yaml'}{message}\n")


def test_a_weight_beyond_any_float_is_out_of_range(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("role: writer\ntasks: {drafting: 1" + "0" * 400 + "}\n")
    code, out, err, _ = run("assess", "--answers", str(path))
    assert (code, out, err) == (
        2,
        "",
        "aiexposure: task 'drafting': expected a weight (a finite number of 0 or more), found "
        "'10000000000000000000…00000'\n",
    )


def test_a_file_name_too_long_for_the_system_is_a_mistake(tmp_path: Path) -> None:
    name = "a" * 300
    assert run("batch", name, "--out-dir", str(tmp_path))[:3] == (
        2,
        "",
        f"aiexposure: {name}: cannot read the file: File name too long\n",
    )
    code, out, err, _ = run("rules", "check", name)
    assert (code, out) == (2, "")
    assert err.startswith(f"aiexposure: rules pack folder '{name}' does not exist or is not a folder;")


def test_a_pack_too_large_in_all_is_refused_before_reading(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    shipped = sum(p.stat().st_size for p in pack.glob("*.yaml"))
    for name in ("extra1", "extra2"):  # each under the limit of one file, together over it
        (pack / f"{name}.yaml").write_bytes(b"# " + b"x" * 999_000 + b"\n")
    code, out, err, seconds = run("rules", "check", str(pack))
    total = shipped + 2 * 999_003
    assert (code, out, err) == (
        2,
        "",
        f"aiexposure: rules pack folder '{pack}': its *.yaml files hold {total:,} bytes together, more than "
        "2,000,000\n",
    )
    assert seconds < 2.0
