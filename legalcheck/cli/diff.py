"""`legalcheck diff`: what changed between two versions of a story."""

from __future__ import annotations

from pathlib import Path

import click

from legalcheck.cli.options import out_and_formats, rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.rendering import diff_files
from legalcheck.report.diffout import DIFF_FORMATS, text_lines
from legalcheck.run import rules_for


@click.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@rules_option
@click.option(
    "--checklist", "checklist_ids", multiple=True, metavar="ID", help="Apply only this checklist (repeatable)."
)
@out_and_formats(
    "diffs",
    list(DIFF_FORMATS),
    "Output format (repeatable). Default: json, html.",
    "Folder to write the diff to (a run's output folder shows one run's files: keep diffs apart from reports).",
)
@click.option("--no-files", is_flag=True, help="Print the diff only; write no file.")
@click.option("--bom", is_flag=True, help="Start CSV files with a byte order mark, for spreadsheet programs.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def diff(
    old: Path,
    new: Path,
    rule_paths: tuple[Path, ...],
    checklist_ids: tuple[str, ...],
    out: Path,
    formats: tuple[str, ...],
    no_files: bool,
    bom: bool,
    quiet: bool,
) -> None:
    """Show what changed between two versions of a story: OLD and NEW are incident records (analyzed now) or
    results documents written by `analyze --format json`.

    \b
    Prints the questions whose status or raised flag moved, with the record items that moved them, and the
    sources, claims and events added or withdrawn; writes the same as diff-OLD-NEW.json and .html (and .md, .csv
    with --format). Exit codes: 0 ok; 2 usage or input error.
    """
    checklists = rules_for(list(rule_paths), checklist_ids, (), SchemaCompiler())
    d, written = diff_files(
        old, new, checklists, None if no_files else out, tuple(dict.fromkeys(formats)) or ("json", "html"), bom
    )
    if quiet:
        return
    for line in text_lines(d):
        click.echo(line)
    for path in written:
        click.echo(f"-> {path}")
