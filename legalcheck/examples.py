"""Run the examples rule files carry: a record and the statuses it must produce."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legalcheck.engine.analyze import analyze
from legalcheck.engine.model import Checklist, ChecklistResult, QuestionResult
from legalcheck.loading.documents import Document
from legalcheck.loading.positions import escape_token


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
    doc: Document | None = None
    context: ChecklistResult | None = None  # the checklist's result the question's belongs to

    @property
    def passed(self) -> bool:
        status_ok = self.expected_status is None or self.actual.status == self.expected_status
        raised_ok = self.expected_raised is None or self.actual.raised == self.expected_raised
        return status_ok and raised_ok

    @property
    def pointer(self) -> str:
        return f"/examples/{self.index}/expect/{escape_token(self.question)}"

    def location(self) -> str:
        """``file:line:column`` of the expectation when the document is known, else the checklist's origin."""
        if self.doc is None:
            return self.checklist.origin
        pos = self.doc.position(self.pointer)
        return f"{self.doc.path}:{pos[0]}:{pos[1]}" if pos else self.doc.path

    def describe(self) -> str:
        want = [
            x
            for x in (
                self.expected_status,
                None if self.expected_raised is None else f"raised={str(self.expected_raised).lower()}",
            )
            if x
        ]
        got = f"{self.actual.status}, raised={str(self.actual.raised).lower()}"
        return (
            f"{self.location()}: {self.pointer}: {self.checklist.id}: example {self.example!r}: question "
            f"{self.question}: expected {', '.join(want)}, got {got}"
        )


def run_examples(checklist: Checklist, doc: Document | None = None) -> list[Check]:
    """Every expectation of every example of one checklist, evaluated; ``doc`` locates them in the file."""
    checks: list[Check] = []
    for index, example in enumerate(checklist.examples):
        result = analyze(example["record"], [checklist]).checklists[0]
        by_id = {q.question.id: q for q in result.questions}
        for qid, expected in example["expect"].items():
            status, raised = _expectation(expected)
            checks.append(Check(checklist, example["name"], index, qid, status, raised, by_id[qid], doc, result))
    return checks


def _expectation(expected: Any) -> tuple[str | None, bool | None]:
    if isinstance(expected, str):
        return expected, None
    return expected.get("status"), expected.get("raised")


def expected_statuses(spec: dict[str, Any]) -> dict[str, set[str]]:
    """Question id -> the statuses the examples of a rule file (as JSON data) expect."""
    found: dict[str, set[str]] = {q["id"]: set() for q in spec.get("questions", [])}
    for example in spec.get("examples", []):
        for qid, expected in example.get("expect", {}).items():
            status, _ = _expectation(expected)
            if status and qid in found:
                found[qid].add(status)
    return found


def statuses_exercised(checklist: Checklist) -> dict[str, set[str]]:
    """Question id -> the statuses its examples expect, for coverage."""
    return expected_statuses(checklist.spec)
