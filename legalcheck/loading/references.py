"""What a condition's schema may refer to: only itself.

A ``$ref`` in a rule file must never make legalcheck fetch a URL or read a file, so every reference in a
condition must be a fragment (``#/$defs/claim`` or ``#anchor``) that resolves inside that condition's ``where``;
``$id`` (which would change what a relative reference means) and a foreign ``$schema`` are refused. A chain of
references that comes back to where it started without looking at any part of the item (``$ref`` loops) is
refused too: it would hold, or fail, for every item without saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from legalcheck.loading.positions import escape_token

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATA_KEYWORDS = ("const", "enum", "default", "examples")  # their values are data, not schemas
# Keywords whose schemas apply to the same item: following only these, a reference that returns is a loop.
_SAME_ITEM = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "$ref", "$dynamicRef")


def _walk(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in a schema that sits where a schema may, with its pointer (data keywords skipped)."""
    stack: list[tuple[Any, str]] = [(schema, pointer)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, dict):
            yield here, node
            for key, value in node.items():
                if key not in _DATA_KEYWORDS:
                    stack.append((value, f"{here}/{escape_token(str(key))}"))
        elif isinstance(node, list):
            stack.extend((value, f"{here}/{i}") for i, value in enumerate(node))


def _anchors(schema: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for here, node in _walk(schema, ""):
        for key in ("$anchor", "$dynamicAnchor"):
            if isinstance(node.get(key), str):
                found.setdefault(node[key], here)
    return found


def _target(schema: Any, ref: str, anchors: dict[str, str]) -> str | None:
    """The pointer (inside ``schema``) that a fragment reference names, or None if it names nothing."""
    fragment = unquote(ref[1:])
    if fragment and not fragment.startswith("/"):
        return anchors.get(fragment)
    node = schema
    for token in fragment.split("/")[1:] if fragment else []:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return fragment


def reference_problems(schema: Any) -> list[tuple[str, str]]:
    """(pointer within the schema, message) for every reference that leaves the schema, dangles or loops."""
    problems: list[tuple[str, str]] = []
    anchors = _anchors(schema)
    edges: dict[str, list[str]] = {}
    for here, node in _walk(schema, ""):
        if isinstance(node.get("$id"), str):
            problems.append(
                (
                    f"{here}/$id",
                    f"$id {node['$id']!r} is not allowed in a condition: a condition may refer only to its own parts",
                )
            )
        if isinstance(node.get("$schema"), str) and node["$schema"].rstrip("#") != DRAFT:
            problems.append((f"{here}/$schema", f"$schema {node['$schema']!r}: conditions are JSON Schema {DRAFT}"))
        for key in ("$ref", "$dynamicRef"):
            ref = node.get(key)
            if not isinstance(ref, str):
                continue
            if not ref.startswith("#"):
                problems.append(
                    (
                        f"{here}/{escape_token(key)}",
                        f"reference {ref!r} points outside the rule file; a condition may refer only to its own "
                        f"parts (#/$defs/name), and nothing is ever fetched or read",
                    )
                )
                continue
            target = _target(schema, ref, anchors)
            if target is None:
                problems.append(
                    (f"{here}/{escape_token(key)}", f"reference {ref!r} does not resolve in this condition")
                )
                continue
            edges.setdefault(here, []).append(target)
        for key in _SAME_ITEM:
            value = node.get(key)
            if key in ("$ref", "$dynamicRef"):
                continue
            if isinstance(value, dict) and key != "dependentSchemas":
                edges.setdefault(here, []).append(f"{here}/{key}")
            elif isinstance(value, list):
                edges.setdefault(here, []).extend(f"{here}/{key}/{i}" for i in range(len(value)))
            elif isinstance(value, dict):
                edges.setdefault(here, []).extend(f"{here}/{key}/{escape_token(str(k))}" for k in value)
    loop = _cycle(edges)
    if loop:
        problems.append((loop[0], "references loop back here without looking at the item (" + " -> ".join(loop) + ")"))
    return problems


def _cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """One cycle of the graph, as the list of its nodes, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(edges):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                return [*path[path.index(child) :], child]
            if not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(edges.get(child, ()))))
    return None
