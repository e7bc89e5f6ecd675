"""`aiexposure batch`: score every row of a cohort file, streaming, and write results, summary and reports."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from aiexposure.atomic import (
    Staged,
    WriteError,
    followed,
    make_private_folders,
    remove_stale_staging,
    staging_name,
    write_atomic,
)
from aiexposure.batch.page import render_page
from aiexposure.batch.people import Latest, latest
from aiexposure.batch.read import Row, Source, Vocabulary, open_rows, report_name
from aiexposure.batch.summary import Cohort, render_summary
from aiexposure.batch.workers import RawRow, Scored, Workers, in_chunks, moves_of, score_row, summarize, worker_count
from aiexposure.errors import ExitCode, UserError
from aiexposure.escape import csv_cell, visible
from aiexposure.model.answers import Answers
from aiexposure.model.raw_answers import RawAnswers
from aiexposure.model.scoring import Assessment, Move, assess
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack
from aiexposure.signals import held
from aiexposure.streams import CLOSED

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from aiexposure.batch.before import BeforeAfter

MOVES_SAMPLE = 500  # top moves re-score every alternative answer: a random sample keeps big cohorts fast
MOVES_CHUNK = 50  # sampled people whose moves a worker finds at a time


@dataclass
class Outcome:
    """What a run did, for the closing tally and the exit code."""

    rows: int  # people: rows less those replaced by a later submission and empty ones
    rejected: int
    written: list[Path]
    before_rejected: int = 0  # rows of the --before file that could not be scored
    replaced: int = 0
    empty: int = 0
    match_problem: str | None = None  # why --before matched no one or under half of this file's people

    @property
    def exit_code(self) -> int:
        """0 when every person was scored; 4 when --before matched too few people; else 3 when some rows of the
        scored file were rejected (problems of the before file are reported, never a failure of this file)."""
        if self.match_problem is not None:
            return ExitCode.FEW_MATCHED
        return ExitCode.SOME_REJECTED if self.rejected else ExitCode.OK


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), or UTF-16 when the file starts with its BOM (Excel's "Unicode text")."""
    with path.open("rb") as handle:
        head = handle.read(2)
    return "utf-16" if head in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def _open_input(t: Texts, path: Path) -> TextIO:
    if str(path) == "-":  # read twice (each person's latest row first): kept as it is read
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise UserError(f"stdin: cannot read the file: {CLOSED}")
        stdin = open(sys.stdin.fileno(), encoding="utf-8-sig", newline="", closefd=False)  # noqa: SIM115
        return cast(TextIO, _Spooled(stdin))
    try:
        if not path.is_file():
            raise UserError(t("batch_no_file", path=path))  # also for a folder: what is wanted is a file
        return path.open(encoding=_encoding(path), newline="")
    except OSError as exc:  # no permission, or a name too long for the file system
        raise UserError(f"{path}: cannot read the file: {exc.strerror or exc}") from None


def _lines(path: Path) -> int | None:
    """How many lines a file has (for the progress bar); None for stdin."""
    if str(path) == "-":
        return None
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return count


def _progress(source: Path) -> tuple[Progress | None, TaskID | None]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task("aiexposure batch", total=_lines(source))
    progress.start()
    return progress, task


