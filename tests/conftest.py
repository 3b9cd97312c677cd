from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from legalcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"


def run_cli(*args: str) -> Result:
    """Run the CLI in-process. The runner catches what the command raises: anything but the SystemExit that carries
    an exit code is a crash (a user would see a traceback), and fails the test here."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"`legalcheck {' '.join(args)}` crashed with {result.exception!r} instead of exiting cleanly"
        ) from result.exception
    return result


def assert_clean_error(result: Result, *messages: str, code: int = 2) -> None:
    """The run exited ``code``, and stderr holds only ``error: ...`` lines, among them every one of ``messages``."""
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "an error must be explained on stderr"
    strays = [line for line in lines if not line.startswith("error: ")]
    assert not strays, f"stderr lines that are not error messages: {strays}"
    for message in messages:
        assert any(message in line for line in lines), f"{message!r} not in:\n{result.stderr}"


def error_lines(text: str, *, prefix: str = "error: ") -> list[str]:
    """The error messages in some output: the lines that start with ``prefix``, without it."""
    return [line[len(prefix) :] for line in text.splitlines() if line.startswith(prefix)]


def assert_errors_match(errors: list[str], expected: list[str]) -> None:
    """Each expected line is part of some error, and each error contains some expected line: an error that is not
    expected fails the test as surely as a missing one."""
    missing = [want for want in expected if not any(want in error for error in errors)]
    unexpected = [error for error in errors if not any(want in error for want in expected)]
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}\nall errors: {errors}"


def expected_lines(expect_file: Path) -> list[str]:
    return [line.strip() for line in expect_file.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def cli() -> Any:
    return run_cli


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seed_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every seed analyzed with the built-in checklists: incident id -> results document."""
    out = tmp_path_factory.mktemp("seed-reports")
    result = run_cli("analyze", str(SEEDS), "--out", str(out), "--format", "json", "--quiet")
    assert result.exit_code == 0, result.output
    return {p.stem: json.loads(p.read_text()) for p in sorted(out.glob("*.json"))}


def question(doc: dict[str, Any], checklist: str, qid: str) -> dict[str, Any]:
    for c in doc["checklists"]:
        if c["id"] == checklist:
            for q in c["questions"]:
                if q["id"] == qid:
                    return q  # type: ignore[no-any-return]
    raise KeyError(f"{checklist}/{qid}")
