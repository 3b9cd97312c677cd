"""Fixtures of the browser tests: the reports they look at, and Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from kit import CHROMIUM, CHROMIUM_ARGS, EARLIER, FIXTURES, LATER, SEEDS, Reports, Tracked, analyze_into, require_tools

from legalcheck.cli import main


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
    # What changed between the two seed versions, beside their reports (so every page test covers the diff page).
    diff = ["diff", str(SEEDS / f"{EARLIER}.json"), str(SEEDS / f"{LATER}.json"), "--out", str(r.seeds), "--quiet"]
    result = CliRunner().invoke(main, diff, catch_exceptions=False)
    assert result.exit_code == 0, result.output
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
def tracked(browser: Any) -> Iterator[Tracked]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")  # CSP stays in force
    yield Tracked(context.new_page())
    context.close()
