"""Pieces of the incident page that recur, written as escaped markup once and reused.

An evidence item and a source reference recur across a page's questions, so each is written once per page; a
question's text and law list come from its rule file and are the same on every page, so they are written once per
run. Every string from a record or rule file goes through markupsafe's ``escape`` (what Jinja's autoescape
applies), and only addresses ``safe_url`` accepts become links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from legalcheck.report import quotes, story, view
from legalcheck.report.results import Line
from legalcheck.report.safety import safe_url, visible_controls

__all__ = ["Page", "QuestionText", "law", "link", "list_items", "question_text"]

ROLE_LABELS = {"applies": "applies", "raised": "raises", "answered": "answers", "contested": "contests"}
ROLE_CLASSES = {"applies": "s-not_applicable", "raised": "s-open", "answered": "s-answered", "contested": "s-contested"}
_CACHE_LIMIT = 4096


def link(url: Any, text: Any) -> Markup:
    """``text`` as a link to ``url`` when that is a safe http(s) address, else as plain text."""
    href = safe_url(url)
    if href is None:
        return escape(text)
    return Markup(f'<a href="{escape(href)}" rel="noopener noreferrer">{escape(text)}</a>')  # noqa: S704 - both parts escaped


def _citation(cit: dict[str, Any]) -> str:
    text = ", ".join(str(part) for part in (cit.get("instrument"), cit.get("pinpoint")) if part)
    note = f' <span class="muted">— {escape(cit["note"])}</span>' if cit.get("note") else ""
    return f"<li>{link(cit.get('url'), text)}{note}</li>\n"


_law: dict[tuple[tuple[Any, ...], ...], Markup] = {}


def law(citations: Iterable[dict[str, Any]]) -> Markup:
    """The ``<li>`` elements of a question's citations. Rule files repeat on every page, so each list is written once
    (keyed by its content, so two rule sets with the same ids never share one)."""
    key = tuple(tuple(sorted(c.items())) for c in citations)
    html = _law.get(key)
    if html is None:
        if len(_law) >= _CACHE_LIMIT:
            _law.clear()
        html = _law[key] = Markup("".join(_citation(dict(c)) for c in key))  # noqa: S704 - _citation escapes
    return html


def list_items(lines: list[str]) -> Markup:
    """``<li>`` elements of escaped text, one per line."""
    text = "\n".join(lines)
    if not lines or text.count("\n") != len(lines) - 1:  # no lines, or a line holding a line break: one at a time
        return Markup("".join(f"<li>{escape(line)}</li>\n" for line in lines))  # noqa: S704 - every line is escaped
    return Markup("<li>" + str(escape(text)).replace("\n", "</li>\n<li>") + "</li>\n")  # noqa: S704 - escaped as a whole


@dataclass(frozen=True)
class QuestionText:
    """What a question's rule file says, escaped: the same on every page."""

    anchor: Markup
    text: Markup
    why: Markup
    severity: Markup
    would_answer: Markup


_texts: dict[tuple[Any, ...], QuestionText] = {}


def question_text(checklist: dict[str, Any], q: dict[str, Any]) -> QuestionText:
    """A question's text, reasons, severity and what would answer it, written once per run."""
    key = (checklist["id"], q["id"], q["text"], q["why"], q["severity"], q["would_answer"])
    found = _texts.get(key)
    if found is None:
        if len(_texts) >= _CACHE_LIMIT:
            _texts.clear()
        found = _texts[key] = QuestionText(
            anchor=escape(view.anchor(checklist, q)),
            text=escape(visible_controls(q["text"])),
            why=escape(visible_controls(q["why"])),
            severity=escape(q["severity"]),
            would_answer=escape(visible_controls(q["would_answer"])),
        )
    return found


ROLE_CHIPS = {"raised": "raises it", "applies": "makes it apply", "answered": "answers it", "contested": "contests it"}
# Pieces made only of the code's own words, written once: a page holds them hundreds of times.
_CHIPS = {role: f'<span class="r-{role}">{escape(label)}</span>' for role, label in ROLE_CHIPS.items()}
_BADGES = {
    status: f'<span class="badge s-{status}">{escape(label)}</span>' for status, label in view.STATUS_LABELS.items()
}


def _shown(held: bool | None, text: str) -> bool:
    """Whether a top line of an explanation is shown in full: not that the question applies (every question shown
    does), nor a role that did not hold."""
    return held is not False and not text.startswith("Applies")


