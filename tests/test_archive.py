"""`legalcheck archive` against a local HTTP server started here (127.0.0.1 only; never the internet)."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from legalcheck.verify.fetch import archive_record

DATA = Path(__file__).resolve().parent / "data" / "verify"
PAGES = {
    "/news": ("text/html; charset=utf-8", (DATA / "news-page.html").read_bytes()),
    "/letter.pdf": ("application/pdf", (DATA / "letter.pdf").read_bytes()),
    "/release.txt": ("text/plain; charset=utf-8", (DATA / "press-release.txt").read_bytes()),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news")
            self.end_headers()
            return
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        found = PAGES.get(self.path)
        if found is None:
            self.send_error(404)
            return
        content_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _record(folder: Path, base: str) -> Path:
    record = json.loads((DATA / "quotes.json").read_text())
    urls = {
        "release": f"{base}/release.txt",
        "ledger": f"{base}/moved",
        "letter": f"{base}/letter.pdf",
        "ledger-archived": f"{base}/gone",
        "letter-archived": f"{base}/to-file",
    }
    for source in record["sources"]:
        source.pop("archive", None)
        if source["id"] in urls:
            source["url"] = urls[source["id"]]
    source = next(s for s in record["sources"] if s["id"] == "monitor-note")
    source["archive"] = "already-saved.txt"  # a copy already named: not fetched
    (folder / "already-saved.txt").write_text("The crew have not been allowed to speak to a lawyer.\n")
    path = folder / "record.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path


def test_archive_saves_copies_and_a_new_version_of_the_record(tmp_path: Path, server: str) -> None:
    path = _record(tmp_path, server)
    result = run_cli("archive", str(path))
    assert result.exit_code == 1, result.output  # two sources could not be fetched
    assert f"source 'ledger-archived': could not fetch {server}/gone: HTTP 404" in result.output
    assert "source 'letter-archived': could not fetch" in result.output and "file:///etc/passwd" in result.output
    assert "3 sources saved to" in result.output
    warcs = sorted(tmp_path.glob("record.*.warc.gz"))
    assert len(warcs) == 1
    digest = hashlib.sha256(warcs[0].read_bytes()).hexdigest()
    record = json.loads(path.read_text())
    copies = {s["id"]: s.get("archive") for s in record["sources"]}
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    assert copies["release"] == [
        {"path": warcs[0].name, "format": "warc", "url": f"{server}/release.txt", "sha256": digest, "retrieved": today}
    ]
    assert copies["ledger"][0]["url"] == f"{server}/news"  # the address the redirect led to
    assert copies["ledger-archived"] is None and copies["monitor-note"] == "already-saved.txt"
    assert not list(tmp_path.glob(".record.json.*"))  # no temporary file left
    checked = run_cli("verify", str(path))
    assert checked.exit_code == 0, checked.output
    assert ": /claims/0 no-briefing" not in checked.output  # verbatim in the fetched page
    assert "/claims/3 contraband: close" in checked.output
    assert "/claims/5 rights: no copy" not in checked.output  # verbatim in the copy already saved
    assert f"copy {warcs[0].name} is a copy of {server}/news, not of the source's url {server}/moved" in checked.output


def test_archive_writes_nothing_when_nothing_can_be_fetched(tmp_path: Path, server: str) -> None:
    path = _record(tmp_path, server)
    record = json.loads(path.read_text())
    record["sources"] = [s for s in record["sources"] if s["id"] in ("ledger-archived", "monitor-note")]
    record["claims"] = [c for c in record["claims"] if c["source"] in ("ledger-archived", "monitor-note")]
    path.write_text(json.dumps(record))
    before = path.read_bytes()
    result = run_cli("archive", str(path))
    assert result.exit_code == 1
    assert "nothing saved" in result.output
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.warc.gz"))


def test_archive_keeps_an_invalid_record_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"id": "x"}')
    result = run_cli("archive", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert path.read_text() == '{"id": "x"}'


def test_a_second_run_does_not_overwrite_the_first_archive(tmp_path: Path, server: str) -> None:
    path = _record(tmp_path, server)
    when = dt.datetime(2026, 3, 6, 12, 0, tzinfo=dt.timezone.utc)
    first = archive_record(path, now=when)
    record = json.loads(path.read_text())
    record["sources"][0].pop("archive")
    path.write_text(json.dumps(record))
    second = archive_record(path, now=when)
    assert first.warc is not None and second.warc is not None
    assert first.warc != second.warc and first.warc.exists() and second.warc.exists()
    assert second.warc.name == "record.20260306T120000Z-2.warc.gz"


def test_a_yaml_record_gets_a_yaml_version(tmp_path: Path, server: str) -> None:
    import yaml

    path = tmp_path / "record.yaml"
    path.write_text(
        "id: yaml-record\ntitle: A record in YAML\nas_of: '2026-03-06'\n"
        f"sources:\n  - id: release\n    kind: official_statement\n    url: {server}/release.txt\n"
    )
    result = run_cli("archive", str(path))
    assert result.exit_code == 0, result.output
    record = yaml.safe_load(path.read_text())
    assert record["as_of"] == "2026-03-06"
    assert record["sources"][0]["archive"][0]["format"] == "warc"
    assert run_cli("validate", str(path)).exit_code == 0


def test_a_response_over_the_limit_is_refused(server: str) -> None:
    from legalcheck.verify.fetch import fetch

    with pytest.raises(ValueError, match="larger than"):
        fetch(f"{server}/news", timeout=5, limit=100)
    with pytest.raises(ValueError, match="not an http"):
        fetch("file:///etc/passwd", timeout=5)
