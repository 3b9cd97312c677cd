"""`legalcheck verify`: every record's quotes checked, one line per quote that is not verbatim, and a total."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import discover
from legalcheck.loading.records import load_record
from legalcheck.verify.check import STATUSES, Verifier
from legalcheck.verify.words import said, status_counts


@dataclass
class Checked:
    """What `legalcheck verify` found in a set of records."""

    results: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        total = dict.fromkeys(("quotes", *STATUSES, "warnings"), 0)
        for _, verification in self.results:
            for key, n in verification["counts"].items():
                total[key] += n
        return total


def check_paths(paths: list[Path], archives: Path | None) -> Checked:
    """Every record under ``paths`` checked; records that cannot be read or checked become problems."""
    checked = Checked()
    verifier = Verifier(archives)
    for path in discover(paths):
        try:
            record = load_record(path)
            checked.results.append((path, verifier.verify(record, path)))
        except InputError as exc:
            checked.problems.extend(exc.problems)
    return checked


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(q: dict[str, Any]) -> str:
    copy = q.get("copy", {})
    where = str(copy.get("path", ""))
    if copy.get("captured"):
        where += f" ({copy['url']}, captured {copy['captured']})"
    return where


def quote_line(claim_id: str, q: dict[str, Any]) -> str:
    """One line for a quote that is not verbatim."""
    head = f"{q['pointer']} {claim_id}: "
    if q["status"] == "no_copy":
        return head + f"no copy: source {q['source']!r} names no archived copy"
    if q["status"] == "not_found":
        searched = ", ".join(s["path"] for s in q.get("searched", []))
        return head + f"not found in {searched}: “{_short(q['quote'])}”"
    diffs = "; ".join(f"{said(d['quote'])} -> {said(d['copy'])}" for d in q.get("differences", [])) or "spacing"
    return head + f"close ({q['similarity']}% similar) in {_where(q)}: {diffs}"


def lines(path: Path, verification: dict[str, Any]) -> Iterator[str]:
    """The lines `legalcheck verify` prints for one record: quotes not verbatim, then warnings."""
    for claim_id, q in verification["quotes"].items():
        if q["status"] != "verbatim":
            yield f"{path}: {quote_line(claim_id, q)}"
    for claim_id, q in verification["quotes"].items():
        for warning in q.get("warnings", []):
            yield f"{path}: warning: {q['pointer']} {claim_id}: {warning}"
    for sid, note in verification["sources"].items():
        for warning in note.get("warnings", []):
            yield f"{path}: warning: source {sid!r}: {warning}"


def total_line(counts: dict[str, int], records: int) -> str:
    n = counts["quotes"]
    parts = status_counts(counts)
    w = counts["warnings"]
    return (
        f"{n} quote{'s' if n != 1 else ''} in {records} record{'s' if records != 1 else ''}: {parts}; "
        f"{w} warning{'s' if w != 1 else ''}"
    )
