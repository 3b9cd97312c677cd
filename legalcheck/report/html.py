"""HTML reports: one page per incident and an index, self-contained.

Inline style and script are allowed by their sha256 hashes in a Content-Security-Policy that lets nothing else run or
load. Every string from a record or rule file is escaped: by Jinja's autoescape in the templates, and by the same
``markupsafe.escape`` in the recurring pieces ``fragments`` writes once; only http(s) addresses become links.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from legalcheck.report import quotes, story, view
from legalcheck.report.fragments import Page, law, link, list_items, question_text, status_chart
from legalcheck.report.output import Output
from legalcheck.report.registry import Piece, Reporter, register
from legalcheck.report.safety import content_security_policy, csp_hash, safe_url, visible_controls

if TYPE_CHECKING:
    import jinja2

__all__ = ["HtmlReporter", "csp_hash", "render_incident", "render_index", "safe_url"]


def _asset(env: jinja2.Environment, name: str) -> str:
    """A stylesheet or script as pages inline it: each line without its indentation (neither holds a string that
    spans lines)."""
    assert env.loader is not None
    text = env.loader.get_source(env, name)[0]
    return "".join(line.strip() + "\n" for line in text.splitlines() if line.strip())


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
        plural=story.plural,
        anchor=view.anchor,
        list_items=list_items,
        link=link,
        question_text=question_text,
        law=law,
        nice_date=story.nice_date,
        diff_sentence=story.diff_sentence,
        moved_phrase=story.moved_phrase,
        diff_file="",
        short=short,
        moved_by_outcome=story.moved_by_outcome,
        was=story.was,
    )
    return env


@cache
def page_assets(kind: str) -> tuple[str, str, str]:
    """The inline style, the inline script and the CSP that allows exactly those two.

    For 'incident' or 'index' pages; 'brief' and 'plain' pages have no script. The style is the shared
    ``report.css`` (last, so its print rules win) after the parts the kind of page uses."""
    env = environment()
    parts = {
        "incident": ("incident",),
        "incident-quotes": ("incident", "quotes"),  # a page whose quotes were checked against archived copies
        "index": ("index",),
        "brief": ("brief",),
        "plain": ("incident", "index", "brief"),
    }[kind]
    css = "".join(_asset(env, f"{name}.css") for name in parts) + _asset(env, "report.css")
    if kind in ("brief", "plain"):
        return css, "", content_security_policy(None, css)
    source = _asset(env, "report.js" if kind.startswith("incident") else "index.js")
    js = "\n".join(line.strip() for line in source.splitlines() if line.strip()) + "\n"  # no indentation to ship
    return css, js, content_security_policy(js, css)


def render_brief(doc: dict[str, Any]) -> str:
    """A one-page brief for an editor: the headline counts, what changed since the last version, and the questions
    that need attention, one line each with the one source behind it."""
    css, _, csp = page_assets("brief")
    template = environment().get_template("brief.html.j2")
    sources = view.sources_by_id(doc)

    def key(q: dict[str, Any]) -> str:
        for e in (*q["raised_by"], *(e for e in q["evidence"] if e["role"] != "applies")):
            for sid in e["sources"]:
                s = sources.get(sid)
                who = e.get("claimant") or ""
                where = (s or {}).get("publisher") or short(view.source_title(s) if s else sid, 40)
                return f"{who}, in {where}" if who else str(where)
        return ""

    groups = view.groups(doc)
    lines = {g.key: [(view.anchor(c, q), short(q["text"], 100), key(q)) for c, q in g.items] for g in groups}
    return template.render(doc=doc, groups=groups, lines=lines, css=css, csp=csp, **story_context(doc))


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


def quote_line(doc: dict[str, Any]) -> str:
    """How the record's quotes fared against the archived copies of their sources, in one sentence ("" without
    quotes)."""
    verification = doc.get("verification") or {}
    if not verification.get("quotes"):
        return ""
    counts = verification["counts"]
    if counts.get("no_copy", 0) == counts.get("quotes", 0):
        return "Quotes were not checked: the record has no archived copy of their sources."
    return "Quotes checked against archived copies of their sources: " + quotes.counts_sentence(counts)


def render_incident(doc: dict[str, Any]) -> str:
    verified = quotes.by_pointer(doc)
    checked = any(q.get("status") != "no_copy" for q in verified.values())
    css, js, csp = page_assets("incident-quotes" if checked else "incident")
    template = environment().get_template("incident.html.j2")
    sources = view.sources_by_id(doc)
    rec = story.Record(doc)
    dated, undated = story.timeline(rec)
    not_applicable = [
        (view.anchor(c, q), short(q["text"], 100), c["title"], story.not_applicable_reason(c, q))
        for c in doc["checklists"]
        for q in c["questions"]
        if q["status"] == "not_applicable"
    ]
    sections = view.sections(doc)
    numbers = {view.anchor(c, q): f"Q{n}" for n, (c, q) in enumerate((cq for g in sections for cq in g.items), 1)}
    rank = {a: i for i, a in enumerate(numbers)}

    def number(cq: tuple[dict[str, Any], dict[str, Any]]) -> int:
        return rank.get(view.anchor(*cq), len(rank))

    def in_order(moments: list[story.Moment]) -> list[story.Moment]:  # the questions an item bears on, by number
        return [replace(m, questions=tuple(sorted(m.questions, key=number))) for m in moments]

    dated, undated = in_order(dated), in_order(undated)
    context = story_context(doc)
    if context["since"]:
        since = context["since"]
        moved = sorted(since["moved"], key=lambda m: rank.get(m["anchor"], len(rank)))
        context["since"] = {**since, "moved": moved}
        context["diff_file"] = f"diff-{since['old']['id']}-{since['new']['id']}.html"
    return template.render(
        doc=doc,
        numbers=numbers,
        sources=sources,
        rec=rec,
        page=Page(sources, rec, verified),
        source_note=lambda sid: quotes.source_note(doc, sid),
        quote_counts=quote_line(doc),
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


def latest_versions(summaries: Sequence[dict[str, Any]]) -> dict[int, list[dict[str, str]]]:
    """Index of each story's latest version (by as-of date, then id) -> every version of the story, oldest first."""
    stories: dict[str, list[tuple[str, str, int]]] = {}
    for i, s in enumerate(summaries):
        stories.setdefault(s.get("story") or s["id"], []).append((s["as_of"], s["id"], i))
    out = {}
    for versions in stories.values():
        versions.sort()
        out[versions[-1][2]] = [{"id": vid, "as_of": as_of, "index": str(i)} for as_of, vid, i in versions]
    return out


