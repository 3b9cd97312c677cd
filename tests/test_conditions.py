"""The condition language: selection, matching, counts, opposition, combinators, and their explanations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, assert_clean_error, run_cli
from legalcheck.engine.conditions import Leaf, build
from legalcheck.engine.evaluator import EVALUATORS, SchemaCompiler
from legalcheck.engine.selection import Cache, Match, Narrowing, Selection, narrowing_of, select
from legalcheck.errors import UsageError
from legalcheck.report.results import condition_lines

RECORD: dict[str, Any] = {
    "id": "r",
    "events": [
        {"id": "e1", "kind": "strike", "outcome": {"killed": 3}},
        {"id": "e2", "kind": "briefing"},
    ],
    "claims": [
        {"id": "c1", "proposition": "p.x", "stance": "asserts", "source": "s1"},
        {"id": "c2", "proposition": "p.x", "stance": "denies", "source": "s2"},
        {"id": "c3", "proposition": "p.y", "stance": "asserts", "source": "s1"},
        {"id": "c4", "proposition": "p.y", "stance": "questions", "source": "s2"},
    ],
    "location": {"domain": "sea"},
    "a/b": {"~k": 1},
}


@pytest.fixture(params=EVALUATORS)
def compiler(request: pytest.FixtureRequest) -> SchemaCompiler:
    return SchemaCompiler(request.param)


def words(spec: dict[str, Any], outcome: Any) -> list[str]:
    """A condition's trace as a report words it."""
    return condition_lines(spec, outcome.trace)


def evaluate(spec: dict[str, Any], compiler: SchemaCompiler) -> Any:
    return build(spec, compiler).evaluate(Cache(RECORD))


def test_select_expands_arrays_and_wildcards() -> None:
    assert [m.pointer for m in select(RECORD, "/events")] == ["/events/0", "/events/1"]
    assert [m.pointer for m in select(RECORD, "/events/*/outcome")] == ["/events/0/outcome"]
    assert [m.pointer for m in select(RECORD, "/location")] == ["/location"]
    assert [m.pointer for m in select(RECORD, "/a~1b/~0k")] == ["/a~1b/~0k"]
    assert select(RECORD, "/missing") == []
    assert [m.pointer for m in select(RECORD, "")] == [""]


def test_leaf_matches_items_and_reports_them(compiler: SchemaCompiler) -> None:
    spec = {"description": "a strike", "select": "/events", "where": {"properties": {"kind": {"const": "strike"}}}}
    outcome = evaluate(spec, compiler)
    assert outcome.holds
    assert [m.pointer for m in outcome.matches] == ["/events/0"]
    assert outcome.trace == ([True, 2, 1, ["/events/0"]],)
    assert words(spec, outcome) == ["yes: a strike (1 of 2 in /events match: /events/0)"]


def test_leaf_that_fails_says_what_it_checked(compiler: SchemaCompiler) -> None:
    spec = {"description": "a boarding", "select": "/events", "where": {"properties": {"kind": {"const": "boarding"}}}}
    outcome = evaluate(spec, compiler)
    assert not outcome.holds
    assert outcome.matches == ()
    assert words(spec, outcome) == ["no: a boarding (nothing in /events matches (2 checked))"]


def test_min_and_max_counts(compiler: SchemaCompiler) -> None:
    spec = {"description": "claims", "select": "/claims", "where": {"properties": {"stance": {"const": "asserts"}}}}
    assert evaluate({**spec, "min": 2}, compiler).holds
    assert not evaluate({**spec, "min": 3}, compiler).holds
    assert not evaluate({**spec, "max": 1}, compiler).holds
    nothing = {**spec, "where": False, "min": 0, "max": 0}
    none = evaluate(nothing, compiler)
    assert none.holds and "none found" in words(nothing, none)[0]


