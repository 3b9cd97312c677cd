"""Benchmark `legalcheck verify`: quotes checked per second against archived copies.

    python benchmarks/quotes.py [--records 1000] [--pages 200]

Makes a synthetic corpus, deterministically: ``--pages`` archived pages of made-up text (HTML pages with navigation
and boilerplate, plain text files, PDFs with hyphenated line breaks, and captures in web archives) and
``--records`` records, each citing five of them with five quotes: most verbatim, some typed with other quotation
marks and dashes, some misquoted, some absent, some attributed to a source without a copy. Then it times
`legalcheck verify` over the corpus in a fresh process (the faster of two runs, start-up included) and prints quotes
per second against the target of 500.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET = 500.0
WORDS = (
    "the committee vessel crew department harbour patrol notice statement report record question law sea strait "
    "cutter boarding flag custody consular access briefing letter member secretary coast guard officer vote "
    "council fishing cargo inspection evidence witness hearing session agency review policy authority order "
    "public answer days weeks morning evening said told asked confirmed denied agreed reported stopped found "
    "carried held released returned published planned waited followed explained described and but or because "
    "after before during within without under over near about into from with for on in at by of to"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _text(rng: random.Random, sentences: int = 45) -> str:
    paragraphs = []
    for _ in range(sentences // 5):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(5)))
    return "\n\n".join(paragraphs)


def _html(text: str, title: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    nav = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in WORDS[:12])
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title><script>var t = 1;</script></head><body>"
        f'<div class="cookie-banner">We use cookies. <button>Accept</button></div><header><nav><ul>{nav}</ul></nav>'
        f"</header><main><article><h1>{title}</h1>\n{paragraphs}</article><aside><h2>Most read</h2><ol>{nav}</ol>"
        "</aside></main><footer>All rights reserved.</footer></body></html>"
    ).encode()


def _wrap(text: str, width: int = 70) -> list[str]:
    """Lines of at most ``width`` characters, breaking long words with a hyphen as a typesetter would."""
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 <= width:
            line = f"{line} {word}".strip()
            continue
        room = width - len(line) - 2
        if room >= 3 and len(word) >= 7:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def _pdf(text: str) -> bytes:
    """A minimal PDF with a text layer: one page per 60 lines, Helvetica, lines hyphenated at the margin."""
    lines = [line for p in text.split("\n\n") for line in (*_wrap(p), "")]
    pages = [lines[i : i + 60] for i in range(0, len(lines), 60)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for page in pages:
        ops = (
            "BT /F1 10 Tf 12 TL 50 780 Td "
            + " ".join(
                "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in page
            )
            + " ET"
        )
        stream = ops.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-03-03T10:00:00Z"},
            )
            writer.write_record(record)


def _misquote(quote: str, rng: random.Random) -> str:
    words = quote.split()
    i = rng.randrange(1, len(words) - 1)
    words[i] = rng.choice([w for w in WORDS if w != words[i]])
    return " ".join(words)


def make_corpus(folder: Path, records: int, pages: int, seed: int = 11) -> int:
    """Write the archived pages and the records; returns the number of quotes."""
    rng = random.Random(seed)
    copies = folder / "copies"
    copies.mkdir(parents=True)
    texts: list[str] = []
    entries: list[dict[str, Any]] = []
    in_warc: list[tuple[str, bytes]] = []
    for i in range(pages):
        text = _text(rng)
        texts.append(text)
        url = f"https://news.example.org/{i:04d}"
        kind = i % 10
        if kind < 5:
            (copies / f"page-{i:04d}.html").write_bytes(_html(text, f"Report {i}"))
            entries.append({"url": url, "archive": [{"path": f"copies/page-{i:04d}.html"}]})
        elif kind < 7:
            (copies / f"page-{i:04d}.txt").write_text(f"Report {i}\n\n{text}\n", encoding="utf-8")
            entries.append({"url": url, "archive": f"copies/page-{i:04d}.txt"})
        elif kind < 9:
            (copies / f"page-{i:04d}.pdf").write_bytes(_pdf(text))
            entries.append({"url": url, "archive": [{"path": f"copies/page-{i:04d}.pdf"}]})
        else:
            in_warc.append((url, _html(text, f"Report {i}")))
            entries.append({"url": url, "archive": [{"path": "copies/captures.warc.gz"}]})
    _warc(copies / "captures.warc.gz", in_warc)
    quotes = 0
    for r in range(records):
        cited = rng.sample(range(pages), 5)
        sources = [
            {"id": f"s{j}", "kind": "news_report", "title": f"Report {p}", "date": "2026-03-03", **entries[p]}
            for j, p in enumerate(cited)
        ]
        claims = []
        for j, p in enumerate(cited):
            words = texts[p].split()
            start = rng.randrange(0, len(words) - 20)
            quote = " ".join(words[start : start + rng.randint(8, 20)])
            roll = rng.random()
            source = f"s{j}"
            if roll < 0.08:
                quote = "“" + quote.replace(" ", "\u00a0", 1) + "”"
            elif roll < 0.16:
                quote = _misquote(quote, rng)
            elif roll < 0.20:
                quote = _sentence(rng)
            elif roll < 0.24:
                sources[j].pop("archive")
            claims.append(
                {
                    "id": f"c{j}",
                    "claimant": "a",
                    "stance": "asserts",
                    "proposition": "x.y",
                    "source": source,
                    "quote": quote,
                }
            )
        record = {
            "id": f"quotes-{r:05d}",
            "title": f"Synthetic record {r}",
            "as_of": "2026-03-06",
            "actors": [{"id": "a", "name": "Committee", "kind": "legislator"}],
            "sources": sources,
            "claims": claims,
        }
        (folder / f"record-{r:05d}.json").write_text(json.dumps(record), encoding="utf-8")
        quotes += len(claims)
    return quotes


def time_verify(folder: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "legalcheck", "verify", str(folder)], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"verify failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout.splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        quotes = make_corpus(folder, args.records, args.pages)
        runs = [time_verify(folder) for _ in range(2)]
        seconds = min(s for s, _ in runs)
        rate = quotes / seconds
        verdict = "ok" if rate >= TARGET else "BELOW TARGET"
        print(runs[0][1])
        print(
            f"{args.records} records, {quotes} quotes, {args.pages} archived pages: {seconds:.2f} s, "
            f"{rate:.0f} quotes/s ({rate / TARGET:.2f}x the {TARGET:.0f}/s target, {verdict})"
        )
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
