"""Read one JSON or YAML file into a :class:`Document`, turning every parse failure into a located problem."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from legalcheck.errors import InputError, Problem
from legalcheck.loading.positions import (
    Position,
    escape_token,
    json_depth_position,
    json_locate,
    json_positions,
    locate,
    yaml_depth_position,
    yaml_positions,
)

SUFFIXES = (".json", ".yaml", ".yml")
RECORD_SUFFIXES = (*SUFFIXES, ".jsonl")  # a JSON Lines file holds one record per line


@cache
def _yaml_loader() -> Any:
    """Safe YAML without implicit timestamps: dates stay strings, as JSON Schema expects. (PyYAML is imported on
    the first YAML file.)"""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


@dataclass(frozen=True)
class Document:
    """A parsed input file. ``data`` is plain JSON data; positions are computed only when asked for."""

    path: str
    text: str
    data: Any
    is_yaml: bool
    _positions: dict[str, dict[str, Position]] = field(default_factory=dict, compare=False, repr=False)

    def position(self, pointer: str) -> Position | None:
        if "all" not in self._positions:
            self._positions["all"] = yaml_positions(self.text) if self.is_yaml else json_positions(self.text)
        return locate(self._positions["all"], pointer)

    def problem(self, pointer: str, message: str, hint: str = "") -> Problem:
        pos = self.position(pointer)
        return Problem(
            self.path,
            message,
            pointer=pointer or "/",
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
            hint=hint,
        )


MAX_BYTES = 64 * 1024 * 1024  # a record or rule file larger than this is refused unread


def duplicate_ids(
    doc: Document, items: Any, at: str, shown_at: str, noun: str, hint: str
) -> tuple[list[Problem], dict[str, int]]:
    """Problems for ids used twice among ``items`` (the array at pointer ``at``, named ``shown_at`` in messages),
    and the position where each id is first used; items without a string id (the schema rejects them) are skipped."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items if isinstance(items, list) else []):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            problems.append(
                doc.problem(
                    f"{at}/{i}/id", f"duplicate {noun} {item_id!r} (first {shown_at}/{seen[item_id]})", hint=hint
                )
            )
        else:
            seen[item_id] = i
    return problems, seen


def read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(
            [Problem(str(path), f"cannot read file: {exc.strerror or exc}", hint="check the path and its permissions")]
        ) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            [Problem(str(path), f"larger than {MAX_BYTES // (1024 * 1024)} MiB", hint="split it into several files")]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})", hint="save the file as UTF-8")]
        ) from None


MAX_DEPTH = 64  # levels of nesting in a record or rule file: far more than any needs, far less than a stack holds
MAX_DIGITS = 100  # digits of an integer
MAX_NODES = 500_000  # values in a YAML document once its aliases are expanded


def parse(path: str, text: str) -> Document:
    """Parse ``text`` as JSON or YAML according to the file name.

    Only plain JSON data comes out: duplicate keys, NaN and infinities, integers of more than ``MAX_DIGITS``
    digits, YAML tags other than the JSON ones, non-string keys, and YAML aliases that expand past
    ``MAX_NODES`` values or refer to themselves are refused, each located. Nesting deeper than the parser can
    take is refused too (records and rule files are then checked against ``MAX_DEPTH``).
    """
    is_yaml = path.lower().endswith((".yaml", ".yml"))
    data = _parse_yaml(path, text) if is_yaml else _parse_json(path, text)
    doc = Document(path=path, text=text, data=data, is_yaml=is_yaml)
    if _SURROGATE_ESCAPE.search(text):  # only an escape can make a lone surrogate: UTF-8 text holds none
        bad = _lone_surrogate(data)
        if bad is not None:
            raise InputError(
                [doc.problem(bad, "a lone surrogate escape (\\uD800-\\uDFFF) is not a character", hint="remove it")]
            )
    return doc


_SURROGATE_ESCAPE = re.compile(r"\\[uU]0*[dD][89a-fA-F]|\\x[dD][89a-fA-F]")


