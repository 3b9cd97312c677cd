"""Every question of every rule file in rules/ must be driven by its examples to at least two different statuses.

Data-driven over the folder: a new rule file is covered without new code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.examples import run_examples, statuses_exercised
from legalcheck.loading.checklists import compile_checklist

RULE_FILES = sorted((ROOT / "rules").glob("*.json"))


def _load(path: Path) -> Any:
    return compile_checklist(json.loads(path.read_text(encoding="utf-8")), str(path), SchemaCompiler())


def test_there_are_rule_files() -> None:
    assert RULE_FILES, "no rule files found in rules/"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_question_reaches_two_statuses(path: Path) -> None:
    checklist = _load(path)
    exercised = statuses_exercised(checklist)
    thin = {qid: sorted(found) for qid, found in exercised.items() if len(found) < 2}
    assert not thin, f"{path.name}: questions whose examples expect fewer than two distinct statuses: {thin}"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_examples_pass(path: Path) -> None:
    failures = [check.describe() for check in run_examples(_load(path)) if not check.passed]
    assert not failures, "\n".join(failures)


OWN_FILES = [ROOT / "rules" / name for name in ("due-process.json", "congressional-notification.json", "evidentiary-basis.json")]


def test_a_question_with_one_status_is_reported() -> None:
    data = {
        "id": "thin",
        "title": "Thin",
        "version": "1.0.0",
        "questions": [{"id": "q", "text": "?", "why": ".", "citations": [{"instrument": "x", "pinpoint": "y"}], "would_answer": "."}],
        "examples": [{"name": "one", "record": {"id": "r", "title": "r", "as_of": "2025"}, "expect": {"q": "open"}}],
    }
    exercised = statuses_exercised(compile_checklist(data, "test", SchemaCompiler()))
    assert exercised == {"q": {"open"}}


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_questions_carry_the_required_metadata(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for q in data["questions"]:
        assert q.get("severity") in ("high", "medium", "low"), q["id"]
        assert q.get("tags"), f"{q['id']}: no tags"
        assert "raised_if" in q and "answered_if" in q, f"{q['id']}: needs raised_if and answered_if"
        for c in q["citations"]:
            assert c.get("url", "").startswith("https://") or c.get("url", "").startswith("http://"), f"{q['id']}: citation without a URL: {c}"