def run_batch(
    pack: Pack,
    lang: Lang,
    source: Path,
    out_dir: Path,
    reports: str | None = None,
    strict: bool = False,
    before: Path | None = None,
    id_column: str | tuple[str, ...] | None = None,
) -> Outcome:
    """Score each person's latest row; write DIR/results.csv, DIR/summary.md, DIR/summary.html and, with
    `reports` (html, md or short), one report per person in DIR/reports/.

    Nothing is replaced until the whole run succeeded: results and reports are staged beside their final
    names, so a stopped or failed run leaves the folder as it was.
    """
    vocab = Vocabulary.of(pack)
    t = Texts(pack, lang)
    id_column = (id_column,) if isinstance(id_column, str) else tuple(id_column or ())
    if before is not None and str(before) == "-" and str(source) == "-":
        raise UserError(t("batch_before_stdin_twice"))
    with _open_input(t, source) as handle:
        scan = _open(vocab, t, source, handle, id_column, scan=True)  # a file that is not a cohort stops here
        if scan.ignored:
            sys.stderr.write(visible(t("batch_ignored", columns=", ".join(scan.ignored))) + "\n")
        earlier = _index_before(pack, lang, vocab, t, before, strict, id_column) if before is not None else None
        if earlier is not None:
            earlier.after_id = scan.layout.id_header if scan.layout is not None else "id"
        run = _Run(pack, lang, t, out_dir, earlier, reports)
        try:
            run.prepare(reports)
            people = _latest(t, source, handle, scan)
            opened = _open(vocab, t, source, handle, id_column)
            # the workers need the full assessment neither for reports nor for a before/after comparison
            count = worker_count(source, parallel_ok=not reports and earlier is None)
            with Workers(pack, lang, count) if count else contextlib.nullcontext() as workers:
                run.score(_people(_rows(opened.rows, t, source), people, t), source, strict, workers)
                run.count_moves(workers)
            written = run.finish(source.name)
        except BaseException as exc:
            run.discard(exc)
            raise
        finally:
            run.stop_progress()
    cohort = run.cohort
    return Outcome(
        cohort.rows, cohort.rejected, written, earlier.before_rejected_count if earlier else 0,
        cohort.replaced_count, cohort.empty, earlier.problem(t) if earlier else None,
    )  # fmt: skip


def _open(
    vocab: Vocabulary, t: Texts, path: Path, handle: TextIO, id_column: tuple[str, ...], scan: bool = False
) -> Source:
    try:
        return open_rows(vocab, path, handle, t, id_column, scan)
    except UnicodeDecodeError:
        raise UserError(t("batch_not_utf8", path=path)) from None


def _latest(t: Texts, path: Path, handle: TextIO, scan: Source) -> Latest:
    """A first quick read of the file for each person's latest row; the file is then read again from its start."""
    found = latest((row.line, row.id, row.stamp) for row in _rows(scan.rows, t, path))
    handle.seek(0)
    return found


