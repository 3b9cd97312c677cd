"""A non-editable install must carry the built-in checklists, schemas and templates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS


def test_non_editable_install_finds_rules_schemas_and_templates(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "reports", "*.egg-info", "build", "__pycache__"),
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", str(source)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(source)  # the installed package must not depend on the source tree
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "PYTHONNOUSERSITE": "1"}
    located = subprocess.run(
        [str(python), "-c", "import legalcheck, sys; print(legalcheck.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in located.stdout, "the installed copy, not the checkout, must be imported"
    listed = subprocess.run(
        [str(venv / "bin" / "legalcheck"), "rules", "list", "--format", "json"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shipped = sorted(p.stem for p in (ROOT / "rules").glob("*.json"))
    assert sorted(r["id"] for r in json.loads(listed.stdout)) == shipped
    done = subprocess.run(
        [str(venv / "bin" / "legalcheck"), "analyze", str(SEEDS), "--out", "r"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (work / "r" / "index.html").exists()
