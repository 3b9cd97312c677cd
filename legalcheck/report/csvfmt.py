"""CSV: ``results.csv``, one row per incident and question, for spreadsheets.

Rows are written as each incident is analyzed (never all held in memory). Cells that a spreadsheet would read as a
formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from legalcheck.report import quotes, view
from legalcheck.report.output import Output
from legalcheck.report.registry import Piece, Reporter, no_explanation, register
from legalcheck.report.safety import safe_url

FILENAME = "results.csv"
QUOTES_FILENAME = "quotes.csv"
COLUMNS = (
    "incident_id",
    "incident_title",
    "incident_date",
    "as_of",
    "checklist_id",
    "checklist_title",
    "checklist_version",
    "checklist_applicable",
    "question_id",
    "question",
    "severity",
    "status",
    "raised",
    "group",
    "raised_by_count",
    "raised_by",
    "evidence_count",
    "sources",
    "would_answer",
    "law",
    "report_link",
    "quote_checks",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as a CSV cell a spreadsheet shows as text: formulas are neutralised with a leading apostrophe."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _quote_checks(q: dict[str, Any], verified: dict[str, dict[str, Any]]) -> str:
    """The verification status of each quote a question cites: ``claim-id: status``."""
    found: dict[str, str] = {}
    for e in (*q["raised_by"], *q["evidence"]):
        v = verified.get("/".join(e["pointer"].split("/")[:3]))
        if v is not None and e.get("quote"):
            found[e["pointer"]] = f"{e['pointer']}: {v['status']}"
    return "; ".join(found.values())


def rows(doc: dict[str, Any]) -> Iterator[list[str]]:
    """One row per question of one results document, in the document's order."""
    inc = doc["incident"]
    verified = quotes.by_pointer(doc)
    for checklist in doc["checklists"]:
        for q in checklist["questions"]:
            sources = sorted({sid for e in (*q["raised_by"], *q["evidence"]) for sid in e["sources"]})
            law = "; ".join(
                " ".join(
                    part
                    for part in (
                        ", ".join(str(c[k]) for k in ("instrument", "pinpoint") if c.get(k)),
                        safe_url(c.get("url")) or "",
                    )
                    if part
                )
                for c in q["citations"]
            )
            values: list[Any] = [
                inc["id"],
                inc["title"],
                inc.get("date", ""),
                inc["as_of"],
                checklist["id"],
                checklist["title"],
                checklist["version"],
                checklist["applicable"],
                q["id"],
                q["text"],
                q["severity"],
                q["status"],
                q["raised"],
                view.group_key(q) or "",
                len(q["raised_by"]),
                " | ".join(e["summary"] for e in q["raised_by"]),
                len(q["evidence"]),
                "; ".join(sources),
                q["would_answer"] if q["status"] in ("open", "contested") else "",
                law,
                f"{inc['id']}.html#{view.anchor(checklist, q)}",
                _quote_checks(q, verified),
            ]
            yield [cell(v) for v in values]


@register
class CsvReporter(Reporter):
    name = "csv"
    description = "results.csv: one row per incident and question; quotes.csv: one row per quote and its check"
    streaming = True
    unfolds = staticmethod(no_explanation)

    def __init__(self, output: Output) -> None:
        super().__init__(output)
        self._handles: dict[str, IO[str]] = {}

    def _stream(self, name: str) -> IO[str]:
        if name not in self._handles:
            self._handles[name] = self.output.stream(name)
            header = lines([list(COLUMNS if name == FILENAME else quotes.QUOTE_COLUMNS)])
            self._handles[name].write(("\ufeff" if self.bom else "") + header)
        return self._handles[name]

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        found = [[cell(v) for v in row] for row in quotes.rows(doc)]
        return [(FILENAME, lines(rows(doc))), (QUOTES_FILENAME, lines(found))]

    def add(self, rendered: list[Piece]) -> None:
        """Append each incident's rows to the files as they come."""
        for name, text in rendered:
            self._stream(name).write(text if isinstance(text, str) else text.decode("utf-8"))

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        for name in (FILENAME, QUOTES_FILENAME):
            self._stream(name).close()


def lines(records: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    return buffer.getvalue()
