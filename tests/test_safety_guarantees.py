"""The guarantees behind the bad-input corpus, tested where a case file cannot show them: nothing is fetched
(a live server counts requests), outputs do not depend on how a path was typed, stale run folders go, and the
bounds the loaders rely on hold."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, run_cli
from legalcheck import resources
from legalcheck.authoring import scaffold
from legalcheck.errors import OutputError
from legalcheck.loading import documents
from legalcheck.report import output as output_module
from legalcheck.report.output import LEGACY_AGE, Output
from legalcheck.run import capped_jobs


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a schema accepting everything, and records every request."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()


def _rules_with_where(tmp_path: Path, where: Any) -> Path:
    rules = scaffold.checklist("fetching", "")
    rules.pop("$schema")
    rules["questions"][0]["raised_if"]["any"][1]["where"] = where
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules))
    return path


@pytest.mark.parametrize("evaluator", ["jsonschema_rs", "jsonschema"])
@pytest.mark.parametrize("shape", ["ref", "id-and-relative-ref", "escaped-key", "nested", "schema"])
def test_a_rule_file_never_makes_legalcheck_fetch(
    server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, evaluator: str, shape: str
) -> None:
    base, requests = server
    where = {
        "ref": {"$ref": f"{base}/schema.json"},
        "id-and-relative-ref": {"$id": f"{base}/dir/", "$ref": "schema.json"},
        "escaped-key": {"$ref": f"{base}/schema.json"},
        "nested": {"properties": {"text": {"allOf": [{"$ref": f"{base}/schema.json#/x"}]}}},
        "schema": {"$schema": f"{base}/meta.json"},
    }[shape]
    path = _rules_with_where(tmp_path, where)
    if shape == "escaped-key":
        path.write_text(path.read_text().replace('"$ref"', '"\\u0024ref"'))
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", evaluator)
    for args in (
        ("analyze", str(SEEDS), "--rules", str(path), "--out", str(tmp_path / "out")),
        ("validate", str(path)),
    ):
        result = run_cli(*args)
        assert result.exit_code == 2, result.output
        assert "rules.json:" in result.output and "/questions/0/raised_if/any/1/where" in result.output
    assert requests == [], "a condition made legalcheck fetch a URL"
    assert not (tmp_path / "out").exists()


def test_a_file_reference_reads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "object"}')
    path = _rules_with_where(tmp_path, {"$ref": secret.as_uri()})
    result = run_cli("validate", str(path))
    assert result.exit_code == 2
    assert f"reference '{secret.as_uri()}' points outside the rule file" in result.output


@pytest.mark.parametrize("command", ["analyze", "validate"])
def test_a_link_in_a_folder_to_a_file_outside_it_is_not_read(tmp_path: Path, command: str) -> None:
    """A folder of records from someone else may hold a link to any file; the run refuses it and reads nothing of
    it, so no error quotes it. A link to a file inside the folder, and a link passed by name, are read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n", encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    (records / "boat.json").write_bytes((SEEDS / "boat-strike-2025-09.json").read_bytes())
    (records / "leak.json").symlink_to(secret)
    args = ["--out", str(tmp_path / "out"), "--format", "json"] if command == "analyze" else []
    result = run_cli(command, str(records), *args)
    assert result.exit_code == 2, result.output
    assert "leak.json: a symbolic link to a file outside the folder" in result.output
    assert "hunter2" not in result.output
    assert not (tmp_path / "out").exists()
    (records / "leak.json").unlink()
    (records / "same.json").symlink_to(records / "boat.json")  # inside: read (and its id is then used twice)
    assert "is also used by" in run_cli(command, str(records), *args).output
    linked = tmp_path / "linked.json"
    linked.symlink_to(records / "boat.json")
    (records / "same.json").unlink()
    assert run_cli(command, str(linked), *args).exit_code == 0


def test_outputs_do_not_depend_on_how_a_path_was_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEEDS.parent)
    outputs = {}
    for typed in ("seeds", "./seeds/", str(SEEDS), str(SEEDS / ".." / "seeds")):
        out = tmp_path / f"out{len(outputs)}"
        assert run_cli("analyze", typed, "--out", str(out), "-q").exit_code == 0
        outputs[typed] = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    first = next(iter(outputs.values()))
    assert all(o == first for o in outputs.values())
    some = json.loads(first["boat-strike-2025-09.json"])
    assert some["incident"]["file"] == "seeds/boat-strike-2025-09.json"


