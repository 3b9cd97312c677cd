"""`legalcheck validate`: check incident records and rule files, and say exactly where each problem is."""

from __future__ import annotations

from pathlib import Path

import click

from legalcheck import resources
from legalcheck.authoring.validate import FileReport, Validator
from legalcheck.engine.evaluator import SchemaCompiler


def _builtin_ids() -> dict[str, Path | None]:
    import json

    found: dict[str, Path | None] = {}
    for f in resources.builtin_rule_files():
        try:
            cid = json.loads(f.read_text(encoding="utf-8")).get("id")
        except ValueError:  # a broken built-in is reported by every command that loads it
            continue
        if isinstance(cid, str):
            found[cid] = f if isinstance(f, Path) else None
    return found


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-builtins", is_flag=True, help="Do not check rule files' ids against the built-in checklists.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def validate(paths: tuple[Path, ...], no_builtins: bool, quiet: bool) -> None:
    """Check incident records and rule files (files, or folders searched recursively).

    A file is a rule file or a record by its "$schema" (naming the checklist or incident schema), else
    by its content ("questions" or "as_of"). Every problem is printed as
    FILE:LINE:COLUMN: /json/pointer: message.

    \b
    Exit codes: 0 every file is valid; 2 a file has problems, or is neither kind.
    """
    validator = Validator(SchemaCompiler(), {} if no_builtins else _builtin_ids())
    bad = 0

    def show(report: FileReport) -> None:
        nonlocal bad
        if report.ok:
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
