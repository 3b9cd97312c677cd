"""Quote verification: normalisation, matching, the statuses of a made-up record's quotes, the safety of copy paths,
caching, and the verification marks in every output."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import run_cli
from legalcheck import resources
from legalcheck.loading.records import load_record
from legalcheck.verify.check import Verifier, resolve
from legalcheck.verify.extract import CopyError, CopyReader, make_text, url_key
from legalcheck.verify.match import differences, find
from legalcheck.verify.text import normalise, normalise_quote

DATA = Path(__file__).resolve().parent / "data" / "verify"
RECORD = DATA / "quotes.json"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def verified() -> dict[str, Any]:
    return Verifier().verify(load_record(RECORD), RECORD)


# --- normalisation and matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Curly” and ‘single’", "\"Curly\" and 'single'"),
        ("en – em — minus −", "en - em - minus -"),
        ("non\u00a0breaking  and\n\tspaces", "non breaking and spaces"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("the ﬁrst ligature…", "the first ligature..."),
        ("the ves-\nsel and the oper-  \n  ation", "the vessel and the operation"),
        ("Anglo-\nAmerican", "Anglo-American"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text).text == expected


def test_normalised_offsets_lead_back_to_the_original() -> None:
    original = "He said “the ves-\nsel\u00a0flew no ﬂag” — twice."
    norm = normalise(original)
    at = norm.text.find("vessel flew no flag")
    start, end = norm.span(at, at + len("vessel flew no flag"))
    assert original[start:end] == "ves-\nsel\u00a0flew no ﬂag"


def test_quote_marks_around_a_quote_do_not_count() -> None:
    assert normalise_quote("  “We acted.”  ") == "We acted."


def test_find_statuses() -> None:
    text = make_text("The committee was not briefed in advance because the operation was planned in a day.")
    assert find(normalise_quote("The committee was not briefed in advance"), text).status == "verbatim"
    close = find(normalise_quote("The committee was not informed in advance"), text)
    assert close.status == "close"
    assert 85 <= close.similarity < 100
    assert close.differences == (("informed", "briefed"),)
    assert find(normalise_quote("Nothing of the kind was said here at all"), text).status == "not_found"
    assert find(normalise_quote("the committee was not briefed in advance"), text).status == "close"


def test_an_ellipsis_in_a_quote_elides_text() -> None:
    text = make_text("We acted on information that the vessel was carrying contraband, and we will publish it.")
    found = find(normalise_quote("We acted on information … and we will publish it"), text)
    assert found.status == "verbatim"
    assert found.selector()["exact"].startswith("We acted") and found.selector()["exact"].endswith("publish it")


def test_differences_name_the_words() -> None:
    assert differences("the vessel carried contraband", "the vessel was carrying contraband") == (
        ("carried", "was carrying"),
    )


def test_url_key() -> None:
    assert url_key("https://www.Example.org/a/#top") == url_key("http://example.org/a")
    assert url_key("https://example.org/a") != url_key("https://example.org/b")


# --- the made-up record -----------------------------------------------------------------------------------------

EXPECTED = {
    "no-briefing": "verbatim",  # HTML with curly quotes, navigation and boilerplate around the article
    "flag-state-notice": "verbatim",  # typed with a curly apostrophe; a line break in the text file
    "stateless-authority": "verbatim",  # PDF with words hyphenated across lines
    "contraband": "close",  # misquoted: "carried" for "was carrying"
    "confession": "not_found",
    "rights": "no_copy",
    "closed-session": "verbatim",  # but attributed to someone the letter does not name
    "no-briefing-archived": "close",  # the capture retrieved on 6 March has an edited page
    "boarding-archived": "close",  # a dash where the page has a comma
    "not-briefed-archived": "verbatim",  # a PDF inside the web archive
}


def test_every_quote_gets_its_status(verified: dict[str, Any]) -> None:
    assert {cid: q["status"] for cid, q in verified["quotes"].items()} == EXPECTED
    assert verified["counts"] == {
        "quotes": 10,
        "verbatim": 5,
        "close": 3,
        "not_found": 1,
        "no_copy": 1,
        "warnings": 2,
    }


def test_a_misquote_is_flagged_with_the_words_that_differ(verified: dict[str, Any]) -> None:
    q = verified["quotes"]["contraband"]
    assert q["differences"] == [{"quote": "carried", "copy": "was carrying"}]
    assert 85 <= q["similarity"] < 100
    archived = verified["quotes"]["no-briefing-archived"]
    assert archived["differences"] == [{"quote": "Nobody", "copy": "No one"}]
    assert archived["copy"]["captured"] == "2026-03-06T08:00:00Z"


def test_selectors_find_the_quote_again(verified: dict[str, Any]) -> None:
    """The TextQuoteSelector and the offsets agree with the extracted text of the copy."""
    reader = CopyReader()
    for cid in ("no-briefing", "flag-state-notice", "stateless-authority", "contraband"):
        q = verified["quotes"][cid]
        path = DATA / q["copy"]["path"]
        text = reader.document(path, q["copy"]["format"]).text
        sel, pos = q["selector"], q["position"]
        assert sel["type"] == "TextQuoteSelector" and pos["type"] == "TextPositionSelector"
        assert text[pos["start"] : pos["end"]] == sel["exact"]
        assert text[: pos["start"]].endswith(sel["prefix"])
        assert text[pos["end"] :].startswith(sel["suffix"])
        assert text.count(sel["prefix"] + sel["exact"] + sel["suffix"]) == 1
    pdf = verified["quotes"]["stateless-authority"]["selector"]["exact"]
    assert "ves-\nsel" in pdf


def test_html_main_text_drops_navigation_and_boilerplate() -> None:
    text = CopyReader().document(DATA / "news-page.html", "html")
    assert "Nobody briefed the committee" in text.text
    for boilerplate in ("Most read", "cookies", "Subscribe", "All rights reserved", "analytics"):
        assert boilerplate not in text.text
    assert text.date == "2026-03-03"
    assert text.url == "https://ledger.example.org/2026/03/03/cutter-stop"


def test_warnings(verified: dict[str, Any]) -> None:
    assert verified["quotes"]["closed-session"]["warnings"] == [
        "the claimant (Riley Okafor) is not named within 600 characters of the quote in the copy"
    ]
    assert "warnings" not in verified["quotes"]["flag-state-notice"]
    assert verified["sources"]["monitor-note"]["warnings"] == [
        "dated 2026-03-07, after the record's as_of date (2026-03-06)"
    ]


def test_each_copy_is_extracted_once_per_run() -> None:
    verifier = Verifier()
    record = load_record(RECORD)
    verifier.verify(record, RECORD)
    # press release, news page, letter, and two captures of the web archive (the page of 6 March and the PDF)
    assert verifier.reader.extracted == 5
    verifier.verify(record, RECORD)
    assert verifier.reader.extracted == 5


def test_the_cache_is_keyed_by_content(tmp_path: Path) -> None:
    reader = CopyReader()
    for name in ("a.txt", "b.txt"):
        shutil.copy(DATA / "press-release.txt", tmp_path / name)
        reader.document(tmp_path / name, "txt")
    assert reader.extracted == 1


# --- where copies may be read from ------------------------------------------------------------------------------


def test_paths_stay_inside_the_allowed_folders(tmp_path: Path) -> None:
    records = tmp_path / "records"
    archives = tmp_path / "archives"
    records.mkdir()
    archives.mkdir()
    (records / "here.txt").write_text("text")
    (archives / "there.txt").write_text("text")
    (tmp_path / "secret.txt").write_text("secret")
    assert resolve("here.txt", records, None) == (records / "here.txt").resolve()
    assert resolve("there.txt", records, archives) == (archives / "there.txt").resolve()
    assert resolve(str(archives / "there.txt"), records, archives) == (archives / "there.txt").resolve()
    with pytest.raises(CopyError, match="leads outside"):
        resolve("../secret.txt", records, archives)
    with pytest.raises(CopyError, match="an absolute path is not allowed"):
        resolve(str(records / "here.txt"), records, None)
    with pytest.raises(CopyError, match="leads outside"):
        resolve(str(tmp_path / "secret.txt"), records, archives)
    with pytest.raises(CopyError, match="no such file"):
        resolve("there.txt", records, None)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symbolic_links(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "copies").mkdir()
    (records / "copies" / "real.txt").write_text("text")
    (tmp_path / "secret.txt").write_text("secret")
    (records / "inside.txt").symlink_to(records / "copies" / "real.txt")
    (records / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (records / "linked").symlink_to(tmp_path)
    assert resolve("inside.txt", records, None) == (records / "copies" / "real.txt").resolve()
    with pytest.raises(CopyError, match="symbolic link to a file outside"):
        resolve("outside.txt", records, None)
    with pytest.raises(CopyError, match="symbolic link to a file outside"):
        resolve("linked/secret.txt", records, None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(CopyError, match="not a regular file"):
        CopyReader().file(tmp_path / "pipe.txt")


def _record_with_copy(folder: Path, archive: Any) -> Path:
    record = json.loads(RECORD.read_text())
    record["sources"] = [s for s in record["sources"] if s["id"] == "release"]
    record["sources"][0]["archive"] = archive
    record["claims"] = [c for c in record["claims"] if c["source"] == "release"]
    path = folder / "record.json"
    path.write_text(json.dumps(record, indent=2))
    return path


def test_symlink_out_of_the_record_folder_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "record").mkdir()
    (tmp_path / "record" / "copy.txt").symlink_to(DATA / "press-release.txt")
    path = _record_with_copy(tmp_path / "record", "copy.txt")
    result = run_cli("verify", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "/sources/0/archive: source 'release', archived copy copy.txt: the path is a symbolic link" in result.output


def test_absolute_path_without_archives_is_a_clean_error(tmp_path: Path) -> None:
    path = _record_with_copy(tmp_path, str(DATA / "press-release.txt"))
    result = run_cli("verify", str(path))
    assert result.exit_code == 2
    assert "an absolute path is not allowed" in result.output
    assert run_cli("verify", str(path), "--archives", str(DATA)).exit_code == 0


def test_a_missing_library_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # makes `import pypdf` fail
    record = json.loads(RECORD.read_text())
    record["sources"] = [s for s in record["sources"] if s["id"] == "letter"]
    record["sources"][0]["archive"] = [{"path": str(DATA / "letter.pdf")}]
    record["claims"] = [c for c in record["claims"] if c["source"] == "letter"]
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    result = run_cli("verify", str(path), "--archives", str(DATA))
    assert result.exit_code == 2
    assert "reading PDF copies needs the pypdf package, which is not installed" in result.output
    assert "pip install 'legalcheck[archives]'" in result.output


# --- the commands and the reports -------------------------------------------------------------------------------


def test_verify_prints_one_line_per_quote_not_verbatim() -> None:
    result = run_cli("verify", str(RECORD))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(1 for line in lines if ": /claims/" in line and "warning" not in line) == 5
    assert lines[-1] == "10 quotes in 1 record: 5 verbatim, 3 close, 1 not found, 1 no copy; 2 warnings"
    assert "/claims/3 contraband: close (" in result.output
    assert "“carried” -> “was carrying”" in result.output
    assert run_cli("verify", str(RECORD), "--fail-on", "not-found").exit_code == 1


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analyzed")
    before = tree_digest(DATA)
    out = root / "out"
    result = run_cli(
        "analyze", str(RECORD), "--out", str(out), "--format", "json", "--format", "html", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    assert tree_digest(DATA) == before  # inputs untouched
    assert sorted(p.name for p in root.iterdir()) == ["out"]  # nothing written outside --out
    return out


def test_results_carry_the_verification(analyzed: Path) -> None:
    doc = json.loads((analyzed / "cutter-stop-2026-03.json").read_text())
    jsonschema.validate(doc, resources.schema("results"))
    assert doc["verification"]["quotes"]["contraband"]["status"] == "close"


def test_report_marks_every_quote(analyzed: Path) -> None:
    html = (analyzed / "cutter-stop-2026-03.html").read_text()
    for mark in ("v-verbatim", "v-close", "v-not_found", "v-no_copy"):
        assert f'class="badge {mark}"' in html
    assert "<mark>acted on information that the\nvessel was carrying contraband</mark>" not in html
    assert "<mark>We acted on information that the\nvessel was carrying contraband</mark>" in html
    assert "quote: “carried” · copy: “was carrying”" in html
    assert "Warning: dated 2026-03-07, after the record" in html
    index = (analyzed / "index.html").read_text()
    assert "Unverified quotes" in index and ">5 of 10<" in index


def test_csv_carries_the_status(analyzed: Path) -> None:
    with (analyzed / "quotes.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["claim_id"]: row["status"] for row in rows} == EXPECTED
    contraband = next(row for row in rows if row["claim_id"] == "contraband")
    assert contraband["differences"] == "carried -> was carrying"
    assert contraband["copy"] == "press-release.txt"
    with (analyzed / "results.csv").open(newline="", encoding="utf-8") as handle:
        assert "quote_checks" in next(csv.reader(handle))


def test_copies_are_escaped_in_reports(tmp_path: Path) -> None:
    (tmp_path / "copy.html").write_text(
        "<html><body><article><p>The spokesperson said: &lt;script&gt;alert(1)&lt;/script&gt; is not a plan, "
        "and repeated it twice for the cameras that afternoon.</p></article></body></html>"
    )
    record = json.loads(RECORD.read_text())
    record["sources"] = [{**record["sources"][0], "archive": "copy.html"}]
    record["claims"] = [{**record["claims"][1], "quote": "<script>alert(1)</script> is not a plan"}]
    (tmp_path / "r.json").write_text(json.dumps(record))
    out = tmp_path / "out"
    result = run_cli("analyze", str(tmp_path / "r.json"), "--out", str(out), "--format", "html")
    assert result.exit_code == 0, result.output
    html = (out / f"{record['id']}.html").read_text()
    assert "<script>alert(1)" not in html
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt; is not a plan</mark>" in html


def test_analyze_refuses_a_record_whose_copy_cannot_be_read(tmp_path: Path) -> None:
    path = _record_with_copy(tmp_path, "missing.txt")
    result = run_cli("analyze", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "archived copy missing.txt: no such file" in result.output
    assert not (tmp_path / "out").exists()


def test_old_string_form_is_valid() -> None:
    assert run_cli("validate", str(RECORD)).exit_code == 0


def test_the_readme_example_is_what_verify_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    root = DATA.parent.parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = "$ legalcheck verify tests/data/verify/quotes.json\n"
    shown = readme[readme.index(command) + len(command) :].split("```", 1)[0]
    monkeypatch.chdir(root)
    assert run_cli("verify", "tests/data/verify/quotes.json").output == shown


def test_a_quote_outside_the_main_text_is_found_in_the_whole_page(tmp_path: Path) -> None:
    article = " ".join(["The council met on Monday and voted on the harbour fees after a long debate."] * 6)
    (tmp_path / "page.html").write_text(
        f"<html><body><main><article><p>{article}</p></article>"
        "<aside><h2>Quote of the day</h2><p>“The tide waits for no council,” said the harbour master.</p></aside>"
        "</main></body></html>"
    )
    text = CopyReader().document(tmp_path / "page.html", "html")
    assert "The tide waits" not in text.text
    found = find(normalise_quote("The tide waits for no council"), text)
    assert found.status == "verbatim" and found.in_page
    assert found.selector()["exact"] == "The tide waits for no council"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(DATA / "letter.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    with (tmp_path / "letter.pdf").open("wb") as handle:
        writer.write(handle)
    text = CopyReader().document(tmp_path / "letter.pdf", "pdf")
    assert "standing authority to board stateless vessels" in text.norm.text


@pytest.mark.parametrize(
    "quote",
    [
        "… we will publish what we found",  # leading ellipsis
        "We acted on information …",  # trailing ellipsis
        "we will [...] found",  # an elision in the middle, in brackets
    ],
)
def test_ellipses(quote: str) -> None:
    text = make_text(
        "We acted on information that the vessel was carrying contraband, and we will publish what we found."
    )
    assert find(normalise_quote(quote), text).status == "verbatim"


def test_a_short_quote_with_one_wrong_word_is_close() -> None:
    text = make_text("A senator asked: “Under what law was this done?” The ministry did not answer.")
    found = find(normalise_quote("Under what authority was this done?"), text)
    assert found.status == "close"
    assert found.differences[0] == ("authority", "law")
    assert find(normalise_quote("Under which law was that done, and why?"), text).status == "not_found"
