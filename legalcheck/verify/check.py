"""Checking every quote of a record against the archived copies of its source.

Each claim with a quote gets one status: ``verbatim``, ``close`` (with the similarity and the words that differ),
``not_found``, or ``no_copy`` (its source names no copy). Beside the statuses, warnings a fact-checker would want:
a source dated after the record's ``as_of``; a quote whose claimant is not named near it in the copy; a copy whose
own date or address disagrees with the source entry.

A copy that cannot be read (missing, outside the allowed folders, damaged, encrypted, without text, or whose hash
does not match) is an input problem: the record cannot be checked, and :class:`InputError` names every such copy.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalcheck.errors import InputError, Problem
from legalcheck.loading.documents import Document, load
from legalcheck.verify.extract import FORMATS, CopyError, CopyReader, Text, format_of, url_key
from legalcheck.verify.match import Found, find
from legalcheck.verify.text import prepare_quote

STATUSES = ("verbatim", "close", "not_found", "no_copy")
NAME_WINDOW = 600  # characters either side of a quote in which its claimant should be named
_GENERIC = frozenset(
    """the of and for de la del von van der le mr mrs ms dr prof professor sir rep sen gov lt cmdr gen adm col capt
    department ministry office secretary representative senator minister president vice general house senate
    committee subcommittee government state states united national agency spokesperson spokesman spokeswoman press
    council commission chair chairman member members army navy force forces air coast guard""".split()
)


@dataclass(frozen=True)
class Copy:
    """One archived copy named by a source entry."""

    pointer: str
    path: str
    format: str | None
    url: str
    sha256: str
    retrieved: str


def copies_of(source: dict[str, Any], index: int) -> list[Copy]:
    """A source's copies, from either form of its ``archive``: one path, or a list of copies."""
    value = source.get("archive")
    base = f"/sources/{index}/archive"
    if isinstance(value, str):
        return [Copy(base, value, None, "", "", "")]
    if not isinstance(value, list):
        return []
    return [
        Copy(
            f"{base}/{j}",
            str(c["path"]),
            c.get("format"),
            str(c.get("url", "")),
            str(c.get("sha256", "")),
            str(c.get("retrieved", "")),
        )
        for j, c in enumerate(value)
        if isinstance(c, dict) and isinstance(c.get("path"), str)
    ]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def resolve(written: str, folder: Path, archives: Path | None) -> Path:
    """The file a copy's path names: relative to the record's folder, else to ``archives``; never outside both.

    An absolute path is allowed only with ``archives``; a symbolic link only when it points inside the folders."""
    roots = [folder.resolve()] + ([archives.resolve()] if archives is not None else [])
    where = "the record's folder" + (" or the --archives folder" if archives is not None else "")
    given = Path(written)
    if given.is_absolute():
        if archives is None:
            raise CopyError(
                "an absolute path is not allowed",
                "give the path relative to the record's folder, or keep copies in a folder passed with --archives",
            )
        candidates = [given]
    else:
        candidates = [root / given for root in roots]
    for candidate in candidates:
        plain = Path(os.path.normpath(os.path.abspath(candidate)))
        if not _inside(plain, roots):
            raise CopyError(f"the path leads outside {where}", f"keep archived copies inside {where}")
        if not os.path.lexists(plain):
            continue
        real = plain.resolve()
        if real != plain and not _inside(real, roots):
            raise CopyError(
                f"the path is a symbolic link to a file outside {where}", f"copy the file itself into {where}"
            )
        return real
    raise CopyError("no such file", f"check the path (relative to {where}), or run `legalcheck archive` to save a copy")


def _name_pattern(name: str) -> re.Pattern[str] | None:
    tokens = re.findall(r"[^\W\d_][\w'’-]*", name)
    significant = [t for t in tokens if len(t) >= 3 and t.lower() not in _GENERIC]
    if not significant:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in significant) + r")\b", re.IGNORECASE)


def _after(date: str, than: str) -> bool:
    """Whether a date (YYYY, YYYY-MM or YYYY-MM-DD) is after another, at the precision both have."""
    n = min(len(date), len(than))
    return bool(date) and bool(than) and date[:n] > than[:n]


def _differs(date: str, other: str) -> bool:
    n = min(len(date), len(other))
    return bool(date) and bool(other) and date[:n] != other[:n]


