"""CSV: ``results.csv``, one row per incident and question, for spreadsheets.

Rows are written as each incident is analyzed (never all held in memory). Cells that a spreadsheet would read as a
formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from legalcheck.report import view
from legalcheck.report.registry import Piece, Reporter, register
from legalcheck.report.safety import safe_url

FILENAME = "results.csv"
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
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as a CSV cell a spreadsheet shows as text: formulas are neutralised with a leading apostrophe."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(doc: dict[str, Any]) -> Iterator[list[str]]:
    """One row per question of one results document, in the document's order."""
    inc = doc["incident"]
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
            ]
            yield [cell(v) for v in values]


@register
class CsvReporter(Reporter):
    name = "csv"
    description = "results.csv: one row per incident and question, for spreadsheets"
    streaming = True

    _handle: IO[str] | None = None

    def _stream(self) -> IO[str]:
        if self._handle is None:
            self._handle = self.output.stream(FILENAME)
            self._handle.write(("\ufeff" if self.bom else "") + lines([list(COLUMNS)]))
        return self._handle

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(FILENAME, lines(rows(doc)))]

    def add(self, rendered: list[Piece]) -> None:
        """Append each incident's rows to the one file as they come."""
        stream = self._stream()
        for _, text in rendered:
            stream.write(text if isinstance(text, str) else text.decode("utf-8"))

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        self._stream().close()


def lines(records: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    return buffer.getvalue()
