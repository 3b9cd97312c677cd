"""JSON Pointers map to the line and column of their value in JSON and YAML text."""

from __future__ import annotations

from legalcheck.loading.positions import json_positions, locate, pointer_of, yaml_positions

JSON_TEXT = '{\n  "a": [1, {"b~c": "x"}],\n  "d/e": {"f": null}\n}\n'
YAML_TEXT = "a:\n  - 1\n  - b~c: x\nd/e:\n  f: null\n"


def test_json_positions() -> None:
    positions = json_positions(JSON_TEXT)
    assert positions[""] == (1, 1)
    assert positions["/a"] == (2, 8)
    assert positions["/a/1/b~0c"] == (2, 20)
    assert positions["/d~1e/f"] == (3, 16)


def test_yaml_positions() -> None:
    positions = yaml_positions(YAML_TEXT)
    assert positions["/a/0"] == (2, 5)
    assert positions["/a/1/b~0c"] == (3, 10)
    assert positions["/d~1e/f"] == (5, 6)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    positions = json_positions(JSON_TEXT)
    assert locate(positions, "/a/1/missing") == (2, 12)
    assert locate({}, "/x") is None


def test_pointer_of_escapes_tokens() -> None:
    assert pointer_of(["a/b", 0, "c~d"]) == "/a~1b/0/c~0d"


def test_broken_json_keeps_positions_found_so_far() -> None:
    positions = json_positions('{"a": 1, "b": [tru')
    assert positions["/a"] == (1, 7)
