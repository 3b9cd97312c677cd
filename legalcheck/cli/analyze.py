"""`legalcheck analyze`: records in, reports out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from legalcheck.cli.options import archives_option, rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.loading.checklists import load_rules
from legalcheck.report.registry import reporter_names
from legalcheck.run import DEFAULT_FORMATS, known_keys_of, run_analysis

FAIL_ON = ("open", "raised-open", "unraised-open", "contested")
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}


def _fails(q: dict[str, Any], fail_on: tuple[str, ...], min_severity: str) -> bool:
    if SEVERITY_RANK[q["severity"]] < SEVERITY_RANK[min_severity]:
        return False
    kinds = {q["status"]}
    if q["status"] == "open":
        kinds.add("raised-open" if q["raised"] else "unraised-open")
    return bool(kinds & set(fail_on))


def _line(summary: dict[str, Any], out: Path, formats: tuple[str, ...]) -> str:
    c = summary["counts"]
    total = sum(c[k] for k in ("answered", "contested", "open", "not_applicable"))
    where = out / f"{summary['id']}.{'html' if 'html' in formats else formats[0]}"
    return (
        f"{summary['id']}: {total} questions: {c['open']} open ({c['raised_open']} raised, {c['unraised_open']} "
        f"raised by nobody), "
        f"{c['contested']} contested, {c['answered']} answered, {c['not_applicable']} not applicable -> {where}"
    )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@rules_option
@click.option(
    "--checklist", "checklist_ids", multiple=True, metavar="ID", help="Apply only this checklist (repeatable)."
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    help="Apply only checklists with this tag, on them or their questions (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder to write reports to.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(reporter_names()),
    help=f"Output format (repeatable). Default: {', '.join(DEFAULT_FORMATS)}.",
)
@click.option(
    "--fail-on",
    multiple=True,
    type=click.Choice(FAIL_ON),
    help="Exit 1 if any applicable question has this status (repeatable).",
)
@click.option(
    "--fail-severity",
    type=click.Choice(list(SEVERITY_RANK)),
    default="low",
    show_default=True,
    help="Only questions of at least this severity count for --fail-on.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core for large inputs).",
)
@click.option(
    "--strict", is_flag=True, help="Treat warnings (unknown, alias or replaced proposition keys) as input errors."
)
@archives_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and warnings.")
def analyze(
    paths: tuple[Path, ...],
    rule_paths: tuple[Path, ...],
    checklist_ids: tuple[str, ...],
    tags: tuple[str, ...],
    out: Path,
    formats: tuple[str, ...],
    fail_on: tuple[str, ...],
    fail_severity: str,
    jobs: int | None,
    strict: bool,
    archives: Path | None,
    quiet: bool,
) -> None:
    """Analyze incident records (files, or folders searched recursively) and write reports.

    \b
    A claim whose proposition key is an alias, a replaced key, or a key neither in the vocabulary
    (`legalcheck propositions`) nor read by a loaded checklist gets a warning on stderr; --strict makes it an
    input error.

    \b
    Exit codes: 0 ok; 1 a --fail-on status was found; 2 usage or input error.
    """
    formats = tuple(dict.fromkeys(formats)) or DEFAULT_FORMATS
    compiler = SchemaCompiler()
    ruleset = load_rules(list(rule_paths), compiler)
    checklists = ruleset.select(checklist_ids, tags)

    def failing_questions(doc: dict[str, Any]) -> int:
        return sum(1 for c in doc["checklists"] for q in c["questions"] if _fails(q, fail_on, fail_severity))

    result = run_analysis(
        list(paths),
        checklists,
        out,
        formats,
        failing_questions,
        jobs,
        archives,
        known=known_keys_of(ruleset.checklists),
        strict=strict,
        protected=list(rule_paths),
    )
    for warning in result.warnings:
        click.echo(warning.render(), err=True)
    failing = result.counted
    if not quiet:
        for summary in result.summaries:
            click.echo(_line(summary, out, formats))
    if not quiet:
        index = f"; open {out / 'index.html'}" if "html" in formats else ""
        click.echo(
            f"{len(result.summaries)} incident{'s' if len(result.summaries) != 1 else ''} analyzed, "
            f"{len(result.written)} files written to {out}{index}"
        )
    if fail_on and failing:
        if not quiet:
            click.echo(f"{failing} question{'s' if failing != 1 else ''} met --fail-on {', '.join(fail_on)}", err=True)
        raise SystemExit(1)
