"""Compact results: small documents naming their rule set, rules.json once per run, rendering from files alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, is_results, run_cli


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_seed_results_are_small_and_name_their_rule_set(seed_folder: Path) -> None:
    rules = json.loads((seed_folder / "rules.json").read_text())
    for path in seed_folder.glob("boat-strike-*.json"):
        # The findings, and the record's events, claims and legal bases (so reports and diffs need nothing else).
        assert path.stat().st_size <= 40_000, f"{path.name}: {path.stat().st_size} bytes"
        doc = json.loads(path.read_text())
        assert doc["rules"]["file"] == "rules.json" and doc["rules"]["sha256"] == rules["sha256"]
        assert [c["sha256"] for c in doc["rules"]["checklists"]] == [c["sha256"] for c in rules["checklists"]]
        assert "text" not in json.dumps(doc["checklists"])  # the questions' words live in rules.json only


def test_every_renderer_works_from_results_files_alone(tmp_path: Path) -> None:
    direct = tmp_path / "direct"
    formats = ("--format", "html", "--format", "markdown", "--format", "csv")
    assert run_cli("analyze", str(SEEDS), "--out", str(direct), *formats, "--quiet").exit_code == 0
    results = tmp_path / "results"
    assert run_cli("analyze", str(SEEDS), "--out", str(results), "--format", "json", "--quiet").exit_code == 0
    rendered = tmp_path / "rendered"
    outcome = run_cli("render", str(results), "--out", str(rendered), *formats)
    assert outcome.exit_code == 0, outcome.output
    # Pages name the record file they came from; both runs read the same files.
    assert _tree(rendered) == _tree(direct)


def test_results_made_with_another_rule_set_are_refused(tmp_path: Path) -> None:
    results = tmp_path / "results"
    assert run_cli("analyze", str(SEEDS), "--out", str(results), "--format", "json", "--quiet").exit_code == 0
    rules = json.loads((results / "rules.json").read_text())
    rules["checklists"][0]["questions"][0]["text"] = "Another question?"
    rules["sha256"] = "0" * 64
    (results / "rules.json").write_text(json.dumps(rules))
    outcome = run_cli("render", str(results), "--out", str(tmp_path / "out"))
    assert outcome.exit_code == 2
    assert "made with rule set" in outcome.output and "/rules/sha256" in outcome.output
    assert not (tmp_path / "out").exists()


def test_a_rules_file_name_that_leaves_the_folder_is_refused(tmp_path: Path) -> None:
    results = tmp_path / "results"
    assert run_cli("analyze", str(SEEDS), "--out", str(results), "--format", "json", "--quiet").exit_code == 0
    doc_path = next(p for p in sorted(results.glob("*.json")) if is_results(p))
    doc = json.loads(doc_path.read_text())
    doc["rules"]["file"] = "../rules.json"
    doc_path.write_text(json.dumps(doc))
    outcome = run_cli("render", str(results), "--out", str(tmp_path / "out"))
    assert outcome.exit_code == 2 and "is not a file name" in outcome.output


def test_a_json_lines_corpus_gives_what_its_records_as_files_give(tmp_path: Path) -> None:
    records = [json.loads(p.read_text()) for p in sorted(SEEDS.glob("*.json"))]
    files = tmp_path / "files"
    files.mkdir()
    for record in records:
        (files / f"{record['id']}.json").write_text(json.dumps(record))
    lines = tmp_path / "lines"
    lines.mkdir()
    (lines / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records) + "\n")
    formats = ("--format", "json", "--format", "csv", "--format", "markdown")
    for source, out in ((files, "a"), (lines, "b")):
        assert run_cli("analyze", str(source), "--out", str(tmp_path / out), *formats, "--quiet").exit_code == 0
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys() and a["rules.json"] == b["rules.json"] and a["results.csv"] == b["results.csv"]
    for record in records:
        from_file = json.loads(a[f"{record['id']}.json"])
        from_line = json.loads(b[f"{record['id']}.json"])
        assert from_line["incident"].pop("file").endswith("corpus.jsonl:" + str(records.index(record) + 1))
        from_file["incident"].pop("file")
        assert from_line == from_file


def _spoil_leaf_index(doc: dict[str, Any]) -> None:
    question = next(q for c in doc["checklists"] for q in c["questions"] if q.get("trace"))
    trace = next(t for t in question["trace"] if t is not None)
    trace[next(i for i, node in enumerate(trace) if not isinstance(node, bool))] = len(doc["leaves"])


def _spoil_trace_length(doc: dict[str, Any]) -> None:
    question = next(q for c in doc["checklists"] for q in c["questions"] if q.get("trace"))
    next(t for t in question["trace"] if t is not None).append(True)


def _spoil_evidence(doc: dict[str, Any]) -> None:
    question = next(q for c in doc["checklists"] for q in c["questions"] if q.get("evidence"))
    next(iter(question["evidence"].values())).append("/claims/999")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_spoil_leaf_index, "names leaf"),
        (_spoil_trace_length, "entries, but its condition has"),
        (_spoil_evidence, "'/claims/999' is not in /items"),
    ],
)
def test_results_that_do_not_fit_their_rule_set_are_refused(
    tmp_path: Path, spoil: Callable[[dict[str, Any]], None], message: str
) -> None:
    results = tmp_path / "results"
    assert run_cli("analyze", str(SEEDS), "--out", str(results), "--format", "json", "--quiet").exit_code == 0
    doc_path = results / "boat-strike-2025-09.json"
    doc = json.loads(doc_path.read_text())
    spoil(doc)
    doc_path.write_text(json.dumps(doc))
    outcome = run_cli("render", str(results), "--out", str(tmp_path / "out"))
    assert outcome.exit_code == 2 and message in outcome.output and "/checklists/" in outcome.output, outcome.output
    assert "Traceback" not in outcome.output and not (tmp_path / "out").exists()
