"""`legalcheck archive`: save a copy of every cited source that has none yet."""

from __future__ import annotations

from pathlib import Path

import click

from legalcheck.verify.fetch import archive_record


@click.command()
@click.argument("record", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds to wait for a source."
)
def archive(record: Path, timeout: float) -> None:
    """Fetch each source URL of RECORD that has no archived copy into a web archive (WARC) beside the record, and
    write a new version of the record that names the copies, with their SHA-256 and date.

    This is the one command that reaches the network. The record is replaced only once its new version is whole.

    \b
    Exit codes: 0 ok; 1 a source could not be fetched; 2 usage or input error.
    """
    result = archive_record(record, timeout)
    for sid, url, reason in result.failed:
        click.echo(f"error: source {sid!r}: could not fetch {url}: {reason}", err=True)
    if result.warc is not None:
        n = len(result.saved)
        click.echo(f"{n} source{'s' if n != 1 else ''} saved to {result.warc}; {record} names the copies")
    else:
        click.echo(f"nothing saved: no source of {record} without a copy could be fetched")
    if result.failed:
        raise SystemExit(1)
