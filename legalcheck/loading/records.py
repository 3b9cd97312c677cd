"""Incident records: schema validation, referential integrity (unique ids, every reference resolves) and the
proposition keys of claims, all reported in one pass."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from legalcheck import resources, vocabulary
from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import Document, depth_problem, duplicate_ids, load
from legalcheck.loading.positions import escape_token
from legalcheck.loading.validation import iter_refs, schema_problems

COLLECTIONS = ("actors", "persons", "events", "claims", "legal_bases", "sources", "casualty_figures")

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
    ("legal_bases", "event", ("events",)),
    ("sources", "relies_on", ("sources",)),
    ("sources", "issued_by", ("actors",)),
    ("casualty_figures", "event", ("events",)),
    ("casualty_figures", "source", ("sources",)),
    ("casualty_figures", "claimant", ("actors",)),
)
MEASURES = ("killed", "civilians_killed", "injured")


def _items(record: dict[str, Any], name: str) -> list[Any]:
    items = record.get(name)
    return items if isinstance(items, list) else []


def integrity_problems(doc: Document, record: dict[str, Any], base: str = "") -> list[Problem]:
    """Duplicate ids, dangling references and figure ranges upside down; items the schema rejects are skipped, so
    this can run beside schema validation and report everything at once."""
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for name in COLLECTIONS:
        found, seen = duplicate_ids(
            doc, record.get(name), f"{base}/{name}", f"used at /{name}", "id", "give each item its own id"
        )
        problems.extend(found)
        ids[name] = set(seen)
    for name, field, targets in REFERENCES:
        known = set().union(*(ids[t] for t in targets))
        items = _items(record, name)
        for i, suffix, ref in iter_refs(items, field):
            if ref not in known:
                where = " or ".join(targets)
                problems.append(
                    doc.problem(
                        f"{base}/{name}{suffix}",
                        f"{ref!r} is not the id of any item in {where}",
                        hint=f"add it to {where} or correct the id",
                    )
                )
            elif name == "sources" and field == "relies_on" and ref == items[i].get("id"):
                problems.append(
                    doc.problem(
                        f"{base}/{name}{suffix}", "a source cannot rely on itself", hint="remove this reference"
                    )
                )
    location = record.get("location")
    refs = location.get("sources") if isinstance(location, dict) else None
    for j, ref in enumerate(refs if isinstance(refs, list) else []):
        if isinstance(ref, str) and ref not in ids["sources"]:
            problems.append(
                doc.problem(
                    f"{base}/location/sources/{j}",
                    f"{ref!r} is not the id of any item in sources",
                    hint="add it to sources or correct the id",
                )
            )
    for i, figure in enumerate(_items(record, "casualty_figures")):
        for measure in MEASURES:
            value = figure.get(measure) if isinstance(figure, dict) else None
            if isinstance(value, dict) and isinstance(value.get("min"), int) and isinstance(value.get("max"), int):
                if value["max"] < value["min"]:
                    problems.append(
                        doc.problem(
                            f"{base}/casualty_figures/{i}/{measure}/max",
                            f"the range's max ({value['max']}) is less than its min ({value['min']})",
                            hint="give the lower figure as min and the higher as max",
                        )
                    )
    return problems


def proposition_problems(
    doc: Document, record: dict[str, Any], known: vocabulary.KnownKeys, base: str = "", strict: bool = False
) -> list[Problem]:
    """A warning (an error if ``strict``) for each claim whose key is an alias, a replaced key, or unknown."""
    problems: list[Problem] = []
    lead = "" if strict else "warning: "
    for i, claim in enumerate(_items(record, "claims")):
        key = claim.get("proposition") if isinstance(claim, dict) else None
        if not isinstance(key, str):
            continue
        found = known.check(key)
        if found is None:
            continue
        kind, target = found
        pointer = f"{base}/claims/{i}/proposition"
        if kind == vocabulary.ALIAS:
            message, hint = f"proposition {key!r} is an alias of {target!r}", f"it counts as {target!r}; write that key"
        elif kind == vocabulary.REPLACED:
            message = f"proposition {key!r} is replaced by {target!r}"
            hint = f"it still counts as {target!r}; write the new key"
        elif key == vocabulary.PLACEHOLDER:
            message = f"proposition {key!r} is the scaffold's placeholder"
            hint = "replace it with a key `legalcheck propositions` lists"
        else:
            message = f"proposition {key!r} is not in the vocabulary and no loaded checklist reads it"
            if target:
                message += f"; did you mean {target!r}?"
            hint = "use a key `legalcheck propositions` lists, or declare it in a rule file's propositions"
        problems.append(doc.problem(pointer, lead + message, hint=hint))
    return problems


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in the order of the file."""
    unique = list({(p.pointer, p.message): p for p in problems}.values())
    return sorted(unique, key=lambda p: (p.line or 0, p.column or 0, p.pointer))


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


def check_record(
    doc: Document,
    data: Any,
    base: str = "",
    known: vocabulary.KnownKeys | None = None,
    strict: bool = False,
) -> list[Problem]:
    """All problems of one record in one pass (schema, references, duplicate ids, reserved ids and impossible dates,
    and with ``known`` the claims' proposition keys: warnings, or errors if ``strict``), each once, in file order."""
    if not isinstance(data, dict):
        return [doc.problem(base, "an incident record must be a JSON object", hint="see `legalcheck schema incident`")]
    try:
        problems = schema_problems(doc, data, "incident", base)
    except RecursionError:  # wording an error about a deeply nested value
        problems = [doc.problem(base, "nested too deeply to check", hint="flatten the data")]
    if problems:
        # The schema bounds a valid record's depth; an invalid one may nest without end: say so first.
        deep = depth_problem(doc) if not base else None
        if deep is not None:
            return [deep]
    problems += integrity_problems(doc, data, base) + _id_and_date_problems(doc, data, base)
    if known is not None:
        problems += proposition_problems(doc, data, known, base, strict)
    return _in_file_order(problems)


def is_warning(problem: Problem) -> bool:
    return problem.message.startswith("warning: ")


def load_record(path: Path) -> dict[str, Any]:
    """Read, parse and validate one incident record; raise :class:`InputError` with every problem found."""
    record, _ = read_record(path)
    return record


def read_record(
    path: Path, known: vocabulary.KnownKeys | None = None, strict: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """Read, parse and validate one incident record, with ``known`` keys: the record and its warnings. Raise
    :class:`InputError` with every problem found (warnings included) if any is an error."""
    doc = load(path)
    problems = check_record(doc, doc.data, known=known, strict=strict)
    if any(not is_warning(p) for p in problems):
        raise InputError(problems)
    record: dict[str, Any] = doc.data
    return record, problems
