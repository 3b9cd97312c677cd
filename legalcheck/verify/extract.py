"""The text of an archived copy: plain text, HTML (its main text), PDF, or a capture in a web archive (WARC).

Each file is read and hashed once per run, and each text extracted once per file content (keyed by its SHA-256),
however many quotes cite it. The libraries for HTML (Resiliparse), PDF (pypdf) and WARC (warcio) are imported on
first use, and a missing one is named with the command that installs it.

Every copy is untrusted input: files are read only when they are regular files of bounded size, payloads are read
with a limit, and any failure of a parser on a damaged file becomes a :class:`CopyError` naming what to do.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalcheck.verify.text import Normalised, normalise

MAX_FILE = 512 * 1024 * 1024  # bytes of one copy on disk
MAX_PAYLOAD = 64 * 1024 * 1024  # bytes of one document taken from a web archive
MAX_ARCHIVE = 4 * 1024 * 1024 * 1024  # bytes of all the records of one web archive, uncompressed
MAX_PAGES = 5000  # pages of one PDF
MIN_PAGE_WORDS = 50  # a page with no main text and fewer words than this (a menu, a cookie notice) holds no text
FORMATS = ("txt", "html", "pdf", "warc")
INSTALL = "pip install 'legalcheck[archives]'"


class CopyError(Exception):
    """A copy cannot be read or holds no text: the message says what is wrong, the hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def require(module: str, package: str, purpose: str) -> Any:
    """Import an optional library, or say which package to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise CopyError(f"reading {purpose} needs the {package} package, which is not installed", INSTALL) from None


def format_of(name: str) -> str | None:
    """A copy's format from its file name, or None."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    for suffix, fmt in ((".txt", "txt"), (".text", "txt"), (".md", "txt"), (".pdf", "pdf")):
        if lower.endswith(suffix):
            return fmt
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return None


@dataclass(frozen=True)
class Text:
    """The extracted text of one document (NFC), its normalised form, and what the document says of itself."""

    text: str
    norm: Normalised
    page: Text | None = None  # for HTML, the whole page's text, searched when the main text lacks a quote
    date: str = ""  # the document's own publication date (YYYY-MM-DD), where it states one
    url: str = ""  # the document's own address (canonical link), where it states one


def make_text(text: str, page: Text | None = None, date: str = "", url: str = "") -> Text:
    text = unicodedata.normalize("NFC", text)
    return Text(text, normalise(text), page, date, url)


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def plain_text(data: bytes) -> Text:
    text = _decode_text(data)
    if not text.strip():
        raise CopyError("the text file is empty", "archive a copy that holds the source's text")
    return make_text(text)


_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def _meta(tree: Any) -> tuple[str, str]:
    """The page's own publication date and canonical address, where its markup states them."""
    date = url = ""
    for selector in (
        'meta[property="article:published_time"]',
        'meta[name="date"]',
        'meta[name="dc.date"]',
        'meta[itemprop="datePublished"]',
    ):
        node = tree.document.query_selector(selector)
        found = _DATE.match(node.getattr("content", "") or "") if node is not None else None
        if found:
            date = found.group(1)
            break
    for selector in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        node = tree.document.query_selector(selector)
        if node is not None:
            url = (node.getattr("href", "") or node.getattr("content", "") or "").strip()
            if url:
                break
    return date, url


def html_text(data: bytes, charset: str = "") -> Text:
    """An HTML page's main text (navigation, boilerplate, scripts dropped), with the whole page's text beside it."""
    encoding = require("resiliparse.parse.encoding", "Resiliparse", "HTML copies")
    html2text = require("resiliparse.extract.html2text", "Resiliparse", "HTML copies")
    parse = require("resiliparse.parse.html", "Resiliparse", "HTML copies")
    try:
        html = encoding.bytes_to_str(data, charset or encoding.detect_encoding(data))
        tree = parse.HTMLTree.parse(html)
        main = html2text.extract_plain_text(tree, main_content=True, alt_texts=False, links=False)
        whole = html2text.extract_plain_text(tree, main_content=False, alt_texts=False, links=False)
        date, url = _meta(tree)
    except Exception as exc:  # noqa: BLE001 - a damaged page may make the parser raise anything
        raise CopyError(f"cannot read the HTML: {exc}", "archive the page again") from None
    if not main.strip() and len(whole.split()) < MIN_PAGE_WORDS:
        raise CopyError("the HTML page holds no text", "archive a copy of the page that shows the source's text")
    if not main.strip():  # no main text found: the whole page is the text
        return make_text(whole, None, date, url)
    return make_text(main, make_text(whole) if whole != main else None, date, url)


def pdf_text(data: bytes) -> Text:
    """The text layer of every page of a PDF."""
    pypdf = require("pypdf", "pypdf", "PDF copies")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CopyError(
                "the PDF is encrypted with a password", "archive a copy without a password (print it to PDF)"
            )
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise CopyError(f"the PDF has {len(pages)} pages, more than {MAX_PAGES}", "archive the pages cited")
        text = "\n".join(page.extract_text() or "" for page in pages)
    except CopyError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged PDF may make the parser raise anything
        raise CopyError(f"cannot read the PDF: {exc}", "archive the document again") from None
    if not text.strip():
        raise CopyError(
            "the PDF has no text layer (a scanned image?)", "archive a copy with text, or run OCR on it first"
        )
    return make_text(text)


def document_text(data: bytes, fmt: str, charset: str = "") -> Text:
    if fmt == "html":
        return html_text(data, charset)
    if fmt == "pdf":
        return pdf_text(data)
    return plain_text(data)


