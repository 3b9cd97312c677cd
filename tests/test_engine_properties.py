"""Properties that must hold for every schema and record, not only for the examples written down.

* Narrowing (skipping items a schema's ``const``/``enum`` rules out before the schema is evaluated) never changes
  which items a condition matches: on generated schemas (``const``, ``enum`` with mixed types, ``required``, nested
  ``properties``), on every built-in condition with items generated from its own schema, and on records generated
  from the incident schema.
* The fast evaluator (jsonschema_rs) and the reference one (jsonschema) accept the same items.
* The raised/unraised counts of every results document equal what its questions' status and raised flags give.

Runs are derandomized (the same examples every run); HYPOTHESIS_PROFILE=thorough tries many more, and
HYPOTHESIS_PROFILE=quick (for mutation runs) fewer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from typing import Any

import jsonschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from conftest import SEEDS
from legalcheck import resources
from legalcheck.engine.analyze import analyze
from legalcheck.engine.conditions import build
from legalcheck.engine.evaluator import EVALUATORS, SchemaCompiler
from legalcheck.engine.model import STATUSES
from legalcheck.engine.selection import Cache, Selection, narrowing_of, select
from legalcheck.loading.checklists import iter_leaves, load_rules

settings.register_profile(
    "default",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=1000)
settings.register_profile("quick", parent=settings.get_profile("default"), max_examples=8)  # for mutation runs
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
EXAMPLES = settings.default.max_examples

COMPILERS = {name: SchemaCompiler(name) for name in EVALUATORS}

# ---- generated schemas and items --------------------------------------------------------------------------

KEYS = ("kind", "stance", "n")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, 3, -1, 1.0, 2.5]),
    st.sampled_from(["a", "b", "3", "1", "true", "", "A"]),
)


MIXED = st.one_of(st.sampled_from(["a", "b", "3"]), st.sampled_from([3, 1, 1.0, True, None]))


def _sub_schemas(depth: int) -> st.SearchStrategy[Any]:
    pinned = st.one_of(
        st.lists(MIXED, min_size=1, max_size=4).map(lambda vs: {"enum": vs}),
        st.lists(st.sampled_from(["a", "b", "A"]), min_size=1, max_size=3).map(lambda vs: {"enum": vs}),
        st.one_of(MIXED, SCALARS).map(lambda v: {"const": v}),
        st.sampled_from([{"type": "string"}, {"type": "integer"}, {}, True, False]),
    )
    if depth == 0:
        return pinned
    return st.one_of(pinned, _object_schemas(depth - 1))


def _object_schemas(depth: int = 1) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda props, required: {"properties": props, **({"required": required} if required is not None else {})},
        st.dictionaries(st.sampled_from(KEYS), _sub_schemas(depth), min_size=1, max_size=3),
        st.one_of(st.none(), st.lists(st.sampled_from(KEYS), unique=True, max_size=3)),
    )


def _constants(schema: Any) -> list[Any]:
    """Every const and enum value in a schema: the values items should often hold, so that schemas often match."""
    if isinstance(schema, dict):
        found = [schema["const"]] if "const" in schema else list(schema.get("enum", []))
        return found + [v for sub in schema.get("properties", {}).values() for v in _constants(sub)]
    return []


def _items(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly objects keyed like the schemas, valued from ``values`` (or objects of them); some scalars and lists."""
    keys = st.sampled_from(KEYS)
    objects = st.dictionaries(keys, st.one_of(values, values, st.dictionaries(keys, values, max_size=3)), max_size=3)
    return st.one_of(objects, objects, objects, values, st.lists(values, max_size=2))


@st.composite
def schema_and_items(draw: st.DrawFn) -> tuple[dict[str, Any], list[Any]]:
    schema = draw(_object_schemas())
    constants = _constants(schema)
    values = st.one_of(st.sampled_from(constants), st.sampled_from(constants), SCALARS) if constants else SCALARS
    return schema, draw(st.lists(_items(values), min_size=1, max_size=8))


MIXED_ENUM_CASE = ({"properties": {"n": {"enum": [3, "unknown"]}}}, [{"n": 3}, {"n": "unknown"}, {"n": "3"}, {}])


def _matched(where: Any, compiler: SchemaCompiler, items: list[Any], select_pointer: str = "/items") -> list[str]:
    record = {"items": items} if select_pointer == "/items" else items
    leaf = build({"description": "d", "select": select_pointer, "where": where, "min": 0}, compiler)
    return [m.pointer for m in leaf.evaluate(Cache(record)).matches]


