"""Wiring for `legalcheck analyze`: discover records, validate, analyze, render; all-or-nothing output."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalcheck import __version__
from legalcheck.engine.analyze import analyze
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist
from legalcheck.errors import InputError, Problem
from legalcheck.loading.checklists import RuleSet, load_rules
from legalcheck.loading.documents import discover
from legalcheck.loading.records import load_record
from legalcheck.report.output import Output
from legalcheck.report.registry import make_reporters, summary_of

DEFAULT_FORMATS = ("json", "html")


@dataclass
class RunResult:
    summaries: list[dict[str, Any]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def rules_for(rule_paths: list[Path], checklist_ids: tuple[str, ...], tags: tuple[str, ...], compiler: SchemaCompiler) -> list[Checklist]:
    ruleset: RuleSet = load_rules(rule_paths, compiler)
    return ruleset.select(checklist_ids, tags)


def iter_documents(paths: list[Path], checklists: list[Checklist]) -> Iterator[dict[str, Any]]:
    """Results documents, one per record file, streamed; raises InputError after reading every file if any was bad."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in discover(paths):
        try:
            record = load_record(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        rid = record["id"]
        if rid in seen:
            problems.append(Problem(str(path), f"incident id {rid!r} is also used by {seen[rid]}", pointer="/id", hint="give each incident its own id"))
            continue
        seen[rid] = path
        if not problems:
            yield analyze(record, checklists, file=path.as_posix()).to_dict(__version__)
    if not seen and not problems:
        problems.append(Problem(", ".join(map(str, paths)), "no incident records (.json, .yaml, .yml) found", hint="pass record files or folders that hold them"))
    if problems:
        raise InputError(problems)


def run_analysis(
    paths: list[Path],
    checklists: list[Checklist],
    out: Path,
    formats: tuple[str, ...],
    inspect: Callable[[dict[str, Any]], None] | None = None,
) -> RunResult:
    """Analyze every record and render it in every format; ``inspect`` sees each results document once."""
    output = Output(out)
    result = RunResult()
    try:
        reporters = make_reporters(list(formats), output)
        for doc in iter_documents(paths, checklists):
            for reporter in reporters:
                reporter.add(doc)
            if inspect is not None:
                inspect(doc)
            result.summaries.append(summary_of(doc))
        for reporter in reporters:
            reporter.finish(result.summaries)
        result.written = output.commit()
    finally:
        output.abort()
    return result
