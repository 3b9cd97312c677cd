"""A static heuristic for regular expressions that can backtrack catastrophically.

A backtracking matcher takes exponential time when a repeated group can match the same text in more
than one way, so that a failing match tries every way of splitting the input between iterations. Three
shapes cause almost all such cases, and are what this module looks for inside a repeated group:

* a nested quantifier, ``(a+)+`` or ``(\\w+\\s?)*``: unless a character that the inner quantifiers cannot
  match separates the iterations (``(\\s*,\\s*\\w+)*`` is safe: each iteration needs a comma);
* alternatives that can start with the same character, ``(\\d|\\d\\d)+`` or ``(a|ab|b)*``;
* an optional part that can start like the group itself, ``(aa?)+`` (Python rewrites ``(a|aa)+`` so).

It is a heuristic: it flags the usual culprits and stays quiet on ordinary patterns; it is no proof.
"""

from __future__ import annotations

import importlib
import re
import string
import sys
from typing import Any

# The standard library's own regex parser (re._parser since 3.11, sre_parse before): private, but stable for years.
sre_parse: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

# The characters set operations are tested on: enough to tell the usual classes apart.
SAMPLE = tuple(string.printable) + ("é", "中", "\u00a0")

_ANY_CHAR = frozenset(SAMPLE)


def _category(name: str, ch: str) -> bool:
    word = ch.isalnum() or ch == "_"
    tests = {
        "CATEGORY_DIGIT": ch.isdigit(),
        "CATEGORY_NOT_DIGIT": not ch.isdigit(),
        "CATEGORY_SPACE": ch.isspace(),
        "CATEGORY_NOT_SPACE": not ch.isspace(),
        "CATEGORY_WORD": word,
        "CATEGORY_NOT_WORD": not word,
    }
    return tests.get(name, True)


def _class_matches(items: list[tuple[Any, Any]], ch: str) -> bool:
    negate = False
    found = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            found = found or ord(ch) == arg
        elif name == "RANGE":
            found = found or arg[0] <= ord(ch) <= arg[1]
        elif name == "CATEGORY":
            found = found or _category(str(arg), ch)
    return found != negate


def _chars(op: Any, arg: Any) -> frozenset[str]:
    """The characters one single-character item can match (empty for anything else)."""
    name = str(op)
    if name == "LITERAL":
        return frozenset(c for c in SAMPLE if ord(c) == arg) or frozenset({chr(arg)})
    if name == "NOT_LITERAL":
        return frozenset(c for c in SAMPLE if ord(c) != arg)
    if name == "ANY":
        return _ANY_CHAR
    if name == "IN":
        return frozenset(c for c in SAMPLE if _class_matches(arg, c))
    return frozenset()


def _is_repeat(op: Any) -> bool:
    return str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _children(op: Any, arg: Any) -> list[list[tuple[Any, Any]]]:
    name = str(op)
    if _is_repeat(op):
        return [list(arg[2])]
    if name == "SUBPATTERN":
        return [list(arg[3])]
    if name == "BRANCH":
        return [list(alt) for alt in arg[1]]
    if name in ("ASSERT", "ASSERT_NOT"):
        return []
    if name == "ATOMIC_GROUP":
        return []  # an atomic group never backtracks into itself
    return []


def _nullable(seq: list[tuple[Any, Any]]) -> bool:
    return all(_item_nullable(op, arg) for op, arg in seq)


def _item_nullable(op: Any, arg: Any) -> bool:
    name = str(op)
    if _is_repeat(op):
        return bool(arg[0] == 0 or _nullable(list(arg[2])))
    if name == "SUBPATTERN":
        return _nullable(list(arg[3]))
    if name == "BRANCH":
        return any(_nullable(list(alt)) for alt in arg[1])
    return name in ("AT", "ASSERT", "ASSERT_NOT", "GROUPREF_EXISTS")


def _first(seq: list[tuple[Any, Any]]) -> frozenset[str]:
    """Characters a match of ``seq`` can start with."""
    found: set[str] = set()
    for op, arg in seq:
        found |= _item_first(op, arg)
        if not _item_nullable(op, arg):
            break
    return frozenset(found)


def _item_first(op: Any, arg: Any) -> frozenset[str]:
    chars = _chars(op, arg)
    if chars:
        return chars
    found: set[str] = set()
    for child in _children(op, arg):
        found |= _first(child)
    return frozenset(found)


def _all_chars(seq: list[tuple[Any, Any]]) -> frozenset[str]:
    """Every character some part of ``seq`` can match."""
    found: set[str] = set()
    for op, arg in seq:
        found |= _chars(op, arg)
        for child in _children(op, arg):
            found |= _all_chars(child)
    return frozenset(found)


def _inner_repeats(seq: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """Bodies of the unbounded (or long) repeats inside ``seq``."""
    found: list[list[tuple[Any, Any]]] = []
    for op, arg in seq:
        if _is_repeat(op) and str(op) != "POSSESSIVE_REPEAT" and arg[1] > 1:
            found.append(list(arg[2]))
        for child in _children(op, arg):
            found.extend(_inner_repeats(child))
    return found


def _separated(body: list[tuple[Any, Any]], inner: list[list[tuple[Any, Any]]]) -> bool:
    """True if a mandatory character of ``body`` cannot be matched by any inner repeat."""
    inner_chars: set[str] = set()
    for seq in inner:
        inner_chars |= _all_chars(seq)
    for op, arg in body:
        chars = _chars(op, arg)
        if chars and not (chars & inner_chars):
            return True
    return False


def _branch_overlap(seq: list[tuple[Any, Any]]) -> bool:
    for op, arg in seq:
        if str(op) == "BRANCH":
            firsts = [_first(list(alt)) for alt in arg[1]]
            for i, a in enumerate(firsts):
                if any(a & b for b in firsts[i + 1 :]):
                    return True
        for child in _children(op, arg):
            if _branch_overlap(child):
                return True
    return False


def _optional_overlap(body: list[tuple[Any, Any]]) -> bool:
    """An optional part after the start of the group that can begin like the group itself: ``(aa?)+``."""
    start = _first(body)
    for op, arg in body[1:]:
        if _item_nullable(op, arg) and _item_first(op, arg) & start and not _separated(body, [[(op, arg)]]):
            return True
    return False


def _risk(seq: list[tuple[Any, Any]]) -> str | None:
    for op, arg in seq:
        if _is_repeat(op) and str(op) != "POSSESSIVE_REPEAT" and arg[1] > 1:
            body = list(arg[2])
            if len(body) == 1 and str(body[0][0]) == "SUBPATTERN":
                body = list(body[0][1][3])
            inner = _inner_repeats(body)
            if inner and not _separated(body, inner):
                return "a repeated group contains another quantifier (like (a+)+)"
            if _branch_overlap(body):
                return "a repeated group has alternatives that can match the same text (like (a|aa)+)"
            if _optional_overlap(body):
                return "a repeated group has an optional part that can match what the group starts with (like (aa?)+)"
        for child in _children(op, arg):
            found = _risk(child)
            if found:
                return found
    return None


def backtracking_risk(pattern: str) -> str | None:
    """Why ``pattern`` may backtrack catastrophically, or None. Raises ``re.error`` if it is invalid."""
    re.compile(pattern)
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):  # pragma: no cover - compile succeeded above
        return None
    return _risk(list(parsed))
