"""Derived fields: what conditions can read about an item beyond what the record states on it.

A record names actors and sources by id; a condition that asks "a notification by the acting state's executive
to its legislature" needs the roles, kinds and branches of the actors an event names (as actors, recipients or
authorizers). :func:`derived_view` resolves
the references once per record and returns a view of it in which events, claims, legal bases, casualty figures and
sources carry those fields (``actor_roles``, ``recipient_branches``, ``claimant_kind``, ``source_classification``...).
The view keeps every array in place, so a JSON Pointer into it points at the same item in the record as written;
the record itself is not changed, and reports are written from the record, so derived fields never appear in
outputs. Claims' propositions are read in the view as the key they stand for (an alias or a replaced key counts as
its key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The derived fields on each kind of item, with the schema of their values (rules lint checks conditions
# against the incident schema extended with these; records may not contain them).
_ROLES = {"type": "array", "items": {"$ref": "#/$defs/actor/properties/roles/items"}}
_KINDS = {"type": "array", "items": {"$ref": "#/$defs/actor/properties/kind"}}
_BRANCHES = {"type": "array", "items": {"$ref": "#/$defs/actor/properties/branch"}}
_COMMITTEES = {"type": "array", "items": {"$ref": "#/$defs/actor/properties/committee"}}
_CLAIMANT = {
    "claimant_roles": _ROLES,
    "claimant_kind": {"$ref": "#/$defs/actor/properties/kind"},
    "claimant_branch": {"$ref": "#/$defs/actor/properties/branch"},
    "source_kind": {"$ref": "#/$defs/source/properties/kind"},
    "source_attribution": {"$ref": "#/$defs/source/properties/attribution"},
    "source_classification": {"$ref": "#/$defs/source/properties/classification"},
}
DERIVED_FIELDS: dict[str, dict[str, Any]] = {
    "event": {
        "actor_roles": _ROLES,
        "actor_kinds": _KINDS,
        "actor_branches": _BRANCHES,
        "recipient_roles": _ROLES,
        "recipient_kinds": _KINDS,
        "recipient_branches": _BRANCHES,
        "recipient_committees": _COMMITTEES,
        "authorizer_roles": _ROLES,
        "authorizer_kinds": _KINDS,
    },
    "claim": _CLAIMANT,
    "legal_basis": _CLAIMANT,
    "casualty_figure": _CLAIMANT,
    "source": {"issuer_roles": _ROLES, "issuer_kind": {"$ref": "#/$defs/actor/properties/kind"}},
}

# The branch an actor belongs to when the record does not say: the military, agencies, governments and officials
# are executive; legislators, legislatures and their committees legislative; courts judicial.
_BRANCH_OF_KIND = {
    "government": "executive",
    "military": "executive",
    "agency": "executive",
    "official": "executive",
    "legislator": "legislature",
    "legislature": "legislature",
    "legislative_committee": "legislature",
    "court": "judiciary",
}


def branch_of(actor: Mapping[str, Any]) -> str | None:
    """An actor's branch: as recorded, else from its kind."""
    branch = actor.get("branch")
    if isinstance(branch, str):
        return branch
    return _BRANCH_OF_KIND.get(str(actor.get("kind")))


def view_schema(incident_schema: dict[str, Any]) -> dict[str, Any]:
    """The incident schema with the derived fields added to the items that carry them (what conditions can read)."""
    defs = dict(incident_schema.get("$defs", {}))
    for name, fields in DERIVED_FIELDS.items():
        if isinstance(defs.get(name), dict):
            item = dict(defs[name])
            item["properties"] = {**item.get("properties", {}), **fields}
            defs[name] = item
    return {**incident_schema, "$defs": defs}


