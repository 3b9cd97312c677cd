"""HTML reports: one page per incident and an index, self-contained.

Inline style and script are allowed by their sha256 hashes in a Content-Security-Policy that lets nothing else run or
load. Every string from a record or rule file is escaped: by Jinja's autoescape in the templates, and by the same
``markupsafe.escape`` in the recurring pieces ``fragments`` writes once; only http(s) addresses become links.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from legalcheck.report import story, view
from legalcheck.report.fragments import Page, law, link, list_items, question_text, status_chart
from legalcheck.report.registry import Piece, Reporter, register
from legalcheck.report.safety import content_security_policy, csp_hash, safe_url

if TYPE_CHECKING:
    import jinja2

__all__ = ["HtmlReporter", "csp_hash", "render_incident", "render_index", "safe_url"]


def _asset(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment (imported on first use, so runs without HTML output never load Jinja)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("legalcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.update(
        statuses=view.STATUS_ORDER,
        status_labels=view.STATUS_LABELS,
        provenance=view.provenance,
        source_title=view.source_title,
        counts_sentence=view.counts_sentence,
        question_total=view.question_total,
        cell=checklist_cell,
        list_items=list_items,
        link=link,
        question_text=question_text,
        law=law,
        nice_date=story.nice_date,
        diff_sentence=story.diff_sentence,
        moved_phrase=story.moved_phrase,
        short=short,
    )
    return env


@cache
def page_assets(kind: str) -> tuple[str, str, str]:
    """The inline style, the inline script and the CSP that allows exactly those two.

    For 'incident' or 'index' pages."""
    env = environment()
    css = _asset(env, "report.css")
    js = _asset(env, "report.js" if kind == "incident" else "index.js")
    return css, js, content_security_policy(js, css)


def checklist_cell(counts: dict[str, int]) -> str:
    """A checklist's counts in an index cell: the parts that are not zero, most pressing first."""
    parts = [
        f"{counts[key]} {label}"
        for key, label in (("open", "open"), ("contested", "contested"), ("answered", "answered"))
        if counts[key]
    ]
    return " · ".join(parts) or "0 questions"


def short(text: str, limit: int = 60) -> str:
    """A question's text cut to a few words, for a timeline entry."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def story_context(doc: dict[str, Any]) -> dict[str, Any]:
    """What the incident page and the brief show of the story a version belongs to (set by the run): the diff from
    the version before, and every version's counts."""
    versions = doc.get("story_versions") or []
    chart = (
        status_chart(
            [(f"as of {v['as_of']}", v["as_of"], v["counts"]) for v in versions],
            "Questions by status in each version of this story",
        )
        if len(versions) > 1
        else ""
    )
    return {"since": doc.get("since"), "versions": versions if len(versions) > 1 else [], "chart": chart}


def render_incident(doc: dict[str, Any]) -> str:
    css, js, csp = page_assets("incident")
    template = environment().get_template("incident.html.j2")
    sources = view.sources_by_id(doc)
    rec = story.Record(doc)
    dated, undated = story.timeline(rec)
    not_applicable = [
        (c, q, story.not_applicable_reason(c, q))
        for c in doc["checklists"]
        for q in c["questions"]
        if q["status"] == "not_applicable"
    ]
    sections = view.sections(doc)
    numbers = {view.anchor(c, q): f"Q{n}" for n, (c, q) in enumerate((cq for g in sections for cq in g.items), 1)}
    context = story_context(doc)
    if context["since"]:
        rank = {a: i for i, a in enumerate(numbers)}
        for m in context["since"]["moved"]:
            m["order"] = rank.get(m["anchor"], len(rank))
    return template.render(
        doc=doc,
        numbers=numbers,
        sources=sources,
        rec=rec,
        page=Page(sources, rec),
        sections=sections,
        facts=story.facts(rec),
        casualties=story.casualty_table(rec),
        dated=dated,
        undated=undated,
        not_applicable=not_applicable,
        applicable=view.question_total(doc["counts"]) - doc["counts"]["not_applicable"],
        css=css,
        js=js,
        csp=csp,
        **context,
    )


def index_rows(summaries: Sequence[dict[str, Any]], order: list[int]) -> Iterator[dict[str, Any]]:
    """Index rows in the given order, one at a time."""
    for i in order:
        s = summaries[i]
        yield {**s, "checklists": {c["id"]: c for c in s["checklists"]}}


def generate_index(summaries: Sequence[dict[str, Any]]) -> Iterator[str]:
    """The index page in pieces: one pass gathers columns, totals and the row order (newest incident first, by date,
    then as-of date, then id), the rows are then rendered one by one."""
    css, js, csp = page_assets("index")
    columns: dict[str, str] = {}
    keys = ("answered", "contested", "open", "not_applicable", "raised", "raised_open", "unraised_open")
    totals = dict.fromkeys(keys, 0)
    sort_keys = []
    for i, s in enumerate(summaries):
        for c in s["checklists"]:
            columns.setdefault(c["id"], c["title"])
        for key in keys:
            totals[key] += s["counts"][key]
        sort_keys.append((s.get("date") or "", s["as_of"], s["id"], i))
    sort_keys.sort(key=lambda k: k[2])
    sort_keys.sort(key=lambda k: (k[0], k[1]), reverse=True)
    order = [k[3] for k in sort_keys]
    template = environment().get_template("index.html.j2")
    return template.generate(
        rows=index_rows(summaries, order), count=len(order), columns=columns, totals=totals, css=css, js=js, csp=csp
    )


def render_index(summaries: Sequence[dict[str, Any]]) -> str:
    return "".join(generate_index(summaries))


@register
class HtmlReporter(Reporter):
    name = "html"
    description = "<id>.html per incident and index.html"

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(f"{doc['incident']['id']}.html", render_incident(doc))]

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        with self.output.stream("index.html") as handle:
            handle.writelines(generate_index(summaries))
