"""The issue profile the seed article implies, and how it moves in the later version of the boat-strike record.

Statuses of named questions are asserted exactly; `seed_results` analyzes every seed with the built-in checklists.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import question

BOAT = "boat-strike-2025-09"
LATER = "boat-strike-2025-09-later"
PLANNED = "venezuela-planned-strikes-2025-09"

CHECKLIST_OF = {"dp": "due-process", "wp": "congressional-notification", "ev": "evidentiary-basis"}


def q(doc: dict[str, Any], qid: str) -> dict[str, Any]:
    return question(doc, CHECKLIST_OF[qid.split("-")[0]], qid)


def raisers(doc: dict[str, Any], qid: str) -> set[str]:
    return {e.get("claimant", "") for e in q(doc, qid)["raised_by"]}


# --- the boat strike as of the seed article (10 September 2025) -----------------------------------------

EXPECTED_BOAT = {
    "dp-identities": "open",
    "dp-status-and-location": "open",
    "dp-capture-feasibility": "open",
    "dp-imminent-threat": "open",
    "dp-authorization-process": "open",
    "dp-survivors": "not_applicable",
    "dp-adjudication": "open",
    "wp-48-hour-report": "open",
    "wp-report-contents": "not_applicable",
    "wp-incident-report": "open",
    "wp-authorization": "open",
    "wp-hostilities-clock": "open",
    "wp-consultation": "open",
    "wp-legal-framework-notice": "not_applicable",
    "ev-state-direction": "contested",
    "ev-drug-flow-claims": "contested",
    "ev-primary-evidence": "open",
    "ev-source-strength": "open",
    "ev-independent-corroboration": "open",
    "ev-investigation": "not_applicable",
    "ev-account-changes": "not_applicable",
}


@pytest.mark.parametrize("qid", sorted(EXPECTED_BOAT))
def test_boat_strike_status(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    assert q(seed_results[BOAT], qid)["status"] == EXPECTED_BOAT[qid]


@pytest.mark.parametrize("qid", ["dp-identities", "dp-capture-feasibility", "dp-adjudication"])
def test_due_process_raised_by_rand_paul(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    result = q(seed_results[BOAT], qid)
    assert result["raised"] is True
    assert raisers(seed_results[BOAT], qid) == {"Sen. Rand Paul"}
    assert result["raised_by"][0]["stance"] == "denies"
    assert "without due process" in result["raised_by"][0]["quote"]


@pytest.mark.parametrize("qid", ["wp-48-hour-report", "wp-consultation", "wp-authorization"])
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


@pytest.mark.parametrize(
    ("doc_id", "qid"),
    [
        (BOAT, "dp-status-and-location"),
        (BOAT, "dp-imminent-threat"),
        (BOAT, "wp-incident-report"),
        (BOAT, "wp-hostilities-clock"),
        (BOAT, "ev-primary-evidence"),
        (BOAT, "ev-independent-corroboration"),
        (PLANNED, "wp-authorization"),
        (PLANNED, "wp-consultation"),
        (PLANNED, "ev-source-strength"),
        (LATER, "wp-incident-report"),
        (LATER, "ev-independent-corroboration"),
    ],
)
def test_open_questions_no_source_raises(seed_results: dict[str, dict[str, Any]], doc_id: str, qid: str) -> None:
    result = q(seed_results[doc_id], qid)
    assert (result["status"], result["raised"], result["raised_by"]) == ("open", False, [])


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

MOVES = {
    "wp-48-hour-report": ("open", "answered"),
    "wp-report-contents": ("not_applicable", "answered"),
    "wp-authorization": ("open", "contested"),
    "wp-hostilities-clock": ("open", "answered"),
    "wp-consultation": ("open", "answered"),
    "wp-legal-framework-notice": ("not_applicable", "open"),
    "dp-authorization-process": ("open", "answered"),
    "ev-primary-evidence": ("open", "contested"),
    "ev-investigation": ("not_applicable", "open"),
    "ev-account-changes": ("not_applicable", "open"),
}

UNCHANGED = {
    "dp-identities": "open",
    "dp-status-and-location": "open",
    "dp-capture-feasibility": "open",
    "dp-imminent-threat": "open",
    "dp-survivors": "not_applicable",
    "dp-adjudication": "open",
    "wp-incident-report": "open",
    "ev-state-direction": "contested",
    "ev-drug-flow-claims": "contested",
    "ev-source-strength": "open",
    "ev-independent-corroboration": "open",
}


def test_later_version_is_the_same_incident_later(seed_results: dict[str, dict[str, Any]]) -> None:
    before, after = seed_results[BOAT]["incident"], seed_results[LATER]["incident"]
    assert before["id"] != after["id"]
    assert after["as_of"] > before["as_of"]
    assert after["date"] == "2025-09-02"


@pytest.mark.parametrize("qid", sorted(MOVES))
def test_status_moves(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    assert (q(seed_results[BOAT], qid)["status"], q(seed_results[LATER], qid)["status"]) == MOVES[qid]


@pytest.mark.parametrize("qid", sorted(UNCHANGED))
def test_status_stays(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    assert q(seed_results[BOAT], qid)["status"] == q(seed_results[LATER], qid)["status"] == UNCHANGED[qid]


def test_every_question_is_covered_by_the_move_table() -> None:
    assert set(MOVES) | set(UNCHANGED) == set(EXPECTED_BOAT)
    assert not set(MOVES) & set(UNCHANGED)


def test_the_report_two_days_later_answers_the_48_hour_question(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-48-hour-report")
    answered = [e for e in result["evidence"] if e["role"] == "answered"]
    assert [e["summary"].split(":")[0] for e in answered] == ["notification (2025-09-04)"]
    assert answered[0]["sources"][0] == "war-powers-report-2025-09-04"


def test_the_armed_conflict_notice_answers_the_hostilities_question(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-hostilities-clock")
    assert raisers(seed_results[LATER], "wp-hostilities-clock") == {"Trump administration"}
    quotes = [e.get("quote", "") for e in result["evidence"] if e["role"] == "answered"]
    assert any("non-international armed conflict" in quote for quote in quotes)
    assert any(e["pointer"].startswith("/legal_bases/") for e in result["evidence"])


def test_authority_claimed_and_denied(seed_results: dict[str, dict[str, Any]]) -> None:
    result = q(seed_results[LATER], "wp-authorization")
    contested = {(e["claimant"], e["stance"]) for e in result["evidence"] if e["role"] == "contested"}
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
