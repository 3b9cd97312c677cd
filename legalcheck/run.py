"""Wiring for `legalcheck analyze`: discover records, validate, analyze, render; all-or-nothing output.

Each record file is handled on its own (read, validated, analyzed, rendered), so files are spread over worker
processes where the platform can fork them; results are written in input order, so the output does not depend on
how many workers ran. Only small per-incident summaries are kept for the index.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from legalcheck import __version__, vocabulary
from legalcheck.engine.analyze import analyze
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist, IncidentResult, ruleset_hash
from legalcheck.errors import InputError, OutputError, Problem
from legalcheck.loading.checklists import RuleSet, load_rules
from legalcheck.loading.corpus import Unit, estimate, load_unit, units
from legalcheck.loading.documents import RECORD_SUFFIXES, discover, source_names
from legalcheck.report.jsonfmt import dumps
from legalcheck.report.output import Output
from legalcheck.report.registry import Piece, Reporter, Summaries, make_reporters, summary_of, unfolding
from legalcheck.report.results import RULES_FILE, Catalogue, Unfold, expand, rules_document, unfold_all
from legalcheck.spill import Groups, Spilled
from legalcheck.verify.check import Verifier

if TYPE_CHECKING:
    from legalcheck.report.sqlite import KeptDatabase

DEFAULT_FORMATS = ("json", "html")
Counter = Callable[[IncidentResult], int]


class Progress:
    """What a caller is told as a run goes: the number of records expected, then each record handled."""

    def start(self, total: int) -> None:
        """Called once, with about how many records the run will read."""

    def advance(self) -> None:
        """Called after each record."""

    def finish(self) -> None:
        """Called once every record is read."""


@dataclass
class RunResult:
    summaries: Summaries = field(default_factory=Summaries)
    written: int = 0  # files moved into place (and the database updated, if any)
    counted: int = 0
    warnings: Spilled = field(default_factory=Spilled)  # each warning's message, in input order (on disk if many)
    stories: int = 0  # how many stories the incidents belong to


@dataclass
class Handled:
    """What one record file gave: its problems, or its summary, count and outputs (per reporter: the names of the
    files it staged, and the pieces a streaming reporter appends)."""

    unit: Unit
    problems: list[Problem]
    summary: dict[str, Any] | None = None
    counted: int = 0
    outputs: list[tuple[list[str], list[Piece]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    story_doc: bytes | None = None  # the results document of a record that names its story, for the story pass


@dataclass
class Job:
    checklists: list[Checklist]
    reporters: list[Reporter]
    counter: Counter | None
    ruleset: str = ""
    catalogue: Catalogue | None = None  # to expand results for the reporters that render the full view
    titles: dict[str, str] = field(default_factory=dict)  # checklist id -> title
    verifier: Verifier = field(default_factory=Verifier)
    names: dict[Path, str] = field(default_factory=dict)  # each record file as outputs name it
    known: vocabulary.KnownKeys | None = None  # the proposition keys records may use without a warning
    strict: bool = False  # warnings are errors
    unfold: Unfold = unfold_all  # which explanation lines the reporters of the full view read
    output: Output | None = None  # where the run's files are staged


def ruleset_of(checklists: list[Checklist]) -> tuple[str, dict[str, Any]]:
    """The rule set's hash and its ``rules.json`` document."""
    ruleset = ruleset_hash(checklists)
    return ruleset, rules_document([(c.spec, c.sha256) for c in checklists], ruleset, __version__)


_JOB: Job | None = None  # set before worker processes fork, so they inherit the compiled checklists
T = TypeVar("T")
R = TypeVar("R")


def rules_for(
    rule_paths: list[Path], checklist_ids: tuple[str, ...], tags: tuple[str, ...], compiler: SchemaCompiler
) -> list[Checklist]:
    ruleset: RuleSet = load_rules(rule_paths, compiler)
    return ruleset.select(checklist_ids, tags)


def known_keys_of(checklists: list[Checklist]) -> vocabulary.KnownKeys:
    """The proposition keys records may use without a warning when these checklists are loaded."""
    return vocabulary.known_keys((c.spec, c.origin) for c in checklists)


