"""The HTML reports in a real browser: filters, search, permalinks, inert payloads, no network, valid and accessible."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURES,
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


def anchors(doc: dict[str, Any], keep: Any = lambda c, q: True) -> list[str]:
    return [f"q-{c['id']}-{q['id']}" for c in doc["checklists"] for q in c["questions"] if keep(c, q)]


def chip(t: Tracked, kind: str, value: str) -> Any:
    return t.page.locator(f'#filters button[data-filter="{kind}"][data-value="{value}"]')


def test_status_checklist_and_raised_filters(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.showcase, "showcase")
    tracked.open(reports.showcase / "showcase.html")
    every = anchors(doc)
    assert sorted(shown(tracked)) == sorted(every)
    statuses = {q["status"] for c in doc["checklists"] for q in c["questions"]}
    assert len(statuses) == 4, "the showcase record should give every status"

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
    # The priority lists follow the same filter.
    items = tracked.page.eval_on_selector_all("li[data-q]", "els => els.filter(e => !e.hidden).map(e => e.dataset.q)")
    assert sorted(items) == sorted(expected)

    tracked.page.click("#clear-filters")
    assert sorted(shown(tracked)) == sorted(every)
    assert tracked.page.locator("#clear-filters").is_hidden()

    for c in doc["checklists"]:
        chip(tracked, "checklist", c["id"]).click()
        assert sorted(shown(tracked)) == sorted(anchors(doc, lambda cl, q, cid=c["id"]: cl["id"] == cid))
        chip(tracked, "checklist", c["id"]).click()
    assert tracked.dialogs == [] and tracked.errors == []


def test_search(tracked: Tracked, reports: Reports) -> None:
    doc = reports.doc(reports.showcase, "showcase")
    tracked.open(reports.showcase / "showcase.html")
    questions = [(f"q-{c['id']}-{q['id']}", q) for c in doc["checklists"] for q in c["questions"]]
    target, q = questions[-1]
    tracked.page.fill("#search", q["text"].upper())  # case does not matter
    assert target in shown(tracked)
    assert len(shown(tracked)) < len(questions)
    # Words match anywhere in the question's text, in any order.
    words = q["why"].split()
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
        every = anchors(doc)
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


def test_priority_links_jump_to_questions(tracked: Tracked, reports: Reports) -> None:
    tracked.open(reports.showcase / "showcase.html")
    first = tracked.page.locator("li[data-q] a").first
    target = first.get_attribute("href")
    assert target and target.startswith("#q-")
    first.click()
    assert tracked.page.evaluate("document.querySelector(':target').id") == target[1:]
    assert in_viewport(tracked, target[1:])


PAYLOAD_MARK = "<script>alert(1)</script>"


@pytest.mark.parametrize("page_name", ["payload.html", "index.html"])
def test_payloads_render_inert(tracked: Tracked, reports: Reports, page_name: str) -> None:
    folder = reports.payload if page_name == "payload.html" else reports.mixed
    url = tracked.open(folder / page_name)
    tracked.page.wait_for_timeout(300)
    page = tracked.page
    assert tracked.dialogs == []
    assert tracked.requests == [url]
    assert page.locator("script").count() == 1  # only the report's own
    assert page.locator("img, svg, iframe, object, embed, a[href^='data:']").count() == 0
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert href.startswith(("#", "./", "index.html", "http://", "https://")), href
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


def test_pages_load_nothing_but_themselves(tracked: Tracked, reports: Reports) -> None:
    for path in all_pages(reports):
        tracked.requests.clear()
        url = tracked.open(path)
        tracked.page.wait_for_timeout(50)
        assert tracked.requests == [url], path
        assert tracked.errors == [], (path, tracked.errors)  # a CSP refusal would log an error
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
    docs = reports.results[reports.mixed]
    tracked.open(reports.mixed / "index.html")
    page = tracked.page

    def row_ids() -> list[str]:
        ids: list[str] = page.eval_on_selector_all(
            "#incidents tbody tr:not([hidden]) .idcode", "els => els.map(e => e.textContent)"
        )
        return ids

    assert sorted(row_ids()) == sorted(docs)
    server_order = row_ids()
    page.locator("#incidents thead th", has_text="Contested").get_by_role("button").click()
    counts = [docs[i]["counts"]["contested"] for i in row_ids()]
    assert counts == sorted(counts, reverse=True)
    assert page.get_attribute("#incidents thead th:has-text('Contested')", "aria-sort") == "descending"
    page.locator("#incidents thead th", has_text="Incident").get_by_role("button").click()
    titles = [docs[i]["incident"]["title"].lower() for i in row_ids()]
    assert titles == sorted(titles)
    assert page.get_attribute("#incidents thead th:has-text('Incident')", "aria-sort") == "ascending"
    position = {incident: n for n, incident in enumerate(server_order)}
    dates = {i: str(docs[i]["incident"].get("date", "")).lower() for i in docs}
    assert len(set(dates.values())) >= 3, "the fixtures' dates differ, so the order is checked"
    date = page.locator("#incidents thead th", has_text="Date")
    date.get_by_role("button").click()
    assert row_ids() == sorted(server_order, key=lambda i: (dates[i], position[i])), "ascending; ties in server order"
    assert date.get_attribute("aria-sort") == "ascending"
    date.get_by_role("button").click()
    assert row_ids() == sorted(server_order, key=lambda i: dates[i], reverse=True), "descending; ties in server order"
    assert date.get_attribute("aria-sort") == "descending"

    one = next(i for i in sorted(docs) if sum(i in other for other in docs) == 1)  # an id no other id contains
    page.fill("#search", one)
    assert row_ids() == [one]
    page.fill("#search", "")
    assert len(row_ids()) == len(docs)
    assert tracked.dialogs == [] and tracked.errors == []
