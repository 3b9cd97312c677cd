"""The reporter registry: each output format is a class that receives results documents one by one."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar, overload

from legalcheck.report.output import Output
from legalcheck.spill import Spilled

Piece = tuple[str, str | bytes]  # a file name and its content: text, or UTF-8 bytes written as they are


def summary_of(doc: dict[str, Any], titles: dict[str, str] | None = None) -> dict[str, Any]:
    """The small part of a results document that index pages need. A compact results document names its checklists
    by id only: ``titles`` (checklist id -> title, from the rule set) gives their titles."""
    incident = doc["incident"]
    return {
        "id": incident["id"],
        "title": incident["title"],
        "date": incident.get("date", ""),
        "as_of": incident["as_of"],
        "story": str(incident.get("story") or incident["id"]),
        "statuses": statuses_of(doc),
        "counts": doc["counts"],
        "quotes": quote_counts(doc),
        "checklists": [
            {
                "id": c["id"],
                "title": titles[c["id"]] if titles is not None else c["title"],
                "applicable": c["applicable"],
                "counts": c["counts"],
            }
            for c in doc["checklists"]
        ],
    }


STATUS_CODES = {"open": "o", "contested": "c", "answered": "a", "not_applicable": "n"}


def statuses_of(doc: dict[str, Any]) -> dict[str, str]:
    """Each checklist's question statuses, one letter each (o open, c contested, a answered, n not applicable;
    upper case when a source raises the question), for views across incidents."""
    out = {}
    for c in doc["checklists"]:
        letters = []
        for q in c["questions"]:
            code = STATUS_CODES.get(q["status"], "o")
            letters.append(code.upper() if q["raised"] and code != "n" else code)
        out[c["id"]] = "".join(letters)
    return out


def quote_counts(doc: dict[str, Any]) -> dict[str, int]:
    """How many quotes an incident has, and how many were not found verbatim in an archived copy."""
    counts = (doc.get("verification") or {}).get("counts", {})
    total = counts.get("quotes", 0)
    return {"total": total, "unverified": total - counts.get("verbatim", 0)}


COUNT_KEYS = ("answered", "contested", "open", "not_applicable", "raised", "raised_open", "unraised_open")


class Summaries(Sequence[dict[str, Any]]):
    """Every incident's summary, kept as compact JSON (counts as lists, checklist titles once) in a temporary file
    and decoded on use, so that memory stays flat on a large corpus."""

    def __init__(self) -> None:
        self._texts = Spilled()
        self._titles: dict[str, str] = {}

    def append(self, summary: dict[str, Any]) -> None:
        checklists = []
        for c in summary["checklists"]:
            self._titles.setdefault(c["id"], c["title"])
            checklists.append(
                [c["id"], c["applicable"], [c["counts"][k] for k in COUNT_KEYS], summary["statuses"].get(c["id"], "")]
            )
        packed = [
            summary["id"],
            summary["title"],
            summary["date"],
            summary["as_of"],
            summary["story"],
            [summary["counts"][k] for k in COUNT_KEYS],
            checklists,
            [summary["quotes"]["total"], summary["quotes"]["unverified"]],
        ]
        self._texts.append(json.dumps(packed, ensure_ascii=False, separators=(",", ":")))

    def _decode(self, text: str) -> dict[str, Any]:
        sid, title, date, as_of, story, counts, checklists, (quotes, unverified) = json.loads(text)
        return {
            "id": sid,
            "title": title,
            "date": date,
            "as_of": as_of,
            "story": story,
            "statuses": {cid: letters for cid, _, _, letters in checklists},
            "counts": dict(zip(COUNT_KEYS, counts, strict=True)),
            "quotes": {"total": quotes, "unverified": unverified},
            "checklists": [
                {
                    "id": cid,
                    "title": self._titles[cid],
                    "applicable": applicable,
                    "counts": dict(zip(COUNT_KEYS, k, strict=True)),
                }
                for cid, applicable, k, _ in checklists
            ],
        }

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._decode(self._texts[i]) for i in range(len(self._texts))[index]]
        return self._decode(self._texts[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._decode(t) for t in self._texts)


class Reporter:
    """Base class. Per incident, ``render`` makes the files (pure, so it may run in a worker process) and ``add``
    writes them, in input order; ``finish`` is called once with every incident's summary."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    streaming: ClassVar[bool] = (
        False  # True: ``add`` appends every incident's pieces to one file; else each piece is a file
    )
    compact: ClassVar[bool] = False  # True: ``render`` gets the results document as written; else its full view
    bom: bool = False  # for text formats spreadsheet programs read: start the file with a byte order mark

    def __init__(self, output: Output) -> None:
        self.output = output

    @staticmethod
    def unfolds(role: str, held: bool) -> bool:
        """Whether ``render`` reads the explanation lines below the top of a role's condition (``role``: applies,
        raised, contested or answered; ``held``: whether it held). Lines no reporter reads are not laid out; a
        reporter reads them all by default."""
        return True

    def start(self, rules: dict[str, Any]) -> None:
        """Called once before any incident, with the run's rule set (the ``rules.json`` document); nothing by
        default."""

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        """The (file name, text or UTF-8 bytes) pieces this format makes of one results document."""
        raise NotImplementedError

    def add(self, rendered: list[Piece]) -> None:
        """Write what ``render`` made: by default each piece is a whole file."""
        for name, text in rendered:
            self.output.write(name, text)

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        """Write files that cover all incidents (an index); nothing by default."""

    def abort(self) -> None:
        """Called when the run fails: let go of anything still open; nothing by default."""


def no_explanation(role: str, held: bool) -> bool:
    """The ``unfolds`` of a reporter that reads no explanation."""
    return False


REGISTRY: dict[str, type[Reporter]] = {}

# The built-in formats, in the order `--format` lists them, and the module that registers each: a run imports only
# the modules of the formats it writes (Jinja for HTML, sqlite3 for SQLite).
BUILT_IN = {
    "json": "legalcheck.report.jsonfmt",
    "html": "legalcheck.report.html",
    "markdown": "legalcheck.report.markdown",
    "csv": "legalcheck.report.csvfmt",
    "sqlite": "legalcheck.report.sqlite",
}


def register(cls: type[Reporter]) -> type[Reporter]:
    REGISTRY[cls.name] = cls
    return cls


def reporter_names() -> list[str]:
    """The names of the output formats: the built-in ones, then any other registered, without importing any."""
    return [*BUILT_IN, *(name for name in REGISTRY if name not in BUILT_IN)]


def reporter_class(name: str) -> type[Reporter]:
    """The reporter class of a format, its module imported on first use."""
    if name not in REGISTRY and name in BUILT_IN:
        importlib.import_module(BUILT_IN[name])
    return REGISTRY[name]


def make_reporters(names: list[str], output: Output, bom: bool = False) -> list[Reporter]:
    """The reporters of the named formats; ``bom``: CSV files start with a byte order mark."""
    reporters = [reporter_class(name)(output) for name in names]
    for reporter in reporters:
        reporter.bom = bom
    return reporters


def unfolding(reporters: Sequence[Reporter]) -> Callable[[str, bool], bool]:
    """Which explanation lines to lay out for reporters that read the full view: those any of them reads."""
    readers = [r for r in reporters if not r.compact]
    if len(readers) == 1:
        return readers[0].unfolds
    return lambda role, held: any(r.unfolds(role, held) for r in readers)
