"""What every rendering of a results document shares: the priority groups, orderings, anchors and source provenance.

Pure functions of the results document; no markup here (each format escapes for itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
STATUS_ORDER = ("open", "contested", "answered", "not_applicable")
STATUS_LABELS = {"answered": "answered", "contested": "contested", "open": "open", "not_applicable": "not applicable"}
ATTRIBUTION_LABELS = {
    "named": "named sources",
    "anonymous": "anonymous sources",
    "document": "a document",
    "mixed": "named and anonymous sources",
}


@dataclass(frozen=True)
class Group:
    """One of the report's priority groups: the questions a reader should look at first."""

    key: str
    title: str
    hint: str
    items: tuple[tuple[dict[str, Any], dict[str, Any]], ...]  # (checklist, question)


GROUPS = (
    ("raised-open", "Raised and still open", "A source raises the question; the record does not answer it."),
    ("contested", "Contested", "Sources contradict each other."),
    ("unraised-open", "Open, and raised by nobody", "No source has asked yet; the record does not answer it."),
)


def group_key(q: dict[str, Any]) -> str | None:
    if q["status"] == "open":
        return "raised-open" if q["raised"] else "unraised-open"
    if q["status"] == "contested":
        return "contested"
    return None


def by_severity(
    items: list[tuple[dict[str, Any], dict[str, Any]]],
) -> tuple[tuple[dict[str, Any], dict[str, Any]], ...]:
    """Most severe first; ties keep the order of the checklists and their questions (a stable sort)."""
    return tuple(sorted(items, key=lambda cq: SEVERITY_ORDER.get(cq[1]["severity"], len(SEVERITY_ORDER))))


def groups(doc: dict[str, Any]) -> list[Group]:
    """The priority groups in reading order: raised and open, contested, open and raised by nobody."""
    found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {key: [] for key, _, _ in GROUPS}
    for checklist in doc["checklists"]:
        for q in checklist["questions"]:
            key = group_key(q)
            if key is not None:
                found[key].append((checklist, q))
    return [Group(key, title, hint, by_severity(found[key])) for key, title, hint in GROUPS]


ANSWERED = ("answered", "Answered", "The record answers it; nothing contradicts the answer.")


def sections(doc: dict[str, Any]) -> list[Group]:
    """Every applicable question, once, in the priority groups and then the answered ones."""
    items = [(c, q) for c in doc["checklists"] for q in c["questions"] if q["status"] == "answered"]
    return [*groups(doc), Group(*ANSWERED, by_severity(items))]


def anchor(checklist: dict[str, Any], q: dict[str, Any]) -> str:
    """The fragment id of a question: stable across runs, so links to it can be shared."""
    return f"q-{checklist['id']}-{q['id']}"


def question_total(counts: dict[str, int]) -> int:
    return sum(counts[s] for s in STATUS_ORDER)


def counts_sentence(counts: dict[str, int]) -> str:
    total = question_total(counts)
    return (
        f"{total} question{'s' if total != 1 else ''}: {counts['open']} open "
        f"({counts['raised_open']} raised, {counts['unraised_open']} raised by nobody), "
        f"{counts['contested']} contested, {counts['answered']} answered, {counts['not_applicable']} not applicable."
    )


def label(value: Any) -> str:
    """An enum value as words: ``news_report`` -> ``news report``."""
    return str(value).replace("_", " ")


def provenance(source: dict[str, Any]) -> list[str]:
    """What a reader needs to weigh a source, as short phrases: kind, who published it, attribution, date."""
    parts = [label(source.get("kind", "source"))]
    parts.append(str(source["publisher"]) if source.get("publisher") else "publisher not named")
    if source.get("author"):
        parts.append(str(source["author"]))
    if source.get("attribution"):
        parts.append("attributed to " + ATTRIBUTION_LABELS.get(source["attribution"], label(source["attribution"])))
    parts.append(str(source["date"]) if source.get("date") else "undated")
    return parts


def source_title(source: dict[str, Any]) -> str:
    return str(source.get("title") or source.get("publisher") or source["id"])


def sources_by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in doc["sources"] if isinstance(s, dict) and "id" in s}


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 question``, ``1,234 questions``."""
    many = words or (word[:-2] + "es" if word.endswith("is") else word + "s")
    return f"{n:,} {word if n == 1 else many}"
