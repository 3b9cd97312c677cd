"""Report renderings without a browser: escaping, safe links, CSP hashes, determinism, Markdown and CSV content."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from conftest import SEEDS, full_results_in, is_results, run_cli
from legalcheck.report.csvfmt import COLUMNS, CsvReporter, cell, rows
from legalcheck.report.fragments import list_items
from legalcheck.report.html import render_incident, render_index, render_questions
from legalcheck.report.markdown import md_escape, md_link, render_markdown
from legalcheck.report.output import Output
from legalcheck.report.registry import reporter_class, reporter_names, summary_of
from legalcheck.report.results import ResultsReader, expand
from legalcheck.report.safety import csp_hash, safe_url

FIXTURES = Path(__file__).resolve().parent / "browser" / "fixtures"
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</style><style>body{display:none}</style>",
    "</script><script>alert(1)</script>",
    "{{ 7*7 }}",
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '=HYPERLINK("http://x")',
]


def analyze(tmp: Path, *args: str, formats: tuple[str, ...] = ("json",)) -> Path:
    fmt = [x for f in formats for x in ("--format", f)]
    result = run_cli("analyze", *args, "--out", str(tmp), *fmt, "--quiet")
    assert result.exit_code == 0, result.output
    return tmp


@pytest.fixture(scope="module")
def payload_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = analyze(
        tmp_path_factory.mktemp("payload"),
        str(FIXTURES / "records" / "payload.json"),
        "--rules",
        str(FIXTURES / "rules" / "payload.json"),
    )
    return full_results_in(out)["payload"]


@pytest.fixture(scope="module")
def showcase_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    rules = FIXTURES / "rules"
    out = analyze(
        tmp_path_factory.mktemp("showcase"),
        str(FIXTURES / "records" / "showcase.json"),
        *(
            "--rules",
            str(rules / "showcase.json"),
            "--rules",
            str(rules / "showcase-land.json"),
            "--checklist",
            "showcase",
            "--checklist",
            "showcase-land",
        ),
    )
    return full_results_in(out)["showcase"]


def test_the_payload_fixture_carries_payloads_in_its_strings(payload_doc: dict[str, Any]) -> None:
    """Guards the fixture itself: record and rule text reach the results document with every payload."""
    texts = [payload_doc["incident"]["title"], payload_doc["incident"]["summary"]]
    for c in payload_doc["checklists"]:
        if c["id"] == "payload":
            texts += [c["title"], c["description"]]
            for q in c["questions"]:
                texts += [
                    q["text"],
                    q["why"],
                    q["would_answer"],
                    *(e["summary"] for e in q["raised_by"]),
                    *(e.get("quote", "") for e in q["raised_by"]),
                ]
    texts += [s["title"] for s in payload_doc["sources"]]
    assert len(texts) > 20
    for text in texts:
        for p in PAYLOADS:
            assert p in text, (p, text[:80])


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in self.raw else None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "a", "p", "h1", "h2", "h3", "h4", "code",
    "ul", "ol", "li", "span", "div", "label", "input", "button", "main", "section", "details", "summary", "article",
    "figure", "blockquote", "figcaption", "strong", "br", "footer", "q", "dl", "dt", "dd", "svg", "rect", "text",
    "mark", "script", "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html(#[A-Za-z0-9._-]+)?")  # another page of the same run


def urls_in(doc: Any) -> set[str]:
    """The links a results document may give: its http(s) addresses, as :func:`safe_url` writes them."""
    found: set[str] = set()
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "url" and safe_url(value) is not None:
                found.add(str(safe_url(value)))
            found |= urls_in(value)
    elif isinstance(doc, list):
        for value in doc:
            found |= urls_in(value)
    return found


def check_html(page: str, links: set[str]) -> Tags:
    """The page holds only allowed tags and no handlers; its links go to its own anchors, to sibling reports, or to
    one of ``links`` (the addresses the record and checklists give), nowhere else."""
    parser = Tags()
    parser.feed(page)
    names = {t for t, _ in parser.tags}
    assert names <= ALLOWED_TAGS, names - ALLOWED_TAGS
    assert [t for t, _ in parser.tags].count("script") <= 1  # a brief has none
    assert [t for t, _ in parser.tags].count("style") == 1
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", (tag, name)
            if name == "href":
                assert value, tag
                local = value.startswith(("#", "./")) or LOCAL.fullmatch(value) is not None
                assert local or value in links, f"a link to {value!r}, which is not an address the inputs give"
    return parser


def test_html_escapes_every_payload(payload_doc: dict[str, Any]) -> None:
    links = urls_in({k: v for k, v in payload_doc.items() if k != "checklists"})
    law = urls_in(payload_doc["checklists"])
    assert links and law, "the payload fixture gives addresses, hostile ones among them"
    incident = render_incident(payload_doc)
    laws = render_questions(payload_doc["checklists"])
    for page, expected in ((incident, links), (laws, law)):  # the law is linked once, on the page of questions
        parser = check_html(page, expected)
        hrefs = (str(a.get("href")) for t, a in parser.tags if t == "a")
        external = {h for h in hrefs if h.startswith(("http:", "https:"))}
        assert external == expected, "every address the inputs give becomes a link, escaped"
    check_html(render_index([summary_of(payload_doc)]), set())
    for page in (incident, render_index([summary_of(payload_doc)])):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "{{ 7*7 }}" in page and ">49<" not in page
        assert "javascript:" not in re.sub(r">[^<]*<", "><", page)  # only inside text, never in markup
        assert "&lt;/style&gt;&lt;style&gt;" in page


def test_html_links_only_http_addresses(payload_doc: dict[str, Any]) -> None:
    page = render_incident(payload_doc)
    hrefs = re.findall(r'href="([^"]*)"', page)
    local = ("#", "index.html", "questions.html#", f"{payload_doc['incident']['id']}.brief.html")
    external = [h for h in hrefs if not h.startswith(local)]
    assert external and all(h.startswith("https://example.org/") or h.startswith("https://") for h in external)
    assert 'href="https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"' in page
    assert all('rel="noopener noreferrer"' in a for a in re.findall(r'<a href="http[^>]*>', page))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("  http://example.org  ", "http://example.org"),
        ("HTTPS://Example.org/", "https://Example.org/"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("https://example.org/ä", "https://example.org/%C3%A4"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//example.org/x", None),
        ("/relative", None),
        ("https://", None),
        ("https://user:pass@example.org/", None),
        ("https://exa mple.org/", None),
        ("https://example.org\\@evil.org/", None),
        ("ftp://example.org/", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url: Any, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize("which", ["incident", "index"])
def test_csp_hashes_match_the_inline_script_and_style(showcase_doc: dict[str, Any], which: str) -> None:
    page = render_incident(showcase_doc) if which == "incident" else render_index([summary_of(showcase_doc)])
    parser = check_html(page, urls_in(showcase_doc))
    csp = next(a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == csp_hash("".join(parser.raw["script"]))
    assert directives["style-src"] == csp_hash("".join(parser.raw["style"]))
    assert "unsafe" not in csp and "http" not in csp


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    formats = tuple(reporter_names())
    args = (str(SEEDS), str(FIXTURES / "records"), "--rules", str(FIXTURES / "rules"))
    a = analyze(tmp_path / "a", *args, formats=formats)
    b = analyze(tmp_path / "b", *args, formats=formats)
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in b.iterdir() if not p.name.startswith("."))
    assert {"index.html", "results.csv", "payload.md", "showcase.html", "showcase.json"} <= set(names)
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_priority_groups_are_ordered_by_severity(showcase_doc: dict[str, Any]) -> None:
    page = render_incident(showcase_doc)
    rank = {"high": 0, "medium": 1, "low": 2}
    for group in re.findall(r'<section class="group (g-[a-z-]+)".*?</section>', page, re.S):
        body = re.search(rf'<section class="group {group}".*?</section>', page, re.S)
        assert body is not None
        severities = re.findall(r'<span class="badge sev-(high|medium|low)">', body.group(0))
        assert severities == sorted(severities, key=rank.__getitem__), (group, severities)
    order = [m for m in re.findall(r'<section class="group g-[a-z-]+" id="group-([a-z-]+)"', page)]
    assert order == ["raised-open", "contested", "unraised-open", "answered"]


# ---------------------------------------------------------------- Markdown

PLAIN = [
    "Tren de Aragua (TdA). It said so, on 2 Sept.",
    "snake_case, _emphasis_, *stars*, `code`, ~~struck~~",
    "<b>tag</b> & &amp; < 3",
    "see https://example.org/x and www.example.org, or write to a@example.org or @someone",
    "$5 and $6 (math), but one $ alone",
    "a \\* b \\ c",
    "[a](b) ![i](j) [ref]",
    "- a list",
    "+ a list",
    "1. a list",
    "2) a list",
    "# heading",
    "> quote",
    "***",
    "=== x",
    "| a | b |",
]


@pytest.mark.parametrize("text", [*PAYLOADS, *PLAIN])
def test_md_escape_renders_as_the_text_itself(text: str) -> None:
    """Escaped text renders (CommonMark with tables and strikethrough) to exactly the text: no link, image, tag,
    emphasis, code, list or heading can come from it."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md_escape(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    inner = rendered[3:-5]
    assert "<" not in inner and html.unescape(inner) == " ".join(text.split()), rendered


