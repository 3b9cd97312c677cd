"""Incident schema 2 in the engine: derived fields, keys read as their canonical key, disagreeing casualty figures,
law in force at the incident date, and warnings about proposition keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from conftest import SEEDS, run_cli
from legalcheck import __version__, resources
from legalcheck.engine.analyze import analyze, incident_period
from legalcheck.engine.derive import derived_view
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.loading.checklists import compile_checklist
from legalcheck.report.results import Catalogue, expand, words
from legalcheck.run import ruleset_of

RECORD: dict[str, Any] = {
    "id": "land-strike",
    "title": "A drone strike on a compound, reported to Congress in a classified annex",
    "date": "2020-01-03",
    "as_of": "2020-02-20",
    "actors": [
        {"id": "dod", "name": "Department of Defense", "kind": "military", "roles": ["acting_state"]},
        {"id": "pres", "name": "The President", "kind": "official", "roles": ["acting_state"], "branch": "executive"},
        {"id": "cong", "name": "Congress", "kind": "legislature", "roles": ["acting_state"]},
        {
            "id": "sasc",
            "name": "Senate Armed Services Committee",
            "kind": "legislative_committee",
            "roles": ["acting_state"],
            "committee": "armed_services",
            "chamber": "senate",
        },
        {"id": "unsc", "name": "UN Security Council", "kind": "un_body", "roles": ["independent"]},
        {"id": "gov", "name": "Territorial government", "kind": "government", "roles": ["territorial_state"]},
        {"id": "ngo", "name": "A monitoring group", "kind": "ngo", "roles": ["independent"]},
    ],
    "events": [
        {"id": "strike", "kind": "strike", "actors": ["dod"], "authorized_by": ["pres"], "force": "military"},
        {"id": "wpr", "kind": "notification", "actors": ["pres"], "recipients": ["cong", "sasc"]},
        {"id": "art51", "kind": "notification", "actors": ["pres"], "recipients": ["unsc"]},
        {"id": "reply", "kind": "attack", "actors": ["gov"]},
    ],
    "sources": [
        {"id": "notice", "kind": "government_document", "classification": "classified", "issued_by": "pres"},
        {"id": "news", "kind": "news_report", "attribution": "anonymous"},
        {"id": "report", "kind": "ngo_report", "issued_by": "ngo"},
    ],
    "claims": [
        {"id": "c1", "claimant": "pres", "stance": "asserts", "proposition": "strike.self-defense", "source": "notice"},
        {"id": "c2", "claimant": "gov", "stance": "denies", "proposition": "strike.self-defence", "source": "news"},
        {"id": "c3", "claimant": "gov", "stance": "denies", "proposition": "venezuela.consented", "source": "news"},
    ],
    "casualty_figures": [
        {"id": "f1", "event": "strike", "source": "notice", "claimant": "pres", "killed": 10},
        {"id": "f2", "event": "strike", "source": "report", "claimant": "ngo", "killed": {"min": 14, "max": 20}},
        {"id": "f3", "event": "strike", "source": "news", "killed": {"min": 12}},
        {"id": "f4", "event": "reply", "source": "news", "killed": 0},
    ],
}


def _leaf(select: str, where: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"description": "d", "select": select, "where": where, **extra}


def _checklist(questions: list[dict[str, Any]]) -> Any:
    base = {"text": "t", "why": "w", "would_answer": "w", "citations": [{"instrument": "X", "pinpoint": "§ 1"}]}
    data = {"id": "t", "title": "t", "version": "1.0", "questions": [{**base, **q} for q in questions]}
    return compile_checklist(data, "test", SchemaCompiler())


def _statuses(record: dict[str, Any], questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Each question's result in the full view (law, evidence items and explanation, worded), as reports read it;
    the results document it is expanded from is checked against its schema."""
    checklists = [_checklist(questions)]
    ruleset, rules = ruleset_of(checklists)
    doc = analyze(record, checklists).to_dict(__version__, ruleset)
    jsonschema.validate(doc, resources.schema("results"))
    full = expand(doc, Catalogue(rules))
    return {q["id"]: {**q, "explanation": words(q["explanation"])} for q in full["checklists"][0]["questions"]}


