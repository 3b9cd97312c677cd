"""The story view in a real browser: the diff page, the timeline, collapsed sections, the print page counts (through
Chromium's PDF output), page weight and height, and no horizontal overflow on a phone or a desktop."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from kit import EARLIER, LATER, Reports, Tracked, new_tracked
from test_report_pages import all_pages


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
    dates = page.eval_on_selector_all("ol.timeline > li", "els => els.map(e => e.dataset.date)")
    assert dates and dates == sorted(dates)
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
