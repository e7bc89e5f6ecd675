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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.model.answers import answer_text, option_ids, option_names, role_names, split_choices
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.model.unlisted import nearest_roles, unlisted_lines
from aiexposure.pack.messages import Texts
from aiexposure.pack.names import norm
from aiexposure.pack.schema import LANGS, Lang, Pack
from aiexposure.reading import MAX_LINE_CHARS, MAX_VALUE_CHARS, BoundedLines, LineTooLong

# Columns that name the respondent, best first: a participant id, then an email (Google Forms collects it), then a
# name. A file's best such column is its people's id; `--id-column` picks another.
ID_COLUMNS = (
    ("id", "respondent", "responden", "participant", "participant id", "participant number", "student id",
     "nomor peserta", "no peserta", "no. peserta", "nomer peserta", "id peserta", "kode peserta", "nim", "npm", "nis"),
    ("email", "email address", "alamat email", "e-mail", "surel", "username"),
    ("name", "full name", "your name", "nama", "nama lengkap", "nama kamu", "nama peserta"),
)  # fmt: skip
# Words that make a header an id of its rank when it is not one of the names above ("Nomor peserta Prakerja", "NIM
# mahasiswa", "Email kamu"); only short headers are read this way, never a question.
_ID_WORDS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"nim", "npm", "nis", "nik", "id"}), frozenset()),
    (frozenset({"peserta", "participant", "student", "siswa", "mahasiswa", "responden", "respondent"}),
     frozenset({"nomor", "nomer", "no", "kode", "id", "number", "code", "induk"})),
    (frozenset({"email", "mail", "surel"}), frozenset()),
    (frozenset({"nama", "name"}), frozenset()),
)  # fmt: skip
_ID_WORD_RANKS = (0, 0, 1, 2)
TIME_COLUMNS = ("timestamp", "stempel waktu", "waktu", "time", "submitted at", "tanggal", "date")
DELIMITERS = (",", ";", "\t")  # Excel writes ';' in many locales, and tabs in "Unicode text"
MAX_FIELD = MAX_VALUE_CHARS  # characters in one CSV cell; more is not an answer


@dataclass(frozen=True)
class Column:
    """What one input column holds."""

    kind: str  # "id", "time", "role", "task" or "question"
    key: str = ""  # task id or question id
    rank: int = 0  # for id columns: lower names the respondent better
    lang: Lang | None = None  # the language of the prompt the header is, when it is one language's only


@dataclass
class Row:
    """One input row: its line number, respondent id and raw answers, or why it cannot be read."""

    line: int
    id: str
    raw: RawAnswers | None = None
    error: str | None = None
    role_label: str = ""
    stamp: str = ""  # the Timestamp cell, which orders a person's submissions
    status: str = ""  # "empty" (no cell filled: not a person) or "replaced" (by the person's later row)


@dataclass
class Layout:
    """One file's columns: what each holds, its header as written, the one that names people, the form's language."""

    columns: list[Column | None]
    headers: list[str]
    id_column: int | None = None
    time_column: int | None = None
    lang: Lang | None = None  # the language the form's headers were written in (None: ids, or no telling)

    @property
    def id_header(self) -> str:
        """The header people are named by ('' when the file has none)."""
        return self.headers[self.id_column].strip() if self.id_column is not None else ""


