"""Lists of strings that move to a temporary SQLite database once they are long, each findable by a key: memory
stays flat however many a run makes (a run over a corpus of a hundred thousand records names as many files,
incident ids and summaries).

A short list stays in memory (a run of a few records neither imports nor opens SQLite). Past ``IN_MEMORY`` entries
or ``IN_MEMORY_CHARS`` characters of text (a story's results documents are tens of kilobytes each), SQLite keeps
the strings and the index of keys on disk with a small page cache of its own, so what a run holds does not grow
with the number of records. The database is private to the run: an unnamed temporary file that
SQLite removes when it is closed, never committed, never synced.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

IN_MEMORY = 2048  # entries kept in memory before the list moves to disk,
IN_MEMORY_CHARS = 1 << 20  # or characters (long texts, such as results documents, move sooner)
CACHE_KIB = 512  # SQLite's page cache per list: enough for the index's upper levels, small beside a run
PRAGMAS = ["journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KIB}"]


def _encoded(text: str) -> bytes:
    """UTF-8 that keeps what a file name's undecodable bytes became (lone surrogates) as they were."""
    return text.encode("utf-8", "surrogatepass")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _blob(key: str | None) -> bytes | None:
    return None if key is None else _encoded(key)


@contextlib.contextmanager
def _as_os_error() -> Iterator[None]:
    """SQLite's errors (a full disk, a temporary folder that cannot be written) as the OSError a run reports as a
    failure to write, like any other file it writes."""
    import sqlite3

    try:
        yield
    except sqlite3.Error as exc:
        raise OSError(f"the run's temporary database: {exc}") from None


class Spilled:
    """Strings appended in order; each may carry a key to find it by. Kept in memory while few, then on disk."""

    def __init__(self) -> None:
        self._texts: list[str] = []  # in memory: the strings in order,
        self._keys: list[str | None] = []  # the key of each (None: none),
        self._positions: dict[str, int] = {}  # and the position of each key
        self._db: sqlite3.Connection | None = None  # on disk, once there are more than IN_MEMORY
        self._count = 0
        self._chars = 0  # the length of the texts in memory

    def __len__(self) -> int:
        return self._count

    @property
    def on_disk(self) -> bool:
        """Whether the list has moved to its temporary database."""
        return self._db is not None

    def append(self, text: str) -> int:
        """Add a string; its position."""
        return self._insert(None, text)

    def _insert(self, key: str | None, text: str) -> int:
        position = self._count
        if self._db is None:
            self._chars += len(text)
            if position >= IN_MEMORY or self._chars > IN_MEMORY_CHARS:
                self._to_disk()
        if self._db is None:
            self._texts.append(text)
            self._keys.append(key)
            if key is not None:
                self._positions[key] = position
        else:
            with _as_os_error():
                self._db.execute("INSERT INTO entries VALUES (?, ?, ?)", (position, _blob(key), _encoded(text)))
        self._count += 1
        return position

    def _to_disk(self) -> None:
        import sqlite3  # imported only by a run that keeps many entries

        with _as_os_error():
            db = sqlite3.connect("", isolation_level=None)  # "": a temporary database on disk, removed on close
            for pragma in PRAGMAS:
                db.execute(f"PRAGMA {pragma}")
            db.execute("CREATE TABLE entries (position INTEGER PRIMARY KEY, key BLOB UNIQUE, text BLOB NOT NULL)")
            db.execute("BEGIN")  # one transaction, never committed: nothing is written for anyone else to read
            db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?)",
                ((i, _blob(k), _encoded(t)) for i, (k, t) in enumerate(zip(self._keys, self._texts, strict=True))),
            )
        self._db = db
        self._texts, self._keys, self._positions = [], [], {}

    def _position(self, position: int) -> int:
        if position < 0:
            position += self._count
        if not 0 <= position < self._count:
            raise IndexError(position)
        return position

    def __getitem__(self, position: int) -> str:
        position = self._position(position)
        if self._db is None:
            return self._texts[position]
        with _as_os_error():
            row = self._db.execute("SELECT text FROM entries WHERE position = ?", (position,)).fetchone()
        return _decoded(row[0])

    def __iter__(self) -> Iterator[str]:
        if self._db is None:
            yield from list(self._texts)
            return
        with _as_os_error():
            for (text,) in self._db.execute("SELECT text FROM entries ORDER BY position"):
                yield _decoded(text)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._texts, self._keys, self._positions = [], [], {}

    # -- keyed entries ---------------------------------------------------------------------------------------

    def find(self, key: str) -> int:
        """The position of the entry added with ``key`` (by :meth:`add`), or -1."""
        if self._db is None:
            return self._positions.get(key, -1)
        with _as_os_error():
            row = self._db.execute("SELECT position FROM entries WHERE key = ?", (_encoded(key),)).fetchone()
        return -1 if row is None else int(row[0])

    def add(self, key: str, text: str) -> int:
        """Add ``text`` under ``key`` unless an entry has that key: its position, or -1 - the existing position."""
        found = self.find(key)
        if found >= 0:
            return -1 - found
        return self._insert(key, text)

    def text(self, position: int) -> str:
        """The text of a keyed entry."""
        return self[position]

    def key(self, position: int) -> str:
        """The key of a keyed entry."""
        position = self._position(position)
        if self._db is None:
            key = self._keys[position]
        else:
            with _as_os_error():
                row = self._db.execute("SELECT key FROM entries WHERE position = ?", (position,)).fetchone()
            key = None if row[0] is None else _decoded(row[0])
        if key is None:
            raise KeyError(position)
        return key

    def keys(self) -> Iterator[str]:
        """The keys of the keyed entries, in the order they were added."""
        if self._db is None:
            yield from [k for k in self._keys if k is not None]
            return
        with _as_os_error():
            for (key,) in self._db.execute("SELECT key FROM entries WHERE key IS NOT NULL ORDER BY position"):
                yield _decoded(key)


class Groups:
    """Which group (by number) each entry belongs to, four bytes an entry however many there are: the versions of
    each story in a run, where a corpus may hold a hundred thousand. A list of positions per group took some
    two hundred bytes an entry."""

    def __init__(self) -> None:
        self._group = array("I")  # the group of the entry at each position

    def append(self, group: int) -> None:
        self._group.append(group)

    def __len__(self) -> int:
        return len(self._group)

    def shared(self) -> Iterator[list[int]]:
        """The positions of the entries of each group that has more than one, in ascending order, group by group
        in the order of their numbers (a counting sort, over arrays)."""
        groups = max(self._group, default=-1) + 1
        counts = array("I", bytes(4 * groups))
        for group in self._group:
            counts[group] += 1
        if all(count < 2 for count in counts):
            return
        starts = array("I", bytes(4 * (groups + 1)))
        for group in range(groups):
            starts[group + 1] = starts[group] + counts[group]
        fill = starts[:-1]
        order = array("I", bytes(4 * len(self._group)))
        for position, group in enumerate(self._group):
            order[fill[group]] = position
            fill[group] += 1
        for group in range(groups):
            if counts[group] > 1:
                yield order[starts[group] : starts[group + 1]].tolist()
