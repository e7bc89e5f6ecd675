"""Fuzz the command line in-process: random but plausible command lines, files and CSVs, never a crash.

Each example builds a command line from the real options of `assess`, `batch`, `roles`, `questions` and
`rules check`, with valid and hostile values and generated answers files and cohort files, runs
`aiexposure.cli.app.main()` in this process (a subprocess per example would be far too slow) and checks the
contract every user relies on: exit code 0 or 2 (3 for a batch with rejected rows), never a traceback,
an error message on stderr that starts with `aiexposure: ` and does not replay control characters,
JSON that matches docs/report.schema.json, and no temporary file left behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import typer.main
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]

import aiexposure.cli.app as cli
import aiexposure.pack.load as packload
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Pack

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
SCHEMA: dict[str, Any] = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)

PACK = load_pack(default_rules_dir())
ROLES = list(PACK.roles)
ALL_TASKS = sorted({t for role in PACK.roles.values() for t in role.tasks})
QUESTIONS = list(PACK.questions)
BANDS = [band.id for band in PACK.scoring.bands]
VERDICTS = list(PACK.scoring.verdicts)
SCORE_IDS = list(PACK.scoring.scores)
ROLE_LABELS = [label for role in PACK.roles.values() for label in (role.label.en, role.label.id)]
AMOUNT_LABELS = [label for a in PACK.quiz.time_amounts.values() for label in (a.label.en, a.label.id)]

# Scratch space in memory when the machine has it: reports are written with fsync.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
# a person's report: named by their id made safe (or the row number), an HTML page by default; and the folder's mark
REPORT_NAME = re.compile(r"^([^./\\][^/\\]*\.html|\.aiexposure-reports)$")
# Control characters other than newline and tab (C0, DEL, C1 such as the 8-bit CSI 0x9b, and the marks that
# reorder text): a terminal may act on them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Text a person (or an attacker) might type or paste: markup, escapes, placeholders, odd numbers.
# fmt: off
HOSTILE: tuple[str, ...] = (
    "", " ", "\t", "-", "--", "=", ",", ",,", "'", '"', '"""', "\\", "~", "$HOME", "%s%n", "{", "{{",
    "{role}", "{exposure}", "{0}", "[bold red]x[/bold red]", "[/]", "[link=file:///etc/passwd]x[/link]",
    "\x1b[31mred\x1b[0m", "\x1b]0;owned\x07", "\x1b[2J\x1b[H", "a\rb", "a\nb", "\x08\x08", "\x7f", "\u202eevil",
    "\u2028", "\ufeff", "=1+1", "@SUM(A1)", "../../etc/passwd", "/dev/null", "nan", "NaN", "inf", "-inf",
    "1e309", "-1e309", "1e-400", "0", "-0", "-1", "1_000", "0x10", "١٢", "１２", "5%", "1,5", "9" * 400,
    "yes", "no", "true", "null", "None", "[]", "{}", "WRITER", " writer ", "Writer", "Penulis", "daily,",
    ",daily", "a" * 300, "é" * 200, "😀", "\udcff",
)
WEIGHT_WORDS: tuple[str, ...] = (
    "", "lots", "1e309", "-1e309", "nan", "inf", "-inf", "٣", "١٠", "１２", "1_0", "5%", "1,5", " 7 ", "0", "0.0",
    "-0", "+5", "0x10", "9" * 400, "1" + "0" * 400, "1e-400", "−5", "½", "Ⅻ", "1e308", "3", "50", "0.5",
)
# fmt: on


# ---------------------------------------------------------------- strategies
#
# Most values are valid and a few are not, so that a hostile value usually reaches the code that reads it
# instead of the run stopping at an earlier, unrelated mistake. The valid choice comes first in each
# `mostly`, so a failure shrinks towards a command line that is valid except for what breaks it.


def mostly(good: st.SearchStrategy[T], *bad: st.SearchStrategy[T], weight: int = 3) -> st.SearchStrategy[T]:
    """`good` about `weight` times as often as each of `bad` (a plain `one_of` picks each branch as often)."""

    @st.composite
    def pick(draw: st.DrawFn) -> T:
        n = draw(st.integers(0, weight + len(bad) - 1))
        return draw(good if n < weight else bad[n - weight])

    return pick()


def _no_nul(text: str) -> str:
    return text.replace("\0", "")


# Anything that can reach argv: a command line cannot hold NUL, but can hold undecodable bytes (surrogates).
argv_text: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=20),
    st.binary(max_size=12).map(os.fsdecode),
).map(_no_nul)

# Text inside a file that is otherwise UTF-8 (undecodable bytes are tried separately, file-wide).
file_text: st.SearchStrategy[str] = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)).map(
    lambda s: s.encode("utf-8", "replace").decode("utf-8")
)

weight_text: st.SearchStrategy[str] = mostly(
    st.integers(0, 100).map(str),
    st.integers(-(10**6), 10**9).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(WEIGHT_WORDS),
    argv_text,
    weight=4,
)

# Values a YAML or JSON file can hold where a weight or an answer is expected.
junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | file_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(file_text, inner, max_size=3),
    max_leaves=6,
)


def family_of(role: str | None) -> str | None:
    """The family of a role id, None for anything else."""
    return PACK.roles[role].family if role in PACK.roles else None


def asked(role: str | None) -> list[str]:
    """The questions asked of a role (every question when it is not a role)."""
    family = family_of(role)
    return [q for q in QUESTIONS if family is None or family in PACK.questions[q].families]


def task_ids(role: str | None) -> list[str]:
    """The task ids of a role (every role's when it is not a role)."""
    return list(PACK.roles[role].tasks) if role in PACK.roles else ALL_TASKS


def option_ids(question: str, role: str | None) -> list[str]:
    """The values a question takes (task ids for a question answered with tasks)."""
    item = PACK.questions[question]
    return task_ids(role) if item.options_from_tasks else list(item.options)


def option_labels(question: str, role: str | None) -> list[str]:
    """Every label of a question's options, in both languages."""
    item = PACK.questions[question]
    if item.options_from_tasks:
        role_tasks = PACK.roles[role].tasks if role in PACK.roles else PACK.roles[ROLES[0]].tasks
        return [label for task in role_tasks.values() for label in (task.label.en, task.label.id)]
    return [label for o in item.options.values() for label in (o.label.en, o.label.id)]


