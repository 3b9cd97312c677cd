"""Incident records: schema validation plus referential integrity (unique ids, every reference resolves)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from legalcheck import resources
from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import Document, depth_problem, load
from legalcheck.loading.positions import escape_token
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


RESERVED_IDS = ("index",)  # index.html is the index of every run


@cache
def _date_paths() -> tuple[tuple[str, ...], ...]:
    """Where the incident schema puts dates: paths of keys (``*`` for every item of a list)."""
    root = resources.schema("incident")
    found: list[tuple[str, ...]] = []

    def walk(schema: Any, path: tuple[str, ...]) -> None:
        if not isinstance(schema, dict) or len(path) > 8:
            return
        ref = schema.get("$ref")
        if ref == "#/$defs/date":
            found.append(path)
            return
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            walk(root.get("$defs", {}).get(ref[len("#/$defs/") :]), path)
        for key, sub in schema.get("properties", {}).items():
            walk(sub, (*path, key))
        walk(schema.get("items"), (*path, "*"))
        for word in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(word, []):
                walk(sub, path)

    walk(root, ())
    return tuple(dict.fromkeys(found))


def _values(data: Any, path: tuple[str, ...], pointer: str) -> Iterator[tuple[str, Any]]:
    if not path:
        yield pointer, data
    elif path[0] == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _values(item, path[1:], f"{pointer}/{i}")
    elif isinstance(data, dict) and path[0] in data:
        yield from _values(data[path[0]], path[1:], f"{pointer}/{escape_token(path[0])}")


def _calendar_problem(value: str) -> str | None:
    """Why a date the schema's pattern allows (YYYY, YYYY-MM or YYYY-MM-DD) is not on the calendar, or None."""
    if value[:4] == "0000":
        return f"{value!r} is not a date: there is no year 0"
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date on the calendar"
    return None


def _id_and_date_problems(doc: Document, record: dict[str, Any], base: str) -> list[Problem]:
    problems = []
    if str(record.get("id", "")).lower() in RESERVED_IDS:
        problems.append(
            doc.problem(
                f"{base}/id",
                f"the incident id {record['id']!r} is reserved: the index of every report is written as index.html",
                hint="choose another id",
            )
        )
    for path in _date_paths():
        for pointer, value in _values(record, path, base):
            message = _calendar_problem(value) if isinstance(value, str) else None
            if message:
                problems.append(doc.problem(pointer, message, hint="give a real date (YYYY-MM-DD, YYYY-MM or YYYY)"))
    return problems


def check_record(doc: Document, data: Any, base: str = "") -> list[Problem]:
    """All problems of one record; integrity is checked only on a schema-valid record."""
    if not isinstance(data, dict):
        return [doc.problem(base, "an incident record must be a JSON object", hint="see `legalcheck schema incident`")]
    try:
        problems = schema_problems(doc, data, "incident", base)
    except RecursionError:  # wording an error about a deeply nested value
        problems = [doc.problem(base, "nested too deeply to check", hint="flatten the data")]
    if problems:
        # The schema bounds a valid record's depth; an invalid one may nest without end: say so first.
        deep = depth_problem(doc) if not base else None
        return [deep] if deep is not None else problems
    problems = integrity_problems(doc, data, base) + _id_and_date_problems(doc, data, base)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.pointer))


def load_record(path: Path) -> dict[str, Any]:
    """Read, parse and validate one incident record; raise :class:`InputError` with every problem found."""
    doc = load(path)
    problems = check_record(doc, doc.data)
    if problems:
        raise InputError(problems)
    record: dict[str, Any] = doc.data
    return record
