"""`legalcheck analyze`: records in, reports out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from legalcheck.cli.options import archives_option, out_and_formats, rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import IncidentResult, QuestionResult
from legalcheck.loading.checklists import load_rules
from legalcheck.report.registry import reporter_names
from legalcheck.report.view import plural
from legalcheck.run import DEFAULT_FORMATS, Progress, known_keys_of, run_analysis

SUMMARY_LIMIT = 20  # incidents summarised one line each; beyond, a total
PROGRESS_FROM = 48  # records: fewer finish too fast for a progress bar to help


class Bar(Progress):
    """click's progress bar on standard error, for runs of more than a few dozen records on a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if total >= PROGRESS_FROM and click.get_text_stream("stderr").isatty():
            self.bar = click.progressbar(length=total, label="Analyzing", file=click.get_text_stream("stderr"))
            self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


FAIL_ON = ("open", "raised-open", "unraised-open", "contested")
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
SUFFIXES = {"html": ".html", "json": ".json", "markdown": ".md"}  # the per-incident file a summary line points to


def _fails(q: QuestionResult, fail_on: tuple[str, ...], min_severity: str) -> bool:
    if SEVERITY_RANK[q.question.severity] < SEVERITY_RANK[min_severity]:
        return False
    kinds = {q.status}
    if q.status == "open":
        kinds.add("raised-open" if q.raised else "unraised-open")
    return bool(kinds & set(fail_on))


def _line(summary: dict[str, Any], out: Path, formats: tuple[str, ...]) -> str:
    c = summary["counts"]
    total = sum(c[k] for k in ("answered", "contested", "open", "not_applicable"))
    shown = next((f for f in ("html", "json", "markdown") if f in formats), None)
    shared = next((name for f, name in (("csv", "results.csv"), ("sqlite", "results.sqlite")) if f in formats), "")
    where = out / f"{summary['id']}{SUFFIXES[shown]}" if shown else out / shared
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
@out_and_formats("reports", reporter_names(), f"Output format (repeatable). Default: {', '.join(DEFAULT_FORMATS)}.")
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
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="Also update this SQLite database, kept across runs (created if missing): by incident id and as-of date, "
    "in one transaction.",
)
@click.option("--bom", is_flag=True, help="Start CSV files with a byte order mark, for spreadsheet programs.")
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
    db: Path | None,
    strict: bool,
    bom: bool,
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

    def failing_questions(result: IncidentResult) -> int:
        return sum(1 for q in result.all_questions() if _fails(q, fail_on, fail_severity))

    bar = Bar() if not quiet else None
    try:
        result = run_analysis(
            list(paths),
            checklists,
            out,
            formats,
            failing_questions,
            jobs,
            archives,
            db,
            known=known_keys_of(ruleset.checklists),
            strict=strict,
            protected=list(rule_paths),
            progress=bar,
            bom=bom,
        )
    finally:
        if bar is not None:
            bar.finish()
    for warning in result.warnings:
        click.echo(warning, err=True)
    failing = result.counted
    if not quiet:
        n = len(result.summaries)
        for summary in result.summaries[:SUMMARY_LIMIT]:
            click.echo(_line(summary, out, formats))
        if n > SUMMARY_LIMIT:
            more = "; every one is in " + str(out / "index.html") if "html" in formats else ""
            click.echo(f"... and {plural(n - SUMMARY_LIMIT, 'more incident')}{more}")
        stories = result.stories
        index = f"; open {out / 'index.html'}" if "html" in formats else ""
        files = result.written - (db is not None)
        click.echo(
            f"{plural(n, 'incident')} ({plural(stories, 'story', 'stories')}) analyzed, "
            f"{plural(files, 'file')} written to {out}{index}" + (f"; database {db} updated" if db is not None else "")
        )
    if fail_on and failing:
        if not quiet:
            click.echo(f"{plural(failing, 'question')} met --fail-on {', '.join(fail_on)}", err=True)
        raise SystemExit(1)