def id_rank(header: str) -> int | None:
    """How well a header names a respondent (0 best) by the words it is made of, or None when it does not."""
    words = re.findall(r"[^\W_]+", norm(header))
    if not words or len(words) > 5:  # a sentence is a question, not a column of ids
        return None
    for (needed, beside), rank in zip(_ID_WORDS, _ID_WORD_RANKS, strict=True):
        if needed & set(words) and (not beside or beside & set(words)):
            return rank
    return None


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
    role_langs: dict[str, Lang] = field(default_factory=dict)  # a role's label -> its language, where they differ

    @classmethod
    def of(cls, pack: Pack) -> Vocabulary:
        """Build the lookup tables once per run."""
        vocab = cls(pack)
        h = vocab.headers
        for rank, spellings in enumerate(ID_COLUMNS):
            for spelling in spellings:
                h[norm(spelling)] = Column("id", rank=rank)
        for spelling in TIME_COLUMNS:
            h[norm(spelling)] = Column("time")
        h["role"] = Column("role")
        for lang in LANGS:
            h[norm(pack.messages["quiz_role"](lang))] = Column("role", lang=_only(pack.messages["quiz_role"], lang))
            h[norm(pack.messages["role"](lang))] = Column("role")
        for role_id, role in pack.roles.items():
            vocab.roles[norm(role_id)] = role_id
            for lang in LANGS:
                vocab.roles[norm(role.label(lang))] = role_id
                if _only(role.label, lang):
                    vocab.role_langs[norm(role.label(lang))] = lang
            for task_id, task in role.tasks.items():
                h[norm(f"task.{task_id}")] = Column("task", task_id)
                for label in (*task.formerly, task.label):  # today's label last, so it wins a clash
                    for lang in LANGS:
                        asked = pack.messages["quiz_task_time"](lang).replace("{task}", label(lang))
                        h[norm(asked)] = Column("task", task_id, lang=_only(label, lang))
                        h[norm(f"task.{label(lang)}")] = Column("task", task_id)
        for question_id, question in pack.questions.items():
            h[norm(question_id)] = Column("question", question_id)
            for lang in LANGS:
                h[norm(question.prompt(lang))] = Column("question", question_id, lang=_only(question.prompt, lang))
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
        found = self.headers.get(norm(header))
        if found is None and (rank := id_rank(header)) is not None:
            return Column("id", rank=rank)
        return found

    def layout(self, header: list[str], id_column: tuple[str, ...] = ()) -> Layout:
        """What each column of a file holds, the one column that names its people, and the form's language.

        `id_column` (headers, as `--id-column` gives them: the first this file has) names people instead of the
        best id column; a header
        the file does not have is None in the id column, for the caller to report.
        """
        columns = [self.column(h) for h in header]
        ids = [(c.rank, i) for i, c in enumerate(columns) if c is not None and c.kind == "id"]
        if id_column:
            named = [(id_column.index(n), i) for i, h in enumerate(header) for n in id_column if norm(h) == norm(n)]
            ids = [(-1, min(named)[1])] if named else []
        chosen = min(ids)[1] if ids else None
        for i, c in enumerate(columns):  # the other id columns are understood, and not read
            if c is not None and c.kind == "id":
                columns[i] = Column("known")
        if chosen is not None:
            columns[chosen] = Column("id")  # a question header named with --id-column is read as ids only
        times = [i for i, c in enumerate(columns) if c is not None and c.kind == "time" and i != chosen]
        langs: Counter[Lang] = Counter(c.lang for c in columns if c is not None and c.lang is not None)
        lang = langs.most_common(1)[0][0] if langs else None
        return Layout(columns, header, chosen, times[0] if times else None, lang)

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

    def tidy(self, raw: RawAnswers) -> RawAnswers:
        """Answers keyed and worded as a form writes them (a task's label or question, a prompt, a label, a time
        amount such as "A little") as the ids `resolve` checks; anything not understood is left for it to report."""
        tasks: dict[str, Any] = {}
        for key, weight in raw.tasks.items():
            column = self.column(f"task.{key}") or self.column(str(key))
            tasks[column.key if column is not None and column.kind == "task" else str(key)] = self.weight(weight)
        answers: dict[str, Any] = {}
        for key, value in raw.answers.items():
            column = self.column(str(key))
            question = column.key if column is not None and column.kind == "question" else str(key)
            answers[question] = (
                self.value(question, value) if isinstance(value, str) and question in self.options else value
            )
        role = raw.role if raw.role is None else self.roles.get(norm(raw.role), raw.role)
        return RawAnswers(role, tasks, answers)


def _only(text: Any, lang: Lang) -> Lang | None:
    """`lang` when a text's wording in it differs from every other language's (so a header tells its language)."""
    return lang if all(norm(text(other)) != norm(text(lang)) for other in LANGS if other != lang) else None


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


def _unlisted(pack: Pack, said: str, t: Texts, lang: Lang) -> str | None:
    """For a role cell naming work no role covers: the roles that come nearest (in the form's language) and what
    cannot be judged, in the run's; None when no role comes near (the reason then lists them all)."""
    if not nearest_roles(pack, said):
        return None
    named = unlisted_lines(pack, said, t.lang, labels=lang, tasks=False)[0]
    return f"{named} {t('batch_unlisted_cannot_judge')}"  # said to whoever runs the batch, not to the person


