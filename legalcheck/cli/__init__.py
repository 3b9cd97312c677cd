"""The command line: click parses and wires; every LegalcheckError becomes a clean message and exit code 2."""

from __future__ import annotations

import importlib
from typing import Any

import click

from legalcheck import __version__
from legalcheck.errors import LegalcheckError

# Each command is in the module of its name, imported only when the command is run or listed.
COMMANDS = ("analyze", "render", "diff", "validate", "rules", "new", "schema", "verify", "archive", "propositions")


class Group(click.Group):
    """A click group that turns legalcheck's errors into messages on stderr, never tracebacks, and imports each
    command's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command = getattr(importlib.import_module(f"legalcheck.cli.{cmd_name}"), cmd_name)
        assert isinstance(command, click.Command)
        return command

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
