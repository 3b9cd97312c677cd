"""The engine's one entry point: an incident record and compiled checklists in, immutable results out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from legalcheck.engine.conditions import Condition, Outcome
from legalcheck.engine.describe import Describer
from legalcheck.engine.model import Checklist, ChecklistResult, Evidence, IncidentResult, Question, QuestionResult
from legalcheck.engine.selection import Cache, Match

HEADER_FIELDS = ("id", "title", "summary", "date", "as_of", "location")

_ROLE_WORDS = {
    "applies": "Applies",
    "raised": "Raised by a source",
    "contested": "Sources contradict each other",
    "answered": "Answered by the record",
}


def analyze(record: dict[str, Any], checklists: Iterable[Checklist], file: str | None = None) -> IncidentResult:
    """Apply every checklist to one (validated) record."""
    cache = Cache(record)
    describer = Describer(record)
    results = tuple(_checklist(c, cache, describer) for c in checklists)
    incident = {k: record[k] for k in HEADER_FIELDS if k in record}
    if file is not None:
        incident["file"] = file
    return IncidentResult(incident, results, tuple(record.get("actors", [])), tuple(record.get("sources", [])))


def _checklist(checklist: Checklist, cache: Cache, describer: Describer) -> ChecklistResult:
    if checklist.applies_if is not None:
        outcome = checklist.applies_if.evaluate(cache)
        if not outcome.holds:
            lines = ("The checklist does not apply to this record:",) + tuple("  " + t for t in outcome.trace)
            skipped = tuple(QuestionResult(q, "not_applicable", (), (), lines) for q in checklist.questions)
            return ChecklistResult(checklist, False, skipped)
    return ChecklistResult(checklist, True, tuple(_question(q, cache, describer) for q in checklist.questions))


def _evaluate(condition: Condition | None, cache: Cache) -> Outcome | None:
    return None if condition is None else condition.evaluate(cache)


def _question(question: Question, cache: Cache, describer: Describer) -> QuestionResult:
    explanation: list[str] = []
    evidence: list[Evidence] = []

    def note(role: str, outcome: Outcome | None) -> bool:
        if outcome is None:
            return False
        explanation.append(f"{_ROLE_WORDS[role]}: {'yes' if outcome.holds else 'no'}")
        explanation.extend(["  " + line for line in outcome.trace])
        if outcome.holds and role != "raised":
            evidence.extend(_evidence(outcome.matches, role, describer))
        return outcome.holds

    applies = _evaluate(question.applies_if, cache)
    if applies is not None and not note("applies", applies):
        return QuestionResult(question, "not_applicable", (), tuple(evidence), tuple(explanation))
    if applies is None:
        explanation.append("Applies: always (the question has no applicability condition)")

    raised = _evaluate(question.raised_if, cache)
    note("raised", raised)
    raised_by = _evidence(raised.matches, "raised", describer) if raised is not None and raised.holds else ()
    if question.raised_if is None:
        explanation.append("Raised by a source: the checklist does not say what would raise it")

    if note("contested", _evaluate(question.contested_if, cache)):
        status = "contested"
    elif note("answered", _evaluate(question.answered_if, cache)):
        status = "answered"
    else:
        status = "open"
    return QuestionResult(question, status, tuple(raised_by), tuple(evidence), tuple(explanation))


def _evidence(matches: Iterable[Match], role: str, describer: Describer) -> tuple[Evidence, ...]:
    return tuple(describer.evidence(m, role) for m in matches)