def sniff(content_type: str, data: bytes) -> tuple[str, str]:
    """The format of a captured document from its Content-Type (or its first bytes), and its charset."""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    found = re.search(r"charset=[\"']?([\w.:-]+)", params, re.IGNORECASE)
    charset = found.group(1) if found else ""
    if mime in ("text/html", "application/xhtml+xml"):
        return "html", charset
    if mime == "application/pdf":
        return "pdf", charset
    if mime.startswith("text/"):
        return "txt", charset
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf", charset
    if head.startswith((b"<!doctype html", b"<html", b"<")):
        return "html", charset
    return "txt", charset


@dataclass(frozen=True)
class Capture:
    """One response or resource record of a web archive."""

    url: str
    date: str  # WARC-Date
    offset: int


@dataclass
class FileData:
    sha256: str
    size: int
    captures: dict[str, list[Capture]] | None = None  # for a web archive: captures by normalised URL


def url_key(url: str) -> str:
    """A URL as compared with another: scheme, ``www.``, fragment and a final slash do not count."""
    url = url.strip()
    url = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url)
    url = url.split("#", 1)[0]
    host, slash, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + slash + rest).rstrip("/")


@dataclass
class CopyReader:
    """Reads copies for one run: each file hashed once, each text extracted once per content."""

    files: dict[Path, FileData] = field(default_factory=dict)
    texts: dict[tuple[str, str, int], Text] = field(default_factory=dict)
    extracted: int = 0  # how many texts were extracted (each once per run)

    def file(self, path: Path) -> FileData:
        """Hash a regular file (once), refusing anything else."""
        found = self.files.get(path)
        if found is not None:
            return found
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise CopyError("not a regular file", "name a file, not a folder or device")
            if info.st_size > MAX_FILE:
                raise CopyError(f"the file is larger than {MAX_FILE // (1024 * 1024)} MiB", "archive a smaller copy")
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1024 * 1024):
                    digest.update(chunk)
        except OSError as exc:
            raise CopyError(
                f"cannot read the file: {exc.strerror or exc}", "check the path and its permissions"
            ) from None
        found = self.files[path] = FileData(digest.hexdigest(), info.st_size)
        return found

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CopyError(
                f"cannot read the file: {exc.strerror or exc}", "check the path and its permissions"
            ) from None

    def document(self, path: Path, fmt: str) -> Text:
        """The text of a txt, HTML or PDF copy."""
        data = self.file(path)
        if data.size > MAX_PAYLOAD:
            raise CopyError(
                f"the file is larger than {MAX_PAYLOAD // (1024 * 1024)} MiB", "archive the part of the document cited"
            )
        key = (data.sha256, fmt, -1)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = document_text(self._read(path), fmt)
            self.extracted += 1
        return text

    def captures(self, path: Path) -> dict[str, list[Capture]]:
        """Every response and resource record of a web archive, by URL (read once per file)."""
        data = self.file(path)
        if data.captures is None:
            data.captures = self._index(path)
        return data.captures

    def _index(self, path: Path) -> dict[str, list[Capture]]:
        archive = require("warcio.archiveiterator", "warcio", "web archives (WARC)")
        found: dict[str, list[Capture]] = {}
        total = 0
        try:
            with path.open("rb") as handle:
                records = archive.ArchiveIterator(handle)
                for record in records:
                    total += record.length or 0
                    if total > MAX_ARCHIVE:
                        raise CopyError(
                            f"the web archive holds more than {MAX_ARCHIVE // (1024 * 1024)} MiB of records",
                            "archive the pages cited in a smaller file",
                        )
                    if record.rec_type not in ("response", "resource"):
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI") or ""
                    date = record.rec_headers.get_header("WARC-Date") or ""
                    found.setdefault(url_key(url), []).append(Capture(url, date, records.get_record_offset()))
                end = getattr(records, "offset", None)
                size = handle.seek(0, 2)
        except CopyError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged archive may make the reader raise anything
            raise CopyError(
                f"cannot read the web archive: {exc or type(exc).__name__}", "archive the pages again"
            ) from None
        if isinstance(end, int) and end < size:
            raise CopyError(
                f"cannot read the web archive: it is damaged from byte {end} on (of {size})", "archive the pages again"
            )
        if not found:
            raise CopyError("the web archive holds no captured documents", "archive the pages again")
        return found

    def capture(self, path: Path, capture: Capture) -> Text:
        """The text of one capture in a web archive."""
        data = self.file(path)
        key = (data.sha256, "warc", capture.offset)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = self._capture_text(path, capture)
            self.extracted += 1
        return text

    def _capture_text(self, path: Path, capture: Capture) -> Text:
        archive = require("warcio.archiveiterator", "warcio", "web archives (WARC)")
        try:
            with path.open("rb") as handle:
                handle.seek(capture.offset)
                record = next(iter(archive.ArchiveIterator(handle)))
                headers = record.http_headers
                content_type = (headers.get_header("Content-Type") if headers else None) or (
                    record.rec_headers.get_header("Content-Type") or ""
                )
                status = headers.get_statuscode() if headers else "200"
                payload = record.content_stream().read(MAX_PAYLOAD + 1)
        except Exception as exc:  # noqa: BLE001 - a damaged archive may make the reader raise anything
            raise CopyError(f"cannot read the capture of {capture.url}: {exc}", "archive the page again") from None
        if len(payload) > MAX_PAYLOAD:
            raise CopyError(f"the capture of {capture.url} is larger than {MAX_PAYLOAD // (1024 * 1024)} MiB")
        if status and not str(status).startswith("2"):
            raise CopyError(
                f"the capture of {capture.url} is an HTTP {status} response, not the document", "archive the page again"
            )
        fmt, charset = sniff(content_type, payload)
        try:
            return document_text(payload, fmt, charset)
        except CopyError as exc:
            raise CopyError(f"the capture of {capture.url}: {exc.message}", exc.hint) from None
