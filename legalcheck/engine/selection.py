"""Selecting record items with JSON Pointers, and narrowing them cheaply before a schema is evaluated.

A leaf condition's schema is usually a conjunction that pins one property to a few string values
(``{"properties": {"proposition": {"enum": [...]}}}``). Any item whose value for that property lies outside
the set fails the schema whatever else it holds, so the engine indexes each selection by such a property once
per record and evaluates the schema only on the items that can still match. The narrowing is exact: it never
changes a result (the test-suite checks this on every built-in condition), it only skips evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from legalcheck.loading.positions import escape_token


class Match(NamedTuple):
    """One selected record item, at its JSON Pointer (a named tuple: made for every item a pointer selects)."""

    pointer: str
    item: Any


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def select(record: Any, pointer: str) -> list[Match]:
    """The items a pointer selects: an array's items one by one, '*' fanning out over arrays and objects."""
    current = [Match("", record)]
    tokens = pointer.split("/")[1:] if pointer else []
    for token in tokens:
        following: list[Match] = []
        for match in current:
            value = match.item
            if token == "*":
                if isinstance(value, list):
                    following.extend(Match(f"{match.pointer}/{i}", v) for i, v in enumerate(value))
                elif isinstance(value, dict):
                    following.extend(Match(f"{match.pointer}/{escape_token(k)}", v) for k, v in value.items())
                continue
            key = _unescape(token)
            if isinstance(value, dict) and key in value:
                following.append(Match(f"{match.pointer}/{token}", value[key]))
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                following.append(Match(f"{match.pointer}/{key}", value[int(key)]))
        current = following
    if not tokens or tokens[-1] == "*":
        return current
    expanded: list[Match] = []
    for match in current:
        if isinstance(match.item, list):
            expanded.extend(Match(f"{match.pointer}/{i}", v) for i, v in enumerate(match.item))
        else:
            expanded.append(match)
    return expanded


@dataclass(frozen=True, slots=True)
class Narrowing:
    """A necessary condition read off a schema: ``prop`` must be one of ``allowed`` (strings) when present,
    and must be present if ``required``."""

    prop: str
    allowed: frozenset[str]
    required: bool


def narrowing_of(schema: Any) -> Narrowing | None:
    """The first top-level property the schema pins to string values with ``const`` or ``enum``, if any."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return None
    required = schema.get("required", [])
    for prop, sub in schema["properties"].items():
        if not isinstance(sub, dict):
            continue
        values = [sub["const"]] if "const" in sub else sub.get("enum")
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return Narrowing(prop, frozenset(values), isinstance(required, list) and prop in required)
    return None


class Selection:
    """The items one pointer selects from one record, with lazily built indexes by property value."""

    __slots__ = ("_indexes", "items")

    def __init__(self, items: list[Match]) -> None:
        self.items = items
        self._indexes: dict[str, tuple[dict[str, list[int]], list[int], list[int]]] = {}

    def candidates(self, narrowing: Narrowing | None) -> list[Match]:
        """The items that can still satisfy a schema with this narrowing, in record order."""
        if narrowing is None:
            return self.items
        index = self._indexes.get(narrowing.prop)
        if index is None:
            index = self._indexes[narrowing.prop] = self._index(narrowing.prop)
        by_value, absent, non_objects = index
        positions = [i for value in narrowing.allowed for i in by_value.get(value, ())]
        positions.extend(non_objects)  # `properties` and `required` do not apply to them: evaluate
        if not narrowing.required:
            positions.extend(absent)
        positions.sort()
        return [self.items[i] for i in positions]

    def _index(self, prop: str) -> tuple[dict[str, list[int]], list[int], list[int]]:
        """Positions of the items by their string value of ``prop``, of objects without it, and of non-objects."""
        by_value: dict[str, list[int]] = {}
        absent: list[int] = []
        non_objects: list[int] = []
        for i, match in enumerate(self.items):
            item = match.item
            if not isinstance(item, dict):
                non_objects.append(i)
            elif prop not in item:
                absent.append(i)
            elif isinstance(item[prop], str):
                by_value.setdefault(item[prop], []).append(i)
            # a non-string value can equal none of the allowed strings: ruled out
        return by_value, absent, non_objects


class Cache:
    """Per-record memo: selections by pointer, and leaf results by leaf key, so shared work is done once."""

    __slots__ = ("_selections", "memo", "record")

    def __init__(self, record: Any) -> None:
        self.record = record
        self.memo: dict[str, tuple[tuple[Match, ...], int]] = {}  # leaf key -> (matching items, items checked)
        self._selections: dict[str, Selection] = {}

    def selection(self, pointer: str) -> Selection:
        found = self._selections.get(pointer)
        if found is None:
            found = self._selections[pointer] = Selection(select(self.record, pointer))
        return found