def handle(unit: Unit, job: Job) -> Handled:
    """Read, validate, analyze and render one record (a file, or a line of a JSON Lines file)."""
    try:
        record, warnings = load_unit(unit, job.known, job.strict)
        verification = job.verifier.verify(record, unit.path)
    except InputError as exc:
        return Handled(unit, exc.problems)
    name = job.names.get(unit.path, unit.path.name)
    result = analyze(record, job.checklists, file=f"{name}:{unit.line}" if unit.line else name)
    doc = result.to_dict(__version__, job.ruleset)
    doc["verification"] = verification
    counted = job.counter(result) if job.counter is not None else 0
    outputs: list[tuple[list[str], list[Piece]]] = []
    full: dict[str, Any] | None = None
    for reporter in job.reporters:
        if reporter.compact:
            pieces = reporter.render(doc)
        else:
            if full is None:
                assert job.catalogue is not None
                full = expand(doc, job.catalogue, job.unfold)
            pieces = reporter.render(full)
        if reporter.streaming:
            outputs.append(([], pieces))
            continue
        for name, text in pieces:
            reporter.output.stage(name, text)
        outputs.append(([name for name, _ in pieces], []))
    story_doc = dumps(doc) if record.get("story") else None
    return Handled(unit, [], summary_of(doc, job.titles), counted, outputs, warnings, story_doc)


def _chunk_done(work: Callable[[T, Job], R], chunk: list[T]) -> list[R]:
    """A chunk of work done in a worker process, with the run's job it inherited."""
    assert _JOB is not None
    return [work(item, _JOB) for item in chunk]


def story_pages(texts: list[str], job: Job) -> list[str]:
    """A story of several versions (each version's results document) rendered again with its story: the names of
    the files it adds (what changed between versions; its pages replace ones the run has)."""
    from legalcheck.stories import story_outputs  # the story view's modules, only for a story of several versions

    assert job.catalogue is not None and job.output is not None
    return story_outputs(texts, job.catalogue, job.reporters, job.output, job.unfold)


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


def nothing_found(paths: list[Path], message: str, hint: str) -> InputError:
    """The error of a run given paths that hold nothing it can read."""
    return InputError([Problem(", ".join(map(str, paths)), message, hint=hint)])