def answer_value(question: str, role: str | None) -> st.SearchStrategy[str]:
    """A value for --answer QUESTION=VALUE or a CSV cell: an id, a label, a comma list, or junk."""
    ids = option_ids(question, role)
    names = ids + option_labels(question, role)
    return mostly(
        st.sampled_from(ids),
        st.sampled_from(names),
        st.lists(st.sampled_from(names), max_size=4).map(", ".join),
        st.lists(mostly(st.sampled_from(ids), argv_text), max_size=3).map(",".join),
        argv_text,
    )


def _encode(text: str, encoding: str) -> bytes:
    """Text as a file would hold it, in one of the encodings people's tools write."""
    if encoding == "bad-byte":
        return text.encode("utf-8", "replace") + b"\n\xff\xfe"
    return text.encode(encoding, "replace")  # a lone surrogate (from argv_text) cannot be in a text file


encodings = mostly(st.just("utf-8"), st.sampled_from(["utf-8-sig", "utf-16", "latin-1", "bad-byte"]), weight=8)


def _laughs() -> bytes:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines).encode() + b"\n"


RAW_ANSWERS: tuple[bytes, ...] = (
    b"",
    b"\n",
    b"---\n",
    b"~\n",
    b"[]\n",
    b"- role: writer\n",
    b"role: [writer]\n",
    b"role: 7\n",
    b"role: writer\nrole: designer\n",
    b"role: writer\ntasks: [1, 2]\n",
    b"role: writer\nanswers: 5\n",
    b"role: writer\nanswers: {ai_use: [daily, weekly]}\n",
    b"role: writer\nanswers: {human_edge: {a: 1}}\n",
    b"role: writer\nanswers: {human_edge: [[empathy]]}\n",
    b"role: writer\nanswers: {ai_use: 1.5}\n",
    b"role: writer\nanswers: {lost_work: no}\n",
    b"role: writer\nanswers: {ai_use: " + b"9" * 5000 + b"}\n",
    b"role: writer\nanswers: {ai_use: 1.0e+400}\n",
    b"{role: writer",
    b"role: 'writer\n",
    b"\trole: writer\n",
    b"role: !!python/object/apply:os.system ['echo pwned']\n",
    b"role: !!binary aGVsbG8=\n",
    b"role: 2001-01-01\n",
    b"role: writer\ntasks: {drafting: " + b"9" * 5000 + b"}\n",
    b"role: writer\ntasks: {drafting: " + b"9" * 400 + b"}\n",
    b"role: writer\ntasks: {drafting: 1.0e+400}\n",
    b"role: writer\ntasks: {drafting: .nan}\n",
    b"role: writer\ntasks: {drafting: -.inf}\n",
    b"role: writer\ntasks: {drafting: 0x1F, editing: 0o17, client: 1:30}\n",
    b"role: writer\ntasks: {drafting: 1.0e+308, editing: 1.0e+308}\n",
    b"role: writer\ntasks: {drafting: 1.0e-320}\n",
    b"role: writer\ntasks: {drafting: " + b"1" * 310 + b", editing: 1}\n",
    b'{"role": "writer", "tasks": {"drafting": 1e999}}\n',
    b'{"role": "writer", "tasks": {"drafting": 1' + b"0" * 400 + b"}}\n",
    b'role: writer\nanswers: {ai_use: "\\e[31mdaily"}\n',
    b'role: "\\e]0;owned\\a"\n',
    b'role: writer\nanswers: {"\\e[2J": daily}\n',
    b'role: writer\n"\\x1b[31m": 1\n',
    b'role: writer\ntasks: {"\\r\\x1b[2K": 5}\n',
    b'role: writer\ntasks: {drafting: "\\e[31m5"}\n',
    b'role: writer\nanswers: {human_edge: ["\\e[31mempathy"]}\n',
    b"role: '[bold red]x[/bold red]'\n",
    b"? [a]\n: b\n",
    b"&a [*a]\n",
    b"[" * 200 + b"]" * 200,
    b"[" * 20000,
    _laughs(),
    b"\xff\xfe" + "role: writer\n".encode("utf-16-le"),
    b"\xef\xbb\xbfrole: writer\n",
    b"role: writer\x00\n",
    b"role: w\x1b[31mriter\n",
    b"#" + b"a" * 2_000_001,
)


def good_value(question: str, role: str, for_line: bool) -> st.SearchStrategy[str]:
    """A value the question accepts: an id, a label, or for a multi-select a comma list (ids; labels on the
    command line only when they hold no comma, since there the comma separates values)."""
    ids = option_ids(question, role)
    labels = option_labels(question, role)
    if PACK.questions[question].kind == "select":
        return mostly(st.sampled_from(ids), st.sampled_from(labels), weight=2)
    words = ids + [label for label in labels if "," not in label or not for_line]
    return st.lists(st.sampled_from(words), max_size=3).map(", ".join)


@st.composite
def bad_answer_option(draw: st.DrawFn, role: str) -> str:
    """An --answer that is wrong in one way: the question, its family, the value, or the ID=VALUE shape."""
    family = PACK.roles[role].family
    other = [q for q in QUESTIONS if family not in PACK.questions[q].families]
    question = draw(st.sampled_from(asked(role)))
    kind = draw(st.sampled_from(["question", "family", "value", "value", "shape"]))
    if kind == "question":
        return f"{draw(argv_text)}={draw(good_value(question, role, True))}"
    if kind == "family" and other:  # a question asked only of the other family
        elsewhere = draw(st.sampled_from(other))
        return f"{elsewhere}={draw(st.sampled_from(option_ids(elsewhere, role)))}"
    if kind == "shape":
        value = draw(good_value(question, role, True))
        return draw(st.sampled_from([question + value, f"={value}", f" ={value}", question]))
    return f"{question}={draw(answer_value(question, role))}"


