"""Validate a document against a shipped schema: fast check first, then every error worded and located."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from legalcheck import resources
from legalcheck.engine.evaluator import Predicate, SchemaCompiler
from legalcheck.errors import Problem
from legalcheck.loading.documents import Document
from legalcheck.loading.positions import pointer_of


@cache
def _fast(name: str) -> Predicate:
    return SchemaCompiler().compile(resources.schema(name))


@cache
def _reference(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(resources.schema(name))


def _deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, descend to the most relevant sub-error, as a reader would want."""
    while error.context:
        error = best_match(error.context)
    return error


def schema_problems(doc: Document, data: Any, name: str, base: str = "") -> list[Problem]:
    """Every way ``data`` (found at ``base`` in ``doc``) fails the ``name`` schema, as located problems."""
    if _fast(name)(data):
        return []
    problems = []
    seen = set()
    for error in _reference(name).iter_errors(data):
        error = _deepest(error)
        pointer = base + pointer_of(error.absolute_path)
        message = error.message
        if len(message) > 300:
            message = message[:297] + "..."
        key = (pointer, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(doc.problem(pointer, message, hint=_hint(name, error)))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.pointer))


def _hint(name: str, error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"see `legalcheck schema {name}` for the allowed properties"
    if error.validator == "required":
        return "add the missing property"
    if error.validator == "enum":
        return "use one of the listed values"
    if isinstance(error.schema, dict) and error.schema.get("description") and error.validator in ("pattern", "type", "format"):
        return f"expected: {error.schema['description']}"
    return ""


def iter_refs(items: Any, field: str) -> Iterator[tuple[int, str, str]]:
    """(index, pointer suffix, referenced id) for a field that holds one id or a list of ids."""
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict) or field not in item:
            continue
        value = item[field]
        if isinstance(value, str):
            yield i, f"/{i}/{field}", value
        elif isinstance(value, list):
            for j, ref in enumerate(value):
                if isinstance(ref, str):
                    yield i, f"/{i}/{field}/{j}", ref
