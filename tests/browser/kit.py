"""Helpers and fixtures for the browser tests: Debian's Chromium driven by Playwright, axe-core, the Nu Html Checker.

`tests/browser/install.sh` installs the tools (tests/run.sh calls it). In CI (CI=true) a missing tool fails the
tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalcheck.cli import main
from legalcheck.report.results import RULES_FILE, ResultsReader, expand

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"
FIXTURES = HERE / "fixtures"
LATER = "boat-strike-2025-09-later"  # the seed story's versions
EARLIER = "boat-strike-2025-09"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
VNU_JAR = HERE / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = HERE / "node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> list[str]:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM}")
    if shutil.which("java") is None:
        missing.append("java (17 or newer)")
    for tool in (VNU_JAR, AXE_JS):
        if not tool.is_file():
            missing.append(str(tool.relative_to(HERE)))
    return missing


def require_tools() -> None:
    missing = _missing()
    if not missing:
        return
    reason = "browser tools missing: " + ", ".join(missing) + "; run `bash tests/browser/install.sh`"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Reports:
    """Reports rendered for the browser tests: folder -> results documents by incident id."""

    seeds: Path
    showcase: Path
    payload: Path
    mixed: Path
    results: dict[Path, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def doc(self, folder: Path, incident: str) -> dict[str, Any]:
        return self.results[folder][incident]

    def pages(self, folder: Path) -> list[Path]:
        return sorted(folder.glob("*.html"))


def analyze_into(out: Path, *args: str) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(
        main,
        ["analyze", *args, "--out", str(out), "--format", "json", "--format", "html", "--quiet"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    reader = ResultsReader()
    found = {}
    for p in sorted(out.glob("*.json")):
        if p.name != RULES_FILE and not p.name.startswith("diff-"):  # not a comparison of two versions
            doc, catalogue = reader.read(p)
            found[p.stem] = expand(doc, catalogue)  # the full view the pages are rendered from
    return found


class Tracked:
    """A page with what it requested, the dialogs it opened and the console errors it logged."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[tuple[str, str]] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            self.dialogs.append((d.type, d.message))
            d.dismiss()

        page.on("dialog", on_dialog)

    def open(self, path: Path, fragment: str = "") -> str:
        url = path.resolve().as_uri()
        self.page.goto(url + (f"#{fragment}" if fragment else ""), wait_until="load")
        return url


def new_tracked(browser: Any, scheme: str = "light") -> tuple[Any, Tracked]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    return context, Tracked(context.new_page())


class Vnu:
    """The Nu Html Checker on a set of files, in one Java run started at once in the background (it takes a while
    to start), so that it checks while the browser tests run; :meth:`messages` waits for its errors."""

    def __init__(self, files: list[Path]) -> None:
        for f in files:  # vnu reports a missing file as valid
            assert f.is_file(), f
        self.files = files
        self.proc = subprocess.Popen(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def messages(self) -> list[dict[str, Any]]:
        stdout, stderr = self.proc.communicate(timeout=300)
        messages: list[dict[str, Any]] = json.loads(stdout)["messages"]
        assert self.proc.returncode == (1 if messages else 0), stderr
        return messages


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe(page: Any, rules: list[str] | None = None) -> dict[str, Any]:
    """Run axe-core (injected by an init script, or here) on the page: the WCAG 2.1 A/AA and best-practice rules,
    or only ``rules``."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())  # evaluate is not governed by the page's CSP; add_script_tag is
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result: dict[str, Any] = page.evaluate("only => axe.run(document, {runOnly: only})", only)
    return result
