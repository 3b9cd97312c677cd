"""Corpora: record files, and JSON Lines files that hold one record per line, read as a stream of units.

A JSON Lines file (``.jsonl``) is read one line at a time, so memory does not grow with its size; every problem of a
line is reported with that line's number, and blank lines are skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from legalcheck import vocabulary
from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import parse
from legalcheck.loading.records import check_record, is_warning, read_record

LINES_SUFFIX = ".jsonl"
_BLOCK = 1 << 20


class Unit(NamedTuple):
    """One record to analyze: a whole file (``line`` 0), or one line of a JSON Lines file with its text."""

    path: Path
    line: int = 0
    text: str | None = None

    @property
    def label(self) -> str:
        """Where the record is: its file, and line for a JSON Lines file."""
        return f"{self.path.as_posix()}:{self.line}" if self.line else self.path.as_posix()


def is_lines(path: Path) -> bool:
    return path.suffix.lower() == LINES_SUFFIX


def units(files: Iterable[Path]) -> Iterator[Unit]:
    """Every record of every file, in order; a JSON Lines file is read as it is consumed. A line that is not UTF-8,
    or a file that cannot be read, is a unit whose loading reports it."""
    for path in files:
        if not is_lines(path):
            yield Unit(path)
            continue
        try:
            handle = path.open("rb")
        except OSError:
            yield Unit(path)  # loading it as one file words the error
            continue
        with handle:
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    try:
                        text = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        text = f"\0{exc.reason} at byte {exc.start}"  # a NUL cannot start valid JSON: reported below
                    yield Unit(path, number, text)


def estimate(files: Iterable[Path]) -> int:
    """How many records ``files`` hold, near enough to choose how many worker processes to start: the lines of
    JSON Lines files (counted by blocks, in flat memory), one per other file."""
    total = 0
    for path in files:
        if not is_lines(path):
            total += 1
            continue
        try:
            with path.open("rb") as handle:
                while block := handle.read(_BLOCK):
                    total += block.count(b"\n")
        except OSError:
            total += 1
    return total


def load_unit(
    unit: Unit, known: vocabulary.KnownKeys | None = None, strict: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """Read, parse and validate one record with ``known`` proposition keys: the record and its warnings. Raise
    :class:`InputError` with every problem (warnings included), located by file and line, if any is an error."""
    if unit.text is None:
        return read_record(unit.path, known, strict)
    path = str(unit.path)
    if unit.text.startswith("\0"):
        raise InputError(
            [Problem(path, f"not UTF-8 text ({unit.text[1:]})", line=unit.line, hint="save the file as UTF-8")]
        )
    try:
        doc = parse(path, unit.text.rstrip("\r\n"))
        problems = check_record(doc, doc.data, known=known, strict=strict)
    except InputError as exc:
        problems = exc.problems
    # Positions within the line are its columns; the line is the file's.
    problems = [dataclasses.replace(p, line=unit.line) for p in problems]
    if any(not is_warning(p) for p in problems):
        raise InputError(problems)
    record: dict[str, Any] = doc.data
    return record, problems
