"""Scoring a cohort's rows: in this process, or in worker processes while this one reads and writes.

Scoring (checking the answers, then `assess`) is two thirds of a batch row's time, and a file of a million rows
takes minutes on one core. On Linux, a big file's rows go in chunks to worker processes forked from this one
(they inherit the loaded pack); results come back in the order the rows were read, so results.csv and
summary.md are the same, byte for byte, as when this process scores every row itself.

Each worker has at most one chunk at a time and the main process sends it the next only after taking its
result, so neither side can block the other on a full pipe; the next chunk is read ahead, so a worker gets it
the moment its result is in. Workers ignore Ctrl-C (the main process stops
them and cleans up, as it always has) and end when the main process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from aiexposure.errors import UserError
from aiexposure.model.answers import resolve
from aiexposure.model.scoring import Assessment, Move, assess, top_moves
from aiexposure.pack.schema import Lang, Pack

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

ENV_WORKERS = "AIEXPOSURE_WORKERS"  # how many worker processes; 0 scores in the main process
CHUNK_ROWS = 250  # rows sent at a time: big enough that a message's own cost is small, small enough to stream
MIN_PARALLEL_BYTES = 250_000  # about 1,000 rows of a template-wide form: below it starting workers costs more
MAX_WORKERS = 4
CLOSE_SECONDS = 5.0  # how long a worker told to end may take before it is terminated

# A row's raw answers as sent to a worker: role, task weights, answers by question id.
RawRow = tuple[str | None, Mapping[str, Any], Mapping[str, Any]]


class Scored(NamedTuple):
    """What results.csv and the summary need of one scored row (a NamedTuple: cheap to make and to pickle)."""

    role: str
    scores: tuple[float, ...]  # the pack's scores, in its order
    risk: float
    band: str
    verdict: str
    advice: tuple[str, ...]


def summarize(result: Assessment) -> Scored:
    """The parts of an assessment a batch keeps."""
    return Scored(
        result.answers.role,
        tuple(score.value for score in result.scores.values()),
        result.risk.value,
        result.band.id,
        result.verdict,
        tuple(item.id for item in result.advice),
    )


def score_row(pack: Pack, lang: Lang, raw: RawRow) -> Assessment | str:
    """The batch assessment of one row's answers, or why they were rejected (in the run's language)."""
    try:
        answers = resolve(pack, *raw)
    except UserError as exc:
        return exc.in_language(lang)
    return assess(pack, answers, full=False)


def score_rows(pack: Pack, lang: Lang, rows: Sequence[RawRow]) -> list[Scored | str]:
    """A chunk of rows scored, in order."""
    outcomes: list[Scored | str] = []
    for raw in rows:
        result = score_row(pack, lang, raw)
        outcomes.append(result if isinstance(result, str) else summarize(result))
    return outcomes


def moves_of(pack: Pack, lang: Lang, rows: Sequence[RawRow]) -> list[tuple[str, tuple[Move, ...]]]:
    """The top moves of sampled rows (each was scored before, so its answers are valid)."""
    found = []
    for raw in rows:
        answers = resolve(pack, *raw)
        risk = assess(pack, answers, full=False).risk.value
        found.append((answers.role, top_moves(pack, answers, risk)))
    return found


Job = Callable[[Pack, Lang, Sequence[RawRow]], list[Any]]
JOBS: dict[str, Job] = {"score": score_rows, "moves": moves_of}


def worker_count(source: Path, parallel_ok: bool) -> int:
    """How many worker processes to score `source` with: 0 (score here) unless it is a big file on Linux.

    As many workers as cores (up to MAX_WORKERS): the main process's share (reading, writing, counting) is
    about a third of a row's time, so on two cores two workers and the main process keep both busy.
    """
    # fork, the only start method that hands the pack over without loading it again, is safe on Linux
    if not parallel_ok or str(source) == "-" or not sys.platform.startswith("linux"):
        return 0
    chosen = os.environ.get(ENV_WORKERS, "").strip()
    if chosen.isdigit():
        return min(int(chosen), MAX_WORKERS)
    cores = os.cpu_count() or 1
    try:
        big = source.stat().st_size >= MIN_PARALLEL_BYTES
    except OSError:
        big = False
    return min(cores, MAX_WORKERS) if big and cores > 1 else 0


class Workers:
    """Worker processes that run JOBS on chunks of rows, results in the order the chunks were sent."""

    def __init__(self, pack: Pack, lang: Lang, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        sys.stdout.flush()  # a child flushes its copies of these when it ends: nothing may be waiting in them
        sys.stderr.flush()
        self.processes: list[BaseProcess] = []
        self.pipes: list[Connection] = []
        try:
            for _ in range(count):
                ours, theirs = context.Pipe()
                # the child inherits this process's end of its own pipe and of every earlier worker's: it
                # closes them first, so that when this process ends, however it ends, each worker reads the
                # end of its pipe and stops
                inherited = [ours, *self.pipes]
                process = context.Process(target=_serve, args=(theirs, pack, lang, inherited), daemon=True)
                process.start()
                theirs.close()
                self.processes.append(process)
                self.pipes.append(ours)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(abort=kind is not None)

    def run(self, job: str, chunks: Iterator[tuple[Any, list[RawRow]]]) -> Iterator[tuple[Any, list[Any]]]:
        """Each chunk's tag with the job's results for its rows, in the order the chunks come.

        Every worker gets a chunk, and one more is read ahead. As each result comes back (oldest first), its
        worker is given the chunk read ahead at once, the next one is read, and only then is the result handed
        on: the workers score while the caller reads, writes and counts, and never wait for it to read.
        """
        waiting: deque[tuple[int, Any]] = deque()  # (worker, tag), in the order sent
        for worker in range(len(self.pipes)):
            chunk = next(chunks, None)
            if chunk is None:
                break
            self._send(worker, job, chunk[1])
            waiting.append((worker, chunk[0]))
        ahead = next(chunks, None)
        while waiting:
            worker, tag = waiting.popleft()
            results = self._receive(worker)
            if ahead is not None:
                self._send(worker, job, ahead[1])
                waiting.append((worker, ahead[0]))
                ahead = next(chunks, None)
            yield tag, results

    def _send(self, worker: int, job: str, rows: list[RawRow]) -> None:
        self.pipes[worker].send_bytes(pickle.dumps((job, rows), protocol=pickle.HIGHEST_PROTOCOL))

    def _receive(self, worker: int) -> list[Any]:
        try:
            ok, results = pickle.loads(self.pipes[worker].recv_bytes())
        except (EOFError, OSError):
            process = self.processes[worker]
            process.join(timeout=CLOSE_SECONDS)  # its pipe closes a moment before its exit code is known
            raise RuntimeError(f"a batch scoring process ended unexpectedly (exit code {process.exitcode})") from None
        if not ok:
            raise RuntimeError(f"a batch scoring process failed:\n{results}")
        return list(results)

    def close(self, abort: bool = False) -> None:
        """Stop the workers: at once when the run is being abandoned, else once they finished their work."""
        for pipe in self.pipes:
            if not abort:
                with contextlib.suppress(OSError):  # a worker that already ended
                    pipe.send_bytes(b"")
            pipe.close()
        for process in self.processes:
            if abort:
                process.terminate()
            process.join(timeout=None if abort else CLOSE_SECONDS)
            if process.is_alive():
                process.terminate()
                process.join()
        self.pipes, self.processes = [], []


def _serve(pipe: Connection, pack: Pack, lang: Lang, inherited: Sequence[Connection] = ()) -> None:
    """A worker's loop: a chunk in, its results out, until an empty message or the main process is gone."""
    for other in inherited:  # the main process's pipe ends, copied by the fork: only the main process may hold them
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches every process of the terminal: the main one acts
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and ends us with this when it stops early
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # a main process gone mid-reply: end without a word
    while True:
        try:
            message = pipe.recv_bytes()
        except (EOFError, OSError):
            return
        if not message:
            return
        job, rows = pickle.loads(message)
        try:
            reply: tuple[bool, Any] = (True, JOBS[job](pack, lang, rows))
        except Exception:  # a bug: hand the traceback to the main process, which stops the run with it
            reply = (False, traceback.format_exc())
        try:
            pipe.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # the main process is gone (killed, or stopping): nothing to report, and no one to tell
            return


def in_chunks(items: Iterator[Any], size: int = CHUNK_ROWS) -> Iterator[list[Any]]:
    """`items` in lists of `size` (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
