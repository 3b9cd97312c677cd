"""The library API: in-memory records, picklable rule sets, and the docs' Dask example run as written."""

from __future__ import annotations

import gc
import importlib.util
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SEEDS, results_in, run_cli
from legalcheck.api import Rules, analyze_record, load_rules, render
from legalcheck.errors import InputError


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def _seeds() -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(SEEDS.glob("*.json"))]


def test_analyze_record_gives_what_the_command_writes(rules: Rules, seed_compact: dict[str, Any]) -> None:
    for record in _seeds():
        doc = analyze_record(record, rules)
        written = dict(seed_compact[record["id"]])
        written["incident"] = {k: v for k, v in written["incident"].items() if k != "file"}
        assert {k: v for k, v in written.items() if k != "verification"} == doc
        checked = analyze_record(record, rules, name=f"{record['id']}.json", copies=SEEDS)
        assert checked["verification"] == written["verification"]


def test_rules_survive_pickling(rules: Rules) -> None:
    copy = pickle.loads(pickle.dumps(rules))
    assert copy.ids == rules.ids and copy.sha256 == rules.sha256
    record = _seeds()[0]
    assert analyze_record(record, copy) == analyze_record(record, rules)


def test_render_every_format(rules: Rules) -> None:
    doc = analyze_record(_seeds()[0], rules)
    assert render(doc, rules, "html").startswith("<!DOCTYPE html>")
    assert render(doc, rules, "markdown").startswith("# ")
    assert render(doc, rules, "csv").startswith("incident_id,")
    assert json.loads(render(doc, rules, "json")) == doc


def test_an_invalid_record_raises_input_error(rules: Rules) -> None:
    with pytest.raises(InputError) as caught:
        analyze_record({"id": "x", "title": "t", "as_of": 5}, rules, name="mine")
    assert any(p.path == "mine" and p.pointer == "/as_of" for p in caught.value.problems)


@pytest.mark.skipif(importlib.util.find_spec("dask") is None, reason="dask is not installed")
def test_the_dask_example_in_the_docs_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = _seeds()
    (corpus / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[:2]) + "\n")
    (corpus / "b.jsonl").write_text(json.dumps(records[2]) + "\n")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(code, "docs/library.md", "exec"), namespace)
    out = tmp_path / "out"
    from conftest import run_cli

    assert run_cli("analyze", str(corpus), "--out", str(out), "--format", "json", "--quiet").exit_code == 0
    expected = sorted(
        (doc["incident"]["id"], q["id"])
        for doc in results_in(out).values()
        if "incident" in doc
        for c in doc["checklists"]
        for q in c["questions"]
        if q["status"] == "contested"
    )
    assert sorted(namespace["found"]) == expected and expected


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """A run freezes the compiled checklists and collects young objects less often, for its own length only."""
    before = gc.get_threshold()
    result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path), "--format", "json", "--quiet")
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
