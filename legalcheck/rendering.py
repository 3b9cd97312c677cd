"""Rendering without analyzing: results documents in other formats (`legalcheck render`), and what changed between
two versions of a story (`legalcheck diff`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from legalcheck import __version__
from legalcheck.engine.analyze import analyze
from legalcheck.engine.model import RESULTS_SCHEMA, Checklist
from legalcheck.errors import InputError, OutputError, Problem
from legalcheck.loading.documents import discover, load
from legalcheck.loading.records import load_record
from legalcheck.report import story
from legalcheck.report.diffout import diff_name
from legalcheck.report.diffout import render as render_diff
from legalcheck.report.output import Output
from legalcheck.report.registry import make_reporters, summary_of, unfolding
from legalcheck.report.results import Catalogue, ResultsReader, expand
from legalcheck.run import RunResult, nothing_found, ruleset_of
from legalcheck.stories import page_pieces, story_views, write_since


def render_results(paths: list[Path], out: Path, formats: tuple[str, ...], bom: bool = False) -> RunResult:
    """Render results documents (with the rule sets beside them) in other formats, without analyzing anything:
    every renderer works from results files alone. Rule set files among ``paths`` are skipped.

    Every document is read and checked first (nothing is written if one is bad), then read again, one at a time,
    to be rendered: memory does not grow with the number of documents. The versions of a story are rendered last,
    two full views at a time, with what changed between them."""
    reader = ResultsReader()
    found: list[tuple[Path, str, Catalogue]] = []  # each document's path, story and rule set
    problems: list[Problem] = []
    for path in discover(paths):
        if path.suffix.lower() != ".json":
            continue
        try:
            if reader.is_rules(path):
                continue
            doc, catalogue = reader.read(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found.append((path, story.story_of(doc["incident"]), catalogue))
    if problems:
        raise InputError(problems)
    if not found:
        raise nothing_found(
            paths,
            "no results documents found",
            "pass the .json files `legalcheck analyze --format json` wrote, or their folder",
        )
    grouped: dict[str, list[int]] = {}
    for i, (_, key, _) in enumerate(found):
        grouped.setdefault(key, []).append(i)
    told = {i for versions in grouped.values() if len(versions) > 1 for i in versions}  # rendered with their story
    output = Output(out)
    result = RunResult(stories=len(grouped))
    try:
        reporters = make_reporters(list(formats), output, bom)
        unfold = unfolding(reporters)
        for catalogue in dict.fromkeys(c for _, _, c in found):
            for reporter in reporters:
                reporter.start(catalogue.rules)

        def expanded(path: Path, doc: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
            try:
                return expand(doc, catalogue, unfold)
            except (KeyError, IndexError, TypeError, ValueError, StopIteration) as exc:
                raise InputError(
                    [
                        Problem(
                            str(path),
                            f"the results do not fit the rule set beside them ({type(exc).__name__}: {exc})",
                            hint="render results as `analyze --format json` wrote them, beside their rules.json",
                        )
                    ]
                ) from None

        for i, (path, _, catalogue) in enumerate(found):
            doc = reader.read(path)[0]
            full = expanded(path, doc, catalogue)
            for reporter in reporters:
                if i in told and not (reporter.streaming or reporter.compact):
                    continue  # its pages show the story: written below
                pieces = reporter.render(doc if reporter.compact else full)
                if reporter.streaming:
                    reporter.add(pieces)
                else:
                    for name, text in pieces:
                        output.write(name, text)
            result.summaries.append(summary_of(full))
        for versions in grouped.values():
            if len(versions) < 2:
                continue
            for full in story_views(versions, lambda i: reader.read(found[i][0])[0], found[versions[0]][2], unfold):
                write_since(full, reporters, output)
                for name, text in page_pieces(full, reporters):
                    output.write(name, text)
        for reporter in reporters:
            reporter.finish(result.summaries)
        result.written = output.commit()
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the outputs: {exc.strerror or exc}") from None
    finally:
        output.abort()
    return result


def _side(path: Path, checklists: list[Checklist], reader: ResultsReader) -> dict[str, Any]:
    """One side of a diff in its full view: a results document (with the rule set beside it), or a record, analyzed
    with the given checklists."""
    if path.suffix.lower() == ".json":
        peek = load(path)
        if isinstance(peek.data, dict) and peek.data.get("schema") == RESULTS_SCHEMA:
            doc, catalogue = reader.read(path)
            return expand(doc, catalogue)
    record = load_record(path)
    ruleset, rules = ruleset_of(checklists)
    return expand(analyze(record, checklists, file=str(path)).to_dict(__version__, ruleset), Catalogue(rules))


def diff_files(
    old: Path, new: Path, checklists: list[Checklist], out: Path | None, formats: tuple[str, ...], bom: bool = False
) -> tuple[dict[str, Any], list[Path]]:
    """What changed from one version of a story to another (records or results documents); the diff is written in
    each format to ``out`` (nothing when ``out`` is None)."""
    reader = ResultsReader()
    problems: list[Problem] = []
    sides = []
    for path in (old, new):
        try:
            sides.append(_side(path, checklists, reader))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    d = story.diff(sides[0], sides[1])
    if out is None or not formats:
        return d, []
    output = Output(out)
    try:
        names = [diff_name(d, fmt) for fmt in formats]
        for name, fmt in zip(names, formats, strict=True):
            output.write(name, render_diff(d, fmt, bom))
        output.commit()
        return d, [out / name for name in names]
    finally:
        output.abort()
