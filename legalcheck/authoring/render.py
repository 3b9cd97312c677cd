"""A checklist as readable text, for `legalcheck rules show`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

CONDITION_LABELS = (
    ("applies_if", "applies if"),
    ("raised_if", "raised if"),
    ("answered_if", "answered if"),
    ("contested_if", "contested if"),
)


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def condition_lines(spec: Any, indent: str = "") -> Iterator[str]:
    """A condition tree, one line per node: combinators by name, leaves with select, where and counts."""
    if not isinstance(spec, dict):
        yield f"{indent}{compact(spec)}"
        return
    for key, word in (("all", "all of"), ("any", "any of")):
        if key in spec:
            yield f"{indent}{word}:" + (f" {spec['description']}" if spec.get("description") else "")
            for part in spec[key]:
                yield from condition_lines(part, indent + "  ")
            return
    if "not" in spec:
        yield f"{indent}not:" + (f" {spec['description']}" if spec.get("description") else "")
        yield from condition_lines(spec["not"], indent + "  ")
        return
    yield f"{indent}- {spec.get('description', '')}"
    yield f"{indent}  select: {spec.get('select') or '(the record)'}"
    yield f"{indent}  where:  {compact(spec.get('where'))}"
    counts = []
    if "min" in spec or "max" in spec:
        counts.append(f"min {spec.get('min', 1)}")
        if "max" in spec:
            counts.append(f"max {spec['max']}")
    if spec.get("opposed"):
        counts.append(
            "opposed: one matching claim asserts and another denies the same proposition, or two matching casualty "
            "figures disagree"
        )
    if counts:
        yield f"{indent}  " + ", ".join(counts)


def _citation(c: dict[str, Any]) -> str:
    text = f"{c['instrument']}, {c['pinpoint']}"
    if c.get("url"):
        text += f" <{c['url']}>"
    if c.get("note"):
        text += f" — {c['note']}"
    window = " ".join(
        f"{word} {c[key]}" for key, word in (("in_force_from", "from"), ("in_force_until", "until")) if key in c
    )
    if window:
        text += f" [in force {window}]"
    return text


def _expectation(expected: Any) -> str:
    if isinstance(expected, str):
        return expected
    parts = [expected["status"]] if "status" in expected else []
    if "raised" in expected:
        parts.append(f"raised={str(expected['raised']).lower()}")
    return ", ".join(parts)


def checklist_text(spec: dict[str, Any], origin: str) -> list[str]:
    """Every question with its text, severity, tags, citations, conditions and what would answer it.

    Then the examples."""
    lines = [f"{spec['id']} v{spec['version']}: {spec['title']}", f"  from: {origin}"]
    if spec.get("description"):
        lines.append(f"  {spec['description']}")
    if spec.get("tags"):
        lines.append(f"  tags: {', '.join(spec['tags'])}")
    if "applies_if" in spec:
        lines.append("  the checklist applies if:")
        lines.extend(condition_lines(spec["applies_if"], "    "))
    for q in spec["questions"]:
        lines.append("")
        lines.append(f"[{q['id']}] {q['text']}")
        lines.append(
            f"  severity: {q.get('severity', 'medium')}" + (f"; tags: {', '.join(q['tags'])}" if q.get("tags") else "")
        )
        lines.append(f"  why: {q['why']}")
        if q.get("in_force_from"):
            lines.append(f"  in force from: {q['in_force_from']} (not applicable to earlier incidents)")
        lines.append("  citations:")
        lines.extend(f"    - {_citation(c)}" for c in q["citations"])
        for key, word in CONDITION_LABELS:
            if key in q:
                lines.append(f"  {word}:")
                lines.extend(condition_lines(q[key], "    "))
            elif key == "applies_if":
                lines.append("  applies: always")
        lines.append(f"  would answer it: {q['would_answer']}")
    examples = spec.get("examples", [])
    lines.append("")
    lines.append(f"examples ({len(examples)}):")
    for ex in examples:
        lines.append(f"  - {ex['name']}" + (f": {ex['description']}" if ex.get("description") else ""))
        lines.extend(f"      {qid}: expect {_expectation(v)}" for qid, v in ex["expect"].items())
    return lines
