"""Write the bad-input corpus, tests/cases/hostile/FAMILY/NAME.json: one case per file.

A case says which files to put in a fresh input folder, which command to run, the exit code it must end with
and fragments its output must hold (the file, the line or pointer, the key fact). tests/test_hostile.py runs every
case and also checks that no traceback is printed, no input is modified and, when the command fails, nothing is
written. Cases are data: add one by hand or here, and rerun ``python scripts/make_hostile_cases.py``.

A file is given as text, as base64 bytes, or as a starting file (the ``legalcheck new`` incident or checklist)
with values set or removed at JSON Pointers, written as JSON or YAML: so cases stay valid when the schemas grow.
Placeholders in commands: {in} the input folder, {out} the output folder (absent before the run), {tmp} their
parent, {seeds} the seed records.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "cases" / "hostile"

CASES: dict[str, dict[str, dict[str, Any]]] = {}


def case(family: str, name: str, command: list[str], exit: int, expect: list[str], **extra: Any) -> None:
    assert name not in CASES.setdefault(family, {}), (family, name)
    CASES[family][name] = {"command": command, "exit": exit, "expect": expect, **extra}


def record(fmt: str = "json", set: dict[str, Any] | None = None, remove: list[str] | None = None) -> dict[str, Any]:
    return {"base": "incident", "format": fmt, "set": set or {}, "remove": remove or []}


def rules(fmt: str = "json", set: dict[str, Any] | None = None, remove: list[str] | None = None) -> dict[str, Any]:
    return {"base": "checklist", "format": fmt, "set": set or {}, "remove": remove or []}


def text(value: str) -> dict[str, Any]:
    return {"text": value}


def nested(before: str, opening: str, closing: str, depth: int, after: str, inner: str = "") -> dict[str, Any]:
    """Text that nests ``depth`` levels deep: ``before + opening * depth + inner + closing * depth + after``."""
    return {
        "nested": {"before": before, "open": opening, "inner": inner, "close": closing, "depth": depth, "after": after}
    }


def raw(value: bytes) -> dict[str, Any]:
    return {"base64": base64.b64encode(value).decode("ascii")}


ANALYZE_REC = ["analyze", "{in}/rec.json", "--out", "{out}"]
ANALYZE_YAML = ["analyze", "{in}/rec.yaml", "--out", "{out}"]
WITH_RULES = ["analyze", "{seeds}", "--rules", "{in}/rules.json", "--out", "{out}"]
WITH_RULES_YAML = ["analyze", "{seeds}", "--rules", "{in}/rules.yaml", "--out", "{out}"]


def commands_for(name: str) -> list[tuple[str, list[str]]]:
    """The commands that read a record file named ``name``: analyze and validate."""
    return [("analyze", ["analyze", f"{{in}}/{name}", "--out", "{out}"]), ("validate", ["validate", f"{{in}}/{name}"])]


def rule_commands(name: str) -> list[tuple[str, list[str]]]:
    return [
        ("analyze", ["analyze", "{seeds}", "--rules", f"{{in}}/{name}", "--out", "{out}"]),
        ("validate", ["validate", f"{{in}}/{name}"]),
        ("test", ["rules", "test", f"{{in}}/{name}"]),
    ]


# --- JSON syntax and encodings ------------------------------------------------------------------------------------
SYNTAX = {
    "empty": ("", "rec.json:1:1"),
    "whitespace-only": ("  \n\n", "rec.json:3:1"),
    "truncated": ('{"id": "x", "title": "t"', "rec.json:1:25"),
    "trailing-comma": ('{"id": "x",}', "rec.json:1:12"),
    "single-quotes": ("{'id': 'x'}", "rec.json:1:2"),
    "comment": ('{"id": "x" // note\n}', "rec.json:1:12"),
    "unquoted-key": ("{id: 1}", "rec.json:1:2"),
    "bad-escape": ('{"id": "\\q"}', "rec.json:1:9"),
    "control-character": ('{"id": "a\tb"}', "rec.json:1:10"),
    "two-documents": ('{"id": "x"} {"id": "y"}', "rec.json:1:13"),
    "bare-word": ("hello", "rec.json:1:1"),
    "lone-bracket": ("[", "rec.json:1:2"),
    "missing-colon": ('{"id" "x"}', "rec.json:1:7"),
    "hex-number": ('{"n": 0x10}', "rec.json:1:8"),
    "leading-zero": ('{"n": 012}', "rec.json:1:8"),
    "plus-sign": ('{"n": +1}', "rec.json:1:7"),
    "unterminated-string": ('{"id": "x', "rec.json:1:8"),
    "utf8-bom": ('\ufeff{"id": "x"}', "rec.json"),
}
for name, (body, where) in SYNTAX.items():
    for cmd_name, command in commands_for("rec.json"):
        case("json-syntax", f"{name}-{cmd_name}", command, 2, [where, "JSON"], files={"rec.json": text(body)})
    case(
        "json-syntax",
        f"{name}-rules",
        WITH_RULES,
        2,
        [where.replace("rec.json", "rules.json"), "JSON"],
        files={"rules.json": text(body)},
    )

ENCODINGS = {
    "latin-1": (b'{"id": "caf\xe9"}', "not UTF-8"),
    "utf-16": ('{"id": "x"}'.encode("utf-16"), "not UTF-8"),
    "utf-32": ('{"id": "x"}'.encode("utf-32"), "not UTF-8"),
    "invalid-continuation": (b'{"id": "\xc3\x28"}', "not UTF-8"),
    "overlong": (b'{"id": "\xc0\xaf"}', "not UTF-8"),
    "surrogate-bytes": (b'{"id": "\xed\xa0\x80"}', "not UTF-8"),
}
for name, (body, fact) in ENCODINGS.items():
    for cmd_name, command in commands_for("rec.json"):
        case("encodings", f"{name}-{cmd_name}", command, 2, ["rec.json", fact], files={"rec.json": raw(body)})
    case("encodings", f"{name}-rules", WITH_RULES, 2, ["rules.json", fact], files={"rules.json": raw(body)})
    case("encodings", f"{name}-yaml", ANALYZE_YAML, 2, ["rec.yaml", fact], files={"rec.yaml": raw(body)})
case("encodings", "nul-byte", ANALYZE_REC, 2, ["rec.json:1:8", "JSON"], files={"rec.json": raw(b'{"id": \x00}')})
case(
    "encodings",
    "escaped-lone-surrogate",
    ANALYZE_REC,
    2,
    ["rec.json", "/summary", "surrogate"],
    files={"rec.json": record(set={"/summary": "\ud800"})},
)

# --- Nesting depth ------------------------------------------------------------------------------------------------
for depth in (65, 100, 1000, 5000, 100_000):
    for cmd_name, command in commands_for("rec.json"):
        case(
            "depth",
            f"json-array-{depth}-{cmd_name}",
            command,
            2,
            ["rec.json", "nested more than 64 levels"],
            files={"rec.json": nested('{"id": "x", "title": "t", "as_of": "2025", "summary": ', "[", "]", depth, "}")},
            subprocess=depth >= 5000 and cmd_name == "analyze",
        )
    case(
        "depth",
        f"json-object-{depth}-rules",
        WITH_RULES,
        2,
        ["rules.json", "nested more than 64 levels"],
        files={"rules.json": nested("", '{"a": ', "}", depth, "", inner="1")},
    )
    case(
        "depth",
        f"yaml-flow-{depth}",
        ANALYZE_YAML,
        2,
        ["rec.yaml", "nested more than 64 levels"],
        files={"rec.yaml": nested("id: x\ntitle: t\nas_of: '2025'\nsummary: ", "[", "]", depth, "\n")},
        subprocess=depth >= 5000,
    )
block = "".join("  " * i + "- \n" for i in range(200)).replace("- \n", "-\n")
case(
    "depth",
    "yaml-block-200",
    ANALYZE_YAML,
    2,
    ["rec.yaml", "nested more than 64 levels"],
    files={"rec.yaml": text("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n")},
)
deep_where: Any = {"type": "object"}
for _ in range(80):
    deep_where = {"not": deep_where}
case(
    "depth",
    "where-80-levels",
    WITH_RULES,
    2,
    ["rules.json", "nested more than 64 levels"],
    files={"rules.json": rules(set={"/questions/0/raised_if": {"description": "d", "where": deep_where}})},
)
deep_all: Any = {"description": "leaf", "where": True}
for _ in range(70):
    deep_all = {"all": [deep_all]}
case(
    "depth",
    "conditions-70-levels",
    WITH_RULES,
    2,
    ["rules.json", "nested more than 64 levels"],
    files={"rules.json": rules(set={"/questions/0/raised_if": deep_all})},
)

# --- Numbers ------------------------------------------------------------------------------------------------------
NUMBERS = {
    "int-5000-digits": ("1" * 5000, "5000 digits"),
    "int-101-digits": ("9" * 101, "101 digits"),
    "negative-int-200-digits": ("-" + "9" * 200, "200 digits"),
    "float-overflow": ("1e999", "too large"),
    "negative-float-overflow": ("-1e999", "too large"),
    "nan": ("NaN", "NaN"),
    "infinity": ("Infinity", "Infinity"),
    "negative-infinity": ("-Infinity", "Infinity"),
}
for name, (literal, fact) in NUMBERS.items():
    body = '{\n  "id": "x",\n  "title": "t",\n  "as_of": "2025",\n  "location": {"lat": ' + literal + "}\n}\n"
    for cmd_name, command in commands_for("rec.json"):
        case(
            "numbers",
            f"{name}-{cmd_name}",
            command,
            2,
            ["rec.json:5:", "/location/lat", fact],
            files={"rec.json": text(body)},
        )
    rule_body = '{"id": "r", "questions": [{"min": ' + literal + "}]}"
    case(
        "numbers",
        f"{name}-rules",
        WITH_RULES,
        2,
        ["rules.json:1:", "/questions/0/min", fact],
        files={"rules.json": text(rule_body)},
    )
YAML_NUMBERS = {
    "yaml-inf": (".inf", "not a finite number"),
    "yaml-negative-inf": ("-.inf", "not a finite number"),
    "yaml-nan": (".nan", "not a finite number"),
    "yaml-int-5000-digits": ("1" * 5000, "5000 digits"),
    "yaml-float-overflow": ("1.0e+999", "not a finite number"),
}
for name, (literal, fact) in YAML_NUMBERS.items():
    body = f"id: x\ntitle: t\nas_of: '2025'\nlocation:\n  lat: {literal}\n"
    case("numbers", name, ANALYZE_YAML, 2, ["rec.yaml:5:8", "/location/lat", fact], files={"rec.yaml": text(body)})
    case(
        "numbers",
        f"{name}-validate",
        ["validate", "{in}/rec.yaml"],
        2,
        ["rec.yaml:5:8", fact],
        files={"rec.yaml": text(body)},
    )

# --- YAML tags, aliases and keys ----------------------------------------------------------------------------------
TAGS = {
    "timestamp": "!!timestamp 2025-01-01",
    "binary": "!!binary aGVsbG8=",
    "set": "!!set {a, b}",
    "omap": "!!omap [a: 1]",
    "pairs": "!!pairs [a: 1]",
    "python-object": "!!python/object:os.system {}",
    "python-name": "!!python/name:os.system ''",
    "local-tag": "!thing x",
    "uri-tag": "!<tag:example.org,2025:thing> x",
    "value-tag": "!!value x",
}
for name, value in TAGS.items():
    body = f"id: x\ntitle: t\nas_of: '2025'\nsummary: {value}\n"
    case("yaml-tags", name, ANALYZE_YAML, 2, ["rec.yaml:4:10", "/summary", "tag"], files={"rec.yaml": text(body)})
    case(
        "yaml-tags",
        f"{name}-rules",
        WITH_RULES_YAML,
        2,
        ["rules.yaml:2:8", "/title", "tag"],
        files={"rules.yaml": text(f"id: r\ntitle: {value}\n")},
    )
laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
)
case(
    "yaml-aliases",
    "billion-laughs",
    ANALYZE_YAML,
    2,
    ["rec.yaml", "aliases"],
    files={"rec.yaml": text(laughs)},
    subprocess=True,
)
case(
    "yaml-aliases",
    "billion-laughs-rules",
    WITH_RULES_YAML,
    2,
    ["rules.yaml", "aliases"],
    files={"rules.yaml": text(laughs)},
)
case(
    "yaml-aliases",
    "billion-laughs-validate",
    ["validate", "{in}/rec.yaml"],
    2,
    ["rec.yaml", "aliases"],
    files={"rec.yaml": text(laughs)},
)
case(
    "yaml-aliases",
    "recursive-sequence",
    ANALYZE_YAML,
    2,
    ["rec.yaml:4:", "contains it"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: '2025'\nsummary: &a [*a]\n")},
)
case(
    "yaml-aliases",
    "recursive-mapping",
    ANALYZE_YAML,
    2,
    ["rec.yaml", "contains it"],
    files={"rec.yaml": text("&r\nid: x\ntitle: t\nas_of: '2025'\nself: *r\n")},
)
case(
    "yaml-aliases",
    "undefined-alias",
    ANALYZE_YAML,
    2,
    ["rec.yaml:4:", "YAML"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: '2025'\nsummary: *nowhere\n")},
)
case(
    "yaml-aliases",
    "merge-key",
    ANALYZE_YAML,
    2,
    ["rec.yaml:5:", "merge key"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: '2025'\nlocation:\n  <<: {description: d}\n")},
)
case(
    "yaml-aliases",
    "anchors-are-fine",
    ["validate", "{in}/rec.yaml"],
    0,
    ["rec.yaml: ok"],
    files={"rec.yaml": text("id: x\ntitle: &t A title\nas_of: '2025'\nsummary: *t\n")},
)
KEYS = {"int": "1", "null": "null", "true": "true", "float": "1.5", "tilde": "~", "date-like": "2025-01-01"}
for name, key in KEYS.items():
    expect = ["rec.yaml:4:1", "not a string"] if name != "date-like" else ["rec.yaml:4:1", "2025-01-01"]
    exit_code = 2
    case(
        "yaml-keys",
        f"{name}-key",
        ANALYZE_YAML,
        exit_code,
        expect,
        files={"rec.yaml": text(f"id: x\ntitle: t\nas_of: '2025'\n{key}: v\n")},
    )
    case(
        "yaml-keys",
        f"{name}-key-jobs-2",
        ["analyze", "{in}", "--out", "{out}", "--jobs", "2"],
        exit_code,
        ["rec.yaml:4:1"],
        files={"rec.yaml": text(f"id: x\ntitle: t\nas_of: '2025'\n{key}: v\n"), "ok.json": record()},
        subprocess=name == "int",
    )
    case(
        "yaml-keys",
        f"{name}-key-in-where",
        WITH_RULES_YAML,
        0 if name == "date-like" else 2,
        [] if name == "date-like" else ["rules.yaml", "/questions/0/raised_if/where/properties"],
        files={
            "rules.yaml": text(
                "id: r\ntitle: t\nversion: '1.0'\nquestions:\n- id: q\n  text: t\n  why: w\n  would_answer: a\n"
                "  citations: [{instrument: I, pinpoint: P}]\n  raised_if:\n    description: d\n"
                f"    where:\n      properties:\n        {key}: {{type: string}}\n"
            )
        },
    )
case(
    "yaml-keys",
    "list-key",
    ANALYZE_YAML,
    2,
    ["rec.yaml:4:", "not a string"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: '2025'\n? [a, b]\n: v\n")},
)
case(
    "yaml-keys",
    "duplicate-key",
    ANALYZE_YAML,
    2,
    ["rec.yaml:3:1", "/title", "duplicate key"],
    files={"rec.yaml": text("id: x\ntitle: t\ntitle: u\nas_of: '2025'\n")},
)
case(
    "yaml-keys",
    "duplicate-nested-key",
    ANALYZE_YAML,
    2,
    ["rec.yaml:6:3", "/location/domain", "duplicate key"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: '2025'\nlocation:\n  domain: sea\n  domain: air\n")},
)
for name, body, where in (
    ("duplicate-key", '{"id": "x", "title": "t", "id": "y"}', ["rec.json:1:33", "/id", "duplicate key"]),
    (
        "duplicate-nested-key",
        '{"id": "x",\n "location": {"domain": "sea",\n  "domain": "air"}}',
        ["rec.json:3:13", "/location/domain", "duplicate key"],
    ),
    (
        "duplicate-key-in-list",
        '{"actors": [{"id": "a", "id": "b"}]}',
        ["rec.json:1:31", "/actors/0/id", "duplicate key"],
    ),
):
    for cmd_name, command in commands_for("rec.json"):
        case("duplicate-keys", f"{name}-{cmd_name}", command, 2, where, files={"rec.json": text(body)})
case(
    "duplicate-keys",
    "duplicate-key-in-rules",
    WITH_RULES,
    2,
    ["rules.json:1:", "/id", "duplicate key"],
    files={"rules.json": text('{"id": "r", "id": "s"}')},
)
if True:  # YAML syntax
    case(
        "yaml-syntax",
        "tab-indent",
        ANALYZE_YAML,
        2,
        ["rec.yaml:2:", "YAML"],
        files={"rec.yaml": text("id: x\n\ttitle: t\n")},
    )
    case("yaml-syntax", "unclosed-flow", ANALYZE_YAML, 2, ["rec.yaml:", "YAML"], files={"rec.yaml": text("a: [1, 2\n")})
    case(
        "yaml-syntax",
        "two-documents",
        ANALYZE_YAML,
        2,
        ["rec.yaml:", "YAML"],
        files={"rec.yaml": text("a: 1\n---\nb: 2\n")},
    )
    case("yaml-syntax", "empty", ANALYZE_YAML, 2, ["rec.yaml", "JSON object"], files={"rec.yaml": text("")})
    case(
        "yaml-syntax",
        "scalar-document",
        ANALYZE_YAML,
        2,
        ["rec.yaml", "JSON object"],
        files={"rec.yaml": text("hello\n")},
    )
    case(
        "yaml-syntax", "list-document", ANALYZE_YAML, 2, ["rec.yaml", "JSON object"], files={"rec.yaml": text("- a\n")}
    )
    case(
        "yaml-syntax",
        "bad-indent",
        ANALYZE_YAML,
        2,
        ["rec.yaml:3:", "YAML"],
        files={"rec.yaml": text("a:\n  b: 1\n c: 2\n")},
    )
    case("yaml-syntax", "unclosed-quote", ANALYZE_YAML, 2, ["rec.yaml:", "YAML"], files={"rec.yaml": text("a: 'x\n")})


# --- Schema violations at every level -----------------------------------------------------------------------------
WRONG = {"string": 5, "array": "x", "object": [1], "enum": "no-such-value"}
RECORD_FIELDS = {
    "/id": "string",
    "/title": "string",
    "/summary": "string",
    "/as_of": "string",
    "/date": "string",
    "/location": "object",
    "/location/description": "string",
    "/location/domain": "enum",
    "/location/precision": "enum",
    "/location/sources": "array",
    "/actors": "array",
    "/actors/0": "object",
    "/actors/0/id": "string",
    "/actors/0/name": "string",
    "/actors/0/kind": "enum",
    "/events": "array",
    "/events/0": "object",
    "/events/0/id": "string",
    "/events/0/kind": "enum",
    "/events/0/date": "string",
    "/events/0/description": "string",
    "/events/0/actors": "array",
    "/events/0/status": "enum",
    "/events/0/sources": "array",
    "/claims": "array",
    "/claims/0": "object",
    "/claims/0/id": "string",
    "/claims/0/claimant": "string",
    "/claims/0/stance": "enum",
    "/claims/0/text": "string",
    "/claims/0/source": "string",
    "/sources": "array",
    "/sources/0": "object",
    "/sources/0/id": "string",
    "/sources/0/kind": "enum",
    "/sources/0/title": "string",
    "/sources/0/url": "string",
    "/sources/0/date": "string",
    "/sources/0/attribution": "enum",
}
for pointer, kind in RECORD_FIELDS.items():
    slug = pointer.strip("/").replace("/", "-")
    for fmt in ("json", "yaml"):
        name = f"rec.{fmt}"
        case(
            "record-schema",
            f"wrong-{kind}-{slug}-{fmt}",
            ["analyze", f"{{in}}/{name}", "--out", "{out}"],
            2,
            [f"{name}:", pointer],
            files={name: record(fmt, set={pointer: WRONG[kind]})},
        )
for pointer in ("/id", "/title", "/as_of"):
    case(
        "record-schema",
        f"missing{pointer.replace('/', '-')}",
        ANALYZE_REC,
        2,
        ["rec.json:1:1", pointer.strip("/")],
        files={"rec.json": record(remove=[pointer])},
    )
for pointer in ("/actors/0/id", "/events/0/id", "/claims/0/id", "/sources/0/id", "/claims/0/stance"):
    case(
        "record-schema",
        f"missing{pointer.replace('/', '-')}",
        ANALYZE_REC,
        2,
        ["rec.json:", pointer.rsplit("/", 1)[0], pointer.rsplit("/", 1)[1]],
        files={"rec.json": record(remove=[pointer])},
    )
for pointer in ("", "/location", "/actors/0", "/events/0", "/claims/0", "/sources/0"):
    case(
        "record-schema",
        f"unexpected-property{pointer.replace('/', '-') or '-top'}",
        ANALYZE_REC,
        2,
        ["rec.json:", f"{pointer}/colour", "unexpected property"],
        files={"rec.json": record(set={f"{pointer}/colour": "red"})},
    )
for body, name in (("[]", "array"), ('"text"', "string"), ("42", "number"), ("null", "null"), ("true", "boolean")):
    for cmd_name, command in commands_for("rec.json"):
        expect = ["rec.json", "JSON object"] if cmd_name == "analyze" else ["rec.json", "neither"]
        case("record-schema", f"document-is-{name}-{cmd_name}", command, 2, expect, files={"rec.json": text(body)})

# --- References inside records ------------------------------------------------------------------------------------
REFS = {
    "claimant": "/claims/0/claimant",
    "claim-source": "/claims/0/source",
    "event-actor": "/events/0/actors/0",
    "event-source": "/events/0/sources/0",
    "location-source": "/location/sources/0",
    "claim-about": "/claims/0/about/0",
}
for name, pointer in REFS.items():
    for fmt in ("json", "yaml"):
        file = f"rec.{fmt}"
        case(
            "record-references",
            f"dangling-{name}-{fmt}",
            ["analyze", f"{{in}}/{file}", "--out", "{out}"],
            2,
            [f"{file}:", pointer, "'nobody' is not the id"],
            files={file: record(fmt, set={pointer: "nobody"})},
        )
for name, collection in (("actor", "actors"), ("event", "events"), ("claim", "claims"), ("source", "sources")):
    case(
        "record-references",
        f"duplicate-{name}-id",
        ANALYZE_REC,
        2,
        ["rec.json:", f"/{collection}/1/id", "duplicate id"],
        files={"rec.json": record(set={f"/{collection}/1": "@copy:/" + collection + "/0"})},
    )
case(
    "record-references",
    "source-relies-on-itself",
    ANALYZE_REC,
    2,
    ["rec.json:", "/sources/0/relies_on/0", "rely on itself"],
    files={"rec.json": record(set={"/sources/0/relies_on": ["source-1"]})},
)
case(
    "record-references",
    "same-id-in-two-files",
    ["analyze", "{in}", "--out", "{out}"],
    2,
    ["b.json", "/id", "also used by"],
    files={"a.json": record(), "b.json": record()},
)

# --- Ids and file names -------------------------------------------------------------------------------------------
BAD_IDS = {
    "trailing-newline": "boat\n",
    "leading-newline": "\nboat",
    "slash": "a/b",
    "dot-dot": "..",
    "parent": "../boat",
    "hidden": ".boat",
    "empty": "",
    "space": "a b",
    "too-long": "a" * 129,
    "nul": "a\u0000b",
    "backslash": "a\\b",
    "rtl-override": "boat\u202etxt",
    "unicode-letter": "bôat",
}
for name, value in BAD_IDS.items():
    for fmt in ("json", "yaml"):
        file = f"rec.{fmt}"
        case(
            "ids",
            f"incident-id-{name}-{fmt}",
            ["analyze", f"{{in}}/{file}", "--out", "{out}"],
            2,
            [f"{file}:", "/id"],
            files={file: record(fmt, set={"/id": value})},
        )
for name, value in {"index": "index", "index-upper": "INDEX", "index-mixed": "Index"}.items():
    for cmd_name, command in commands_for("rec.json"):
        case(
            "ids",
            f"reserved-{name}-{cmd_name}",
            command,
            2,
            ["rec.json:", "/id", "reserved"],
            files={"rec.json": record(set={"/id": value})},
        )
for name, value in {"trailing-newline": "boat\n", "slash": "a/b", "dot-dot": "..", "hidden": ".x", "empty": ""}.items():
    case(
        "ids",
        f"item-id-{name}",
        ANALYZE_REC,
        2,
        ["rec.json:", "/actors/0/id"],
        files={"rec.json": record(set={"/actors/0/id": value})},
    )
for name, value in {"trailing-newline": "abc\n", "slash": "a/b", "dot-dot": "..", "empty": "", "space": "a b"}.items():
    case("ids", f"new-incident-{name}", ["new", "incident", value, "--out", "{out}"], 2, ["not a valid incident id"])
    case(
        "ids",
        f"new-checklist-{name}",
        ["new", "checklist", value, "--out", "{out}"],
        2,
        ["not a valid checklist id"],
    )
case("ids", "new-incident-index", ["new", "incident", "Index", "--out", "{out}"], 2, ["'Index' is reserved"])
case("ids", "new-checklist-upper", ["new", "checklist", "ABC", "--out", "{out}"], 2, ["not a valid checklist id"])
case("ids", "new-checklist-builtin", ["new", "checklist", "due-process", "--out", "{out}"], 2, ["already used"])
for name, value in {"trailing-newline": "r\n", "upper": "R", "slash": "a/b"}.items():
    case(
        "ids",
        f"checklist-id-{name}",
        WITH_RULES,
        2,
        ["rules.json:", "/id"],
        files={"rules.json": rules(set={"/id": value})},
    )
    case(
        "ids",
        f"question-id-{name}",
        WITH_RULES,
        2,
        ["rules.json:", "/questions/0/id"],
        files={"rules.json": rules(set={"/questions/0/id": value})},
    )

# --- Dates --------------------------------------------------------------------------------------------------------
BAD_DATES = {
    "feb-30": ("2025-02-30", "calendar"),
    "feb-29-common-year": ("2025-02-29", "calendar"),
    "apr-31": ("2025-04-31", "calendar"),
    "jun-31": ("2025-06-31", "calendar"),
    "year-0": ("0000-01-01", "year 0"),
    "year-0-only": ("0000", "year 0"),
    "month-13": ("2025-13-01", "/"),
    "day-32": ("2025-01-32", "/"),
    "day-00": ("2025-01-00", "/"),
    "short-month": ("2025-1-01", "/"),
    "trailing-newline": ("2025-01-01\n", "/"),
    "time-part": ("2025-01-01T00:00:00Z", "/"),
    "slashes": ("2025/01/01", "/"),
}
for name, (value, fact) in BAD_DATES.items():
    for pointer in ("/as_of", "/date", "/events/0/date", "/sources/0/date"):
        slug = pointer.strip("/").replace("/", "-")
        case(
            "dates",
            f"{name}-{slug}",
            ANALYZE_REC,
            2,
            ["rec.json:", pointer, fact],
            files={"rec.json": record(set={pointer: value})},
        )
for name, value in {
    "leap-day": "2024-02-29",
    "year-only": "2025",
    "year-month": "2025-02",
    "year-1": "0001-01-01",
}.items():
    case(
        "dates",
        f"valid-{name}",
        ["validate", "{in}/rec.json"],
        0,
        ["rec.json: ok"],
        files={"rec.json": record(set={"/date": value})},
    )
case(
    "dates",
    "yaml-unquoted-date-stays-a-string",
    ["validate", "{in}/rec.yaml"],
    0,
    ["rec.yaml: ok"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: 2025-01-02\n")},
)
case(
    "dates",
    "yaml-impossible-unquoted-date",
    ["validate", "{in}/rec.yaml"],
    2,
    ["rec.yaml:3:8", "/as_of", "calendar"],
    files={"rec.yaml": text("id: x\ntitle: t\nas_of: 2025-02-30\n")},
)

# --- Rule files: schema, references, regular expressions ----------------------------------------------------------
RULE_FIELDS = {
    "/id": 5,
    "/title": 5,
    "/version": "one",
    "/questions": {},
    "/questions/0": "q",
    "/questions/0/text": 5,
    "/questions/0/why": [],
    "/questions/0/severity": "extreme",
    "/questions/0/citations": "none",
    "/questions/0/citations/0/url": "javascript:alert(1)",
    "/questions/0/would_answer": 1,
    "/questions/0/tags/0": "Not A Tag",
    "/questions/0/raised_if/any/0/select": "claims",
    "/questions/0/raised_if/any/0/min": -1,
    "/questions/0/raised_if/any/0/where": "yes",
    "/examples/0/expect": {},
    "/examples/0/record": [],
}
for pointer, value in RULE_FIELDS.items():
    slug = pointer.strip("/").replace("/", "-")
    for fmt in ("json", "yaml"):
        file = f"rules.{fmt}"
        for cmd_name, command in rule_commands(file):
            if cmd_name == "test" and fmt == "yaml":
                continue
            case(
                "rule-schema",
                f"{slug}-{fmt}-{cmd_name}",
                command,
                2,
                [f"{file}:", pointer.rsplit("/", 1)[0] if pointer.count("/") > 1 else "/"],
                files={file: rules(fmt, set={pointer: value})},
            )
for pointer in ("/id", "/questions", "/questions/0/citations", "/questions/0/would_answer"):
    case(
        "rule-schema",
        f"missing{pointer.replace('/', '-')}",
        WITH_RULES,
        2,
        ["rules.json:", pointer.rsplit("/", 1)[1]],
        files={"rules.json": rules(remove=[pointer])},
    )
case(
    "rule-schema",
    "example-expects-unknown-question",
    WITH_RULES,
    2,
    ["rules.json:", "/examples/0/expect/nope", "no question"],
    files={"rules.json": rules(set={"/examples/0/expect/nope": "open"})},
)
case(
    "rule-schema",
    "example-record-invalid",
    WITH_RULES,
    2,
    ["rules.json:", "/examples/0/record/as_of"],
    files={"rules.json": rules(set={"/examples/0/record/as_of": "2025-02-30"})},
)
case(
    "rule-schema",
    "id-of-builtin",
    WITH_RULES,
    2,
    ["rules.json:", "/id", "built-in"],
    files={"rules.json": rules(set={"/id": "due-process"})},
)

WHERE = "/questions/0/raised_if/any/1/where"
REF_CASES = {
    "http": ({"$ref": "http://127.0.0.1:9/schema.json"}, "/$ref", "points outside"),
    "https": ({"$ref": "https://example.org/schema.json"}, "/$ref", "points outside"),
    "file-passwd": ({"$ref": "file:///etc/passwd"}, "/$ref", "points outside"),
    "file-relative": ({"$ref": "other.json"}, "/$ref", "points outside"),
    "file-parent": ({"$ref": "../seeds/x.json#/a"}, "/$ref", "points outside"),
    "urn": ({"$ref": "urn:legalcheck:schema:incident:1"}, "/$ref", "points outside"),
    "dynamic-ref": ({"$dynamicRef": "http://127.0.0.1:9/x"}, "/$dynamicRef", "points outside"),
    "nested-http": ({"properties": {"a": {"$ref": "http://127.0.0.1:9/x"}}}, "/properties/a/$ref", "points outside"),
    "in-items": ({"items": [{"$ref": "file:///etc/hostname"}]}, "/items/0/$ref", "points outside"),
    "id-and-relative-ref": ({"$id": "http://127.0.0.1:9/a/", "$ref": "b.json"}, "/$id", "not allowed"),
    "id-alone": ({"$id": "file:///tmp/"}, "/$id", "not allowed"),
    "nested-id": ({"properties": {"a": {"$id": "http://x/", "type": "string"}}}, "/properties/a/$id", "not allowed"),
    "foreign-schema": ({"$schema": "http://127.0.0.1:9/meta"}, "/$schema", "$schema"),
    "dangling-pointer": ({"$ref": "#/$defs/none"}, "/$ref", "does not resolve"),
    "dangling-anchor": ({"$ref": "#nowhere"}, "/$ref", "does not resolve"),
    "self-loop": ({"$ref": "#"}, "", "loop"),
    "defs-loop": ({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}, "/$defs/a", "loop"),
    "two-step-loop": (
        {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
        "/$defs/a",
        "loop",
    ),
    "loop-through-allof": (
        {"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"},
        "/$defs/a",
        "loop",
    ),
    "loop-through-not": ({"$defs": {"a": {"not": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}, "/$defs/a", "loop"),
    "loop-through-anchor": (
        {"$defs": {"a": {"$anchor": "x", "anyOf": [{"$ref": "#x"}]}}, "$ref": "#x"},
        "/$defs/a",
        "loop",
    ),
    "loop-through-if": ({"$defs": {"a": {"if": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}, "/$defs/a", "loop"),
}
for name, (where, sub, fact) in REF_CASES.items():
    for evaluator in ("jsonschema_rs", "jsonschema"):
        case(
            "rule-references",
            f"{name}-{evaluator}",
            WITH_RULES,
            2,
            ["rules.json:", f"{WHERE}{sub}", fact],
            files={"rules.json": rules(set={WHERE: where})},
            env={"LEGALCHECK_EVALUATOR": evaluator},
        )
    case(
        "rule-references",
        f"{name}-validate",
        ["validate", "{in}/rules.json"],
        2,
        ["rules.json:", f"{WHERE}{sub}", fact],
        files={"rules.json": rules(set={WHERE: where})},
    )
for name, spelled in (("json-escape", "\\u0024ref"), ("json-escape-upper", "\\u0024\\u0072ef")):
    case(
        "rule-references",
        f"escaped-ref-key-{name}",
        WITH_RULES,
        2,
        ["rules.json:", f"{WHERE}/$ref", "points outside"],
        files={
            "rules.json": rules(set={WHERE: {"$ref": "file:///etc/passwd"}}) | {"replace": [['"$ref"', f'"{spelled}"']]}
        },
    )
OK_REFS = {
    "local-def": {"$defs": {"c": {"type": "object"}}, "$ref": "#/$defs/c"},
    "recursion-that-descends": {"$defs": {"a": {"properties": {"x": {"$ref": "#/$defs/a"}}}}, "$ref": "#/$defs/a"},
    "anchor": {"$defs": {"c": {"$anchor": "claim", "type": "object"}}, "$ref": "#claim"},
    "root-in-items": {"items": {"$ref": "#"}},
}
for name, where in OK_REFS.items():
    for evaluator in ("jsonschema_rs", "jsonschema"):
        case(
            "rule-references",
            f"allowed-{name}-{evaluator}",
            ["analyze", "{seeds}", "--rules", "{in}/rules.json", "--out", "{out}", "--format", "json", "-q"],
            0,
            [],
            files={"rules.json": rules(set={WHERE: where})},
            env={"LEGALCHECK_EVALUATOR": evaluator},
        )
PATTERN = WHERE + "/properties/text/pattern"
REGEX_CASES = {
    "lookahead": ("(?=a)b", 2, "linear time"),
    "lookbehind": ("(?<=a)b", 2, "linear time"),
    "backreference": ("(a)\\1", 2, "linear time"),
    "thousand-groups": ("(" * 1000 + "a" + ")" * 1000, 2, "regular expression"),
    "unclosed": ("(abc", 2, "invalid regular expression"),
    "bad-class": ("[z-a]", 2, "invalid regular expression"),
    "huge-repeat": ("a{1000000}{1000000}", 2, "regular expression"),
}
for name, (pattern, exit_code, fact) in REGEX_CASES.items():
    for evaluator in ("jsonschema_rs", "jsonschema"):
        case(
            "rule-regex",
            f"{name}-{evaluator}",
            WITH_RULES,
            exit_code,
            ["rules.json:", PATTERN, fact],
            files={"rules.json": rules(set={PATTERN: pattern})},
            env={"LEGALCHECK_EVALUATOR": evaluator},
        )
for name, pattern in {
    "nested-plus": "(a+)+$",
    "nested-star": "(a*)*b$",
    "alternation": "(a|aa)+$",
    "dot-star": "(.*a){12}$",
}.items():
    for evaluator in ("jsonschema_rs", "jsonschema"):
        case(
            "rule-regex",
            f"catastrophic-{name}-runs-in-linear-time-{evaluator}",
            ["analyze", "{in}/rec.json", "--rules", "{in}/rules.json", "--out", "{out}", "--format", "json", "-q"],
            0,
            [],
            files={
                "rules.json": rules(set={WHERE: {"properties": {"text": {"pattern": pattern}}}}),
                "rec.json": record(set={"/claims/0/text": "a" * 30000 + "!", "/claims/0/stance": "questions"}),
            },
            env={"LEGALCHECK_EVALUATOR": evaluator},
        )

# --- Command-line misuse ------------------------------------------------------------------------------------------
case("cli", "no-paths", ["analyze"], 2, ["Missing argument"])
case("cli", "missing-path", ["analyze", "{in}/nothing.json", "--out", "{out}"], 2, ["nothing.json", "no such file"])
case(
    "cli",
    "empty-folder",
    ["analyze", "{in}", "--out", "{out}"],
    2,
    ["no incident records"],
    files={"notes.txt": text("x")},
)
for value in ("0", "-1", "abc", "1.5", ""):
    case("cli", f"jobs-{value or 'empty'}", ["analyze", "{seeds}", "--out", "{out}", "--jobs", value], 2, ["--jobs"])
for value in ("10000", "1000000"):
    case(
        "cli",
        f"jobs-{value}-is-capped",
        ["analyze", "{seeds}", "--out", "{out}", "--jobs", value, "-q"],
        0,
        [],
        subprocess=value == "10000",
    )
for value in ("pdf", "HTML", "", "json,html"):
    case(
        "cli",
        f"format-{value or 'empty'}",
        ["analyze", "{seeds}", "--out", "{out}", "--format", value],
        2,
        ["--format"],
    )
case("cli", "fail-on-unknown", ["analyze", "{seeds}", "--out", "{out}", "--fail-on", "closed"], 2, ["--fail-on"])
case(
    "cli",
    "fail-severity-unknown",
    ["analyze", "{seeds}", "--out", "{out}", "--fail-severity", "x"],
    2,
    ["--fail-severity"],
)
case(
    "cli",
    "checklist-unknown",
    ["analyze", "{seeds}", "--out", "{out}", "--checklist", "nope"],
    2,
    ["unknown checklist id 'nope'"],
)
case(
    "cli", "tag-unknown", ["analyze", "{seeds}", "--out", "{out}", "--tag", "nope"], 2, ["no checklist has tag 'nope'"]
)
case(
    "cli",
    "rules-missing",
    ["analyze", "{seeds}", "--rules", "{in}/none.json", "--out", "{out}"],
    2,
    ["none.json", "no such file"],
)
case(
    "cli",
    "out-is-a-file",
    ["analyze", "{seeds}", "--out", "{in}/file.txt"],
    2,
    ["file.txt", "output folder"],
    files={"file.txt": text("keep me")},
)
case(
    "cli",
    "out-under-a-file",
    ["analyze", "{seeds}", "--out", "{in}/file.txt/sub"],
    2,
    ["file.txt", "output folder"],
    files={"file.txt": text("keep me")},
)
case("cli", "out-is-dev-null", ["analyze", "{seeds}", "--out", "/dev/null"], 2, ["/dev/null", "output folder"])
case(
    "cli",
    "out-under-proc",
    ["analyze", "{seeds}", "--out", "/proc/self/legalcheck-out"],
    2,
    ["legalcheck-out", "output folder"],
)
case(
    "cli",
    "out-is-the-input-folder",
    ["analyze", "{in}", "--out", "{in}"],
    2,
    ["case.json", "would replace this input"],
    files={"case.json": record()},
)
case(
    "cli",
    "out-is-the-input-folder-yaml-record",
    ["analyze", "{in}", "--out", "{in}", "--format", "json"],
    0,
    [],
    files={"rec.yaml": record("yaml")},
    note="rec.yaml (id case) gives case.json beside it: no input is touched",
)
case(
    "cli",
    "out-holds-the-rule-file",
    ["analyze", "{in}/rec.json", "--rules", "{in}/case.json", "--out", "{in}", "--format", "json"],
    2,
    ["case.json"],
    files={"rec.json": record(), "case.json": rules(set={"/id": "case"})},
)
case(
    "cli",
    "out-has-a-folder-where-a-report-goes",
    ["analyze", "{in}/rec.json", "--out", "{in}/out"],
    2,
    ["case.html", "not a regular file"],
    files={"rec.json": record(), "out/case.html/keep.txt": text("keep")},
)
case("cli", "schema-unknown", ["schema", "nope"], 2, ["nope"])
case("cli", "rules-show-unknown", ["rules", "show", "nope"], 2, ["nope"])
case("cli", "validate-missing", ["validate", "{in}/none.json"], 2, ["none.json", "no such file"])
case(
    "cli",
    "validate-empty-folder",
    ["validate", "{in}"],
    2,
    ["no .json, .yaml or .yml files"],
    files={"a.txt": text("x")},
)
case("cli", "validate-neither", ["validate", "{in}/x.json"], 2, ["x.json", "neither"], files={"x.json": text("{}")})
case(
    "cli",
    "new-incident-exists",
    ["new", "incident", "abc", "--out", "{in}/abc.json"],
    2,
    ["already exists"],
    files={"abc.json": text("keep")},
)
case(
    "cli",
    "new-incident-at-folder",
    ["new", "incident", "abc", "--out", "{in}/sub", "--force"],
    2,
    ["is a folder"],
    files={"sub/x.txt": text("keep")},
)
case(
    "cli",
    "new-incident-at-dev-null",
    ["new", "incident", "abc", "--out", "/dev/null", "--force"],
    2,
    ["/dev/null", "not a regular file"],
)
case(
    "cli",
    "new-checklist-at-dev-null",
    ["new", "checklist", "abc", "--out", "/dev/null", "--force"],
    2,
    ["/dev/null", "not a regular file"],
)
case(
    "cli",
    "new-incident-at-fifo",
    ["new", "incident", "abc", "--out", "{in}/pipe", "--force"],
    2,
    ["pipe", "not a regular file"],
    fifo="pipe",
)
case(
    "cli",
    "analyze-out-holds-fifo",
    ["analyze", "{in}/rec.json", "--out", "{in}/o"],
    2,
    ["case.json", "not a regular file"],
    files={"rec.json": record()},
    fifo="o/case.json",
)
case("cli", "unknown-option", ["analyze", "{seeds}", "--outt", "x"], 2, ["--outt"])
case("cli", "unknown-command", ["analyse", "{seeds}"], 2, ["analyse"])

# --- Faults -------------------------------------------------------------------------------------------------------
for fmt in ("html", "csv", "json", "markdown"):
    case(
        "faults",
        f"disk-full-{fmt}",
        ["analyze", "{seeds}", "--out", "{out}", "--format", fmt],
        2,
        ["No space left on device"],
        fault="disk-full",
    )
case(
    "faults",
    "disk-full-keeps-the-previous-run",
    ["analyze", "{seeds}", "--out", "{out}"],
    2,
    ["No space left on device"],
    fault="disk-full",
    previous_run=True,
)
for fmt in ("html", "json"):
    case(
        "faults",
        f"read-only-output-{fmt}",
        ["analyze", "{seeds}", "--out", "{out}", "--format", fmt],
        2,
        ["Read-only file system"],
        fault="read-only",
    )
case(
    "faults",
    "read-only-keeps-the-previous-run",
    ["analyze", "{seeds}", "--out", "{out}"],
    2,
    ["Read-only file system"],
    fault="read-only",
    previous_run=True,
)
case(
    "faults",
    "unreadable-record",
    ["analyze", "{in}/rec.json", "--out", "{out}"],
    2,
    ["rec.json", "cannot read"],
    files={"rec.json": record()},
    fault="unreadable",
)


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    total = 0
    for family, cases in CASES.items():
        folder = OUT / family
        folder.mkdir(parents=True)
        for name, data in cases.items():
            (folder / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=True) + "\n")
            total += 1
    print(f"{total} cases in {len(CASES)} families written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
