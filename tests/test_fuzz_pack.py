"""Fuzz `aiexposure rules check` with broken copies of the shipped pack.

Each example changes one pack file (one to three mutations of its parsed data or its text, or the whole
file) and runs the real command line in-process. The check must either pass, and then an assessment of
every role must give finite scores from 0 to 100, or exit 2 with every problem located at a
`file:line:col` of a pack file; only a missing top-level key, an empty file and an oversized file may
be named without a line. Exit 1, a traceback or "unexpected error" is always a bug.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer.main
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import aiexposure.cli.app as cli
import aiexposure.pack.load as packload
from aiexposure.pack.schema import Pack
from aiexposure.pack.yamlsource import MAX_FILE_BYTES, parse_bytes, parse_yaml

Key = str | int
KeyPath = tuple[Key, ...]
Draw = st.DrawFn
Edit = Callable[[Draw, Any], tuple[Any, str]]

SHIPPED = Path(__file__).resolve().parents[1] / "rules"
NAMES: tuple[str, ...] = tuple(sorted(p.name for p in SHIPPED.glob("*.yaml")))
# One snapshot of the shipped pack, read once: the bytes and the parsed data (keys kept as written).
RAW: dict[str, bytes] = {name: (SHIPPED / name).read_bytes() for name in NAMES}
DATA: dict[str, Any] = {name: parse_yaml(RAW[name].decode("utf-8"), name).data for name in NAMES}
TOP_KEYS: tuple[str, ...] = tuple(Pack.model_fields)

# What a pack text may never hold, and no message or report may print raw: C0 controls but tab and newline,
# DEL, and C1 controls (0x9b is an 8-bit CSI).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_TERM_WEIGHT = 100.0
OK_LINE = re.compile(
    r"OK — \d+ roles, \d+ tasks, \d+ questions, \d+ advice items, \d+ FAQ entries"
    r"(\nnote: (?P<count>\d+) program messages? missing from this pack (is|are) taken from the shipped pack: "
    r"(?P<keys>.+))?"
)
HEADER = re.compile(r"the rules pack in '(?P<dir>[^'\n]+)' has (?P<count>\d+) (?P<noun>problems?):")
LOCATED = re.compile(r"(?P<file>[\w.-]+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)")


# ---------------------------------------------------------------- the mutations


def dump(data: Any) -> bytes:
    """YAML as yaml.safe_dump writes it (the C emitter gives the same text, five times faster)."""
    text: str = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=4096)
    return text.encode("utf-8")


def walk(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every (path, value) of a parsed YAML tree, the root first."""
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from walk(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from walk(child, (*path, index))


_PRISTINE = {id(data) for data in DATA.values()}
_WALKED: dict[int, list[tuple[KeyPath, Any]]] = {}


def entries(data: Any) -> list[tuple[KeyPath, Any]]:
    """`walk(data)` as a list, kept for the unchanged files (most first mutations start there)."""
    if id(data) not in _PRISTINE:
        return list(walk(data))
    if id(data) not in _WALKED:
        _WALKED[id(data)] = list(walk(data))
    return _WALKED[id(data)]


def replaced(node: Any, path: KeyPath, change: Callable[[Any], Any]) -> Any:
    """A copy of `node` with the value at `path` changed (only the containers on the way are copied)."""
    if not path:
        return change(node)
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        copy = dict(node)
        copy[head] = replaced(node[head], rest, change)
        return copy
    items = list(node)
    assert isinstance(head, int)
    items[head] = replaced(node[head], rest, change)
    return items


def is_number(value: Any) -> bool:
    """An int or float, not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


SPREAD = 2**20


def index(draw: Draw, size: int) -> int:
    """A position below `size`, drawn from a fixed range: a replayed choice stays valid when sizes differ."""
    return draw(st.integers(0, SPREAD - 1)) * size // SPREAD


def pick(draw: Draw, paths: list[KeyPath]) -> KeyPath:
    """One of `paths`, chosen by hypothesis; the root when there are none (an emptied file)."""
    return paths[index(draw, len(paths))] if paths else ()


def inner_paths(data: Any) -> list[KeyPath]:
    """Every path but the root."""
    return [path for path, _ in entries(data) if path]


def leaf_paths(data: Any, test: Callable[[Any], bool]) -> list[KeyPath]:
    """Paths of the values `test` accepts; every inner path when there are none."""
    return [path for path, value in entries(data) if path and test(value)] or inner_paths(data)


def deep(levels: int) -> Any:
    """A value nested `levels` mappings and lists deep."""
    value: Any = "bottom"
    for level in range(levels):
        value = {"k": value} if level % 2 else [value]
    return value


NEW_KEYS = [
    "renamed",
    "Title",
    "bad-key",
    "",
    "123",
    "no",
    "x" * 70,
    "two words",
    "ansi\x1b[31mkey",
    "line\nbreak",
    "[bold red]key",
]
NEW_VALUES: list[Any] = [
    "text",
    "",
    7,
    2.5,
    True,
    False,
    None,
    [],
    {},
    ["a", 1],
    {"k": "v"},
    {"en": "x", "id": "y"},
    deep(20),
    deep(70),
]
NUMBERS: list[Any] = [
    math.nan,
    math.inf,
    -math.inf,
    "negative",
    -1,
    1e308,
    -1e308,
    10**30,
    10**400,
    0,
    0.0,
    -0.0,
    5e-324,
    1,
    0.5,
    0.999,
    9,
    20,
    100,
    100.5,
    -100.5,
    101,
    1_000_000,
    1_000_001,
]
GENTLE_NUMBERS: list[Any] = [0, 1, 0.5, 0.999, 5e-324, -0.0, 9, 20, 100, -100, "negative", 1_000_000]
TEXTS = [
    "[bold red]alarm[/bold red]",
    "[link=https://evil.example]click[/link]",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "bell\x07",
    "nul\x00",
    "carriage\rreturn",
    "del\x7f",
    "csi\x9b31m",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "a | b | c",
    "```mermaid\ngraph TD; A-->B\n```",
    "graph TD; A[start] --> B{end}",
    "first line\nsecond line",
    "tab\there",
    "{role}",
    "{not_a_slot}",
    "{",
    "%s %d {0}",
    "\u202eevil",
    "",
    "   ",
    "x" * 10_000,
    "y" * 300_000,
    "z" * (MAX_FILE_BYTES + 1),
]


GENTLE_TEXTS = [
    text for text in TEXTS if not CONTROL.search(text) and text.strip() and len(text) <= 300_000 and "{" not in text
]


def drop_key(draw: Draw, data: Any) -> tuple[Any, str]:
    """Remove one key (or list item)."""
    path = pick(draw, inner_paths(data))
    if not path:
        return data, "drop nothing (no key left)"

    def without(parent: Any) -> Any:
        if isinstance(parent, dict):
            return {k: v for k, v in parent.items() if k != path[-1]}
        return [v for i, v in enumerate(parent) if i != path[-1]]

    return replaced(data, path[:-1], without), f"drop {path}"


def rename_key(draw: Draw, data: Any) -> tuple[Any, str]:
    """Give one mapping key another name (a sibling of that name is replaced)."""
    paths = [p for p in inner_paths(data) if isinstance(p[-1], str)] or inner_paths(data)
    path = pick(draw, paths)
    new = draw(st.sampled_from(NEW_KEYS))
    if not path:
        return data, "rename nothing (no key left)"

    def renamed(parent: Any) -> Any:
        if not isinstance(parent, dict):
            return parent
        return {(new if k == path[-1] else k): v for k, v in parent.items() if k != new}

    return replaced(data, path[:-1], renamed), f"rename {path} to {new!r}"


def retype(draw: Draw, data: Any) -> tuple[Any, str]:
    """Replace one value by a value of another type."""
    path = pick(draw, inner_paths(data))
    value = draw(st.sampled_from(NEW_VALUES))
    shown = "a deep nest" if isinstance(value, dict | list) and len(repr(value)) > 40 else repr(value)
    return replaced(data, path, lambda _: value), f"set {path} to {shown}"


def renumbering(numbers: list[Any]) -> Edit:
    """An edit that replaces one number by one of `numbers` ("negative": the old one negated, minus 1)."""

    def renumber(draw: Draw, data: Any) -> tuple[Any, str]:
        path = pick(draw, leaf_paths(data, is_number))
        value = draw(st.sampled_from(numbers))

        def changed(old: Any) -> Any:
            if value == "negative":
                # compare without float(): an earlier edit may have left an int too large for one (10**400)
                small = is_number(old) and (isinstance(old, int) or math.isfinite(old)) and abs(old) < 10**300
                return -abs(old) - 1 if small else -1
            return value

        return replaced(data, path, changed), f"set number {path} to {value!r}"

    return renumber


WEIGHTS: list[Any] = [-100, -100.5, -2, -1, -0.5, 0, 0.5, 3, 100, 100.5, 1e308, math.nan, math.inf]
GENTLE_WEIGHTS: list[Any] = [-100, -2, -1, -0.5, 0, 0.5, 3, 100]


def reweighting(weights: list[Any], numbers: list[Any]) -> Edit:
    """An edit that gives one term or factor (a factor has none in the shipped pack) one of `weights`."""

    def reweight(draw: Draw, data: Any) -> tuple[Any, str]:
        kind = draw(st.sampled_from(["terms", "factors"]))
        terms = [p for p, v in entries(data) if len(p) >= 2 and p[-2] == kind and isinstance(v, dict)]
        if not terms:  # not scoring.yaml
            return renumbering(numbers)(draw, data)
        path = pick(draw, terms)
        weight = draw(st.sampled_from(weights))
        return replaced(data, path, lambda term: {**term, "weight": weight}), f"set weight of {path} to {weight!r}"

    return reweight


def zero_weights(draw: Draw, data: Any) -> tuple[Any, str]:
    """Set every weight of one typical_mix, time_amounts or term list (else every number of a subtree) to 0."""
    groups = [p for p, _ in entries(data) if p and p[-1] in ("typical_mix", "time_amounts", "terms", "factors")]
    path = pick(draw, groups or inner_paths(data))

    def zero(node: Any) -> Any:
        if is_number(node):
            return 0
        if isinstance(node, dict):
            return {k: zero(v) if k == "weight" or is_number(v) or not groups else v for k, v in node.items()}
        if isinstance(node, list):
            return [zero(v) for v in node]
        return node

    def zero_group(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: zero(v) for k, v in node.items()}
        return zero(node)

    return replaced(data, path, zero_group), f"zero the weights under {path}"


def retexting(texts: list[str]) -> Edit:
    """An edit that replaces or extends one text by one of `texts`."""

    def retext(draw: Draw, data: Any) -> tuple[Any, str]:
        path = pick(draw, leaf_paths(data, lambda v: isinstance(v, str)))
        text = draw(st.sampled_from(texts))
        append = draw(st.booleans())

        def changed(old: Any) -> Any:
            return f"{old}{text}" if append and isinstance(old, str) else text

        shown = repr(text) if len(text) < 60 else f"{len(text):,} characters"
        return replaced(data, path, changed), f"{'append' if append else 'set'} text {path}: {shown}"

    return retext


DATA_EDITS: dict[str, Edit] = {
    "drop_key": drop_key,
    "rename_key": rename_key,
    "retype": retype,
    "renumber": renumbering(NUMBERS),
    "zero_weights": zero_weights,
    "reweight": reweighting(WEIGHTS, NUMBERS),
    "retext": retexting(TEXTS),
}
# Changes a valid pack may well survive, so that many examples go on to the assessments.
GENTLE_EDITS: dict[str, Edit] = {
    "renumber": renumbering(GENTLE_NUMBERS),
    "zero_weights": zero_weights,
    "reweight": reweighting(GENTLE_WEIGHTS, GENTLE_NUMBERS),
    "retext": retexting(GENTLE_TEXTS),
}


def line_at(draw: Draw, lines: list[bytes], test: Callable[[bytes], bool] = lambda _: True) -> int:
    """Index of a line `test` accepts (any line when none does)."""
    wanted = [i for i, line in enumerate(lines) if test(line)] or list(range(len(lines)))
    return wanted[index(draw, len(wanted))]


def repeat_line(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Repeat one line: a duplicate key, or a second list item."""
    lines = text.split(b"\n")
    at = line_at(draw, lines, lambda line: b":" in line)
    return b"\n".join([*lines[: at + 1], lines[at], *lines[at + 1 :]]), f"repeat line {at + 1}"


def insert_bytes(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Insert bytes that are not UTF-8, or a raw control character."""
    chunk = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", b"\x00", b"\x1b[31m", b"\x07"]))
    at = index(draw, len(text) + 1)
    return text[:at] + chunk + text[at:], f"insert {chunk!r} at byte {at}"


def tab_indent(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Indent one line with a tab."""
    lines = text.split(b"\n")
    at = line_at(draw, lines, lambda line: line.startswith(b" "))
    lines[at] = b"\t" + lines[at].lstrip(b" ")
    return b"\n".join(lines), f"tab-indent line {at + 1}"


def unclose(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Insert an opening quote or bracket that is never closed."""
    lines = text.split(b"\n")
    at = line_at(draw, lines, lambda line: b": " in line and not line.lstrip().startswith(b"#"))
    opener = draw(st.sampled_from([b'"', b"'", b"[", b"{"]))
    line = lines[at]
    cut = line.index(b": ") + 2 if b": " in line else 0
    lines[at] = line[:cut] + opener + line[cut:]
    return b"\n".join(lines), f"insert {opener!r} in line {at + 1}"


TAGS = [
    b'!!python/object/apply:os.system ["true"]',
    b"!!python/name:os.system",
    b"!!binary aGVsbG8=",
    b"!!timestamp 2001-12-14",
    b"!!set {a, b}",
    b"!custom value",
]


def tag_value(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Give one value a Python object (or other non-plain) tag."""
    lines = text.split(b"\n")
    at = line_at(draw, lines, lambda line: b": " in line and not line.lstrip().startswith(b"#"))
    tag = draw(st.sampled_from(TAGS))
    line = lines[at]
    lines[at] = line[: line.index(b": ") + 2] + tag if b": " in line else tag
    return b"\n".join(lines), f"tag line {at + 1} with {tag.decode()}"


LAUGHS = b"lol0: &a0 [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    b"lol%d: &a%d [%s]\n" % (level, level, b", ".join([b"*a%d" % (level - 1)] * 9)) for level in range(1, 8)
)
BOMBS = [LAUGHS, b"loop: &me [*me]\n", b"ghost: *nowhere\n", b"twice: &x 1\nagain: *x\n"]


def alias_bomb(draw: Draw, text: bytes) -> tuple[bytes, str]:
    """Add top-level keys built from anchors and aliases: a billion laughs, a loop, an unknown alias."""
    bomb = draw(st.sampled_from(BOMBS))
    glue = b"" if text.endswith(b"\n") or not text else b"\n"
    return text + glue + bomb, f"append {bomb[:40]!r}..."


TEXT_EDITS: dict[str, Callable[[Draw, bytes], tuple[bytes, str]]] = {
    "repeat_line": repeat_line,
    "insert_bytes": insert_bytes,
    "tab_indent": tab_indent,
    "unclose": unclose,
    "tag_value": tag_value,
    "alias_bomb": alias_bomb,
}
# Numbers and texts are where a pack that passes can still go wrong, so they are drawn more often.
EDITS = [*DATA_EDITS, *TEXT_EDITS, "renumber", "renumber", "reweight", "retext", "retext", "zero_weights"]
WHOLE_FILES: list[tuple[str, bytes | None]] = [
    ("drop the file", None),
    ("empty file", b""),
    ("only a comment", b"# nothing here\n"),
    ("null document", b"~\n"),
    ("a list", b"- a\n- b\n"),
    ("a scalar", b"42\n"),
    ("a text", b"hello\n"),
    ("a byte order mark", b"\xef\xbb\xbf"),
]


class Case:
    """One mutated pack file: `content` None means the file is gone; `dumped`: rewritten by `dump`.

    A plain class, so that hypothesis shows the short repr, not the whole file.
    """

    def __init__(self, name: str, changes: tuple[str, ...], content: bytes | None, dumped: bool = False) -> None:
        self.name = name
        self.changes = changes
        self.content = content
        self.dumped = dumped

    def __repr__(self) -> str:
        return f"Case({self.name}: {'; '.join(self.changes)})"

    def diff(self) -> str:
        """The change as a unified diff against the file as shipped (or as dumped unchanged), for failures."""
        old = (dump(DATA[self.name]) if self.dumped else RAW[self.name]).decode("utf-8").splitlines()
        new = (self.content or b"").decode("utf-8", "backslashreplace").splitlines()
        lines = list(difflib.unified_diff(old, new, self.name, self.name, lineterm="", n=1))
        lines = [CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", line) for line in lines[:60]]
        shown = [line if len(line) < 300 else line[:300] + "..." for line in lines]
        return "\n".join(shown)


# The files that hold the model's numbers are changed more often than those that hold only texts.
FILE_CHOICES = [*NAMES, "scoring.yaml", "scoring.yaml", "roles.yaml", "questions.yaml"]


@st.composite
def cases(draw: Draw) -> Case:
    """A pack file with one to three mutations (wild, or gentle ones a pack may pass), or replaced as a whole."""
    name = draw(st.sampled_from(FILE_CHOICES))
    mode = draw(st.sampled_from(["wild"] * 6 + ["gentle"] * 3 + ["whole"]))
    if mode == "whole":
        label, content = draw(st.sampled_from(WHOLE_FILES))
        if label == "a list":
            content = dump(list(DATA[name].values()))
        return Case(name, (label,), content)
    edits = GENTLE_EDITS if mode == "gentle" else DATA_EDITS
    kinds = draw(st.lists(st.sampled_from(list(edits) if mode == "gentle" else EDITS), min_size=1, max_size=3))
    changes: list[str] = []
    data = DATA[name]
    for kind in kinds:
        if kind in edits:
            data, change = edits[kind](draw, data)
            changes.append(change)
    dumped = bool(changes)
    text = dump(data) if dumped else RAW[name]
    for kind in kinds:
        if kind in TEXT_EDITS:
            text, change = TEXT_EDITS[kind](draw, text)
            changes.append(change)
    return Case(name, tuple(changes), text, dumped)


# ---------------------------------------------------------------- running the command line


@dataclass(frozen=True)
class Run:
    """What one command printed and how it exited."""

    code: int
    out: str
    err: str


# Typer builds the same click command from `app` on every call (about 5 ms); build it once.
COMMAND = typer.main.get_command(cli.app)


def run_cli(*args: str) -> Run:
    """`aiexposure ARGS` in-process through `cli.main()`, as a user would see it."""
    out, err = io.StringIO(), io.StringIO()
    argv = mock.patch.object(sys, "argv", ["aiexposure", *args])
    with argv, mock.patch.object(cli, "app", COMMAND), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    return Run(code, out.getvalue(), err.getvalue())


class Loads:
    """Wraps `load_pack` to keep the pack a check loaded, so the assessments that follow reuse it.

    Each `aiexposure --rules DIR assess` would read the same files again and get an equal pack;
    reading it once per example keeps 2,000 examples within the time budget.
    """

    def __init__(self) -> None:
        self.real = packload.load_pack
        self.packs: dict[Path, Pack] = {}

    def __call__(self, directory: Path) -> Pack:
        pack = self.packs.get(directory)
        if pack is None:
            pack = self.real(directory)
            self.packs[directory] = pack
        return pack


@pytest.fixture(scope="module")
def snapshot() -> Iterator[Path]:
    """A folder with the snapshot of the shipped pack; each example links to its untouched files."""
    base = Path(tempfile.mkdtemp(prefix="fuzzpack-"))
    (base / "shipped").mkdir()
    for name in NAMES:
        (base / "shipped" / name).write_bytes(RAW[name])
    with mock.patch.dict(os.environ, {"AIEXPOSURE_LANG": "en"}):
        os.environ.pop("AIEXPOSURE_RULES", None)
        yield base
    shutil.rmtree(base, ignore_errors=True)


def make_pack(snapshot: Path, case: Case) -> tuple[Path, dict[str, bytes]]:
    """A fresh pack folder for `case` and the bytes of each of its files."""
    folder = Path(tempfile.mkdtemp(dir=snapshot, prefix="pack-"))
    files: dict[str, bytes] = {}
    for name in NAMES:
        if name != case.name:
            (folder / name).symlink_to(snapshot / "shipped" / name)
            files[name] = RAW[name]
        elif case.content is not None:
            (folder / name).write_bytes(case.content)
            files[name] = case.content
    return folder, files


# ---------------------------------------------------------------- what must hold


@dataclass
class Checked:
    """One `rules check` of a mutated pack, with what is needed to explain a failure."""

    case: Case
    folder: Path
    files: dict[str, bytes]
    result: Run

    def why(self, problem: str) -> str:
        """A failure message: the problem, the change (as a diff) and what the check printed."""
        printed = f"{self.result.out}{self.result.err}"
        if len(printed) > 4000:
            printed = printed[:4000] + "..."
        return f"{problem}\n{self.case!r}\n{self.case.diff()}\n--- exit {self.result.code}\n{printed}"


def check_case(snapshot: Path, case: Case) -> None:
    """Run `rules check` on the mutated pack and assert the outcome is one a user can act on."""
    folder, files = make_pack(snapshot, case)
    loads = Loads()
    try:
        with mock.patch.object(packload, "load_pack", loads):
            checked = Checked(case, folder, files, run_cli("rules", "check", str(folder)))
            result = checked.result
            assert "Traceback" not in result.err + result.out, checked.why("a traceback")
            # the program's own report of a bug; a pack's text quoted in a problem may hold the same words
            assert not result.err.startswith("aiexposure: unexpected error"), checked.why("an unexpected error")
            assert result.code in (0, 2), checked.why(f"exit {result.code}")
            if result.code == 0:
                shown = result.out.removeprefix(f"{folder}: ").removesuffix("\n")
                ok = OK_LINE.fullmatch(shown)
                assert result.err == "" and ok, checked.why("not the OK line")
                if ok["keys"] is not None:
                    assert_borrowed_messages(checked, int(ok["count"]), ok["keys"].split(", "))
                assert_passing_pack_is_sound(checked, loads(folder))
            else:
                assert result.out == "", checked.why("output on stdout")
                assert_error_is_located(checked)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def assert_passing_pack_is_sound(checked: Checked, pack: Pack) -> None:
    """A pack that passed has plain texts and bounded weights, and every role's assessment is in range."""
    for path, value in walk(pack.model_dump(by_alias=True)):
        for text in list(value) if isinstance(value, dict) else [value]:
            if isinstance(text, str):
                assert not CONTROL.search(text), checked.why(f"a control character passed the check at {path}")
    scores = [*pack.scoring.scores.values(), pack.scoring.risk]
    terms = [t for d in scores for t in (*d.terms, *d.factors)] + [
        *pack.scoring.exposed.terms,
        *pack.scoring.adapting.terms,
    ]
    for term in terms:
        assert -MAX_TERM_WEIGHT <= term.weight <= MAX_TERM_WEIGHT, checked.why(f"term {term.id} weight {term.weight}")
    assert pack.roles, checked.why("no roles")
    for role in pack.roles:
        result = run_cli("--rules", str(checked.folder), "assess", "--role", role, "-f", "json")
        where = f"`assess --role {role} -f json`"
        assert result.code == 0 and result.err == "", checked.why(f"{where}: exit {result.code}\n{result.err[-3000:]}")
        report = strict_json(result.out, checked.why(where))
        values = [*report["scores"].values(), report["risk"]["score"], *report["axes"].values()]
        for value in values:
            assert is_number(value) and math.isfinite(value) and 0.0 <= value <= 100.0, checked.why(
                f"{where}: score {value!r} (scores {report['scores']}, risk {report['risk']}, axes {report['axes']})"
            )
        for path, value in walk(report):
            assert not (isinstance(value, float) and not math.isfinite(value)), checked.why(
                f"{where}: {value} at {path}"
            )
    # The other formats show the same texts through rich and as markdown: when a text changed, they must not
    # crash or print a control character either (rich alone takes about 40 ms, so only then).
    if not any(" text " in change for change in checked.case.changes):
        return
    roles = list(pack.roles)
    role = roles[len(checked.case.content or b"") % len(roles)]
    for form in ("text", "markdown"):
        result = run_cli("--rules", str(checked.folder), "assess", "--role", role, "-f", form, "--explain")
        where = f"`assess --role {role} -f {form} --explain`"
        assert result.code == 0 and result.err == "", checked.why(f"{where}: exit {result.code}\n{result.err[-3000:]}")
        assert not CONTROL.search(result.out), checked.why(f"{where} prints a control character")


def assert_borrowed_messages(checked: Checked, count: int, keys: list[str]) -> None:
    """The `note:` line names, once each, as many message keys as it counts: shipped ones the pack lacks."""
    shipped = DATA["messages.yaml"]["messages"]
    assert len(keys) == count == len(set(keys)), checked.why(f"the note counts {count} messages but lists {keys}")
    assert set(keys) <= set(shipped), checked.why(f"borrowed messages the shipped pack has not: {keys}")
    name = "messages.yaml"
    own = DATA[name] if checked.case.name != name else parse_bytes(checked.files[name], name).data
    held = own.get("messages") if isinstance(own, dict) else None
    assert isinstance(held, dict), checked.why("messages borrowed for a pack with no messages mapping")
    assert not set(keys) & set(held), checked.why(f"borrowed messages the pack holds: {set(keys) & set(held)}")


def strict_json(text: str, where: str) -> Any:
    """Parse a JSON report, refusing NaN and Infinity (which json.dumps writes but JSON has not)."""

    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in the JSON report of {where}")

    return json.loads(text, parse_constant=refuse)


def assert_error_is_located(checked: Checked) -> None:
    """`aiexposure: ` and either one located message about the changed file, or a counted list of located problems."""
    err, folder, case = checked.result.err, checked.folder, checked.case
    assert err.startswith("aiexposure: ") and err.endswith("\n"), checked.why("not an aiexposure: message")
    body = err.removeprefix("aiexposure: ").removesuffix("\n")
    assert not CONTROL.search(body), checked.why("the message prints a raw control character")
    lines = body.split("\n")
    header = HEADER.fullmatch(lines[0])
    if header is None:
        # a file that could not be read: one line, and only the changed file can be at fault
        assert len(lines) == 1, checked.why(f"a one-line message printed over {len(lines)} lines")
        changed = f"{folder}/{case.name}"
        content = case.content or b""
        if body.startswith(f"{changed}: the file is empty;"):
            node = compose(content)
            empty = node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))
            assert empty, checked.why("not an empty file")
        elif body.startswith(f"{changed}: the file is larger than"):
            assert len(content) > MAX_FILE_BYTES, checked.why("not a large file")
        elif body.startswith(f"rules pack folder '{folder}': its *.yaml files hold "):
            total = sum(len(data) for data in checked.files.values())
            assert total > MAX_FILE_BYTES, checked.why(f"the pack's files hold {total:,} bytes, within the limit")
        else:
            assert_located(checked, body, case.name)
        return
    count = int(header["count"])
    assert header["dir"] == str(folder) and count >= 1, checked.why("a bad header")
    assert header["noun"] == ("problem" if count == 1 else "problems"), checked.why("a bad plural")
    assert len(lines) == count + 1, checked.why(f"the header counts {count}, but {len(lines) - 1} lines follow")
    for line in lines[1:]:
        missing = re.fullmatch(rf"{re.escape(str(folder))}: (?P<key>\w+): missing required key", line)
        if missing is None:
            assert_located(checked, line, None)
        else:  # a top-level key that no file holds has no line to point at
            absent = missing["key"] in TOP_KEYS and missing["key"] not in top_keys(checked)
            assert absent, checked.why(f"no file:line in {line!r}")


def top_keys(checked: Checked) -> set[str]:
    """The top-level keys the files of the pack hold."""
    keys = {str(k) for name in checked.files if name != checked.case.name for k in DATA[name]}
    node = compose(checked.case.content or b"")
    if isinstance(node, yaml.MappingNode):
        keys.update(str(key.value) for key, _ in node.value)
    return keys


def compose(content: bytes) -> yaml.Node | None:
    """The YAML node tree of a file, as written: keys and tags not interpreted."""
    node: yaml.Node | None = yaml.compose(content.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    return node


def assert_located(checked: Checked, line: str, only: str | None) -> None:
    """`line` names a file of the pack (`only` that one) and a line:col inside it, then what is wrong."""
    prefix = f"{checked.folder}/"
    match = LOCATED.fullmatch(line.removeprefix(prefix)) if line.startswith(prefix) else None
    assert match is not None, checked.why(f"no file:line in {line!r}")
    name = match["file"]
    right_file = name in checked.files and (only is None or name == only)
    assert right_file, checked.why(f"{line!r} names the wrong file")
    inside = 1 <= int(match["line"]) <= checked.files[name].count(b"\n") + 1 and int(match["col"]) >= 1
    assert inside, checked.why(f"{line!r} is outside the file")


# ---------------------------------------------------------------- problems the fuzzer found, replayed every run


def with_bytes(name: str, line: int, chunk: bytes) -> Case:
    """`name` with `chunk` put at the start of its line number `line`."""
    lines = RAW[name].split(b"\n")
    lines[line - 1] = chunk + lines[line - 1]
    return Case(name, (f"insert {chunk!r} at the start of line {line}",), b"\n".join(lines))


def with_data(name: str, change: str, path: KeyPath, edit: Callable[[Any], Any]) -> Case:
    """`name` dumped with the value at `path` edited."""
    return Case(name, (f"{change} at {path}",), dump(replaced(DATA[name], path, edit)), dumped=True)


def first_path(name: str, test: Callable[[KeyPath, Any], bool]) -> KeyPath:
    """The first path of `name` whose (path, value) `test` accepts."""
    return next(path for path, value in entries(DATA[name]) if test(path, value))


def weighted(kind: str, weight: float) -> Case:
    """scoring.yaml with the first of its `kind` ("terms" or "factors") given `weight`."""
    path = first_path("scoring.yaml", lambda p, v: len(p) >= 2 and p[-2] == kind and isinstance(v, dict))
    return with_data("scoring.yaml", f"weight {weight}", path, lambda term: {**term, "weight": weight})


def renamed_key(name: str, new: str) -> Case:
    """`name` with the first key inside its first top-level key renamed to `new`."""
    top = next(iter(DATA[name]))
    key = next(iter(DATA[name][top]))
    return with_data(name, f"rename {key!r} to {new!r}", (top,), lambda m: {new if k == key else k: m[k] for k in m})


def texted(name: str, text: str) -> Case:
    """`name` with its first text set to `text`."""
    path = first_path(name, lambda p, v: isinstance(v, str))
    return with_data(name, f"set text {text!r}", path, lambda _: text)


NOT_UTF8 = with_bytes("advice.yaml", 2, b"\xff")  # must name advice.yaml:2:1, not only "offset N"
RAW_NUL = with_bytes("roles.yaml", 2, b"\x00")  # must name roles.yaml:2:1
NEWLINE_KEY = renamed_key("sources.yaml", "two\nlines")  # must not split one problem over two lines
NEGATIVE_FACTOR = weighted("factors", -1.0)  # must be refused, or the score goes below 0
HUGE_TERM = weighted("terms", 1000.0)  # must be refused (-100..100)
ANSI_TEXT = texted("sources.yaml", "\x1b[31mred")  # must be refused
NO_MESSAGES = with_data("messages.yaml", "set {}", ("messages",), lambda _: {})  # passes; the note lists them all


# ---------------------------------------------------------------- the tests


def test_the_unchanged_snapshot_passes_every_check(snapshot: Path) -> None:
    """The harness itself: the shipped pack, rewritten as the mutations rewrite it, passes and assesses."""
    for name in NAMES:
        check_case(snapshot, Case(name, ("dumped unchanged",), dump(DATA[name]), dumped=True))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "sources.yaml", None, r"the rules pack in '{dir}' has 1 problem:\n{dir}: sources: missing", id="drop"
        ),
        pytest.param("pack.yaml", b"", r"{dir}/pack\.yaml: the file is empty", id="empty"),
        pytest.param("pack.yaml", b"- a\n", r"{dir}/pack\.yaml:1:1: expected a mapping", id="list"),
        pytest.param("pack.yaml", b"pack: !!python/name:os.system\n", r"{dir}/pack\.yaml:1:7: the tag", id="tag"),
    ],
)
def test_known_breakages_give_exit_2_with_their_place(
    snapshot: Path, name: str, content: bytes | None, expected: str
) -> None:
    """The assertions accept the messages they are meant to accept (and the runner sees exit 2)."""
    case = Case(name, ("known",), content)
    folder, files = make_pack(snapshot, case)
    try:
        result = run_cli("rules", "check", str(folder))
        assert result.code == 2 and result.out == ""
        assert re.match(expected.format(dir=re.escape(str(folder))), result.err.removeprefix("aiexposure: "))
        assert_error_is_located(Checked(case, folder, files, result))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(  # max_examples from the profile (tests/conftest.py): 200, or 2,000 in CI
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(case=cases())
@example(case=NOT_UTF8)
@example(case=RAW_NUL)
@example(case=NEWLINE_KEY)
@example(case=NEGATIVE_FACTOR)
@example(case=HUGE_TERM)
@example(case=ANSI_TEXT)
@example(case=NO_MESSAGES)
def test_mutated_pack_is_rejected_with_its_place_or_assesses_in_range(snapshot: Path, case: Case) -> None:
    """Exit 2 naming file:line, or exit 0 and a sound assessment of every role; never exit 1 or a traceback."""
    check_case(snapshot, case)
