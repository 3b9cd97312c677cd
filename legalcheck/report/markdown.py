"""Markdown reports: ``<id>.md`` per incident, to paste into an article draft or a ticket.

Record and rule text is escaped so it stays text in any CommonMark/GitHub renderer: no links, images, HTML or
emphasis can come from it. Only http(s) addresses (see :func:`safe_url`) become links. Bidirectional controls are
shown as their code points (``[U+202E]``), as on HTML pages, so none can reorder the text around them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from legalcheck.report import quotes, story, view
from legalcheck.report.registry import Piece, Reporter, no_explanation, register
from legalcheck.report.safety import safe_url, visible_controls
from legalcheck.verify.words import STATUS_WORDS, said

# What would change the rendering inline, and nothing else, so that the text still reads as plain text: a backslash
# before punctuation, code spans, emphasis (an underscore only at a word's edge), link and image brackets, HTML tags
# and entities, strikethrough, mentions and autolinked addresses; dollar signs only in pairs (math).
_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])"  # a backslash that would escape the next character
    r"|[`*\[~]"
    r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"
    r"|<(?=[A-Za-z/!?])"
    r"|&(?=#?[A-Za-z0-9]+;)"
    r"|@(?=[A-Za-z0-9])"
    r"|(?<=[A-Za-z])(?=://)"
    r"|(?<=(?<![A-Za-z0-9])www)(?=\.)"
)
# Where ``_INLINE`` could match: the characters its matches start at (an address's "://" at its colon, "www." at
# its dot); most text holds none of them, and one search for any of them is much quicker than ``_INLINE``'s.
_INLINE_CHARS = re.compile(r"[\\`*\[~_<&@:]|www\.")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
# What would start a block (a heading, quote, list item, thematic break or table row) at the beginning of a line.
_BLOCK_START = re.compile(r"^(#|>|[-+=|]|\d{1,9}(?=[.)]))")


def md_escape(value: Any) -> str:
    """Text as inert Markdown that still reads as plain text: one line (newlines and tabs become spaces), and a
    backslash only before what would otherwise change the rendering (see ``_INLINE``) or start a block."""
    text = str(value)
    return _escaped(text) if len(text) <= _REMEMBERED else _escape(text)


# Rule text, source titles and evidence summaries recur on every page and in every question citing them: the
# escaped form of a short text is remembered (a bounded number of them, so memory stays flat over a corpus).
_REMEMBERED = 512


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    return _escape(text)


def _escape(text: str) -> str:
    text = " ".join(text.split())
    if _INLINE_CHARS.search(text):
        text = _INLINE.sub(lambda m: "\\" + m.group(0) if m.group(0) else "\\", text)
    if text.count("$") >= 2:
        text = text.replace("$", "\\$")
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    mark = start.group(0)
    return (mark + "\\" if mark[0].isdigit() else "\\" + mark) + text[start.end() :]


def md_link(url: Any, text: str) -> str:
    """A link if the address is http(s), else the escaped text alone."""
    if isinstance(url, str) and len(url) + len(text) <= _REMEMBERED:
        return _linked(url, text)  # a citation's link recurs on every page that cites it
    return _link(url, text)


@lru_cache(maxsize=4096)
def _linked(url: str, text: str) -> str:
    return _link(url, text)


def _link(url: Any, text: str) -> str:
    href = safe_url(url)
    label = md_escape(text)
    if href is None:
        return label
    label = label.replace("]", "\\]")  # a bracket would end the link's text
    return f"[{label}](<{quote(href, safe=_URL_SAFE)}>)"


def _source(sources: dict[str, dict[str, Any]], sid: str) -> str:
    s = sources.get(sid)
    if s is None:
        return f"{md_escape(sid)} (not in the record's sources)"
    text = f"{md_link(s.get('url'), view.source_title(s))} ({md_escape(' · '.join(view.provenance(s)))}"
    relies = [view.source_title(sources[r]) if r in sources else r for r in s.get("relies_on", [])]
    if relies:
        text += f"; relies on {md_escape(', '.join(relies))}"
    return text + ")"


def _item(e: dict[str, Any], sources: dict[str, dict[str, Any]], rec: story.Record) -> list[str]:
    role = "" if e["role"] == "raised" else f"**{md_escape(e['role'])}:** "
    lines = [f"- {role}{md_escape(e['summary'])}"]
    cited = "; ".join(_source(sources, sid) for sid in e["sources"])
    if e.get("quote"):
        lines.append(f"  > “{md_escape(e['quote'])}”")
        who = f"— {md_escape(e['claimant'])}" if e.get("claimant") else "—"
        lines.append(f"  > {who}{', in ' + cited if cited else ''}")
        lines.append(f"  > ({md_escape(_where(rec, e['pointer']))})")
    else:
        lines.append(f"  Source: {cited or 'none given'} · {md_escape(_where(rec, e['pointer']))}")
    return lines


def _where(rec: story.Record, pointer: str) -> str:
    entry = rec.entry(pointer)
    return f"record: {entry.short}" if entry is not None else "record"


def _question(
    checklist: dict[str, Any], q: dict[str, Any], sources: dict[str, dict[str, Any]], rec: story.Record
) -> list[str]:
    status = view.STATUS_LABELS.get(q["status"], q["status"])
    raised = (
        f", raised by {len(q['raised_by'])}"
        if q["raised"]
        else (", raised by no source" if q["status"] != "not_applicable" else "")
    )
    out = [
        f"### {md_escape(q['text'])}",
        "",
        f"**{md_escape(status.upper())}** · {md_escape(q['severity'])} severity{raised} · id "
        f"{md_escape(view.anchor(checklist, q))}",
        "",
    ]
    out += [md_escape(q["why"]), ""]
    for title, items in (("Raised by", q["raised_by"]), ("Evidence", q["evidence"])):
        if items:
            out += [f"**{title}**", ""]
            for e in items:
                out += _item(e, sources, rec)
            out.append("")
    if q["status"] in ("open", "contested"):
        out += [f"**What would answer it:** {md_escape(q['would_answer'])}", ""]
    if q["citations"]:
        law = "; ".join(
            md_link(c.get("url"), ", ".join(str(c[k]) for k in ("instrument", "pinpoint") if c.get(k)))
            + (f" ({md_escape(c['note'])})" if c.get("note") else "")
            for c in q["citations"]
        )
        out += [f"**Law:** {law}", ""]
    return out


def _quotes(doc: dict[str, Any], rec: story.Record) -> list[str]:
    """The Quotes section: every quote with its check against the archived copies of its source."""
    verification = doc.get("verification") or {}
    if not verification.get("quotes"):
        return []
    out = ["## Quotes", "", md_escape(quotes.counts_sentence(verification["counts"])), ""]
    for cid, q in verification["quotes"].items():
        status = STATUS_WORDS.get(q["status"], q["status"])
        if q["status"] == "close":
            status += f", {q.get('similarity', 0)}% similar"
            diffs = "; ".join(f"{said(d['quote'])} → {said(d['copy'])}" for d in q.get("differences", []))
            if diffs:
                status += f": {diffs}"
        where = md_escape(_where(rec, q["pointer"]))
        out.append(f"- “{md_escape(q['quote'])}” ({md_escape(cid)}, {where}): **{md_escape(status)}**")
        out.extend(f"  - warning: {md_escape(w)}" for w in q.get("warnings", []))
    return [*out, ""]


def render_markdown(doc: dict[str, Any]) -> str:
    inc = doc["incident"]
    sources = view.sources_by_id(doc)
    rec = story.Record(doc)
    meta = [f"Incident {md_escape(inc['id'])}"]
    if inc.get("date"):
        meta.append(f"occurred {md_escape(inc['date'])}")
    meta.append(f"reporting as of {md_escape(inc['as_of'])}")
    location = inc.get("location")
    if isinstance(location, dict) and location.get("description"):
        meta.append(md_escape(location["description"]))
    out = [f"# {md_escape(inc['title'])}", "", " · ".join(meta), ""]
    if inc.get("summary"):
        out += [md_escape(inc["summary"]), ""]
    out += [f"**Questions:** {md_escape(view.counts_sentence(doc['counts']))}", ""]
    since = doc.get("since")
    if since:
        out += [
            f"## Since {md_escape(story.nice_date(since['old']['as_of']))}",
            "",
            md_escape(story.diff_sentence(since)),
            "",
        ]
        out += [f"- **{md_escape(story.moved_phrase(m))}:** {md_escape(m['text'])}" for m in since["moved"]]
        out.append("")
    out += ["## What needs attention", ""]
    for g in view.groups(doc):
        out += [f"**{g.title}** ({len(g.items)})", ""]
        if not g.items:
            out += ["None.", ""]
            continue
        for n, (checklist, q) in enumerate(g.items, 1):
            raised = f", raised by {len(q['raised_by'])}" if q["raised"] else ""
            out.append(
                f"{n}. {md_escape(q['text'])} ({md_escape(q['severity'])}; {md_escape(checklist['title'])}{raised})"
            )
        out.append("")
    for checklist in doc["checklists"]:
        k = checklist["counts"]
        out += [f"## {md_escape(checklist['title'])} (v{md_escape(checklist['version'])})", ""]
        if checklist.get("description"):
            out += [md_escape(checklist["description"]), ""]
        if not checklist["applicable"]:
            out += [
                f"This checklist does not apply to this incident ({view.question_total(k)} questions not applicable).",
                "",
            ]
            continue
        for q in checklist["questions"]:
            out += _question(checklist, q, sources, rec)
    out += _quotes(doc, rec)
    out += ["## Sources", ""]
    out += [f"{n}. {_source(sources, s['id'])}" for n, s in enumerate(doc["sources"], 1)] or [
        "The record lists no sources."
    ]
    version = md_escape(doc["tool"]["version"])
    out += [
        "",
        "---",
        "",
        f"Generated by legalcheck {version}. The report shows which questions sources raise, answer, contest or "
        f"leave open; it decides nothing.",
        "",
    ]
    return visible_controls("\n".join(out))


@register
class MarkdownReporter(Reporter):
    name = "markdown"
    description = "<id>.md per incident: Markdown for article drafts and tickets"
    unfolds = staticmethod(no_explanation)

    def render(self, doc: dict[str, Any]) -> list[Piece]:
        return [(f"{doc['incident']['id']}.md", render_markdown(doc))]
