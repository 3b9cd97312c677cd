"""`legalcheck schema NAME`: print a shipped JSON Schema, or where it is installed."""

from __future__ import annotations

import click

from legalcheck import resources


@click.command()
@click.argument("name", type=click.Choice(resources.SCHEMA_NAMES))
@click.option(
    "--path",
    "show_path",
    is_flag=True,
    help="Print the installed schema file's path instead, to point an editor at it.",
)
def schema(name: str, show_path: bool) -> None:
    """Print the JSON Schema of incident records, checklists (rule files) or results documents.

    \b
    Editors use these for completion and inline errors: see docs/editor-support.md.
    """
    if show_path:
        click.echo(str(resources.schema_file(name)))
        return
    click.echo(resources.schema_file(name).read_text(encoding="utf-8"), nl=False)
