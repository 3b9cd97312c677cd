"""The HTML reports in a real browser: filters, search, permalinks, inert payloads, no network, valid and accessible;
the story view: the diff page, the timeline, collapsed sections, print page counts (through Chromium's PDF output),
page weight and height, and no horizontal overflow on a phone or a desktop."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EARLIER,
    FIXTURES,
    LATER,
    SEEDS,
    Reports,
    Tracked,
    Vnu,
    analyze_into,
    axe,
    axe_source,
    new_tracked,
    require_tools,
)

from legalcheck.report import story


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    base = tmp_path_factory.mktemp("browser-reports")
    rules = FIXTURES / "rules"
    showcase_rules = (
        "--rules",
        str(rules / "showcase.json"),
        "--rules",
        str(rules / "showcase-land.json"),
        "--checklist",
        "showcase",
        "--checklist",
        "showcase-land",
    )
    r = Reports(seeds=base / "seeds", showcase=base / "showcase", payload=base / "payload", mixed=base / "mixed")
    r.results[r.seeds] = analyze_into(r.seeds, str(SEEDS))
    # analyze writes what changed between the two seed versions beside their reports (so every page test covers it)
    r.results[r.showcase] = analyze_into(r.showcase, str(FIXTURES / "records" / "showcase.json"), *showcase_rules)
    # The payload record against every built-in checklist and the payload checklist.
    r.results[r.payload] = analyze_into(
        r.payload, str(FIXTURES / "records" / "payload.json"), "--rules", str(rules / "payload.json")
    )
    # Several incidents in one index: the seeds, the showcase and the payload record.
    r.results[r.mixed] = analyze_into(
        r.mixed, str(SEEDS), str(FIXTURES / "records"), "--rules", str(rules / "payload.json")
    )
    return r


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def tracked(browser: Any, nu_checker: Vnu) -> Iterator[Tracked]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")  # CSP stays in force
    yield Tracked(context.new_page())
    context.close()


VISIBLE_QUESTIONS = "els => els.filter(e => !e.hidden).map(e => e.id)"


def shown(t: Tracked) -> list[str]:
    ids: list[str] = t.page.eval_on_selector_all("article.question", VISIBLE_QUESTIONS)
    return ids


def anchors(doc: dict[str, Any], keep: Any = lambda c, q: True, applicable: bool = True) -> list[str]:
    """The anchors of a document's questions; by default of those that apply (each has its own article)."""
    return [
        f"q-{c['id']}-{q['id']}"
        for c in doc["checklists"]
        for q in c["questions"]
        if keep(c, q) and (not applicable or q["status"] != "not_applicable")
    ]


def chip(t: Tracked, kind: str, value: str) -> Any:
    return t.page.locator(f'#filters button[data-filter="{kind}"][data-value="{value}"]')


def test_status_checklist_and_raised_filters(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.showcase, "showcase")
    tracked.open(reports.showcase / "showcase.html")
    every = anchors(doc)
    assert sorted(shown(tracked)) == sorted(every)
    statuses = {q["status"] for c in doc["checklists"] for q in c["questions"]} - {"not_applicable"}
    assert len(statuses) == 3, "the showcase record should give every status"

    for status in sorted(statuses):
        chip(tracked, "status", status).click()
        assert sorted(shown(tracked)) == sorted(anchors(doc, lambda c, q, s=status: q["status"] == s)), status
        assert tracked.page.inner_text("#shown").startswith("Showing ")
        chip(tracked, "status", status).click()
    assert sorted(shown(tracked)) == sorted(every)

    # Two statuses at once: either; then raised only on top: both conditions.
    chip(tracked, "status", "open").click()
    chip(tracked, "status", "contested").click()
    assert sorted(shown(tracked)) == sorted(anchors(doc, lambda c, q: q["status"] in ("open", "contested")))
    chip(tracked, "raised", "true").click()
    expected = anchors(doc, lambda c, q: q["status"] in ("open", "contested") and q["raised"])
    assert expected and sorted(shown(tracked)) == sorted(expected)

    tracked.page.click("#clear-filters")
    assert sorted(shown(tracked)) == sorted(every)
    assert tracked.page.locator("#clear-filters").is_hidden()
    assert tracked.dialogs == [] and tracked.errors == []


