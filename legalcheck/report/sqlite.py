"""SQLite: one database per run (``results.sqlite``), or a database kept across runs (``analyze --db PATH``).

Tables: ``incidents`` (one row per incident id and as-of date, with its story), ``checklists`` and ``questions``
(by content hash, so that versions of a checklist live side by side), ``results`` (one row per incident and
question), ``evidence`` (the record items a result rests on), ``claims`` (the claims the results cite) and
``sources``, and ``quotes`` (each quote's check against archived copies); keys, foreign keys and indexes; and views
for the common questions: ``unraised_open_by_checklist`` (open questions no source raises, per question, with how
many incidents), ``contested_by_incident``, ``unverified_quotes`` (quotes not found verbatim in a copy) and
``latest_incidents`` (the newest as-of version of each incident). A database kept across runs is updated by
incident id and as-of date inside one transaction: a run that fails, or is interrupted, leaves it as it was.
It opens in Datasette with no configuration (``datasette results.sqlite``).
"""

from __future__ import annotations

import json
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from legalcheck.errors import OutputError
from legalcheck.report.registry import Piece, Reporter, no_explanation, register
from legalcheck.report.view import group_key

FILENAME = "results.sqlite"
SCHEMA_VERSION = "1"

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checklists (
  sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL, description TEXT
);
CREATE INDEX IF NOT EXISTS checklists_id ON checklists (id, version);
CREATE TABLE IF NOT EXISTS questions (
  checklist_sha256 TEXT NOT NULL REFERENCES checklists (sha256),
  checklist_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL,
  text TEXT NOT NULL, why TEXT NOT NULL, severity TEXT NOT NULL, would_answer TEXT NOT NULL,
  tags TEXT NOT NULL, citations TEXT NOT NULL,
  PRIMARY KEY (checklist_sha256, id)
);
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT NOT NULL, as_of TEXT NOT NULL, story TEXT, title TEXT NOT NULL, date TEXT, summary TEXT, file TEXT,
  rules_sha256 TEXT NOT NULL, tool_version TEXT NOT NULL,
  answered INTEGER NOT NULL, contested INTEGER NOT NULL, open INTEGER NOT NULL, not_applicable INTEGER NOT NULL,
  raised INTEGER NOT NULL, raised_open INTEGER NOT NULL, unraised_open INTEGER NOT NULL,
  PRIMARY KEY (id, as_of)
);
CREATE INDEX IF NOT EXISTS incidents_story ON incidents (story);
CREATE TABLE IF NOT EXISTS results (
  incident_id TEXT NOT NULL, as_of TEXT NOT NULL,
  checklist_sha256 TEXT NOT NULL, checklist_id TEXT NOT NULL, question_id TEXT NOT NULL,
  checklist_applicable INTEGER NOT NULL, status TEXT NOT NULL, raised INTEGER NOT NULL, attention TEXT,
  PRIMARY KEY (incident_id, as_of, checklist_id, question_id),
  FOREIGN KEY (incident_id, as_of) REFERENCES incidents (id, as_of) ON DELETE CASCADE,
  FOREIGN KEY (checklist_sha256, question_id) REFERENCES questions (checklist_sha256, id)
);
CREATE INDEX IF NOT EXISTS results_question ON results (checklist_id, question_id, status);
CREATE INDEX IF NOT EXISTS results_status ON results (status, raised);
CREATE INDEX IF NOT EXISTS results_rules ON results (checklist_sha256, question_id);
CREATE TABLE IF NOT EXISTS sources (
  incident_id TEXT NOT NULL, as_of TEXT NOT NULL, id TEXT NOT NULL,
  kind TEXT, publisher TEXT, author TEXT, title TEXT, url TEXT, date TEXT, attribution TEXT, data TEXT NOT NULL,
  PRIMARY KEY (incident_id, as_of, id),
  FOREIGN KEY (incident_id, as_of) REFERENCES incidents (id, as_of) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS claims (
  incident_id TEXT NOT NULL, as_of TEXT NOT NULL, pointer TEXT NOT NULL,
  claimant TEXT, stance TEXT, quote TEXT, summary TEXT NOT NULL, sources TEXT NOT NULL,
  PRIMARY KEY (incident_id, as_of, pointer),
  FOREIGN KEY (incident_id, as_of) REFERENCES incidents (id, as_of) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS evidence (
  incident_id TEXT NOT NULL, as_of TEXT NOT NULL, checklist_id TEXT NOT NULL, question_id TEXT NOT NULL,
  role TEXT NOT NULL, position INTEGER NOT NULL, pointer TEXT NOT NULL, summary TEXT NOT NULL, sources TEXT NOT NULL,
  PRIMARY KEY (incident_id, as_of, checklist_id, question_id, role, position),
  FOREIGN KEY (incident_id, as_of, checklist_id, question_id)
    REFERENCES results (incident_id, as_of, checklist_id, question_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS evidence_pointer ON evidence (incident_id, as_of, pointer);
CREATE TABLE IF NOT EXISTS quotes (
  incident_id TEXT NOT NULL, as_of TEXT NOT NULL, claim_id TEXT NOT NULL, pointer TEXT NOT NULL,
  claimant TEXT NOT NULL, source_id TEXT NOT NULL, quote TEXT NOT NULL, status TEXT NOT NULL,
  similarity REAL, copy TEXT,
  PRIMARY KEY (incident_id, as_of, claim_id),
  FOREIGN KEY (incident_id, as_of) REFERENCES incidents (id, as_of) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS quotes_status ON quotes (status);
CREATE VIEW IF NOT EXISTS unraised_open_by_checklist AS
  SELECT r.checklist_id, c.title AS checklist, r.question_id, q.text AS question, q.severity,
         count(*) AS incidents, group_concat(r.incident_id, ', ') AS incident_ids
  FROM results r
  JOIN questions q ON q.checklist_sha256 = r.checklist_sha256 AND q.id = r.question_id
  JOIN checklists c ON c.sha256 = r.checklist_sha256
  WHERE r.status = 'open' AND r.raised = 0
  GROUP BY r.checklist_id, r.question_id
  ORDER BY r.checklist_id, min(q.position);
CREATE VIEW IF NOT EXISTS contested_by_incident AS
  SELECT i.id AS incident_id, i.as_of, i.story, i.title, r.checklist_id, r.question_id, q.text AS question,
         q.severity
  FROM results r
  JOIN incidents i ON i.id = r.incident_id AND i.as_of = r.as_of
  JOIN questions q ON q.checklist_sha256 = r.checklist_sha256 AND q.id = r.question_id
  WHERE r.status = 'contested'
  ORDER BY i.id, i.as_of, r.checklist_id, q.position;
CREATE VIEW IF NOT EXISTS unverified_quotes AS
  SELECT q.incident_id, q.as_of, i.title, q.claim_id, q.claimant, q.source_id, q.quote, q.status, q.similarity,
         q.copy
  FROM quotes q JOIN incidents i ON i.id = q.incident_id AND i.as_of = q.as_of
  WHERE q.status <> 'verbatim'
  ORDER BY q.incident_id, q.as_of, q.status, q.claim_id;
CREATE VIEW IF NOT EXISTS latest_incidents AS
  SELECT * FROM incidents i WHERE i.as_of = (SELECT max(as_of) FROM incidents j WHERE j.id = i.id);
"""


class Database:
    """One SQLite database written inside one transaction: :meth:`commit` makes every change at once,
    :meth:`close` without a commit leaves the database as it was."""

    def __init__(self, path: Path) -> None:
        import sqlite3  # imported only by a run that writes a database

        self.path = path
        self._seen_rules: set[str] = set()
        self._errors = sqlite3.Error
        try:
            self.connection = sqlite3.connect(path, timeout=0, isolation_level=None)
        except sqlite3.Error as exc:
            raise _error(path, exc) from None
        try:
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("BEGIN IMMEDIATE")  # takes the write lock now: another writer fails here
            for statement in TABLES.split(";\n"):
                if statement.strip():
                    self.connection.execute(statement)
            found = self.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is None:
                self.connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            elif found[0] != SCHEMA_VERSION:
                raise OutputError(
                    f"{path}: a legalcheck database of schema version {found[0]}, not {SCHEMA_VERSION} "
                    f"(write to a new database with --db)"
                )
        except sqlite3.Error as exc:
            self.close()
            raise _error(path, exc) from None
        except OutputError:
            self.close()
            raise

    @classmethod
    def kept(cls, path: Path) -> Database:
        """A database kept across runs (created if missing): a folder, a read-only file, or a database another
        process is writing is a clear error, and leaves it unchanged."""
        if path.is_dir():
            raise OutputError(f"{path}: is a folder, not a database file (name a file with --db)")
        if path.exists() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise OutputError(f"{path}: the database file is read-only (make it writable, or name another with --db)")
        return cls(path)

    def rules(self, rules: dict[str, Any]) -> None:
        """The checklists and questions of a rule set, once each (by content hash)."""
        for c in rules["checklists"]:
            if c["sha256"] in self._seen_rules:
                continue
            self._seen_rules.add(c["sha256"])
            self._run(
                "INSERT OR IGNORE INTO checklists VALUES (?, ?, ?, ?, ?)",
                [(c["sha256"], c["id"], c["version"], c["title"], c.get("description", ""))],
            )
            self._run(
                "INSERT OR IGNORE INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c["sha256"],
                        c["id"],
                        q["id"],
                        i,
                        q["text"],
                        q["why"],
                        q.get("severity", "medium"),
                        q["would_answer"],
                        json.dumps(q.get("tags", []), ensure_ascii=False),
                        json.dumps(q["citations"], ensure_ascii=False),
                    )
                    for i, q in enumerate(c["questions"])
                ],
            )

    def add(self, rows: dict[str, list[list[Any]]]) -> None:
        """One incident's rows: any earlier rows of the same incident id and as-of date are replaced."""
        (incident,) = rows["incidents"]
        self._run("DELETE FROM incidents WHERE id = ? AND as_of = ?", [(incident[0], incident[1])])
        for table in ("incidents", "sources", "claims", "results", "evidence", "quotes"):
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                self._run(f"INSERT INTO {table} VALUES ({marks})", rows[table])  # noqa: S608 - fixed table names

    def _run(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self.connection.executemany(sql, rows)
        except self._errors as exc:
            raise _error(self.path, exc) from None

    def commit(self) -> None:
        try:
            self.connection.execute("COMMIT")
        except self._errors as exc:
            raise _error(self.path, exc) from None
        finally:
            self.close()

    def close(self) -> None:
        """Close; changes not committed are rolled back."""
        self.connection.close()


def _error(path: Path, exc: Exception) -> OutputError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        text += ": another process is writing to it (wait for it to finish, or name another database)"
    elif "readonly" in text or "read-only" in text:
        text += " (make it writable, or name another database)"
    elif "not a database" in text:
        text += " (name a SQLite database legalcheck wrote, or a new file)"
    return OutputError(f"{path}: cannot write the database: {text}")


def rows(doc: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The rows of one incident, from the full view of its results document."""
    inc = doc["incident"]
    key = [inc["id"], inc["as_of"]]
    counts = doc["counts"]
    sha = {c["id"]: c["sha256"] for c in doc["rules"]["checklists"]}
    found: dict[str, list[list[Any]]] = {
        "incidents": [
            [
                *key,
                inc.get("story"),
                inc["title"],
                inc.get("date"),
                inc.get("summary"),
                inc.get("file"),
                doc["rules"]["sha256"],
                doc["tool"]["version"],
                *(counts[k] for k in ("answered", "contested", "open", "not_applicable")),
                *(counts[k] for k in ("raised", "raised_open", "unraised_open")),
            ]
        ],
        "sources": [],
        "claims": [],
        "results": [],
        "evidence": [],
        "quotes": [],
    }
    for claim_id, q in ((doc.get("verification") or {}).get("quotes") or {}).items():
        copy = q.get("copy")
        found["quotes"].append(
            [
                *key,
                claim_id,
                q["pointer"],
                q["claimant"],
                q["source"],
                q["quote"],
                q["status"],
                q.get("similarity"),
                copy.get("path") if isinstance(copy, dict) else None,
            ]
        )
    for s in doc["sources"]:
        if isinstance(s, dict) and isinstance(s.get("id"), str):
            fields = [s.get(k) for k in ("kind", "publisher", "author", "title", "url", "date", "attribution")]
            found["sources"].append([*key, s["id"], *map(_text, fields), json.dumps(s, ensure_ascii=False)])
    claims: dict[str, list[Any]] = {}
    for c in doc["checklists"]:
        for q in c["questions"]:
            found["results"].append(
                [
                    *key,
                    sha[c["id"]],
                    c["id"],
                    q["id"],
                    int(c["applicable"]),
                    q["status"],
                    int(q["raised"]),
                    group_key(q),
                ]
            )
            for position, e in enumerate([*q["raised_by"], *q["evidence"]]):
                sources = json.dumps(e["sources"], ensure_ascii=False)
                found["evidence"].append(
                    [*key, c["id"], q["id"], e["role"], position, e["pointer"], e["summary"], sources]
                )
                if e["pointer"].startswith("/claims/") and e["pointer"] not in claims:
                    claims[e["pointer"]] = [
                        *key,
                        e["pointer"],
                        e.get("claimant"),
                        e.get("stance"),
                        e.get("quote"),
                        e["summary"],
                        sources,
                    ]
    found["claims"] = list(claims.values())
    return found


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@register
class SqliteReporter(Reporter):
    name = "sqlite"
    description = "results.sqlite: incidents, checklists, questions, results, evidence, claims, sources and views"
    streaming = True
    unfolds = staticmethod(no_explanation)

    database: Database | None = None

    def start(self, rules: dict[str, Any]) -> None:
        if self.database is None:
            self.database = Database(self.output.path(FILENAME))
        self.database.rules(rules)

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(FILENAME, json.dumps(rows(doc), ensure_ascii=False, separators=(",", ":")))]

    def add(self, rendered: list[Piece]) -> None:
        assert self.database is not None
        for _, text in rendered:
            self.database.add(json.loads(text))

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        assert self.database is not None
        self.database.commit()

    def abort(self) -> None:
        if self.database is not None:
            self.database.close()


class KeptDatabase(SqliteReporter):
    """The same rows, into a database kept across runs (``--db PATH``): committed only once the run has written
    every other output."""

    name = "sqlite-db"

    def __init__(self, output: Any, path: Path) -> None:
        super().__init__(output)
        self.database = Database.kept(path)

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        """Nothing yet: :meth:`commit` is called once the run's files are in place."""

    def commit(self) -> None:
        assert self.database is not None
        self.database.commit()
