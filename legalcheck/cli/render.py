"""`legalcheck render`: results documents in, reports out, without analyzing again."""

from __future__ import annotations

from pathlib import Path

import click

from legalcheck.cli.options import out_and_formats
from legalcheck.rendering import render_results
from legalcheck.report.registry import reporter_names
from legalcheck.report.view import plural


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_and_formats("reports", [n for n in reporter_names() if n != "json"], "Output format (repeatable). Default: html.")
@click.option("--bom", is_flag=True, help="Start CSV files with a byte order mark, for spreadsheet programs.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def render(paths: tuple[Path, ...], out: Path, formats: tuple[str, ...], bom: bool, quiet: bool) -> None:
    """Render results documents (files, or folders searched recursively) written by `analyze --format json`.

    \b
    Each results document is read with the rule set file it names (rules.json beside it), and must have been
    made with exactly that rule set. Exit codes: 0 ok; 2 usage or input error.
    """
    result = render_results(list(paths), out, tuple(dict.fromkeys(formats)) or ("html",), bom)
    if not quiet:
        n = len(result.summaries)
        click.echo(f"{plural(n, 'results document')} rendered, {plural(result.written, 'file')} written to {out}")
