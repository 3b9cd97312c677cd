"""Versions of one story, and what a reader needs from the record: readable labels for its items, a timeline, the
facts on record, and what changed between two versions.

Pure functions of results documents in their full view (see :func:`legalcheck.report.results.expand`); no markup
here (each format escapes for itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from legalcheck.report import view
from legalcheck.report.results import DIFF_SCHEMA, NOT_APPLICABLE, Line
from legalcheck.report.view import plural as plural  # re-exported: templates and tests know it here

KIND_WORDS = {
    "claims": "claim",
    "events": "event",
    "sources": "source",
    "legal_bases": "legal basis",
    "persons": "person",
    "casualty_figures": "casualty figure",
    "actors": "actor",
    "location": "location",
}
ANCHOR_PREFIX = {
    "claims": "claim",
    "events": "event",
    "sources": "src",
    "legal_bases": "basis",
    "persons": "person",
    "casualty_figures": "figure",
    "actors": "actor",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FIGURES = ("killed", "civilians_killed", "injured", "civilians_injured")
_POINTER = re.compile(r"^/([a-z_]+)/(\d+)$")


def nice_date(value: Any) -> str:
    """``2025-09-10`` as ``10 September 2025``; ``2025-09`` as ``September 2025``; anything else as it is."""
    text = str(value or "")
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return text
    year, month, day = m.groups()
    if month is None:
        return year
    words = f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def _trim(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Entry:
    """One item of the record, as the reader's view names it."""

    pointer: str  # JSON Pointer into the record (kept for the JSON; never shown as such)
    kind: str  # claims, events, sources, legal_bases, persons, casualty_figures, location
    key: str  # kind and id: the same item in two versions of a record has the same key
    anchor: str  # fragment id of the item in the page's Record section
    label: str  # readable name
    item: dict[str, Any] = field(compare=False)
    short: str = ""  # a few words: ``claim 3``
    date: str = ""
    sources: tuple[str, ...] = ()


