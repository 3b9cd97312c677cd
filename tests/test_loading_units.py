"""Loading piece by piece: parsing, discovery, record integrity, schema messages and rule files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from legalcheck import resources
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.errors import InputError, Problem, UsageError
from legalcheck.loading.checklists import (
    RuleSet,
    checklist_problems,
    compile_checklist,
    content_hash,
    iter_conditions,
    iter_leaves,
    iter_patterns,
    load_rules,
)
from legalcheck.loading.documents import Document, discover, load, parse, read_text
from legalcheck.loading.records import check_record, integrity_problems, load_record
from legalcheck.loading.validation import iter_refs, schema_problems

COMPILER = SchemaCompiler("jsonschema_rs")


def problems_of(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.render() for p in excinfo.value.problems]


# ---- documents ---------------------------------------------------------------------------------------------


def test_json_and_yaml_parse_to_the_same_data() -> None:
    assert parse("a.json", '{"d": "2025-01-01", "n": [1, 2.5, null, true]}').data == {
        "d": "2025-01-01",
        "n": [1, 2.5, None, True],
    }
    doc = parse("a.YAML", "d: 2025-01-01\nn: [1, 2.5, null, true]\n")
    assert doc.is_yaml and doc.data == {"d": "2025-01-01", "n": [1, 2.5, None, True]}, "dates stay strings"
    assert parse("a.yml", "t: 2025-01-01 10:00:00\n").data == {"t": "2025-01-01 10:00:00"}
    assert not parse("a.json", "{}").is_yaml


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", '{"a": 1,\n  "b": }', "bad.json:2:8: JSON syntax error: Expecting value (fix the JSON syntax)"),
        ("nan.json", '{"a": NaN}', "nan.json:1:7: /a: NaN is not valid JSON (JSON allows only finite numbers)"),
        ("inf.json", "[-Infinity]", "inf.json:1:2: /0: -Infinity is not valid JSON (JSON allows only finite numbers)"),
        (
            "bad.yaml",
            "a: [1,\nb: 2\n",
            "bad.yaml:3:1: YAML syntax error: expected ',' or ']', but got '<stream end>' (fix the YAML syntax)",
        ),
        (
            "set.yaml",
            "a: !!set {x: null}\n",
            "set.yaml:1:4: /a: YAML tag !!set is not allowed "
            "(use only strings, numbers, booleans, null, lists and mappings)",
        ),
        (
            "ctrl.yaml",
            "a: \x07\n",
            "ctrl.yaml: YAML error: unacceptable character #x0007: special characters are not allowed",
        ),
        (
            "nan.yaml",
            "a: .nan\n",
            "nan.yaml:1:4: /a: .nan is not a finite number (JSON allows only finite numbers)",
        ),
        (
            "tag.yaml",
            "a: !!python/object:os.system {}\n",
            "tag.yaml:1:4: /a: YAML tag !!python/object:os.system is not allowed",
        ),
    ],
)
def test_parse_errors_are_located(name: str, text: str, message: str) -> None:
    with pytest.raises(InputError) as excinfo:
        parse(name, text)
    (rendered,) = problems_of(excinfo)
    assert rendered.startswith(message), rendered
    if "YAML error" in message or "YAML syntax" in message:
        assert rendered.endswith("(fix the YAML syntax)"), rendered


def test_read_text_errors(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b'{"a": "caf\xe9"}')
    with pytest.raises(InputError) as excinfo:
        read_text(tmp_path / "latin1.json")
    assert problems_of(excinfo) == [
        f"{tmp_path / 'latin1.json'}: not UTF-8 text (invalid continuation byte at byte 10) (save the file as UTF-8)"
    ]
    with pytest.raises(InputError) as excinfo:
        read_text(tmp_path)
    assert problems_of(excinfo) == [
        f"{tmp_path}: cannot read file: Is a directory (check the path and its permissions)"
    ]
    (tmp_path / "ok.json").write_text('{"a": 1}', encoding="utf-8")
    assert load(tmp_path / "ok.json") == Document(str(tmp_path / "ok.json"), '{"a": 1}', {"a": 1}, False)


def test_document_problems_point_at_the_nearest_position() -> None:
    doc = parse("r.json", '{\n  "a": [1, {"b": 2}]\n}')
    assert doc.problem("/a/1/b", "m", hint="h") == Problem("r.json", "m", "/a/1/b", 2, 18, "h")
    assert doc.problem("/a/1/zz", "m") == Problem("r.json", "m", "/a/1/zz", 2, 12, "")
    assert doc.problem("", "m") == Problem("r.json", "m", "/", 1, 1, "")
    yaml_doc = parse("r.yaml", "a:\n  - 1\n  - b: 2\n")
    assert yaml_doc.problem("/a/1/b", "m").render() == "r.yaml:3:8: /a/1/b: m"
    broken = Document("x.json", "not json", None, False)
    assert broken.problem("/a", "m").render() == "x.json:1:1: /a: m"


def test_discover_finds_records_in_order_and_skips_hidden_files(tmp_path: Path) -> None:
    for name in ("b.json", "a.YAML", "c.yml", "notes.txt", "sub/d.json", ".hidden/e.json", "sub/.f.json", "g.JSON"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.YAML", "b.json", "c.yml", "g.JSON", "sub/d.json"]
    assert discover([tmp_path / "b.json", tmp_path, tmp_path / "b.json"])[0] == tmp_path / "b.json"
    assert len(discover([tmp_path / "b.json", tmp_path])) == 5, "a file named twice is read once"
    assert discover([tmp_path / "notes.txt"]) == [tmp_path / "notes.txt"], "a file named on its own is read"
    with pytest.raises(InputError) as excinfo:
        discover([tmp_path / "nope", tmp_path, tmp_path / "gone.json"])
    assert problems_of(excinfo) == [
        f"{tmp_path / 'nope'}: no such file or folder (check the path)",
        f"{tmp_path / 'gone.json'}: no such file or folder (check the path)",
    ]
    assert discover([]) == []


# ---- records -----------------------------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "id": "r",
    "title": "t",
    "as_of": "2025-01-01",
    "location": {"sources": ["s1"]},
    "actors": [{"id": "a1", "name": "A", "kind": "government"}],
    "events": [{"id": "e1", "kind": "strike", "actors": ["a1"], "authorized_by": ["a1"], "sources": ["s1"]}],
    "persons": [{"id": "p1", "fate": "killed", "identified_by": ["s1"], "sources": ["s2"]}],
    "claims": [
        {"id": "c1", "claimant": "a1", "stance": "asserts", "proposition": "x.y", "source": "s1", "about": ["e1", "p1"]}
    ],
    "legal_bases": [{"id": "l1", "claimant": "a1", "basis": "self_defence", "source": "s2"}],
    "sources": [{"id": "s1", "kind": "news_report", "relies_on": ["s2"]}, {"id": "s2", "kind": "official_statement"}],
}


def _record_problems(record: dict[str, Any]) -> list[str]:
    text = json.dumps(record, indent=1)
    return [p.render() for p in check_record(parse("r.json", text), record)]


def test_a_record_with_every_kind_of_reference_is_valid() -> None:
    assert _record_problems(GOOD) == []


@pytest.mark.parametrize(
    ("collection", "index", "field", "value", "message"),
    [
        (
            "events",
            0,
            "authorized_by",
            ["ghost"],
            "/events/0/authorized_by/0: 'ghost' is not the id of any item in actors "
            "(add it to actors or correct the id)",
        ),
        (
            "events",
            0,
            "recipients",
            ["a1", "ghost"],
            "/events/0/recipients/1: 'ghost' is not the id of any item in actors",
        ),
        ("persons", 0, "sources", ["ghost"], "/persons/0/sources/0: 'ghost' is not the id of any item in sources"),
        ("claims", 0, "claimant", "ghost", "/claims/0/claimant: 'ghost' is not the id of any item in actors"),
        (
            "claims",
            0,
            "about",
            ["a1"],
            "/claims/0/about/0: 'a1' is not the id of any item in events or persons "
            "(add it to events or persons or correct the id)",
        ),
        ("legal_bases", 0, "claimant", "s1", "/legal_bases/0/claimant: 's1' is not the id of any item in actors"),
        ("legal_bases", 0, "source", "a1", "/legal_bases/0/source: 'a1' is not the id of any item in sources"),
        (
            "sources",
            0,
            "relies_on",
            ["s1"],
            "/sources/0/relies_on/0: a source cannot rely on itself (remove this reference)",
        ),
        ("sources", 1, "relies_on", ["s1", "s2"], "/sources/1/relies_on/1: a source cannot rely on itself"),
        (
            "location",
            None,
            "sources",
            ["s1", "ghost"],
            "/location/sources/1: 'ghost' is not the id of any item in sources (add it to sources or correct the id)",
        ),
        ("actors", 0, "id", "a1", None),
    ],
)
def test_every_reference_is_checked(
    collection: str, index: int | None, field: str, value: Any, message: str | None
) -> None:
    record = json.loads(json.dumps(GOOD))
    target = record[collection] if index is None else record[collection][index]
    target[field] = value
    found = _record_problems(record)
    if message is None:
        assert found == []
        return
    assert len(found) == 1, found
    assert message in found[0], found


def test_duplicate_ids_in_each_collection() -> None:
    record = json.loads(json.dumps(GOOD))
    for name in ("actors", "events", "persons", "claims", "legal_bases", "sources"):
        record[name].append(dict(record[name][0]))
    found = _record_problems(record)
    for name in ("actors", "events", "persons", "claims", "legal_bases", "sources"):
        n = len(record[name]) - 1
        first = record[name][0]["id"]
        message = f"/{name}/{n}/id: duplicate id {first!r} (first used at /{name}/0) (give each item its own id)"
        assert any(f.endswith(message) for f in found), name
    assert len(found) == 6, found
    assert found == sorted(found, key=lambda f: int(f.split(":")[1])), "problems come in the order of the file"


def test_ids_are_per_collection_for_integrity() -> None:
    record = json.loads(json.dumps(GOOD))
    record["events"][0]["id"] = "a1"  # the same id in two collections is allowed
    record["claims"][0]["about"] = ["a1"]
    assert _record_problems(record) == []
    doc = parse("r.json", json.dumps(record))
    assert integrity_problems(doc, record, "/examples/0/record") == []
    record["claims"][0]["claimant"] = "nobody"
    (problem,) = integrity_problems(doc, record, "/examples/0/record")
    assert problem.pointer == "/examples/0/record/claims/0/claimant"
    (problem,) = integrity_problems(doc, record)
    assert problem.pointer == "/claims/0/claimant"


def test_records_must_be_objects_and_schema_valid_first(tmp_path: Path) -> None:
    doc = parse("r.json", "[]")
    assert [p.render() for p in check_record(doc, [])] == [
        "r.json:1:1: /: an incident record must be a JSON object (see `legalcheck schema incident`)"
    ]
    assert [p.render() for p in check_record(doc, "x", "/examples/0/record")] == [
        "r.json:1:1: /examples/0/record: an incident record must be a JSON object (see `legalcheck schema incident`)"
    ]
    bad = {"id": "r", "title": "t", "claims": [{"id": "c", "claimant": "ghost"}]}
    found = _record_problems(bad)
    assert any("'as_of' is a required property" in f for f in found)
    assert any("'ghost' is not the id of any item in actors" in f for f in found), "every problem in one pass"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert load_record(path) == GOOD
    path.write_text(json.dumps({**GOOD, "actors": []}), encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_record(path)
    assert len(excinfo.value.problems) == 4


def test_iter_refs_yields_ids_held_alone_or_in_lists() -> None:
    items = [{"f": "a"}, {"f": ["b", 3, "c"]}, {"g": "x"}, "not an object", {"f": None}]
    assert list(iter_refs(items, "f")) == [(0, "/0/f", "a"), (1, "/1/f/0", "b"), (1, "/1/f/2", "c")]
    assert list(iter_refs(None, "f")) == [] and list(iter_refs({"f": "a"}, "f")) == []


# ---- schema messages ---------------------------------------------------------------------------------------


def _messages(data: Any, name: str = "incident") -> list[str]:
    return [p.render() for p in schema_problems(parse("r.json", json.dumps(data, indent=1)), data, name)]


def test_schema_messages_name_the_place_and_a_hint() -> None:
    found = _messages({"id": "r", "title": "t", "as_of": "2025-01-01", "colour": 1, "summery": "s"})
    assert found == [
        "r.json:5:12: /colour: unexpected property 'colour' (allowed here: " + found[0].split("allowed here: ")[1],
        "r.json:6:13: /summery: unexpected property 'summery' (did you mean 'summary'? allowed here: "
        + found[1].split("allowed here: ")[1],
    ]
    assert _messages({"title": "t", "as_of": "2025-01-01"}) == [
        "r.json:1:1: /: 'id' is a required property (add the missing property)"
    ]
    (enum,) = _messages({"id": "r", "title": "t", "as_of": "2025-01-01", "location": {"domain": "ocean"}})
    assert enum.startswith("r.json:6:13: /location/domain: 'ocean' is not one of [") and enum.endswith(
        "(use one of the listed values)"
    )
    (pattern,) = _messages({"id": "r", "title": "t", "as_of": "10 May"})
    assert pattern.endswith("(expected: YYYY, YYYY-MM or YYYY-MM-DD.)"), pattern
    assert _messages({"id": "r", "title": "t", "as_of": "2025"}) == []


def test_long_messages_are_cut_and_repeats_dropped() -> None:
    long_title = ["x" * 400]
    (message,) = _messages({"id": "r", "title": long_title, "as_of": "2025-01-01"})
    text = message.split(": /title: ")[1]
    assert text.endswith("] is not of type 'string'"), "the message is whole; only the value shown is shortened"
    assert len(text) < 120
    many = _messages({"id": "r", "title": "t", "as_of": "2025-01-01", "actors": [{"id": "a"}, {"id": "a"}]})
    assert len(many) == len(set(many))


# ---- rule files --------------------------------------------------------------------------------------------

LEAF = {"description": "d", "select": "/claims", "where": {"properties": {"proposition": {"const": "x"}}}}


def _rule(**changes: Any) -> dict[str, Any]:
    question = {
        "id": "q1",
        "text": "Is it?",
        "why": "Because.",
        "citations": [{"instrument": "An Act", "pinpoint": "s. 1"}],
        "would_answer": "A fact.",
        "raised_if": LEAF,
    }
    rule = {"id": "my-rules", "title": "Mine", "version": "1.0", "questions": [question]}
    rule.update(changes)
    return rule


def _rule_problems(rule: dict[str, Any]) -> list[str]:
    doc = parse("rules.json", json.dumps(rule, indent=1))
    return [p.render() for p in checklist_problems(doc, COMPILER)]


def test_iterating_conditions() -> None:
    tree = {"all": [LEAF, {"any": [LEAF, {"not": LEAF}]}], "description": "x"}
    assert [p for p, _ in iter_conditions(tree, "/c")] == ["/c/all/0", "/c/all/1/any/0", "/c/all/1/any/1/not"]
    assert list(iter_conditions("not a condition", "/c")) == []
    assert list(iter_conditions(LEAF, "/c")) == [("/c", LEAF)]
    rule = _rule(applies_if=LEAF)
    rule["questions"].append({**rule["questions"][0], "id": "q2", "contested_if": tree, "raised_if": LEAF})
    assert [p for p, _ in iter_leaves(rule)] == [
        "/applies_if",
        "/questions/0/raised_if",
        "/questions/1/raised_if",
        "/questions/1/contested_if/all/0",
        "/questions/1/contested_if/all/1/any/0",
        "/questions/1/contested_if/all/1/any/1/not",
    ]


def test_iterating_patterns_skips_values() -> None:
    schema = {
        "pattern": "^a",
        "properties": {"x": {"pattern": "b$"}, "pattern": {"const": "not a pattern"}},
        "patternProperties": {"^p~/": {"pattern": "c"}},
        "enum": [{"pattern": "in a value"}],
        "const": {"pattern": "in a value"},
        "default": {"pattern": "in a value"},
        "examples": [{"pattern": "in a value"}],
        "anyOf": [{"pattern": "d"}],
    }
    assert list(iter_patterns(schema, "/w")) == [
        ("/w/pattern", "^a"),
        ("/w/properties/x/pattern", "b$"),
        ("/w/patternProperties/^p~0~1", "^p~/"),
        ("/w/patternProperties/^p~0~1/pattern", "c"),
        ("/w/anyOf/0/pattern", "d"),
    ]


def test_rule_file_problems() -> None:
    assert _rule_problems(_rule()) == []
    assert _rule_problems([]) == [
        "rules.json:1:1: /: a rule file must be a JSON object (see `legalcheck schema checklist`)"
    ]  # type: ignore[arg-type]
    dangling = _rule()
    dangling["questions"][0]["raised_if"] = {**LEAF, "where": {"$ref": "#/$defs/nowhere"}}
    (problem,) = _rule_problems(dangling)
    assert (
        "/questions/0/raised_if/where/$ref: reference '#/$defs/nowhere' does not resolve in this condition" in problem
    )
    bad_regex = _rule()
    bad_regex["questions"][0]["raised_if"] = {**LEAF, "where": {"properties": {"t": {"pattern": "("}}}}
    (problem,) = _rule_problems(bad_regex)
    assert "/questions/0/raised_if/where/properties/t/pattern: invalid regular expression '('" in problem
    assert problem.endswith("(fix the regular expression)")
    duplicate = _rule()
    duplicate["questions"] += [dict(duplicate["questions"][0]), {**duplicate["questions"][0], "id": "q3"}]
    assert _rule_problems(duplicate) == [
        "rules.json:30:10: /questions/1/id: duplicate question id 'q1' (first at /questions/0) "
        "(give each question its own id)"
    ]
    example = {
        "name": "e",
        "record": {"id": "r", "title": "t", "as_of": "2025"},
        "expect": {"q1": "open", "q9": "open"},
    }
    found = _rule_problems(_rule(examples=[example]))
    assert (
        len(found) == 1
        and "/examples/0/expect/q9: no question with id 'q9' in this checklist (use one of: q1)" in found[0]
    )
    broken_record = {**example, "record": {"id": "r"}, "expect": {"q1": "open"}}
    assert "/examples/0/record: 'title' is a required property" in _rule_problems(_rule(examples=[broken_record]))[0]


def test_compiled_checklists_take_their_defaults() -> None:
    checklist = compile_checklist(_rule(), "mine.json", COMPILER)
    assert (checklist.id, checklist.title, checklist.version, checklist.description, checklist.tags) == (
        "my-rules",
        "Mine",
        "1.0",
        "",
        (),
    )
    assert checklist.origin == "mine.json" and checklist.applies_if is None and checklist.examples == ()
    (q,) = checklist.questions
    assert (q.severity, q.tags, q.applies_if, q.answered_if, q.contested_if) == ("medium", (), None, None, None)
    assert (q.id, q.text, q.why, q.would_answer) == ("q1", "Is it?", "Because.", "A fact.")
    assert q.raised_if is not None and q.citations == ({"instrument": "An Act", "pinpoint": "s. 1"},)
    tagged = _rule(description="D", tags=["x"], applies_if=LEAF, examples=[{"e": 1}])
    tagged["questions"][0].update(tags=["evidence", "ihl"], severity="high")
    full = compile_checklist(tagged, "built-in", COMPILER)
    assert (full.questions[0].tags, full.questions[0].severity) == (("evidence", "ihl"), "high")
    assert (full.description, full.tags, full.examples) == ("D", ("x",), ({"e": 1},))
    assert full.applies_if is not None and full.spec["id"] == "my-rules"


def test_rule_sets_select_by_id_and_tag() -> None:
    rules = load_rules([], COMPILER)
    ids = rules.ids()
    assert ids == sorted(ids) and "due-process" in ids
    assert [c.id for c in rules.select(("due-process",))] == ["due-process"]
    assert rules.select() == rules.checklists
    with pytest.raises(UsageError) as unknown:
        rules.select(("nope", "due-process", "nada"))
    assert str(unknown.value) == (
        f"unknown checklist id 'nope', 'nada'; known: {', '.join(ids)} (see `legalcheck rules list`)"
    )
    tagged = RuleSet(rules.checklists).select(tags=("war-powers",))
    assert tagged and all("war-powers" in c.tags or any("war-powers" in q.tags for q in c.questions) for c in tagged)
    assert len(tagged) < len(ids)
    with pytest.raises(UsageError, match="no checklist has tag 'zzz'"):
        rules.select(tags=("zzz",))
    with pytest.raises(UsageError, match="no checklist has tag"):
        rules.select(("due-process",), tags=("ihl",)) if "ihl" not in {
            t for c in rules.select(("due-process",)) for t in (*c.tags, *(t for q in c.questions for t in q.tags))
        } else rules.select(tags=("zzz",))


def test_user_rule_files_load_beside_the_builtins(tmp_path: Path) -> None:
    (tmp_path / "mine.json").write_text(json.dumps(_rule()), encoding="utf-8")
    (tmp_path / "again.json").write_text(json.dumps(_rule()), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_rules([tmp_path], COMPILER)
    assert problems_of(excinfo) == [
        f"{tmp_path / 'broken.json'}:1:2: JSON syntax error: Expecting property name enclosed in double quotes "
        "(fix the JSON syntax)",
        f"{tmp_path / 'mine.json'}:1:8: /id: checklist id 'my-rules' is already used by {tmp_path / 'again.json'} "
        "(give each checklist its own id, or pass only one of the files)",
    ]
    (tmp_path / "again.json").unlink()
    (tmp_path / "broken.json").unlink()
    loaded = load_rules([tmp_path], COMPILER, builtins=False)
    assert loaded.ids() == ["my-rules"] and loaded.checklists[0].origin == str(tmp_path / "mine.json")
    both = load_rules([tmp_path], COMPILER)
    assert both.ids()[-1] == "my-rules" and both.checklists[0].origin == "built-in"
    (tmp_path / "mine.json").write_text(json.dumps(_rule(id="due-process")), encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_rules([tmp_path], COMPILER)
    assert problems_of(excinfo) == [
        f"{tmp_path / 'mine.json'}:1:8: /id: checklist id 'due-process' is already used by a built-in checklist "
        "(rename the id in your file; ids are unique across built-in and user checklists)"
    ]


# ---- how schema errors are chosen and worded (the functions behind schema_problems) ------------------------

ROOT_SCHEMA: dict[str, Any] = {
    "$defs": {
        "leaf": {"type": "object", "required": ["where"], "properties": {"where": {}, "select": {}, "min": {}}},
        "all": {"type": "object", "required": ["all"], "properties": {"all": {}, "description": {}}},
        "alias": {"$ref": "#/$defs/all"},
        "listy": [{"a": 1}],
    },
    "oneOf": [
        {"$ref": "#/$defs/leaf", "unevaluatedProperties": False},
        {"$ref": "#/$defs/alias", "unevaluatedProperties": False},
    ],
}


def _top_errors(schema: dict[str, Any], data: Any) -> list[Any]:
    import jsonschema

    return list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_resolve_follows_local_references_only() -> None:
    from legalcheck.loading.validation import _resolve

    assert _resolve({"$ref": "#/$defs/alias"}, ROOT_SCHEMA) == ROOT_SCHEMA["$defs"]["all"]
    assert _resolve({"$ref": "#/$defs/missing"}, ROOT_SCHEMA) == {}
    assert _resolve({"$ref": "#/$defs/listy/0"}, ROOT_SCHEMA) == {}, "a list is not followed"
    assert _resolve({"$ref": "other.json#/x"}, ROOT_SCHEMA) == {"$ref": "other.json#/x"}
    assert _resolve({"type": "object"}, ROOT_SCHEMA) == {"type": "object"}
    assert _resolve(True, ROOT_SCHEMA) is True


def _leaf_messages(schema: dict[str, Any], data: Any) -> list[tuple[str, str]]:
    from legalcheck.loading.validation import _leaves

    return [
        ("/".join(map(str, e.absolute_path)), str(e.validator))
        for top in _top_errors(schema, data)
        for e in _leaves(top, schema)
    ]


def test_the_branch_an_object_was_meant_for_is_reported() -> None:
    # `all` and a misspelled key: the object was meant to be an `all`, not a leaf that lacks `where`
    assert _leaf_messages(ROOT_SCHEMA, {"all": [], "descripton": "x"}) == [("", "unevaluatedProperties")]
    chosen = _branch_choice(ROOT_SCHEMA, {"all": [], "descripton": "x"})
    assert chosen == [1], "the branch whose required keys are present"
    assert _branch_choice(ROOT_SCHEMA, {"where": {}, "selct": "/x"}) == [0]
    both = {"$defs": ROOT_SCHEMA["$defs"], "anyOf": ROOT_SCHEMA["oneOf"]}
    assert _branch_choice(both, {"all": [], "descripton": "x"}) == [1], "anyOf is read the same way"


def _branch_choice(schema: dict[str, Any], data: Any) -> list[int] | None:
    """Which branch's errors _branch_errors keeps for the top error, by the branch index in the schema path."""
    from legalcheck.loading.validation import _branch_errors

    (top,) = _top_errors(schema, data)
    chosen = _branch_errors(top, schema)
    return None if chosen is None else sorted({e.relative_schema_path[0] for e in chosen})


