"""Render a report page to a PNG with Debian's Chromium through Playwright (for the README).

Usage: legalcheck analyze seeds && python scripts/screenshot.py [PAGE] [PNG]
Defaults: the later version of the seed story, reports/boat-strike-2025-09-later.html, whose page opens with what
changed since the earlier version -> docs/screenshot.png, a 1280x900 viewport, the light theme.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "reports" / "boat-strike-2025-09-later.html")
    parser.add_argument("png", nargs="?", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"{args.page}: no such report; run `legalcheck analyze seeds` first", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: Chromium not found; run `bash tests/browser/install.sh`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.png.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": args.width, "height": args.height}, color_scheme=args.scheme, device_scale_factor=1
            )
            page.goto(args.page.resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(args.png), full_page=args.full_page, animations="disabled")
        finally:
            browser.close()
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
