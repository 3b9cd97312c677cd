"""Compiled checklists and the small immutable records the engine produces."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from legalcheck.engine.conditions import Condition

STATUSES = ("answered", "contested", "open", "not_applicable")
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    why: str
    severity: str
    tags: tuple[str, ...]
    citations: tuple[dict[str, str], ...]
    would_answer: str
    applies_if: Condition | None = None
    raised_if: Condition | None = None
    answered_if: Condition | None = None
    contested_if: Condition | None = None
    in_force_from: str | None = None  # YYYY-MM-DD: the law the question asks about took effect on this day
    dated_citations: bool = False  # some citation says when its version was in force

    def conditions(self) -> dict[str, Condition]:
        named = {
            "applies_if": self.applies_if,
            "raised_if": self.raised_if,
            "answered_if": self.answered_if,
            "contested_if": self.contested_if,
        }
        return {k: v for k, v in named.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    version: str
    description: str
    tags: tuple[str, ...]
    questions: tuple[Question, ...]
    applies_if: Condition | None = None
    examples: tuple[dict[str, Any], ...] = ()
    origin: str = "built-in"
    spec: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # aliases and replaced proposition keys -> their key (the shipped vocabulary and the file's own propositions)
    canonical: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    sha256: str = ""  # of the rule file's content (canonical JSON): names the exact checklist a result was made with


RESULTS_SCHEMA = "urn:legalcheck:schema:results:2"
RULES_FILE = "rules.json"  # the run's checklists, written once beside the results that name them
RECORD_LISTS = ("events", "claims", "legal_bases", "persons", "casualty_figures")  # kept in results, in ``record``


@dataclass(frozen=True, slots=True)
class Evidence:
    """A record item a conclusion rests on, with its provenance."""

    pointer: str
    role: str
    summary: str
    sources: tuple[str, ...]
    claimant: str = ""
    stance: str = ""
    quote: str = ""

    def item(self) -> dict[str, Any]:
        """What the results document says of the record item once, whatever roles it plays."""
        data: dict[str, Any] = {"summary": self.summary, "sources": list(self.sources)}
        if self.claimant:
            data["claimant"] = self.claimant
        if self.stance:
            data["stance"] = self.stance
        if self.quote:
            data["quote"] = self.quote
        return data


ROLES = ("applies", "raised", "contested", "answered")


class Leaves:
    """The distinct leaf entries of a document's traces, each written once; a trace names a leaf by its index.

    A leaf is evaluated once per record however many questions share it, so most of a record's traces repeat a few
    dozen leaves."""

    def __init__(self) -> None:
        self._index: dict[tuple[Any, ...], int] = {}
        self._leaves: list[list[Any]] = []

    def compact(self, trace: tuple[Any, ...]) -> list[Any]:
        """A trace with each leaf replaced by its index (combinations' booleans stay)."""
        out: list[Any] = []
        for node in trace:
            if isinstance(node, bool):
                out.append(node)
                continue
            key = (node[0], node[1], node[2], *node[3])  # [held, checked, matching, pointers]
            index = self._index.get(key)
            if index is None:
                index = self._index[key] = len(self._leaves)
                self._leaves.append(list(node))
            out.append(index)
        return out

    def table(self) -> list[list[Any]]:
        return [list(leaf) for leaf in self._leaves]


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    status: str
    raised_by: tuple[Evidence, ...]
    evidence: tuple[Evidence, ...]
    trace: tuple[tuple[str, tuple[Any, ...]], ...]  # (role, the condition's trace), for each condition evaluated
    citations: tuple[dict[str, str], ...] | None = None  # the citations in force at the incident date; None: all

    @property
    def raised(self) -> bool:
        return bool(self.raised_by)

    def to_dict(self, items: dict[str, dict[str, Any]], leaves: Leaves) -> dict[str, Any]:
        """What is specific to the incident; the question's own words stay in the rule set. Record items that are
        evidence go into ``items`` (once per document, by pointer), the leaves of traces into ``leaves``."""
        data: dict[str, Any] = {"id": self.question.id, "status": self.status, "raised": bool(self.raised_by)}
        for e in self.raised_by:
            if e.pointer not in items:
                items[e.pointer] = e.item()
        for e in self.evidence:
            if e.pointer not in items:
                items[e.pointer] = e.item()
        if self.raised_by:
            data["raised_by"] = [e.pointer for e in self.raised_by]
        if self.evidence:
            by_role: dict[str, list[str]] = {}
            for e in self.evidence:
                by_role.setdefault(e.role, []).append(e.pointer)
            data["evidence"] = by_role
        if self.citations is not None:  # some of the question's citations were not in force: which ones were
            data["law"] = [i for i, c in enumerate(self.question.citations) if c in self.citations]
        if self.trace:
            evaluated = dict(self.trace)
            traces = [leaves.compact(evaluated[role]) if role in evaluated else None for role in ROLES]
            while traces[-1] is None:
                traces.pop()
            data["trace"] = traces
        return data


def count(results: list[QuestionResult] | tuple[QuestionResult, ...]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    raised = raised_open = unraised_open = 0
    for r in results:
        counts[r.status] += 1
        if r.raised_by and r.status != "not_applicable":
            raised += 1
        if r.status == "open":
            if r.raised_by:
                raised_open += 1
            else:
                unraised_open += 1
    return {**counts, "raised": raised, "raised_open": raised_open, "unraised_open": unraised_open}


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    checklist: Checklist
    applicable: bool
    questions: tuple[QuestionResult, ...]
    applies: tuple[Any, ...] | None = None  # the trace of the checklist's own applicability condition

    def to_dict(self, items: dict[str, dict[str, Any]], leaves: Leaves) -> dict[str, Any]:
        c = self.checklist
        data: dict[str, Any] = {
            "id": c.id,
            "version": c.version,
            "applicable": self.applicable,
            "counts": count(self.questions),
        }
        if self.applies is not None:
            data["applies"] = leaves.compact(self.applies)
        data["questions"] = [q.to_dict(items, leaves) for q in self.questions]
        return data


def ruleset_hash(checklists: list[Checklist] | tuple[Checklist, ...]) -> str:
    """The content hash of a rule set: of its checklists' ids and content hashes, in order."""
    text = "".join(f"{c.id}\n{c.sha256}\n" for c in checklists)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IncidentResult:
    incident: dict[str, Any]
    checklists: tuple[ChecklistResult, ...]
    actors: tuple[dict[str, Any], ...]
    sources: tuple[dict[str, Any], ...]
    period: tuple[str, str] | None = None  # the first and last day the incident's date stands for
    record: dict[str, Any] = field(default_factory=dict)  # the record's other lists (events, claims...), as read

    @property
    def id(self) -> str:
        return str(self.incident["id"])

    def all_questions(self) -> list[QuestionResult]:
        return [q for c in self.checklists for q in c.questions]

    def counts(self) -> dict[str, int]:
        return count(self.all_questions())

    def _holds(self, pointer: str) -> bool:
        """Whether the results document holds the part of the record a pointer falls in (its actors, sources,
        location, or one of the record's lists it keeps): evidence there need not be written again in ``items``."""
        part = pointer.split("/")[1] if pointer.count("/") else ""
        if part in RECORD_LISTS:
            return part in self.record
        return part in ("actors", "sources") or (part == "location" and "location" in self.incident)

    def to_dict(self, version: str, ruleset: str | None = None) -> dict[str, Any]:
        """The results document: the incident's own findings, naming the rule set (``rules``) they were made with.

        ``ruleset`` is the rule set's hash when the caller knows it (computed once per run)."""
        items: dict[str, dict[str, Any]] = {}
        leaves = Leaves()
        checklists = [c.to_dict(items, leaves) for c in self.checklists]
        return {
            "schema": RESULTS_SCHEMA,
            "tool": {"name": "legalcheck", "version": version},
            "rules": {
                "file": RULES_FILE,
                "sha256": ruleset or ruleset_hash([c.checklist for c in self.checklists]),
                "checklists": [
                    {"id": c.checklist.id, "version": c.checklist.version, "sha256": c.checklist.sha256}
                    for c in self.checklists
                ],
            },
            "incident": dict(self.incident),
            **({"period": list(self.period)} if self.period is not None else {}),
            "counts": self.counts(),
            "checklists": checklists,
            "leaves": leaves.table(),
            "items": {p: v for p, v in items.items() if not self._holds(p)},
            "actors": [dict(a) for a in self.actors],
            "sources": [dict(s) for s in self.sources],
            "record": {k: list(v) for k, v in self.record.items()},
        }
