"""The reporter registry: each output format is a class that receives results documents one by one."""

from __future__ import annotations

from typing import Any, ClassVar

from legalcheck.report.output import Output


def summary_of(doc: dict[str, Any]) -> dict[str, Any]:
    """The small part of a results document that index pages need."""
    incident = doc["incident"]
    return {
        "id": incident["id"],
        "title": incident["title"],
        "date": incident.get("date", ""),
        "as_of": incident["as_of"],
        "counts": doc["counts"],
        "checklists": [{"id": c["id"], "title": c["title"], "applicable": c["applicable"], "counts": c["counts"]} for c in doc["checklists"]],
    }


class Reporter:
    """Base class: ``add`` is called once per incident (in order), ``finish`` once with every incident's summary."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, output: Output) -> None:
        self.output = output

    def add(self, doc: dict[str, Any]) -> None:
        raise NotImplementedError

    def finish(self, summaries: list[dict[str, Any]]) -> None:
        """Write files that cover all incidents (an index); nothing by default."""


REGISTRY: dict[str, type[Reporter]] = {}


def register(cls: type[Reporter]) -> type[Reporter]:
    REGISTRY[cls.name] = cls
    return cls


def reporter_names() -> list[str]:
    from legalcheck.report import formats  # noqa: F401 - importing registers the built-in formats

    return list(REGISTRY)


def make_reporters(names: list[str], output: Output) -> list[Reporter]:
    reporter_names()
    return [REGISTRY[name](output) for name in names]
