"""Map JSON Pointers to line and column in JSON or YAML text.

Only used when something is wrong, so clarity beats speed here: the fast path parses with
``json.loads`` / ``yaml`` and never calls this module.
"""

from __future__ import annotations

import bisect
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

Position = tuple[int, int]  # 1-based line and column

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


def escape_token(token: str) -> str:
    """Escape one reference token of a JSON Pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(parts: object) -> str:
    """Build a JSON Pointer from a sequence of keys and indexes."""
    return "".join("/" + escape_token(str(p)) for p in parts)  # type: ignore[attr-defined]


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def json_positions(text: str) -> dict[str, Position]:
    """Positions of every value in a JSON text, keyed by JSON Pointer (keys point at their value)."""
    index = _LineIndex(text)
    found: dict[str, Position] = {}

    def skip(pos: int) -> int:
        return _WS.match(text, pos).end()  # type: ignore[union-attr]

    def value(pos: int, ptr: str) -> int:
        pos = skip(pos)
        found[ptr] = index.position(pos)
        char = text[pos : pos + 1]
        if char == "{":
            pos = skip(pos + 1)
            if text[pos : pos + 1] == "}":
                return pos + 1
            while True:
                pos = skip(pos)
                key, pos = scanstring(text, pos + 1)
                pos = skip(pos) + 1  # the colon
                pos = skip(value(pos, ptr + "/" + escape_token(key)))
                if text[pos] == "}":
                    return pos + 1
                pos += 1
        if char == "[":
            pos = skip(pos + 1)
            if text[pos : pos + 1] == "]":
                return pos + 1
            i = 0
            while True:
                pos = skip(value(pos, f"{ptr}/{i}"))
                i += 1
                if text[pos] == "]":
                    return pos + 1
                pos += 1
        if char == '"':
            return int(scanstring(text, pos + 1)[1])
        for literal in ("true", "false", "null"):
            if text.startswith(literal, pos):
                return pos + len(literal)
        match = _NUMBER.match(text, pos)
        if not match:
            raise ValueError(f"unexpected character at offset {pos}")
        return match.end()

    try:
        value(0, "")
    except (ValueError, IndexError):
        pass  # positions found so far are still useful
    return found


def yaml_positions(text: str) -> dict[str, Position]:
    """Positions of every node in a YAML text, keyed by JSON Pointer."""
    import yaml

    found: dict[str, Position] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return found

    def walk(node: yaml.Node, ptr: str) -> None:
        found[ptr] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, val in node.value:
                walk(val, ptr + "/" + escape_token(str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{ptr}/{i}")

    if root is not None:
        walk(root, "")
    return found


def locate(positions: dict[str, Position], pointer: str) -> Position | None:
    """The position of ``pointer``, or of its nearest ancestor that has one."""
    while True:
        if pointer in positions:
            return positions[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
