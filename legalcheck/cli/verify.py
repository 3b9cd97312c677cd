"""`legalcheck verify`: every quote checked against the archived copies of its source."""

from __future__ import annotations

from pathlib import Path

import click

from legalcheck.cli.options import archives_option
from legalcheck.errors import InputError
from legalcheck.verify.summary import check_paths, lines, total_line

FAIL_ON = {"not-found": ("not_found",), "close": ("close", "not_found"), "no-copy": ("no_copy",)}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@archives_option
@click.option(
    "--fail-on",
    multiple=True,
    type=click.Choice(list(FAIL_ON)),
    help="Exit 1 if any quote is not found (not-found), not verbatim (close), or has no copy (no-copy). Repeatable.",
)
def verify(paths: tuple[Path, ...], archives: Path | None, fail_on: tuple[str, ...]) -> None:
    """Check every quote in incident records against the archived copies of its source.

    Prints one line per quote that is not verbatim (close, not found, no copy), the warnings, and a total.

    \b
    Exit codes: 0 ok; 1 a --fail-on status was found; 2 usage or input error (a record or copy that cannot be read).
    """
    checked = check_paths(list(paths), archives)
    for path, verification in checked.results:
        for line in lines(path, verification):
            click.echo(line)
    counts = checked.counts()
    unchecked = len({p.path for p in checked.problems})
    more = f"; {unchecked} record{'s' if unchecked != 1 else ''} could not be checked" if unchecked else ""
    click.echo(total_line(counts, len(checked.results)) + more)
    if checked.problems:
        raise InputError(checked.problems)
    failing = {status for flag in fail_on for status in FAIL_ON[flag]}
    if any(counts[status] for status in failing):
        raise SystemExit(1)
