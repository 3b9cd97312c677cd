"""The pure pieces of the linter: the regex heuristic, the incident-schema view, cross-file checks."""

from __future__ import annotations

import re

import pytest

from legalcheck import resources
from legalcheck.authoring.lint import duplicate_checklist_ids
from legalcheck.authoring.regex import backtracking_risk
from legalcheck.authoring.schemaview import SchemaView
from legalcheck.loading.documents import parse

SLOW = ["(a+)+", "(a*)*", "(a|aa)+", r"(\d|\d\d)+", r"(\w+\s?)*$", "(x+x+)+y", "(a|ab|b)*", "^(.*,)*$"]
FINE = [
    r"(\s*,\s*\w+)*",
    "(foo|bar)+",
    "^[a-z]+(-[a-z]+)*$",
    "(ab?)+",
    r"^\d{4}-\d{2}$",
    "(?i)strike|attack",
    r"([a-z0-9]+\.)*com",
    "a+b+c+",
]


@pytest.mark.parametrize("pattern", SLOW)
def test_slow_patterns_are_flagged(pattern: str) -> None:
    assert backtracking_risk(pattern)


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


def test_invalid_pattern_raises() -> None:
    with pytest.raises(re.error):
        backtracking_risk("(unclosed")


@pytest.fixture(scope="module")
def view() -> SchemaView:
    return SchemaView(resources.schema("incident"))


def test_select_resolves_items_through_refs(view: SchemaView) -> None:
    (claim,) = view.select("/claims").schemas
    assert "proposition" in claim["properties"]
    (target,) = view.select("/events/*/target").schemas
    assert "flag_state" in target["properties"]
    (evidence,) = view.select("/events/*/disclosure/evidence_released").schemas
    assert "video" in evidence["enum"]


def test_select_reports_the_missing_token(view: SchemaView) -> None:
    found = view.select("/events/*/targt/kind")
    assert not found.schemas
    assert (found.missing, found.at) == ("targt", "/events/*")


def test_star_over_an_object_yields_every_member(view: SchemaView) -> None:
    found = view.select("/events/0/conduct/*")
    assert len(found.schemas) == len(
        resources.schema("incident")["$defs"]["event"]["properties"]["conduct"]["properties"]
    )


def test_duplicate_checklist_ids_across_files() -> None:
    docs = [parse(name, '{"id": "same", "questions": []}') for name in ("a.json", "b.json")]
    (finding,) = duplicate_checklist_ids(docs)
    assert finding.render() == "b.json:1:8: /id: warning: checklist id 'same' is also used by a.json [duplicate-id]"


@pytest.mark.parametrize("pointer", ["/title/x", "/claims/*/stance/x", "/events/*/target/kind/0"])
def test_nothing_can_be_selected_inside_a_scalar(view: SchemaView, pointer: str) -> None:
    assert not view.select(pointer).schemas