@st.composite
def bad_task_option(draw: st.DrawFn, role: str) -> str:
    """A --task that is wrong in one way (or odd but perhaps fine): the task id, the weight or the shape."""
    task = draw(st.sampled_from(task_ids(role)))
    kind = draw(st.sampled_from(["task", "other_role", "weight", "weight", "shape"]))
    if kind == "task":
        return f"{draw(argv_text)}={draw(st.integers(0, 100))}"
    if kind == "other_role":
        return f"{draw(st.sampled_from([t for t in ALL_TASKS if t not in PACK.roles[role].tasks]))}=5"
    if kind == "shape":
        return draw(st.sampled_from([task, f"={draw(weight_text)}", f"{task}=1=2", f" = {task}"]))
    return f"{task}={draw(weight_text)}"


good_weight = mostly(
    st.integers(1, 100).map(str),
    st.sampled_from(["12.5", "0", " 7 ", "0.001", "1e2", "30%", "1_0", "١٢", "１２", "5.", ".5"]),
    weight=4,
)


@st.composite
def good_answers_data(draw: st.DrawFn, role: str, with_role: bool) -> dict[str, Any]:
    """The data of a valid answers file for `role`."""
    data: dict[str, Any] = {"role": role} if with_role else {}
    if draw(st.booleans()):
        tasks = draw(st.lists(st.sampled_from(task_ids(role)), min_size=1, max_size=4, unique=True))
        weight = mostly(st.integers(1, 100), st.floats(0.5, 1e6), good_weight.filter(lambda w: w.strip() != "0"))
        data["tasks"] = {t: draw(weight) for t in tasks}
    if draw(st.booleans()):
        answers: dict[str, Any] = {}
        for question in draw(st.lists(st.sampled_from(asked(role)), max_size=6, unique=True)):
            ids = option_ids(question, role)
            multi = PACK.questions[question].kind == "multi"
            answers[question] = draw(
                st.lists(st.sampled_from(ids), max_size=3, unique=True)
                if multi
                else mostly(st.sampled_from(ids), st.sampled_from(option_labels(question, role)))
            )
        data["answers"] = answers
    return data


# A number too long for Python to read or print as an int (more than 4,300 digits): written in after dumping.
HUGE = "@@HUGE@@"
HUGE_DIGITS = "9" * 5000
bad_scalar: st.SearchStrategy[Any] = mostly(
    st.sampled_from([10**400, 2**1024, -(10**30), HUGE]),
    st.sampled_from([1e308, -1.0, 1e-320, math.nan, math.inf, -math.inf, True, None, ""]),
    st.integers(),
    st.floats(),
    file_text,
    junk,
    weight=2,
)


@st.composite
def hostile_answers_data(draw: st.DrawFn) -> Any:
    """The data of a valid answers file with one thing wrong: a value of the wrong type, a huge number, an
    unknown key, a list where a mapping belongs..."""
    role = draw(st.sampled_from(ROLES))
    data = draw(good_answers_data(role, True))
    tasks: dict[str, Any] = data.setdefault("tasks", {t: 1 for t in task_ids(role)[:2]})
    answers: dict[str, Any] = data.setdefault("answers", {})
    question = draw(st.sampled_from(asked(role)))
    kind = draw(st.sampled_from(["role", "weight", "weight", "weight", "task", "answer", "answer", "key", "shape"]))
    if kind == "role":
        data["role"] = draw(st.one_of(st.sampled_from(ROLE_LABELS), bad_scalar))
    elif kind == "weight":
        tasks[draw(st.sampled_from(task_ids(role)))] = draw(bad_scalar)
    elif kind == "task":
        tasks[draw(st.one_of(file_text, st.sampled_from(ALL_TASKS)))] = draw(st.integers(0, 9))
    elif kind == "answer":
        answers[question] = draw(st.one_of(bad_scalar, answer_value(question, role), st.lists(bad_scalar, max_size=3)))
    elif kind == "key":
        target = draw(st.sampled_from([data, tasks, answers]))
        target[draw(st.one_of(file_text, st.sampled_from(QUESTIONS)))] = draw(st.sampled_from(["daily", 1]) | junk)
    else:
        data[draw(st.sampled_from(["role", "tasks", "answers"]))] = draw(junk)
    return data if draw(st.integers(0, 19)) else draw(junk)


@st.composite
def dumped(draw: st.DrawFn, document: Any) -> str:
    """`document` as YAML or JSON text."""
    if draw(st.booleans()):
        text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    else:
        text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()))
    return inflate(text)


def inflate(text: str) -> str:
    """Put the huge number where the data held its marker."""
    return re.sub(f"[\"']?{HUGE}[\"']?", HUGE_DIGITS, text)


@st.composite
def answers_file(draw: st.DrawFn, role: str, with_role: bool, bad: bool) -> bytes:
    """An answers file: valid for `role`, or (bad) hostile values, a hostile file as it is, or junk."""
    if not bad:
        text = draw(dumped(draw(good_answers_data(role, with_role))))
        return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))
    kind = draw(st.sampled_from(["data", "data", "data", "raw", "raw", "text"]))
    if kind == "raw":
        return draw(st.sampled_from(RAW_ANSWERS))
    if kind == "text":
        return _encode(draw(st.text(max_size=60)), draw(encodings))
    return _encode(draw(dumped(draw(hostile_answers_data()))), draw(encodings))


def _prompts(question: str) -> list[str]:
    item = PACK.questions[question]
    return [question, question.upper(), item.prompt.en, item.prompt.id]


def _task_headers(task: str) -> list[str]:
    role = next(r for r in PACK.roles.values() if task in r.tasks)
    wording = [
        PACK.messages["quiz_task_time"](lang).replace("{task}", role.tasks[task].label(lang)) for lang in ("en", "id")
    ]
    return [f"task.{task}", *wording]