def _explained(steps: list[story.Step]) -> str:
    """How a question's status was reached: what held, in full; the roles that did not hold in one line (when each
    would hold is said once, on the page of questions, and what would answer the question below it). Nothing when
    nothing held: the status says it all."""
    shown = [s for s in steps if _shown(s.held, s.text)]
    if not shown:
        return ""
    missed = [s.text.split(":", 1)[0].lower() for s in steps if s.held is False and not s.text.startswith("Applies")]
    nothing = f'<li class="n">Not {", not ".join(missed)}</li>\n' if missed else ""
    return (
        '<details class="more"><summary>How this status was reached</summary>\n<ul class="steps">\n'
        f"{_steps(shown)}{nothing}</ul>\n</details>\n"
    )


def _steps(steps: Iterable[story.Step]) -> str:
    out = []
    for step in steps:
        mark = ' class="o"' if step.held is None else ("" if step.held else ' class="n"')  # a tick by default
        text = str(escape(step.text))  # the items it found are listed above it, with the roles they play
        inner = f"\n<ul>\n{_steps(step.children)}</ul>\n" if step.children else ""
        out.append(f"<li{mark}>{text}{inner}</li>\n")
    return "".join(out)


class Page:
    """Evidence items (a record item in a role) and source references of one page, each written once: both recur
    across questions."""

    def __init__(
        self,
        sources: dict[str, dict[str, Any]],
        record: story.Record | None = None,
        verified: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.sources = sources
        self.record = record
        self.verified = verified or {}
        # Marks are shown once some quote was checked against a copy; a record without copies says so once.
        self.checked = any(q.get("status") != "no_copy" for q in self.verified.values())
        self._items: dict[tuple[str, str], str] = {}
        self._refs: dict[str, str] = {}
        self._labels: dict[str, str] = {}

    def law_refs(self, anchor: str, citations: list[dict[str, Any]]) -> Markup:
        """A link to the question on the run's page of questions and law, where its reasons and each text of law
        are given once, with notes and addresses."""
        n = len(citations)
        return Markup(  # noqa: S704 - escaped
            f'<a href="questions.html#{escape(anchor)}">the law ({n})</a>'
        )

    def label_link(self, pointer: str) -> str:
        """A record item by its readable label, linking to it in the page's Record section."""
        html = self._labels.get(pointer)
        if html is None:
            entry = self.record.entry(pointer) if self.record is not None else None
            if entry is None:
                html = "the record"
            else:
                html = f'<a href="#{escape(entry.anchor)}">{escape(entry.label)}</a>'
            self._labels[pointer] = html
        return html

    def short_link(self, pointer: str) -> str:
        """A record item by a few words (``claim 3``), linking to it in the page's Record section."""
        entry = self.record.entry(pointer) if self.record is not None else None
        if entry is None:
            return "the record"
        return f'<a href="#{escape(entry.anchor)}">{escape(entry.short)}</a>'

    def src(self, sid: str) -> str:
        """A source by its title, linking to it in the page's Record section."""
        if sid not in self.sources:
            return f"{escape(sid)} (not in the record’s sources)"
        return self._title_link(sid)

    def srcs(self, sids: Iterable[str]) -> Markup:
        return Markup(", ".join(self.src(s) for s in sids))  # noqa: S704 - src escapes

    def src_short(self, sids: Iterable[str]) -> Markup:
        """Sources by a few words (``source 3``), linking to them in the Record section."""
        out = []
        for sid in sids:
            entry = self.record.source(sid) if self.record is not None else None
            out.append(f'<a href="#src-{escape(sid)}">{escape(entry.short)}</a>' if entry else self.src(sid))
        return Markup(", ".join(out))  # noqa: S704 - escaped

    def cited(self, q: dict[str, Any]) -> Markup:
        """The ``<li>`` elements of the items a question cites: each once, with chips for the roles it plays, its
        quote once, and links to the item and its sources in the Record section."""
        out = []
        for c in story.cited_items(q, applies=False):
            chips = " ".join(_CHIPS.get(r) or f'<span class="r-{escape(r)}">{escape(r)}</span>' for r in c.roles)
            quote = f" <q>{escape(c.quote)}</q>" if c.quote else ""
            out.append(f"<li>{chips} {self.label_link(c.pointer)}{quote}</li>\n")
        return Markup("".join(out))  # noqa: S704 - every part is escaped

    def explanation(self, lines: Sequence[Line]) -> Markup:
        """How a status was reached, as a nested list in plain words."""
        return Markup(_explained(story.explanation_tree(lines, _shown)))  # noqa: S704 - _steps escapes

    def questions(self, group: view.Group, numbers: dict[str, str]) -> Markup:
        """The articles of a priority group's questions: each with its number, text, status, severity, who raised
        it, a link to its law, how its status was reached, the items it cites and what would answer it."""
        return Markup("".join([self._question(c, q, numbers, group.key) for c, q in group.items]))  # noqa: S704 - escaped

    def _question(self, checklist: dict[str, Any], q: dict[str, Any], numbers: dict[str, str], group: str) -> str:
        t = question_text(checklist, q)
        status = _BADGES[q["status"]]  # one of the four statuses (else a KeyError), so the attribute below is safe
        raised = ' data-raised="true"' if q["raised"] else ""
        nobody = not q["raised"] and group != "unraised-open"
        who = "raised by no source" if nobody else ""
        if q["citations"]:
            who += (" · " if nobody else "") + self.law_refs(t.anchor, q["citations"])
        cited = self.cited(q)
        items = f'<ul class="items">\n{cited}</ul>\n' if cited else ""
        answer = (
            f'<p class="answer"><strong>Would answer it:</strong> {t.would_answer}</p>\n'
            if q["status"] in ("open", "contested")
            else ""
        )
        return (
            f'<article class="question" id="{t.anchor}" data-status="{q["status"]}" {raised}>\n'
            f'<h4><a href="#{t.anchor}">{numbers[t.anchor]}</a> {t.text}</h4>\n'
            f'<div class="qmeta">{status} '
            f'<span class="badge sev-{t.severity}">{t.severity}</span> <span>{who}</span>\n'
            f"{self.explanation(q['explanation'])}</div>\n"
            f"{items}{answer}</article>\n"
        )

    def timeline(
        self, moments: Iterable[story.Moment], numbers: dict[str, str], note: Callable[[str], Markup]
    ) -> Markup:
        """The ``<li>`` elements of the record's items in date order: each item's date (when it differs from the one
        before), what it is and says, its sources, and links to the questions it bears on (``numbers``: their
        labels by anchor; ``note``: a source's archived copies and warnings)."""
        out = []
        before = ""
        for m in moments:
            out.append(self._moment(m, before, numbers, note))
            before = m.date
        return Markup("".join(out))  # noqa: S704 - _moment escapes

    def _moment(self, m: story.Moment, before: str, numbers: dict[str, str], note: Callable[[str], Markup]) -> str:
        e, it = m.entry, m.entry.item
        when = f'<span class="when">{escape(story.nice_date(m.date))}</span> ' if m.date and m.date != before else ""
        head = f"{when}<strong>{escape(e.short.capitalize())}</strong>"
        parts = [f'<li id="{escape(e.anchor)}" class="t-{escape(e.kind)}">{head}']
        if e.kind == "events":
            parts.append(
                f" · {escape(str(it.get('kind', 'event')).replace('_', ' '))}: {escape(it.get('description', ''))}"
            )
        elif e.kind == "claims":
            actor = self.record.actor(it.get("claimant")) if self.record is not None else str(it.get("claimant"))
            said = it.get("text") or it.get("proposition", "")
            parts.append(f" · {escape(actor)} {escape(it.get('stance', ''))}: {escape(said)}")
            if it.get("quote"):
                parts.append(f" <q>{escape(it['quote'])}</q>{self.mark(e.pointer)}")
        elif e.kind == "legal_bases":
            parts.append(f" · {escape(e.label)}" + (f": {escape(it['detail'])}" if it.get("detail") else ""))
        else:
            relies = f"; relies on {self.src_short(it['relies_on'])}" if it.get("relies_on") else ""
            provenance = escape(" · ".join(view.provenance(it)))
            parts.append(
                f' · {link(it.get("url"), view.source_title(it))} <span class="muted">({provenance}{relies})</span>'
            )
        if e.kind == "sources":
            parts.append(str(escape(note(it["id"]))))
        elif e.sources:
            parts.append(f" — {self.src_short(e.sources)}")
        if m.questions:
            links = ", ".join(
                f'<a href="#{a}">{escape(numbers[a])}</a>' for a in (question_text(c, q).anchor for c, q in m.questions)
            )
            parts.append(f' <span class="bears">Bears on {links}</span>')
        parts.append("</li>\n")
        return "".join(parts)

    def _title_link(self, sid: str) -> str:
        return f'<a href="#src-{escape(sid)}">{escape(view.source_title(self.sources[sid]))}</a>'

    def ref(self, sid: str) -> str:
        """A source as a reference: its title (linking to the page's list of sources), provenance, what it relies on
        and a link to the original."""
        html = self._refs.get(sid)
        if html is None:
            html = self._refs[sid] = self._write_ref(sid)
        return html

    def _write_ref(self, sid: str) -> str:
        if sid not in self.sources:
            return f"{escape(sid)} (not in the record’s sources)"
        s = self.sources[sid]
        relies = ""
        if s.get("relies_on"):
            names = (self._title_link(rid) if rid in self.sources else str(escape(rid)) for rid in s["relies_on"])
            relies = "; relies on " + ", ".join(names)
        href = safe_url(s.get("url"))
        original = f' <a href="{escape(href)}" rel="noopener noreferrer">original</a>' if href else ""
        return f"{self._title_link(sid)} ({escape(' · '.join(view.provenance(s)))}{relies}){original}"

    def items(self, entries: Iterable[dict[str, Any]]) -> Markup:
        """The ``<li>`` elements of a list of evidence items."""
        return Markup("".join([self._item(e) for e in entries]))  # noqa: S704 - _item escapes

    def _item(self, e: dict[str, Any]) -> str:
        key = (e["pointer"], e["role"])
        html = self._items.get(key)
        if html is None:
            html = self._items[key] = self._write_item(e)
        return html

    def mark(self, pointer: str) -> Markup:
        """The verification mark of a claim's quote, when the record's quotes were checked against copies."""
        if not self.checked:
            return Markup("")
        return Markup(self._mark(pointer))  # noqa: S704 - quotes.mark escapes

    def _mark(self, pointer: str) -> str:
        """The verification mark of the claim a pointer falls in, if its quote was checked."""
        found = self.verified.get("/".join(pointer.split("/")[:3]))
        return quotes.mark(found) if found is not None else ""

    def _write_item(self, e: dict[str, Any]) -> str:
        role = e["role"]
        badge = (
            f'<span class="badge {ROLE_CLASSES.get(role, "")}">{escape(ROLE_LABELS.get(role, role))}</span> '
            if role != "raised"
            else ""
        )
        refs = "; ".join(self.ref(sid) for sid in e["sources"])
        pointer = f"<code>{escape(e['pointer'])}</code>"
        if e.get("quote"):
            if e.get("claimant"):
                caption = f"— {escape(e['claimant'])}" + (f", in {refs}" if refs else "")
            else:
                caption = f"In {refs}" if refs else ""
            body = (
                '<figure class="quote">\n'
                f"<blockquote><p>“{escape(e['quote'])}”</p></blockquote>\n"
                f"<figcaption>{caption}</figcaption>\n"
                "</figure>\n"
                f"{self._mark(e['pointer'])}"
                f'<p class="prov">Record: {pointer}</p>\n'
            )
        else:
            origin = f"Source: {refs} · " if refs else "No source given · "
            body = f'<p class="prov">{origin}record: {pointer}</p>\n'
        return f'<li class="r-{escape(role)}">\n<p>{badge}{escape(e["summary"])}</p>\n{body}</li>\n'


CHART_KEYS = (
    ("raised_open", "raised and open"),
    ("contested", "contested"),
    ("unraised_open", "open, raised by nobody"),
    ("answered", "answered"),
    ("not_applicable", "not applicable"),
)


def status_chart(rows: list[tuple[str, str, dict[str, int]]], title: str, chart_id: str = "chart") -> Markup:
    """A small inline SVG of status counts per version (label, as-of date, counts), one stacked bar each; the
    numbers are also in the bars' titles and in a text table for readers without the picture."""
    label_w, bar_w, row_h = 150, 330, 22
    height = row_h * len(rows) + 4
    parts = [
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 10} {height}" width="{label_w + bar_w + 10}" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-title">\n'
        f'<title id="{chart_id}-title">{escape(title)}</title>\n'
    ]
    for i, (label, as_of, counts) in enumerate(rows):
        y = i * row_h + 4
        total = sum(counts[k] for k, _ in CHART_KEYS) or 1
        parts.append(f'<text x="0" y="{y + 14}">{escape(as_of)}</text>\n')
        x = float(label_w)
        for key, words in CHART_KEYS:
            w = bar_w * counts[key] / total
            if w:
                parts.append(
                    f'<rect class="b-{key}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="16">'
                    f"<title>{escape(label)}: {counts[key]} {words}</title></rect>\n"
                )
            x += w
    parts.append("</svg>\n")
    return Markup("".join(parts))  # noqa: S704 - every string is escaped
