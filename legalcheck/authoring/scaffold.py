"""Starting files for `legalcheck new`: valid, tested, and full of guidance on what to replace.

JSON has no comments, so the guidance lives in the fields a reader sees anyway: ``description``, ``why``,
``would_answer``, ``text``. The generated checklist validates and passes `legalcheck rules test`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from legalcheck import resources, vocabulary


def schema_ref(name: str, out: Path) -> str:
    """``$schema`` for a file written to ``out``: the installed schema, relative to the file's folder when possible."""
    target = Path(str(resources.schema_file(name))).resolve()
    folder = out.resolve().parent
    try:
        return Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return target.as_uri()


def dumps(data: Any) -> str:
    """JSON as legalcheck writes it: two-space indent, UTF-8, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def checklist(checklist_id: str, schema: str) -> dict[str, Any]:
    """A checklist with one example question that uses every kind of condition, and one example record."""
    proposition = "example.decision-published"
    return {
        "$schema": schema,
        "id": checklist_id,
        "title": "Replace with the checklist's title, e.g. 'Foreign terrorist organization designations'",
        "version": "0.1.0",
        "description": (
            "Replace with what this checklist covers and for which incidents. Each question below has conditions: "
            "JSON Schemas tested against the incident record or against items selected from it with a JSON Pointer "
            "('select', '*' = every item). See docs/writing-rules.md."
        ),
        "tags": ["replace-me"],
        "propositions": [
            {
                "key": proposition,
                "meaning": (
                    "Replace: the proposition a claim with this key asserts, phrased positively. Declare here only "
                    "keys `legalcheck propositions` does not list."
                ),
            }
        ],
        "applies_if": {
            "description": "Replace: when the whole checklist applies. Here: the record describes at least one event.",
            "select": "/events",
            "where": {"type": "object"},
            "min": 1,
        },
        "questions": [
            {
                "id": "example-question",
                "text": "Replace with the question, asked neutrally: e.g. 'Was the decision published?'",
                "why": "Replace with why the answer matters, in one sentence.",
                "severity": "medium",
                "tags": ["replace-me"],
                "citations": [
                    {
                        "instrument": "Replace with the statute, treaty or case",
                        "pinpoint": "§ 1(a)",
                        "url": "https://example.org/replace-with-a-free-official-text",
                        "note": "Replace the pinpoint with the section, article or paragraph the question rests on.",
                    }
                ],
                "applies_if": {
                    "description": "Replace: when the question applies. 'all' holds if every part holds.",
                    "all": [
                        {
                            "description": (
                                "a decision, statement or designation is recorded ('enum' lists allowed values)"
                            ),
                            "select": "/events",
                            "where": {
                                "required": ["kind"],
                                "properties": {"kind": {"enum": ["designation", "statement", "legal_opinion"]}},
                            },
                        },
                        {
                            "description": "no event was cancelled ('min': 0 with 'max': 0 means: none may match)",
                            "select": "/events",
                            "where": {"required": ["status"], "properties": {"status": {"const": "cancelled"}}},
                            "min": 0,
                            "max": 0,
                        },
                    ],
                },
                "raised_if": {
                    "description": "Replace: what shows a source raises the question. 'any' holds if one part holds.",
                    "any": [
                        {
                            "description": (
                                f"a claim denies or questions that the decision was published "
                                f"(proposition '{proposition}')"
                            ),
                            "select": "/claims",
                            "where": {
                                "required": ["proposition", "stance"],
                                "properties": {
                                    "proposition": {"const": proposition},
                                    "stance": {"enum": ["denies", "questions"]},
                                },
                            },
                        },
                        {
                            "description": "an expert or journalist asks about it ('pattern' is a regular expression)",
                            "select": "/claims",
                            "where": {
                                "required": ["text", "stance"],
                                "properties": {"text": {"pattern": "(?i)publish"}, "stance": {"const": "questions"}},
                            },
                        },
                    ],
                },
                "answered_if": {
                    "description": (
                        "Replace: the facts that answer the question. 'all' holds if every part "
                        "holds; 'not' inverts a condition."
                    ),
                    "all": [
                        {
                            "description": "a public statement or designation is recorded",
                            "select": "/events",
                            "where": {
                                "required": ["kind", "disclosure"],
                                "properties": {
                                    "kind": {"enum": ["designation", "statement"]},
                                    "disclosure": {"required": ["public"], "properties": {"public": {"const": True}}},
                                },
                            },
                        },
                        {
                            "description": "no source denies that it was published",
                            "not": {
                                "description": "a claim denies that the decision was published",
                                "select": "/claims",
                                "where": {
                                    "required": ["proposition", "stance"],
                                    "properties": {
                                        "proposition": {"const": proposition},
                                        "stance": {"const": "denies"},
                                    },
                                },
                            },
                        },
                    ],
                },
                "contested_if": {
                    "description": (
                        "Replace: when sources contradict each other. 'opposed' needs one claim "
                        "asserting and one denying the same proposition."
                    ),
                    "select": "/claims",
                    "where": {"required": ["proposition"], "properties": {"proposition": {"const": proposition}}},
                    "opposed": True,
                },
                "would_answer": (
                    "Replace with the fact that would answer the question, shown to readers while it is open."
                ),
            }
        ],
        "examples": [
            {
                "name": "published",
                "description": (
                    "Replace with records that show each status your question can get; `legalcheck "
                    "rules test` runs them."
                ),
                "record": {
                    "id": "example-published",
                    "title": "A decision announced in public",
                    "as_of": "2025-01-01",
                    "actors": [{"id": "ministry", "name": "A ministry", "kind": "government"}],
                    "events": [
                        {
                            "id": "e1",
                            "kind": "statement",
                            "actors": ["ministry"],
                            "disclosure": {"public": True},
                            "sources": ["s1"],
                        }
                    ],
                    "sources": [{"id": "s1", "kind": "official_statement", "title": "Press release"}],
                },
                "expect": {"example-question": {"status": "answered", "raised": False}},
            }
        ],
    }


def incident(incident_id: str, schema: str) -> dict[str, Any]:
    """An incident record with one item in each collection, every reference resolving."""
    return {
        "$schema": schema,
        "id": incident_id,
        "title": "Replace with a short title of the incident",
        "summary": (
            "Replace with two or three neutral sentences. Every fact below should name the source that reports it."
        ),
        "date": "2025-01-01",
        "as_of": "2025-01-02",
        "location": {
            "description": "Replace with where it happened, as the sources put it",
            "domain": "unknown",
            "precision": "unknown",
            "sources": ["source-1"],
        },
        "actors": [
            {
                "id": "actor-1",
                "name": "Replace with the name of a government, official or group",
                "kind": "government",
                "country": "Replace or remove",
                "roles": ["acting_state"],
            },
        ],
        "events": [
            {
                "id": "event-1",
                "kind": "statement",
                "date": "2025-01-01",
                "description": (
                    "Replace with what happened; 'kind' is one of the values `legalcheck schema incident` lists."
                ),
                "actors": ["actor-1"],
                "status": "occurred",
                "sources": ["source-1"],
            }
        ],
        "claims": [
            {
                "id": "claim-1",
                "claimant": "actor-1",
                "stance": "asserts",
                "proposition": vocabulary.PLACEHOLDER,
                "text": (
                    "Replace with a paraphrase of what the actor asserts, denies or questions; `legalcheck "
                    "propositions WORD` finds the key (validation warns until the placeholder key is replaced)."
                ),
                "source": "source-1",
                "about": ["event-1"],
            }
        ],
        "sources": [
            {
                "id": "source-1",
                "kind": "news_report",
                "title": "Replace with the headline",
                "publisher": "Replace",
                "url": "https://example.org/replace",
                "date": "2025-01-02",
                "attribution": "named",
                "classification": "public",
            },
        ],
    }
