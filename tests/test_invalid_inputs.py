"""Data-driven bad-input cases: each file in tests/cases/invalid-*/ has a sibling .expect file.

Every line of the .expect file must appear in the error output; the run must exit 2, print no traceback,
and write nothing. A new case needs no code: add the input and its .expect file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, SEEDS, run_cli


def _cases(folder: str) -> list[Path]:
    return sorted(p for p in (CASES / folder).iterdir() if p.suffix in (".json", ".yaml", ".yml", ".jsonl"))


def _check(result_output: str, expect_file: Path) -> None:
    assert "Traceback" not in result_output
    for line in expect_file.read_text().splitlines():
        if line.strip():
            assert line.strip() in result_output, f"{line.strip()!r} not in:\n{result_output}"


@pytest.mark.parametrize("case", _cases("invalid-records"), ids=lambda p: p.name)
def test_invalid_record(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", str(SEEDS), str(case), "--out", str(out))
    assert result.exit_code == 2, result.output
    _check(result.output, case.with_suffix(".expect"))
    assert not out.exists(), "a run that fails validation must write nothing"


@pytest.mark.parametrize("evaluator", ["jsonschema_rs", "jsonschema"])
@pytest.mark.parametrize("case", _cases("invalid-rules"), ids=lambda p: p.name)
def test_invalid_rule_file(case: Path, evaluator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", evaluator)
    out = tmp_path / "out"
    result = run_cli("analyze", str(SEEDS), "--rules", str(case), "--out", str(out))
    assert result.exit_code == 2, result.output
    _check(result.output, case.with_suffix(".expect"))
    assert not out.exists()
