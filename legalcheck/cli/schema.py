"""`legalcheck schema NAME`: print a shipped JSON Schema."""

from __future__ import annotations

import click

from legalcheck import resources


@click.command()
@click.argument("name", type=click.Choice(resources.SCHEMA_NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema of incident records, checklists (rule files) or results documents."""
    click.echo(resources.schema_file(name).read_text(encoding="utf-8"), nl=False)
