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
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


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
