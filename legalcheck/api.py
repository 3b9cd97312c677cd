"""The library: load rule sets, analyze records held in memory, render results; no files needed.

    from legalcheck.api import load_rules, analyze_record, render

    rules = load_rules()                         # the built-in checklists (and any rule files you pass)
    results = analyze_record(record, rules)      # a results document (``legalcheck schema results``)
    page = render(results, rules, "html")        # or "markdown", "csv", "json"

A :class:`Rules` is safe to send to worker processes (multiprocessing, Dask, ...): it pickles as its rule files'
content and compiles its conditions again where it is unpickled. Results documents are plain JSON data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from legalcheck import __version__
from legalcheck.engine.analyze import analyze
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist, ruleset_hash
from legalcheck.errors import InputError, UsageError
from legalcheck.loading import checklists as loading
from legalcheck.loading.documents import Document
from legalcheck.loading.records import check_record
from legalcheck.report.results import Catalogue, expand, rules_document

__all__ = ["FORMATS", "Rules", "analyze_record", "load_rules", "render"]

FORMATS = ("json", "html", "markdown", "csv")


class Rules:
    """A compiled rule set: the checklists to apply, in order, and the ``rules.json`` document naming them."""

    def __init__(self, checklists: Sequence[Checklist], evaluator: str | None = None) -> None:
        self.checklists = list(checklists)
        self.evaluator = evaluator
        self.sha256 = ruleset_hash(self.checklists)
        self.document = rules_document([(c.spec, c.sha256) for c in self.checklists], self.sha256, __version__)
        self.catalogue = Catalogue(self.document)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.checklists]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _rebuild, ([(c.spec, c.origin) for c in self.checklists], self.evaluator)


def _rebuild(specs: list[tuple[dict[str, Any], str]], evaluator: str | None) -> Rules:
    compiler = SchemaCompiler(evaluator)
    return Rules([loading.compile_checklist(spec, origin, compiler) for spec, origin in specs], evaluator)


def load_rules(
    paths: Sequence[str | Path] = (),
    *,
    builtins: bool = True,
    checklists: Sequence[str] = (),
    tags: Sequence[str] = (),
    evaluator: str | None = None,
) -> Rules:
    """The built-in checklists (unless ``builtins`` is false) and the rule files or folders in ``paths``, validated
    and compiled; ``checklists`` and ``tags`` select among them as ``--checklist`` and ``--tag`` do.

    Raises :class:`legalcheck.errors.InputError` (every problem of every file) or ``UsageError``."""
    ruleset = loading.load_rules([Path(p) for p in paths], SchemaCompiler(evaluator), builtins=builtins)
    chosen = ruleset.select(tuple(checklists), tuple(tags))
    if not chosen:
        raise UsageError("no checklists to apply")
    return Rules(chosen, evaluator)


def analyze_record(
    record: Mapping[str, Any], rules: Rules, *, name: str = "<record>", copies: Path | None = None
) -> dict[str, Any]:
    """Validate one incident record (plain JSON data) and apply the rule set: its results document.

    ``name`` says where the record came from in error messages. Quotes are checked against their sources' archived
    copies only when ``copies`` names the folder the record's copy paths are relative to (no file is read
    otherwise). Raises :class:`legalcheck.errors.InputError` with every problem of an invalid record."""
    data = dict(record)
    doc = Document(path=name, text=json.dumps(data, indent=1, ensure_ascii=False), data=data, is_yaml=False)
    problems = check_record(doc, data)
    if problems:
        raise InputError(problems)
    results = analyze(data, rules.checklists).to_dict(__version__, rules.sha256)
    if copies is not None:
        from legalcheck.verify.check import Verifier

        results["verification"] = Verifier().verify(data, Path(copies) / name)
    return results


def render(results: Mapping[str, Any], rules: Rules, fmt: str = "html") -> str:
    """One results document in a format: ``json`` (as ``analyze`` writes it), ``html`` (a self-contained page),
    ``markdown``, or ``csv`` (with its header row)."""
    doc = dict(results)
    if fmt == "json":
        from legalcheck.report.jsonfmt import dumps

        return dumps(doc).decode("utf-8")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    rules.catalogue.check(doc)
    full = expand(doc, rules.catalogue)
    if fmt == "html":
        from legalcheck.report.html import render_incident

        return render_incident(full)
    if fmt == "markdown":
        from legalcheck.report.markdown import render_markdown

        return render_markdown(full)
    from legalcheck.report.csvfmt import COLUMNS, lines, rows

    return lines([list(COLUMNS), *rows(full)])