def _reference(where: Any) -> Callable[[Any], bool]:
    if isinstance(where, bool):
        return lambda _: where
    return jsonschema.Draft202012Validator(where).is_valid  # type: ignore[no-any-return]


@given(schema_and_items())
@example(MIXED_ENUM_CASE)
def test_narrowing_never_changes_which_items_match(case: tuple[dict[str, Any], list[Any]]) -> None:
    schema, items = case
    expected = [f"/items/{i}" for i, item in enumerate(items) if _reference(schema)(item)]
    for name, compiler in COMPILERS.items():
        assert _matched(schema, compiler, items) == expected, name
    # and the narrowed candidates are a subset, in record order, that keeps every match
    narrowing = narrowing_of(schema)
    selection = Selection(select({"items": items}, "/items"))
    kept = [m.pointer for m in selection.candidates(narrowing)]
    assert kept == sorted(kept, key=lambda p: int(p.rsplit("/", 1)[1]))
    assert set(expected) <= set(kept)


@given(schema_and_items())
def test_fast_and_reference_evaluators_agree_on_generated_schemas(case: tuple[dict[str, Any], list[Any]]) -> None:
    schema, items = case
    fast, reference = COMPILERS["jsonschema_rs"].compile(schema), COMPILERS["jsonschema"].compile(schema)
    assert [fast(item) for item in items] == [reference(item) for item in items]


# ---- every built-in condition, on items generated from its own schema ----------------------------------------

BUILTIN_RULES = [json.loads(f.read_text(encoding="utf-8")) for f in resources.builtin_rule_files()]
BUILTIN_LEAVES = sorted(
    {
        json.dumps([leaf.get("select", ""), leaf["where"]], sort_keys=True)
        for rule in BUILTIN_RULES
        for _, leaf in iter_leaves(rule)
    }
)


@cache
def _leaf_items(key: str) -> st.SearchStrategy[Any]:
    """Items for one built-in condition: from its schema (so that many match), and near misses."""
    _, where = json.loads(key)
    try:
        matching: st.SearchStrategy[Any] = from_schema(where) if isinstance(where, dict) else st.nothing()
    except Exception:  # noqa: BLE001 - a schema hypothesis-jsonschema cannot generate from keeps only the near misses
        matching = st.nothing()
    values = st.one_of(st.sampled_from(_constants(where) or [None]), SCALARS)
    return st.one_of(matching, _items(values))


def _place(pointer: str, items: list[Any]) -> tuple[dict[str, Any], list[str]]:
    """A record in which ``pointer`` selects ``items``, and the items' pointers."""
    tokens = pointer.split("/")[1:]
    if not tokens:
        return {}, []
    if "*" in tokens:
        star = tokens.index("*")
        head, tail = tokens[:star], tokens[star + 1 :]

        def nest(keys: list[str], value: Any) -> Any:
            return {keys[0]: nest(keys[1:], value)} if keys else value

        record = nest(head, [nest(tail, item) for item in items])
        return record, [f"/{'/'.join(head)}/{i}/{'/'.join(tail)}".rstrip("/") for i in range(len(items))]
    record: dict[str, Any] = {}
    here = record
    for key in tokens[:-1]:
        here = here.setdefault(key, {})
    here[tokens[-1]] = items
    return record, [f"{pointer}/{i}" for i in range(len(items))]


@given(st.data())
@settings(max_examples=EXAMPLES * 4)
def test_narrowing_and_evaluators_agree_on_every_builtin_condition(data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(BUILTIN_LEAVES), label="condition")
    pointer, where = json.loads(key)
    items = data.draw(st.lists(_leaf_items(key), max_size=5), label="items")
    if not pointer:  # the condition is tested against the record itself: each item is a record
        for item in items:
            expected = [""] if _reference(where)(item) else []
            for compiler in COMPILERS.values():
                leaf = build({"description": "d", "select": "", "where": where, "min": 0}, compiler)
                assert [m.pointer for m in leaf.evaluate(Cache(item)).matches] == expected
        return
    record, pointers = _place(pointer, items)
    reference = _reference(where)
    expected = [p for p, item in zip(pointers, items, strict=True) if reference(item)]
    for name, compiler in COMPILERS.items():
        leaf = build({"description": "d", "select": pointer, "where": where, "min": 0}, compiler)
        assert [m.pointer for m in leaf.evaluate(Cache(record)).matches] == expected, name