def _lone_surrogate(data: Any) -> str | None:
    """The pointer of the first key or string that holds a lone surrogate, or None."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, pointer = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return pointer
        elif isinstance(value, dict):
            for key, item in value.items():
                here = f"{pointer}/{escape_token(key)}"
                try:
                    key.encode("utf-8")
                except UnicodeEncodeError:
                    return here
                stack.append((item, here))
        elif isinstance(value, list):
            stack.extend((item, f"{pointer}/{i}") for i, item in enumerate(value))
    return None


class _Refused(ValueError):
    """A value JSON data may not hold, found while decoding; ``token`` says what to look for to locate it."""

    def __init__(self, message: str, kind: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.hint = hint


def _reject_constant(name: str) -> Any:
    raise _Refused(f"{name} is not valid JSON", kind=name, hint="JSON allows only finite numbers")


def _json_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS + (digits[0] == "-"):
        raise _Refused(
            f"an integer of {len(digits.lstrip('-'))} digits is too large (at most {MAX_DIGITS})",
            kind="number",
            hint="write it as a string",
        )
    return int(digits)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(
            f"the number {text[:40]} is too large", kind="number", hint="JSON numbers must be finite doubles"
        )
    return value


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"duplicate key {key!r}", kind="duplicate", hint="each key may appear once")
            seen.add(key)
    return found


def _parse_json(path: str, text: str) -> Any:
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_json_int,
            parse_float=_json_float,
            object_pairs_hook=_json_object,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    path, f"JSON syntax error: {exc.msg}", line=exc.lineno, column=exc.colno, hint="fix the JSON syntax"
                )
            ]
        ) from None
    except _Refused as exc:
        pointer, position = json_locate(text, exc.kind, MAX_DIGITS)
        raise InputError(
            [
                Problem(
                    path,
                    str(exc),
                    pointer=pointer,
                    line=position[0] if position else None,
                    column=position[1] if position else None,
                    hint=exc.hint,
                )
            ]
        ) from None
    except RecursionError:
        raise InputError([_too_deep(path, json_depth_position(text, MAX_DEPTH))]) from None


def _too_deep(path: str, position: Position | None) -> Problem:
    return Problem(
        path,
        f"nested more than {MAX_DEPTH} levels deep",
        line=position[0] if position else None,
        column=position[1] if position else None,
        hint="flatten the data",
    )


def depth_problem(doc: Document) -> Problem | None:
    """A problem if ``doc``'s data nests deeper than ``MAX_DEPTH``, located at the first value too deep."""
    stack: list[tuple[Any, int]] = [(doc.data, 0)]
    while stack:  # depth only: cheap enough to run on every rule file
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    else:
        return None
    located: list[tuple[Any, str, int]] = [(doc.data, "", 0)]
    while located:
        value, pointer, depth = located.pop()
        if depth > MAX_DEPTH:
            return doc.problem(pointer, f"nested more than {MAX_DEPTH} levels deep", hint="flatten the data")
        if isinstance(value, dict):
            located.extend((v, f"{pointer}/{escape_token(k)}", depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            located.extend((v, f"{pointer}/{i}", depth + 1) for i, v in enumerate(value))
    return None


_JSON_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def _parse_yaml(path: str, text: str) -> Any:
    import yaml

    try:
        loader = _yaml_loader()(text)  # the reader refuses control characters here, before any node is read
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, f"YAML error: {exc}", hint="fix the YAML syntax")]) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = f"YAML syntax error: {exc.problem or exc.context}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError([Problem(path, problem, line=line, column=col, hint="fix the YAML syntax")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, f"YAML error: {exc}", hint="fix the YAML syntax")]) from None
    except RecursionError:
        raise InputError([_too_deep(path, yaml_depth_position(text, MAX_DEPTH))]) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _YamlBuilder(path, loader).build(node)