def _names_role(vocab: Vocabulary, text: str) -> bool:
    """Whether a role cell names a role: by id, label or everyday word ('ojol')."""
    return _role(vocab, text) in vocab.pack.roles or norm(text) in role_names(vocab.pack)


def _role(vocab: Vocabulary, text: str) -> str:
    return vocab.roles.get(norm(text), text.strip())


def from_cells(vocab: Vocabulary, layout: Layout, cells: list[str], line: int, t: Texts) -> Row:
    """One CSV row (already split into cells) as raw answers, or why it cannot be read, in the form's words."""
    row = Row(line=line, id="")
    raw = RawAnswers()
    answers, tasks, value, weight = raw.answers, raw.tasks, vocab.value, vocab.weight
    columns = layout.columns
    filled = False
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
            row.id = cell.strip()
        elif kind == "time":
            row.stamp = cell.strip()
        elif kind == "role":
            row.role_label = cell.strip()
            raw.role = _role(vocab, cell)
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
        # usually an answer with a comma in it ("Yes, some") written without quotes: every cell after it shifts
        row.error = t("batch_extra_cells", cells=len(cells), columns=len(columns))
    elif not filled:
        row.error, row.status = t("batch_empty_row"), "empty"
    elif raw.role is None:
        row.error = t("batch_no_role_cell")
    else:
        row.error = _in_form_words(vocab, layout, raw, cells, t, row.role_label)
        if row.error is None:
            row.raw = raw
    return row


def _in_form_words(
    vocab: Vocabulary, layout: Layout, raw: RawAnswers, cells: list[str], t: Texts, said: str
) -> str | None:
    """Why a row's answers cannot be scored, naming its cells by their headers and the answers by the labels of
    the form's language; None when the answers are ones the form offers (`resolve` checks the rest)."""
    # the form's language: its headers', else the language of the role label this row chose, else the run's
    pack, lang = vocab.pack, layout.lang or vocab.role_langs.get(norm(said)) or t.lang

    def at(key: str) -> int:  # the cell an answer came from: looked for only to word a reason
        kind, _, name = key.rpartition(".") if key != "role" else ("role", "", "")
        wanted = Column(kind or "question", name)
        return next(
            i for i, c in enumerate(layout.columns)
            if c is not None and (c.kind, c.key) == (wanted.kind, wanted.key) and i < len(cells) and cells[i].strip()
        )  # fmt: skip

    def header(key: str) -> str:
        return _cut(layout.headers[at(key)].strip())

    def listed(labels: Iterable[str]) -> str:
        return ", ".join(f'"{label}"' for label in labels)

    role_id = raw.role if raw.role in pack.roles else role_names(pack).get(norm(raw.role or ""))
    if role_id is None:
        said = _cut(cells[at("role")].strip())
        labels = listed(r.label(lang) for r in pack.roles.values())
        return _unlisted(pack, said, t, lang) or t(
            "batch_bad_choice", value=said, question=header("role"), choices=labels
        )
    role = pack.roles[role_id]
    numbers, words = [], []
    for task_id, weight in raw.tasks.items():
        key = "task." + task_id
        if task_id not in role.tasks:
            return t("batch_other_role", question=header(key), role=role.label(lang))
        if type(weight) is not str:  # a time amount's weight, from its label
            if weight:  # "Not at all" goes with numbers as well as with words
                words.append(key)
        elif weight.isdigit():  # the common number: no pattern needed
            if weight.strip("0"):
                numbers.append(key)
        elif _NUMBER.fullmatch(weight):
            if _NUMBER.sub(r"\1", weight).strip("0.,"):
                numbers.append(key)
        elif not any(ch.isdigit() for ch in weight):  # a number `resolve` cannot read ("-3") it words itself
            labels = listed(a.label(lang) for a in pack.quiz.time_amounts.values())
            return t("batch_bad_choice", value=_cut(weight.strip()), question=header(key), choices=labels)
    if numbers and words:  # named by the task (the whole question is long), in the form's language
        shown = "; ".join(
            f'"{role.tasks[k[5:]].label(lang)}" = {_cut(cells[at(k)].strip())}' for k in (*numbers, *words)
        )
        return t("batch_mixed_cells", cells=shown)
    for question_id, given in raw.answers.items():
        question = pack.questions[question_id]
        if role.family not in question.families:
            return t("batch_not_asked", question=header(question_id), role=role.label(lang))
        valid = role.tasks if question.options_from_tasks else question.options  # dicts: a lookup each
        for item in [given] if isinstance(given, str) else given:
            if item not in valid:
                options = option_ids(question, role)
                labels = listed(answer_text(pack, role, question_id, option, lang) for option in options)
                return t("batch_bad_choice", value=_cut(item), question=header(question_id), choices=labels)
    return None


