"""`legalcheck rules ...`: list the checklists and run the examples they carry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from legalcheck.cli.options import rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.examples import run_examples
from legalcheck.loading.checklists import load_rules


@click.group()
def rules() -> None:
    """Inspect and test checklists (rule files)."""


@rules.command("list")
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_paths: tuple[Path, ...], fmt: str) -> None:
    """List the checklists: id, version, number of questions, title and where each was loaded from."""
    ruleset = load_rules(list(rule_paths), SchemaCompiler())
    rows: list[dict[str, Any]] = [
        {"id": c.id, "title": c.title, "version": c.version, "questions": len(c.questions), "tags": list(c.tags), "origin": c.origin}
        for c in ruleset.checklists
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["id"]) for r in rows), default=2)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  v{r['version']:<6} {r['questions']:>3} questions  {r['title']}  [{r['origin']}]")


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-builtins", is_flag=True, help="Test only the rule files given, not the built-in checklists.")
@click.option("--verbose", "-v", is_flag=True, help="Show every check, and the explanation of failures.")
def test_rules(paths: tuple[Path, ...], no_builtins: bool, verbose: bool) -> None:
    """Run the examples carried by rule files (built-in and PATHS): exit 1 if any example gives another status."""
    ruleset = load_rules(list(paths), SchemaCompiler(), builtins=not (no_builtins and paths))
    passed = failed = 0
    for checklist in ruleset.checklists:
        for check in run_examples(checklist):
            if check.passed:
                passed += 1
                if verbose:
                    click.echo(f"ok   {check.describe()}")
                continue
            failed += 1
            click.echo(f"FAIL {check.describe()}")
            for line in check.actual.explanation:
                click.echo(f"       {line}")
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        raise SystemExit(1)