def test_opposed_needs_an_assertion_and_a_denial_of_one_proposition(compiler: SchemaCompiler) -> None:
    outcome = evaluate({"description": "disputed", "select": "/claims", "where": True, "opposed": True}, compiler)
    assert outcome.holds
    assert [m.pointer for m in outcome.matches] == ["/claims/0", "/claims/1"]  # p.y is only questioned
    only_y = evaluate(
        {
            "description": "y",
            "select": "/claims",
            "where": {"properties": {"proposition": {"const": "p.y"}}},
            "opposed": True,
        },
        compiler,
    )
    assert not only_y.holds


def test_combinators_collect_evidence_only_when_they_hold(compiler: SchemaCompiler) -> None:
    strike = {"description": "a strike", "select": "/events", "where": {"properties": {"kind": {"const": "strike"}}}}
    at_sea = {"description": "at sea", "select": "/location", "where": {"properties": {"domain": {"const": "sea"}}}}
    boarding = {
        "description": "a boarding",
        "select": "/events",
        "where": {"properties": {"kind": {"const": "boarding"}}},
    }
    both_spec = {"description": "strike at sea", "all": [strike, at_sea]}
    both = evaluate(both_spec, compiler)
    assert both.holds and [m.pointer for m in both.matches] == ["/events/0", "/location"]
    lines = words(both_spec, both)
    assert lines[0] == "yes: strike at sea" and lines[1].startswith("  yes: a strike")
    either_spec = {"any": [boarding, at_sea]}
    either = evaluate(either_spec, compiler)
    assert either.holds and [m.pointer for m in either.matches] == ["/location"]
    assert words(either_spec, either) == [
        "yes: any of",
        "  no: a boarding (nothing in /events matches (2 checked))",
        "  yes: at sea (1 of 1 in /location match: /location)",
    ]
    neither = evaluate({"all": [strike, boarding]}, compiler)
    assert not neither.holds and neither.matches == ()
    negated_spec = {"description": "no boarding", "not": boarding}
    negated = evaluate(negated_spec, compiler)
    assert negated.holds and negated.matches == () and words(negated_spec, negated)[0] == "yes: no boarding"


def test_equal_schemas_compile_once() -> None:
    compiler = SchemaCompiler()
    first = compiler.compile({"type": "object", "required": ["a"]})
    second = compiler.compile({"required": ["a"], "type": "object"})
    assert first is second and len(compiler) == 1


def test_evaluator_is_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGALCHECK_EVALUATOR", raising=False)
    assert SchemaCompiler().evaluator == "jsonschema_rs"
    for name in EVALUATORS:
        monkeypatch.setenv("LEGALCHECK_EVALUATOR", name)
        assert SchemaCompiler().evaluator == name
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", "")
    assert SchemaCompiler().evaluator == "jsonschema_rs"