class _Actors:
    __slots__ = ("_groups", "by_id", "fields")

    def __init__(self, actors: Any) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        if isinstance(actors, list):
            for actor in actors:
                if isinstance(actor, dict) and isinstance(actor.get("id"), str):
                    self.by_id.setdefault(actor["id"], actor)
        # per actor: (roles, kind, branch, committee)
        self.fields: dict[str, tuple[tuple[str, ...], str | None, str | None, str | None]] = {
            aid: (
                tuple(r for r in a.get("roles", ()) if isinstance(r, str)),
                a["kind"] if isinstance(a.get("kind"), str) else None,
                branch_of(a),
                a["committee"] if isinstance(a.get("committee"), str) else None,
            )
            for aid, a in self.by_id.items()
        }
        self._groups: dict[tuple[Any, ...], tuple[list[str], list[str], list[str], list[str]]] = {}

    def group(self, refs: Any) -> tuple[list[str], list[str], list[str], list[str]]:
        """Roles, kinds, branches and committees of the actors ``refs`` names, worked out once per set of refs (the
        view is only read, so items naming the same actors share the lists)."""
        key = tuple(refs) if isinstance(refs, list) else ()
        found = self._groups.get(key)
        if found is None:
            found = self._groups[key] = self._group(refs)
        return found

    def _group(self, refs: Any) -> tuple[list[str], list[str], list[str], list[str]]:
        roles: set[str] = set()
        kinds: set[str] = set()
        branches: set[str] = set()
        committees: set[str] = set()
        if isinstance(refs, list):
            for ref in refs:
                found = self.fields.get(ref) if isinstance(ref, str) else None
                if found is None:
                    continue
                roles.update(found[0])
                if found[1]:
                    kinds.add(found[1])
                if found[2]:
                    branches.add(found[2])
                if found[3]:
                    committees.add(found[3])
        return sorted(roles), sorted(kinds), sorted(branches), sorted(committees)


def derived_view(record: dict[str, Any], canonical: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The record as conditions see it: the same items at the same pointers, with derived fields added."""
    actors = _Actors(record.get("actors"))
    sources: dict[str, dict[str, Any]] = {}
    if isinstance(record.get("sources"), list):
        for source in record["sources"]:
            if isinstance(source, dict) and isinstance(source.get("id"), str):
                sources.setdefault(source["id"], source)
    view = dict(record)
    events = record.get("events")
    if isinstance(events, list):
        view["events"] = [_event(e, actors) if isinstance(e, dict) else e for e in events]
    for name in ("claims", "legal_bases", "casualty_figures"):
        items = record.get(name)
        if isinstance(items, list):
            view[name] = [_attributed(i, actors, sources, canonical) if isinstance(i, dict) else i for i in items]
    if isinstance(record.get("sources"), list):
        view["sources"] = [_source(s, actors) if isinstance(s, dict) else s for s in record["sources"]]
    return view


def _event(event: dict[str, Any], actors: _Actors) -> dict[str, Any]:
    item = dict(event)
    item["actor_roles"], item["actor_kinds"], item["actor_branches"], _ = actors.group(event.get("actors"))
    (
        item["recipient_roles"],
        item["recipient_kinds"],
        item["recipient_branches"],
        item["recipient_committees"],
    ) = actors.group(event.get("recipients"))
    item["authorizer_roles"], item["authorizer_kinds"], _, _ = actors.group(event.get("authorized_by"))
    return item


def _attributed(
    item: dict[str, Any],
    actors: _Actors,
    sources: dict[str, dict[str, Any]],
    canonical: Mapping[str, str] | None,
) -> dict[str, Any]:
    out = dict(item)
    if canonical:
        proposition = item.get("proposition")
        if isinstance(proposition, str) and proposition in canonical:
            out["proposition"] = canonical[proposition]
    claimant = item.get("claimant")
    found = actors.fields.get(claimant) if isinstance(claimant, str) else None
    out["claimant_roles"] = list(found[0]) if found else []
    if found and found[1]:
        out["claimant_kind"] = found[1]
    if found and found[2]:
        out["claimant_branch"] = found[2]
    ref = item.get("source")
    source = sources.get(ref) if isinstance(ref, str) else None
    if source is not None:
        for own, derived in (
            ("kind", "source_kind"),
            ("attribution", "source_attribution"),
            ("classification", "source_classification"),
        ):
            if isinstance(source.get(own), str):
                out[derived] = source[own]
    return out


def _source(source: dict[str, Any], actors: _Actors) -> dict[str, Any]:
    out = dict(source)
    issuer = source.get("issued_by")
    found = actors.fields.get(issuer) if isinstance(issuer, str) else None
    out["issuer_roles"] = list(found[0]) if found else []
    if found and found[1]:
        out["issuer_kind"] = found[1]
    return out
