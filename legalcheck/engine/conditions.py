"""Conditions: a JSON Schema tested against the record or against items selected from it, combined with all/any/not.

Evaluating a condition yields whether it holds, the items that made it hold (the evidence), and a trace: one
entry per node of the condition, in pre-order, that says what was found. A combination's entry is whether it held;
a leaf's entry is ``[holds, items checked, items matching, the first five matching pointers]``. The trace is data,
written into results as it is; the words come from the rule file's descriptions when a report is rendered
(``legalcheck.report.explain``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from legalcheck.engine.evaluator import Predicate, SchemaCompiler, canonical_key
from legalcheck.engine.selection import Cache, Match, narrowing_of


class Outcome(NamedTuple):
    """What evaluating a condition gave (a named tuple: made some two hundred times per record, and cheaply)."""

    holds: bool
    matches: tuple[Match, ...]
    trace: tuple[Any, ...]


class Condition:
    description: str

    def evaluate(self, cache: Cache) -> Outcome:
        raise NotImplementedError


SHOWN = 5  # matching pointers a trace names; it counts the rest


class Leaf(Condition):
    __slots__ = (
        "_compiler",
        "description",
        "key",
        "maximum",
        "minimum",
        "narrowing",
        "opposed",
        "predicate",
        "schema",
        "select",
    )

    def __init__(
        self, spec: dict[str, Any], compiler: SchemaCompiler, canonical: Mapping[str, str] | None = None
    ) -> None:
        self.description: str = spec["description"]
        self.select: str = spec.get("select", "")
        where = spec["where"]
        self.schema: Any = canonical_schema(where, canonical) if canonical and pins_propositions(where) else where
        self.minimum: int = spec.get("min", 1)
        self.maximum: int | None = spec.get("max")
        self.opposed: bool = spec.get("opposed", False)
        self.predicate: Predicate | None = None  # compiled on first use, by :meth:`compiled`
        self._compiler = compiler
        self.narrowing = narrowing_of(self.schema)
        self.key = canonical_key([self.select, self.schema, self.opposed])

    def compiled(self) -> Predicate:
        """The compiled schema. It is compiled when an item first reaches it, so a run compiles only the schemas its
        records need (a rule file's schemas were compiled once already, when the file was checked)."""
        predicate = self.predicate
        if predicate is None:
            predicate = self.predicate = self._compiler.compile(self.schema)
        return predicate

    def evaluate(self, cache: Cache) -> Outcome:
        memo = cache.memo.get(self.key)
        if memo is None:
            selection = cache.selection(self.select)
            candidates = selection.candidates(self.narrowing)
            found_items: tuple[Match, ...] = ()
            if candidates:
                predicate = self.compiled()
                found_items = tuple([m for m in candidates if predicate(m.item)])
            if self.opposed:
                found_items = _disagreeing(found_items) if _FIGURES in self.select else _opposed(found_items)
            memo = cache.memo[self.key] = (found_items, len(selection.items))
        matches, checked = memo
        count = len(matches)
        holds = count >= self.minimum and (self.maximum is None or count <= self.maximum)
        shown = [m.pointer for m in matches[:SHOWN]]
        return Outcome(holds, matches if holds else (), ([holds, checked, count, shown],))


_FIGURES = "casualty_figures"
MEASURES = ("killed", "civilians_killed", "injured")


def canonical_schema(schema: Any, canonical: Mapping[str, str]) -> Any:
    """The schema with each ``proposition`` value it pins (``const``, ``enum``) read as the key it stands for, so a
    condition written with an alias or a replaced key matches claims that use the key, and the other way round."""
    if isinstance(schema, list):
        return [canonical_schema(s, canonical) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("const", "enum", "default", "examples"):
            out[key] = value
        elif key == "properties" and isinstance(value, dict):
            props = {k: canonical_schema(v, canonical) for k, v in value.items()}
            pinned = props.get("proposition")
            if isinstance(pinned, dict):
                props["proposition"] = _canonical_values(pinned, canonical)
            out[key] = props
        else:
            out[key] = canonical_schema(value, canonical)
    return out


def pins_propositions(schema: Any) -> bool:
    """Whether a schema names a ``proposition`` property anywhere: only such schemas have values to read as keys
    (a quick test that spares most conditions the walk of :func:`canonical_schema`)."""
    return '"proposition"' in canonical_key(schema)


def _canonical_values(schema: dict[str, Any], canonical: Mapping[str, str]) -> dict[str, Any]:
    out = dict(schema)
    if isinstance(out.get("const"), str):
        out["const"] = canonical.get(out["const"], out["const"])
    if isinstance(out.get("enum"), list):
        out["enum"] = list(dict.fromkeys(canonical.get(v, v) if isinstance(v, str) else v for v in out["enum"]))
    return out


def figure_range(value: Any) -> tuple[float, float] | None:
    """A casualty figure (a count or {min, max}) as a closed range; None if the figure is not given."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, dict) and isinstance(value.get("min"), int):
        high = value.get("max")
        return (value["min"], high if isinstance(high, int) else float("inf"))
    return None


def _disagreeing(matches: tuple[Match, ...]) -> tuple[Match, ...]:
    """Keep the casualty figures that disagree with another: same event (or both without one), and a measure whose
    ranges do not overlap."""
    kept: set[str] = set()
    figures = [m for m in matches if isinstance(m.item, dict)]
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            if a.item.get("event") != b.item.get("event"):
                continue
            for measure in MEASURES:
                ra, rb = figure_range(a.item.get(measure)), figure_range(b.item.get(measure))
                if ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0]):
                    kept.update((a.pointer, b.pointer))
                    break
    return tuple(m for m in matches if m.pointer in kept)


def _opposed(matches: tuple[Match, ...]) -> tuple[Match, ...]:
    """Keep the claims on propositions that some matching claim asserts and another denies."""
    stances: dict[str, set[str]] = {}
    for m in matches:
        if isinstance(m.item, dict):
            stances.setdefault(str(m.item.get("proposition")), set()).add(str(m.item.get("stance")))
    disputed = {p for p, s in stances.items() if {"asserts", "denies"} <= s}
    return tuple(m for m in matches if isinstance(m.item, dict) and str(m.item.get("proposition")) in disputed)


class Combination(Condition):
    """``all`` or ``any`` of several conditions; the evidence of those that held is kept when the whole holds."""

    def __init__(self, description: str, word: str, parts: list[Condition]) -> None:
        self.description = description
        self.word = word
        self.quantifier = all if word == "all" else any
        self.parts = parts

    def evaluate(self, cache: Cache) -> Outcome:
        outcomes = [part.evaluate(cache) for part in self.parts]
        holds = self.quantifier(o.holds for o in outcomes)
        return _combine(holds, outcomes)


class NotOf(Condition):
    def __init__(self, description: str, part: Condition) -> None:
        self.description = description
        self.part = part

    def evaluate(self, cache: Cache) -> Outcome:
        inner = self.part.evaluate(cache)
        return Outcome(not inner.holds, (), (not inner.holds, *inner.trace))


def _combine(holds: bool, outcomes: list[Outcome]) -> Outcome:
    matches: dict[str, Match] = {}
    if holds:
        for o in outcomes:
            for m in o.matches:
                matches.setdefault(m.pointer, m)
    return Outcome(holds, tuple(matches.values()), (holds, *[node for o in outcomes for node in o.trace]))


def build(spec: dict[str, Any], compiler: SchemaCompiler, canonical: Mapping[str, str] | None = None) -> Condition:
    """Compile a condition from its (already schema-validated) rule-file form; ``canonical`` maps aliases and
    replaced proposition keys to their key."""
    for word in ("all", "any"):
        if word in spec:
            return Combination(spec.get("description", ""), word, [build(s, compiler, canonical) for s in spec[word]])
    if "not" in spec:
        return NotOf(spec.get("description", ""), build(spec["not"], compiler, canonical))
    return Leaf(spec, compiler, canonical)