def _cut(text: str, most: int = 80) -> str:
    """A cell or header short enough for a reason on one line, its control characters shown, never obeyed."""
    return one_line(text if len(text) <= most else text[: most - 1].rstrip() + "…")


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
    elif not _names_role(vocab, role) and (reason := _unlisted(vocab.pack, _cut(role), t, t.lang)):
        row.role_label, row.error = role, reason
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
    layout: Layout | None = None  # a CSV file's columns


def open_rows(
    vocab: Vocabulary, path: Path, handle: TextIO, t: Texts, id_column: tuple[str, ...] = (), scan: bool = False
) -> Source:
    """Stream the rows of a CSV or JSONL file; refuse a file that is neither, or without the `id_column` asked.

    With `scan`, a CSV row is read only for its id and timestamp (to find each person's latest submission).
    """
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
        layout = vocab.layout(header, id_column)
        columns = layout.columns
        if any(c is not None and c.kind == "role" for c in columns):
            if id_column and layout.id_column is None:
                # the columns that could name people: not the questions and tasks, which are many and long
                kinds = ("question", "task", "role")
                shown = ", ".join(f'"{h.strip()}"' for h, c in zip(header, columns, strict=True)
                                  if h.strip() and (c is None or c.kind not in kinds))  # fmt: skip
                asked = ", ".join(f'"{name}"' for name in id_column)
                raise UserError(t("batch_no_id_column", path=path, column=asked, headers=shown))
            ignored = [h for h, c in zip(header, columns, strict=True) if c is None and h.strip()]
            rows = _csv_rows(vocab, layout, lines, delimiter, t, header_lines, scan)
            return Source(rows, ignored, "csv", layout)
    shown = first.strip()[:120] or "nothing"
    raise UserError(t("batch_no_role_column", path=path, first=shown))


def _csv_rows(
    vocab: Vocabulary, layout: Layout, lines: BoundedLines, delimiter: str, t: Texts, header_lines: int, scan: bool
) -> Iterator[Row]:
    # strict: a stray or unclosed quote is reported as a bad row instead of quietly eating the lines after it
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    read = lines.count  # lines taken so far (the header's); a quoted cell may span lines
    who, when = layout.id_column, layout.time_column
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
        if not cells:  # a blank line is not a row; a row of empty cells is (and is skipped as empty)
            continue
        if scan:
            yield Row(start, _cell(cells, who), stamp=_cell(cells, when))
        else:
            yield from_cells(vocab, layout, cells, start, t)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


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
_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*")  # a weight as a number, "70%" included
_SAFE = re.compile(r"[^\w.-]+")
SUFFIXES = {"html": ".html", "md": ".md", "short": ".txt"}


def report_name(row: int, respondent: str, kind: str, taken: set[str]) -> str:
    """A report's file name: the person's id made safe (letters, digits, '.', '-' and '_'; no leading dot, bounded),
    so an instructor finds a student's file by their id; the row number where there is no id or it is taken."""
    slug = _SAFE.sub("-", respondent).strip("-.")[:60].strip("-.")
    suffix = SUFFIXES[kind]
    name = f"{slug}{suffix}" if slug else f"row{row:07d}{suffix}"
    if name.casefold() in taken or slug.casefold() in ("con", "prn", "aux", "nul"):
        name = f"{slug}-row{row:07d}{suffix}" if slug else name
    taken.add(name.casefold())
    return name
