"""SQLite output: one database per run (--format sqlite), and a database kept across runs (--db) that a failed,
refused or interrupted run leaves as it was. Datasette serves it with no configuration."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli

TABLES = {"incidents", "checklists", "questions", "results", "evidence", "claims", "sources", "quotes", "meta"}
VIEWS = {"unraised_open_by_checklist", "contested_by_incident", "unverified_quotes", "latest_incidents"}


def _analyze_db(tmp_path: Path, *paths: Path | str) -> Path:
    out = tmp_path / "out"
    result = run_cli("analyze", *map(str, paths or (SEEDS,)), "--out", str(out), "--format", "sqlite", "--quiet")
    assert result.exit_code == 0, result.output
    return out / "results.sqlite"


def test_one_database_per_run_with_keys_and_views(tmp_path: Path, seed_results: dict[str, dict[str, object]]) -> None:
    db = sqlite3.connect(_analyze_db(tmp_path))
    names = {name: kind for name, kind in db.execute("SELECT name, type FROM sqlite_master")}
    assert TABLES <= names.keys() and all(names[v] == "view" for v in VIEWS)
    assert any(kind == "index" for kind in names.values())
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    unraised = {
        (c["id"], q["id"], incident)  # type: ignore[index]
        for incident, doc in seed_results.items()
        for c in doc["checklists"]  # type: ignore[attr-defined]
        for q in c["questions"]
        if q["status"] == "open" and not q["raised"]
    }
    view = {
        (cid, qid, incident)
        for cid, qid, ids in db.execute(
            "SELECT checklist_id, question_id, incident_ids FROM unraised_open_by_checklist"
        )
        for incident in ids.split(", ")
    }
    assert view == unraised
    contested = {
        (incident, q["id"])
        for incident, doc in seed_results.items()
        for c in doc["checklists"]  # type: ignore[attr-defined]
        for q in c["questions"]
        if q["status"] == "contested"
    }
    assert set(db.execute("SELECT incident_id, question_id FROM contested_by_incident")) == contested
    quotes = db.execute("SELECT count(*) FROM claims WHERE quote LIKE '%without due process%'").fetchone()[0]
    assert quotes >= 1
    unverified = {
        (incident, claim)
        for incident, doc in seed_results.items()
        for claim, q in doc["verification"]["quotes"].items()  # type: ignore[index]
        if q["status"] != "verbatim"
    }
    assert set(db.execute("SELECT incident_id, claim_id FROM unverified_quotes")) == unverified and unverified


def _rows(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return sorted(db.execute("SELECT id, as_of, title, open FROM incidents")) + sorted(
            db.execute("SELECT incident_id, as_of, question_id, status FROM results")
        )
    finally:
        db.close()


def test_a_kept_database_is_updated_by_incident_and_as_of(tmp_path: Path) -> None:
    db = tmp_path / "campaign.db"
    first = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "a"), "--db", str(db), "--quiet")
    assert first.exit_code == 0, first.output
    before = _rows(db)
    record = json.loads((SEEDS / "boat-strike-2025-09.json").read_text())
    record["title"] = "Retitled"
    (tmp_path / "one.json").write_text(json.dumps(record))
    again = run_cli("analyze", str(tmp_path / "one.json"), "--out", str(tmp_path / "b"), "--db", str(db), "--quiet")
    assert again.exit_code == 0, again.output
    after = _rows(db)
    assert len(after) == len(before)
    titles = dict(((r[0], r[1]), r[2]) for r in after if len(r) == 4 and isinstance(r[3], int))
    assert titles[("boat-strike-2025-09", record["as_of"])] == "Retitled"
    record["as_of"] = "2025-12-01"
    (tmp_path / "one.json").write_text(json.dumps(record))
    assert run_cli("analyze", str(tmp_path / "one.json"), "--out", str(tmp_path / "c"), "--db", str(db)).exit_code == 0
    latest = sqlite3.connect(db).execute("SELECT as_of FROM latest_incidents WHERE id = 'boat-strike-2025-09'")
    assert latest.fetchall() == [("2025-12-01",)]


def test_a_failed_run_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "campaign.db"
    assert run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "a"), "--db", str(db), "--quiet").exit_code == 0
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "title": "t"}')
    record = json.loads((SEEDS / "boat-strike-2025-09.json").read_text())
    (tmp_path / "good.json").write_text(json.dumps({**record, "title": "Changed"}))
    result = run_cli("analyze", str(tmp_path / "good.json"), str(bad), "--out", str(tmp_path / "b"), "--db", str(db))
    assert result.exit_code == 2
    assert db.read_bytes() == before


def test_a_folder_read_only_or_locked_database_is_a_clean_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "a"), "--db", str(folder))
    assert result.exit_code == 2 and "is a folder" in result.output and "Traceback" not in result.output
    db = tmp_path / "campaign.db"
    assert run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "b"), "--db", str(db), "--quiet").exit_code == 0
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "c"), "--db", str(db))
        assert result.exit_code == 2 and "read-only" in result.output
    finally:
        db.chmod(0o644)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "d"), "--db", str(db))
        assert result.exit_code == 2 and "another process is writing to it" in result.output
        assert "Traceback" not in result.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert db.read_bytes() == before
    assert not (tmp_path / "c").exists() and not (tmp_path / "d").exists()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all, but long enough to have a header" * 4)
    result = run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "e"), "--db", str(garbage))
    assert result.exit_code == 2 and "not a database" in result.output


def test_an_interrupted_run_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "campaign.db"
    assert run_cli("analyze", str(SEEDS), "--out", str(tmp_path / "a"), "--db", str(db), "--quiet").exit_code == 0
    before = _rows(db)
    seed = json.loads((SEEDS / "boat-strike-2025-09.json").read_text())
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({**seed, "id": f"many-{i:05d}"}) + "\n" for i in range(3000)))
    child = subprocess.Popen(
        [sys.executable, "-m", "legalcheck", "analyze", str(corpus), "--out", str(tmp_path / "b"), "--format", "csv"]
        + ["--db", str(db), "--jobs", "1", "--quiet"],
        start_new_session=True,
    )
    journal = db.with_name(db.name + "-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.poll() is None, "the run ended before it could be interrupted"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert _rows(db) == before  # opening the database rolls the interrupted transaction back


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette is not installed")
def test_datasette_serves_the_views(tmp_path: Path) -> None:
    db = _analyze_db(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/results/contested_by_incident.json?_shape=array&_size=max"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    expected = sqlite3.connect(db).execute("SELECT incident_id, question_id FROM contested_by_incident").fetchall()
    assert [(r["incident_id"], r["question_id"]) for r in rows] == expected
    assert {r["incident_id"] for r in rows} == {
        "boat-strike-2025-09",
        "boat-strike-2025-09-later",
        "venezuela-planned-strikes-2025-09",
    }
