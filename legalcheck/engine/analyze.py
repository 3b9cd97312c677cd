"""The engine's one entry point: an incident record and compiled checklists in, immutable results out."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import Any

from legalcheck.engine.conditions import Condition, Outcome
from legalcheck.engine.derive import derived_view
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
    return IncidentResult(incident, results, tuple(record.get("actors", [])), tuple(record.get("sources", [])))


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
            lines = ("The checklist does not apply to this record:",) + tuple("  " + t for t in outcome.trace)
            skipped = tuple(QuestionResult(q, "not_applicable", (), (), lines) for q in checklist.questions)
            return ChecklistResult(checklist, False, skipped)
    return ChecklistResult(checklist, True, tuple(_question(q, cache, describer, period) for q in checklist.questions))


def _evaluate(condition: Condition | None, cache: Cache) -> Outcome | None:
    return None if condition is None else condition.evaluate(cache)


def _law_in_force(question: Question, period: tuple[str, str]) -> tuple[tuple[dict[str, str], ...] | None, list[str]]:
    """The question's citations in force during the incident's period (None: all are), and lines saying which not."""
    if not question.dated_citations:
        return None, []
    kept = tuple(c for c in question.citations if in_force(c, period))
    left = [c for c in question.citations if not in_force(c, period)]
    if not left:
        return None, []
    lines = [f"Law cited as in force at the incident date ({_period_text(period)}):"]
    for c in left:
        window = " and ".join(
            f"{word} {c[key]}" for key, word in (("in_force_from", "from"), ("in_force_until", "until")) if key in c
        )
        lines.append(f"  not cited: {c.get('pinpoint') or c.get('instrument')} (in force {window})")
    return kept, lines


def _period_text(period: tuple[str, str]) -> str:
    return period[0] if period[0] == period[1] else f"{period[0]} to {period[1]}"


def _question(question: Question, cache: Cache, describer: Describer, period: tuple[str, str]) -> QuestionResult:
    explanation: list[str] = []
    evidence: list[Evidence] = []
    citations, law_lines = _law_in_force(question, period)
    if question.in_force_from and period[1] < question.in_force_from:
        explanation.append(
            f"Not applicable: the provision this question asks about took effect on {question.in_force_from}, "
            f"after the incident ({_period_text(period)})"
        )
        return QuestionResult(question, "not_applicable", (), (), tuple(explanation + law_lines), citations)
    if question.in_force_from:
        explanation.append(f"In force: the provision this question asks about took effect on {question.in_force_from}")

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
        return QuestionResult(
            question, "not_applicable", (), tuple(evidence), tuple(explanation + law_lines), citations
        )
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
    return QuestionResult(
        question, status, tuple(raised_by), tuple(evidence), tuple(explanation + law_lines), citations
    )


def _evidence(matches: Iterable[Match], role: str, describer: Describer) -> tuple[Evidence, ...]:
    return tuple(describer.evidence(m, role) for m in matches)