@st.composite
def column(draw: st.DrawFn, role: str, bad: bool) -> tuple[str, st.SearchStrategy[str]]:
    """A column of a cohort CSV for people of `role`'s family: its header and what its cells hold.

    Cells are mostly valid; now and then one is not, and that row is rejected (exit code 3).
    """
    kind = draw(st.sampled_from(["id", "question", "question", "question", "task", "task", *(["other"] * bad)]))
    if kind == "id":
        header = draw(st.sampled_from(["id", "ID", "Timestamp", "email", "name", "respondent", "Nama"]))
        return header, mostly(st.text(max_size=12), file_text, weight=1)
    if kind == "question":
        question = draw(st.sampled_from(asked(role) if not bad else QUESTIONS))
        good = mostly(good_value(question, role, False), st.just(""), weight=4)
        return draw(st.sampled_from(_prompts(question))), mostly(good, answer_value(question, role), weight=8)
    if kind == "task":
        task = draw(st.sampled_from(task_ids(role) if not bad else ALL_TASKS))
        good = mostly(good_weight, st.sampled_from(AMOUNT_LABELS), st.just(""))
        return draw(st.sampled_from(_task_headers(task))), mostly(good, weight_text, weight=8)
    return draw(file_text), file_text


RAW_CSV: tuple[bytes, ...] = (
    b"",
    b"\n\n",
    b"role\n",
    b"role\nwriter\n",
    b'role,id\nwriter,"unclosed\n',
    b'role,id\nwriter,a"b\n',
    b'"role\nwriter\n',
    b"role,id\nwriter,\x00\n",
    b"role,id\n\x00,writer\n",
    b"role,id\nwriter," + b"x" * 100_001 + b"\n",
    b"role;id;ai_use\nwriter;a;daily\n",
    b"role,task.drafting\nwriter," + b"9" * 400 + b"\n",
    b"role,task.drafting\nwriter," + b"9" * 5000 + b"\n",
    b"role,task.drafting,task.editing\nwriter,1e308,1e308\n",
    b"\xff\xferole\n",
    b"role,id\nwriter,ok\n\xff\xfe\xfd,bad\n",
    b'{"role": "writer", "id": "\\u001b[31m"}\n[1]\nnot json\n{"role": "driver", "tasks": {"rides": 1e999}}\n',
    b'{"role": "writer", "tasks": {"drafting": 1' + b"0" * 400 + b"}}\n",
    b'{"role": "writer", "tasks": {"drafting": 1' + b"0" * 5000 + b"}}\n",
    b'{"role": "writer", "answers": {"ai_use": 1' + b"0" * 5000 + b"}}\n",
    b'{"role": "writer", "answers": {"ai_use": "' + b"[" * 5000 + b'"}}\n' + b"[" * 100_000 + b"\n",
    b'{"role": "writer", "id": ' + b"[" * 100 + b"]" * 100 + b"}\n",
    b'{"role": "writer", "id": "\\u001b]0;owned\\u0007", "answers": {"ai_use": "\\u001b[31m"}}\n',
    b"role,\x1b[31mevil\x1b[0m\nwriter,x\n",
    b"\x1b]0;owned\x07,x\nwriter,x\n",
    b"role,ai_use\n\x1b[31mwriter,daily\nwriter,\x1b[2Jdaily\n",
)


@st.composite
def cohort_file(draw: st.DrawFn, bad: bool) -> tuple[str, bytes]:
    """A cohort file for `batch`, named `cohort.*`: a CSV of one family's questions and tasks (or JSONL) with
    mostly valid cells; or (bad) random headers, a hostile file as it is, junk text or an odd encoding."""
    role = draw(st.sampled_from(ROLES))
    kind = draw(st.sampled_from(["csv", "csv", "csv", "jsonl", *(["raw", "raw", "text"] * bad)]))
    suffix = ".jsonl" if kind == "jsonl" and not bad else draw(mostly(st.just(".csv"), st.sampled_from(["", ".txt"])))
    if kind == "raw":
        return "cohort" + suffix, draw(st.sampled_from(RAW_CSV))
    if kind == "text":
        return "cohort" + suffix, _encode(draw(st.text(max_size=80)), draw(encodings))
    encoding = draw(encodings) if bad else draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    if kind == "jsonl":
        person = mostly(
            good_answers_data(role, True).map(json.dumps),
            st.tuples(hostile_answers_data(), mostly(file_text, bad_scalar)).map(
                lambda pair: inflate(json.dumps({**pair[0], "id": pair[1]} if isinstance(pair[0], dict) else pair[0]))
            ),
            st.text(max_size=20),
            weight=4,
        )
        return "cohort" + suffix, _encode("\n".join(draw(st.lists(person, max_size=5))) + "\n", encoding)
    columns = draw(st.lists(column(role, bad), max_size=6))
    if not bad or draw(st.integers(0, 3)):
        header = draw(st.sampled_from(["role", "Role", " ROLE ", PACK.messages["quiz_role"].en]))
        roles = mostly(st.sampled_from([role, PACK.roles[role].label.en]), file_text, weight=8)
        columns.insert(draw(st.integers(0, len(columns))), (header, roles))
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = [draw(cells) for _, cells in columns]
        if bad and draw(st.integers(0, 4)) == 0:
            row = row[: draw(st.integers(0, len(row)))] if draw(st.booleans()) else [*row, draw(file_text)]
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(mostly(st.just(","), st.sampled_from([";", "\t"]))),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
    )
    writer.writerow([header for header, _ in columns])
    writer.writerows(rows)
    return "cohort" + suffix, _encode(buffer.getvalue(), encoding)


# ---------------------------------------------------------------- cases


@dataclass
class Case:
    """One generated command line, the files it reads and what a correct run must look like."""

    command: str
    argv: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> content, written before the run
    stdin: bytes = b""
    sentinel: str | None = None  # an output file that exists before the run
    roles: list[str] = field(default_factory=list)
    global_langs: list[str] = field(default_factory=list)
    command_langs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # question ids given with --answer
    tasks_given: bool = False
    explain: bool = False
    strict: bool = False
    reports: bool = False
    out_dirs: list[str] = field(default_factory=list)
    batch_input: str = ""
    noisy: bool = False  # an unknown option, a stray argument, an option without its value or a bad --rules

    def shell(self) -> str:
        """The command line for bash, to run in a folder holding in/ and out/ (stdin from a file if any)."""
        line = " ".join(["aiexposure", *map(shell_quote, self.argv)])
        return f"{line} < in/stdin" if self.stdin else line


