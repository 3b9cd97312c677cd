"""Read one JSON or YAML file into a :class:`Document`, turning every parse failure into a located problem."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from legalcheck.errors import InputError, Problem
from legalcheck.loading.positions import Position, json_positions, locate, yaml_positions

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


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})", hint="save the file as UTF-8")]
        ) from None
    except OSError as exc:
        raise InputError(
            [Problem(str(path), f"cannot read file: {exc.strerror or exc}", hint="check the path and its permissions")]
        ) from None


def parse(path: str, text: str) -> Document:
    """Parse ``text`` as JSON or YAML according to the file name."""
    is_yaml = path.lower().endswith((".yaml", ".yml"))
    if is_yaml:
        import yaml

        try:
            data = yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = f"YAML syntax error: {exc.problem or exc.context}"
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            raise InputError([Problem(path, problem, line=line, column=col, hint="fix the YAML syntax")]) from None
        except yaml.YAMLError as exc:
            raise InputError([Problem(path, f"YAML error: {exc}", hint="fix the YAML syntax")]) from None
        try:
            json.dumps(data, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InputError(
                [
                    Problem(
                        path,
                        f"YAML value that JSON cannot hold: {exc}",
                        hint="use only strings, numbers, booleans, null, lists and mappings",
                    )
                ]
            ) from None
    else:
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise InputError(
                [
                    Problem(
                        path,
                        f"JSON syntax error: {exc.msg}",
                        line=exc.lineno,
                        column=exc.colno,
                        hint="fix the JSON syntax",
                    )
                ]
            ) from None
        except ValueError as exc:
            raise InputError([Problem(path, str(exc), hint="JSON allows only finite numbers")]) from None
    return Document(path=path, text=text, data=data, is_yaml=is_yaml)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def load(path: Path) -> Document:
    """Read and parse one file."""
    return parse(str(path), read_text(path))


def discover(paths: list[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """Expand files and folders (recursively) into a sorted list of JSON/YAML files (or files with other
    ``suffixes``); a missing path is an error."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in suffixes
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder", hint="check the path"))
    if problems:
        raise InputError(problems)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)