class _Spooled(io.TextIOBase):
    """Standard input, kept in a temporary file as it is read, so that it can be read a second time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream: TextIO = stream
        self.copy: TextIO = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
        self.again = False

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # a text stream's lines
        """The next line (at most `size` characters): from stdin (kept) on the first reading, then from the copy."""
        most = -1 if size is None else size
        if self.again:
            return self.copy.readline(most)
        line = self.stream.readline(most)
        self.copy.write(line)
        return line

    def read(self, size: int | None = -1) -> str:
        """Up to `size` characters (skipping the rest of an over-long line reads this way), kept like lines."""
        most = -1 if size is None else size
        if self.again:
            return self.copy.read(most)
        text = self.stream.read(most)
        self.copy.write(text)
        return text

    def seek(self, offset: int, whence: int = 0) -> int:
        """Back to the start (the only place a batch goes back to): the second reading is of the copy."""
        self.again = True
        return self.copy.seek(offset, whence)

    def close(self) -> None:
        """Close the copy (standard input stays open)."""
        self.copy.close()
        super().close()


def _people(rows: Iterator[Row], people: Latest, t: Texts) -> Iterator[Row]:
    """The rows, each replaced or empty one marked so (it is listed, neither scored nor counted as a person)."""
    replaced = people.replaced
    for row in rows:
        later = replaced.get(row.line)
        if later is not None:
            row.raw, row.status, row.error = None, "replaced", t("batch_replaced_by", row=later)
        yield row


class _Sample:
    """A uniform random sample of the accepted rows (reservoir sampling), whose top moves the summary counts."""

    def __init__(self) -> None:
        self.rows: list[RawRow] = []
        self.chance = random.Random(0)  # a fixed seed: the same file gives the same summary
        self.seen = 0

    def offer(self, raw: RawRow) -> None:
        """Consider one more accepted row: every accepted row has the same chance to be in the sample."""
        self.seen += 1
        if len(self.rows) < MOVES_SAMPLE:
            self.rows.append(raw)
        elif (slot := self.chance.randrange(self.seen)) < MOVES_SAMPLE:
            self.rows[slot] = raw


class _Run:
    """One batch run's output: its staged files and folders (so a run that stops leaves nothing), and its tally."""

    def __init__(
        self, pack: Pack, lang: Lang, t: Texts, out_dir: Path, earlier: BeforeAfter | None, reports: str | None
    ) -> None:
        self.pack, self.lang, self.t, self.out_dir, self.earlier = pack, lang, t, out_dir, earlier
        self.reports = reports
        self.names: set[str] = set()  # report file names given so far, folded as a case-blind file system would
        self.labels = {
            "role": {r: role.label(lang) for r, role in pack.roles.items()},
            "band": {b.id: b.label(lang) for b in pack.scoring.bands},
            "verdict": {v: verdict.label(lang) for v, verdict in pack.scoring.verdicts.items()},
        }
        self.hint = t("batch_out_dir_hint")
        self.cohort = Cohort(pack)
        self.sample = _Sample()
        self.made: list[Path] = []  # folders this run created, to remove if it does not finish
        self.staged: list[Staged] = []
        self.writing = "results.csv"  # the file a failed write belongs to
        self.report_dir: Path | None = None
        self.progress: Progress | None = None
        self.score_ids = list(pack.scoring.scores)
        self.compared = ["risk_before", "risk_change"] if earlier is not None else []
        self.padding = [""] * (len(self.score_ids) + 4 + len(self.compared) + 3)  # the cells of a row not scored

    def prepare(self, reports: str | None) -> None:
        """Make the output folder and stage results.csv (and the reports folder), once the input is usable."""
        # each step that creates something notes it for the clean-up before a signal may stop us
        with held():
            self.made = _make_folder(self.out_dir, self.hint)
        _check_reports_place(self.out_dir / "reports", reports is not None, self.hint)
        with held():
            self.staged.append(Staged(str(self.out_dir / self.writing), self.hint, newline=""))
        if reports:
            self.writing = "reports"
            remove_stale_staging(self.out_dir, "reports", "")  # what a run killed outright left behind
            with held():
                self.report_dir = self.out_dir / staging_name("reports", "")
                os.mkdir(self.report_dir, 0o700)  # the reports hold people's answers: private, like every folder made
            (self.report_dir / REPORTS_MARK).write_text("aiexposure batch --reports\n", encoding="utf-8")
            self.writing = "results.csv"

    def score(self, rows: Iterator[Row], source: Path, strict: bool, workers: Workers | None) -> None:
        """Score every row into results.csv, the tally and the sample (with a progress bar on a terminal)."""
        self.progress, task = _progress(source)  # after the workers started: they must not inherit its thread
        out = csv.writer(self.staged[0].handle)
        out.writerow(
            ["row", "id", "status", "error", "role", *self.score_ids, "risk", "band", "verdict", "advice",
             *self.compared, "role_label", "band_label", "verdict_label"]
        )  # fmt: skip
        for row, outcome, result in _outcomes(self.pack, self.lang, rows, workers):
            if row.status:  # replaced by the person's later row, or empty: not a person of its own
                self.cohort.skip(row.line, row.id, row.status, outcome if isinstance(outcome, str) else "")
                out.writerow([row.line, csv_cell(row.id), row.status, csv_cell(row.error or ""), "", *self.padding])
            elif isinstance(outcome, str):
                if strict:
                    raise UserError(self.t("batch_strict", row=row.line, reason=outcome))
                out.writerow(self._rejected(row, outcome))
            else:
                out.writerow(self._accepted(row, outcome, result))
            if self.progress is not None and task is not None and self.cohort.rows % 200 == 0:
                self.progress.update(task, completed=row.line)
        self.stop_progress()

    def _rejected(self, row: Row, reason: str) -> list[object]:
        """Count a rejected row; its results.csv line."""
        self.cohort.reject(row.line, row.id, reason)
        if self.earlier is not None:
            self.earlier.add_after(row.id, row.line, None)
        return [row.line, csv_cell(row.id), "rejected", csv_cell(reason), csv_cell(row.role_label), *self.padding]

    def _accepted(self, row: Row, scored: Scored, result: Assessment | None) -> list[object]:
        """Count a scored row, sample it, write its report if asked; its results.csv line."""
        self.cohort.add(scored)
        assert row.raw is not None  # a row is scored only when it was read
        self.sample.offer(_raw(row.raw))
        compared: tuple[str, ...] = ()
        if self.earlier is not None and result is not None:  # a comparison is scored here, never in workers
            compared = self.earlier.add_after(row.id, row.line, result)
        if self.report_dir is not None and result is not None and self.reports is not None:
            name = report_name(row.line, row.id, self.reports, self.names)
            _report(self.pack, self.lang, self.report_dir, name, self.reports, result.answers, self.out_dir / "reports",
                    self.hint)  # fmt: skip
        labels = self.labels
        return [row.line, csv_cell(row.id), "ok", "", scored.role, *scored.scores, scored.risk, scored.band,
                scored.verdict, " ".join(scored.advice), *compared, labels["role"][scored.role],
                labels["band"][scored.band], labels["verdict"][scored.verdict]]  # fmt: skip

    def count_moves(self, workers: Workers | None) -> None:
        """Count the top moves of the sampled people."""
        chunks = ((None, chunk) for chunk in in_chunks(iter(self.sample.rows), MOVES_CHUNK))
        found: Iterator[tuple[object, list[tuple[str, tuple[Move, ...]]]]]
        if workers is None:
            found = ((tag, moves_of(self.pack, self.lang, chunk)) for tag, chunk in chunks)
        else:
            found = workers.run("moves", chunks)
        for _, results in found:
            for role, moves in results:
                self.cohort.add_moves(role, moves)

    def finish(self, source_name: str) -> list[Path]:
        """Write summary.md, then put every file in its place; the paths written."""
        self.writing = "summary.md"
        with held():
            summary = Staged(str(self.out_dir / self.writing), self.hint)
            self.staged.append(summary)
        before = self.earlier.section(self.lang) if self.earlier is not None else None
        summary.handle.write(render_summary(self.cohort, self.lang, source_name, before))
        self.writing = "summary.html"
        with held():
            page = Staged(str(self.out_dir / self.writing), self.hint)
            self.staged.append(page)
        page.handle.write(render_page(self.cohort, self.lang, source_name, self.earlier))
        written = [self.out_dir / "results.csv", self.out_dir / "summary.md", self.out_dir / "summary.html"]
        with held(finished=True):  # a signal now waits until the run's files are all in place
            summary.commit()
            page.commit()
            self.staged[0].commit()
            if self.report_dir is not None:
                written.append(_swap_reports(self.report_dir, self.out_dir / "reports", self.hint))
        return written

    def discard(self, exc: BaseException) -> None:
        """Undo a run that did not finish; a write that failed mid-way (a full disk) says which file."""
        with held():  # the clean-up runs to its end; raising inside the block drops a signal that came meanwhile
            _discard(self.staged, self.report_dir, self.made)
            if isinstance(exc, OSError):
                raise WriteError(str(self.out_dir / self.writing), exc.strerror or str(exc), self.hint) from None

    def stop_progress(self) -> None:
        """Take the progress bar off the terminal (once)."""
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _raw(raw: RawAnswers) -> RawRow:
    """A row's answers as the scorer takes them."""
    return raw.role, raw.tasks, raw.answers


