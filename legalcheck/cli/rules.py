"""`legalcheck rules ...`: list, show, lint and test checklists (rule files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from legalcheck import resources
from legalcheck.authoring.lint import lint
from legalcheck.authoring.render import checklist_text
from legalcheck.authoring.sources import RuleSource, load_sources
from legalcheck.cli.options import rules_option
from legalcheck.engine.derive import view_schema
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Leaves
from legalcheck.errors import UsageError
from legalcheck.examples import Check, run_examples
from legalcheck.loading.checklists import RuleSet
from legalcheck.report.results import explained, words

no_builtins_option = click.option(
    "--no-builtins", is_flag=True, help="Leave out the built-in checklists (only with rule files given)."
)


def _sources(paths: tuple[Path, ...], rule_paths: tuple[Path, ...], no_builtins: bool = False) -> list[RuleSource]:
    user = list(dict.fromkeys([*paths, *rule_paths]))
    if no_builtins and not user:
        raise UsageError("--no-builtins needs rule files or folders to work on")
    return load_sources(user, SchemaCompiler(), builtins=not no_builtins)


def _pick(sources: list[RuleSource], ids: tuple[str, ...]) -> list[RuleSource]:
    if not ids:
        return sources
    RuleSet([s.checklist for s in sources]).select(ids)  # raises on an unknown id, naming the known ones
    return [s for s in sources if s.checklist.id in ids]


@click.group()
def rules() -> None:
    """List, show, lint and test checklists (rule files).

    \b
    Every subcommand works on the built-in checklists plus the rule files given with --rules
    (files or folders); `rules test` and `rules lint` also take them as arguments.
    """


@rules.command("list")
@rules_option
@no_builtins_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_paths: tuple[Path, ...], no_builtins: bool, fmt: str) -> None:
    """List the checklists: id, version, number of questions, title and the file each was loaded from."""
    sources = _sources((), rule_paths, no_builtins)
    rows: list[dict[str, Any]] = [
        {
            "id": s.checklist.id,
            "title": s.checklist.title,
            "version": s.checklist.version,
            "questions": len(s.checklist.questions),
            "examples": len(s.checklist.examples),
            "tags": list(s.checklist.tags),
            "origin": s.checklist.origin,
            "file": s.label,
        }
        for s in sources
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no checklists")
        return
    width = max(len(r["id"]) for r in rows)
    vwidth = max(len(r["version"]) for r in rows) + 1
    for r in rows:
        origin = "built-in" if r["origin"] == "built-in" else "user"
        click.echo(
            f"{r['id']:<{width}}  v{r['version']:<{vwidth}} {r['questions']:>3} questions  {r['examples']:>2} "
            f"examples  {r['title']}  [{origin}: {r['file']}]"
        )


@rules.command("show")
@click.argument("checklist_id", metavar="ID")
@rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints the rule file's JSON.",
)
def show_rules(checklist_id: str, rule_paths: tuple[Path, ...], fmt: str) -> None:
    """Show one checklist: every question with its citations, conditions, what would answer it, and the examples."""
    (source,) = _pick(_sources((), rule_paths), (checklist_id,))
    if fmt == "json":
        click.echo(json.dumps(source.checklist.spec, indent=2, ensure_ascii=False))
        return
    for line in checklist_text(source.checklist.spec, source.label):
        click.echo(line)


def _explanation(check: Check) -> list[str]:
    """How the example's result was reached, in the words a report uses."""
    spec = check.checklist.spec
    context = check.context
    assert context is not None
    leaves = Leaves()
    applies = leaves.compact(context.applies) if context.applies is not None else None
    checklist = {"applicable": context.applicable, "applies": applies}
    question = next(q for q in spec["questions"] if q["id"] == check.question)
    return words(explained(spec, checklist, question, check.actual.to_dict({}, leaves), leaves.table()))


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@no_builtins_option
@click.option(
    "--checklist", "checklist_ids", multiple=True, metavar="ID", help="Test only this checklist (repeatable)."
)
@click.option("--verbose", "-v", is_flag=True, help="Show every check, not only failures.")
def test_rules(
    paths: tuple[Path, ...],
    rule_paths: tuple[Path, ...],
    no_builtins: bool,
    checklist_ids: tuple[str, ...],
    verbose: bool,
) -> None:
    """Run the examples rule files carry (built-in and PATHS): exit 1 if any example gives another status.

    \b
    A failure names the file, line and column of the expectation, the checklist, the example and the
    question, what was expected and what the checklist gave, and then the explanation of that result.
    """
    sources = _pick(_sources(paths, rule_paths, no_builtins and bool(paths or rule_paths)), checklist_ids)
    passed = failed = 0
    for source in sources:
        for check in run_examples(source.checklist, source.doc):
            if check.passed:
                passed += 1
                if verbose:
                    click.echo(f"ok   {check.describe()}")
                continue
            failed += 1
            click.echo(f"FAIL {check.describe()}")
            for line in _explanation(check):
                click.echo(f"       {line}")
    click.echo(f"{passed} passed, {failed} failed ({len(sources)} checklist{'s' if len(sources) != 1 else ''})")
    if failed:
        raise SystemExit(1)


@rules.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@no_builtins_option
def lint_rules(paths: tuple[Path, ...], rule_paths: tuple[Path, ...], no_builtins: bool) -> None:
    """Warn about mistakes validation cannot see: conditions on properties or values incident records never
    have, select pointers the incident schema lacks, untested questions, vague citations, slow regexes.

    \b
    Exit codes: 0 no warnings; 1 warnings (so that CI can gate on it); 2 a rule file is invalid.
    """
    sources = _sources(paths, rule_paths, no_builtins)
    findings = lint([s.doc for s in sources], view_schema(resources.schema("incident")))
    for finding in findings:
        click.echo(finding.render())
    files = f"{len(sources)} rule file{'s' if len(sources) != 1 else ''}"
    if findings:
        click.echo(f"{len(findings)} warning{'s' if len(findings) != 1 else ''} in {files}")
        raise SystemExit(1)
    click.echo(f"no warnings in {files}")