def test_jobs_are_capped_to_the_work() -> None:
    assert capped_jobs(10_000, 3) == 1
    assert capped_jobs(10_000, 17) == 3  # three chunks of work
    assert capped_jobs(2, 1000) == 2
    assert capped_jobs(10_000, 100_000) <= 4 * (os.cpu_count() or 1)


def test_stale_run_folders_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("analyze", str(SEEDS), "--out", str(out), "-q").exit_code == 0
    runs = out / ".legalcheck" / "runs"
    dead = runs / "run-dead"
    dead.mkdir()
    (dead / ".lock").touch()
    (dead / "x.html").write_text("left by a killed run")
    live = Output(out)  # holds the lock on its own folder, as a running run does
    legacy = out / ".legalcheck-abcd1234"
    legacy.mkdir()
    old = time.time() - LEGACY_AGE - 10
    os.utime(legacy, (old, old))
    recent_legacy = out / ".legalcheck-recent"
    recent_legacy.mkdir()
    assert run_cli("analyze", str(SEEDS), "--out", str(out), "-q").exit_code == 0
    assert not dead.exists(), "a dead run's folder is removed"
    assert live.staging.exists(), "a live run's folder is kept"
    assert not legacy.exists() and recent_legacy.exists()
    live.abort()
    assert len(list(runs.iterdir())) == 2, "the current run and the previous one"


def test_a_failed_run_keeps_the_previous_outputs_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("analyze", str(SEEDS), "--out", str(out), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert run_cli("analyze", str(SEEDS), str(bad), "--out", str(out), "-q").exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert len(list((out / ".legalcheck" / "runs").iterdir())) == 1


def test_the_incident_schema_bounds_the_depth_of_a_valid_record() -> None:
    """Records are depth-checked only when they fail the schema, which is sound while every object in the schema
    is closed (a valid record then nests no deeper than the schema)."""

    def walk(node: Any, where: str) -> Iterator[str]:
        if isinstance(node, dict):
            if (node.get("type") == "object" or "properties" in node) and node.get("additionalProperties") is not False:
                yield where
            if node.get("items") in ({}, True) or node.get("additionalProperties") not in (None, False):
                yield where
            for key, value in node.items():
                yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}/{i}")

    assert list(walk(resources.schema("incident"), "")) == []


def test_a_file_too_large_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text('{"id": "' + "x" * 200 + '"}')
    result = run_cli("validate", str(path))
    assert result.exit_code == 2
    assert "big.json: larger than" in result.output


def test_a_switch_that_fails_leaves_the_previous_run_and_none_of_its_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = Output(out)
    first.write("kept.json", "old")
    first.write("gone.json", "old")
    first.commit()
    links = sorted(os.listdir(out))
    second = Output(out)
    second.write("kept.json", "new")
    second.write("new.json", "new")
    real = output_module._link

    def failing(target: str, path: str | Path) -> None:
        if os.path.basename(path) == "current":  # the switch itself fails (the disk is full)
            raise OSError(28, "No space left on device")
        real(target, path)

    monkeypatch.setattr(output_module, "_link", failing)
    with pytest.raises(OutputError, match="No space left"):
        second.commit()
    assert sorted(os.listdir(out)) == links, "the new run's links are gone, the old ones stay"
    assert (out / "kept.json").read_text() == "old" and (out / "gone.json").read_text() == "old"


def test_a_full_disk_under_a_runs_temporary_database_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legalcheck import spill

    monkeypatch.setattr(spill, "IN_MEMORY", 1)
    monkeypatch.setattr(spill, "PRAGMAS", [*spill.PRAGMAS, "max_page_count = 2"])  # full after two pages
    record = json.loads((SEEDS / "venezuela-planned-strikes-2025-09.json").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({**record, "id": f"incident-{i}"}) + "\n" for i in range(6)), "utf-8")
    result = run_cli("analyze", str(corpus), "--out", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot write the outputs: the run's temporary database: database or disk is full" in result.output
    assert not (tmp_path / "out").exists(), "nothing written"
