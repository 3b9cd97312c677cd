"""`legalcheck archive`: fetch each source that has no archived copy yet into a web archive (WARC) beside the
record, and write a new version of the record naming the copies, with their hash and date.

This is the only part of legalcheck that follows a URL, and only when asked to. The web archive is written under a
temporary name and renamed when complete; the record's new version likewise, so the original stays as it was
until the new one is whole. Only http(s) addresses are fetched, redirects only to http(s) addresses, and each
response is read up to a limit.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from legalcheck import __version__
from legalcheck.errors import InputError, OutputError
from legalcheck.loading.documents import load
from legalcheck.loading.records import check_record
from legalcheck.verify.extract import require

MAX_RESPONSE = 64 * 1024 * 1024
USER_AGENT = f"legalcheck/{__version__} (saving a copy of a cited source)"


def fetchable(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) addresses."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not fetchable(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) address: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


def fetch(url: str, timeout: float, limit: int = MAX_RESPONSE) -> Response:
    """GET one http(s) URL; raises OSError (or ValueError) with a reason on any failure."""
    if not fetchable(url):
        raise ValueError("not an http(s) address")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})  # noqa: S310 - scheme checked above
    with opener.open(request, timeout=timeout) as response:
        body = response.read(limit + 1)
        if len(body) > limit:
            raise ValueError(f"the response is larger than {limit // (1024 * 1024)} MiB")
        headers = [
            (k, v) for k, v in response.headers.items() if k.lower() not in ("transfer-encoding", "content-length")
        ]
        headers.append(("Content-Length", str(len(body))))
        return Response(response.geturl(), response.status, response.reason or "", headers, body)


@dataclass
class Archived:
    """What `legalcheck archive` did to one record."""

    record: Path
    warc: Path | None = None
    saved: list[tuple[str, str]] = field(default_factory=list)  # (source id, url)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (source id, url, reason)
    skipped: int = 0  # sources with a copy already, or without an http(s) url


def _warc(responses: list[Response], when: dt.datetime) -> bytes:
    writer_module = require("warcio.warcwriter", "warcio", "writing web archives (WARC)")
    headers_module = require("warcio.statusandheaders", "warcio", "writing web archives (WARC)")
    buffer = io.BytesIO()
    writer = writer_module.WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("", {"software": f"legalcheck {__version__}"}))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for r in responses:
        http = headers_module.StatusAndHeaders(f"{r.status} {r.reason}".strip(), r.headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            r.url, "response", payload=io.BytesIO(r.body), http_headers=http, warc_headers_dict={"WARC-Date": stamp}
        )
        writer.write_record(record)
    return buffer.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a file under a temporary name beside it, then rename: the old file stays until the new one is whole."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _dump(data: dict[str, Any], is_yaml: bool) -> bytes:
    if is_yaml:
        import yaml

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def archive_record(path: Path, timeout: float = 30.0, now: dt.datetime | None = None) -> Archived:
    """Fetch the sources of one record that have no copy, save them in a new WARC beside it, and name the copies in
    a new version of the record. Nothing is written when nothing could be fetched."""
    doc = load(path)
    problems = check_record(doc, doc.data)
    if problems:
        raise InputError(problems)
    record: dict[str, Any] = doc.data
    result = Archived(path)
    responses: list[Response] = []
    saved: list[tuple[int, Response]] = []
    for i, source in enumerate(record.get("sources", [])):
        url = source.get("url")
        if source.get("archive") or not fetchable(url):
            result.skipped += 1
            continue
        try:
            response = fetch(str(url).strip(), timeout)
        except urllib.error.HTTPError as exc:
            result.failed.append((source["id"], str(url), f"HTTP {exc.code} {exc.reason}"))
            continue
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            result.failed.append((source["id"], str(url), str(reason)))
            continue
        responses.append(response)
        saved.append((i, response))
        result.saved.append((source["id"], str(url)))
    if not responses:
        return result
    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    data = _warc(responses, when)
    name = f"{path.stem}.{when.strftime('%Y%m%dT%H%M%SZ')}.warc.gz"
    warc = path.parent / name
    n = 2
    while warc.exists():
        name = f"{path.stem}.{when.strftime('%Y%m%dT%H%M%SZ')}-{n}.warc.gz"
        warc = path.parent / name
        n += 1
    digest = hashlib.sha256(data).hexdigest()
    updated = copy.deepcopy(record)
    for i, response in saved:
        updated["sources"][i]["archive"] = [
            {
                "path": name,
                "format": "warc",
                "url": response.url,
                "sha256": digest,
                "retrieved": when.strftime("%Y-%m-%d"),
            }
        ]
    new_doc = load_text(path, _dump(updated, doc.is_yaml))
    problems = check_record(new_doc, new_doc.data)
    if problems:  # pragma: no cover - the copies added are valid by construction
        raise InputError(problems)
    _write_atomically(warc, data)
    try:
        _write_atomically(path, new_doc.text.encode("utf-8"))
    except OutputError:
        warc.unlink(missing_ok=True)
        raise
    result.warc = warc
    return result


def load_text(path: Path, data: bytes) -> Any:
    from legalcheck.loading.documents import parse

    return parse(str(path), data.decode("utf-8"))