class _YamlBuilder:
    """Turn a composed YAML node graph into JSON data, refusing what JSON cannot hold, with its line and column."""

    def __init__(self, path: str, loader: Any) -> None:
        self.path = path
        self.loader = loader
        self.count = 0
        self.open: set[int] = set()

    def fail(self, node: Any, pointer: str, message: str, hint: str) -> InputError:
        mark = node.start_mark
        return InputError(
            [Problem(self.path, message, pointer=pointer, line=mark.line + 1, column=mark.column + 1, hint=hint)]
        )

    def build(self, node: Any, pointer: str = "", depth: int = 0) -> Any:
        import yaml

        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node, pointer, f"more than {MAX_NODES} values once aliases are expanded", "use fewer aliases (*name)"
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, pointer, f"nested more than {MAX_DEPTH} levels deep", "flatten the data")
        tag = node.tag
        if tag not in _JSON_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(
                node,
                pointer,
                f"YAML tag {shown} is not allowed",
                "use only strings, numbers, booleans, null, lists and mappings",
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pointer)
        if id(node) in self.open:
            raise self.fail(node, pointer, "an alias refers to a value that contains it", "remove the recursive alias")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
            found: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                    shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                    raise self.fail(
                        key_node,
                        pointer,
                        f"key {shown!s:.40} is not a string"
                        + (" (a merge key)" if key_node.tag.endswith(":merge") else ""),
                        "quote the key" if isinstance(key_node, yaml.ScalarNode) else "keys must be strings",
                    )
                key = key_node.value
                here = f"{pointer}/{escape_token(key)}"
                if key in found:
                    raise self.fail(key_node, here, f"duplicate key {key!r}", "each key may appear once")
                found[key] = self.build(value_node, here, depth + 1)
            return found
        finally:
            self.open.discard(id(node))

    def scalar(self, node: Any, pointer: str) -> Any:
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "str":
            return node.value
        if tag == "null":
            return None
        if tag == "bool":
            return self.loader.construct_yaml_bool(node)
        if tag == "int":
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > MAX_DIGITS:
                raise self.fail(
                    node, pointer, f"an integer of {digits} digits is too large (at most {MAX_DIGITS})", "quote it"
                )
            return self.loader.construct_yaml_int(node)
        value = self.loader.construct_yaml_float(node)
        if not math.isfinite(value):
            raise self.fail(node, pointer, f"{node.value} is not a finite number", "JSON allows only finite numbers")
        return value


def load(path: Path) -> Document:
    """Read and parse one file."""
    return parse(str(path), read_text(path))


def discover(paths: list[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """Expand files and folders (recursively) into a sorted list of JSON/YAML files (or files with other
    ``suffixes``); a missing path is an error, and so is a symbolic link in a folder to a file outside it (records
    come from other people: a link must not make a run read, and quote in its errors, a file nobody passed)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            root = path.resolve()
            for p in inside:
                if p.is_symlink() and not p.resolve().is_relative_to(root):
                    problems.append(
                        Problem(
                            str(p),
                            "a symbolic link to a file outside the folder: only files inside the folders given are "
                            "read",
                            hint="pass the file it links to, if that is meant to be read, or remove the link",
                        )
                    )
                else:
                    found.append(p)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder", hint="check the path"))
    if problems:
        raise InputError(problems)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def source_names(paths: list[Path], files: list[Path]) -> dict[Path, str]:
    """How outputs name each file: by its folder's name and its place in it (``seeds/boat.json``) when found in a
    folder, else by its own name; never by the path as typed, so ``seeds``, ``./seeds/`` and ``/abs/seeds`` give
    the same outputs."""
    names: dict[Path, str] = {}
    for path in paths:
        if path.is_dir():
            base = path.resolve().name
            for f in files:
                if f not in names and f.is_relative_to(path):
                    names[f] = "/".join(filter(None, (base, f.relative_to(path).as_posix())))
        elif path in files and path not in names:
            names[path] = path.name
    return names