def test_branches_are_ranked_by_required_keys_then_known_keys() -> None:
    by_properties = {
        "oneOf": [
            {"type": "object", "properties": {"a": {}, "b": {}}, "additionalProperties": False},
            {"type": "object", "properties": {"c": {}, "d": {}}, "additionalProperties": False},
        ]
    }
    assert _branch_choice(by_properties, {"c": 1, "d": 2, "x": 3}) == [1]
    assert _branch_choice(by_properties, {"a": 1, "x": 3}) == [0]
    assert _branch_choice(by_properties, {"x": 3}) is None, "a tie: no branch stands out"
    three = {"oneOf": [*by_properties["oneOf"], {"type": "object", "required": ["e"], "properties": {"e": {}}}]}
    assert _branch_choice(three, {"c": 1, "x": 3}) == [1]
    assert _branch_choice(three, {"x": 3}) is None
    required = {
        "oneOf": [
            {
                "type": "object",
                "required": ["a"],
                "properties": {"a": {}, "b": {}, "c": {}},
                "additionalProperties": False,
            },
            {"type": "object", "required": ["z"], "properties": {"z": {}}, "additionalProperties": False},
        ]
    }
    assert _branch_choice(required, {"z": 1, "b": 2, "c": 3}) == [1], "required keys count before known keys"
    with_boolean = {"oneOf": [False, {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}]}
    assert _branch_choice(with_boolean, {"a": 1}) == [1]
    ref_to_false = {
        "$defs": {"no": False},
        "oneOf": [
            {"$ref": "#/$defs/no"},
            {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
        ],
    }
    assert _branch_choice(ref_to_false, {"a": 1}) == [1], "a branch that resolves to `false` has no keys to offer"
    single = {"anyOf": [{"type": "object", "required": ["a"]}]}
    assert _branch_choice(single, {"b": 1}) == [0]
    assert _branch_choice(required, "not an object") is None
    assert _branch_choice({"allOf": [{"required": ["a"]}]}, {}) is None


def test_errors_of_a_tie_or_a_non_object_fall_back_to_the_best_match() -> None:
    tie = {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]}
    assert _leaf_messages(tie, {"c": 1}) in ([("", "required")],)
    scalar = {"anyOf": [{"type": "string", "minLength": 5}, {"type": "integer"}]}
    assert _leaf_messages(scalar, "abc") == [("", "type")]
    nested = {"oneOf": [{"anyOf": [{"type": "string", "minLength": 5}, {"type": "integer"}]}, {"type": "null"}]}
    assert _leaf_messages(nested, "abc") == [("", "type")], "descends through every level"


