"""The authoring commands: validate, rules list/show/test/lint, new, schema --path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CASES, ROOT, SEEDS, assert_clean_error, run_cli
from legalcheck import resources

DATA = Path(__file__).resolve().parent / "data"
FAILING = DATA / "failing-rules" / "wrong-expectation.json"
COLLIDING = CASES / "invalid-rules" / "id-collision.json"
CLEAN = CASES / "lint" / "clean.json"


# --- validate ---------------------------------------------------------------------------------


def test_validate_seeds_and_rules_recursively(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "records" / "nested")
    shutil.copy(CLEAN, tmp_path / "clean.json")
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 0, result.output
    ok_lines = [line for line in result.output.splitlines() if ": ok (" in line]
    assert len(ok_lines) == len(list(SEEDS.glob("*.json"))) + 1
    assert any("checklist 'lint-clean'" in line for line in ok_lines)


def test_validate_reports_every_bad_file_and_keeps_going(tmp_path: Path) -> None:
    shutil.copy(CASES / "validate" / "neither.json", tmp_path / "a.json")
    shutil.copy(CASES / "validate" / "record-known-by-schema.json", tmp_path / "b.json")
    shutil.copy(CLEAN, tmp_path / "c.json")
    result = run_cli("validate", str(tmp_path), str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert "a.json:1:1: /: neither an incident record nor a rule file" in result.output
    assert "b.json:1:1: /: 'as_of' is a required property" in result.output
    assert "c.json: ok" in result.output
    assert "missing.json: no such file or folder" in result.output
    assert "4 files: 1 valid, 3 with problems" in result.output


def test_validate_duplicate_incident_ids_across_files(tmp_path: Path) -> None:
    for name in ("one.json", "two.json"):
        (tmp_path / name).write_text(json.dumps({"id": "same", "title": "T", "as_of": "2025"}))
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "two.json:1:8: /id: incident id 'same' is also used by" in result.output


def test_validate_built_in_rules_folder_is_not_a_collision() -> None:
    result = run_cli("validate", str(ROOT / "rules"))
    assert result.exit_code == 0, result.output


# --- rules list / show ------------------------------------------------------------------------


def test_rules_list_json_has_user_file(tmp_path: Path) -> None:
    result = run_cli("rules", "list", "--rules", str(CLEAN), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["lint-clean"]["questions"] == 1
    assert rows["lint-clean"]["examples"] == 2
    assert rows["lint-clean"]["origin"] == str(CLEAN)
    assert all(r["origin"] == "built-in" for cid, r in rows.items() if cid != "lint-clean")


def test_rules_show_text_has_every_part() -> None:
    result = run_cli("rules", "show", "lint-clean", "--rules", str(CLEAN))
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in (
        "[q-announced] Was the strike announced?",
        "severity: medium",
        "Some Act, § 3",
        "raised if:",
        "select: /claims",
        'where:  {"required": ["proposition", "stance"]',
        "would answer it: An announcement.",
        "examples (2):",
        "q-announced: expect answered, raised=false",
    ):
        assert expected in out, f"{expected!r} not in\n{out}"


def test_rules_show_json_is_the_rule_file() -> None:
    result = run_cli("rules", "show", "lint-clean", "--rules", str(CLEAN), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(CLEAN.read_text())


def test_rules_show_unknown_id() -> None:
    result = run_cli("rules", "show", "no-such-checklist")
    assert result.exit_code == 2
    assert "unknown checklist id 'no-such-checklist'" in result.output


# --- rules test -------------------------------------------------------------------------------


def test_rules_test_names_file_question_example_and_explains(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FAILING.parent)
    result = run_cli("rules", "test", "--no-builtins", FAILING.name)
    assert result.exit_code == 1, result.output
    fail = [line for line in result.output.splitlines() if line.startswith("FAIL ")]
    assert fail == [
        "FAIL wrong-expectation.json:24:37: /examples/1/expect/strike-recorded: failing-example: example 'no "
        "strike, wrongly expected answered': "
        "question strike-recorded: expected answered, raised=false, got open, raised=false"
    ]
    assert "nothing in /events matches (0 checked)" in result.output
    assert "1 passed, 1 failed" in result.output


def test_rules_test_checklist_filter() -> None:
    result = run_cli("rules", "test", str(FAILING), str(CLEAN), "--checklist", "lint-clean")
    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed (1 checklist)" in result.output
    result = run_cli("rules", "test", str(FAILING), "--checklist", "nope")
    assert result.exit_code == 2
    assert "unknown checklist id 'nope'" in result.output


def test_rules_test_accepts_rules_option() -> None:
    result = run_cli("rules", "test", "--no-builtins", "--rules", str(FAILING))
    assert result.exit_code == 1
    assert "FAIL " in result.output


# --- rules lint -------------------------------------------------------------------------------


def test_lint_invalid_rule_file_exits_2() -> None:
    result = run_cli("rules", "lint", "--no-builtins", str(CASES / "invalid-rules" / "bad-condition.json"))
    assert result.exit_code == 2
    assert "not a valid JSON Schema" in result.output


def test_lint_no_builtins_needs_files() -> None:
    result = run_cli("rules", "lint", "--no-builtins")
    assert result.exit_code == 2
    assert "--no-builtins needs rule files" in result.output


# --- collisions with built-in ids, on every command that loads checklists ---------------------


@pytest.mark.parametrize(
    "args",
    [
        ("rules", "list", "--rules", str(COLLIDING)),
        ("rules", "show", "due-process", "--rules", str(COLLIDING)),
        ("rules", "test", str(COLLIDING)),
        ("rules", "test", "--rules", str(COLLIDING)),
        ("rules", "lint", str(COLLIDING)),
        ("rules", "lint", "--rules", str(COLLIDING)),
        ("validate", str(COLLIDING)),
        ("new", "checklist", "another-id", "--rules", str(COLLIDING)),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_id_collision_with_builtin_is_an_error(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    message = "checklist id 'due-process' is already used by a built-in checklist"
    if args[0] == "validate":  # validate prints problems as its findings, on stdout
        assert result.exit_code == 2 and message in result.stdout, result.output
    else:
        assert_clean_error(result, message)
    assert not list(tmp_path.iterdir())


# --- new --------------------------------------------------------------------------------------


def test_new_checklist_validates_lints_and_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "checklist", "my-list")
    assert result.exit_code == 0, result.output
    path = tmp_path / "my-list.json"
    data = json.loads(path.read_text())
    assert data["id"] == "my-list"
    assert (path.parent / data["$schema"]).resolve() == Path(str(resources.schema_file("checklist"))).resolve()
    question = data["questions"][0]
    assert {"applies_if", "raised_if", "answered_if", "contested_if"} <= set(question)
    text = path.read_text()
    for kind in (
        '"all"',
        '"any"',
        '"not"',
        '"min"',
        '"max"',
        '"opposed"',
        '"select"',
        '"pattern"',
        '"enum"',
        '"const"',
    ):
        assert kind in text, kind
    assert run_cli("validate", str(path)).exit_code == 0
    tested = run_cli("rules", "test", "--no-builtins", str(path))
    assert tested.exit_code == 0, tested.output
    assert "1 passed, 0 failed" in tested.output
    linted = run_cli("rules", "lint", "--no-builtins", str(path))
    assert [line.split(" [")[0].rsplit(": ", 1)[-1] for line in linted.output.splitlines() if "warning:" in line] == [
        "the examples of question 'example-question' expect fewer than two statuses (answered)"
    ]
    assert (
        run_cli("analyze", str(SEEDS), "--rules", str(path), "--out", "reports", "--format", "json", "-q").exit_code
        == 0
    )


def test_new_incident_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "case.json"
    result = run_cli("new", "incident", "case-1", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["id"] == "case-1"
    checked = run_cli("validate", str(out))
    assert checked.exit_code == 0, checked.output
    assert "incident record 'case-1'" in checked.output


def test_new_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    out.write_text("keep me")
    result = run_cli("new", "incident", "x", "--out", str(out))
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert out.read_text() == "keep me"
    assert run_cli("new", "incident", "x", "--out", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())["id"] == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"], "no temporary files left behind"


@pytest.mark.parametrize(
    "args", [("new", "checklist", "Bad_Id"), ("new", "incident", "-bad"), ("new", "checklist", "due-process")]
)
def test_new_rejects_bad_ids(args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert not list(tmp_path.iterdir())


# --- schema -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", resources.SCHEMA_NAMES)
def test_schema_path_points_at_the_printed_schema(name: str) -> None:
    path = run_cli("schema", name, "--path").output.strip()
    assert Path(path).is_file()
    assert json.loads(Path(path).read_text()) == json.loads(run_cli("schema", name).output)
