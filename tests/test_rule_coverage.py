"""Every built-in rule file: complete questions, documented proposition keys, and examples that drive every question
to at least two different statuses.

Data-driven over the folder: a new rule file is covered without new code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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


def test_a_question_with_one_status_is_reported() -> None:
    data = {
        "id": "thin",
        "title": "Thin",
        "version": "1.0.0",
        "questions": [
            {
                "id": "q",
                "text": "?",
                "why": ".",
                "citations": [{"instrument": "x", "pinpoint": "y"}],
                "would_answer": ".",
            }
        ],
        "examples": [{"name": "one", "record": {"id": "r", "title": "r", "as_of": "2025"}, "expect": {"q": "open"}}],
    }
    exercised = statuses_exercised(compile_checklist(data, "test", SchemaCompiler()))
    assert exercised == {"q": {"open"}}


QUESTION_TAGS = {"international", "law-of-the-sea", "ihl", "human-rights", "us-domestic", "evidence", "war-powers"}


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_questions_carry_the_required_metadata(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["questions"]) >= 6, f"{path.name}: fewer than six questions"
    for q in data["questions"]:
        assert q["text"].endswith("?"), f"{q['id']}: the text should be a question"
        assert q.get("severity") in ("high", "medium", "low"), q["id"]
        assert q.get("tags") and set(q["tags"]) <= QUESTION_TAGS, (
            f"{q['id']}: tags {q.get('tags')} not in {sorted(QUESTION_TAGS)}"
        )
        assert "raised_if" in q and "answered_if" in q, f"{q['id']}: needs raised_if and answered_if"
        for c in q["citations"]:
            assert c.get("url", "").startswith(("https://", "http://")), f"{q['id']}: citation without a URL: {c}"


def _propositions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "proposition" and isinstance(value, dict):
                yield from value.get("enum", [])
                if "const" in value:
                    yield value["const"]
            else:
                yield from _propositions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _propositions(value)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_proposition_keys_are_documented(path: Path) -> None:
    rules = json.loads(path.read_text(encoding="utf-8"))
    documented = set(
        re.findall(r"^\| `([a-z0-9._-]+)` \|", (ROOT / "docs" / "propositions.md").read_text(encoding="utf-8"), re.M)
    )
    looked_for = set(_propositions(rules["questions"])) | set(_propositions(rules.get("applies_if", {})))
    assert looked_for, "the checklist looks for no proposition"
    assert looked_for - documented == set()
