"""Results documents as JSON: the source of truth every other rendering is made from."""

from __future__ import annotations

import json
from typing import Any

from legalcheck.report.registry import Reporter, register


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@register
class JsonReporter(Reporter):
    name = "json"
    description = "<id>.json per incident: the results document"

    def add(self, doc: dict[str, Any]) -> None:
        self.output.write(f"{doc['incident']['id']}.json", dumps(doc))
