"""`aiexposure batch`: score every row of a cohort file, streaming, and write results, summary and reports."""

from __future__ import annotations

import contextlib
import csv
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from aiexposure.atomic import Staged, WriteError, umask, write_atomic
from aiexposure.batch.read import Row, Vocabulary, open_rows, safe_name
from aiexposure.batch.summary import Cohort, render_summary
from aiexposure.errors import ExitCode, UserError
from aiexposure.escape import csv_cell, visible
from aiexposure.model.answers import Answers, resolve
from aiexposure.model.scoring import Assessment, assess, top_moves
from aiexposure.pack.messages import Texts
from aiexposure.pack.schema import Lang, Pack
from aiexposure.signals import held

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from aiexposure.batch.before import BeforeAfter

MOVES_SAMPLE = 500  # top moves re-score every alternative answer: a random sample keeps big cohorts fast


@dataclass
class Outcome:
    """What a run did, for the closing tally and the exit code."""

    rows: int
    rejected: int
    written: list[Path]
    before_rejected: int = 0  # rows of the --before file that could not be scored

    @property
    def exit_code(self) -> int:
        """0 when every row was scored, 3 when some were rejected (in either file)."""
        return ExitCode.SOME_REJECTED if self.rejected or self.before_rejected else ExitCode.OK


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), or UTF-16 when the file starts with its BOM (Excel's "Unicode text")."""
    with path.open("rb") as handle:
        head = handle.read(2)
    return "utf-16" if head in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def _open_input(t: Texts, path: Path) -> TextIO:
    if str(path) == "-":
        return open(sys.stdin.fileno(), encoding="utf-8-sig", newline="", closefd=False)
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
    reports: bool = False,
    strict: bool = False,
    before: Path | None = None,
) -> Outcome:
    """Score every row; write DIR/results.csv, DIR/summary.md and, with `reports`, DIR/reports/*.md.

    Nothing is replaced until the whole run succeeded: results and reports are staged beside their final
    names, so a stopped or failed run leaves the folder as it was.
    """
    vocab = Vocabulary.of(pack)
    t = Texts(pack, lang)
    cohort = Cohort(pack)
    sample: list[Answers] = []
    chance = random.Random(0)  # a fixed seed: the same file gives the same summary
    score_ids = list(pack.scoring.scores)
    hint = t("batch_out_dir_hint")
    if before is not None and str(before) == "-" and str(source) == "-":
        raise UserError(t("batch_before_stdin_twice"))
    with _open_input(t, source) as handle:
        try:
            opened = open_rows(vocab, source, handle, t)
        except UnicodeDecodeError:
            raise UserError(t("batch_not_utf8", path=source)) from None
        if opened.ignored:
            sys.stderr.write(visible(t("batch_ignored", columns=", ".join(opened.ignored))) + "\n")
        earlier = _index_before(pack, lang, vocab, t, before, strict) if before is not None else None
        compared = ["risk_before", "risk_change"] if earlier is not None else []
        made: list[Path] = []  # folders this run created, to remove if it does not finish
        staged_files: list[Staged] = []
        writing = "results.csv"  # the file a failed write belongs to
        report_dir: Path | None = None
        progress: Progress | None = None
        task: TaskID | None = None
        try:
            # each step that creates something notes it for the clean-up before a signal may stop us
            with held():
                made = _make_folder(out_dir, hint)  # only once the input is known to be usable
            _check_reports_place(out_dir / "reports", reports, hint)
            with held():
                staged = Staged(str(out_dir / writing), hint, newline="")
                staged_files.append(staged)
            if reports:
                writing = "reports"
                with held():
                    report_dir = Path(tempfile.mkdtemp(prefix=".reports.", dir=out_dir))
                os.chmod(report_dir, 0o777 & ~umask())  # mkdtemp makes it private; it becomes an ordinary folder
                writing = "results.csv"
            progress, task = _progress(source)
            out = csv.writer(staged.handle)
            out.writerow(
                ["row", "id", "status", "error", "role", *score_ids, "risk", "band", "verdict", "advice", *compared]
            )
            for row in _rows(opened.rows, t, source):
                result = _score(pack, lang, row)
                if isinstance(result, str):
                    if strict:
                        raise UserError(t("batch_strict", row=row.line, reason=result))
                    cohort.reject(row.line, row.id, result)
                    padding = [""] * (len(score_ids) + 4 + len(compared)) if earlier is not None else []
                    if earlier is not None:
                        earlier.add_after(row.id, row.line, None)
                    out.writerow(
                        [row.line, csv_cell(row.id), "rejected", csv_cell(result), csv_cell(row.role_label), *padding]
                    )
                    continue
                cohort.add(result)
                accepted = cohort.rows - cohort.rejected
                # reservoir sampling: every accepted row has the same chance to be in the sample
                if len(sample) < MOVES_SAMPLE:
                    sample.append(result.answers)
                elif (slot := chance.randrange(accepted)) < MOVES_SAMPLE:
                    sample[slot] = result.answers
                out.writerow(
                    [row.line, csv_cell(row.id), "ok", "", result.answers.role,
                     *(result.scores[s].value for s in score_ids), result.risk.value,
                     result.band.id, result.verdict, " ".join(a.id for a in result.advice),
                     *(earlier.add_after(row.id, row.line, result) if earlier is not None else ())]
                )  # fmt: skip
                if report_dir is not None:
                    _report(pack, lang, report_dir, row, result.answers, out_dir / "reports", hint)
                if progress is not None and task is not None and cohort.rows % 200 == 0:
                    progress.update(task, completed=row.line)
            if progress is not None:
                progress.stop()
                progress = None
            for answers in sample:
                risk = assess(pack, answers, full=False).risk.value
                cohort.add_moves(answers.role, top_moves(pack, answers, risk))
            writing = "summary.md"
            with held():
                summary = Staged(str(out_dir / writing), hint)
                staged_files.append(summary)
            summary.handle.write(render_summary(cohort, lang, source.name, earlier))
            written = [out_dir / "results.csv", out_dir / "summary.md"]
            with held(finished=True):  # a signal now waits until the run's files are all in place
                summary.commit()
                staged.commit()
                if report_dir is not None:
                    written.append(_swap_reports(report_dir, out_dir / "reports", hint))
        except BaseException as exc:
            with held():  # the clean-up runs to its end; raising inside the block drops a signal that came meanwhile
                _discard(staged_files, report_dir, made)
                if isinstance(exc, OSError):  # a write that failed mid-way (a full disk): say which file
                    raise WriteError(str(out_dir / writing), exc.strerror or str(exc), hint) from None
                raise
        finally:
            if progress is not None:
                progress.stop()
    return Outcome(cohort.rows, cohort.rejected, written, earlier.before_rejected_count if earlier else 0)


