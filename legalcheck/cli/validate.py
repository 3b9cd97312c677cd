"""`legalcheck validate`: check incident records and rule files, and say exactly where each problem is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from legalcheck import resources
from legalcheck.authoring.validate import FileReport, Validator
from legalcheck.cli.options import rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.loading.documents import discover, load


def _builtins() -> tuple[dict[str, Path | None], list[tuple[Any, str]]]:
    """The built-in checklists' ids (with their files) and contents."""
    import json

    found: dict[str, Path | None] = {}
    specs: list[tuple[Any, str]] = []
    for f in resources.builtin_rule_files():
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:  # a broken built-in is reported by every command that loads it
            continue
        cid = data.get("id") if isinstance(data, dict) else None
        if isinstance(cid, str):
            found[cid] = f if isinstance(f, Path) else None
            specs.append((data, f"built-in:{f.name}"))
    return found, specs


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--no-builtins",
    is_flag=True,
    help="Do not check rule files' ids against the built-in checklists, nor records' keys against what they read.",
)
@rules_option
@click.option("--strict", is_flag=True, help="Treat warnings (unknown, alias or replaced proposition keys) as errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def validate(
    paths: tuple[Path, ...], no_builtins: bool, rule_paths: tuple[Path, ...], strict: bool, quiet: bool
) -> None:
    """Check incident records and rule files (files, or folders searched recursively).

    A file is a rule file or a record by its "$schema" (naming the checklist or incident schema), else
    by its content ("questions" or "as_of"). Every problem of every file is printed, in file order, as
    FILE:LINE:COLUMN: /json/pointer: message.

    A claim whose proposition key is an alias, a replaced key, or a key neither in the vocabulary
    (`legalcheck propositions`) nor read by a loaded checklist (built-in, --rules, or a rule file among
    PATHS) gets a warning; --strict makes it an error.

    \b
    Exit codes: 0 every file is valid (warnings allowed); 2 a file has problems, or is neither kind.
    """
    ids, specs = ({}, []) if no_builtins else _builtins()
    for path in discover(list(rule_paths)) if rule_paths else []:
        specs.append((load(path).data, str(path)))
    validator = Validator(SchemaCompiler(), ids, specs, strict)
    bad = 0

    def show(report: FileReport) -> None:
        nonlocal bad
        if report.ok:
            for warning in report.warnings:
                click.echo(warning.render())
            if not quiet:
                click.echo(report.summary())
            return
        bad += 1
        for problem in report.problems:
            click.echo(problem.render())

    reports = validator.paths(list(paths), show)
    if not quiet or bad:
        click.echo(
            f"{len(reports)} file{'s' if len(reports) != 1 else ''}: {len(reports) - bad} valid, {bad} with problems"
        )
    if bad:
        raise SystemExit(2)