def test_derived_fields_resolve_actors_and_sources_once() -> None:
    view = derived_view(RECORD)
    strike, wpr, art51, reply = view["events"]
    assert strike["actor_roles"] == ["acting_state"] and strike["actor_branches"] == ["executive"]
    assert wpr["recipient_branches"] == ["legislature"]
    assert wpr["recipient_kinds"] == ["legislative_committee", "legislature"]
    assert wpr["recipient_committees"] == ["armed_services"]
    assert art51["recipient_kinds"] == ["un_body"] and art51["recipient_branches"] == []
    assert reply["actor_roles"] == ["territorial_state"]
    c1 = view["claims"][0]
    assert (c1["claimant_kind"], c1["claimant_branch"], c1["source_classification"]) == (
        "official",
        "executive",
        "classified",
    )
    assert view["claims"][1]["source_attribution"] == "anonymous"
    assert view["sources"][0]["issuer_roles"] == ["acting_state"]
    assert view["casualty_figures"][1]["claimant_roles"] == ["independent"]
    assert "actor_roles" not in RECORD["events"][0], "the record itself is not changed"


def test_conditions_tell_who_acted_and_who_was_told() -> None:
    to_legislature = {
        "properties": {
            "kind": {"const": "notification"},
            "actor_roles": {"contains": {"const": "acting_state"}},
            "recipient_branches": {"contains": {"const": "legislature"}},
        },
        "required": ["actor_roles", "recipient_branches"],
    }
    by_acting_state = {
        "properties": {"kind": {"enum": ["strike", "attack"]}, "actor_roles": {"contains": {"const": "acting_state"}}}
    }
    got = _statuses(
        RECORD,
        [
            {"id": "notice", "answered_if": _leaf("/events", to_legislature)},
            {"id": "strike", "answered_if": _leaf("/events", by_acting_state)},
        ],
    )
    assert [e["pointer"] for e in got["notice"]["evidence"]] == ["/events/1"]
    assert [e["pointer"] for e in got["strike"]["evidence"]] == ["/events/0"]
    text = json.dumps(got)
    for derived in ("actor_roles", "recipient_branches", "claimant_kind", "issuer_roles"):
        assert derived not in text, "derived fields never appear in outputs"


def test_aliases_and_replaced_keys_count_as_their_key() -> None:
    got = _statuses(
        RECORD,
        [
            {
                "id": "self-defence",
                "contested_if": _leaf(
                    "/claims", {"properties": {"proposition": {"const": "strike.self-defence"}}}, opposed=True
                ),
            },
            {
                "id": "consent",
                "answered_if": _leaf(
                    "/claims", {"properties": {"proposition": {"const": "territorial-state.consented"}}}
                ),
            },
            {
                "id": "old-key-in-rule",
                "answered_if": _leaf("/claims", {"properties": {"proposition": {"enum": ["venezuela.consented"]}}}),
            },
        ],
    )
    assert got["self-defence"]["status"] == "contested"
    assert [e["pointer"] for e in got["self-defence"]["evidence"]] == ["/claims/0", "/claims/1"]
    assert got["consent"]["status"] == "answered"
    assert got["old-key-in-rule"]["status"] == "answered"


def test_casualty_figures_that_disagree_are_opposed() -> None:
    question = {"id": "figures", "contested_if": _leaf("/casualty_figures", {"type": "object"}, opposed=True)}
    got = _statuses(RECORD, [question])["figures"]
    assert got["status"] == "contested"
    # 10 against 14-20 and against "at least 12"; 14-20 and "at least 12" overlap, and f4 is another event
    assert [e["pointer"] for e in got["evidence"]] == [
        "/casualty_figures/0",
        "/casualty_figures/1",
        "/casualty_figures/2",
    ]
    assert got["evidence"][1]["summary"] == "casualty figure (A monitoring group): killed 14 to 20"
    assert got["evidence"][2]["summary"] == "casualty figure: killed at least 12"
    assert got["evidence"][1]["sources"] == ["report"]
    agreeing = {**RECORD, "casualty_figures": RECORD["casualty_figures"][1:]}
    assert _statuses(agreeing, [question])["figures"]["status"] == "open"


