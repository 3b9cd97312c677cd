"""Files shipped inside the package: schemas, templates and the built-in checklists (from the top-level rules/)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("incident", "checklist", "results", "rules")


def schema_file(name: str) -> Traversable:
    return resources.files("legalcheck").joinpath("schemas", f"{name}.schema.json")


@cache
def schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema by name: incident, checklist or results."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    data: dict[str, Any] = json.loads(schema_file(name).read_text(encoding="utf-8"))
    return data


def rules_folder() -> Traversable:
    """The built-in checklists: packaged as legalcheck/rules in a wheel, the top-level rules/ in a source checkout."""
    packaged = resources.files("legalcheck").joinpath("rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def builtin_rule_files() -> list[Traversable]:
    """The built-in checklists, in a stable order."""
    return sorted((f for f in rules_folder().iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def templates_folder() -> Traversable:
    return resources.files("legalcheck").joinpath("templates")


@cache
def vocabulary() -> dict[str, Any]:
    """The shipped proposition vocabulary (legalcheck/vocabulary.json)."""
    data: dict[str, Any] = json.loads(
        resources.files("legalcheck").joinpath("vocabulary.json").read_text(encoding="utf-8")
    )
    return data
