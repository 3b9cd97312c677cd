"""Readable one-line summaries of record items, and the sources each item rests on."""

from __future__ import annotations

from typing import Any

from legalcheck.engine.model import Evidence
from legalcheck.engine.selection import Match


def _figure(value: Any) -> str:
    """A count, or a range {min, max} as 'min to max' ('at least min' without max)."""
    if isinstance(value, dict):
        if "max" in value:
            return f"{value.get('min')} to {value['max']}"
        return f"at least {value.get('min')}"
    return str(value)


class Describer:
    """Knows one record's actors and sources, so that evidence can name them."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self.actor_names = {a["id"]: a["name"] for a in record.get("actors", [])}
        self._evidence: dict[tuple[str, str], Evidence] = {}

    def name(self, actor_id: str) -> str:
        return str(self.actor_names.get(actor_id, actor_id))

    def top_item(self, pointer: str) -> tuple[str, Any, str]:
        """The collection, the top-level item a pointer falls in, and the rest of the pointer."""
        parts = pointer.split("/")
        if len(parts) >= 3 and isinstance(self.record.get(parts[1]), list) and parts[2].isdigit():
            items = self.record[parts[1]]
            index = int(parts[2])
            if index < len(items):
                return parts[1], items[index], "/".join(parts[3:])
        if len(parts) >= 2 and parts[1]:
            return parts[1], self.record.get(parts[1]), "/".join(parts[2:])
        return "", self.record, ""

    def summary(self, collection: str, item: Any, rest: str) -> str:
        text = self._summary(collection, item)
        return f"{text} [{rest.replace('/', ' › ')}]" if rest else text

    def _summary(self, collection: str, item: Any) -> str:
        if not isinstance(item, dict):
            return f"{collection}: {item!r}" if collection else "the record"
        if collection == "claims":
            said = item.get("text") or item.get("proposition", "")
            return f"{self.name(item.get('claimant', ''))} ({item.get('stance', '')}): {said}"
        if collection == "events":
            head = item.get("kind", "event").replace("_", " ")
            if item.get("date"):
                head += f" ({item['date']})"
            return f"{head}: {item['description']}" if item.get("description") else head
        if collection == "persons":
            who = item.get("name") or "unnamed person"
            details = ", ".join(str(item[k]) for k in ("fate", "nationality") if item.get(k))
            return f"{who} ({details})" if details else who
        if collection == "legal_bases":
            detail = f": {item['detail']}" if item.get("detail") else ""
            return f"{self.name(item.get('claimant', ''))} invokes {item.get('basis', '').replace('_', ' ')}{detail}"
        if collection == "casualty_figures":
            figures = "; ".join(
                f"{measure.replace('_', ' ')} {_figure(item[measure])}"
                for measure in ("killed", "civilians_killed", "injured")
                if measure in item
            )
            who = f" ({self.name(item['claimant'])})" if isinstance(item.get("claimant"), str) else ""
            return f"casualty figure{who}: {figures or 'no figure given'}"
        if collection == "sources":
            title = item.get("title") or item.get("publisher") or item.get("id")
            return f"{item.get('kind', 'source').replace('_', ' ')}: {title}"
        if collection == "actors":
            return f"{item.get('name')} ({item.get('kind', '').replace('_', ' ')})"
        if collection == "location":
            return f"location: {item.get('description') or item.get('maritime_zone') or item.get('domain') or 'given'}"
        if not collection:
            return "the record"
        return collection.replace("_", " ")

    @staticmethod
    def sources_of(collection: str, item: Any) -> tuple[str, ...]:
        if not isinstance(item, dict):
            return ()
        if collection == "sources":
            return (str(item["id"]),)
        found: list[str] = []
        if isinstance(item.get("source"), str):
            found.append(item["source"])
        for key in ("sources", "identified_by"):
            refs = item.get(key)
            for ref in refs if isinstance(refs, list) else ():
                if isinstance(ref, str) and ref not in found:  # the record's own list of sources holds objects
                    found.append(ref)
        return tuple(found)

    def evidence(self, match: Match, role: str) -> Evidence:
        """One match as evidence in a role, with its summary and provenance; made once per record item and role."""
        key = (match.pointer, role)
        found = self._evidence.get(key)
        if found is None:
            said = self.item(match.pointer)
            found = Evidence(
                match.pointer,
                role,
                said["summary"],
                tuple(said["sources"]),
                said.get("claimant", ""),
                said.get("stance", ""),
                said.get("quote", ""),
            )
            self._evidence[key] = found
        return found

    def item(self, pointer: str) -> dict[str, Any]:
        """What results say of the record item a pointer names, whatever role it plays: its summary and sources, and
        for a claim its claimant, stance and quote."""
        collection, item, rest = self.top_item(pointer)
        data: dict[str, Any] = {
            "summary": self.summary(collection, item, rest),
            "sources": list(self.sources_of(collection, item)),
        }
        if collection == "claims" and isinstance(item, dict):
            said = (self.name(item.get("claimant", "")), str(item.get("stance", "")), str(item.get("quote", "")))
            data.update((k, v) for k, v in zip(("claimant", "stance", "quote"), said, strict=True) if v)
        return data

    def names_item(self, pointer: str) -> bool:
        """Whether a pointer falls in an item of the record (a list's item by its index, or a top-level object)."""
        parts = pointer.split("/")
        if len(parts) < 2 or parts[0]:
            return False
        value = self.record.get(parts[1])
        if isinstance(value, list):
            return len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) < len(value)
        return isinstance(value, dict)
