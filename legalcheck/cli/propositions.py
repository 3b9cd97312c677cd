"""`legalcheck propositions [WORD]`: list and search the proposition vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import click

from legalcheck import vocabulary
from legalcheck.authoring.propositions import markdown_page, text_lines
from legalcheck.cli.options import rules_option


@click.command()
@click.argument("word", required=False)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def propositions(word: str | None, rule_paths: tuple[Path, ...], fmt: str) -> None:
    """List the proposition keys claims use, with their meaning, aliases and the older keys they replace.

    WORD searches keys, aliases, replaced keys, groups and meanings (case-insensitive). With --rules, the keys
    those rule files declare under "propositions" are listed too.

    \b
    Exit codes: 0 something listed; 1 nothing matches WORD; 2 a rule file is invalid.
    """
    vocab = vocabulary.shipped()
    if rule_paths:
        from legalcheck.engine.evaluator import SchemaCompiler
        from legalcheck.loading.checklists import load_rules

        ruleset = load_rules(list(rule_paths), SchemaCompiler(), builtins=False)
        for checklist in ruleset.checklists:
            vocab = vocab.with_entries(vocabulary.declared(checklist.spec, checklist.origin))
    if fmt == "markdown" and word is None:
        click.echo(markdown_page(vocab), nl=False)
        return
    entries = vocab.search(word) if word else list(vocab.entries)
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in entries], indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(markdown_page(type(vocab)(tuple(entries))), nl=False)
    else:
        for line in text_lines(entries):
            click.echo(line)
    if not entries:
        click.echo(f"no proposition key matches {word!r}", err=True)
        raise SystemExit(1)