def shell_quote(arg: str) -> str:
    """`arg` quoted for bash; bytes that are not printable ASCII (controls, undecodable bytes) as $'\\xNN'."""
    if arg.isascii() and arg.isprintable():
        return shlex.quote(arg)
    raw = os.fsencode(arg)  # the bytes of the argument, undecodable ones included
    return "$'" + "".join(chr(b) if 32 <= b < 127 and b not in b"'\\" else f"\\x{b:02x}" for b in raw) + "'"


@st.composite
def faults(draw: st.DrawFn, parts: tuple[str, ...]) -> set[str]:
    """Which parts of a command line to get wrong: none, one or two, each a third of the time."""
    count = draw(st.sampled_from([0, 1, 2]))
    return set(draw(st.lists(st.sampled_from(parts), min_size=count, max_size=count, unique=True)))


GOOD_LANG = st.sampled_from(["en", "id", "ID", " en "])
BAD_LANG = mostly(st.sampled_from(["xx", "", "in", "id_ID", "english"]), argv_text, weight=1)


def _global_options(draw: st.DrawFn, case: Case, bad: set[str]) -> list[str]:
    """Options before the command: --lang, and (a fault) a bad --lang or a --rules folder that is no pack."""
    before: list[str] = []
    if draw(st.integers(0, 3)) == 0:
        before += ["--lang", draw(GOOD_LANG)]
    if "lang" in bad and draw(st.booleans()):
        before += ["--lang", draw(BAD_LANG)]
        bad.discard("lang")
    case.global_langs = before[1::2]
    if "rules" in bad:
        before += ["--rules", draw(st.sampled_from(["in", "missing", "in/afile", "", "a" * 300]))]
        case.noisy = True  # the pack cannot be read: every command that reads it stops with exit code 2
    return before


def _command_lang(draw: st.DrawFn, options: list[list[str]], bad: set[str]) -> None:
    """The command's own --lang: now and then a good one, or a bad one when that is the fault."""
    if "lang" in bad:
        options.append(["--lang", draw(BAD_LANG)])
    elif draw(st.integers(0, 3)) == 0:
        options.append(["--lang", draw(GOOD_LANG)])


def _noise(draw: st.DrawFn, case: Case, options: list[list[str]], bad: set[str]) -> None:
    """As a fault: an unknown option, a stray argument, or an option left without its value at the end."""
    if "noise" not in bad:
        return
    kind = draw(st.sampled_from(["unknown", "stray", "dangling"]))
    if kind == "unknown":
        options.append([draw(st.sampled_from(["--bogus", "-x", "--rol", "--Role"]))])
    elif kind == "stray":
        options.append([draw(argv_text.filter(lambda s: not s.startswith("-")))])
    else:
        options.append([draw(st.sampled_from(["--role", "--task", "--answer", "--answers", "--format", "-o"]))])
    case.noisy = True


def _record(case: Case, options: list[list[str]]) -> None:
    """Note what the options ask for, in command-line order (the last of a repeated option wins)."""

    def given(*names: str) -> list[str]:
        return [group[1] for group in options if group[0] in names]

    case.roles = given("--role")
    case.command_langs = given("--lang")
    case.formats = given("--format", "-f")
    case.outputs = given("--output", "-o")
    case.out_dirs = given("--out-dir", "-d")
    case.answered = [value.partition("=")[0].strip() for value in given("--answer")]
    case.tasks_given = bool(given("--task"))
    case.explain = ["--explain"] in options
    case.strict = ["--strict"] in options
    case.reports = ["--reports"] in options


def _flatten(groups: list[list[str]]) -> list[str]:
    return [token for group in groups for token in group]


GOOD_OUTPUTS = [
    "-", "", "out/report.json", "out/report.md", "out/report.markdown", "out/report.txt", "out/REPORT.JSON",
    "out/report", "report.json", "out/.hidden.json", "out/répört 1.md", "out/report.html", "out/REPORT.HTM",
]  # fmt: skip
BAD_OUTPUTS = [
    "out", "out/", ".", "out/missing/report.json", "out/" + "x" * 300 + ".json", "in/afile/report.json",
    "out/report.pdf",  # a format the program cannot write: refused unless --format names one
]  # fmt: skip
# Each part's chance to be the wrong one grows with how many ways it can be wrong.
ASSESS_PARTS = (
    *("role", "tasks", "tasks", "answers", "answers", "file", "file", "file", "file"),
    *("format", "output", "output", "lang", "strict", "noise", "rules"),
)


@st.composite
def assess_case(draw: st.DrawFn) -> Case:
    """`aiexposure [--lang L] assess ...`: the real options, valid except for the chosen faults."""
    case = Case("assess")
    bad = draw(faults(ASSESS_PARTS))
    before = _global_options(draw, case, bad)
    role = draw(st.sampled_from(ROLES))
    options: list[list[str]] = []
    case.files["in/afile"] = b"not a folder\n"
    use_file = "file" in bad or draw(st.integers(0, 2)) == 0
    role_on_line = not use_file or draw(st.booleans())
    if "role" in bad:
        options.append(["--role", draw(argv_text.filter(lambda s: s not in PACK.roles))])
    elif role_on_line:
        options.append(["--role", role])
    on_line = not use_file or draw(st.integers(0, 3)) == 0  # an answers file is mostly left to speak for itself
    tasks = draw(st.lists(st.sampled_from(task_ids(role)), max_size=4 if on_line else 0, unique=True))
    for task in tasks:
        options.append(["--task", f"{task}={draw(good_weight)}"])
    if "tasks" in bad:
        options.append(["--task", draw(bad_task_option(role))])
    strict = "strict" in bad or draw(st.integers(0, 4)) == 0
    questions = (
        asked(role)
        if strict and "strict" not in bad
        else draw(st.lists(st.sampled_from(asked(role)), max_size=9 if on_line else 0, unique=True))
    )
    for question in questions:
        options.append(["--answer", f"{question}={draw(good_value(question, role, True))}"])
    if "answers" in bad:
        options.append(["--answer", draw(bad_answer_option(role))])
    if strict:
        options.append(["--strict"])
    if use_file:
        where = draw(st.sampled_from(["in/answers.yaml", "in/answers.json", "-"]))
        if "file" in bad and draw(st.integers(0, 4)) == 0:
            where = draw(st.sampled_from(["in", "in/gone", "in/afile/x.yaml"]))
        content = draw(answers_file(role, not role_on_line, "file" in bad))
        if where == "-":
            case.stdin = content
        elif where.endswith((".yaml", ".json")) and where != "in/afile/x.yaml":
            case.files[where] = content
        options.append(["--answers", where])
    if draw(st.integers(0, 2)) or "format" in bad:  # mostly JSON: the report checked most closely
        value = draw(
            argv_text if "format" in bad else st.sampled_from(["text", "markdown", "json", "json", "html", "short"])
        )
        options.append([draw(st.sampled_from(["--format", "-f"])), value])
    if draw(st.booleans()) or "output" in bad:
        choice = st.sampled_from(BAD_OUTPUTS) | argv_text.map(lambda s: "out/" + s)
        value = draw(choice if "output" in bad else st.sampled_from(GOOD_OUTPUTS))
        options.append([draw(st.sampled_from(["--output", "-o"])), value])
    if draw(st.booleans()):
        options.append(["--explain"])
    _command_lang(draw, options, bad)
    options = list(draw(st.permutations(options)))
    _record(case, options)
    if case.outputs and case.outputs[-1] not in ("", "-") and draw(st.integers(0, 4)) == 0:
        case.sentinel = case.outputs[-1]
    _noise(draw, case, options, bad)
    case.argv = [*before, "assess", *_flatten(options)]
    return case


