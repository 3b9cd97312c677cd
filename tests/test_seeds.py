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

EXPECTED_BOAT = {  # question id: (status, why the seed article gives it that status)
    "dp-identities": ("open", "no one killed is named; Paul's objection that they had no due process raises it"),
    "dp-status-and-location": ("open", "neither the status of those aboard nor the maritime zone is reported"),
    "dp-capture-feasibility": ("open", "nothing says whether the boat could have been stopped and boarded"),
    "dp-imminent-threat": ("open", "no source says those aboard threatened anyone"),
    "dp-authorization-process": ("open", "the article names no one who authorized the strike and no legal basis"),
    "dp-survivors": ("not_applicable", "no survivor, rescue, detention or follow-up strike is reported"),
    "dp-adjudication": ("open", "no charge or judicial process is recorded; Paul raises it"),
    "dp-military-law-enforcement": (
        "open",
        "the military struck suspected traffickers; nothing on its law-enforcement role",
    ),
    "dp-survivor-status": ("not_applicable", "no survivor or captive is reported"),
    "wp-48-hour-report": ("open", "no report to Congress is recorded; Democrats say they were not briefed"),
    "wp-report-contents": ("not_applicable", "there is no report to Congress whose contents could be read"),
    "wp-incident-report": ("open", "no report or exception under the armed-conflict notice statute is recorded"),
    "wp-authorization": ("open", "no source asserts or disputes domestic authority for the strike"),
    "wp-hostilities-clock": ("open", "the executive takes no position on hostilities in this article"),
    "wp-consultation": ("open", "Democrats say they were not briefed; no consultation is recorded"),
    "wp-legal-framework-notice": ("not_applicable", "no armed conflict, self-defence or designation is invoked yet"),
    "wp-sensitive-operation-notice": (
        "open",
        "no notice to the defense committees is recorded; Democrats raise briefing",
    ),
    "wp-covert-action-finding": (
        "not_applicable",
        "the military acted openly; no intelligence agency or covert action",
    ),
    "wp-domestic-legal-basis": ("open", "the executive names no domestic legal basis"),
    "ev-state-direction": ("contested", "the leaked DHS memo asserts state direction; the NIC assessment denies it"),
    "ev-drug-flow-claims": ("contested", "the administration's drug-flow claim is denied by the DEA's figures"),
    "ev-primary-evidence": ("open", "no footage, cargo or identities are recorded as released"),
    "ev-source-strength": ("open", "the reporting rests on anonymous sources and a leaked memo, unweighed"),
    "ev-independent-corroboration": ("open", "no independent account of the strike is recorded"),
    "ev-investigation": ("not_applicable", "no one is recorded as killed in this first report"),
    "ev-account-changes": ("not_applicable", "there is only one official account"),
}


@pytest.mark.parametrize("qid", sorted(EXPECTED_BOAT))
def test_boat_strike_status(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    assert q(seed_results[BOAT], qid)["status"] == EXPECTED_BOAT[qid][0], EXPECTED_BOAT[qid][1]


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

MOVES = {  # question id: (status as first reported, status in the later record, what the later record adds)
    "wp-48-hour-report": ("open", "answered", "the President's 4 September report is dated two days after the strike"),
    "wp-report-contents": ("not_applicable", "answered", "the report was made public in full and states its authority"),
    "wp-authorization": ("open", "contested", "the President asserts authority; Armed Services senators deny it"),
    "wp-hostilities-clock": ("open", "answered", "the administration asserts an armed conflict with cartels"),
    "wp-consultation": ("open", "answered", "the Pentagon briefed congressional committees on 1 October"),
    "wp-legal-framework-notice": (
        "not_applicable",
        "open",
        "an armed conflict is now invoked; senators ask for its basis",
    ),
    "dp-authorization-process": ("open", "answered", "the President ordered the strike and invokes Article II"),
    "ev-primary-evidence": ("open", "contested", "the President posted video; senators say the claims lack evidence"),
    "ev-investigation": ("not_applicable", "open", "11 people are reported killed and no investigation is recorded"),
    "ev-account-changes": ("not_applicable", "open", "several official statements are recorded; none is compared"),
}

UNCHANGED = {  # question id: (status in both records, why it does not move)
    "dp-identities": ("open", "no one killed is named in either record"),
    "dp-status-and-location": ("open", "the maritime zone stays unreported; 'international waters' is only asserted"),
    "dp-capture-feasibility": ("open", "no source says whether capture was possible"),
    "dp-imminent-threat": ("open", "the President's self-defence claim does not say who threatened whom, or how"),
    "dp-survivors": ("not_applicable", "no survivor is reported in either record"),
    "dp-adjudication": ("open", "no charge or judicial process is recorded"),
    "dp-military-law-enforcement": ("open", "no source addresses the military's law-enforcement role"),
    "dp-survivor-status": ("not_applicable", "no survivor or captive is reported"),
    "wp-incident-report": ("open", "the notice names no exception and no report under the statute is recorded"),
    "wp-sensitive-operation-notice": ("open", "no notice to the defense committees within 48 hours is recorded"),
    "wp-covert-action-finding": ("not_applicable", "the military acted openly in both records"),
    "wp-domestic-legal-basis": (
        "open",
        "Article II is invoked, but no legal opinion is recorded as existing or public",
    ),
    "ev-state-direction": ("contested", "the DHS memo and the NIC assessment still disagree"),
    "ev-drug-flow-claims": ("contested", "the drug-flow claim and the DEA's figures still disagree"),
    "ev-source-strength": ("open", "no source weighs the anonymous and leaked material"),
    "ev-independent-corroboration": ("open", "no independent account of the strike is recorded"),
}


def test_later_version_is_the_same_incident_later(seed_results: dict[str, dict[str, Any]]) -> None:
    before, after = seed_results[BOAT]["incident"], seed_results[LATER]["incident"]
    assert before["id"] != after["id"]
    assert after["as_of"] > before["as_of"]
    assert after["date"] == "2025-09-02"


@pytest.mark.parametrize("qid", sorted(MOVES))
def test_status_moves(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    before, after, why = MOVES[qid]
    assert (q(seed_results[BOAT], qid)["status"], q(seed_results[LATER], qid)["status"]) == (before, after), why


@pytest.mark.parametrize("qid", sorted(UNCHANGED))
def test_status_stays(seed_results: dict[str, dict[str, Any]], qid: str) -> None:
    status, why = UNCHANGED[qid]
    assert q(seed_results[BOAT], qid)["status"] == q(seed_results[LATER], qid)["status"] == status, why


def test_every_question_is_covered_by_the_move_table() -> None:
    assert set(MOVES) | set(UNCHANGED) == set(EXPECTED_BOAT)
    assert not set(MOVES) & set(UNCHANGED)
    assert all(EXPECTED_BOAT[qid][0] == MOVES[qid][0] for qid in MOVES)
    assert all(EXPECTED_BOAT[qid][0] == UNCHANGED[qid][0] for qid in UNCHANGED)


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