def test_md_escape_keeps_plain_text_plain() -> None:
    """Only what would change the rendering is escaped: punctuation in ordinary sentences is left alone."""
    assert md_escape("Tren de Aragua (TdA). It said so, on 2 Sept.") == "Tren de Aragua (TdA). It said so, on 2 Sept."
    assert md_escape("snake_case and a price of $5!") == "snake_case and a price of $5!"
    assert md_escape("line one\n# line two") == "line one # line two"
    assert md_escape("# line two") == "\\# line two"
    assert md_escape("- starts a list") == "\\- starts a list"
    assert md_escape("1. starts a list") == "1\\. starts a list"


def test_md_link() -> None:
    assert md_link("javascript:alert(1)", "x") == "x"
    assert md_link("https://example.org/a b", "x") == "x"  # refused: whitespace inside
    assert md_link("https://example.org/a)b", "[t]") == "[\\[t\\]](<https://example.org/a)b>)"
    assert md_link('https://example.org/"<x>', "t") == "[t](<https://example.org/%22%3Cx%3E>)"


def test_markdown_has_no_links_or_html_from_record_text(payload_doc: dict[str, Any]) -> None:
    """Rendered as CommonMark (with tables and strikethrough), the payload record's Markdown holds no HTML from
    the record, no image, and no link but to an http(s) address."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(render_markdown(payload_doc))
    hrefs = re.findall(r'<a href="([^"]*)"', rendered)
    assert hrefs, "the payload's https citation should still be a link"
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "hr"}, tags


def test_markdown_shows_bidirectional_controls_as_code_points(tmp_path: Path) -> None:
    """As on HTML pages, a control that reorders text (here in a claim and the title) is shown, not obeyed, in the
    incident's Markdown and in the Markdown of what changed between two versions."""
    record = json.loads((SEEDS / "boat-strike-2025-09.json").read_text(encoding="utf-8"))
    record["title"] = "Strike \u202egnp.exe"
    record["claims"][0]["text"] = "a claim \u2067isolated\u2069 here"
    later = {**record, "id": record["id"] + "-later", "as_of": "2025-12-01", "story": "bidi"}
    (tmp_path / "a.json").write_text(json.dumps({**record, "story": "bidi"}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(later), encoding="utf-8")
    out = analyze(tmp_path / "out", str(tmp_path / "a.json"), str(tmp_path / "b.json"), formats=("markdown",))
    texts = [p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))]
    assert len(texts) == 3  # two versions and what changed between them
    for text in texts:
        assert "Strike [U+202E]gnp.exe" in text
        assert not any(ch in text for ch in "\u202e\u2067\u2069")
    assert any("a claim [U+2067]isolated[U+2069] here" in text for text in texts)