BATCH_PARTS = (
    *("input", "content", "content", "content", "content", "out_dir", "out_dir"),
    *("format", "lang", "noise", "rules"),
)


@st.composite
def batch_case(draw: st.DrawFn) -> Case:
    """`aiexposure [--lang L] batch INPUT ...` with a generated cohort file, valid except for the chosen faults."""
    case = Case("batch")
    bad = draw(faults(BATCH_PARTS))
    before = _global_options(draw, case, bad)
    name, content = draw(cohort_file("content" in bad))
    source = draw(
        st.sampled_from(["missing", "folder", "text", "template"])
        if "input" in bad
        else mostly(st.just("file"), st.sampled_from(["stdin", "template"]), weight=6)
    )
    if source == "file":
        case.batch_input = f"in/{name}"
        case.files[case.batch_input] = content
    elif source == "stdin":
        case.batch_input, case.stdin = "-", content
    elif source == "template":
        case.batch_input = "template"
    elif source == "missing":
        case.batch_input = "in/nothing.csv"
    elif source == "folder":
        case.batch_input = "in"
    else:
        case.batch_input = draw(argv_text.filter(lambda s: not s.startswith("-")))
    case.files["in/afile"] = b"role\nwriter\n"  # an --out-dir that is a file
    options: list[list[str]] = []
    if "out_dir" in bad:
        value = draw(
            st.sampled_from(["in/afile", "in/afile/sub", "out/" + "x" * 300]) | argv_text.map(lambda s: "out/" + s)
        )
        options += [[draw(st.sampled_from(["--out-dir", "-d"])), value]] * draw(st.integers(0, 1))
    else:
        value = draw(st.sampled_from(["out/results", "out", "out/a/b", "out/new folder"]))
        options.append([draw(st.sampled_from(["--out-dir", "-d"])), value])
    if draw(st.booleans()):
        options.append(["--reports"])
    if draw(st.integers(0, 3)) == 0:
        options.append(["--strict"])
    if "format" in bad or (source == "template" and draw(st.booleans())):
        value = draw(st.sampled_from(["csv", "md"]) if source == "template" and "format" not in bad else argv_text)
        options.append([draw(st.sampled_from(["--format", "-f"])), value])
    _command_lang(draw, options, bad)
    options = list(draw(st.permutations(options)))
    _record(case, options)
    _noise(draw, case, options, bad)
    case.argv = [*before, "batch", case.batch_input, *_flatten(options)]
    return case


@st.composite
def listing_case(draw: st.DrawFn) -> Case:
    """`roles`, `questions` and `rules check` with odd arguments."""
    command = draw(st.sampled_from(["roles", "questions", "rules check"]))
    case = Case(command)
    bad = draw(faults(("lang", "format", "role", "noise", "rules")))
    before = _global_options(draw, case, bad)
    options: list[list[str]] = []
    if command in ("roles", "questions"):
        if draw(st.booleans()) or "format" in bad:
            value = draw(argv_text if "format" in bad else st.sampled_from(["table", "json"]))
            options.append([draw(st.sampled_from(["--format", "-f"])), value])
        _command_lang(draw, options, bad)
    if command == "questions" and (draw(st.booleans()) or "role" in bad):
        options.append(["--role", draw(argv_text if "role" in bad else st.sampled_from(ROLES))])
    if command == "rules check":
        folder = draw(st.sampled_from(["", "", "in", "missing", "in/answers.yaml", str(default_rules_dir()), "text"]))
        if folder == "in":
            case.files["in/answers.yaml"] = draw(answers_file(ROLES[0], True, True))
        if folder == "in/answers.yaml":
            case.files[folder] = b"role: writer\n"
        if folder == "text":
            folder = draw(argv_text.filter(lambda s: not s.startswith("-")))
        if folder:
            options.append([folder])
            case.noisy = False  # `rules check DIR` checks DIR, not --rules
    options = list(draw(st.permutations(options)))
    _record(case, options)
    _noise(draw, case, options, bad)
    case.argv = [*before, *command.split(), *_flatten(options)]
    return case


cases = st.one_of(assess_case(), assess_case(), assess_case(), batch_case(), batch_case(), listing_case())


# ---------------------------------------------------------------- running main() in this process


class _Bytes(io.BytesIO):
    """A byte buffer that survives `close()` (main() closes stderr on a broken pipe)."""

    def close(self) -> None:
        """Keep the bytes readable."""


@dataclass
class Result:
    """What a run printed and returned."""

    code: int | str
    out: str
    err: str


