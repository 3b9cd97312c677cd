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
    """Base class. Per incident, ``render`` makes the files (pure, so it may run in a worker process) and ``add``
    writes them, in input order; ``finish`` is called once with every incident's summary."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    streaming: ClassVar[bool] = False  # True: ``add`` appends every incident's pieces to one file; else each piece is a file

    def __init__(self, output: Output) -> None:
        self.output = output

    def render(self, doc: dict[str, Any]) -> list[tuple[str, str]]:
        """The (file name, text) pieces this format makes of one results document."""
        raise NotImplementedError

    def add(self, rendered: list[tuple[str, str]]) -> None:
        """Write what ``render`` made: by default each piece is a whole file."""
        for name, text in rendered:
            self.output.write(name, text)

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