def test_markdown_content(showcase_doc: dict[str, Any]) -> None:
    text = render_markdown(showcase_doc)
    assert text.startswith(f"# {md_escape(showcase_doc['incident']['title'])}\n")
    assert "## What needs attention" in text and "## Sources" in text
    for c in showcase_doc["checklists"]:
        assert f"## {md_escape(c['title'])}" in text
        for q in c["questions"]:
            if c["applicable"]:
                assert f"### {md_escape(q['text'])}" in text
            if q["status"] == "open":
                assert md_escape(q["would_answer"]) in text
            for e in q["raised_by"]:
                if e.get("quote"):
                    assert f"> “{md_escape(e['quote'])}”" in text
    for s in showcase_doc["sources"]:
        assert md_escape(s["title"]) in text
        if safe_url(s.get("url")):
            assert f"(<{s['url']}>)" in text


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("a=1", "a=1"),
        ("plain", "plain"),
        (3, "3"),
        (True, "yes"),
        (False, "no"),
    ],
)
def test_csv_cell(value: Any, expected: str) -> None:
    assert cell(value) == expected


def test_csv_rows(tmp_path: Path, payload_doc: dict[str, Any], showcase_doc: dict[str, Any]) -> None:
    output = Output(tmp_path / "out")
    reporter = CsvReporter(output)
    reporter.add(reporter.render(showcase_doc))
    handle = reporter._handles["results.csv"]
    handle.flush()
    staged = (output.staging / "results.csv").read_bytes()
    assert staged.count(b"\r\n") > 1, "rows are written as each incident arrives"
    reporter.add(reporter.render(payload_doc))
    reporter.finish([])
    output.commit()
    with (tmp_path / "out" / "results.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == COLUMNS
    expected = [
        (d["incident"]["id"], c["id"], q["id"], q["status"])
        for d in (showcase_doc, payload_doc)
        for c in d["checklists"]
        for q in c["questions"]
    ]
    col = {name: i for i, name in enumerate(COLUMNS)}
    assert [
        (r[col["incident_id"]], r[col["checklist_id"]], r[col["question_id"]], r[col["status"]]) for r in rows[1:]
    ] == expected
    for r in rows[1:]:
        assert (
            r[col["report_link"]] == f"{r[col['incident_id']]}.html#q-{r[col['checklist_id']]}-{r[col['question_id']]}"
        )
        for value in r:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    payload_titles = [r[col["incident_title"]] for r in rows[1:] if r[col["incident_id"]] == "payload"]
    assert payload_titles and all(t == payload_doc["incident"]["title"] for t in payload_titles)


def test_csv_formula_payload_is_neutralised(tmp_path: Path, showcase_doc: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(showcase_doc))
    doc["incident"]["title"] = '=HYPERLINK("http://evil.example","click")'
    output = Output(tmp_path / "out")
    reporter = CsvReporter(output)
    reporter.add(reporter.render(doc))
    reporter.finish([])
    output.commit()
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "results.csv").read_text(encoding="utf-8"))))
    assert {r[1] for r in rows[1:]} == {"'" + doc["incident"]["title"]}


