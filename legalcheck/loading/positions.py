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
    return _scan(text)[0]


def _scan(text: str) -> tuple[dict[str, Position], list[str]]:
    """Positions of every value, and the pointers of keys that repeat an earlier key of their object."""
    index = _LineIndex(text)
    found: dict[str, Position] = {}
    duplicates: list[str] = []

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
            keys: set[str] = set()
            while True:
                pos = skip(pos)
                key, pos = scanstring(text, pos + 1)
                pos = skip(pos) + 1  # the colon
                if key in keys:
                    duplicates.append(ptr + "/" + escape_token(key))
                    before = found.get(duplicates[-1])
                    pos = skip(value(pos, ptr + "/" + escape_token(key)))
                    if before is not None:
                        found[duplicates[-1]], before = before, found[duplicates[-1]]
                        found[f"{duplicates[-1]}#dup"] = before
                    if text[pos] == "}":
                        return pos + 1
                    pos += 1
                    continue
                keys.add(key)
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
    except (ValueError, IndexError, RecursionError):
        pass  # positions found so far are still useful
    return found, duplicates


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)')


def json_locate(text: str, token: str, max_digits: int) -> tuple[str, Position | None]:
    """The pointer and position of the first value a JSON decoder refused: ``token`` is ``NaN``, ``Infinity``,
    ``-Infinity``, ``number`` (an integer of more than ``max_digits`` digits, or a number too large for a double)
    or ``duplicate`` (a key that repeats one of its object). ("", None) if it cannot be found."""
    found, duplicates = _scan(text)
    if token == "duplicate":
        if not duplicates:
            return "", None
        return duplicates[0], found.get(f"{duplicates[0]}#dup", found.get(duplicates[0]))
    for match in _TOKEN.finditer(text):
        constant, number = match.group(1), match.group(2)
        if constant and token in ("NaN", "Infinity", "-Infinity"):
            offset = match.start(1)
        elif number and token == "number" and _too_large(number, max_digits):
            offset = match.start(2)
        else:
            continue
        position = _LineIndex(text).position(offset)
        pointer = next((p for p, at in found.items() if at == position), "")
        return pointer, position
    return "", None


def _too_large(number: str, max_digits: int) -> bool:
    if set(number) <= set("-0123456789"):
        return len(number.lstrip("-")) > max_digits
    try:
        return float(number) in (float("inf"), float("-inf"))
    except (ValueError, OverflowError):
        return True


def json_depth_position(text: str, limit: int) -> Position | None:
    """Where a JSON text first opens more than ``limit`` arrays or objects at once (strings skipped)."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return _LineIndex(text).position(match.start())
        elif char in "]}":
            depth -= 1
    return None


def yaml_depth_position(text: str, limit: int) -> Position | None:
    """Where a YAML text first opens more than ``limit`` lists or mappings at once (read as events, without
    recursion)."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit and event.start_mark is not None:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def yaml_positions(text: str) -> dict[str, Position]:
    """Positions of every node in a YAML text, keyed by JSON Pointer."""
    import yaml

    found: dict[str, Position] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return found

    def walk(node: yaml.Node, ptr: str) -> None:
        if ptr in found or len(found) > 1_000_000 or ptr.count("/") > 200:  # bounded, whatever the aliases do
            return
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
