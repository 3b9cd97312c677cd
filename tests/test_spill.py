"""Strings kept on disk with a compact index: what large runs keep per record (names, ids, summaries)."""

from __future__ import annotations

from legalcheck.spill import Spilled


def test_keys_are_found_once_and_texts_come_back() -> None:
    spilled = Spilled()
    keys = [f"incident-{i}" for i in range(5000)] + ["with\nnewline", "ünï", ""]
    for i, key in enumerate(keys):
        assert spilled.add(key, f"where {i}") == i
    assert len(spilled) == len(keys)
    for i, key in enumerate(keys):
        assert spilled.find(key) == i
        assert spilled.add(key, "again") == -1 - i
        assert spilled.key(i) == key and spilled.text(i) == f"where {i}"
    assert spilled.find("absent") == -1
    assert list(spilled.keys()) == keys
    spilled.close()


def test_plain_strings_keep_their_order() -> None:
    spilled = Spilled()
    texts = ["a", "", "ß" * 100, "line\nbreak"]
    for text in texts:
        spilled.append(text)
    assert list(spilled) == texts and spilled[-1] == texts[-1] and spilled[2] == texts[2]
