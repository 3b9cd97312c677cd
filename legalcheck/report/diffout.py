"""What changed between two versions of a story, in every format where it fits: JSON (the source of truth), HTML,
Markdown, CSV and a few lines of text for the console. The diff itself is :func:`legalcheck.report.story.diff`."""

from __future__ import annotations

import csv
import io
from typing import Any

from legalcheck.report import story
from legalcheck.report.csvfmt import cell
from legalcheck.report.jsonfmt import dumps
from legalcheck.report.markdown import md_escape

DIFF_FORMATS = ("json", "html", "markdown", "csv")
SUFFIXES = {"json": "json", "html": "html", "markdown": "md", "csv": "csv"}


def diff_name(d: dict[str, Any], fmt: str) -> str:
    return f"diff-{d['old']['id']}-{d['new']['id']}.{SUFFIXES[fmt]}"


def _labels(items: list[dict[str, Any]]) -> str:
    return "; ".join(str(x["label"]) for x in items)


def _why(m: dict[str, Any]) -> list[tuple[str, str]]:
    """What moved a question: ``now cited`` and ``no longer cited``, each with its items' labels, where any."""
    return [
        (word, _labels(m[key])) for key, word in (("now_cited", "now cited"), ("no_longer_cited", "no longer cited"))
        if m[key]
    ]  # fmt: skip


def _changes(d: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """The sources, claims and events added and withdrawn: (kind, change, items), where any."""
    return [
        (kind, change, d[kind][change])
        for kind in ("sources", "claims", "events")
        for change in ("added", "withdrawn")
        if d[kind][change]
    ]


def text_lines(d: dict[str, Any]) -> list[str]:
    """The diff for the console: a sentence, then one line per moved question with what moved it."""
    old, new = d["old"], d["new"]
    out = [f"{old['id']} ({old['as_of']}) -> {new['id']} ({new['as_of']}): {story.diff_sentence(d)}"]
    for m in d["moved"]:
        out.append(f"  {story.moved_phrase(m)}: {m['text']}")
        out += [f"    {word}: {labels}" for word, labels in _why(m)]
    out += [f"  {kind} {change}: {_labels(items)}" for kind, change, items in _changes(d)]
    return out


def render_markdown(d: dict[str, Any]) -> str:
    old, new = d["old"], d["new"]
    out = [
        f"# What changed: {md_escape(new['title'])}",
        "",
        f"From the version of {md_escape(story.nice_date(old['as_of']))} ({md_escape(old['id'])}) to the version of "
        f"{md_escape(story.nice_date(new['as_of']))} ({md_escape(new['id'])}): {md_escape(story.diff_sentence(d))}",
        "",
    ]
    if d["moved"]:
        out += ["## Questions that moved", ""]
        for m in d["moved"]:
            out.append(f"- **{md_escape(story.moved_phrase(m))}:** {md_escape(m['text'])}")
            out += [f"  {word.capitalize()}: {md_escape(labels)}" for word, labels in _why(m)]
        out.append("")
    for kind, change, items in _changes(d):
        out += [f"## {kind.capitalize()} {change}", "", *(f"- {md_escape(x['label'])}" for x in items), ""]
    return "\n".join(out)


CSV_COLUMNS = ("old_id", "new_id", "checklist_id", "question_id", "question", "from_status", "from_raised",
               "to_status", "to_raised", "now_cited", "no_longer_cited")  # fmt: skip


def render_csv(d: dict[str, Any], bom: bool = False) -> str:
    """One row per question that moved."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in d["moved"]:
        row = [d["old"]["id"], d["new"]["id"], m["checklist"], m["question"], m["text"], m["from"]["status"],
               m["from"]["raised"], m["to"]["status"], m["to"]["raised"], _labels(m["now_cited"]),
               _labels(m["no_longer_cited"])]  # fmt: skip
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" if bom else "") + buf.getvalue()


def render(d: dict[str, Any], fmt: str, bom: bool = False) -> str | bytes:
    if fmt == "json":
        return dumps(d)
    from legalcheck.report.safety import visible_controls

    if fmt == "markdown":
        return visible_controls(render_markdown(d))
    if fmt == "csv":
        return render_csv(d, bom)
    from legalcheck.report.html import render_diff

    return visible_controls(render_diff(d))
