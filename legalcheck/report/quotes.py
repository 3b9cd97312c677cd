"""The verification mark of a quote in the HTML report, and a source's verification notes.

A mark says whether the quote was found in the archived copy of its source (verbatim, close, not found, no copy);
its details, opened without any script, show the words that differ, the context the quote was found in and the copy
it was found in. Every string from a record or a copy is escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from legalcheck.verify.words import STATUS_WORDS, said, status_counts

TITLES = {
    "verbatim": "Found verbatim in the archived copy",
    "close": "Found with differences in the archived copy",
    "not_found": "Not found in the archived copy",
    "no_copy": "No archived copy to check it against",
}


def by_pointer(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The verification of each quote, by the JSON Pointer of its claim."""
    verification = doc.get("verification") or {}
    return {q["pointer"]: q for q in verification.get("quotes", {}).values()}


def _said(words: str) -> str:
    return str(escape(said(words)))


def _copy(copy: dict[str, Any]) -> str:
    text = f"<code>{escape(copy.get('path', ''))}</code>"
    if copy.get("url"):
        text += f", capture of {escape(copy['url'])}"
    if copy.get("captured"):
        text += f" ({escape(copy['captured'])})"
    return text


def mark(q: dict[str, Any]) -> str:
    """A quote's verification mark: a badge, with the found context and the differences in a details element."""
    status = q["status"]
    label = STATUS_WORDS.get(status, status)
    if status == "close":
        label += f", {q.get('similarity', 0)}% similar"
    warnings = q.get("warnings", [])
    badge = f'<span class="badge v-{escape(status)}">{escape(label)}</span>'
    if warnings:
        badge += f' <span class="badge v-warn">{len(warnings)} warning{"s" if len(warnings) != 1 else ""}</span>'
    head = f"{escape(TITLES.get(status, status))}: {badge}"
    if status == "no_copy":
        return f'<p class="vq">{head}</p>\n'
    parts = []
    if status == "not_found":
        searched = ", ".join(_copy(c) for c in q.get("searched", []))
        parts.append(f"<p>Searched: {searched}.</p>")
    else:
        selector = q.get("selector", {})
        position = q.get("position", {})
        parts.append(
            '<p class="ctx">…'
            f"{escape(selector.get('prefix', ''))}<mark>{escape(selector.get('exact', ''))}</mark>"
            f"{escape(selector.get('suffix', ''))}…</p>"
        )
        if q.get("differences"):
            items = "".join(f"<li>quote: {_said(d['quote'])} · copy: {_said(d['copy'])}</li>" for d in q["differences"])
            parts.append(f'<p>Words that differ:</p><ul class="vdiff">{items}</ul>')
        where = f"In {_copy(q.get('copy', {}))}, characters {position.get('start', 0)}–{position.get('end', 0)}"
        if q.get("outside_main_text"):
            where += ", outside the page’s main text"
        parts.append(f'<p class="muted">{where}.</p>')
    if warnings:
        parts.append("".join(f'<p class="v-warn-text">Warning: {escape(w)}</p>' for w in warnings))
    body = "\n".join(parts)
    return f'<details class="vq"><summary>{head}</summary>\n{body}\n</details>\n'


def source_note(doc: dict[str, Any], sid: str) -> Markup:
    """A source's archived copies and verification warnings, for the report's list of sources."""
    note = (doc.get("verification") or {}).get("sources", {}).get(sid)
    if not note:
        return Markup("")
    parts = []
    if note.get("copies"):
        parts.append("Archived: " + ", ".join(f"<code>{escape(c)}</code>" for c in note["copies"]))
    parts.extend(f'<span class="v-warn-text">Warning: {escape(w)}</span>' for w in note.get("warnings", []))
    return Markup("".join(f'<br><span class="muted">{p}</span>' for p in parts))  # noqa: S704 - every part escaped


def counts_sentence(counts: dict[str, int]) -> str:
    n = counts.get("quotes", 0)
    return f"{n} quote{'s' if n != 1 else ''}: {status_counts(counts)}."


def section(doc: dict[str, Any]) -> Markup:
    """Every quote of the record with its verification mark: the report's Quotes section (empty without quotes)."""
    verification = doc.get("verification") or {}
    checked = verification.get("quotes", {})
    if not checked:
        return Markup("")
    names = {a["id"]: a.get("name", a["id"]) for a in doc.get("actors", []) if isinstance(a, dict) and "id" in a}
    titles = {
        s["id"]: s.get("title") or s.get("publisher") or s["id"]
        for s in doc.get("sources", [])
        if isinstance(s, dict) and "id" in s
    }
    items = []
    for cid, q in checked.items():
        who = escape(names.get(q.get("claimant", ""), q.get("claimant", "")))
        source = f'<a href="#src-{escape(q["source"])}">{escape(titles.get(q["source"], q["source"]))}</a>'
        items.append(
            f'<li id="quote-{escape(cid)}">\n<figure class="quote">\n'
            f"<blockquote><p>“{escape(q['quote'])}”</p></blockquote>\n"
            f"<figcaption>— {who}, in {source} · record <code>{escape(q['pointer'])}</code></figcaption>\n"
            f"</figure>\n{mark(q)}</li>\n"
        )
    head = (
        '<h2 id="quotes">Quotes</h2>\n'
        '<p class="muted">Every quote in the record, checked against the archived copies of its source. '
        f"{escape(counts_sentence(verification.get('counts', {})))}</p>\n"
    )
    return Markup(head + '<ol class="quotes">\n' + "".join(items) + "</ol>\n")  # noqa: S704 - every part escaped


QUOTE_COLUMNS = (
    "incident_id",
    "claim_id",
    "pointer",
    "claimant",
    "source",
    "quote",
    "status",
    "similarity",
    "differences",
    "copy",
    "capture_url",
    "captured",
    "start",
    "end",
    "warnings",
)


def rows(doc: dict[str, Any]) -> list[list[Any]]:
    """One row per quote, for quotes.csv."""
    out = []
    for cid, q in (doc.get("verification") or {}).get("quotes", {}).items():
        copy = q.get("copy", {})
        out.append(
            [
                doc["incident"]["id"],
                cid,
                q["pointer"],
                q.get("claimant", ""),
                q["source"],
                q["quote"],
                q["status"],
                q.get("similarity", ""),
                "; ".join(f"{d['quote']} -> {d['copy']}" for d in q.get("differences", [])),
                copy.get("path", ""),
                copy.get("url", ""),
                copy.get("captured", ""),
                q.get("position", {}).get("start", ""),
                q.get("position", {}).get("end", ""),
                " | ".join(q.get("warnings", [])),
            ]
        )
    return out
