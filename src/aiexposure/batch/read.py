"""Rows of a cohort file (CSV or JSONL) turned into raw answers, reading headers and values as people write them.

A form built from `batch template` and exported as-is must be read without a
mapping file: a header may be a question id or its prompt in either language,
a value an option id or its label in either language.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from aiexposure.errors import UserError
from aiexposure.model.answers import option_names, split_choices
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.pack.messages import Texts
from aiexposure.pack.names import norm
from aiexposure.pack.schema import LANGS, Pack
from aiexposure.reading import MAX_LINE_CHARS, MAX_VALUE_CHARS, BoundedLines, LineTooLong

# Columns that name the respondent, best first: an id, then a name, then an email, then a timestamp.
ID_COLUMNS = (
    ("id", "respondent", "responden"),
    ("name", "full name", "your name", "nama", "nama lengkap", "nama kamu"),
    ("email", "email address", "alamat email", "e-mail"),
    ("timestamp", "stempel waktu", "waktu"),
)
DELIMITERS = (",", ";", "\t")  # Excel writes ';' in many locales, and tabs in "Unicode text"
MAX_FIELD = MAX_VALUE_CHARS  # characters in one CSV cell; more is not an answer


@dataclass(frozen=True)
class Column:
    """What one input column holds."""

    kind: str  # "id", "role", "task" or "question"
    key: str = ""  # task id or question id
    rank: int = 0  # for id columns: lower names the respondent better


@dataclass
class Row:
    """One input row: its line number, respondent id and raw answers, or why it cannot be read."""

    line: int
    id: str
    raw: RawAnswers | None = None
    error: str | None = None
    role_label: str = ""


@dataclass
class Vocabulary:
    """Every way the pack lets a person name a column or a value, in both languages."""

    pack: Pack
    headers: dict[str, Column] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, str]] = field(default_factory=dict)
    amounts: dict[str, float] = field(default_factory=dict)
    # multi-select questions whose cells can be split on every comma when each piece is an option id as written:
    # question id -> those ids (see `_plain_ids`)
    plain_ids: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, pack: Pack) -> Vocabulary:
        """Build the lookup tables once per run."""
        vocab = cls(pack)
        h = vocab.headers
        for rank, spellings in enumerate(ID_COLUMNS):
            for spelling in spellings:
                h[norm(spelling)] = Column("id", rank=rank)
        h["role"] = Column("role")
        for lang in LANGS:
            h[norm(pack.messages["quiz_role"](lang))] = Column("role")
            h[norm(pack.messages["role"](lang))] = Column("role")
        for role_id, role in pack.roles.items():
            vocab.roles[norm(role_id)] = role_id
            for lang in LANGS:
                vocab.roles[norm(role.label(lang))] = role_id
            for task_id, task in role.tasks.items():
                h[norm(f"task.{task_id}")] = Column("task", task_id)
                for lang in LANGS:
                    asked = pack.messages["quiz_task_time"](lang).replace("{task}", task.label(lang))
                    h[norm(asked)] = Column("task", task_id)
                    h[norm(f"task.{task.label(lang)}")] = Column("task", task_id)
        for question_id, question in pack.questions.items():
            h[norm(question_id)] = Column("question", question_id)
            for lang in LANGS:
                h[norm(question.prompt(lang))] = Column("question", question_id)
            names = option_names(pack, question_id)
            vocab.options[question_id] = names
            if question.kind == "multi":
                plain = _plain_ids(names)
                if plain:
                    vocab.plain_ids[question_id] = plain
        for amount in pack.quiz.time_amounts.values():
            for lang in LANGS:
                vocab.amounts[norm(amount.label(lang))] = amount.weight
        return vocab

    def column(self, header: str) -> Column | None:
        """The meaning of a header, or None when the column is not ours."""
        return self.headers.get(norm(header))

    def value(self, question_id: str, text: str) -> str | list[str]:
        """An option id from an id or a label; multi-select cells split on commas that are not inside a label."""
        plain = self.plain_ids.get(question_id)
        if plain is not None:
            pieces = text.split(",")
            if all(piece in plain for piece in pieces):  # most cells: ids joined by commas, as a template asks
                return pieces
        names = self.options[question_id]
        if self.pack.questions[question_id].kind == "select":
            found = names.get(text)  # most cells hold the option id exactly: skip normalising them
            return found if found is not None else names.get(norm(text), text.strip())
        return split_choices(self.pack, question_id, text)

    def weight(self, text: Any) -> Any:
        """A task weight from a number or a time-amount label ("A little")."""
        if not isinstance(text, str):
            return text
        if text[:1].isdigit():
            # "1,5" is one and a half where a comma is the decimal sign (Excel in Indonesian writes ';' CSV)
            return text.replace(",", ".", 1) if "," in text and _DECIMAL_COMMA.fullmatch(text.strip()) else text
        amount = self.amounts.get(norm(text))
        return amount if amount is not None else text


def _plain_ids(names: dict[str, str]) -> frozenset[str]:
    """The option ids a multi-select cell may hold as written, if splitting on every comma is always right.

    `split_choices` tries the longest run of comma-separated pieces first, for labels with commas in them. When
    no such name is made only of the characters the ids use, no run of ids can spell one, and each piece that is
    an id (a name that stands for itself) is what `split_choices` would find: a plain split gives its answer.
    """
    ids = frozenset(name for name, option in names.items() if name == option)
    spelling = set("".join(ids)) | {","}
    if any("," in name and set(name) <= spelling for name in names):
        return frozenset()
    return ids


def _role(vocab: Vocabulary, text: str) -> str:
    return vocab.roles.get(norm(text), text.strip())


def from_cells(vocab: Vocabulary, columns: list[Column | None], cells: list[str], line: int, t: Texts) -> Row:
    """One CSV row (already split into cells) as raw answers."""
    row = Row(line=line, id="")
    raw = RawAnswers()
    answers, tasks, value, weight = raw.answers, raw.tasks, vocab.value, vocab.weight
    filled = False
    id_rank = len(ID_COLUMNS)
    # most cells of a wide form are empty (the other roles' tasks): compress skips them without a Python step each
    for column, cell in itertools.compress(zip(columns, cells, strict=False), cells):
        if column is None or not cell.strip():
            continue
        filled = True
        kind = column.kind  # the commonest kinds first: a row answers several questions and tasks, one role
        if kind == "question":
            answers[column.key] = value(column.key, cell)
        elif kind == "task":
            tasks[column.key] = weight(cell)
        elif kind == "id":
            if column.rank < id_rank:
                row.id, id_rank = cell.strip(), column.rank
        else:
            row.role_label = cell.strip()
            raw.role = _role(vocab, cell)
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
        # usually an answer with a comma in it ("Yes, some") written without quotes: every cell after it shifts
        row.error = t("batch_extra_cells", cells=len(cells), columns=len(columns))
    elif not filled:
        row.error = t("batch_empty_row")
    elif raw.role is None:
        row.error = t("batch_no_role_cell")
    else:
        row.raw = raw
    return row


def from_json(vocab: Vocabulary, text: str, line: int, t: Texts) -> Row:
    """One JSONL line: an answers object with the keys of an answers file (plus an optional id)."""
    row = Row(line=line, id="")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        row.error = t("batch_bad_json", detail=f"{exc.msg}, column {exc.colno}")
        return row
    except RecursionError:  # nested deeper than Python will follow: not an answers object anyway
        row.error = t("batch_bad_json", detail="nested too deeply")
        return row
    except ValueError:  # json refuses integers of more than 4,300 digits
        row.error = t("batch_bad_json", detail="a number too long to read")
        return row
    if not isinstance(data, dict):
        row.error = t("batch_json_object")
        return row
    if len(text) > MAX_VALUE_CHARS and _longest_text(data) > MAX_VALUE_CHARS:  # a shorter line holds no such text
        row.error = t("batch_value_too_long", max=_number(t, MAX_VALUE_CHARS))
        return row
    unknown = [k for k in data if k not in ("id", "role", "tasks", "answers")]
    if unknown:
        row.error = t("batch_json_object")
        return row
    row.id = "" if data.get("id") is None else str(data["id"])
    role, tasks, answers = data.get("role"), data.get("tasks") or {}, data.get("answers") or {}
    if not isinstance(role, str) or not role:
        row.error = t("batch_no_role_cell")
    elif not isinstance(tasks, dict) or not isinstance(answers, dict):
        row.error = t("batch_json_object")
    else:
        row.role_label = role
        # as in a CSV row, an empty or null value means "not answered"
        given = {q: v for q, v in answers.items() if v is not None and v != ""}
        fixed = {q: vocab.value(q, v) if isinstance(v, str) and q in vocab.options else v for q, v in given.items()}
        weights = {str(k): vocab.weight(v) for k, v in tasks.items() if v is not None and v != ""}
        row.raw = RawAnswers(_role(vocab, role), weights, fixed)
    return row


@dataclass
class Source:
    """An opened cohort file: its rows as they stream, and the columns that were not understood."""

    rows: Iterator[Row]
    ignored: list[str]
    kind: str


def open_rows(vocab: Vocabulary, path: Path, handle: TextIO, t: Texts) -> Source:
    """Stream the rows of a CSV or JSONL file; refuse a file that is neither."""
    suffix = path.suffix.lower()
    lines = BoundedLines(handle)
    try:
        first = lines.readline()
    except LineTooLong:
        first = None
    if suffix in (".jsonl", ".ndjson") or (suffix != ".csv" and (first is None or first.lstrip().startswith("{"))):
        return Source(_jsonl(vocab, first, lines, t), [], "jsonl")
    header_lines = 1
    try:
        while first is not None and first.count('"') % 2 and header_lines < 50:  # a quoted header cell may span lines
            more = lines.readline()
            if not more:
                break
            first += more
            header_lines += 1
    except LineTooLong:
        first = None
    if first is None or len(first) > MAX_LINE_CHARS:
        raise UserError(t("batch_header_too_long", path=path, max=_number(t, MAX_LINE_CHARS)))
    csv.field_size_limit(MAX_FIELD)
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            header = []
        columns = [vocab.column(h) for h in header]
        if any(c is not None and c.kind == "role" for c in columns):
            ignored = [h for h, c in zip(header, columns, strict=True) if c is None and h.strip()]
            return Source(_csv_rows(vocab, columns, lines, delimiter, t, header_lines), ignored, "csv")
    shown = first.strip()[:120] or "nothing"
    raise UserError(t("batch_no_role_column", path=path, first=shown))


def _csv_rows(
    vocab: Vocabulary, columns: list[Column | None], lines: BoundedLines, delimiter: str, t: Texts, header_lines: int
) -> Iterator[Row]:
    # strict: a stray or unclosed quote is reported as a bad row instead of quietly eating the lines after it
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    read = lines.count  # lines taken so far (the header's); a quoted cell may span lines
    while True:
        start = read + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except LineTooLong as exc:
            read = lines.count
            yield Row(line=exc.number, id="", error=_line_too_long(t))
            continue
        except csv.Error as exc:
            read = lines.count
            yield Row(line=start, id="", error=t("batch_bad_csv", detail=str(exc)))
            continue
        read = lines.count
        if cells:  # a blank line is not a row; a row of empty cells is (and is rejected as empty)
            yield from_cells(vocab, columns, cells, start, t)


def _jsonl(vocab: Vocabulary, first: str | None, lines: BoundedLines, t: Texts) -> Iterator[Row]:
    """The rows of a JSONL file; `first` is its first line, None when that one was too long."""
    if first is None:
        yield Row(line=1, id="", error=_line_too_long(t))
    elif first.strip():
        yield from_json(vocab, first, 1, t)
    while True:
        try:
            text = lines.readline()
        except LineTooLong as exc:
            yield Row(line=exc.number, id="", error=_line_too_long(t))
            continue
        if not text:
            return
        if text.strip():
            yield from_json(vocab, text, lines.count, t)


def _line_too_long(t: Texts) -> str:
    return t("batch_line_too_long", max=_number(t, MAX_LINE_CHARS))


def _number(t: Texts, value: int) -> str:
    """A whole number with the thousands separator of the message's language (1,000,000 or 1.000.000)."""
    return f"{value:,}".replace(",", "." if t.lang == "id" else ",")


def _longest_text(data: Any) -> int:
    """The length of the longest text (key or value) anywhere in parsed JSON."""
    if isinstance(data, str):
        return len(data)
    if isinstance(data, dict):
        return max((max(len(str(k)), _longest_text(v)) for k, v in data.items()), default=0)
    if isinstance(data, list):
        return max((_longest_text(v) for v in data), default=0)
    return 0


_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(row: int, respondent: str) -> str:
    """A report file name from the row number and a sanitised id: no separators, no leading dot, bounded."""
    slug = _SAFE.sub("-", respondent).strip("-.")[:60].strip("-.")
    return f"row{row:07d}-{slug}.md" if slug else f"row{row:07d}.md"
