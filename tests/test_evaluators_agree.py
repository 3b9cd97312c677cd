"""jsonschema_rs (fast) and jsonschema (reference) must agree on every built-in condition, item by item."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from conftest import SEEDS
from legalcheck import resources
from legalcheck.engine.selection import Selection, narrowing_of, select
from legalcheck.loading.checklists import iter_leaves


def _records(rule: dict[str, Any]) -> list[dict[str, Any]]:
    seeds = [json.loads(p.read_text()) for p in sorted(SEEDS.glob("*.json"))]
    return seeds + [e["record"] for e in rule.get("examples", [])]


RULES = [(f.name, json.loads(f.read_text(encoding="utf-8"))) for f in resources.builtin_rule_files()]


@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
def test_both_evaluators_agree_on_every_condition(name: str, rule: dict[str, Any]) -> None:
    records = _records(rule)
    compared = 0
    for pointer, leaf in iter_leaves(rule):
        fast = jsonschema_rs.Draft202012Validator(leaf["where"]) if isinstance(leaf["where"], dict) else None
        reference = jsonschema.Draft202012Validator(leaf["where"])
        for record in records:
            for match in select(record, leaf.get("select", "")):
                expected = reference.is_valid(match.item)
                actual = fast.is_valid(match.item) if fast is not None else bool(leaf["where"])
                assert actual == expected, f"{name}{pointer}: evaluators disagree on {match.pointer} of {record['id']}"
                compared += 1
    assert compared > 0


def test_results_are_identical_with_either_evaluator(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import run_cli

    outputs = {}
    for evaluator in ("jsonschema_rs", "jsonschema"):
        monkeypatch.setenv("LEGALCHECK_EVALUATOR", evaluator)
        out = tmp_path / evaluator
        assert run_cli("analyze", str(SEEDS), "--out", str(out), "--format", "json", "-q").exit_code == 0
        outputs[evaluator] = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert outputs["jsonschema_rs"] == outputs["jsonschema"]


@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
def test_narrowing_never_skips_an_item_that_matches(name: str, rule: dict[str, Any]) -> None:
    records = _records(rule)
    narrowed = 0
    for pointer, leaf in iter_leaves(rule):
        narrowing = narrowing_of(leaf["where"])
        if narrowing is None:
            continue
        reference = jsonschema.Draft202012Validator(leaf["where"])
        for record in records:
            selection = Selection(select(record, leaf.get("select", "")))
            kept = {m.pointer for m in selection.candidates(narrowing)}
            for match in selection.items:
                if match.pointer not in kept:
                    assert not reference.is_valid(match.item), (
                        f"{name}{pointer}: narrowing skipped a match at {match.pointer} of {record['id']}"
                    )
                    narrowed += 1
    assert narrowed > 0, "the narrowing should spare some evaluations on the built-in rules"