def index_rows(
    summaries: Sequence[dict[str, Any]], order: list[int], latest: dict[int, list[dict[str, str]]]
) -> Iterator[dict[str, Any]]:
    """Index rows in the given order, one at a time."""
    for i in order:
        s = summaries[i]
        yield {**s, "checklists": {c["id"]: c for c in s["checklists"]}, "versions": latest[i]}


CHART_LIMIT = 12  # stories charted on the index


def generate_index(summaries: Sequence[dict[str, Any]]) -> Iterator[str]:
    """The index page in pieces: one row per story (its latest version), newest first (by date, then as-of date,
    then id); one pass gathers columns, totals and the row order, the rows are then rendered one by one."""
    css, js, csp = page_assets("index")
    latest = latest_versions(summaries)
    columns: dict[str, str] = {}
    keys = ("answered", "contested", "open", "not_applicable", "raised", "raised_open", "unraised_open")
    totals = dict.fromkeys(keys, 0)
    sort_keys = []
    for i in latest:
        s = summaries[i]
        for c in s["checklists"]:
            columns.setdefault(c["id"], c["title"])
        for key in keys:
            totals[key] += s["counts"][key]
        sort_keys.append((s.get("date") or "", s["as_of"], s["id"], i))
    sort_keys.sort(key=lambda k: k[2])
    sort_keys.sort(key=lambda k: (k[0], k[1]), reverse=True)
    order = [k[3] for k in sort_keys]
    charts = []
    multi = [i for i in order if len(latest[i]) > 1]
    for i in multi[:CHART_LIMIT]:
        versions = [summaries[int(v["index"])] for v in latest[i]]
        title = summaries[i]["title"]
        rows = [(f"{title}, as of {v['as_of']}", v["as_of"], v["counts"]) for v in versions]
        charts.append((title, status_chart(rows, f"Questions by status in each version of: {title}", f"chart-{i}")))
    template = environment().get_template("index.html.j2")
    return template.generate(
        rows=index_rows(summaries, order, latest),
        count=len(summaries),
        stories=len(order),
        columns=columns,
        totals=totals,
        charts=charts,
        more_charts=max(0, len(multi) - CHART_LIMIT),
        css=css,
        js=js,
        csp=csp,
    )


