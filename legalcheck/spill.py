"""Lists of strings kept in a temporary file, with a compact index by key: memory stays flat however many a run
makes (a run over a corpus of a hundred thousand records names as many files, incident ids and summaries).

Memory per entry is some 24 bytes in arrays (an offset, and at most two slots of an open-addressing table of 32-bit
key hashes and positions); the strings themselves are on disk and read back on use.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO


def _hash(key: str) -> int:
    """A 32-bit hash of a key, never 0 (an empty slot), stable across processes. Keys are compared in full when
    their hashes match."""
    value = int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")
    return value or 1


class Spilled:
    """Strings appended in order and kept in a temporary file; each may carry a key to find it by."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()
        self._starts = array("Q")
        self._end = 0
        self._hashes = array("I", bytes(4 * 16))  # open addressing: key hash per slot (0: empty)
        self._slots = array("i", bytes(4 * 16))  # the entry's position per slot
        self._used = 0

    def __len__(self) -> int:
        return len(self._starts)

    def append(self, text: str) -> int:
        """Add a string; its position."""
        data = text.encode("utf-8", "surrogatepass")
        if self._file.tell() != self._end:
            self._file.seek(self._end)
        self._file.write(data)
        self._starts.append(self._end)
        self._end += len(data)
        return len(self._starts) - 1

    def __getitem__(self, position: int) -> str:
        if position < 0:
            position += len(self._starts)
        start = self._starts[position]
        end = self._starts[position + 1] if position + 1 < len(self._starts) else self._end
        self._file.seek(start)
        return self._file.read(end - start).decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        for position in range(len(self._starts)):
            yield self[position]

    def close(self) -> None:
        self._file.close()

    # -- keyed entries ---------------------------------------------------------------------------------------

    def find(self, key: str) -> int:
        """The position of the entry added with ``key`` (by :meth:`add`), or -1."""
        wanted = _hash(key)
        mask = len(self._hashes) - 1
        slot = wanted & mask
        while self._hashes[slot]:
            if self._hashes[slot] == wanted and self._key_at(self._slots[slot]) == key:
                return self._slots[slot]
            slot = (slot + 1) & mask
        return -1

    def add(self, key: str, text: str) -> int:
        """Add ``text`` under ``key`` unless an entry has that key: its position, or -1 - the existing position."""
        found = self.find(key)
        if found >= 0:
            return -1 - found
        position = self.append(json.dumps(key) + "\n" + text)
        if 2 * (self._used + 1) > len(self._hashes):
            self._grow()
        self._insert(_hash(key), position)
        return position

    def text(self, position: int) -> str:
        """The text of a keyed entry (without its key)."""
        return self[position].split("\n", 1)[1]

    def key(self, position: int) -> str:
        """The key of a keyed entry."""
        key: str = json.loads(self[position].split("\n", 1)[0])
        return key

    def keys(self) -> Iterator[str]:
        for position in range(len(self._starts)):
            yield self.key(position)

    _key_at = key

    def _insert(self, wanted: int, position: int) -> None:
        mask = len(self._hashes) - 1
        slot = wanted & mask
        while self._hashes[slot]:
            slot = (slot + 1) & mask
        self._hashes[slot] = wanted
        self._slots[slot] = position
        self._used += 1

    def _grow(self) -> None:
        hashes, slots = self._hashes, self._slots
        self._hashes = array("I", bytes(8 * len(hashes)))
        self._slots = array("i", bytes(8 * len(slots)))
        self._used = 0
        for i, h in enumerate(hashes):
            if h:
                self._insert(h, slots[i])
