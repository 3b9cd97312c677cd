"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rule_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        metavar="PATH",
        help="A rule file or folder of rule files to add to the built-in checklists (repeatable).",
    )(func)


def archives_option(func: F) -> F:
    return click.option(
        "--archives",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        metavar="DIR",
        help="A folder of archived copies: copy paths are looked up in it when not found beside the record.",
    )(func)


def out_and_formats(
    default: str, formats: list[str], formats_help: str, out_help: str = "Folder to write reports to."
) -> F:
    """``--out`` (a folder, ``default`` unless given) and ``--format`` (repeatable, one of ``formats``)."""

    def decorate(func: F) -> F:
        func = click.option("--format", "formats", multiple=True, type=click.Choice(formats), help=formats_help)(func)
        return click.option(
            "--out", type=click.Path(path_type=Path), default=Path(default), show_default=True, help=out_help
        )(func)

    return decorate