def run_main(argv: list[str], stdin: Path) -> Result:
    """Call `aiexposure.cli.app.main()` as the `aiexposure` program would run it, with pipes, not a terminal."""
    out, err = _Bytes(), _Bytes()
    # the streams of a real process under LC_ALL=C.UTF-8: stdout surrogateescape, stderr backslashreplace
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    code: int | str
    with stdin.open(encoding="utf-8", errors="surrogateescape") as handle:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = ["aiexposure", *argv], handle, stdout, stderr
        try:
            cli.main()
            code = 0
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else f"exit {exc.code!r}"
        except BaseException as exc:  # anything escaping main() is what a user would see as a traceback
            code = f"escaped: {type(exc).__name__}: {exc}"
        finally:
            with contextlib.suppress(ValueError, OSError):
                stdout.flush()
                stderr.flush()
            sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, out.getvalue().decode("utf-8", "surrogateescape"), err.getvalue().decode("utf-8", "replace"))


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder to work in, as the current directory, removed afterwards.

    It lies three levels down in its own temporary folder, so that a path such as `out/../../x` stays inside.
    """
    before = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="aiexposure-fuzz-", dir=SCRATCH) as root:
        folder = Path(root, "a", "b", "c")
        folder.mkdir(parents=True)
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(before)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file (False for a name the system refuses, such as one too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


def files_under(folder: Path) -> set[str]:
    """Every file in the scratch folder `folder` lies in, as a path relative to `folder`."""
    root = folder.parents[2]
    return {os.path.relpath(p, folder) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.fixture
def fuzz_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """English, no AIEXPOSURE_* settings, no terminal colour forced, and the shipped pack read once."""
    for name in list(os.environ):
        if name.startswith(("AIEXPOSURE_", "LC_")) or name in ("LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name)
    for name in ("TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE", "_AIEXPOSURE_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    # click names the program after `python -m PACKAGE` when __main__ has a package (as under `python -m pytest`)
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)
    read = packload.load_pack
    cache: dict[Path, Pack] = {}

    def load_once(directory: Path) -> Pack:
        key = Path(directory).resolve()
        if key not in cache:
            cache[key] = read(directory)  # only a pack that loaded is kept; errors are raised every time
        return cache[key]

    monkeypatch.setattr(packload, "load_pack", load_once)
    # typer builds the click command anew on every call (half the time of a run); it depends only on the app
    build = typer.main.get_command
    built: dict[int, tuple[Any, Any]] = {}

    def command_once(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, build(app))
        return built[id(app)][1]

    monkeypatch.setattr(typer.main, "get_command", command_once)


# ---------------------------------------------------------------- what every run must get right


def strict_json(text: str) -> Any:
    """Parse JSON, refusing NaN and Infinity (not JSON, and not a score)."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


def expected_lang(case: Case) -> str | None:
    """The report's language: the command's --lang, else the global one, else English (None: not a language)."""
    command = case.command_langs[-1] if case.command_langs else ""
    chosen = command or (case.global_langs[-1] if case.global_langs else "")  # an empty --lang is no choice
    if not chosen:
        return "en"
    value = chosen.strip().lower()
    return value if value in ("en", "id") else None


def check_report(report: Any, case: Case) -> None:
    """A JSON report: the schema, finite scores from 0 to 100, and what the options asked for."""
    errors = sorted(VALIDATOR.iter_errors(report), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors]
    values = [*report["scores"].values(), report["risk"]["score"], *report["axes"].values()]
    assert all(isinstance(v, int | float) and math.isfinite(v) and 0 <= v <= 100 for v in values), values
    assert ("explain" in report) == case.explain
    assert report["lang"] == expected_lang(case)
    if case.roles and case.roles[-1]:  # an empty --role leaves the answers file's role
        assert report["role"] == case.roles[-1]
    if case.tasks_given:
        assert report["typical_mix"] is False
    assert not set(report["assumed"]) & set(case.answered), "an answer given with --answer is listed as assumed"
    if case.strict:
        assert report["assumed"] == []
    assert abs(sum(t["share"] for t in report["tasks"]) - 1) <= 1e-3 * len(report["tasks"])


def check_error(result: Result) -> None:
    """A mistake: a message on stderr, `aiexposure: ` first, as for every mistake the program reports."""
    assert result.err.strip(), "exit code 2 with nothing on stderr"
    assert result.err.startswith("aiexposure: "), f"not an `aiexposure: ` message: {result.err[:300]!r}"


