"""Run the examples rule files carry: a record and the statuses it must produce."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legalcheck.engine.analyze import analyze
from legalcheck.engine.model import Checklist, QuestionResult


@dataclass(frozen=True, slots=True)
class Check:
    """One expectation of one example."""

    checklist: Checklist
    example: str
    index: int
    question: str
    expected_status: str | None
    expected_raised: bool | None
    actual: QuestionResult

    @property
    def passed(self) -> bool:
        status_ok = self.expected_status is None or self.actual.status == self.expected_status
        raised_ok = self.expected_raised is None or self.actual.raised == self.expected_raised
        return status_ok and raised_ok

    def describe(self) -> str:
        want = [x for x in (self.expected_status, None if self.expected_raised is None else f"raised={str(self.expected_raised).lower()}") if x]
        got = f"{self.actual.status}, raised={str(self.actual.raised).lower()}"
        return f"{self.checklist.origin}: {self.checklist.id}: example {self.example!r} (/examples/{self.index}): question {self.question}: expected {', '.join(want)}, got {got}"


def run_examples(checklist: Checklist) -> list[Check]:
    """Every expectation of every example of one checklist, evaluated."""
    checks: list[Check] = []
    for index, example in enumerate(checklist.examples):
        result = analyze(example["record"], [checklist]).checklists[0]
        by_id = {q.question.id: q for q in result.questions}
        for qid, expected in example["expect"].items():
            status, raised = _expectation(expected)
            checks.append(Check(checklist, example["name"], index, qid, status, raised, by_id[qid]))
    return checks


def _expectation(expected: Any) -> tuple[str | None, bool | None]:
    if isinstance(expected, str):
        return expected, None
    return expected.get("status"), expected.get("raised")


def statuses_exercised(checklist: Checklist) -> dict[str, set[str]]:
    """Question id -> the statuses its examples expect, for coverage."""
    found: dict[str, set[str]] = {q.id: set() for q in checklist.questions}
    for example in checklist.examples:
        for qid, expected in example["expect"].items():
            status, _ = _expectation(expected)
            if status and qid in found:
                found[qid].add(status)
    return found