def render_index(summaries: Sequence[dict[str, Any]]) -> str:
    return "".join(generate_index(summaries))


CODES = {"o": "open", "c": "contested", "a": "answered", "n": "not_applicable"}


def render_campaign(summaries: Sequence[dict[str, Any]], rules: list[dict[str, Any]]) -> str:
    """The campaign view: per question, how many stories (their latest versions) leave it open, raise it, contest
    it or answer it."""
    css, js, csp = page_assets("index")
    latest = latest_versions(summaries)
    keys = ("unraised_open", "raised_open", "contested", "answered", "raised", "not_applicable")
    tally: dict[tuple[str, int], dict[str, int]] = {}
    for i in latest:
        for cid, letters in summaries[i].get("statuses", {}).items():
            for n, letter in enumerate(letters):
                counts = tally.setdefault((cid, n), dict.fromkeys(keys, 0))
                status = CODES.get(letter.lower(), "open")
                raised = letter.isupper()
                if status == "open":
                    counts["raised_open" if raised else "unraised_open"] += 1
                else:
                    counts[status] += 1
                if raised:
                    counts["raised"] += 1
    rows = []
    for c in rules:
        for n, q in enumerate(c["questions"]):
            if (c["id"], n) not in tally:
                continue
            rows.append(
                {"anchor": view.anchor(c, q), "text": q["text"], "checklist": c["title"], **tally[(c["id"], n)]}
            )
    rows.sort(key=lambda r: -r["unraised_open"])
    template = environment().get_template("campaign.html.j2")
    return template.render(rows=rows, stories=len(latest), css=css, js=js, csp=csp)


def render_diff(d: dict[str, Any]) -> str:
    """What changed between two versions of a story, as a page."""
    css, _, csp = page_assets("plain")
    return environment().get_template("diff.html.j2").render(diff=d, css=css, csp=csp)


def render_questions(rules: list[dict[str, Any]]) -> str:
    """Every question of the rule set with why it matters, what would answer it and its law, each text once."""
    css, _, csp = page_assets("plain")
    template = environment().get_template("questions.html.j2")
    return template.render(checklists=rules, css=css, csp=csp)


@register
class HtmlReporter(Reporter):
    name = "html"
    description = "<id>.html per incident and index.html"

    @staticmethod
    def unfolds(role: str, held: bool) -> bool:
        """A page shows in full only the roles that held, other than that the question applies."""
        return held and role != "applies"

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        rid = doc["incident"]["id"]
        return [
            (f"{rid}.html", visible_controls(render_incident(doc))),
            (f"{rid}.brief.html", visible_controls(render_brief(doc))),
        ]

    def __init__(self, output: Output) -> None:
        super().__init__(output)
        self.rules: dict[str, dict[str, Any]] = {}

    def start(self, rules: dict[str, Any]) -> None:
        for c in rules["checklists"]:
            self.rules.setdefault(c["id"], c)

    def finish(self, summaries: Sequence[dict[str, Any]]) -> None:
        with self.output.stream("index.html") as handle:
            handle.writelines(map(visible_controls, generate_index(summaries)))
        checklists = list(self.rules.values())
        self.output.write("campaign.html", visible_controls(render_campaign(summaries, checklists)))
        self.output.write("questions.html", visible_controls(render_questions(checklists)))