def test_every_builtin_condition_is_sampled() -> None:
    assert len(BUILTIN_LEAVES) > 50


# ---- records: generated from the incident schema, and cut from the seeds -----------------------------------


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """The incident schema with its local $refs inlined (hypothesis-jsonschema resolves no `urn:` base)."""
    if isinstance(schema, dict):
        if isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#/$defs/"):
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            return _inline({**defs[schema["$ref"][len("#/$defs/") :]], **rest}, defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k not in ("$defs", "$id", "$schema")}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


@cache
def _schema_records() -> st.SearchStrategy[dict[str, Any]]:
    incident = resources.schema("incident")
    return from_schema(_inline(incident, incident.get("$defs", {})))


SEED_RECORDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.json"))]
COLLECTIONS = ("actors", "persons", "events", "claims", "legal_bases", "sources")


@st.composite
def seed_cuts(draw: st.DrawFn) -> dict[str, Any]:
    """A seed with a random part of each collection kept: questions move between raised, open and answered."""
    seed = draw(st.sampled_from(SEED_RECORDS))
    record = {k: v for k, v in seed.items() if k not in COLLECTIONS}
    for name in COLLECTIONS:
        items = seed.get(name, [])
        if items:
            keep = draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
            record[name] = [item for item, kept in zip(items, keep, strict=True) if kept]
    if draw(st.booleans()):
        record.pop("location", None)
    return record


@cache
def _checklists(evaluator: str) -> list[Any]:
    return load_rules([], COMPILERS[evaluator]).checklists


def _counts_from_flags(questions: list[dict[str, Any]]) -> dict[str, int]:
    """The counts a results document should carry, worked out from its questions one by one."""
    counts = {status: sum(q["status"] == status for q in questions) for status in STATUSES}
    counts["raised"] = sum(q["raised"] and q["status"] != "not_applicable" for q in questions)
    counts["raised_open"] = sum(q["status"] == "open" and q["raised"] for q in questions)
    counts["unraised_open"] = sum(q["status"] == "open" and not q["raised"] for q in questions)
    return counts


def _check_record(record: dict[str, Any]) -> None:
    docs = {}
    for evaluator in EVALUATORS:
        result = analyze(record, _checklists(evaluator))
        for question in result.all_questions():
            assert question.raised == bool(question.raised_by)
            assert question.status in STATUSES
        docs[evaluator] = result.to_dict("test")
    doc = docs["jsonschema_rs"]
    assert docs["jsonschema"] == doc, "the fast and the reference evaluator give the same results"
    every = [q for c in doc["checklists"] for q in c["questions"]]
    assert doc["counts"] == _counts_from_flags(every)
    for checklist in doc["checklists"]:
        assert checklist["counts"] == _counts_from_flags(checklist["questions"])
        if not checklist["applicable"]:
            assert {q["status"] for q in checklist["questions"]} == {"not_applicable"}


@given(seed_cuts())
def test_counts_equal_the_question_flags_on_cut_seeds(record: dict[str, Any]) -> None:
    _check_record(record)


@given(st.data())
@settings(max_examples=max(4, EXAMPLES // 3))
def test_counts_and_narrowing_hold_on_records_from_the_incident_schema(data: st.DataObject) -> None:
    record = data.draw(_schema_records(), label="record")
    _check_record(record)
    reference = {key: _reference(json.loads(key)[1]) for key in BUILTIN_LEAVES}
    for key, check in reference.items():
        pointer, where = json.loads(key)
        expected = [m.pointer for m in select(record, pointer) if check(m.item)]
        for compiler in COMPILERS.values():
            leaf = build({"description": "d", "select": pointer, "where": where, "min": 0}, compiler)
            assert [m.pointer for m in leaf.evaluate(Cache(record)).matches] == expected, key


def test_the_cut_seeds_reach_every_kind_of_open_question() -> None:
    """The strategy is worth running: the whole seeds already give raised and unraised open questions."""
    kinds = set()
    for record in SEED_RECORDS:
        for q in analyze(record, _checklists("jsonschema_rs")).all_questions():
            kinds.add((q.status, q.raised))
    assert {("open", True), ("open", False), ("contested", True), ("not_applicable", False)} <= kinds