@pytest.mark.parametrize("name", ["nonsense", "JSONSCHEMA", "jsonschema-rs"])
def test_unknown_evaluator_is_rejected(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", name)
    with pytest.raises(UsageError, match=f"LEGALCHECK_EVALUATOR='{name}' is not an evaluator"):
        SchemaCompiler()
    assert SchemaCompiler("jsonschema").evaluator == "jsonschema", "an explicit choice does not read the environment"


@pytest.mark.parametrize("command", [("analyze", "seeds"), ("validate", "seeds"), ("rules", "test")])
def test_unknown_evaluator_is_a_clean_error_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", "fast")
    result = run_cli(*command, *(["--out", str(tmp_path / "out")] if command[0] == "analyze" else []))
    assert_clean_error(result, "LEGALCHECK_EVALUATOR='fast' is not an evaluator: set it to jsonschema_rs or jsonschema")
    assert not (tmp_path / "out").exists()


def test_narrowing_reads_string_const_and_enum_only() -> None:
    assert narrowing_of({"properties": {"kind": {"const": "strike"}}, "required": ["kind"]}) == Narrowing(
        "kind", frozenset({"strike"}), True
    )
    assert narrowing_of({"properties": {"n": {"enum": [1, 2]}, "kind": {"enum": ["a", "b"]}}}) == Narrowing(
        "kind", frozenset({"a", "b"}), False
    )
    assert narrowing_of({"properties": {"kind": {"type": "string"}}}) is None
    assert narrowing_of({"properties": {"killed": {"enum": [3, "unknown"]}}}) is None, "a mixed enum does not narrow"
    assert narrowing_of({"properties": {"flag": {"const": None}}}) is None
    assert narrowing_of({"properties": {"kind": {"enum": []}}}) is None
    assert narrowing_of({"properties": {"kind": True, "k": {"const": "x"}}}) == Narrowing("k", frozenset({"x"}), False)
    assert narrowing_of({"properties": {"k": {"const": "x"}}, "required": "k"}) == Narrowing(
        "k", frozenset({"x"}), False
    )
    assert narrowing_of({"properties": []}) is None
    assert narrowing_of({"anyOf": [{"properties": {"kind": {"const": "a"}}}]}) is None
    assert narrowing_of(True) is None


def test_candidates_keep_what_the_schema_might_still_accept() -> None:
    items = [{"kind": "a"}, {"kind": "b"}, {"other": 1}, "text", {"kind": 3}, {"kind": "a"}]
    selection = Selection([Match(f"/x/{i}", v) for i, v in enumerate(items)])
    optional = selection.candidates(Narrowing("kind", frozenset({"a"}), False))
    assert [m.pointer for m in optional] == ["/x/0", "/x/2", "/x/3", "/x/5"]
    required = selection.candidates(Narrowing("kind", frozenset({"a", "b"}), True))
    assert [m.pointer for m in required] == ["/x/0", "/x/1", "/x/3", "/x/5"]
    assert selection.candidates(None) == selection.items


@pytest.mark.parametrize(
    ("where", "matching"),
    [
        ({"properties": {"killed": {"enum": [3, "unknown"]}}}, ["/events/0", "/events/1", "/events/2"]),
        ({"properties": {"killed": {"enum": [3, "unknown"]}}, "required": ["killed"]}, ["/events/0", "/events/1"]),
        ({"properties": {"killed": {"const": 3}}, "required": ["killed"]}, ["/events/0"]),
        ({"properties": {"killed": {"enum": ["3"]}}, "required": ["killed"]}, []),
        ({"properties": {"killed": {"enum": [True, "unknown"]}}, "required": ["killed"]}, ["/events/1"]),
    ],
)
def test_non_string_values_in_enum_and_const_still_match(
    compiler: SchemaCompiler, where: dict[str, Any], matching: list[str]
) -> None:
    """`enum: [3, "unknown"]` matches `killed: 3`: narrowing by the strings alone would lose it."""
    record = {"events": [{"killed": 3}, {"killed": "unknown"}, {"kind": "strike"}, {"killed": 4}]}
    outcome = build({"description": "d", "select": "/events", "where": where, "min": 0}, compiler).evaluate(
        Cache(record)
    )
    assert [m.pointer for m in outcome.matches] == matching


def test_a_schema_is_compiled_when_an_item_first_reaches_it() -> None:
    compiler = SchemaCompiler()
    spec = {"description": "d", "select": "/claims/*", "where": {"properties": {"stance": {"const": "denies"}}}}
    leaf = build(spec, compiler)
    assert isinstance(leaf, Leaf) and len(compiler) == 0
    assert not leaf.evaluate(Cache({"claims": []})).holds and len(compiler) == 0, "no item: nothing compiled"
    pinned = {**spec, "where": {"properties": {"stance": {"const": "denies"}}, "required": ["stance"]}}
    narrowed = build(pinned, compiler)
    assert not narrowed.evaluate(Cache({"claims": [{"stance": "asserts"}]})).holds and len(compiler) == 0
    assert leaf.evaluate(Cache({"claims": [{"stance": "denies"}]})).holds and len(compiler) == 1
    assert isinstance(narrowed, Leaf) and narrowed.compiled() is narrowed.compiled() and len(compiler) == 2
