"""`legalcheck validate`: tell records from rule files, and report every problem of each, located.

Validation itself is the loaders' (:func:`check_record`, :func:`checklist_problems`); this module decides
which applies to a file and adds the checks that span files (duplicate ids).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.errors import InputError, Problem
from legalcheck.loading.checklists import checklist_problems
from legalcheck.loading.corpus import is_lines, load_unit, units
from legalcheck.loading.documents import RECORD_SUFFIXES, Document, discover, load
from legalcheck.loading.records import check_record

INCIDENT = "incident"
CHECKLIST = "checklist"
NEITHER_HINT = (
    'add "$schema" naming the incident or checklist schema (see `legalcheck schema NAME --path`), '
    'or the fields that tell them apart: a record has "as_of", a rule file has "questions"'
)


def kind_of(data: Any) -> str | None:
    """``incident``, ``checklist`` or None: by ``$schema`` (its file name first), else by content."""
    if not isinstance(data, dict):
        return None
    ref = data.get("$schema")
    if isinstance(ref, str):
        for text in (ref.rstrip("/").rsplit("/", 1)[-1].lower(), ref.lower()):
            if CHECKLIST in text:
                return CHECKLIST
            if INCIDENT in text:
                return INCIDENT
    if "questions" in data:
        return CHECKLIST
    if "as_of" in data:
        return INCIDENT
    return None


@dataclass
class FileReport:
    """What validation found in one file."""

    path: str
    kind: str | None = None
    ident: str = ""
    problems: list[Problem] = field(default_factory=list)
    records: int = 0  # the records of a JSON Lines file

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.records:
            return f"{self.path}: ok ({self.records} incident record{'s' if self.records != 1 else ''})"
        what = {INCIDENT: "incident record", CHECKLIST: "checklist"}.get(self.kind or "", "file")
        return f"{self.path}: ok ({what} {self.ident!r})" if self.ident else f"{self.path}: ok"


@dataclass
class Validator:
    """Validates files one by one, remembering ids to report duplicates across files."""

    compiler: SchemaCompiler
    builtin_ids: dict[str, Path | None] = field(default_factory=dict)  # checklist id -> built-in file
    _ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def paths(self, paths: list[Path], each: Callable[[FileReport], None] | None = None) -> list[FileReport]:
        """Every file under ``paths``, in order; ``each`` sees each report as soon as it is ready."""
        reports: list[FileReport] = []
        for path in paths:
            try:
                files = discover([path], RECORD_SUFFIXES)
            except InputError as exc:
                files = []
                reports.append(FileReport(str(path), problems=exc.problems))
                if each:
                    each(reports[-1])
            if path.is_dir() and not files:
                reports.append(
                    FileReport(
                        str(path),
                        problems=[
                            Problem(
                                str(path),
                                "no .json, .yaml, .yml or .jsonl files in this folder",
                                hint="pass record or rule files",
                            )
                        ],
                    )
                )
                if each:
                    each(reports[-1])
            for f in files:
                reports.append(self.file(f))
                if each:
                    each(reports[-1])
        return reports

    def file(self, path: Path) -> FileReport:
        if is_lines(path):
            return self.lines(path)
        try:
            doc = load(path)
        except InputError as exc:
            return FileReport(str(path), problems=exc.problems)
        return self.document(doc, path)

    def lines(self, path: Path) -> FileReport:
        """A JSON Lines file: one incident record per line, each checked, every problem located by line."""
        report = FileReport(str(path), INCIDENT)
        for unit in units([path]):
            try:
                record = load_unit(unit)
            except InputError as exc:
                report.problems.extend(exc.problems)
                continue
            report.records += 1
            key = (INCIDENT, str(record["id"]))
            if key in self._ids:
                report.problems.append(
                    Problem(
                        str(path),
                        f"incident id {key[1]!r} is also used by {self._ids[key]}",
                        pointer="/id",
                        line=unit.line,
                        hint="give each incident its own id",
                    )
                )
            else:
                self._ids[key] = unit.label
        return report

    def document(self, doc: Document, path: Path | None = None) -> FileReport:
        kind = kind_of(doc.data)
        report = FileReport(doc.path, kind)
        if kind is None:
            report.problems.append(doc.problem("", "neither an incident record nor a rule file", hint=NEITHER_HINT))
            return report
        if kind == INCIDENT:
            report.problems.extend(check_record(doc, doc.data))
        else:
            report.problems.extend(checklist_problems(doc, self.compiler))
        if not report.problems:
            report.ident = str(doc.data["id"])
            report.problems.extend(self._duplicate(doc, kind, report.ident, path))
        return report

    def _duplicate(self, doc: Document, kind: str, ident: str, path: Path | None) -> list[Problem]:
        if kind == CHECKLIST and ident in self.builtin_ids:
            builtin = self.builtin_ids[ident]
            if builtin is None or path is None or builtin.resolve() != path.resolve():
                return [
                    doc.problem(
                        "/id",
                        f"checklist id {ident!r} is already used by a built-in checklist",
                        hint="rename the id in your file; ids are unique across built-in and user checklists",
                    )
                ]
        key = (kind, ident)
        if key in self._ids:
            what = "incident" if kind == INCIDENT else "checklist"
            return [
                doc.problem(
                    "/id", f"{what} id {ident!r} is also used by {self._ids[key]}", hint=f"give each {what} its own id"
                )
            ]
        self._ids[key] = doc.path
        return []
