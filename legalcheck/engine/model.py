"""Compiled checklists and the small immutable records the engine produces."""

from __future__ import annotations

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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "pointer": self.pointer,
            "role": self.role,
            "summary": self.summary,
            "sources": list(self.sources),
        }
        for key in ("claimant", "stance", "quote"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    status: str
    raised_by: tuple[Evidence, ...]
    evidence: tuple[Evidence, ...]
    explanation: tuple[str, ...]
    citations: tuple[dict[str, str], ...] | None = None  # the citations in force at the incident date; None: all

    @property
    def raised(self) -> bool:
        return bool(self.raised_by)

    def to_dict(self) -> dict[str, Any]:
        q = self.question
        return {
            "id": q.id,
            "text": q.text,
            "why": q.why,
            "severity": q.severity,
            "tags": list(q.tags),
            "status": self.status,
            "raised": self.raised,
            "raised_by": [e.to_dict() for e in self.raised_by],
            "evidence": [e.to_dict() for e in self.evidence],
            "citations": [dict(c) for c in (q.citations if self.citations is None else self.citations)],
            "explanation": list(self.explanation),
            "would_answer": q.would_answer,
        }


def count(results: list[QuestionResult] | tuple[QuestionResult, ...]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    raised = raised_open = unraised_open = 0
    for r in results:
        counts[r.status] += 1
        if r.raised and r.status != "not_applicable":
            raised += 1
        if r.status == "open":
            if r.raised:
                raised_open += 1
            else:
                unraised_open += 1
    return {**counts, "raised": raised, "raised_open": raised_open, "unraised_open": unraised_open}


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    checklist: Checklist
    applicable: bool
    questions: tuple[QuestionResult, ...]

    def to_dict(self) -> dict[str, Any]:
        c = self.checklist
        return {
            "id": c.id,
            "title": c.title,
            "version": c.version,
            "description": c.description,
            "tags": list(c.tags),
            "applicable": self.applicable,
            "counts": count(self.questions),
            "questions": [q.to_dict() for q in self.questions],
        }


@dataclass(frozen=True, slots=True)
class IncidentResult:
    incident: dict[str, Any]
    checklists: tuple[ChecklistResult, ...]
    actors: tuple[dict[str, Any], ...]
    sources: tuple[dict[str, Any], ...]

    @property
    def id(self) -> str:
        return str(self.incident["id"])

    def all_questions(self) -> list[QuestionResult]:
        return [q for c in self.checklists for q in c.questions]

    def counts(self) -> dict[str, int]:
        return count(self.all_questions())

    def to_dict(self, version: str) -> dict[str, Any]:
        return {
            "schema": "urn:legalcheck:schema:results:1",
            "tool": {"name": "legalcheck", "version": version},
            "incident": dict(self.incident),
            "counts": self.counts(),
            "checklists": [c.to_dict() for c in self.checklists],
            "actors": [dict(a) for a in self.actors],
            "sources": [dict(s) for s in self.sources],
        }