def _outcomes(
    pack: Pack, lang: Lang, rows: Iterator[Row], workers: Workers | None
) -> Iterator[tuple[Row, Scored | str, Assessment | None]]:
    """Each row with what its scoring gave (or why it was rejected), and its assessment when scored here."""
    if workers is None:
        for row in rows:
            if row.raw is None:
                yield row, row.error or "unreadable row", None
                continue
            result = score_row(pack, lang, _raw(row.raw))
            yield (row, result, None) if isinstance(result, str) else (row, summarize(result), result)
        return
    chunks = ((chunk, [_raw(row.raw) for row in chunk if row.raw is not None]) for chunk in in_chunks(rows))
    for chunk, results in workers.run("score", chunks):
        scored = iter(results)
        for row in chunk:
            yield row, next(scored) if row.raw is not None else row.error or "unreadable row", None


def _index_before(
    pack: Pack, lang: Lang, vocab: Vocabulary, t: Texts, path: Path, strict: bool, id_column: tuple[str, ...]
) -> BeforeAfter:
    """Score the --before file into an id → score index (no rows are kept), each person's latest row counting."""
    from aiexposure.batch.before import BeforeAfter

    earlier = BeforeAfter.start(pack, path.name)
    with _open_input(t, path) as handle:
        people = _latest(t, path, handle, _open(vocab, t, path, handle, id_column, scan=True))
        opened = _open(vocab, t, path, handle, id_column)
        earlier.before_id = opened.layout.id_header if opened.layout is not None else "id"
        for row in _people(_rows(opened.rows, t, path), people, t):
            if row.status:
                earlier.skip_before(row.status)
                continue
            result = _score(pack, lang, row)
            if isinstance(result, str) and strict:
                raise UserError(t("batch_before_strict", path=path, row=row.line, reason=result))
            earlier.add_before(row.line, row.id, result)
    return earlier


