"""The proposition vocabulary: the keys claims use, their meanings, accepted aliases and the older keys they replace.

The shipped vocabulary is data (legalcheck/vocabulary.json); a rule file may declare further keys under
``propositions``. A :class:`Vocabulary` answers what a key is (a key, an alias of one, a replaced key, or
unknown), which key it stands for, and which key a misspelling probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from legalcheck import resources

KEY = "key"
ALIAS = "alias"
REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    meaning: str
    group: str = ""
    aliases: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    origin: str = "vocabulary"

    @classmethod
    def of(cls, data: Mapping[str, Any], origin: str = "vocabulary") -> Entry:
        return cls(
            key=str(data["key"]),
            meaning=str(data.get("meaning", "")),
            group=str(data.get("group", "")),
            aliases=tuple(data.get("aliases", ())),
            replaces=tuple(data.get("replaces", ())),
            origin=origin,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "meaning": self.meaning,
            "group": self.group,
            "aliases": list(self.aliases),
            "replaces": list(self.replaces),
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Vocabulary:
    """Keys with their aliases and replaced keys; later entries never override earlier ones."""

    entries: tuple[Entry, ...]
    _kinds: dict[str, tuple[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._kinds.setdefault(entry.key, (KEY, entry.key))
        for entry in self.entries:
            for alias in entry.aliases:
                self._kinds.setdefault(alias, (ALIAS, entry.key))
            for old in entry.replaces:
                self._kinds.setdefault(old, (REPLACED, entry.key))

    def with_entries(self, entries: Iterable[Entry]) -> Vocabulary:
        known = {e.key for e in self.entries}
        extra = tuple(e for e in entries if e.key not in known)
        return Vocabulary(self.entries + extra) if extra else self

    def kind(self, word: str) -> tuple[str, str] | None:
        """(KEY, word), (ALIAS, key), (REPLACED, key), or None for a word the vocabulary does not know."""
        return self._kinds.get(word)

    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def canonical(self) -> dict[str, str]:
        """Each alias and replaced key to the key it stands for."""
        return {word: key for word, (kind, key) in self._kinds.items() if kind != KEY}

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def suggest(self, word: str, extra: Iterable[str] = ()) -> str | None:
        """The key a misspelt word most probably means (matched against keys, aliases and ``extra``)."""
        candidates = list(dict.fromkeys([*self._kinds, *extra]))
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        if not close:
            return None
        found = self._kinds.get(close[0])
        return found[1] if found else close[0]

    def search(self, word: str) -> list[Entry]:
        """Entries whose key, alias, replaced key, group or meaning contains ``word`` (case-insensitive)."""
        needle = word.lower()
        return [
            e
            for e in self.entries
            if any(needle in text.lower() for text in (e.key, e.meaning, e.group, *e.aliases, *e.replaces))
        ]


@cache
def shipped() -> Vocabulary:
    """The vocabulary shipped with legalcheck."""
    data = resources.vocabulary()
    return Vocabulary(tuple(Entry.of(e) for e in data["propositions"]))


def declared(data: Any, origin: str) -> list[Entry]:
    """The propositions a (schema-valid) rule file declares for itself."""
    if not isinstance(data, dict):
        return []
    return [Entry.of(p, origin) for p in data.get("propositions", []) if isinstance(p, dict) and "key" in p]


UNKNOWN = "unknown"
PLACEHOLDER = "replace.with-a-proposition-key"  # what `legalcheck new incident` writes


@dataclass(frozen=True)
class KnownKeys:
    """The keys a run knows: the vocabulary (with the loaded rule files' own declarations) and every key a loaded
    checklist reads. :meth:`check` says what is wrong with a claim's key, if anything."""

    vocabulary: Vocabulary
    read: frozenset[str] = frozenset()

    def check(self, key: str) -> tuple[str, str | None] | None:
        """None for a key that is fine; (ALIAS, key), (REPLACED, key) or (UNKNOWN, the key it probably means)."""
        found = self.vocabulary.kind(key)
        if found is not None:
            return None if found[0] == KEY else found
        if key in self.read:
            return None
        return UNKNOWN, self.vocabulary.suggest(key, self.read)


def read_keys(spec: Any) -> Iterator[str]:
    """Every proposition key a condition schema (or a rule file, or any part of one) pins with const or enum."""
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, value in node.items():
                if name in ("const", "enum", "default", "examples"):
                    continue
                if name == "properties" and isinstance(value, dict) and isinstance(value.get("proposition"), dict):
                    pinned = value["proposition"]
                    if isinstance(pinned.get("const"), str):
                        yield pinned["const"]
                    if isinstance(pinned.get("enum"), list):
                        yield from (v for v in pinned["enum"] if isinstance(v, str))
                if isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(value for value in node if isinstance(value, (dict, list)))


def known_keys(specs: Iterable[tuple[Any, str]]) -> KnownKeys:
    """The keys known to a run that loads these rule files ((data, origin) pairs): the vocabulary, the files' own
    declarations, and the keys their conditions read (examples aside)."""
    vocab = shipped()
    read: set[str] = set()
    for data, origin in specs:
        if not isinstance(data, dict):
            continue
        vocab = vocab.with_entries(declared(data, origin))
        read.update(read_keys(data.get("applies_if")))
        read.update(read_keys(data.get("questions")))
    return KnownKeys(vocab, frozenset(read))
