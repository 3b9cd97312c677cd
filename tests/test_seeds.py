"""The issue profile the seed article implies, and how it moves in the later version of the boat-strike record.

The status of each pinned question, and whether a source raises it, is in tests/data/seed-statuses.json with the
reason it must be so; `seed_results` analyzes every seed with the built-in checklists.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import ROOT, question

BOAT = "boat-strike-2025-09"
LATER = "boat-strike-2025-09-later"
PLANNED = "venezuela-planned-strikes-2025-09"

CHECKLIST_OF = {"dp": "due-process", "wp": "congressional-notification", "ev": "evidentiary-basis"}


def q(doc: dict[str, Any], qid: str) -> dict[str, Any]:
    return question(doc, CHECKLIST_OF[qid.split("-")[0]], qid)


def raisers(doc: dict[str, Any], qid: str) -> set[str]:
    return {e.get("claimant", "") for e in q(doc, qid)["raised_by"]}


# --- pinned statuses, each with its reason: tests/data/seed-statuses.json -----------------------------------

PINNED_FILE = ROOT / "tests" / "data" / "seed-statuses.json"
PINNED: dict[str, dict[str, dict[str, Any]]] = json.loads(PINNED_FILE.read_text(encoding="utf-8"))["incidents"]
PINS = [(incident, key) for incident, table in PINNED.items() for key in table]
US_CHECKLISTS = ("due-process", "congressional-notification", "evidentiary-basis")


@pytest.mark.parametrize(("incident", "key"), PINS, ids=[f"{i}:{k}" for i, k in PINS])
def test_pinned_status(seed_results: dict[str, dict[str, Any]], incident: str, key: str) -> None:
    pin = PINNED[incident][key]
    assert set(pin) == {"status", "raised", "reason"}, key
    assert len(pin["reason"]) > 20, f"{incident} {key}: say why the status must be {pin['status']}"
    checklist, qid = key.split("/")
    result = question(seed_results[incident], checklist, qid)
    assert (result["status"], result["raised"]) == (pin["status"], pin["raised"]), pin["reason"]


def test_the_table_pins_every_us_question_before_and_after(seed_results: dict[str, dict[str, Any]]) -> None:
    for incident in (BOAT, LATER):
        every = {
            f"{c['id']}/{q['id']}"
            for c in seed_results[incident]["checklists"]
            if c["id"] in US_CHECKLISTS
            for q in c["questions"]
        }
        assert every <= set(PINNED[incident]), sorted(every - set(PINNED[incident]))


def test_the_later_record_moves_questions(seed_results: dict[str, dict[str, Any]]) -> None:
    """The later reporting (a report to Congress, a notice of armed conflict) changes statuses, in both directions."""
    moved = {
        k for k in PINNED[BOAT].keys() & PINNED[LATER].keys() if PINNED[BOAT][k]["status"] != PINNED[LATER][k]["status"]
    }
    assert len(moved) >= 10
    assert ("open", "answered") in {(PINNED[BOAT][k]["status"], PINNED[LATER][k]["status"]) for k in moved}
    assert ("not_applicable", "open") in {(PINNED[BOAT][k]["status"], PINNED[LATER][k]["status"]) for k in moved}


@pytest.mark.parametrize("qid", ["dp-identities", "dp-capture-feasibility", "dp-adjudication"])
def test_due_process_raised_by_rand_paul(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    result = q(seed_results[BOAT], qid)
    assert result["raised"] is True
    assert raisers(seed_results[BOAT], qid) == {"Sen. Rand Paul"}
    assert result["raised_by"][0]["stance"] == "denies"
    assert "without due process" in result["raised_by"][0]["quote"]


@pytest.mark.parametrize("qid", ["wp-48-hour-report", "wp-consultation", "wp-sensitive-operation-notice"])
def test_notification_raised_by_democrats_in_congress(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    assert q(seed_results[BOAT], qid)["raised"] is True
    assert raisers(seed_results[BOAT], qid) == {"Democrats in Congress"}


def test_not_being_briefed_is_what_raises_the_report_question(seed_results: dict[str, dict[str, Any]]) -> None:
    (raiser,) = q(seed_results[BOAT], "wp-48-hour-report")["raised_by"]
    assert raiser["stance"] == "denies"
    assert "weren't briefed" in raiser["quote"]
    assert raiser["sources"] == ["article-2025-09-10"]


@pytest.mark.parametrize("doc_id", [BOAT, PLANNED])
def test_state_direction_contested_by_memo_and_assessment(seed_results: dict[str, dict[str, Any]], doc_id: str) -> None:
    result = q(seed_results[doc_id], "ev-state-direction")
    assert result["status"] == "contested"
    contested = {(e["claimant"], e["stance"]) for e in result["evidence"] if e["role"] == "contested"}
    assert ("US Department of Homeland Security", "asserts") in contested
    assert ("National Intelligence Council", "denies") in contested
    sources = {s for e in result["evidence"] for s in e["sources"]}
    assert {"dhs-memo", "nic-assessment"} <= sources


@pytest.mark.parametrize("doc_id", [BOAT, PLANNED])
def test_fentanyl_claim_contested_by_dea(seed_results: dict[str, dict[str, Any]], doc_id: str) -> None:
    result = q(seed_results[doc_id], "ev-drug-flow-claims")
    assert result["status"] == "contested"
    contested = {(e["claimant"], e["stance"]) for e in result["evidence"] if e["role"] == "contested"}
    assert contested == {("Trump administration", "asserts"), ("US Drug Enforcement Administration", "denies")}


def test_every_seed_has_unraised_open_questions(seed_results: dict[str, dict[str, Any]]) -> None:
    for doc_id in (BOAT, LATER, PLANNED):
        assert seed_results[doc_id]["counts"]["unraised_open"] >= 2, doc_id


def test_planned_strikes_on_airfields_are_outside_due_process(seed_results: dict[str, dict[str, Any]]) -> None:
    doc = seed_results[PLANNED]
    (dp,) = [c for c in doc["checklists"] if c["id"] == "due-process"]
    assert dp["applicable"] is False
    assert q(doc, "wp-48-hour-report")["status"] == "not_applicable"
    assert q(doc, "wp-consultation")["status"] == "open"


# --- the later version of the boat-strike record --------------------------------------------------------


def test_later_version_is_the_same_incident_later(seed_results: dict[str, dict[str, Any]]) -> None:
    before, after = seed_results[BOAT]["incident"], seed_results[LATER]["incident"]
    assert before["id"] != after["id"]
    assert after["as_of"] > before["as_of"]
    assert after["date"] == "2025-09-02"


def test_the_report_two_days_later_answers_the_48_hour_question(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-48-hour-report")
    answered = [e for e in result["evidence"] if e["role"] == "answered"]
    assert [e["summary"].split(":")[0] for e in answered] == ["notification (2025-09-04)"]
    assert answered[0]["sources"][0] == "war-powers-report-2025-09-04"


def test_the_armed_conflict_notice_answers_the_hostilities_question(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-hostilities-clock")
    # the executive's own assertion answers the question but does not raise it: no one else addresses hostilities
    assert raisers(seed_results[LATER], "wp-hostilities-clock") == set()
    assert {e.get("claimant") for e in result["evidence"] if e["role"] == "answered"} >= {"Trump administration"}
    quotes = [e.get("quote", "") for e in result["evidence"] if e["role"] == "answered"]
    assert any("non-international armed conflict" in quote for quote in quotes)
    assert any(e["pointer"].startswith("/legal_bases/") for e in result["evidence"])


def test_authority_claimed_and_denied(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-authorization")
    contested = {(e["claimant"], e["stance"]) for e in result["evidence"] if e["role"] == "contested" and "stance" in e}
    assert any(e["pointer"].startswith("/legal_bases/") for e in result["evidence"] if e["role"] == "contested")
    assert contested == {
        ("President Donald Trump", "asserts"),
        ("Sen. Angus King and other Senate Armed Services Committee members", "denies"),
    }


def test_later_raisers_are_named(seed_results: dict[str, dict[str, Any]]) -> None:
    doc = seed_results[LATER]
    assert "Sen. Angus King and other Senate Armed Services Committee members" in raisers(
        doc, "wp-legal-framework-notice"
    )
    assert raisers(doc, "dp-capture-feasibility") == {
        "Sen. Rand Paul",
        "Sen. Angus King and other Senate Armed Services Committee members",
    }
    assert q(doc, "dp-imminent-threat")["raised"] is True
