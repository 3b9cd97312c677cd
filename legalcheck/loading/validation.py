"""Validate a document against a shipped schema: fast check first, then every error worded and located."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from legalcheck import resources
from legalcheck.engine.evaluator import Predicate, SchemaCompiler
from legalcheck.errors import Problem
from legalcheck.loading.documents import Document
from legalcheck.loading.positions import escape_token, pointer_of

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError


@cache
def _fast(name: str) -> Predicate:
    return SchemaCompiler().compile(resources.schema(name))


@cache
def _reference(name: str) -> jsonschema.Draft202012Validator:
    """The reference validator, which words every error; imported only when a document fails the fast check. It
    matches patterns as the fast check does (``$`` is the end of the text, not of a line)."""
    from legalcheck.engine import reference

    return reference.validator(resources.schema(name))


def _deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, descend to the most relevant sub-error, as a reader would want."""
    from jsonschema.exceptions import best_match

    while error.context:
        error = best_match(error.context)
    return error


def _resolve(schema: Any, root: dict[str, Any]) -> Any:
    """Follow a local ``$ref`` (``#/$defs/name``) within a shipped schema."""
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#/"):
        target: Any = root
        for token in schema["$ref"][2:].split("/"):
            target = target.get(token, {}) if isinstance(target, dict) else {}
        schema = target
    return schema


def _branch_errors(error: ValidationError, root: dict[str, Any]) -> list[ValidationError] | None:
    """For a oneOf/anyOf that an object fails, the errors of the branch the object was meant for.

    The branch is the one whose required keys the object has, and which knows most of its keys: a
    condition with ``all`` and a misspelled ``descripton`` is reported as an ``all`` with an unexpected key,
    not as a leaf that lacks ``where``. None when the instance is not an object or no branch stands out.
    """
    if error.validator not in ("oneOf", "anyOf") or not isinstance(error.instance, dict) or not error.context:
        return None
    branches = error.schema.get(error.validator) if isinstance(error.schema, dict) else None
    if not isinstance(branches, list):
        return None
    keys = set(error.instance)
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        if sub.relative_schema_path and isinstance(sub.relative_schema_path[0], int):
            by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)

    def score(index: int) -> tuple[int, int, int]:
        branch = _resolve(branches[index], root)
        required = set(branch.get("required", [])) if isinstance(branch, dict) else set()
        known = set(branch.get("properties", {})) if isinstance(branch, dict) else set()
        return (len(required - keys), -len(keys & known), len(by_branch[index]))

    ranked = sorted(by_branch, key=score)
    if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]):
        return None
    return by_branch[ranked[0]] if ranked else None


def _leaves(error: ValidationError, root: dict[str, Any]) -> list[ValidationError]:
    """The errors to report for one top-level error: every error of the intended branch, recursively."""
    chosen = _branch_errors(error, root)
    if chosen is None:
        return [_deepest(error)]
    return [leaf for sub in chosen for leaf in _leaves(sub, root)]


def schema_problems(doc: Document, data: Any, name: str, base: str = "") -> list[Problem]:
    """Every way ``data`` (found at ``base`` in ``doc``) fails the ``name`` schema, as located problems."""
    if _fast(name)(data):
        return []
    problems = []
    seen = set()
    errors = [leaf for top in _reference(name).iter_errors(data) for leaf in _leaves(top, resources.schema(name))]
    for error in errors:
        pointer = base + pointer_of(error.absolute_path)
        unexpected = _unexpected(error)
        if unexpected:
            for extra, hint in unexpected:
                hint = hint or f"see `legalcheck schema {name}` for the allowed properties"
                problems.append(
                    doc.problem(f"{pointer}/{escape_token(extra)}", f"unexpected property {extra!r}", hint=hint)
                )
            continue
        message = error.message
        if len(message) > 300:
            message = message[:297] + "..."
        key = (pointer, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(doc.problem(pointer, message, hint=_hint(name, error)))
    if not problems:  # the two validators disagree: never let that pass as valid
        problems.append(doc.problem(base, f"does not match the {name} schema", hint=f"see `legalcheck schema {name}`"))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.pointer))


def _hint(name: str, error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"see `legalcheck schema {name}` for the allowed properties"
    if error.validator == "required":
        return "add the missing property"
    if error.validator == "enum":
        return "use one of the listed values"
    if (
        isinstance(error.schema, dict)
        and error.schema.get("description")
        and error.validator in ("pattern", "type", "format")
    ):
        return f"expected: {error.schema['description']}"
    return ""


def _unexpected(error: ValidationError) -> list[tuple[str, str]]:
    """For ``additionalProperties: false``: each unexpected key, with a hint naming the key it probably misspells."""
    if (
        error.validator != "additionalProperties"
        or error.validator_value is not False
        or not isinstance(error.instance, dict)
    ):
        return []
    allowed = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
    found = []
    for key in error.instance:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            guess = f"did you mean {close[0]!r}? " if close else ""
            found.append((key, f"{guess}allowed here: {', '.join(allowed)}" if allowed else ""))
    return found


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
