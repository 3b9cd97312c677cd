"""Data-driven cases for `legalcheck validate` and `legalcheck rules lint`; a new case needs no code.

* tests/cases/validate/NAME.(json|yaml) + NAME.expect: every line of the .expect file appears in the output;
  the run exits 0 if every expected line is an ``ok`` line, else 2.
* tests/cases/lint/NAME.json + NAME.expect: the warnings printed are exactly the lines of the .expect file
  (each a prefix of one warning line, in order); exit 1 if there are any, else 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, run_cli


def _cases(folder: str) -> list[Path]:
    return sorted(p for p in (CASES / folder).iterdir() if p.suffix in (".json", ".yaml", ".yml", ".jsonl"))


def _expected(case: Path) -> list[str]:
    return [
        line.strip() for line in case.with_suffix(".expect").read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.mark.parametrize("case", _cases("validate"), ids=lambda p: p.name)
def test_validate_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    result = run_cli("validate", case.name)
    assert "Traceback" not in result.output
    expected = _expected(case)
    for line in expected:
        assert line in result.output, f"{line!r} not in:\n{result.output}"
    all_ok = all(": ok" in line for line in expected)
    assert result.exit_code == (0 if all_ok else 2), result.output


@pytest.mark.parametrize("case", _cases("lint"), ids=lambda p: p.name)
def test_lint_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    result = run_cli("rules", "lint", "--no-builtins", case.name)
    assert "Traceback" not in result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    expected = _expected(case)
    assert len(warnings) == len(expected), result.output
    for want, got in zip(expected, warnings, strict=True):
        assert got.startswith(want), f"{got!r} does not start with {want!r}"
    assert result.exit_code == (1 if expected else 0), result.output
    if not expected:
        assert "no warnings" in result.output


INVALID_RULES = _cases("invalid-rules")
COMMANDS = {
    "validate": ("validate", "{case}"),
    "rules list": ("rules", "list", "--rules", "{case}"),
    "rules show": ("rules", "show", "due-process", "--rules", "{case}"),
    "rules test": ("rules", "test", "{case}"),
    "rules lint": ("rules", "lint", "{case}"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", INVALID_RULES, ids=lambda p: p.name)
def test_invalid_rule_file_on_every_command(case: Path, command: str) -> None:
    """Every command that reads rule files rejects a bad one with the same located messages, exit 2."""
    result = run_cli(*(arg.format(case=case) for arg in COMMANDS[command]))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for line in _expected(case):
        assert line in result.output, f"{line!r} not in:\n{result.output}"
