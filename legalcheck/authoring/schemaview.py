"""Navigate the incident schema the way conditions navigate records.

A condition's ``select`` pointer names items of a record; :func:`select_schemas` finds the incident
schema's description of those items (following ``properties``, ``items``, ``additionalProperties`` and
local ``$ref``s, with ``*`` for every item), so that a condition's ``where`` schema can be checked against
what records can actually contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Schema = dict[str, Any]


@dataclass(frozen=True)
class Selected:
    """The schemas of the items a pointer selects (several when ``*`` runs over an object's values)."""

    schemas: tuple[Schema, ...]
    missing: str = ""  # the first token the schema does not define, if any
    at: str = ""  # the pointer up to (not including) that token


class SchemaView:
    """The incident schema, with local ``$ref``s resolved on demand."""

    def __init__(self, root: Schema) -> None:
        self.root = root

    def resolve(self, schema: Any) -> Schema:
        """Follow local ``$ref``s; sibling keywords of a ``$ref`` (a description) are kept."""
        seen = 0
        while (
            isinstance(schema, dict)
            and isinstance(schema.get("$ref"), str)
            and schema["$ref"].startswith("#/")
            and seen < 20
        ):
            target: Any = self.root
            for token in schema["$ref"][2:].split("/"):
                target = target.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **rest}
            seen += 1
        return schema if isinstance(schema, dict) else {}

    def alternatives(self, schema: Any) -> list[Schema]:
        """A schema and, for anyOf/oneOf, each branch: the shapes a value can take."""
        resolved = self.resolve(schema)
        branches = resolved.get("anyOf") or resolved.get("oneOf")
        if isinstance(branches, list):
            return [alt for branch in branches for alt in self.alternatives(branch)]
        return [resolved]

    @staticmethod
    def is_array(schema: Schema) -> bool:
        kind = schema.get("type")
        return "items" in schema or kind == "array" or (isinstance(kind, list) and "array" in kind)

    @staticmethod
    def may_contain(schema: Schema) -> bool:
        """False for schemas of scalars (a string, a number, an enum of scalars).

        Nothing can be selected inside them."""
        kind = schema.get("type")
        kinds = {kind} if isinstance(kind, str) else set(kind) if isinstance(kind, list) else set()
        if kinds and not kinds & {"object", "array"}:
            return False
        values = schema.get("enum")
        return not (isinstance(values, list) and all(not isinstance(v, (dict, list)) for v in values))

    def child(self, schema: Schema, token: str) -> list[Schema]:
        """Schemas of ``schema``'s member ``token`` ('*' = every item or value); empty if it has none."""
        found: list[Schema] = []
        if not self.may_contain(schema):
            return found
        if token == "*":
            if "items" in schema:
                found.extend(self.alternatives(schema["items"]))
            props = schema.get("properties")
            if isinstance(props, dict):
                for value in props.values():
                    found.extend(self.alternatives(value))
            if isinstance(schema.get("additionalProperties"), dict):
                found.extend(self.alternatives(schema["additionalProperties"]))
            return found
        if token.isdigit() and "items" in schema:
            return self.alternatives(schema["items"])
        props = schema.get("properties")
        if isinstance(props, dict) and token in props:
            return self.alternatives(props[token])
        if isinstance(schema.get("additionalProperties"), dict):
            return self.alternatives(schema["additionalProperties"])
        if schema.get("additionalProperties") is not False and not isinstance(props, dict) and "items" not in schema:
            return [{}]  # an unconstrained value: anything may be in it
        return []

    def select(self, pointer: str) -> Selected:
        """The schemas of what ``pointer`` selects: an array at the end stands for its items, as in conditions."""
        current = [self.resolve(self.root)]
        tokens = pointer.split("/")[1:] if pointer else []
        walked = ""
        for token in tokens:
            key = token.replace("~1", "/").replace("~0", "~")
            following = [s for schema in current for s in self.child(schema, key)]
            if not following:
                return Selected((), missing=key, at=walked or "/")
            current = following
            walked += "/" + token
        if tokens and tokens[-1] != "*":
            expanded: list[Schema] = []
            for schema in current:
                if self.is_array(schema) and "items" in schema:
                    expanded.extend(self.alternatives(schema["items"]))
                else:
                    expanded.append(schema)
            current = expanded
        return Selected(tuple(current))

    @staticmethod
    def property_names(schemas: list[Schema] | tuple[Schema, ...]) -> list[str]:
        names: list[str] = []
        for schema in schemas:
            for name in schema.get("properties", {}) or {}:
                if name not in names:
                    names.append(name)
        return names

    @staticmethod
    def closed(schemas: list[Schema] | tuple[Schema, ...]) -> bool:
        """True if every schema lists its properties and allows no others."""
        return bool(schemas) and all(
            isinstance(s.get("properties"), dict) and s.get("additionalProperties") is False for s in schemas
        )

    @staticmethod
    def allowed_values(schemas: list[Schema] | tuple[Schema, ...]) -> list[Any] | None:
        """The values an enum or const allows, if every schema restricts them; None if any value may occur."""
        values: list[Any] = []
        for schema in schemas:
            if "enum" in schema and isinstance(schema["enum"], list):
                values.extend(v for v in schema["enum"] if v not in values)
            elif "const" in schema:
                if schema["const"] not in values:
                    values.append(schema["const"])
            else:
                return None
        return values if schemas else None
