"""The engine's one entry point: an incident record and compiled checklists in, immutable results out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from legalcheck.engine.conditions import Condition, Outcome
from legalcheck.engine.describe import Describer
from legalcheck.engine.model import Checklist, ChecklistResult, Evidence, IncidentResult, Question, QuestionResult
from legalcheck.engine.selection import Cache, Match

HEADER_FIELDS = ("id", "title", "summary", "date", "as_of", "story", "location")
RECORD_LISTS = ("events", "claims", "legal_bases", "persons", "casualty_figures")  # kept for the report's Record


def analyze(record: dict[str, Any], checklists: Iterable[Checklist], file: str | None = None) -> IncidentResult:
    """Apply every checklist to one (validated) record."""
    cache = Cache(record)
    describer = Describer(record)
    results = tuple(_checklist(c, cache, describer) for c in checklists)
    incident = {k: record[k] for k in HEADER_FIELDS if k in record}
    if file is not None:
        incident["file"] = file
    kept = {k: record[k] for k in RECORD_LISTS if isinstance(record.get(k), list)}
    return IncidentResult(incident, results, tuple(record.get("actors", [])), tuple(record.get("sources", [])), kept)


def _checklist(checklist: Checklist, cache: Cache, describer: Describer) -> ChecklistResult:
    if checklist.applies_if is not None:
        outcome = checklist.applies_if.evaluate(cache)
        if not outcome.holds:
            skipped = tuple(QuestionResult(q, "not_applicable", (), (), ()) for q in checklist.questions)
            return ChecklistResult(checklist, False, skipped, outcome.trace)
        questions = tuple(_question(q, cache, describer) for q in checklist.questions)
        return ChecklistResult(checklist, True, questions, outcome.trace)
    return ChecklistResult(checklist, True, tuple(_question(q, cache, describer) for q in checklist.questions))


def _question(question: Question, cache: Cache, describer: Describer) -> QuestionResult:
    trace: list[tuple[str, tuple[Any, ...]]] = []
    evidence: list[Evidence] = []

    def note(role: str, condition: Condition | None) -> bool:
        if condition is None:
            return False
        outcome = condition.evaluate(cache)
        trace.append((role, outcome.trace))
        if outcome.holds and role != "raised":
            evidence.extend(_evidence(outcome.matches, role, describer))
        return outcome.holds

    if question.applies_if is not None and not note("applies", question.applies_if):
        return QuestionResult(question, "not_applicable", (), tuple(evidence), tuple(trace))
    raised: Outcome | None = None
    if question.raised_if is not None:
        raised = question.raised_if.evaluate(cache)
        trace.append(("raised", raised.trace))
    raised_by = _evidence(raised.matches, "raised", describer) if raised is not None and raised.holds else ()
    if note("contested", question.contested_if):
        status = "contested"
    elif note("answered", question.answered_if):
        status = "answered"
    else:
        status = "open"
    return QuestionResult(question, status, raised_by, tuple(evidence), tuple(trace))


def _evidence(matches: Iterable[Match], role: str, describer: Describer) -> tuple[Evidence, ...]:
    return tuple([describer.evidence(m, role) for m in matches])
