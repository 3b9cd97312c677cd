"""Data-driven bad-input cases: each file in tests/cases/invalid-*/ has a sibling .expect file.

Each line of the .expect file must be part of an error message, and each error message must contain a line of the
.expect file: a missing error and an unexpected one both fail. The run must exit 2, print only error messages on
stderr, and write nothing. A new case needs no code: add the input and its .expect file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, SEEDS, assert_clean_error, assert_errors_match, error_lines, expected_lines, run_cli


def _cases(folder: str) -> list[Path]:
    return sorted(p for p in (CASES / folder).iterdir() if p.suffix in (".json", ".yaml", ".yml"))


@pytest.mark.parametrize("case", _cases("invalid-records"), ids=lambda p: p.name)
def test_invalid_record(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", str(SEEDS), str(case), "--out", str(out))
    assert_clean_error(result)
    assert_errors_match(error_lines(result.stderr), expected_lines(case.with_suffix(".expect")))
    assert not out.exists(), "a run that fails validation must write nothing"


@pytest.mark.parametrize("evaluator", ["jsonschema_rs", "jsonschema"])
@pytest.mark.parametrize("case", _cases("invalid-rules"), ids=lambda p: p.name)
def test_invalid_rule_file(case: Path, evaluator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCHECK_EVALUATOR", evaluator)
    out = tmp_path / "out"
    result = run_cli("analyze", str(SEEDS), "--rules", str(case), "--out", str(out))
    assert_clean_error(result)
    assert_errors_match(error_lines(result.stderr), expected_lines(case.with_suffix(".expect")))
    assert not out.exists()


def test_the_whole_corpus_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """In a separate process an uncaught exception would print its traceback: the corpus must give only messages."""
    cases = [*_cases("invalid-records"), *_cases("invalid-rules")]
    records = [str(c) for c in _cases("invalid-records")]
    runs = [
        ["validate", *map(str, cases)],
        ["analyze", str(SEEDS), *records, "--out", str(tmp_path / "a")],
        *(["analyze", str(SEEDS), "--rules", str(c), "--out", str(tmp_path / "b")] for c in _cases("invalid-rules")),
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "legalcheck", *args], capture_output=True, text=True, check=False, timeout=120
        )
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
