"""The HTML reports in a real browser: filters, search, permalinks, inert payloads, no network, valid and accessible."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from kit import Reports, Tracked, axe, new_tracked, vnu

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


def test_permalinks_land_on_their_question(browser: Any, reports: Reports) -> None:
    for folder in (reports.showcase, reports.seeds):
        for incident, doc in reports.results[folder].items():
            every = anchors(doc, applicable=False)  # not-applicable questions too, in their collapsed list
            # a fresh page load per anchor is slow: land on a spread of questions, first and last included
            for anchor in dict.fromkeys([*every[:: max(1, len(every) // 8)], every[-1]]):
                context, t = new_tracked(browser)
                t.open(folder / f"{incident}.html", anchor)
                assert t.page.evaluate("document.querySelector(':target')?.id") == anchor
                assert in_viewport(t, anchor), anchor
                assert t.page.locator(f"[id='{anchor}']").is_visible()  # also inside a checklist that starts closed
                context.close()


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
    return [
        p for folder in (reports.seeds, reports.showcase, reports.payload, reports.mixed) for p in reports.pages(folder)
    ]


def test_pages_load_nothing_but_themselves(browser: Any, reports: Reports) -> None:
    for path in all_pages(reports):
        context, t = new_tracked(browser)
        url = t.open(path)
        t.page.wait_for_timeout(100)
        assert t.requests == [url], path
        assert t.errors == [], (path, t.errors)  # a CSP refusal would log an error
        if t.page.locator("script").count():
            assert t.page.evaluate("document.documentElement.classList.contains('js')"), "the hashed inline script ran"
        assert t.page.evaluate("getComputedStyle(document.body).maxWidth") != "none", "the hashed inline style applied"
        context.close()


def test_every_page_passes_the_nu_html_checker(reports: Reports) -> None:
    pages = all_pages(reports)
    assert len(pages) >= 3 + len(reports.results[reports.seeds])
    messages = vnu(pages)
    assert messages == [], json.dumps(messages, indent=1)[:4000]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser: Any, reports: Reports, scheme: str) -> None:
    failures = {}
    for path in all_pages(reports):
        context, t = new_tracked(browser, scheme)
        t.open(path)
        result = axe(t.page)
        assert len(result["passes"]) > 5
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
    page.locator("#incidents thead th", has_text="As of").get_by_role("button").click()
    page.locator("#incidents thead th", has_text="As of").get_by_role("button").click()
    assert row_ids() == server_order or len({docs[i]["incident"].get("date") for i in docs}) < len(docs)

    one = next(i for i in sorted(docs) if sum(i in other for other in docs) == 1)  # an id no other id contains
    page.fill("#search", docs[one]["incident"]["title"])
    assert row_ids() == [one]
    page.fill("#search", "")
    assert len(row_ids()) == len(docs)
    assert tracked.dialogs == [] and tracked.errors == []
