"""The command line: click parses and wires; every LegalcheckError becomes a clean message and exit code 2."""

from __future__ import annotations

from typing import Any

import click

from legalcheck import __version__
from legalcheck.errors import LegalcheckError


class Group(click.Group):
    """A click group that turns legalcheck's errors into messages on stderr, never tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LegalcheckError as exc:
            for message in exc.messages():
                # warnings reported beside the errors of the same file keep their own word
                click.echo(message if ": warning: " in message else f"error: {message}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="legalcheck")
def main() -> None:
    """Apply legal-issue checklists to incident records and report, question by question, what the sources
    raise, answer, contest or leave open."""


def _register() -> None:
    from legalcheck.cli import analyze, archive, diff, new, propositions, render, rules, schema, validate, verify

    main.add_command(analyze.analyze)
    main.add_command(render.render)
    main.add_command(diff.diff)
    main.add_command(validate.validate)
    main.add_command(rules.rules)
    main.add_command(new.new)
    main.add_command(schema.schema)
    main.add_command(verify.verify)
    main.add_command(archive.archive)
    main.add_command(propositions.propositions)


_register()