def test_formats_come_from_the_registry(tmp_path: Path) -> None:
    assert reporter_names()[:5] == ["json", "html", "markdown", "csv", "sqlite"]
    for name in reporter_names():  # each built-in format's module registers the format of that name
        assert reporter_class(name).name == name
    out = analyze(tmp_path / "out", str(SEEDS), formats=("markdown", "csv"))
    ids = sorted(p.stem for p in SEEDS.glob("*.json"))
    diff = "diff-boat-strike-2025-09-boat-strike-2025-09-later.md"  # between the seed story's versions
    shown = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert shown == sorted([*(f"{i}.md" for i in ids), "quotes.csv", "results.csv", diff])
    result = run_cli("analyze", "--help")
    assert "markdown" in result.output and "csv" in result.output


def test_rule_text_written_once_per_run_still_follows_the_rule_file(showcase_doc: dict[str, Any]) -> None:
    """Question texts and law lists are reused across pages, keyed by their content: another rule file with the same
    ids but other words never shows the first one's."""
    first = render_incident(showcase_doc)
    changed = json.loads(json.dumps(showcase_doc))
    q = next(q for c in changed["checklists"] for q in c["questions"] if any(cit.get("note") for cit in q["citations"]))
    old_text, old_note = q["text"], next(c["note"] for c in q["citations"] if c.get("note"))
    q["text"] = "Reworded <question>?"
    next(c for c in q["citations"] if c.get("note"))["note"] = "Reworded & noted"
    second = render_incident(changed)
    assert str(escape(old_text)) in first and str(escape(old_text)) not in second
    assert "Reworded &lt;question&gt;?" in second
    # The law, with its notes, is on the run's page of questions, written from the rule set.
    law_first, law_second = render_questions(showcase_doc["checklists"]), render_questions(changed["checklists"])
    assert "Reworded &amp; noted" in law_second and "Reworded &amp; noted" not in law_first
    assert law_second.count(str(escape(old_note))) == law_first.count(str(escape(old_note))) - 1


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], ""),
        (["a < b", "c & d"], "<li>a &lt; b</li>\n<li>c &amp; d</li>\n"),
        (["one\ntwo", "<three>"], "<li>one\ntwo</li>\n<li>&lt;three&gt;</li>\n"),
    ],
)
def test_list_items_escape_each_line(lines: list[str], expected: str) -> None:
    assert list_items(lines) == expected


@pytest.mark.parametrize("fmt", ["html", "markdown", "csv"])
def test_a_reporter_reads_only_the_explanation_lines_it_lays_out(seed_folder: Path, fmt: str) -> None:
    """A run lays out only the explanation lines its reporters read (``Reporter.unfolds``): what each renders from
    that full view is what it renders from the full view with every line."""
    render: dict[str, Callable[[dict[str, Any]], Any]] = {
        "html": render_incident,
        "markdown": render_markdown,
        "csv": lambda d: list(rows(d)),
    }
    reader = ResultsReader()
    docs = [reader.read(p) for p in sorted(seed_folder.glob("*.json")) if is_results(p)]
    assert len(docs) == 3
    for doc, catalogue in docs:
        full, laid_out = expand(doc, catalogue), expand(doc, catalogue, reporter_class(fmt).unfolds)
        assert laid_out != full  # lines it does not read are left out
        assert render[fmt](laid_out) == render[fmt](full)