def _error(validator: str, validator_value: Any, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    return ValidationError("m", validator=validator, validator_value=validator_value, instance=instance, schema=schema)


def test_hints_by_kind_of_error() -> None:
    from legalcheck.loading.validation import _hint

    cases = [
        (
            _error("additionalProperties", {"type": "string"}, {"x": 1}, {}),
            "see `legalcheck schema checklist` for the allowed properties",
        ),
        (_error("required", ["a"], {}, {}), "add the missing property"),
        (_error("enum", ["a"], "b", {}), "use one of the listed values"),
        (_error("pattern", "^a", "b", {"description": "a word"}), "expected: a word"),
        (_error("type", "string", 1, {"description": "a word"}), "expected: a word"),
        (_error("format", "date", "x", {"description": "a date"}), "expected: a date"),
        (_error("minLength", 3, "x", {"description": "a word"}), ""),
        (_error("type", "string", 1, {}), ""),
        (_error("type", "string", 1, True), ""),
    ]
    for error, hint in cases:
        assert _hint("checklist", error) == hint, error.validator


def test_unexpected_keys_are_named_with_a_guess() -> None:
    from legalcheck.loading.validation import _unexpected

    schema = {"properties": {"select": {}, "where": {}}, "additionalProperties": False}
    assert _unexpected(_error("additionalProperties", False, {"selct": 1, "where": 2, "zzz": 3}, schema)) == [
        ("selct", "did you mean 'select'? allowed here: select, where"),
        ("zzz", "allowed here: select, where"),
    ]
    assert _unexpected(_error("additionalProperties", False, {"x": 1}, {})) == [("x", "")]
    assert _unexpected(_error("additionalProperties", False, {"x": 1}, True)) == [("x", "")]
    assert _unexpected(_error("additionalProperties", {"type": "string"}, {"x": 1}, schema)) == []
    assert _unexpected(_error("additionalProperties", False, ["x"], schema)) == []
    assert _unexpected(_error("const", False, {"x": 1}, schema)) == []


# ---- positions in compact and empty JSON -------------------------------------------------------------------


def test_json_positions_in_compact_text_and_empty_containers() -> None:
    from legalcheck.loading.positions import json_positions

    text = '{"a":{},"b":[],"c":{"d":[1,2]},"e":[ ],"f":{ },"g":[{},[]],"h":"x"}'
    positions = json_positions(text)
    assert positions == {
        "": (1, 1),
        "/a": (1, 6),
        "/b": (1, 13),
        "/c": (1, 20),
        "/c/d": (1, 25),
        "/c/d/0": (1, 26),
        "/c/d/1": (1, 28),
        "/e": (1, 36),
        "/f": (1, 44),
        "/g": (1, 52),
        "/g/0": (1, 53),
        "/g/1": (1, 56),
        "/h": (1, 64),
    }
    assert json_positions("[]") == {"": (1, 1)} and json_positions("{}") == {"": (1, 1)}
    assert json_positions('{"k": true, "l": false, "m": null, "n": -1.5e3}')["/n"] == (1, 41)


@pytest.mark.parametrize("evaluator", ["jsonschema_rs", "reference"])
def test_every_built_in_rule_file_passes_every_check(evaluator: str) -> None:
    """A run trusts the built-in rule files as part of the package; this is where they are checked, with both
    evaluators, as a user's rule file is."""
    compiler = SchemaCompiler(evaluator)
    files = list(resources.builtin_rule_files())
    assert len(files) >= 6
    for f in files:
        doc = parse(f"built-in:{f.name}", f.read_text(encoding="utf-8"))
        assert checklist_problems(doc, compiler) == [], f.name
        # read as a run reads it (without the checks of untrusted input), it is the same data with the same hash
        assert orjson.loads(doc.text) == doc.data, f.name
        assert content_hash(doc.data, built_in=True) == content_hash(doc.data), f.name
    checked, trusted = load_rules([], compiler, check_builtins=True), load_rules([], compiler)
    assert [(c.id, c.sha256, c.spec) for c in checked.checklists] == [
        (c.id, c.sha256, c.spec) for c in trusted.checklists
    ]


def test_the_fast_content_hash_differs_only_where_the_test_above_guards() -> None:
    """Why built-in files only: orjson writes some numbers otherwise than the canonical form does."""
    assert content_hash({"a": [1, "é", {"z": 0.5, "b": None}]}, built_in=True) == content_hash(
        {"a": [1, "é", {"z": 0.5, "b": None}]}
    )
    assert content_hash({"minimum": 1e-05}, built_in=True) != content_hash({"minimum": 1e-05})
