"""Write the binary test copies (the letter PDF, the web archive and the bad files) from the text ones beside this file.

The outputs are committed; run this again only to change them: `python tests/data/verify/make_copies.py`.
Every document here is made up.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
WHEN = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.timezone.utc)

LETTER = [
    "DEPARTMENT OF MARITIME SECURITY",
    "Office of the Secretary",
    "",
    "4 March 2026",
    "",
    "The Honorable Casey Lindqvist",
    "Chair, Subcommittee on Coast Guard Affairs",
    "",
    "Dear Representative Lindqvist:",
    "",
    "Thank you for your letter of 3 March. The department stopped the ves-",
    "sel under its standing authority to board stateless vessels on the",
    "high seas. The committee was not briefed in advance because the oper-",
    "ation was planned and carried out within a single day, and we regret",
    "that members first learned of it from our press release.",
    "",
    "The crew of six remain in the department's custody and have been of-",
    "fered consular access. We will brief the committee in closed session",
    "within ten days.",
    "",
    "Sincerely,",
    "Jordan Ashby",
    "Secretary of Maritime Security",
]


def letter_pdf() -> bytes:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(WHEN)
    pdf.set_title("Letter to Representative Lindqvist")
    pdf.set_author("Department of Maritime Security")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in LETTER:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A scanned page: shapes, no text layer."""
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(WHEN)
    pdf.add_page()
    for i in range(20):
        pdf.rect(20, 20 + i * 10, 170, 4, style="F")
    return bytes(pdf.output())


def encrypted_pdf(plain: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def response(writer: WARCWriter, url: str, date: str, content_type: str, body: bytes, rid: str) -> None:
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{rid:0>12}>"},
    )
    writer.write_record(record)


def captures(letter: bytes) -> bytes:
    page = (HERE / "news-page.html").read_bytes()
    edited = page.replace(b"Nobody briefed the committee", b"No one briefed the committee")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record(
            "captures.warc.gz", {"software": "legalcheck test data", "format": "WARC File Format 1.1"}
        )
    )
    news = "https://ledger.example.org/2026/03/03/cutter-stop"
    release = "https://maritime.example.gov/news/2026-03-02-cutter-stop"
    response(
        writer,
        release,
        "2026-03-02T12:00:00Z",
        "text/plain; charset=utf-8",
        (HERE / "press-release.txt").read_bytes(),
        "1",
    )
    response(writer, news, "2026-03-03T10:00:00Z", "text/html; charset=utf-8", page, "2")
    response(writer, news, "2026-03-06T08:00:00Z", "text/html; charset=utf-8", edited, "3")
    response(
        writer,
        "https://maritime.example.gov/letters/2026-03-04-reply.pdf",
        "2026-03-05T09:00:00Z",
        "application/pdf",
        letter,
        "4",
    )
    return buffer.getvalue()


def main() -> None:
    letter = letter_pdf()
    (HERE / "letter.pdf").write_bytes(letter)
    (HERE / "captures.warc.gz").write_bytes(captures(letter))
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "image-only.pdf").write_bytes(image_only_pdf())
    (bad / "encrypted.pdf").write_bytes(encrypted_pdf(letter))
    whole = captures(letter)
    (bad / "corrupt.warc.gz").write_bytes(whole[: len(whole) // 2] + b"\x00garbage" * 8)
    (bad / "no-text.html").write_text(
        "<!DOCTYPE html><html><head><title></title><script>var a = 1;</script></head>"
        "<body><nav><a href='/'>Home</a></nav><div><img src='chart.png' alt=''></div></body></html>\n"
    )


if __name__ == "__main__":
    main()
