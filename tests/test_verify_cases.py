"""Data-driven cases for `legalcheck verify`; a new case needs no code.

tests/cases/verify/NAME.json + NAME.expect: the record is checked with ``--archives tests/data/verify`` (where the
made-up source documents are). In the .expect file, an ``exit: N`` line gives the exit code, an optional ``args:``
line more arguments, and every other line must appear in the output.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from conftest import CASES, run_cli

DATA = Path(__file__).resolve().parent / "data" / "verify"
CASE_FILES = sorted((CASES / "verify").glob("*.json"))


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_verify_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    lines = [line.strip() for line in case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()]
    args = next((shlex.split(line[5:]) for line in lines if line.startswith("args:")), [])
    exit_code = next(int(line[5:]) for line in lines if line.startswith("exit:"))
    result = run_cli("verify", case.name, "--archives", str(DATA), *args)
    assert "Traceback" not in result.output
    for line in lines:
        if line and not line.startswith(("args:", "exit:")):
            assert line in result.output, f"{line!r} not in:\n{result.output}"
    assert result.exit_code == exit_code, result.output
