"""Rule files together with their parsed text, so that authoring tools can point at lines.

Loading goes through :func:`legalcheck.loading.checklists.load_rules` (every check, every error, id
collisions included); this module only keeps each checklist's :class:`Document` alongside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from legalcheck import resources
from legalcheck.engine.evaluator import SchemaCompiler
from legalcheck.engine.model import Checklist
from legalcheck.loading.checklists import load_rules
from legalcheck.loading.documents import Document, discover, load, parse


@dataclass(frozen=True)
class RuleSource:
    """One loaded checklist, the document it came from, and a path to show for it."""

    checklist: Checklist
    doc: Document

    @property
    def label(self) -> str:
        return self.doc.path


def display_path(path: Path) -> str:
    """A path relative to the working folder when it lies inside it, so that messages stay short."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def builtin_label(f: Traversable) -> str:
    """Where a built-in rule file is, as a path an editor can open, or ``built-in:NAME`` inside an archive."""
    if isinstance(f, Path):
        return display_path(f)
    return f"built-in:{f.name}"


def load_sources(user_paths: list[Path], compiler: SchemaCompiler, builtins: bool = True) -> list[RuleSource]:
    """The checklists of a run with their documents; raises InputError as ``load_rules`` does."""
    ruleset = load_rules(user_paths, compiler, builtins=builtins, check_builtins=True)
    docs: dict[str, Document] = {}
    if builtins:
        for f in resources.builtin_rule_files():
            doc = parse(builtin_label(f), f.read_text(encoding="utf-8"))
            docs.setdefault(doc.data["id"], doc)
    for path in discover(user_paths):
        doc = load(path)
        docs.setdefault(doc.data["id"], doc)
    return [RuleSource(c, docs[c.id]) for c in ruleset.checklists]