class Record:
    """The record's items of one results document, each with a readable label and an anchor, looked up by pointer."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.actors = {a["id"]: a for a in doc.get("actors", []) if isinstance(a, dict) and "id" in a}
        self.sources = view.sources_by_id(doc)
        rec = doc.get("record", {})
        self.lists: dict[str, list[dict[str, Any]]] = {
            "events": list(rec.get("events", [])),
            "claims": list(rec.get("claims", [])),
            "legal_bases": list(rec.get("legal_bases", [])),
            "persons": list(rec.get("persons", [])),
            "casualty_figures": list(rec.get("casualty_figures", [])),
            "sources": list(doc.get("sources", [])),
            "actors": list(doc.get("actors", [])),
        }
        self._entries: dict[str, Entry] = {}
        for kind, items in self.lists.items():
            for i, item in enumerate(items):
                entry = self._entry(kind, i, item)
                self._entries[entry.pointer] = entry
        self.cited = self._cited()
        self._by_source_id = {
            str(s.get("id")): self._entries[f"/sources/{i}"] for i, s in enumerate(self.lists["sources"])
        }

    def actor(self, aid: Any) -> str:
        a = self.actors.get(aid)
        return str(a["name"]) if a else str(aid)

    def _entry(self, kind: str, i: int, item: dict[str, Any]) -> Entry:
        iid = str(item.get("id", i))
        anchor = "facts" if kind == "actors" else f"{ANCHOR_PREFIX[kind]}-{iid}"  # actors are named among the facts
        date = str(item.get("date") or "")
        srcs: tuple[str, ...]
        if kind == "claims":
            label = f"{self.actor(item.get('claimant'))} {item.get('stance', '')}"
            if not item.get("quote"):
                label += f": {_trim(str(item.get('text') or item.get('proposition', '')), 70)}"
            srcs = (str(item["source"]),) if item.get("source") else ()
            if not date and item.get("source") in self.sources:
                date = str(self.sources[item["source"]].get("date") or "")
        elif kind == "events":
            what = view.label(item.get("kind", "event"))
            label = f"{what.capitalize()}" + (f", {nice_date(date)}" if date else "")
            srcs = tuple(str(s) for s in item.get("sources", []))
        elif kind == "sources":
            label = view.source_title(item)
            srcs = (iid,)
        elif kind == "legal_bases":
            label = f"{self.actor(item.get('claimant'))} invokes {view.label(item.get('basis', 'a basis'))}"
            srcs = (str(item["source"]),) if item.get("source") else ()
        elif kind == "persons":
            label = str(item.get("name") or f"Person {iid}") + f" ({view.label(item.get('fate', 'unknown'))})"
            srcs = tuple(str(s) for s in (*item.get("identified_by", []), *item.get("sources", [])))
        elif kind == "actors":
            label = str(item.get("name") or iid)
            srcs = ()
        else:  # casualty_figures
            counted = [f"{_figure(item[k])} {view.label(k)}" for k in FIGURES if item.get(k) is not None]
            who = f"{self.actor(item['claimant'])}'s figure" if item.get("claimant") else "Casualty figure"
            label = who + (f": {', '.join(counted)}" if counted else "")
            srcs = (str(item["source"]),) if item.get("source") else ()
        return Entry(
            f"/{kind}/{i}",
            kind,
            f"{kind}:{iid}",
            anchor,
            label,
            item,
            date=date,
            sources=srcs,
            short=f"{KIND_WORDS[kind]} {i + 1}",
        )

    def entry(self, pointer: str) -> Entry | None:
        """The item a pointer names; the location as a pseudo-item; None for anything else."""
        found = self._entries.get(pointer)
        if found is not None:
            return found
        if pointer == "/location" or pointer.startswith("/location/"):
            loc = self.doc["incident"].get("location") or {}
            return Entry(
                pointer,
                "location",
                "location",
                "facts",
                "Location",
                loc,
                sources=tuple(loc.get("sources", [])),
                short="location",
            )
        return None

    def source(self, sid: str) -> Entry | None:
        """A source of the record by its id."""
        return self._by_source_id.get(sid)

    def entries(self, kind: str) -> list[Entry]:
        return [self._entries[f"/{kind}/{i}"] for i in range(len(self.lists[kind]))]

    def label_of(self, pointer: str) -> str:
        e = self.entry(pointer)
        return e.label if e is not None else "the record"

    def _cited(self) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
        """Pointer -> the applicable questions that cite it as raising, answering or contesting them (not the items
        that only make a question apply: the acting state's strike makes most of them apply)."""
        found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
        for c in self.doc["checklists"]:
            for q in c["questions"]:
                if q["status"] == "not_applicable":
                    continue
                seen: set[str] = set()
                for e in (*q["raised_by"], *q["evidence"]):
                    if e["pointer"] not in seen and e["role"] != "applies":
                        seen.add(e["pointer"])
                        found.setdefault(e["pointer"], []).append((c, q))
        return found

    def questions_citing(self, pointer: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return self.cited.get(pointer, [])


@dataclass(frozen=True)
class Cited:
    """A record item as one question cites it: once, with every role it plays there."""

    pointer: str
    roles: tuple[str, ...]
    summary: str
    quote: str
    claimant: str
    sources: tuple[str, ...]


def cited_items(q: dict[str, Any], applies: bool = False) -> list[Cited]:
    """A question's raising and evidence items, each once (in order of first mention) with its roles; the items
    that only make it apply are left to the explanation unless ``applies``."""
    order: dict[str, dict[str, Any]] = {}
    roles: dict[str, list[str]] = {}
    for e in (*q["raised_by"], *q["evidence"]):
        order.setdefault(e["pointer"], e)
        if e["role"] not in roles.setdefault(e["pointer"], []):
            roles[e["pointer"]].append(e["role"])
    return [
        Cited(
            p,
            tuple(roles[p]),
            str(e["summary"]),
            str(e.get("quote") or ""),
            str(e.get("claimant") or ""),
            tuple(e["sources"]),
        )
        for p, e in order.items()
        if applies or roles[p] != ["applies"]
    ]


def not_applicable_reason(checklist: dict[str, Any], q: dict[str, Any]) -> str:
    """Why a question does not apply, after "because": the condition that failed, in its own words (which say what
    would make it apply), or the date its provision took effect."""
    lines: list[Line] = q["explanation"]
    if not checklist["applicable"]:
        failed = f": the record does not show that {lines[1]['words']}" if len(lines) > 1 else ""
        return "the checklist does not apply" + failed
    first = lines[0]["words"] if lines else ""
    if first.startswith(NOT_APPLICABLE):
        return first.removeprefix(NOT_APPLICABLE)
    for line in lines[1:]:
        if line["depth"] == 1 and line["held"] is False:
            return f"the record does not show that {line['words']}"
    return "its applicability condition does not hold"


class Step(NamedTuple):
    """One line of a question's explanation as a tree node, in plain words."""

    held: bool | None  # None for a heading line (a role) that is not a condition
    text: str
    pointers: tuple[str, ...]
    children: list[Step]


ROLE_HEADS = {
    "Raised by a source": "Raised",
    "Sources contradict each other": "Contested",
    "Answered by the record": "Answered",
}


def _plain(line: Line) -> tuple[bool | None, str, tuple[str, ...]]:
    """A line of an explanation in plain words (whether it held, its words, the record items it names)."""
    held, said = line["held"], line["words"]
    if held is None:  # a heading or a note: a role's heading by its short name
        head, _, rest = said.partition(": ")
        return None, (f"{ROLE_HEADS.get(head, head)}: {rest}" if rest else said), ()
    found = line.get("found")
    if found is None:  # a combination of conditions
        return held, said, ()
    if found["none_wanted"]:
        return (
            (True, f"{said}: none found", ())
            if held
            else (False, f"{said}: {found['count']} found", tuple(found["shown"]))
        )
    if found["count"]:
        return held, said, tuple(found["shown"])
    return held, (said if found["checked"] else f"{said}: the record has none"), ()


_Node = tuple[Line, list[Any]]  # a line and the nodes below it


def _decided(node: _Node) -> tuple[bool | None, str, tuple[str, ...], list[_Node]]:
    """A line with only the parts that decided it: the conditions that held under one that held, the ones that
    failed under one that failed (all of them when none did, as under a ``not``); a heading over one part (a role
    and its condition) is one line with it."""
    line, parts = node
    held = line["held"]
    if held is not None:
        parts = [p for p in parts if p[0]["held"] == held] or parts
    elif len(parts) == 1:
        only_held, only_text, pointers, below = _decided(parts[0])
        head = _plain(line)[1]
        return only_held, f"{head}{' ' if head.endswith(':') else ' — '}{only_text}", pointers, below
    return (*_plain(line), parts)


SHOWN_DEPTH = 3  # levels of an explanation shown: the role, its condition's parts, and theirs
SHOWN_PARTS = 4  # parts of one condition shown; more are summed up in one line


def _brief(nodes: list[_Node], depth: int) -> list[Step]:
    decided = [_decided(n) for n in nodes]
    shown = decided if len(decided) <= SHOWN_PARTS else decided[: SHOWN_PARTS - 1]
    out = [Step(h, t, p, _brief(below, depth + 1) if depth < SHOWN_DEPTH else []) for h, t, p, below in shown]
    if len(decided) <= SHOWN_PARTS:
        return out
    rest = decided[SHOWN_PARTS - 1 :]
    held = {d[0] for d in rest}
    verdict = "" if len(held) != 1 or None in held else (", all held" if True in held else ", none held")
    more = f"{plural(len(rest), 'more condition')} of the same kind{verdict}"
    return [*out, Step(held.pop() if len(held) == 1 else None, more, (), [])]


def _every_line_in_full(held: bool | None, text: str) -> bool:
    return True


def explanation_tree(
    lines: Sequence[Line], in_full: Callable[[bool | None, str], bool] = _every_line_in_full
) -> list[Step]:
    """An explanation's lines as a tree of steps in plain words, cut to what a reader follows: every top line (a role,
    a note), each with only the parts that decided it, three levels deep, and at most four parts of one condition
    (the first three, then how many more there are and whether they held). A top line for which ``in_full(held,
    text)`` is false comes without the parts below it: a reader is shown only its first words."""
    root: list[_Node] = []
    stack: list[tuple[int, list[_Node]]] = [(-1, root)]
    for line in lines:
        depth = line["depth"]
        while stack[-1][0] >= depth:
            stack.pop()
        node: _Node = (line, [])
        stack[-1][1].append(node)
        stack.append((depth, node[1]))
    return [
        Step(held, text, pointers, _brief(below, 2) if in_full(held, text) else [])
        for held, text, pointers, below in map(_decided, root)
    ]


# -- the timeline ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    date: str
    entry: Entry
    questions: tuple[tuple[dict[str, Any], dict[str, Any]], ...]


def timeline(record: Record) -> tuple[list[Moment], list[Moment]]:
    """Events, claims, legal bases invoked and source publications in date order (a claim without a date of its
    own is dated by its source), and the undated ones apart."""
    moments = [
        Moment(e.date, e, tuple(record.questions_citing(e.pointer)))
        for kind in ("events", "claims", "legal_bases", "sources")
        for e in record.entries(kind)
    ]
    rank = {"events": 0, "legal_bases": 1, "sources": 2, "claims": 3}
    dated = sorted((m for m in moments if m.date), key=lambda m: (m.date, rank[m.entry.kind]))
    undated = [m for m in moments if not m.date]
    return dated, undated


# -- facts on record ------------------------------------------------------------------------------------------------

ACTING = ("strike", "planned_strike", "attack", "interdiction", "boarding", "detention", "rescue")
TELLING = ("notification", "briefing", "consultation")


@dataclass(frozen=True)
class Fact:
    label: str
    text: str
    sources: tuple[str, ...]
    anchor: str = ""


def _figure(value: Any) -> str:
    if isinstance(value, dict):
        lo, hi = value.get("min"), value.get("max")
        return f"{lo}–{hi}" if hi is not None else f"at least {lo}"
    return "" if value is None else str(value)


def facts(record: Record) -> list[Fact]:
    """The few facts a reader looks for first, each with the sources that give it."""
    inc = record.doc["incident"]
    out: list[Fact] = []
    if inc.get("date"):
        out.append(Fact("When", nice_date(inc["date"]), ()))
    loc = inc.get("location") or {}
    if loc.get("description"):
        extra = [view.label(loc[k]) for k in ("maritime_zone",) if loc.get(k) and loc[k] != "unknown"]
        out.append(Fact("Where", "; ".join([str(loc["description"]), *extra]), tuple(loc.get("sources", []))))
    for e in record.entries("events"):
        item = e.item
        if item.get("kind") not in ACTING:
            continue
        who = ", ".join(record.actor(a) for a in item.get("actors", []))
        by = ", ".join(record.actor(a) for a in item.get("authorized_by", []))
        parts = [f"{view.label(item['kind'])}" + (f" by {who}" if who else "")]
        if by:
            parts.append(f"authorized by {by}")
        if item.get("status") and item["status"] != "occurred":
            parts.append(view.label(item["status"]))
        out.append(Fact("Who acted", "; ".join(parts), e.sources, e.anchor))
        target = item.get("target") or {}
        if target:
            bits = [str(target.get("description") or view.label(target.get("kind", "")))]
            for k in ("alleged_affiliation", "alleged_cargo", "flag_state", "state"):
                if target.get(k):
                    bits.append(f"{view.label(k)}: {target[k]}")
            out.append(Fact("Target", "; ".join(b for b in bits if b), e.sources, e.anchor))
        outcome = item.get("outcome") or {}
        counted = [
            f"{outcome[k]} {view.label(k)}"
            for k in (*FIGURES, "survivors", "detained", "rescued")
            if outcome.get(k) is not None
        ]
        if counted:
            out.append(Fact("Casualties", ", ".join(counted), e.sources, e.anchor))
        consent = item.get("consent") or {}
        given = [f"{view.label(k)}: {view.label(v)}" for k, v in consent.items() if isinstance(v, str)]
        if given:
            out.append(Fact("Consent", "; ".join(given), e.sources, e.anchor))
    for e in record.entries("legal_bases"):
        item = e.item
        detail = f": {item['detail']}" if item.get("detail") else ""
        out.append(Fact("Claimed authority", f"{e.label}{detail}", e.sources, e.anchor))
    for e in record.entries("events"):
        item = e.item
        if item.get("kind") in TELLING:
            to = ", ".join(record.actor(a) for a in item.get("recipients", []))
            when = nice_date(item["date"]) if item.get("date") else "undated"
            text = f"{view.label(item['kind'])}, {when}" + (f", to {to}" if to else "")
            if item.get("provisions"):
                text += f" (under {', '.join(map(str, item['provisions']))})"
            out.append(Fact("Notice", text, e.sources, e.anchor))
        elif item.get("kind") in ("investigation", "civilian_harm_assessment"):
            what = str(item.get("description") or view.label(item["kind"]))
            out.append(Fact("Investigation", what, e.sources, e.anchor))
    return out


def casualty_table(record: Record) -> list[dict[str, Any]]:
    """Casualty figures side by side, one row per figure: who gives it, in which source, and the counts."""
    rows = []
    for e in record.entries("casualty_figures"):
        item = e.item
        rows.append(
            {
                "anchor": e.anchor,
                "event": str(item.get("event") or ""),
                "who": record.actor(item["claimant"]) if item.get("claimant") else "",
                "source": str(item.get("source") or ""),
                "date": str(item.get("date") or ""),
                "killed": _figure(item.get("killed")),
                "civilians_killed": _figure(item.get("civilians_killed")),
                "injured": _figure(item.get("injured")),
                "note": str(item.get("note") or ""),
            }
        )
    return rows


# -- versions of a story, and what changed -----------------------------------------------------------------------


def story_of(incident: dict[str, Any]) -> str:
    """The story an incident belongs to: its ``story`` id, or its own id."""
    return str(incident.get("story") or incident["id"])


def version_order(summaries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its versions, oldest first (by as-of date, then id)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for s in summaries:
        found.setdefault(s.get("story") or s["id"], []).append(s)
    for versions in found.values():
        versions.sort(key=lambda s: (s["as_of"], s["id"]))
    return found


def _side(doc: dict[str, Any]) -> dict[str, Any]:
    inc = doc["incident"]
    out = {k: inc[k] for k in ("id", "title", "as_of") if k in inc}
    out["story"] = story_of(inc)
    return out


def _item_view(record: Record, pointer: str, role: str = "") -> dict[str, Any]:
    e = record.entry(pointer)
    base: dict[str, Any] = {"pointer": pointer, "label": record.label_of(pointer)}
    if role:
        base["role"] = role
    if e is not None:
        base["key"] = e.key
        base["anchor"] = e.anchor
        base["sources"] = list(e.sources)
        if e.kind == "claims" and e.item.get("quote"):
            base["quote"] = str(e.item["quote"])
    return base


def _keys(record: Record, q: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """key -> (pointer, role) of the items a question cites."""
    found: dict[str, tuple[str, str]] = {}
    for e in (*q["raised_by"], *q["evidence"]):
        entry = record.entry(e["pointer"])
        key = entry.key if entry is not None else e["pointer"]
        found.setdefault(key, (e["pointer"], e["role"]))
    return found


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from one version of a story to the next (both full views): the questions whose status or raised
    flag moved, with the record items that moved them, and the sources, claims and events added or withdrawn."""
    ro, rn = Record(old), Record(new)
    before = {(c["id"], q["id"]): (c, q) for c in old["checklists"] for q in c["questions"]}
    moved = []
    for c in new["checklists"]:
        for q in c["questions"]:
            found = before.get((c["id"], q["id"]))
            if found is None:
                continue
            oq = found[1]
            if oq["status"] == q["status"] and oq["raised"] == q["raised"]:
                continue
            ko, kn = _keys(ro, oq), _keys(rn, q)
            moved.append(
                {
                    "checklist": c["id"],
                    "checklist_title": c["title"],
                    "question": q["id"],
                    "anchor": view.anchor(c, q),
                    "text": q["text"],
                    "severity": q["severity"],
                    "from": {"status": oq["status"], "raised": oq["raised"]},
                    "to": {"status": q["status"], "raised": q["raised"]},
                    "now_cited": [_item_view(rn, p, role) for k, (p, role) in kn.items() if k not in ko],
                    "no_longer_cited": [_item_view(ro, p, role) for k, (p, role) in ko.items() if k not in kn],
                }
            )
    changes: dict[str, Any] = {}
    for kind in ("sources", "claims", "events"):
        ok = {e.key: e for e in ro.entries(kind)}
        nk = {e.key: e for e in rn.entries(kind)}
        changes[kind] = {
            "added": [_item_view(rn, e.pointer) for k, e in nk.items() if k not in ok],
            "withdrawn": [_item_view(ro, e.pointer) for k, e in ok.items() if k not in nk],
        }
    return {
        "schema": DIFF_SCHEMA,
        "old": _side(old),
        "new": _side(new),
        "counts": {"old": old["counts"], "new": new["counts"]},
        "moved": moved,
        **changes,
    }


def moved_phrase(m: dict[str, Any]) -> str:
    """``open (unraised) → answered (raised)``."""

    def side(s: dict[str, Any]) -> str:
        status = str(view.STATUS_LABELS.get(s["status"], s["status"]))
        if s["status"] == "not_applicable":
            return status
        return f"{status} ({'raised' if s['raised'] else 'unraised'})"

    return f"{side(m['from'])} → {side(m['to'])}"


def diff_sentence(d: dict[str, Any]) -> str:
    """One sentence of what changed: questions moved, sources and claims added or withdrawn."""
    parts = [plural(len(d["moved"]), "question") + " moved"]
    for kind, word in (("sources", "source"), ("claims", "claim"), ("events", "event")):
        added, gone = len(d[kind]["added"]), len(d[kind]["withdrawn"])
        if added:
            parts.append(f"{plural(added, word)} added")
        if gone:
            parts.append(f"{plural(gone, word)} withdrawn")
    return ", ".join(parts) + "."


OUTCOMES = (
    ("contested", True, "Now contested"),
    ("contested", False, "Now contested"),
    ("open", True, "Now raised and open"),
    ("open", False, "Now open, raised by nobody"),
    ("answered", True, "Now answered"),
    ("answered", False, "Now answered"),
    ("not_applicable", True, "No longer applies"),
    ("not_applicable", False, "No longer applies"),
)


def moved_by_outcome(d: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The moved questions grouped by where they moved to, most pressing first."""
    found: dict[str, list[dict[str, Any]]] = {}
    for status, raised, label in OUTCOMES:
        for m in d["moved"]:
            if m["to"]["status"] == status and bool(m["to"]["raised"]) == raised:
                found.setdefault(label, []).append(m)
    return list(found.items())


def was(m: dict[str, Any]) -> str:
    """Where a moved question was: ``open, unraised``."""
    return moved_phrase(m).split(" → ", 1)[0].replace(" (", ", ").rstrip(")")
