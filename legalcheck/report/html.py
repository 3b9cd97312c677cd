"""HTML reports: one page per incident and an index, self-contained.

Inline style and script are allowed by their sha256 hashes in a Content-Security-Policy that lets nothing else run or
load; every string from a record or rule file is escaped by Jinja's autoescape, and only http(s) addresses become links.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from legalcheck.report import view
from legalcheck.report.registry import Reporter, register
from legalcheck.report.safety import content_security_policy, csp_hash, safe_url

__all__ = ["HtmlReporter", "csp_hash", "render_incident", "render_index", "safe_url"]

ROLE_LABELS = {"applies": "applies", "raised": "raises", "answered": "answers", "contested": "contests"}
ROLE_CLASSES = {"applies": "s-not_applicable", "raised": "s-open", "answered": "s-answered", "contested": "s-contested"}


def _asset(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


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
    env.globals.update(
        status_label=lambda s: view.STATUS_LABELS.get(s, str(s)),
        role_label=lambda r: ROLE_LABELS.get(r, str(r)),
        role_class=lambda r: ROLE_CLASSES.get(r, ""),
        statuses=view.STATUS_ORDER,
        anchor=view.anchor,
        provenance=view.provenance,
        source_title=view.source_title,
        counts_sentence=view.counts_sentence,
        question_total=view.question_total,
        cell=checklist_cell,
    )
    return env


@cache
def page_assets(kind: str) -> tuple[str, str, str]:
    """The inline style, the inline script and the CSP that allows exactly those two, for 'incident' or 'index' pages."""
    env = environment()
    css = _asset(env, "report.css")
    js = _asset(env, "report.js" if kind == "incident" else "index.js")
    return css, js, content_security_policy(js, css)


def checklist_cell(counts: dict[str, int]) -> str:
    """A checklist's counts in an index cell: the parts that are not zero, most pressing first."""
    parts = [f"{counts[key]} {label}" for key, label in (("open", "open"), ("contested", "contested"), ("answered", "answered")) if counts[key]]
    return " · ".join(parts) or "0 questions"


def render_incident(doc: dict[str, Any]) -> str:
    css, js, csp = page_assets("incident")
    template = environment().get_template("incident.html.j2")
    return template.render(doc=doc, sources=view.sources_by_id(doc), groups=view.groups(doc), css=css, js=js, csp=csp)


def index_rows(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Index rows in a fixed order: newest incident first (by date, then as-of date), then by id."""
    rows = [{**s, "checklists": {c["id"]: c for c in s["checklists"]}} for s in summaries]
    rows.sort(key=lambda r: r["id"])
    rows.sort(key=lambda r: (r.get("date") or "", r["as_of"]), reverse=True)
    return rows


def render_index(summaries: list[dict[str, Any]]) -> str:
    css, js, csp = page_assets("index")
    columns: dict[str, str] = {}
    for s in summaries:
        for c in s["checklists"]:
            columns.setdefault(c["id"], c["title"])
    totals = {key: sum(s["counts"][key] for s in summaries) for key in (*view.STATUS_ORDER, "raised", "raised_open", "unraised_open")}
    template = environment().get_template("index.html.j2")
    return template.render(rows=index_rows(summaries), columns=columns, totals=totals, css=css, js=js, csp=csp)


@register
class HtmlReporter(Reporter):
    name = "html"
    description = "<id>.html per incident and index.html"

    def render(self, doc: dict[str, Any]) -> list[tuple[str, str]]:
        return [(f"{doc['incident']['id']}.html", render_incident(doc))]

    def finish(self, summaries: list[dict[str, Any]]) -> None:
        self.output.write("index.html", render_index(summaries))
