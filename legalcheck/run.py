"""Wiring for `legalcheck analyze`: discover records, validate, analyze, render; all-or-nothing output.

Each record file is handled on its own (read, validated, analyzed, rendered), so files are spread over worker
processes where the platform can fork them; results are written in input order, so the output does not depend on
how many workers ran. Only small per-incident summaries are kept for the index.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from legalcheck import __version__, vocabulary
from legalcheck.engine.analyze import analyze
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist
from legalcheck.errors import InputError, OutputError, Problem
from legalcheck.loading.checklists import RuleSet, load_rules
from legalcheck.loading.documents import discover, source_names
from legalcheck.loading.records import read_record
from legalcheck.report.output import Output
from legalcheck.report.registry import Piece, Reporter, Summaries, make_reporters, summary_of
from legalcheck.verify.check import Verifier

DEFAULT_FORMATS = ("json", "html")
Counter = Callable[[dict[str, Any]], int]


@dataclass
class RunResult:
    summaries: Summaries = field(default_factory=Summaries)
    written: list[Path] = field(default_factory=list)
    counted: int = 0
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Handled:
    """What one record file gave: its problems, or its summary, count and outputs (per reporter: the names of the
    files it staged, and the pieces a streaming reporter appends)."""

    path: Path
    problems: list[Problem]
    summary: dict[str, Any] | None = None
    counted: int = 0
    outputs: list[tuple[list[str], list[Piece]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Job:
    checklists: list[Checklist]
    reporters: list[Reporter]
    counter: Counter | None
    verifier: Verifier = field(default_factory=Verifier)
    names: dict[Path, str] = field(default_factory=dict)  # each record file as outputs name it
    known: vocabulary.KnownKeys | None = None  # the proposition keys records may use without a warning
    strict: bool = False  # warnings are errors


_JOB: Job | None = None  # set before worker processes fork, so they inherit the compiled checklists


def rules_for(
    rule_paths: list[Path], checklist_ids: tuple[str, ...], tags: tuple[str, ...], compiler: SchemaCompiler
) -> list[Checklist]:
    ruleset: RuleSet = load_rules(rule_paths, compiler)
    return ruleset.select(checklist_ids, tags)


def known_keys_of(checklists: list[Checklist]) -> vocabulary.KnownKeys:
    """The proposition keys records may use without a warning when these checklists are loaded."""
    return vocabulary.known_keys((c.spec, c.origin) for c in checklists)


def handle(path: Path, job: Job) -> Handled:
    """Read, validate, analyze and render one record file."""
    try:
        record, warnings = read_record(path, job.known, job.strict)
        verification = job.verifier.verify(record, path)
    except InputError as exc:
        return Handled(path, exc.problems)
    doc = analyze(record, job.checklists, file=job.names.get(path, path.name)).to_dict(__version__)
    doc["verification"] = verification
    counted = job.counter(doc) if job.counter is not None else 0
    outputs: list[tuple[list[str], list[Piece]]] = []
    for reporter in job.reporters:
        pieces = reporter.render(doc)
        if reporter.streaming:
            outputs.append(([], pieces))
            continue
        for name, text in pieces:
            reporter.output.stage(name, text)
        outputs.append(([name for name, _ in pieces], []))
    return Handled(path, [], summary_of(doc), counted, outputs, warnings)


def _handle_chunk(paths: list[Path]) -> list[Handled]:
    assert _JOB is not None
    return [handle(path, _JOB) for path in paths]


def _worker_start() -> None:
    """A worker dies with the run that started it (even one killed outright) and leaves Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _PARENT:  # the run ended before the line above took effect
            os._exit(1)


PR_SET_PDEATHSIG = 1
_PARENT = os.getpid()


def default_jobs(files: int) -> int:
    """Worker processes: one per core for a corpus worth it, where processes can fork; else none."""
    if files < 32 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def capped_jobs(asked: int, files: int) -> int:
    """No more workers than there are chunks of work, nor than a few per core."""
    return max(1, min(asked, -(-files // CHUNK), 4 * (os.cpu_count() or 1)))


CHUNK = 8  # files per task: fewer round trips between processes


def _handled(files: list[Path], job: Job, jobs: int) -> Iterator[Handled]:
    """Every file handled, in input order; at most two chunks per worker in flight, so memory stays flat."""
    global _JOB
    if jobs <= 1:
        for path in files:
            yield handle(path, job)
        return
    global _PARENT
    _JOB = job
    _PARENT = os.getpid()
    gc.freeze()  # workers inherit the compiled checklists; keep their collector from touching (and copying) them
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start) as pool:
            chunks = (files[i : i + CHUNK] for i in range(0, len(files), CHUNK))
            pending: deque[Any] = deque(pool.apply_async(_handle_chunk, (chunk,)) for chunk in islice(chunks, 2 * jobs))
            while pending:
                done: list[Handled] = pending.popleft().get()
                pending.extend(pool.apply_async(_handle_chunk, (chunk,)) for chunk in islice(chunks, 1))
                yield from done
    finally:
        _JOB = None
        gc.unfreeze()


def run_analysis(
    paths: list[Path],
    checklists: list[Checklist],
    out: Path,
    formats: tuple[str, ...],
    counter: Counter | None = None,
    jobs: int | None = None,
    archives: Path | None = None,
    known: vocabulary.KnownKeys | None = None,
    strict: bool = False,
    protected: list[Path] | None = None,
) -> RunResult:
    """Analyze every record and render it in every format; ``counter`` is applied to each results document and summed.

    Raises InputError, after reading every file, if any record was bad; then nothing is written. No output replaces
    a record or a file in ``protected`` (the rule files).
    """
    files = discover(paths)
    protected = discover(protected) if protected else []
    if not files:
        raise InputError(
            [
                Problem(
                    ", ".join(map(str, paths)),
                    "no incident records (.json, .yaml, .yml) found",
                    hint="pass record files or folders that hold them",
                )
            ]
        )
    output = Output(out, protected=[*files, *protected])
    result = RunResult()
    problems: list[Problem] = []
    seen: dict[str, int] = {}  # incident id -> position of its file
    try:
        reporters = make_reporters(list(formats), output)
        job = Job(checklists, reporters, counter, Verifier(archives), source_names(paths, files), known, strict)
        for position, handled in enumerate(
            _handled(files, job, capped_jobs(jobs, len(files)) if jobs is not None else default_jobs(len(files)))
        ):
            problems.extend(handled.problems)
            result.warnings.extend(handled.warnings)
            if handled.summary is None:
                continue
            rid = handled.summary["id"]
            if rid in seen:
                problems.append(
                    Problem(
                        str(handled.path),
                        f"incident id {rid!r} is also used by {files[seen[rid]]}",
                        pointer="/id",
                        hint="give each incident its own id",
                    )
                )
                continue
            seen[rid] = position
            if problems:
                continue  # keep reading, to report every bad file, but write nothing more
            for reporter, (staged, pieces) in zip(reporters, handled.outputs, strict=True):
                for name in staged:
                    output.claim(name)
                if pieces:
                    reporter.add(pieces)
            result.counted += handled.counted
            result.summaries.append(handled.summary)
        if problems:
            raise InputError(problems)
        for reporter in reporters:
            reporter.finish(result.summaries)
        result.written = output.commit()
    except OSError as exc:  # a streamed output (index, CSV) failed: the disk filled up, the folder went away
        raise OutputError(f"{out}: cannot write the outputs: {exc.strerror or exc}") from None
    finally:
        output.abort()
    return result
