"""Results documents as JSON: the source of truth every other rendering is made from.

orjson writes the same bytes as ``json.dumps(data, indent=2, ensure_ascii=False)`` about ten times faster
(the standard library falls back to its pure-Python encoder whenever it indents); the test-suite checks that
both give identical output.
"""

from __future__ import annotations

import json
from typing import Any

from legalcheck.report.registry import Piece, Reporter, register

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the fallback writes the same bytes
    orjson = None  # type: ignore[assignment]


def dumps_stdlib(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def dumps(data: Any) -> bytes:
    """UTF-8 JSON, indented by two spaces, ending in a newline: written as it is, never decoded."""
    if orjson is None:  # pragma: no cover
        return dumps_stdlib(data)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


@register
class JsonReporter(Reporter):
    name = "json"
    description = "<id>.json per incident: the results document"

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(f"{doc['incident']['id']}.json", dumps(doc))]