def test_law_in_force_at_the_incident_date() -> None:
    old = {"instrument": "Act", "pinpoint": "§ 1 (before 2023)", "in_force_until": "2023-01-04"}
    new = {"instrument": "Act", "pinpoint": "§ 1 (as amended)", "in_force_from": "2023-01-05"}
    questions = [
        {"id": "later-law", "in_force_from": "2023-12-22"},
        {"id": "changed-law", "citations": [old, new]},
    ]
    got = _statuses(RECORD, questions)
    assert got["later-law"]["status"] == "not_applicable"
    assert "took effect on 2023-12-22" in got["later-law"]["explanation"][0]
    assert [c["pinpoint"] for c in got["changed-law"]["citations"]] == ["§ 1 (before 2023)"]
    assert any("§ 1 (as amended)" in line for line in got["changed-law"]["explanation"])
    later = _statuses({**RECORD, "date": "2024-03"}, questions)
    assert later["later-law"]["status"] == "open"
    assert [c["pinpoint"] for c in later["changed-law"]["citations"]] == ["§ 1 (as amended)"]


def test_derived_fields_name_who_authorized_an_event() -> None:
    record = {
        "actors": [
            {"id": "agency", "kind": "agency", "roles": ["acting_state"]},
            {"id": "forces", "kind": "military", "roles": ["acting_state"]},
        ],
        "events": [{"id": "raid", "kind": "strike", "actors": ["forces"], "authorized_by": ["agency"]}, {"id": "e2"}],
    }
    raid, other = derived_view(record)["events"]
    assert (raid["authorizer_roles"], raid["authorizer_kinds"]) == (["acting_state"], ["agency"])
    assert raid["actor_kinds"] == ["military"]
    assert (other["authorizer_roles"], other["authorizer_kinds"]) == ([], [])


def test_incident_period_reads_partial_dates() -> None:
    assert incident_period({"as_of": "2024"}) == ("2024-01-01", "2024-12-31")
    assert incident_period({"date": "2020-01", "as_of": "2024"}) == ("2020-01-01", "2020-01-31")
    assert incident_period({"date": "2020-01-02", "date_end": "2020-01-09", "as_of": "2024"}) == (
        "2020-01-02",
        "2020-01-09",
    )


def test_month_precision_dates_end_on_the_last_day_of_their_month() -> None:
    assert incident_period({"date": "2025-09", "as_of": "2025-10"}) == ("2025-09-01", "2025-09-30")
    assert incident_period({"date": "2024-02", "as_of": "2024"}) == ("2024-02-01", "2024-02-29")
    assert incident_period({"date": "2023-02", "as_of": "2024"}) == ("2023-02-01", "2023-02-28")
    assert incident_period({"date": "2025-09-02", "date_end": "2025-11", "as_of": "2026"}) == (
        "2025-09-02",
        "2025-11-30",
    )
    # a provision in force from the first of the next month did not reach a September incident, and the explanation
    # prints the month as the days it stands for
    questions = [
        {"id": "later-law", "in_force_from": "2025-10-01"},
        {"id": "same-month", "in_force_from": "2025-09-30"},
    ]
    got = _statuses({**RECORD, "date": "2025-09"}, questions)
    assert got["later-law"]["status"] == "not_applicable"
    assert "(2025-09-01 to 2025-09-30)" in got["later-law"]["explanation"][0]
    assert not any("2025-09-31" in line for q in got.values() for line in q["explanation"])
    assert got["same-month"]["status"] != "not_applicable"


