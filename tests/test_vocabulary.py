"""The proposition vocabulary: shipped as data, general, documented, and consistent with the checklists."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_cli
from legalcheck import vocabulary
from legalcheck.authoring.propositions import markdown_page

RULE_FILES = sorted((ROOT / "rules").glob("*.json"))
STORY_WORDS = re.compile(r"venezuela|maduro|aragua|tda|cartel|fentanyl|cocaine|drug", re.I)


def _read_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "proposition" and isinstance(value, dict):
                if isinstance(value.get("const"), str):
                    yield value["const"]
                for v in value.get("enum", []):
                    if isinstance(v, str):
                        yield v
            yield from _read_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _read_keys(value)


def test_docs_page_is_generated_from_the_vocabulary() -> None:
    page = (ROOT / "docs" / "propositions.md").read_text(encoding="utf-8")
    assert page == markdown_page(vocabulary.shipped()), "regenerate: legalcheck propositions --format markdown"


def test_keys_name_roles_never_the_story() -> None:
    vocab = vocabulary.shipped()
    for entry in vocab.entries:
        for word in (entry.key, *entry.aliases, entry.meaning):
            assert not STORY_WORDS.search(word), word
        for old in entry.replaces:
            assert vocab.kind(old) == (vocabulary.REPLACED, entry.key)


def test_each_word_has_one_meaning() -> None:
    data = json.loads((ROOT / "legalcheck" / "vocabulary.json").read_text(encoding="utf-8"))
    words = [w for e in data["propositions"] for w in (e["key"], *e["aliases"], *e["replaces"])]
    assert len(words) == len(set(words))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", w) for w in words)
    assert {e["group"] for e in data["propositions"]} == set(data["groups"])


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_checklists_read_only_declared_keys(path: Path) -> None:
    rules = json.loads(path.read_text(encoding="utf-8"))
    vocab = vocabulary.shipped().with_entries(vocabulary.declared(rules, path.name))
    read = set(_read_keys(rules.get("questions", []))) | set(_read_keys(rules.get("applies_if", {})))
    assert {k for k in read if (vocab.kind(k) or ("", ""))[0] != vocabulary.KEY} == set()


def test_suggestions_come_from_keys_and_aliases() -> None:
    vocab = vocabulary.shipped()
    assert vocab.suggest("strike.self-defense") == "strike.self-defence"
    assert vocab.suggest("congress.brefed") == "congress.briefed"
    assert vocab.suggest("zzz") is None


def test_propositions_command_lists_and_searches() -> None:
    found = run_cli("propositions", "self-defense")
    assert found.exit_code == 0
    assert found.output.startswith("strike.self-defence: ")
    assert "aliases: strike.self-defense" in found.output
    replaced = run_cli("propositions", "venezuela.consented")
    assert "territorial-state.consented" in replaced.output
    assert run_cli("propositions", "no-such-word-anywhere").exit_code == 1
    listed = json.loads(run_cli("propositions", "--format", "json").output)
    assert [e["key"] for e in listed] == vocabulary.shipped().keys()