@dataclass(frozen=True)
class Located:
    """One text a quote may be found in: a document copy, or one capture in a web archive."""

    text: Text
    info: dict[str, str]


@dataclass
class RecordCheck:
    path: Path
    record: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    _doc: Document | None = None

    def problem(self, pointer: str, message: str, hint: str) -> None:
        if self._doc is None:
            try:
                self._doc = load(self.path)
            except InputError:
                self.problems.append(Problem(str(self.path), message, pointer=pointer, hint=hint))
                return
        self.problems.append(self._doc.problem(pointer, message, hint=hint))


class Verifier:
    """Checks the quotes of records against their sources' archived copies; one per run, so that every copy is
    read once however many records cite it."""

    def __init__(self, archives: Path | None = None, reader: CopyReader | None = None) -> None:
        self.archives = archives
        self.reader = reader if reader is not None else CopyReader()
        self._resolved: dict[tuple[str, Path], Path | CopyError] = {}

    def resolve(self, written: str, folder: Path) -> Path:
        """:func:`resolve`, once per path and folder in a run."""
        key = (written, folder)
        found = self._resolved.get(key)
        if found is None:
            try:
                found = resolve(written, folder, self.archives)
            except CopyError as exc:
                found = exc
            self._resolved[key] = found
        if isinstance(found, CopyError):
            raise CopyError(found.message, found.hint)
        return found

    def verify(self, record: dict[str, Any], path: Path) -> dict[str, Any]:
        """The ``verification`` part of a results document; raises InputError if a copy cannot be read."""
        check = RecordCheck(path, record)
        sources = record.get("sources", [])
        texts: dict[str, list[Located]] = {}
        source_notes: dict[str, dict[str, Any]] = {}
        for i, source in enumerate(sources):
            warnings: list[str] = []
            if _after(str(source.get("date", "")), str(record["as_of"])):
                warnings.append(f"dated {source['date']}, after the record's as_of date ({record['as_of']})")
            copies = copies_of(source, i)
            found: list[Located] = []
            for copy in copies:
                found.extend(self._copy(check, source, copy, warnings))
            texts[source["id"]] = found
            if copies or warnings:
                note: dict[str, Any] = {"copies": [c.path for c in copies]}
                if warnings:
                    note["warnings"] = list(dict.fromkeys(warnings))  # once each, however many captures repeat one
                source_notes[source["id"]] = note
        if check.problems:
            raise InputError(check.problems)
        names = {a["id"]: a["name"] for a in record.get("actors", [])}
        quotes: dict[str, dict[str, Any]] = {}
        for i, claim in enumerate(record.get("claims", [])):
            if claim.get("quote"):
                quotes[claim["id"]] = self._quote(claim, i, texts.get(claim["source"], []), names)
        counts = dict.fromkeys(("quotes", *STATUSES, "warnings"), 0)
        for q in quotes.values():
            counts["quotes"] += 1
            counts[q["status"]] += 1
            counts["warnings"] += len(q.get("warnings", []))
        counts["warnings"] += sum(len(n.get("warnings", [])) for n in source_notes.values())
        return {"counts": counts, "quotes": quotes, "sources": source_notes}

    def _copy(self, check: RecordCheck, source: dict[str, Any], copy: Copy, warnings: list[str]) -> list[Located]:
        """The texts of one copy (several for a web archive holding several captures of the source's URL)."""
        sid = source["id"]
        what = f"source {sid!r}, archived copy {copy.path}"
        try:
            real = self.resolve(copy.path, check.path.parent)
            fmt = copy.format or format_of(real.name) or format_of(copy.path)
            if fmt not in FORMATS:
                raise CopyError(
                    "cannot tell the copy's format from its name", f'add "format": one of {", ".join(FORMATS)}'
                )
            data = self.reader.file(real)
            if copy.sha256 and data.sha256 != copy.sha256:
                raise CopyError(
                    f"the file's SHA-256 is {data.sha256}, not the {copy.sha256} the record gives: it has changed",
                    "restore the archived file, or record the new hash if the change is intended",
                )
            info = {"path": copy.path, "format": fmt}
            if copy.url and source.get("url") and url_key(copy.url) != url_key(str(source["url"])):
                warnings.append(f"copy {copy.path} is a copy of {copy.url}, not of the source's url {source['url']}")
            if fmt != "warc":
                text = self.reader.document(real, fmt)
                self._own(text, source, copy, warnings, f"copy {copy.path}")
                return [Located(text, info)]
            return self._captures(real, source, copy, info, warnings)
        except CopyError as exc:
            pointer = copy.pointer if copy.pointer.endswith("archive") else copy.pointer + "/path"
            check.problem(pointer, f"{what}: {exc.message}", exc.hint)
            return []

    def _captures(
        self, real: Path, source: dict[str, Any], copy: Copy, info: dict[str, str], warnings: list[str]
    ) -> list[Located]:
        url = copy.url or str(source.get("url", ""))
        if not url:
            raise CopyError(
                "a web archive copy needs the URL of its capture", 'add "url" to the copy, or a url to the source'
            )
        index = self.reader.captures(real)
        captures = index.get(url_key(url))
        if not captures:
            held = sorted({c.url for cs in index.values() for c in cs})
            listed = ", ".join(held[:5]) + (f" and {len(held) - 5} more" if len(held) > 5 else "")
            raise CopyError(f"the web archive holds no capture of {url} (it holds {listed})", "check the copy's url")
        if copy.retrieved:
            same_day = [c for c in captures if c.date.startswith(copy.retrieved)]
            if same_day:
                captures = same_day
            else:
                dates = ", ".join(c.date for c in captures)
                warnings.append(f"copy {copy.path}: retrieved {copy.retrieved}, but {url} was captured {dates}")
        located = []
        for capture in captures:
            text = self.reader.capture(real, capture)
            if _after(str(source.get("date", "")), capture.date[:10]):
                warnings.append(
                    f"copy {copy.path}: {url} was captured {capture.date}, before the source's date ({source['date']})"
                )
            self._own(text, source, copy, warnings, f"copy {copy.path} ({capture.date})")
            located.append(Located(text, {**info, "url": capture.url, "captured": capture.date}))
        return located

    def _own(self, text: Text, source: dict[str, Any], copy: Copy, warnings: list[str], name: str) -> None:
        """Warnings where what a copy says of itself disagrees with the source entry."""
        date = str(source.get("date", ""))
        if text.date and _differs(text.date, date):
            warnings.append(f"{name} says it was published {text.date}; the source's date is {date}")
        if text.url and source.get("url") and url_key(text.url) != url_key(str(source["url"])):
            warnings.append(f"{name} gives its address as {text.url}; the source's url is {source['url']}")
        if copy.retrieved and _after(date, copy.retrieved):
            warnings.append(f"{name} was retrieved {copy.retrieved}, before the source's date ({date})")

    def _quote(self, claim: dict[str, Any], index: int, texts: list[Located], names: dict[str, str]) -> dict[str, Any]:
        result: dict[str, Any] = {
            "pointer": f"/claims/{index}",
            "claimant": claim["claimant"],
            "source": claim["source"],
            "quote": claim["quote"],
        }
        if not texts:
            result["status"] = "no_copy"
            return result
        written = prepare_quote(claim["quote"])
        quote = written.text
        if not quote.strip():  # nothing but quotation marks and spaces: nothing to find
            result["status"] = "not_found"
            result["searched"] = [dict(t.info) for t in texts]
            return result
        best: tuple[Found, Located] | None = None
        for located in texts:
            found = find(quote, located.text, written)
            if best is None or found.rank > best[0].rank:
                best = (found, located)
            if found.status == "verbatim":
                break
        assert best is not None
        found, located = best
        result["status"] = found.status
        if found.status == "not_found":
            result["searched"] = [dict(t.info) for t in texts]
            return result
        result["copy"] = dict(located.info)
        if found.status == "close":
            result["similarity"] = found.similarity
            result["differences"] = [{"quote": a, "copy": b} for a, b in found.differences]
        if found.in_page:
            result["outside_main_text"] = True
        result["selector"] = found.selector()
        result["position"] = found.position()
        claimant = names.get(claim["claimant"], "")
        pattern = _name_pattern(claimant)
        if pattern is not None and found.text is not None:
            window = found.text.text[max(0, found.start - NAME_WINDOW) : found.end + NAME_WINDOW]
            if not pattern.search(window):
                result["warnings"] = [
                    f"the claimant ({claimant}) is not named within {NAME_WINDOW} characters of the quote in the copy"
                ]
        return result
