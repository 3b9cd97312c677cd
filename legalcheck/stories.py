"""A story's versions rendered together: each version's page knows every version's counts and, after the first, what
changed since the version before (written beside it as the diff command writes it)."""

from __future__ import annotations

from typing import Any

from legalcheck.report import story
from legalcheck.report.diffout import diff_name
from legalcheck.report.diffout import render as render_diff
from legalcheck.report.jsonfmt import loads
from legalcheck.report.output import Output
from legalcheck.report.registry import Reporter
from legalcheck.report.results import Catalogue, expand
from legalcheck.spill import Spilled


def story_views(docs: list[dict[str, Any]], catalogue: Catalogue) -> list[dict[str, Any]]:
    """The full views of the versions of one story, oldest first, each knowing every version's counts and (after
    the first) what changed since the version before."""
    docs = sorted(docs, key=lambda d: (d["incident"]["as_of"], d["incident"]["id"]))
    fulls = [expand(d, catalogue) for d in docs]
    versions = [{"id": d["incident"]["id"], "as_of": d["incident"]["as_of"], "counts": d["counts"]} for d in docs]
    for i, full in enumerate(fulls):
        full["story_versions"] = versions
        if i:
            full["since"] = story.diff(fulls[i - 1], full)
    return fulls


def restory(
    stories: dict[str, list[int]], docs: Spilled, catalogue: Catalogue, reporters: list[Reporter], output: Output
) -> None:
    """Render again, with their story, the pages of stories that have more than one version."""
    for positions in stories.values():
        if len(positions) < 2:
            continue
        for full in story_views([loads(docs[p].encode("utf-8")) for p in positions], catalogue):
            since = full.get("since")
            if since is not None:  # what changed since the version before, as the diff command writes it
                names = {r.name for r in reporters}
                for fmt in ("json", "html", "markdown"):
                    if fmt in names:
                        output.write(diff_name(since, fmt), render_diff(since, fmt))
            for reporter in reporters:
                if reporter.streaming or reporter.compact:
                    continue
                for name, text in reporter.render(full):
                    output.stage(name, text)