def test_search(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.showcase, "showcase")
    tracked.open(reports.showcase / "showcase.html")
    questions = anchors(doc)
    target = questions[-1]
    text = tracked.page.inner_text(f"[id='{target}'] h4").split(" ", 1)[1]  # after its number
    tracked.page.fill("#search", text.upper())  # case does not matter
    assert target in shown(tracked)
    assert len(shown(tracked)) < len(questions)
    # Words match anywhere in the question's text, in any order.
    words = text.split()
    tracked.page.fill("#search", f"{words[-1]}   {words[0]}")
    assert target in shown(tracked)
    tracked.page.fill("#search", "zqxv-no-such-words")
    assert shown(tracked) == []
    assert tracked.page.locator(".no-match:visible").count() >= 1
    assert "Showing 0 of" in tracked.page.inner_text("#shown")
    tracked.page.fill("#search", "")
    assert len(shown(tracked)) == len(questions)


def in_viewport(t: Tracked, anchor: str) -> bool:
    box: bool = t.page.evaluate(
        "id => "
        "{ const r = document.getElementById(id).getBoundingClientRect(); "
        "return r.height > 0 && r.top >= -1 && r.top < innerHeight; }",
        anchor,
    )
    return box


def test_permalinks_land_on_their_question(tracked: Tracked, reports: Reports) -> None:
    """On the showcase report and the seed report with most questions (the same templates render the others)."""
    seed, seed_doc = max(reports.results[reports.seeds].items(), key=lambda item: len(anchors(item[1])))
    showcase = (reports.showcase, "showcase", reports.doc(reports.showcase, "showcase"))
    for folder, incident, doc in (showcase, (reports.seeds, seed, seed_doc)):
        every = anchors(doc, applicable=False)  # not-applicable questions too, in their collapsed list
        # land on a spread of questions, first and last included; each is a fresh load of the page
        for anchor in dict.fromkeys([*every[:: max(1, len(every) // 8)], every[-1]]):
            tracked.page.goto("about:blank")
            tracked.open(folder / f"{incident}.html", anchor)
            assert tracked.page.evaluate("document.querySelector(':target')?.id") == anchor
            assert in_viewport(tracked, anchor), anchor
            assert tracked.page.locator(f"[id='{anchor}']").is_visible()  # also inside a checklist that starts closed
    assert tracked.errors == []


def test_permalink_to_a_filtered_question_clears_the_filters(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.showcase, "showcase")
    tracked.open(reports.showcase / "showcase.html")
    answered = anchors(doc, lambda c, q: q["status"] == "answered")[0]
    chip(tracked, "status", "open").click()
    assert answered not in shown(tracked)
    tracked.page.evaluate("id => { location.hash = id; }", answered)
    tracked.page.wait_for_function("id => !document.getElementById(id).hidden", arg=answered)
    assert in_viewport(tracked, answered)


def test_since_links_jump_to_questions(tracked: Tracked, reports: Reports) -> None:
    tracked.open(reports.seeds / "boat-strike-2025-09-later.html")
    first = tracked.page.locator("#since .moved a[href^='#q-']").first
    target = first.get_attribute("href")
    assert target and target.startswith("#q-")
    first.click()
    assert tracked.page.evaluate("document.querySelector(':target').id") == target[1:]
    assert in_viewport(tracked, target[1:])


PAYLOAD_MARK = "<script>alert(1)</script>"
LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html(#[A-Za-z0-9._-]+)?")  # another page of the same run


@pytest.mark.parametrize("page_name", ["payload.html", "index.html"])
def test_payloads_render_inert(tracked: Tracked, reports: Reports, page_name: str) -> None:
    folder = reports.payload if page_name == "payload.html" else reports.mixed
    url = tracked.open(folder / page_name)
    tracked.page.wait_for_timeout(300)
    page = tracked.page
    assert tracked.dialogs == []
    assert tracked.requests == [url]
    assert page.locator("script").count() == 1  # only the report's own
    inert = "img, iframe, object, embed, a[href^='data:'], svg script, svg foreignObject, svg a"
    assert page.locator(inert).count() == 0
    assert page.locator("svg").count() == page.locator("svg.chart").count()  # only the report's own charts
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert href.startswith(("#", "./", "http://", "https://")) or LOCAL.fullmatch(href), href
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => "
        "n.startsWith('on') || n === 'style')"
    )
    assert handlers == []
    assert page.evaluate("document.querySelectorAll('style').length") == 1
    assert (
        page.evaluate("getComputedStyle(document.body).display") != "none"
    )  # an injected </style><style> did not apply
    text = page.inner_text("body")
    assert PAYLOAD_MARK in text and "{{ 7*7 }}" in text  # rendered literally, not evaluated
    if page_name == "payload.html":
        page.fill("#search", "alert")  # the script works on payload text as plain text
        assert len(shown(tracked)) > 0
    assert tracked.dialogs == [] and tracked.errors == []


def all_pages(reports: Reports) -> list[Path]:
    """Every page of every folder; of the mixed folder, only its incident pages and index (its briefs, campaign view,
    questions page and comparison come from the same templates as the other folders', and checking each page costs
    seconds)."""
    pages = [p for folder in (reports.seeds, reports.showcase, reports.payload) for p in reports.pages(folder)]
    mixed = [
        p
        for p in reports.pages(reports.mixed)
        if not p.name.endswith(".brief.html")
        and p.name not in ("campaign.html", "questions.html")
        and not p.name.startswith("diff-")
    ]
    return pages + mixed


def test_pages_load_nothing_but_themselves(tracked: Tracked, reports: Reports) -> None:
    for path in all_pages(reports):
        tracked.requests.clear()
        url = tracked.open(path)
        tracked.page.wait_for_timeout(50)
        assert tracked.requests == [url], path
        assert tracked.errors == [], (path, tracked.errors)  # a CSP refusal would log an error
        if tracked.page.locator("script").count():
            assert tracked.page.evaluate("document.documentElement.classList.contains('js')"), (
                "the hashed inline script ran"
            )
        assert tracked.page.evaluate("getComputedStyle(document.body).maxWidth") != "none", (
            "the hashed inline style applied"
        )


@pytest.fixture(scope="session")
def nu_checker(reports: Reports) -> Iterator[Vnu]:
    """Started with the first browser test, so that Java checks every page while the browser works."""
    require_tools()
    checker = Vnu(all_pages(reports))
    yield checker
    if checker.proc.poll() is None:
        checker.proc.kill()
        checker.proc.wait()


def test_every_page_passes_the_nu_html_checker(nu_checker: Vnu, reports: Reports) -> None:
    assert len(nu_checker.files) >= 3 + len(reports.results[reports.seeds])
    messages = nu_checker.messages()
    assert messages == [], json.dumps(messages, indent=1)[:4000]


def axe_pages(reports: Reports) -> list[Path]:
    """One page of each kind: the report that gives every status (and a checklist that does not apply), the payload
    report, and the index of every incident. The seed reports are rendered from the same templates and fragments;
    the Nu Html Checker and the other tests still read every page."""
    return [reports.showcase / "showcase.html", reports.payload / "payload.html", reports.mixed / "index.html"]


THEME_RULES = ["color-contrast", "link-in-text-block"]  # the rules whose result a colour scheme can change


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_passes_axe(browser: Any, reports: Reports, scheme: str) -> None:
    """All axe rules in the light theme; in the dark one, the rules that depend on colour."""
    failures = {}
    context, t = new_tracked(browser, scheme)
    t.page.add_init_script(script=axe_source())  # injected before the page's own script, outside its CSP
    for path in axe_pages(reports):
        t.open(path)
        result = axe(t.page, rules=THEME_RULES if scheme == "dark" else None)
        assert len(result["passes"]) >= (1 if scheme == "dark" else 5), path
        if result["violations"]:
            failures[str(path)] = [
                (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            ]
    context.close()
    assert failures == {}, json.dumps(failures, indent=1)[:4000]


def test_index_sorts_and_filters(tracked: Tracked, reports: Reports) -> None:
    docs = {i: d for i, d in reports.results[reports.mixed].items() if "incident" in d}
    tracked.open(reports.mixed / "index.html")
    page = tracked.page

    def row_ids() -> list[str]:
        ids: list[str] = page.eval_on_selector_all(
            "#incidents tbody tr:not([hidden])", "els => els.map(e => e.dataset.id)"
        )
        return ids

    # One row per story: its latest version.
    stories: dict[str, list[tuple[str, str]]] = {}
    for i, d in docs.items():
        stories.setdefault(d["incident"].get("story") or i, []).append((d["incident"]["as_of"], i))
    latest = {max(v)[1] for v in stories.values()}
    assert sorted(row_ids()) == sorted(latest)
    docs = {i: docs[i] for i in latest}
    server_order = row_ids()
    page.locator("#incidents thead th", has_text="Contested").get_by_role("button").click()
    counts = [docs[i]["counts"]["contested"] for i in row_ids()]
    assert counts == sorted(counts, reverse=True)
    assert page.get_attribute("#incidents thead th:has-text('Contested')", "aria-sort") == "descending"
    page.locator("#incidents thead th", has_text="Story").get_by_role("button").click()
    titles = [page.inner_text(f"#incidents tr[data-id='{i}'] th a").lower() for i in row_ids()]
    assert titles == sorted(titles)
    assert page.get_attribute("#incidents thead th:has-text('Story')", "aria-sort") == "ascending"
    position = {incident: n for n, incident in enumerate(server_order)}
    dates = {i: str(docs[i]["incident"].get("as_of", "")).lower() for i in docs}
    assert len(set(dates.values())) >= 3, "the fixtures' as-of dates differ, so the order is checked"
    date = page.locator("#incidents thead th", has_text="As of")
    date.get_by_role("button").click()
    assert row_ids() == sorted(server_order, key=lambda i: (dates[i], position[i])), "ascending; ties in server order"
    assert date.get_attribute("aria-sort") == "ascending"
    date.get_by_role("button").click()
    assert row_ids() == sorted(server_order, key=lambda i: dates[i], reverse=True), "descending; ties in server order"
    assert date.get_attribute("aria-sort") == "descending"

    one = next(i for i in sorted(docs) if sum(i in other for other in docs) == 1)  # an id no other id contains
    page.fill("#search", docs[one]["incident"]["title"])
    assert row_ids() == [one]
    page.fill("#search", "")
    assert len(row_ids()) == len(docs)
    assert tracked.dialogs == [] and tracked.errors == []


# ---------------------------------------------------------------- the story view


@pytest.fixture
def diff_page(reports: Reports) -> tuple[Path, dict[str, Any]]:
    """The diff of the two seed versions, written beside the seed reports by the ``reports`` fixture."""
    name = f"diff-{EARLIER}-{LATER}"
    return reports.seeds / f"{name}.html", json.loads((reports.seeds / f"{name}.json").read_text(encoding="utf-8"))


def pdf_pages(page: Any, fmt: str) -> int:
    pdf: bytes = page.pdf(format=fmt, print_background=False)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_diff_page_names_every_question_that_moved(tracked: Tracked, diff_page: tuple[Path, dict[str, Any]]) -> None:
    path, d = diff_page
    url = tracked.open(path)
    assert tracked.requests == [url] and tracked.errors == []
    rows = tracked.page.locator("table.diff tbody tr")
    assert rows.count() == len(d["moved"]) >= 10
    texts = tracked.page.eval_on_selector_all("table.diff tbody th", "els => els.map(e => e.firstChild.textContent)")
    assert texts == [m["text"] for m in d["moved"]]
    answered = next(m for m in d["moved"] if m["question"] == "wp-48-hour-report")
    row = tracked.page.locator("table.diff tbody tr", has_text=answered["text"])
    assert "answered" in row.inner_text() and "Notification, 4 September 2025" in row.inner_text()
    added = {x["label"] for x in d["sources"]["added"]}
    assert added and all(label in tracked.page.inner_text("main") for label in added)


def test_later_version_opens_with_what_changed(tracked: Tracked, reports: Reports) -> None:
    tracked.open(reports.seeds / f"{LATER}.html")
    since = tracked.page.locator("#since")
    assert since.is_visible()
    assert tracked.page.inner_text("#since h2") == "Since 10 September 2025"
    first_section = tracked.page.eval_on_selector("main > *", "e => e.id")
    assert first_section == "since"
    tracked.open(reports.seeds / f"{EARLIER}.html")
    assert tracked.page.locator("#since").count() == 0
    assert tracked.page.locator("#versions .versions li").count() == 2


def test_timeline_is_in_date_order_and_links_to_questions(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.seeds, LATER)
    tracked.open(reports.seeds / f"{LATER}.html")
    page = tracked.page
    shown = page.eval_on_selector_all("ol.timeline > li", "els => els.map(e => e.id)")
    record = story.Record(doc)
    by_anchor = {e.anchor: e.date for k in ("events", "claims", "legal_bases", "sources") for e in record.entries(k)}
    dates = [by_anchor[i] for i in shown]
    assert dates and all(dates) and dates == sorted(dates)
    assert page.locator("ol.timeline .when").count() == len(set(dates)), "each date is given once"
    every = len(doc["sources"]) + sum(len(doc["record"].get(k, [])) for k in ("events", "claims", "legal_bases"))
    undated = page.locator("#undated + ul.timeline > li").count()
    assert len(dates) + undated == every  # each item once
    links = page.eval_on_selector_all(".timeline .bears a", "els => els.map(e => e.getAttribute('href'))")
    assert links
    ids = set(page.eval_on_selector_all("article.question", "els => els.map(e => e.id)"))
    assert {h[1:] for h in links} <= ids
    # A question's readable labels lead to the record item, which is in the timeline.
    label = page.locator("article.question .items a").first
    target = label.get_attribute("href")
    assert target and page.locator(f".timeline [id='{target[1:]}']").count() == 1
    assert not re.search(r"/(claims|events|sources|legal_bases)/\d+", page.inner_text("main"))  # no JSON Pointers


def test_not_applicable_and_explanations_are_collapsed(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.seeds, LATER)
    tracked.open(reports.seeds / f"{LATER}.html")
    page = tracked.page
    na = [q for c in doc["checklists"] for q in c["questions"] if q["status"] == "not_applicable"]
    assert page.locator("details.na").get_attribute("open") is None
    assert page.locator("details.na li").count() == len(na)
    assert page.locator("details.na li").first.is_hidden()
    page.click("details.na summary")
    assert page.locator("details.na li").first.is_visible()
    assert "because" in page.inner_text("details.na li:first-child")
    assert page.locator("details.more[open]").count() == 0
    page.locator("details.more summary").first.click()
    assert page.locator("details.more ul.steps").first.is_visible()
    assert page.locator("ul.steps li > ul > li").count() > 0  # a real nested list


@pytest.mark.parametrize("width", [390, 1280])
def test_no_horizontal_overflow(browser: Any, reports: Reports, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wide = []
    for path in all_pages(reports):
        page.goto(path.resolve().as_uri())
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wide.append(path.name)
    context.close()
    assert wide == []


def test_seed_page_size_height_and_print(browser: Any, reports: Reports) -> None:
    path = reports.seeds / f"{LATER}.html"
    assert path.stat().st_size <= 120_000, path.stat().st_size
    context, t = new_tracked(browser)
    t.open(path)
    assert t.page.evaluate("document.documentElement.scrollHeight") <= 12_000
    for fmt in ("Letter", "A4"):
        assert pdf_pages(t.page, fmt) <= 12, fmt
    t.open(reports.seeds / f"{LATER}.brief.html")
    for fmt in ("Letter", "A4"):
        assert pdf_pages(t.page, fmt) <= 2, fmt
    context.close()


def test_index_prints_without_cut_columns(browser: Any, reports: Reports) -> None:
    context = browser.new_context(viewport={"width": 700, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    for name in ("index.html", "campaign.html"):
        page.goto((reports.mixed / name).resolve().as_uri())
        widths = page.evaluate("[document.querySelector('table').scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (name, widths)
    context.close()


def test_campaign_view_sorts_by_the_question_nobody_asks(tracked: Tracked, reports: Reports) -> None:
    tracked.open(reports.mixed / "campaign.html")
    page = tracked.page
    page.locator("#questions thead th", has_text="Open, raised by nobody").get_by_role("button").click()
    counts = page.eval_on_selector_all("#questions tbody tr td:nth-child(2)", "els => els.map(e => +e.textContent)")
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert tracked.errors == []
