"""Property-based tests: any JSON value as a record or a rule file gives results or a clean error, and rendering
never raises, whatever strings a record holds."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcheck import __version__
from legalcheck.authoring import scaffold
from legalcheck.engine.analyze import analyze
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist
from legalcheck.errors import InputError
from legalcheck.loading.checklists import load_rules
from legalcheck.loading.records import load_record
from legalcheck.report.csvfmt import rows
from legalcheck.report.html import HtmlReporter, render_incident, render_index
from legalcheck.report.jsonfmt import dumps
from legalcheck.report.markdown import render_markdown
from legalcheck.report.output import Output
from legalcheck.report.registry import summary_of
from legalcheck.report.results import Catalogue, expand
from legalcheck.run import ruleset_of

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text with the characters that break naive code: controls, bidi overrides, markup, surrogates-free astral planes.
TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            ["<script>", "&amp;", '"', "'", "\u202e", "\u2066", "\x00", "\n", "=1+1", "javascript:", "{{ x }}"]
        ),
    ),
    max_size=12,
).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=25
)


def _pointers(data: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _pointers(value, f"{pointer}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _pointers(value, f"{pointer}/{i}")
    return found


def _replace(data: Any, pointer: str, value: Any) -> Any:
    if not pointer:
        return value
    data = copy.deepcopy(data)
    *parents, last = pointer.split("/")[1:]
    node = data
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


RECORD = scaffold.incident("case", "")
RECORD.pop("$schema")
RULES = scaffold.checklist("case-rules", "")
RULES.pop("$schema")


def _write(tmp_path: Path, name: str, data: Any, as_yaml: bool) -> Path:
    path = tmp_path / (name + (".yaml" if as_yaml else ".json"))
    text = yaml.safe_dump(data, allow_unicode=True) if as_yaml else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _check_record(path: Path) -> None:
    try:
        record = load_record(path)
    except InputError as exc:
        assert exc.problems and all(p.path == str(path) for p in exc.problems)
        return
    checklists = load_rules([], SchemaCompiler()).checklists
    _render(_results(record, checklists, path.name))


def _results(record: dict[str, Any], checklists: list[Checklist], file: str) -> dict[str, Any]:
    """The results document as written, and checked to round-trip through JSON; its full view, as renderers read
    it."""
    ruleset, rules = ruleset_of(checklists)
    doc = analyze(record, checklists, file=file).to_dict(__version__, ruleset)
    assert json.loads(dumps(doc)) == json.loads(json.dumps(doc))
    return expand(doc, Catalogue(rules))


def _render(doc: dict[str, Any]) -> None:
    assert render_incident(doc).startswith("<!DOCTYPE html>")
    assert render_index([summary_of(doc)])
    assert render_markdown(doc)
    assert list(rows(doc))


@SETTINGS
@given(value=JSON, as_yaml=st.booleans())
def test_any_json_value_as_a_record(tmp_path: Path, value: Any, as_yaml: bool) -> None:
    _check_record(_write(tmp_path, "any", value, as_yaml))


@SETTINGS
@given(data=st.data(), as_yaml=st.booleans())
def test_a_record_with_any_value_anywhere(tmp_path: Path, data: st.DataObject, as_yaml: bool) -> None:
    pointer = data.draw(st.sampled_from(_pointers(RECORD)))
    _check_record(_write(tmp_path, "rec", _replace(RECORD, pointer, data.draw(JSON)), as_yaml))


def _check_rules(path: Path) -> None:
    try:
        ruleset = load_rules([path], SchemaCompiler(), builtins=False)
    except InputError as exc:
        assert exc.problems and all(p.path == str(path) for p in exc.problems)
        return
    _render(_results(copy.deepcopy(RECORD), ruleset.checklists, "rec.json"))


@SETTINGS
@given(value=JSON, as_yaml=st.booleans())
def test_any_json_value_as_a_rule_file(tmp_path: Path, value: Any, as_yaml: bool) -> None:
    _check_rules(_write(tmp_path, "any", value, as_yaml))


@SETTINGS
@given(data=st.data())
def test_a_rule_file_with_any_value_anywhere(tmp_path: Path, data: st.DataObject) -> None:
    pointer = data.draw(st.sampled_from(_pointers(RULES)))
    _check_rules(_write(tmp_path, "rules", _replace(RULES, pointer, data.draw(JSON)), False))


def _strings(data: Any, pointer: str = "") -> list[str]:
    if isinstance(data, str):
        return [pointer]
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _strings(value, f"{pointer}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _strings(value, f"{pointer}/{i}")
    return found


@SETTINGS
@given(data=st.data())
def test_rendering_never_raises(tmp_path: Path, data: st.DataObject) -> None:
    """Any text in any string of a record (and of a rule file's questions) renders, with bidi controls shown."""
    record, rules = RECORD, RULES
    for pointer in data.draw(st.lists(st.sampled_from(_strings(RECORD)), min_size=1, max_size=6)):
        record = _replace(record, pointer, data.draw(TEXT))
    text_fields = [p for p in _strings(RULES) if p.startswith("/questions/0/") and p.count("/") == 3]
    for pointer in data.draw(st.lists(st.sampled_from(text_fields), max_size=3)):
        rules = _replace(rules, pointer, data.draw(TEXT))
    rule_path = _write(tmp_path, "rules", rules, False)
    try:
        checklists = load_rules([rule_path], SchemaCompiler(), builtins=False).checklists
        record_doc = load_record(_write(tmp_path, "rec", record, False))
    except InputError:
        return
    doc = _results(record_doc, checklists, "rec.json")
    _render(doc)
    output = Output(tmp_path / "out")
    try:
        pages = HtmlReporter(output).render(doc)  # the page and its brief, as they are written
    finally:
        output.abort()
    assert len(pages) == 2
    for _, page in pages:
        assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
        assert "\u202e" not in page and "\u2066" not in page, "bidirectional controls are shown, never applied"
