"""Incident records: schema validation plus referential integrity (unique ids, every reference resolves)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import Document, load
from legalcheck.loading.validation import iter_refs, schema_problems

COLLECTIONS = ("actors", "persons", "events", "claims", "legal_bases", "sources")

# (collection, field, collections the field may refer to)
REFERENCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("persons", "identified_by", ("sources",)),
    ("persons", "sources", ("sources",)),
    ("events", "actors", ("actors",)),
    ("events", "authorized_by", ("actors",)),
    ("events", "recipients", ("actors",)),
    ("events", "sources", ("sources",)),
    ("claims", "claimant", ("actors",)),
    ("claims", "source", ("sources",)),
    ("claims", "about", ("events", "persons")),
    ("legal_bases", "claimant", ("actors",)),
    ("legal_bases", "source", ("sources",)),
    ("sources", "relies_on", ("sources",)),
)


def integrity_problems(doc: Document, record: dict[str, Any], base: str = "") -> list[Problem]:
    """Duplicate ids and dangling references in a schema-valid record."""
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for name in COLLECTIONS:
        seen: dict[str, int] = {}
        for i, item in enumerate(record.get(name, [])):
            item_id = item["id"]
            if item_id in seen:
                problems.append(
                    doc.problem(
                        f"{base}/{name}/{i}/id",
                        f"duplicate id {item_id!r} (first used at /{name}/{seen[item_id]})",
                        hint="give each item its own id",
                    )
                )
            else:
                seen[item_id] = i
        ids[name] = set(seen)
    for name, field, targets in REFERENCES:
        known = set().union(*(ids[t] for t in targets))
        for i, suffix, ref in iter_refs(record.get(name), field):
            if ref not in known:
                where = " or ".join(targets)
                problems.append(
                    doc.problem(
                        f"{base}/{name}{suffix}",
                        f"{ref!r} is not the id of any item in {where}",
                        hint=f"add it to {where} or correct the id",
                    )
                )
            elif name == "sources" and ref == record[name][i]["id"]:
                problems.append(
                    doc.problem(
                        f"{base}/{name}{suffix}", "a source cannot rely on itself", hint="remove this reference"
                    )
                )
    location = record.get("location", {})
    for j, ref in enumerate(location.get("sources", [])):
        if ref not in ids["sources"]:
            problems.append(
                doc.problem(
                    f"{base}/location/sources/{j}",
                    f"{ref!r} is not the id of any item in sources",
                    hint="add it to sources or correct the id",
                )
            )
    return problems


def check_record(doc: Document, data: Any, base: str = "") -> list[Problem]:
    """All problems of one record; integrity is checked only on a schema-valid record."""
    if not isinstance(data, dict):
        return [doc.problem(base, "an incident record must be a JSON object", hint="see `legalcheck schema incident`")]
    problems = schema_problems(doc, data, "incident", base)
    if problems:
        return problems
    return sorted(integrity_problems(doc, data, base), key=lambda p: (p.line or 0, p.column or 0, p.pointer))


def load_record(path: Path) -> dict[str, Any]:
    """Read, parse and validate one incident record; raise :class:`InputError` with every problem found."""
    doc = load(path)
    problems = check_record(doc, doc.data)
    if problems:
        raise InputError(problems)
    record: dict[str, Any] = doc.data
    return record
