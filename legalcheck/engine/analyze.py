"""The engine's one entry point: an incident record and compiled checklists in, immutable results out."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import Any

from legalcheck.engine.conditions import Condition, Outcome
from legalcheck.engine.derive import derived_view
from legalcheck.engine.describe import Describer
from legalcheck.engine.model import (
    RECORD_LISTS,
    Checklist,
    ChecklistResult,
    Evidence,
    IncidentResult,
    Question,
    QuestionResult,
)
from legalcheck.engine.selection import Cache, Match

HEADER_FIELDS = ("id", "title", "summary", "date", "as_of", "story", "location")


def analyze(record: dict[str, Any], checklists: Iterable[Checklist], file: str | None = None) -> IncidentResult:
    """Apply every checklist to one (validated) record.

    Conditions see the record's derived view (references resolved, derived fields added); evidence and outputs
    are taken from the record as written."""
    checklists = tuple(checklists)
    canonical = _canonical(checklists)
    cache = Cache(derived_view(record, canonical))
    describer = Describer(record)
    period = incident_period(record)
    results = tuple(_checklist(c, cache, describer, period) for c in checklists)
    incident = {k: record[k] for k in HEADER_FIELDS if k in record}
    if file is not None:
        incident["file"] = file
    kept = {k: record[k] for k in RECORD_LISTS if isinstance(record.get(k), list)}
    return IncidentResult(
        incident, results, tuple(record.get("actors", [])), tuple(record.get("sources", [])), period, kept
    )


_CANONICAL: dict[tuple[int, ...], dict[str, str]] = {}


def _canonical(checklists: tuple[Checklist, ...]) -> dict[str, str]:
    """Aliases and replaced keys of every checklist's vocabulary, merged once per set of checklists."""
    key = tuple(id(c) for c in checklists)
    found = _CANONICAL.get(key)
    if found is None:
        if len(_CANONICAL) > 64:
            _CANONICAL.clear()
        found = {}
        for c in checklists:
            for word, target in c.canonical.items():
                found.setdefault(word, target)
        _CANONICAL[key] = found
    return found


def incident_period(record: dict[str, Any]) -> tuple[str, str]:
    """The first and last day the incident's date (else its as_of) may stand for: '2024' is 2024-01-01..2024-12-31."""
    date = record.get("date") or record.get("as_of") or ""
    end = record.get("date_end") if record.get("date") else None
    return _first_day(str(date)), _last_day(str(end or date))


def _first_day(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) in (4, 7) else date


def _last_day(date: str) -> str:
    """The last day a date of year, month or day precision stands for: '2025-09' is 2025-09-30, '2024-02' 2024-02-29."""
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        try:
            days = calendar.monthrange(int(date[:4]), int(date[5:7]))[1]
        except ValueError:  # not a month the calendar knows: the record's validation reports it
            return date + "-31"
        return f"{date}-{days:02d}"
    return date


def in_force(citation: dict[str, Any], period: tuple[str, str]) -> bool:
    """Whether a citation's provision was in force at some time in the incident's period."""
    start, until = citation.get("in_force_from"), citation.get("in_force_until")
    return (not start or period[1] >= start) and (not until or period[0] <= until)


def _checklist(checklist: Checklist, cache: Cache, describer: Describer, period: tuple[str, str]) -> ChecklistResult:
    if checklist.applies_if is not None:
        outcome = checklist.applies_if.evaluate(cache)
        if not outcome.holds:
            skipped = tuple(QuestionResult(q, "not_applicable", (), (), ()) for q in checklist.questions)
            return ChecklistResult(checklist, False, skipped, outcome.trace)
        questions = tuple(_question(q, cache, describer, period) for q in checklist.questions)
        return ChecklistResult(checklist, True, questions, outcome.trace)
    return ChecklistResult(checklist, True, tuple(_question(q, cache, describer, period) for q in checklist.questions))


def _law_in_force(question: Question, period: tuple[str, str]) -> tuple[dict[str, str], ...] | None:
    """The question's citations in force during the incident's period (None: all are)."""
    if not question.dated_citations:
        return None
    kept = tuple(c for c in question.citations if in_force(c, period))
    return None if len(kept) == len(question.citations) else kept


def _question(question: Question, cache: Cache, describer: Describer, period: tuple[str, str]) -> QuestionResult:
    trace: list[tuple[str, tuple[Any, ...]]] = []
    evidence: list[Evidence] = []
    citations = _law_in_force(question, period)
    if question.in_force_from and period[1] < question.in_force_from:
        return QuestionResult(question, "not_applicable", (), (), (), citations)

    def note(role: str, condition: Condition | None) -> bool:
        if condition is None:
            return False
        outcome = condition.evaluate(cache)
        trace.append((role, outcome.trace))
        if outcome.holds and role != "raised":
            evidence.extend(_evidence(outcome.matches, role, describer))
        return outcome.holds

    if question.applies_if is not None and not note("applies", question.applies_if):
        return QuestionResult(question, "not_applicable", (), tuple(evidence), tuple(trace), citations)
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
    return QuestionResult(question, status, raised_by, tuple(evidence), tuple(trace), citations)


def _evidence(matches: Iterable[Match], role: str, describer: Describer) -> tuple[Evidence, ...]:
    return tuple([describer.evidence(m, role) for m in matches])