_OUR_REPORT = re.compile(r"^row\d{7}(-[A-Za-z0-9._-]*)?\.md$")  # reports of a run before the marker file
REPORTS_MARK = ".aiexposure-reports"  # in a reports folder a run made: the folder may be replaced as a whole


def _discard(staged: list[Staged], report_dir: Path | None, made: list[Path]) -> None:
    """Undo a run that did not finish: its staged files and reports go, and so do the folders made for it."""
    for each in staged:
        each.discard()
    if report_dir is not None:
        shutil.rmtree(report_dir, ignore_errors=True)
    for folder in reversed(made):  # innermost first; rmdir keeps a folder that something else was put in
        with contextlib.suppress(OSError):
            folder.rmdir()


def _check_reports_place(final: Path, reports: bool, hint: str) -> None:
    """Fail before scoring, not after results were put in place, when `reports` cannot become a folder."""
    if reports:
        followed(str(final), hint)  # another user's link there is never followed
    if reports and (final.exists() or final.is_symlink()) and not final.is_dir():
        raise WriteError(str(final), "it is a file, not a folder", hint)


def _swap_reports(staged: Path, final: Path, hint: str) -> Path:
    """Put this run's reports in place of the last run's; a folder holding anything else is left alone."""
    try:
        if final.is_dir() and (
            (final / REPORTS_MARK).is_file() or all(_OUR_REPORT.match(p.name) for p in final.iterdir())
        ):
            shutil.rmtree(final)
        if final.exists():
            (staged / REPORTS_MARK).unlink()  # a folder that holds other files never becomes ours to replace
            for report in staged.iterdir():
                os.replace(report, final / report.name)
            staged.rmdir()
        else:
            os.replace(staged, final)
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        raise WriteError(str(final), exc.strerror or str(exc), hint) from None
    return final


def _make_folder(out_dir: Path, hint: str) -> list[Path]:
    """Make the output folder and any missing parents; return those it made, outermost first."""
    followed(str(out_dir), hint)  # another user's link in its place is refused, never followed
    try:
        return make_private_folders(out_dir)
    except FileExistsError:
        raise WriteError(str(out_dir), "it is a file, not a folder", hint) from None
    except OSError as exc:
        raise WriteError(str(out_dir), exc.strerror or str(exc), hint) from None


def _rows(rows: Iterator[Row], t: Texts, source: Path) -> Iterator[Row]:
    """The rows, turning a bad byte found mid-file into a message instead of a traceback."""
    try:
        yield from rows
    except UnicodeDecodeError:
        raise UserError(t("batch_not_utf8", path=source)) from None


def _score(pack: Pack, lang: Lang, row: Row) -> Assessment | str:
    """The assessment of a row, or why it was rejected (in the run's language)."""
    if row.raw is None:
        return row.error or "unreadable row"
    return score_row(pack, lang, _raw(row.raw))


def _report(
    pack: Pack, lang: Lang, folder: Path, name: str, kind: str, answers: Answers, final: Path, hint: str
) -> Path:
    """Write one person's report (html, md or short) into the staging `folder`; a failure names its `final` place."""
    from aiexposure.render.output import Format, render

    chosen = {"html": Format.html, "md": Format.markdown, "short": Format.short}[kind]
    try:
        write_atomic(str(folder / name), render(assess(pack, answers), lang, chosen, False, name) or "", hint)
    except WriteError as exc:
        raise WriteError(str(final / name), exc.reason, hint) from None
    return folder / name