def _index_before(pack: Pack, lang: Lang, vocab: Vocabulary, t: Texts, path: Path, strict: bool) -> BeforeAfter:
    """Score the --before file into an id → score index (no rows are kept)."""
    from aiexposure.batch.before import BeforeAfter

    earlier = BeforeAfter.start(pack, path.name)
    with _open_input(t, path) as handle:
        try:
            opened = open_rows(vocab, path, handle, t)
        except UnicodeDecodeError:
            raise UserError(t("batch_not_utf8", path=path)) from None
        for row in _rows(opened.rows, t, path):
            result = _score(pack, lang, row)
            if isinstance(result, str) and strict:
                raise UserError(t("batch_before_strict", path=path, row=row.line, reason=result))
            earlier.add_before(row.line, row.id, result)
    return earlier


_OUR_REPORT = re.compile(r"^row\d{7}(-[A-Za-z0-9._-]*)?\.md$")


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
    if reports and (final.exists() or final.is_symlink()) and not final.is_dir():
        raise WriteError(str(final), "it is a file, not a folder", hint)


def _swap_reports(staged: Path, final: Path, hint: str) -> Path:
    """Put this run's reports in place of the last run's; a folder holding anything else is left alone."""
    try:
        if final.is_dir() and all(_OUR_REPORT.match(p.name) for p in final.iterdir()):
            shutil.rmtree(final)
        if final.exists():
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
    missing = [folder for folder in (out_dir, *out_dir.parents) if not _exists(folder)][::-1]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(str(out_dir), "it is a file, not a folder", hint) from None
    except OSError as exc:
        raise WriteError(str(out_dir), exc.strerror or str(exc), hint) from None
    return missing


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:  # a name too long: mkdir will say why
        return True


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
    try:
        answers = resolve(pack, row.raw.role, row.raw.tasks, row.raw.answers)
    except UserError as exc:
        return exc.in_language(lang)
    return assess(pack, answers, full=False)


def _report(pack: Pack, lang: Lang, folder: Path, row: Row, answers: Answers, final: Path, hint: str) -> Path:
    """Write one row's report into the staging `folder`; a failure names the report's `final` place."""
    from aiexposure.model.report import Report
    from aiexposure.render.markdown import render_markdown

    name = safe_name(row.line, row.id)
    try:
        write_atomic(str(folder / name), render_markdown(Report(assess(pack, answers), lang)), hint)
    except WriteError as exc:
        raise WriteError(str(final / name), exc.reason, hint) from None
    return folder / name
