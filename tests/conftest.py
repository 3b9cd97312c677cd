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
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


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
