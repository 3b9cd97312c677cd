"""The law-of-the-sea, use-of-force and armed-conflict checklists: on the seeds, and as rule files."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import SEEDS, question

BOAT = "boat-strike-2025-09"
PLANNED = "venezuela-planned-strikes-2025-09"
INTL = ("maritime-law", "use-of-force", "armed-conflict")
QUESTION_TAGS = {"international", "law-of-the-sea", "ihl", "human-rights", "us-domestic"}


def _claim_pointer(seed: str, proposition: str, stance: str) -> str:
    """The JSON Pointer of the one claim in a seed with this proposition and stance."""
    claims = json.loads((SEEDS / f"{seed}.json").read_text(encoding="utf-8"))["claims"]
    found = [i for i, c in enumerate(claims) if c["proposition"] == proposition and c["stance"] == stance]
    assert len(found) == 1, found
    return f"/claims/{found[0]}"


def _checklist(doc: dict[str, Any], checklist_id: str) -> dict[str, Any]:
    return next(c for c in doc["checklists"] if c["id"] == checklist_id)


# ---- the boat strike as first reported ----------------------------------------------------------


@pytest.mark.parametrize("qid", ["ml-location-zone", "ml-interference-basis", "ml-stop-and-warn"])
def test_boat_strike_maritime_questions_raised_by_the_experts(
    seed_results: dict[str, dict[str, Any]], qid: str
) -> None:
    experts = _claim_pointer(BOAT, "strike.complies-with-maritime-law", "denies")
    q = question(seed_results[BOAT], "maritime-law", qid)
    assert q["raised"] is True
    assert [r["pointer"] for r in q["raised_by"]] == [experts]


def test_boat_strike_location_is_open(seed_results: dict[str, dict[str, Any]]) -> None:
    q = question(seed_results[BOAT], "maritime-law", "ml-location-zone")
    assert q["status"] == "open"
    assert q["evidence"] == []


def test_boat_strike_flag_question_open_and_raised_by_nobody(seed_results: dict[str, dict[str, Any]]) -> None:
    q = question(seed_results[BOAT], "maritime-law", "ml-vessel-nationality")
    assert q["status"] == "open"
    assert q["raised"] is False
    assert q["raised_by"] == []


def test_boat_strike_statuses(seed_results: dict[str, dict[str, Any]]) -> None:
    doc = seed_results[BOAT]
    expected = {
        ("maritime-law", "ml-rescue"): "not_applicable",
        ("maritime-law", "ml-foreign-state-contact"): "open",
        ("maritime-law", "ml-cargo-evidence"): "open",
        ("use-of-force", "uf-attribution"): "contested",
        ("use-of-force", "uf-threat-of-force"): "not_applicable",
        ("use-of-force", "uf-security-council-report"): "open",
        ("armed-conflict", "ac-conflict-exists"): "open",
        ("armed-conflict", "ac-law-enforcement-standard"): "open",
        ("armed-conflict", "ac-hors-de-combat"): "open",
    }
    got = {key: question(doc, *key)["status"] for key in expected}
    assert got == expected
    for checklist_id in INTL:
        assert _checklist(doc, checklist_id)["applicable"] is True


# ---- the contemplated strikes on Venezuelan airfields -------------------------------------------


def test_planned_airfield_strikes_not_a_maritime_matter(seed_results: dict[str, dict[str, Any]]) -> None:
    maritime = _checklist(seed_results[PLANNED], "maritime-law")
    assert maritime["applicable"] is False
    assert {q["status"] for q in maritime["questions"]} == {"not_applicable"}


def test_planned_airfield_strikes_engage_the_use_of_force_checklist(seed_results: dict[str, dict[str, Any]]) -> None:
    doc = seed_results[PLANNED]
    assert _checklist(doc, "use-of-force")["applicable"] is True
    planned = _claim_pointer(PLANNED, "acting-state.plans-force", "asserts")
    target = question(doc, "use-of-force", "uf-target-and-place")
    assert target["status"] == "answered"
    assert [r["pointer"] for r in target["raised_by"]] == [planned]
    threat = question(doc, "use-of-force", "uf-threat-of-force")
    assert (threat["status"], threat["raised"]) == ("open", True)
    assert question(doc, "use-of-force", "uf-attribution")["status"] == "contested"
    assert question(doc, "use-of-force", "uf-security-council-report")["status"] == "not_applicable"
    assert question(doc, "armed-conflict", "ac-interstate-conflict")["status"] == "open"


# ---- the later version of the boat strike: the notice to Congress and the legal bases move questions ----

LATER_MOVES = {
    ("armed-conflict", "ac-conflict-exists"): ("open", "answered"),
    ("armed-conflict", "ac-targetability"): ("open", "answered"),
    ("armed-conflict", "ac-law-enforcement-standard"): ("open", "not_applicable"),
    ("maritime-law", "ml-interference-basis"): ("open", "answered"),
    ("use-of-force", "uf-armed-attack"): ("open", "answered"),
}


@pytest.mark.parametrize(("checklist", "qid"), sorted(LATER_MOVES))
def test_later_reporting_moves_international_questions(
    seed_results: dict[str, dict[str, Any]], checklist: str, qid: str
) -> None:
    before, after = LATER_MOVES[(checklist, qid)]
    assert question(seed_results["boat-strike-2025-09"], checklist, qid)["status"] == before
    assert question(seed_results["boat-strike-2025-09-later"], checklist, qid)["status"] == after


# ---- law in force at the incident date ----------------------------------------------------------------------


def _lethal_strike(day: str) -> dict[str, Any]:
    return {
        "id": f"strike-{day}",
        "title": "A lethal strike",
        "as_of": day,
        "date": day,
        "location": {"domain": "land", "country": "a territorial state", "precision": "approximate"},
        "actors": [{"id": "military", "name": "Armed forces", "kind": "military", "roles": ["acting_state"]}],
        "events": [
            {
                "id": "strike",
                "kind": "strike",
                "force": "military",
                "status": "occurred",
                "actors": ["military"],
                "target": {"kind": "vehicle", "civilians_present": True},
                "outcome": {"lethal": True, "killed": 3, "civilians_killed": 1},
                "sources": ["news"],
            }
        ],
        "sources": [{"id": "news", "kind": "news_report"}],
    }


@pytest.mark.parametrize(
    ("day", "listed", "left_out", "report_status"),
    [
        ("2016-03-07", "§ 2441(b) (before Pub. L. 117-351)", "as amended", "not_applicable"),
        ("2022-12-20", "§ 2441(b) (before Pub. L. 117-351)", "as amended", "open"),
        ("2024-02-07", "as amended by the Justice for Victims of War Crimes Act", "before Pub. L. 117-351", "open"),
    ],
)
def test_law_cited_is_the_law_in_force_at_the_incident_date(
    cli: Any, tmp_path: Any, day: str, listed: str, left_out: str, report_status: str
) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "strike.json").write_text(json.dumps(_lethal_strike(day)), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("analyze", str(records), "--out", str(out), "--format", "json", "--quiet")
    assert result.exit_code == 0, result.output
    doc = json.loads((out / f"strike-{day}.json").read_text(encoding="utf-8"))
    pinpoints = [c["pinpoint"] for c in question(doc, "armed-conflict", "ac-accountability")["citations"]]
    assert any(listed in p for p in pinpoints), pinpoints
    assert not any(left_out in p for p in pinpoints), pinpoints
    assert question(doc, "armed-conflict", "ac-civilian-casualty-report")["status"] == report_status
