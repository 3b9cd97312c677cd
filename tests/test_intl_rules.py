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


def test_boat_strike_international_checklists_apply(seed_results: dict[str, dict[str, Any]]) -> None:
    """Their pinned statuses, with reasons, are in tests/data/seed-statuses.json (checked by tests/test_seeds.py)."""
    for checklist_id in INTL:
        assert _checklist(seed_results[BOAT], checklist_id)["applicable"] is True


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