def default_jobs(records: int) -> int:
    """Worker processes: one per core for a corpus worth it, where processes can fork; else none."""
    if records < 32:
        return 1
    import multiprocessing  # imported only for a corpus worth workers: a short run starts sooner without it

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def capped_jobs(asked: int, records: int) -> int:
    """No more workers than there are chunks of work, nor than a few per core."""
    return max(1, min(asked, -(-records // CHUNK), 4 * (os.cpu_count() or 1)))


CHUNK = 8  # records per task: fewer round trips between processes


def _chunks(todo: Iterator[T]) -> Iterator[list[T]]:
    while chunk := list(islice(todo, CHUNK)):
        yield chunk


def _done(todo: Iterator[T], work: Callable[[T, Job], R], job: Job, jobs: int) -> Iterator[R]:
    """``work`` done on every item (each record, or each story to render again), in input order; items are read as
    they are needed and at most two chunks per worker are in flight, so memory stays flat however large the
    corpus."""
    # The compiled checklists live as long as the run: the collector need not walk them after every few records,
    # and workers, which inherit them, need not touch (and so copy) them. A record's results and pages are thousands
    # of objects alive at once, freed together when it is done: at the default threshold of 700 the collector ran
    # four times per record, walking them.
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        if jobs <= 1:
            for item in todo:
                yield work(item, job)
        else:
            yield from _in_workers(todo, work, job, jobs)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


YOUNG_THRESHOLD = 10_000  # objects allocated (less those freed) between two runs of the collector over young ones


def _in_workers(todo: Iterator[T], work: Callable[[T, Job], R], job: Job, jobs: int) -> Iterator[R]:
    import multiprocessing

    global _JOB, _PARENT
    _JOB = job
    _PARENT = os.getpid()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start) as pool:
            chunks = _chunks(todo)
            pending: deque[Any] = deque(
                pool.apply_async(_chunk_done, (work, chunk)) for chunk in islice(chunks, 2 * jobs)
            )
            while pending:
                done: list[R] = pending.popleft().get()
                pending.extend(pool.apply_async(_chunk_done, (work, chunk)) for chunk in islice(chunks, 1))
                yield from done
    finally:
        _JOB = None


def run_analysis(
    paths: list[Path],
    checklists: list[Checklist],
    out: Path,
    formats: tuple[str, ...],
    counter: Counter | None = None,
    jobs: int | None = None,
    archives: Path | None = None,
    db: Path | None = None,
    known: vocabulary.KnownKeys | None = None,
    strict: bool = False,
    protected: list[Path] | None = None,
    progress: Progress | None = None,
    bom: bool = False,
) -> RunResult:
    """Analyze every record and render it in every format; ``counter`` is applied to each result and summed; ``db``
    is a SQLite database kept across runs, updated in one transaction committed after every file is in place.

    Raises InputError, after reading every file, if any record was bad; then nothing is written. No output replaces
    a record or a file in ``protected`` (the rule files).
    """
    files = discover(paths, RECORD_SUFFIXES)
    protected = discover(protected) if protected else []
    if not files:
        raise nothing_found(
            paths,
            "no incident records (.json, .yaml, .yml, .jsonl) found",
            "pass record files or folders that hold them",
        )
    output = Output(out, protected=[*files, *protected])
    result = RunResult()
    problems: list[Problem] = []
    seen = Spilled()  # incident id -> where its record is (on disk: a corpus can hold very many)
    story_docs = Spilled()  # the results documents of records that name their story, on disk
    story_ids = Spilled()  # every story's id (an incident's own, if it names none), to count them
    versions = Groups()  # for each document in story_docs, its story (by position in story_ids)
    reporters: list[Reporter] = []
    kept: KeptDatabase | None = None
    try:
        reporters = make_reporters(list(formats), output, bom)
        if db is not None:
            from legalcheck.report.sqlite import KeptDatabase  # sqlite3 is imported only when a database is written

            kept = KeptDatabase(output, db)
            reporters.append(kept)
        ruleset, rules = ruleset_of(checklists)
        job = Job(
            checklists,
            reporters,
            counter,
            ruleset,
            Catalogue(rules),
            {c.id: c.title for c in checklists},
            Verifier(archives),
            source_names(paths, files),
            known,
            strict,
            unfolding(reporters),
            output,
        )
        if any(r.compact for r in reporters):
            output.write(RULES_FILE, dumps(rules))
        for reporter in reporters:
            reporter.start(rules)
        records = estimate(files)
        if progress is not None:
            progress.start(records)
        workers = capped_jobs(jobs, records) if jobs is not None else default_jobs(records)
        for handled in _done(units(files), handle, job, workers):
            if progress is not None:
                progress.advance()
            problems.extend(handled.problems)
            for warning in handled.warnings:
                result.warnings.append(warning.render())
            if handled.summary is None:
                continue
            rid = handled.summary["id"]
            first = seen.add(rid, handled.unit.label)
            if first < 0:
                problems.append(
                    Problem(
                        str(handled.unit.path),
                        f"incident id {rid!r} is also used by {seen.text(-1 - first)}",
                        pointer="/id",
                        line=handled.unit.line or None,
                        hint="give each incident its own id",
                    )
                )
                continue
            if problems:
                continue  # keep reading, to report every bad file, but write nothing more
            for reporter, (staged, pieces) in zip(reporters, handled.outputs, strict=True):
                for name in staged:
                    output.claim(name)
                if pieces:
                    reporter.add(pieces)
            result.counted += handled.counted
            result.summaries.append(handled.summary)
            story = story_ids.add(handled.summary["story"], "")
            if story >= 0:
                result.stories += 1
            if handled.story_doc is not None:
                story_docs.append(handled.story_doc.decode("utf-8"))
                versions.append(story if story >= 0 else -1 - story)
        if problems:
            raise InputError(problems)
        if progress is not None:
            progress.finish()
        assert job.catalogue is not None
        shared = versions.shared()
        one = next(shared, None)
        if one is not None:  # stories of several versions, each rendered again with its story
            stories = ([story_docs[p] for p in positions] for positions in chain([one], shared))
            for added in _done(stories, story_pages, job, workers):
                for name in added:
                    output.claim(name)
        for reporter in reporters:
            reporter.finish(result.summaries)
        result.written = output.commit()
        if kept is not None:
            kept.commit()
            result.written += 1
    except OSError as exc:  # a streamed output (index, CSV) failed: the disk filled up, the folder went away
        raise OutputError(f"{out}: cannot write the outputs: {exc.strerror or exc}") from None
    finally:
        for reporter in reporters:
            reporter.abort()
        seen.close()
        story_docs.close()
        story_ids.close()
        output.abort()
    return result
