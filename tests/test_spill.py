"""Strings kept in memory while few and on disk once many, findable by key: what large runs keep per record (names,
ids, summaries)."""

from __future__ import annotations

import pytest

from legalcheck import spill
from legalcheck.spill import Groups, Spilled


@pytest.fixture(params=[0, 3, spill.IN_MEMORY], ids=["on-disk", "moved-to-disk", "in-memory"])
def in_memory(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(spill, "IN_MEMORY", request.param)
    return int(request.param)


def test_keys_are_found_once_and_texts_come_back(in_memory: int) -> None:
    spilled = Spilled()
    keys = [f"incident-{i}" for i in range(500)] + ["with\nnewline", "ünï", "", "undecodable-\udcff"]
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


def test_plain_strings_keep_their_order(in_memory: int) -> None:
    spilled = Spilled()
    texts = ["a", "", "ß" * 100, "line\nbreak", "\udcff"]
    for text in texts:
        spilled.append(text)
    assert list(spilled) == texts and spilled[-1] == texts[-1] and spilled[2] == texts[2]
    assert list(spilled.keys()) == []
    with pytest.raises(IndexError):
        spilled[len(texts)]
    with pytest.raises(KeyError):
        spilled.key(0)
    spilled.close()


def test_keyed_and_plain_entries_mix(in_memory: int) -> None:
    spilled = Spilled()
    assert spilled.append("plain") == 0
    assert spilled.add("k", "keyed") == 1
    assert spilled.append("plain again") == 2
    assert list(spilled) == ["plain", "keyed", "plain again"] and list(spilled.keys()) == ["k"]
    assert spilled.find("k") == 1 and spilled.find("plain") == -1
    spilled.close()


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([], []),
        ([0, 1, 2], []),
        ([0, 1, 0, 2, 1, 0], [[0, 2, 5], [1, 4]]),
        ([3, 3, 0, 5, 0, 3], [[2, 4], [0, 1, 5]]),  # by group number, each in ascending position
    ],
)
def test_groups_give_the_positions_of_each_group_of_several(groups: list[int], expected: list[list[int]]) -> None:
    found = Groups()
    for group in groups:
        found.append(group)
    assert len(found) == len(groups)
    assert list(found.shared()) == expected


def test_long_texts_move_to_disk_before_many_entries_would() -> None:
    texts = [str(i) * (spill.IN_MEMORY_CHARS // 3) for i in range(4)]
    found = Spilled()
    for n, text in enumerate(texts):
        found.append(text)
        assert found.on_disk == (n == 3)  # past the characters kept in memory, though far from IN_MEMORY entries
    assert list(found) == texts
    found.close()
