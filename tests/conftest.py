from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from legalcheck.cli import main
from legalcheck.report.results import ResultsReader, expand

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
    """The run exited ``code``, and stderr holds only ``error: ...`` lines (and proposition-key warnings reported in
    the same pass), among them every one of ``messages``."""
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "an error must be explained on stderr"
    strays = [line for line in lines if not line.startswith("error: ") and ": warning: proposition " not in line]
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


def results_in(folder: Path) -> dict[str, dict[str, Any]]:
    """The results documents in a folder, as written: incident id -> document."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json")) if is_results(p)}


def is_results(path: Path) -> bool:
    """Not the run's rules.json, nor a comparison of two versions of a story written beside the results."""
    return path.name != "rules.json" and not path.name.startswith("diff-")


def full_results_in(folder: Path) -> dict[str, dict[str, Any]]:
    """The results documents in a folder, each joined with the rule set beside it: the view renderers read."""
    reader = ResultsReader()
    found = {}
    for p in sorted(folder.glob("*.json")):
        if is_results(p):
            doc, catalogue = reader.read(p)
            found[p.stem] = expand(doc, catalogue)
    return found


@pytest.fixture(scope="session")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every seed analyzed with the built-in checklists, in JSON."""
    out = tmp_path_factory.mktemp("seed-reports")
    result = run_cli("analyze", str(SEEDS), "--out", str(out), "--format", "json", "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seed_compact(seed_folder: Path) -> dict[str, dict[str, Any]]:
    """incident id -> results document, as written."""
    return results_in(seed_folder)


@pytest.fixture(scope="session")
def seed_results(seed_folder: Path) -> dict[str, dict[str, Any]]:
    """incident id -> the full view of its results document (questions with their text, law and explanation)."""
    return full_results_in(seed_folder)


def question(doc: dict[str, Any], checklist: str, qid: str) -> dict[str, Any]:
    for c in doc["checklists"]:
        if c["id"] == checklist:
            for q in c["questions"]:
                if q["id"] == qid:
                    return q  # type: ignore[no-any-return]
    raise KeyError(f"{checklist}/{qid}")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Note the browser tests that were skipped, for the banner :func:`pytest_unconfigure` prints last."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser/" in r.nodeid.split("::")[0]]
    reasons: dict[str, list[str]] = {}
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reasons.setdefault(reason.removeprefix("Skipped: "), []).append(report.nodeid)
    config.stash[SKIPPED_BROWSER_TESTS] = reasons


SKIPPED_BROWSER_TESTS = pytest.StashKey[dict[str, list[str]]]()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Outside CI the browser tests skip when their tools are missing: end the run with a banner that says which
    were skipped and why, so that a green run without them is not taken for a full one. (In CI they fail instead.)"""
    reasons = config.stash.get(SKIPPED_BROWSER_TESTS, {})
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if not reasons or terminal is None:
        return
    count = sum(map(len, reasons.values()))
    terminal.write_sep(
        "=", f"{count} BROWSER TESTS SKIPPED: the reports were not checked in a browser", red=True, bold=True
    )
    for reason, nodeids in reasons.items():
        terminal.write_line(f"why: {reason}", yellow=True, bold=True)
        for nodeid in nodeids:
            terminal.write_line(f"  skipped: {nodeid}")
    terminal.write_sep(
        "=", "install the tools with `bash tests/browser/install.sh`, then run the tests again", red=True, bold=True
    )
