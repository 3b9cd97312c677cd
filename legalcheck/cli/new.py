"""`legalcheck new checklist|incident ID`: write a valid starting file to edit."""

from __future__ import annotations

import re
from pathlib import Path

import click

from legalcheck.authoring import scaffold
from legalcheck.authoring.files import write_new
from legalcheck.cli.options import rules_option
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.errors import UsageError
from legalcheck.loading.checklists import load_rules
from legalcheck.loading.records import RESERVED_IDS

CHECKLIST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
INCIDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

out_option = click.option("--out", type=click.Path(path_type=Path), help="Where to write it. Default: ./ID.json")
force_option = click.option("--force", is_flag=True, help="Replace the file if it exists.")


@click.group()
def new() -> None:
    """Write a starting file (a checklist or an incident record) to edit."""


@new.command("checklist")
@click.argument("checklist_id", metavar="ID")
@out_option
@force_option
@rules_option
def new_checklist(checklist_id: str, out: Path | None, force: bool, rule_paths: tuple[Path, ...]) -> None:
    """A rule file with one example question that uses every kind of condition, and an example that tests it.

    ID: lower-case letters, digits and hyphens; not the id of a built-in checklist (or of one given with --rules).
    """
    if not CHECKLIST_ID.fullmatch(checklist_id):
        raise UsageError(
            f"{checklist_id!r} is not a valid checklist id: use 1-64 lower-case letters, digits and hyphens, "
            f"starting with a letter or digit"
        )
    known = load_rules(list(rule_paths), SchemaCompiler()).ids()
    if checklist_id in known:
        raise UsageError(
            f"checklist id {checklist_id!r} is already used by a loaded checklist; choose another (see "
            f"`legalcheck rules list`)"
        )
    path = out or Path(f"{checklist_id}.json")
    write_new(path, scaffold.dumps(scaffold.checklist(checklist_id, scaffold.schema_ref("checklist", path))), force)
    click.echo(
        f"wrote {path}: edit it, then run `legalcheck validate {path}`, `legalcheck rules lint {path}` and "
        f"`legalcheck rules test {path}`"
    )


@new.command("incident")
@click.argument("incident_id", metavar="ID")
@out_option
@force_option
def new_incident(incident_id: str, out: Path | None, force: bool) -> None:
    """An incident record with one actor, event, claim and source to replace.

    ID: letters, digits, '.', '_' and '-'; the report is written as ID.html.
    """
    if not INCIDENT_ID.fullmatch(incident_id):
        raise UsageError(
            f"{incident_id!r} is not a valid incident id: use 1-128 letters, digits, '.', '_' and '-', starting "
            f"with a letter or digit"
        )
    if incident_id.lower() in RESERVED_IDS:
        raise UsageError(f"the incident id {incident_id!r} is reserved: the index of every report is index.html")
    path = out or Path(f"{incident_id}.json")
    write_new(path, scaffold.dumps(scaffold.incident(incident_id, scaffold.schema_ref("incident", path))), force)
    click.echo(f"wrote {path}: edit it, then run `legalcheck validate {path}`")