def check_assess(case: Case, result: Result, folder: Path, made: set[str]) -> None:
    """`assess`: the report where it was asked for, and nothing else written."""
    output = case.outputs[-1] if case.outputs else None
    target = output if output not in (None, "", "-") else None
    if result.code != 0:
        before = {os.path.normpath(case.sentinel)} if case.sentinel else set()  # 'out/x/' names the file out/x
        assert made == before, f"left behind after a failed run: {made}"
        if case.sentinel:
            assert (folder / case.sentinel).read_text(encoding="utf-8") == "before", "a failed run changed the file"
        return
    assert target is None or made == {os.path.normpath(target)}, f"files after the run: {made}, asked for {target}"
    assert target is not None or made == set(), f"files after a report to stdout: {made}"
    text = result.out if target is None else (folder / target).read_text(encoding="utf-8")
    assert target is None or result.out == "", "a report written to a file also went to stdout"
    assert text.strip(), "an empty report"
    assert not CONTROL.search(text), f"control character in a report: {CONTROL.search(text)!r}"
    suffix = Path(target).suffix.lower() if target else ""
    chosen = (
        case.formats[-1]
        if case.formats
        else {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(
            suffix, "text"
        )
    )
    if chosen == "json":
        check_report(strict_json(text), case)
    if chosen == "html":
        assert text.startswith("<!DOCTYPE html>") and "<script" not in text.lower(), text[:300]
    if chosen == "short":
        assert len(text) <= 700, len(text)


def check_batch(case: Case, result: Result, folder: Path, made: set[str]) -> None:
    """`batch`: results, summary and reports only when the run got through, never a staging leftover."""
    if case.batch_input == "template" and result.code == 0:
        assert made == set(), f"`batch template` wrote files: {made}"
        assert result.out.strip()
        return
    assert result.out == "", f"batch printed on stdout: {result.out[:200]!r}"
    if result.code == 2:
        assert made == set(), f"left behind after a failed batch: {made}"
        return
    out_dir = Path(os.path.normpath(case.out_dirs[-1]))
    written = {str(out_dir / name) for name in ("results.csv", "summary.md", "summary.html")}
    reports = {name for name in made if Path(name).parent == out_dir / "reports"}
    assert made == written | reports, f"unexpected files: {sorted(made - written - reports)}"
    assert all(REPORT_NAME.match(Path(name).name) for name in reports), sorted(reports)
    assert not any(p.name.startswith(".reports.") for p in (folder / out_dir).iterdir()), "staging folder left"
    with (folder / out_dir / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows and rows[0][:5] == ["row", "id", "status", "error", "role"], rows[:1]
    assert (folder / out_dir / "summary.md").read_text(encoding="utf-8").strip(), "an empty summary"
    statuses = [row[2] for row in rows[1:]]
    assert set(statuses) <= {"ok", "rejected", "replaced", "empty"}, statuses
    assert result.code == (3 if "rejected" in statuses else 0), (result.code, statuses)
    for row in rows[1:]:
        if row[2] == "ok":
            scores = [float(v) for v in row[5 : 6 + len(SCORE_IDS)]]
            assert all(math.isfinite(v) and 0 <= v <= 100 for v in scores), row
            assert row[6 + len(SCORE_IDS)] in BANDS and row[7 + len(SCORE_IDS)] in VERDICTS, row
    assert len(reports) == (statuses.count("ok") + 1 if case.reports else 0)  # + the folder's mark


def check_listing(case: Case, result: Result, made: set[str]) -> None:
    """`roles`, `questions`, `rules check`: output on stdout, JSON when asked, no files."""
    assert made == set(), f"a listing wrote files: {made}"
    if result.code == 0:
        assert result.out.strip() and not CONTROL.search(result.out)
        if case.formats and case.formats[-1] == "json":
            assert isinstance(strict_json(result.out), list)


CHECKS: dict[str, Callable[[Case, Result, Path, set[str]], None]] = {
    "assess": check_assess,
    "batch": check_batch,
    "roles": lambda case, result, folder, made: check_listing(case, result, made),
    "questions": lambda case, result, folder, made: check_listing(case, result, made),
    "rules check": lambda case, result, folder, made: check_listing(case, result, made),
}


def run_case(case: Case) -> None:
    """Write the case's files, run it, and check everything a user may rely on."""
    note(case.shell())
    for name, content in case.files.items():
        note(f"{name}: {content[:300]!r}")
    if case.stdin:
        note(f"in/stdin: {case.stdin[:300]!r}")
    with scratch() as folder:
        (folder / "in").mkdir()
        (folder / "out").mkdir()
        for name, content in case.files.items():
            (folder / name).write_bytes(content)
        if case.sentinel:
            with contextlib.suppress(OSError):
                (folder / case.sentinel).write_text("before", encoding="utf-8")
            if not _is_file(folder / case.sentinel):
                case.sentinel = None
        stdin = folder / ".stdin"
        stdin.write_bytes(case.stdin)
        inputs = {*case.files, ".stdin"}
        result = run_main(case.argv, stdin)
        made = files_under(folder) - inputs
        for name, content in case.files.items():
            if _is_file(folder / name):  # an input file is read, never changed (a report may replace it)
                assert (folder / name).read_bytes() == content or name in case.outputs, f"{name} changed"
        note(f"exit {result.code}\nstdout: {result.out[:500]!r}\nstderr: {result.err[:500]!r}")

        allowed = (0, 2, 3) if case.command == "batch" else (0, 2)
        assert "Traceback" not in result.out + result.err, f"a traceback: {(result.out + result.err)[-300:]!r}"
        assert "unexpected error" not in result.err, f"an unexpected error: {result.err[:300]!r}"
        assert result.code in allowed, f"exit code {result.code}: {result.err[:300]!r}"
        assert not CONTROL.search(result.err), f"a control character echoed on stderr: {result.err[:300]!r}"
        if result.code == 2:
            assert not CONTROL.search(result.out), f"a control character on stdout: {result.out[:300]!r}"
            check_error(result)
        if case.noisy:
            assert result.code == 2, "an unknown option, stray argument or unreadable pack was accepted"
        CHECKS[case.command](case, result, folder, made)


@settings(  # max_examples from the profile (tests/conftest.py): 200, or 2,000 in CI
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(case=cases)
def test_no_command_line_crashes_or_misleads(fuzz_env: None, case: Case) -> None:
    """Random command lines: exit 0, 2 or 3, clean messages, valid JSON, no leftovers."""
    run_case(case)


# ---------------------------------------------------------------- the schema itself


def test_the_report_schema_is_valid_draft_2020_12() -> None:
    """docs/report.schema.json is itself a valid JSON Schema of draft 2020-12."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("explain", [False, True])
def test_every_role_report_matches_the_schema(fuzz_env: None, role: str, lang: str, explain: bool) -> None:
    """The real report of every role, in both languages, with and without --explain, matches the schema."""
    case = Case("assess", roles=[role], command_langs=[lang], formats=["json"], explain=explain)
    case.argv = ["assess", "--role", role, "-f", "json", "--lang", lang, *(["--explain"] if explain else [])]
    with scratch() as folder:
        stdin = folder / ".stdin"
        stdin.write_bytes(b"")
        result = run_main(case.argv, stdin)
    assert (result.code, result.err) == (0, "")
    report = strict_json(result.out)
    check_report(report, case)
    # the schema can fail: a documented key missing, a score out of range, an unknown band
    for broken in (
        {k: v for k, v in report.items() if k != "verdict"},
        {**report, "scores": {**report["scores"], "pressure": 100.5}},
        {**report, "risk": {"score": report["risk"]["score"], "band": "extreme"}},
        {**report, "tasks": [{**report["tasks"][0], "share": 1.5}]},
    ):
        assert not VALIDATOR.is_valid(broken)
    assert VALIDATOR.is_valid({**report, "a_future_key": [1, 2]})