def test_analyze_warns_about_keys_and_strict_makes_them_errors(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    record.write_text(json.dumps(RECORD), encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("analyze", str(record), "--out", str(out), "--format", "json")
    assert done.exit_code == 0, done.output
    assert "/claims/0/proposition: warning: proposition 'strike.self-defense' is an alias" in done.output
    assert "/claims/2/proposition: warning: proposition 'venezuela.consented' is replaced by" in done.output
    strict = run_cli("analyze", str(record), "--out", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 2
    assert "error: " in strict.output and "is an alias of 'strike.self-defence'" in strict.output
    assert not (tmp_path / "strict").exists()


def test_seeds_use_general_keys_only() -> None:
    done = run_cli("validate", "--strict", str(SEEDS))
    assert done.exit_code == 0, done.output
    assert "warning" not in done.output


def test_record_format_doc_shows_the_example_and_its_condition_selects_the_report_to_congress() -> None:
    root = SEEDS.parent
    page = (root / "docs" / "record-format.md").read_text(encoding="utf-8")
    example = root / "docs" / "examples" / "records" / "drone-strike-on-land.json"
    text = example.read_text(encoding="utf-8")
    assert f"```json docs/examples/records/drone-strike-on-land.json\n{text}```" in page
    done = run_cli("validate", "--strict", str(example))
    assert done.exit_code == 0 and "warning" not in done.output, done.output
    blocks = page.split("```json\n")[1:]
    condition = json.loads(blocks[0].split("```")[0])
    record = json.loads(text)
    got = _statuses(record, [{"id": "q", "answered_if": condition}])["q"]
    assert [e["pointer"] for e in got["evidence"]] == ["/events/1"]
    figures = {"id": "f", "contested_if": _leaf("/casualty_figures", {"type": "object"}, opposed=True)}
    assert _statuses(record, [figures])["f"]["status"] == "contested"


def test_the_scaffold_placeholder_never_passes_silently(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert run_cli("new", "incident", "new-incident", "--out", str(target)).exit_code == 0
    done = run_cli("validate", str(target))
    assert done.exit_code == 0
    assert (
        "/claims/0/proposition: warning: proposition 'replace.with-a-proposition-key' is the scaffold's" in done.output
    )
    assert run_cli("validate", "--strict", str(target)).exit_code == 2


def test_keys_a_rule_file_declares_or_reads_are_known(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    question = {
        "id": "q",
        "text": "t",
        "why": "w",
        "would_answer": "w",
        "citations": [{"instrument": "X", "pinpoint": "§ 1"}],
        "answered_if": _leaf("/claims", {"properties": {"proposition": {"const": "local.read-key"}}}),
    }
    rules.write_text(
        json.dumps(
            {
                "id": "local-keys",
                "title": "t",
                "version": "1.0",
                "propositions": [{"key": "local.declared-key", "meaning": "m", "aliases": ["local.other-spelling"]}],
                "questions": [question],
            }
        ),
        encoding="utf-8",
    )
    record = tmp_path / "r.json"
    claims = [
        {"id": f"c{i}", "claimant": "a", "stance": "asserts", "proposition": key, "source": "s"}
        for i, key in enumerate(["local.read-key", "local.declared-key", "local.other-spelling"])
    ]
    record.write_text(
        json.dumps(
            {
                "id": "r",
                "title": "t",
                "as_of": "2024",
                "actors": [{"id": "a", "name": "A", "kind": "other"}],
                "sources": [{"id": "s", "kind": "other"}],
                "claims": claims,
            }
        ),
        encoding="utf-8",
    )
    alone = run_cli("validate", str(record))
    assert alone.output.count(": warning: ") == 3
    together = run_cli("validate", str(rules), str(record))
    assert together.output.count(": warning: ") == 1
    assert "'local.other-spelling' is an alias of 'local.declared-key'" in together.output
    with_rules = run_cli("validate", "--rules", str(rules), str(record))
    assert with_rules.output.count(": warning: ") == 1
    listed = run_cli("propositions", "--rules", str(rules), "local")
    assert "local.declared-key: m" in listed.output
