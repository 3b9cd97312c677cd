"""Compile JSON Schemas into fast boolean predicates, each schema once.

``jsonschema_rs`` (Rust) is the default evaluator: the engine tests every condition against every
selected item, and the pure-Python ``jsonschema`` is about a hundred times slower at that. ``jsonschema``
stays the reference: it checks that each condition is a valid schema and words every error message, and
the test-suite checks that both evaluators agree on every built-in condition.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from legalcheck.errors import UsageError

Predicate = Callable[[Any], bool]

try:  # pragma: no cover - exercised by whichever evaluator is installed
    import jsonschema_rs
except ImportError:  # pragma: no cover
    jsonschema_rs = None  # type: ignore[assignment]
try:  # pragma: no cover - orjson is a dependency; the fallback gives keys as good
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

EVALUATORS = ("jsonschema_rs", "jsonschema")


def default_evaluator() -> str:
    """The evaluator LEGALCHECK_EVALUATOR names, else the fast one where installed; an unknown name is an error."""
    chosen = os.environ.get("LEGALCHECK_EVALUATOR", "")
    if chosen in EVALUATORS:
        return chosen
    if chosen:
        raise UsageError(
            f"LEGALCHECK_EVALUATOR={chosen!r} is not an evaluator: set it to {' or '.join(EVALUATORS)}, or unset it"
        )
    return "jsonschema_rs" if jsonschema_rs is not None else "jsonschema"


def canonical_key(value: Any) -> str:
    """A key equal for equal JSON values whatever their keys' order (for caches within one process)."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:  # an integer beyond 64 bits
            pass
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


class SchemaCompiler:
    """Turns schemas into predicates, caching by the schema's canonical JSON so equal schemas compile once."""

    def __init__(self, evaluator: str | None = None) -> None:
        self.evaluator = evaluator or default_evaluator()
        if self.evaluator == "jsonschema_rs" and jsonschema_rs is None:
            raise UsageError(
                "the jsonschema_rs evaluator is not installed: pip install jsonschema-rs, or unset LEGALCHECK_EVALUATOR"
            )
        self._cache: dict[str, Predicate] = {}

    def __len__(self) -> int:
        return len(self._cache)

    def compile(self, schema: Any) -> Predicate:
        key = canonical_key(schema)
        predicate = self._cache.get(key)
        if predicate is None:
            predicate = self._build(schema)
            self._cache[key] = predicate
        return predicate

    def _build(self, schema: Any) -> Predicate:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if self.evaluator == "jsonschema_rs":
            return _rs_validator(schema).is_valid  # type: ignore[no-any-return]
        from legalcheck.engine import reference  # the reference evaluator, imported only where chosen

        validator = reference.validator(schema)
        validator.is_valid(None)  # a $ref to nowhere surfaces only when used: here, not during a run
        return validator.is_valid  # type: ignore[no-any-return]


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri}: conditions never fetch or read anything")


def _rs_validator(schema: Any) -> Any:
    """A validator that retrieves nothing (no network, no files) and matches regular expressions in linear time."""
    return jsonschema_rs.Draft202012Validator(schema, retriever=_refuse, pattern_options=jsonschema_rs.RegexOptions())


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used (as JSON Schema's linear-time engine reads it), or None."""
    if jsonschema_rs is None:  # pragma: no cover
        return None
    try:
        _rs_validator({"pattern": pattern})
    except Exception as exc:  # noqa: BLE001 - any refusal is reported in the engine's words
        return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return None


def regex_search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text``, in linear time (the engine jsonschema_rs uses)."""
    return _pattern_predicate(pattern)(text)


_PATTERNS: dict[str, Predicate] = {}


def _pattern_predicate(pattern: str) -> Predicate:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = _rs_validator({"type": "string", "pattern": pattern}).is_valid
    return found


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def schema_problems(schema: Any) -> list[tuple[str, str]]:
    """Why ``schema`` is not a valid draft 2020-12 schema: (pointer within the schema, message) pairs.

    Only the meta-schema is checked here; whether the schema can be used (its ``$ref`` targets, its regular
    expressions) shows when it is compiled.
    """
    if isinstance(schema, bool):
        return []
    if (
        jsonschema_rs is not None
        and isinstance(schema, dict)
        and "$schema" not in schema
        and jsonschema_rs.meta.is_valid(schema)
    ):
        return []
    import jsonschema  # words the errors; imported only for a schema the fast check did not pass

    validator = jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA)
    return [
        ("".join(f"/{p}" for p in e.absolute_path), e.message)
        for e in sorted(validator.iter_errors(schema), key=lambda e: list(e.absolute_path))
    ]
