"""HTML reports: one page per incident and an index, self-contained (inline style by hash, nothing fetched)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2

from legalcheck.report.registry import Reporter, register

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
STATUS_LABELS = {"answered": "answered", "contested": "contested", "open": "open", "not_applicable": "not applicable"}


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) address, else None: only such addresses become links."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("legalcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals["status_label"] = STATUS_LABELS.get
    assets = {name: env.loader.get_source(env, name)[0] for name in ("report.css",)}  # type: ignore[union-attr]
    env.globals["css"] = assets["report.css"]
    env.globals["csp"] = f"default-src 'none'; style-src {csp_hash(assets['report.css'])}; img-src 'none'; base-uri 'none'; form-action 'none'"
    return env


def groups(doc: dict[str, Any]) -> list[tuple[str, str, list[tuple[dict[str, Any], dict[str, Any]]]]]:
    """The report's priority groups: raised and open, contested, open and raised by nobody."""
    found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {"raised-open": [], "contested": [], "unraised-open": []}
    for checklist in doc["checklists"]:
        for q in checklist["questions"]:
            if q["status"] == "open":
                found["raised-open" if q["raised"] else "unraised-open"].append((checklist, q))
            elif q["status"] == "contested":
                found["contested"].append((checklist, q))
    for items in found.values():
        items.sort(key=lambda cq: SEVERITY_ORDER[cq[1]["severity"]])
    return [
        ("raised-open", "Raised and still open", found["raised-open"]),
        ("contested", "Contested: sources contradict each other", found["contested"]),
        ("unraised-open", "Open, and raised by no source", found["unraised-open"]),
    ]


def render_incident(doc: dict[str, Any]) -> str:
    sources = {s["id"]: s for s in doc["sources"]}
    return environment().get_template("incident.html.j2").render(doc=doc, sources=sources, groups=groups(doc))


def render_index(summaries: list[dict[str, Any]]) -> str:
    columns: dict[str, str] = {}
    for s in summaries:
        for c in s["checklists"]:
            columns.setdefault(c["id"], c["title"])
    return environment().get_template("index.html.j2").render(summaries=summaries, columns=columns)


@register
class HtmlReporter(Reporter):
    name = "html"
    description = "<id>.html per incident and index.html"

    def add(self, doc: dict[str, Any]) -> None:
        self.output.write(f"{doc['incident']['id']}.html", render_incident(doc))

    def finish(self, summaries: list[dict[str, Any]]) -> None:
        self.output.write("index.html", render_index(summaries))
