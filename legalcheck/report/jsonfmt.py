"""Results documents as JSON: the source of truth every other rendering is made from.

orjson writes the same bytes as ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``, several times
faster; the test-suite checks that both give identical output.
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
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def dumps(data: Any) -> bytes:
    """UTF-8 JSON on one line, without spaces, ending in a newline: written as it is, never decoded. (Results are
    read by programs; ``python -m json.tool`` or ``jq`` indents them for a reader.)"""
    if orjson is None:  # pragma: no cover
        return dumps_stdlib(data)
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


def loads(data: bytes) -> Any:
    """What :func:`dumps` wrote."""
    if orjson is None:  # pragma: no cover
        return json.loads(data)
    return orjson.loads(data)


@register
class JsonReporter(Reporter):
    name = "json"
    description = "<id>.json per incident: the results document; rules.json: the run's checklists, once"
    compact = True

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(f"{doc['incident']['id']}.json", dumps(doc))]
