"""A story's versions rendered together: each version's page knows every version's counts and, after the first, what
changed since the version before (written beside it as the diff command writes it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from legalcheck.report import story
from legalcheck.report.diffout import diff_name
from legalcheck.report.diffout import render as render_diff
from legalcheck.report.jsonfmt import loads
from legalcheck.report.output import Output
from legalcheck.report.registry import Reporter, unfolding
from legalcheck.report.results import Catalogue, Unfold, expand, unfold_all
from legalcheck.spill import Spilled

T = TypeVar("T")


def story_views(
    docs: Sequence[T], read: Callable[[T], dict[str, Any]], catalogue: Catalogue, unfold: Unfold = unfold_all
) -> Iterator[dict[str, Any]]:
    """The full views of the versions of one story, oldest first, each knowing every version's counts and (after
    the first) what changed since the version before. ``read`` gives the results document of each of ``docs``;
    documents are read as they are needed, so a story of many versions holds two full views at a time."""
    heads = []
    for i, entry in enumerate(docs):
        doc = read(entry)
        heads.append((doc["incident"]["as_of"], doc["incident"]["id"], i, doc["counts"]))
    heads.sort(key=lambda head: (head[0], head[1]))
    versions = [{"id": sid, "as_of": as_of, "counts": counts} for as_of, sid, _, counts in heads]
    previous: dict[str, Any] | None = None
    for _, _, i, _ in heads:
        full = expand(read(docs[i]), catalogue, unfold)
        full["story_versions"] = versions
        if previous is not None:
            full["since"] = story.diff(previous, full)
        yield full
        previous = full


def restory(
    stories: Iterable[list[int]], docs: Spilled, catalogue: Catalogue, reporters: list[Reporter], output: Output
) -> None:
    """Render again, with their story, the pages of stories that have more than one version (``stories``: the
    positions in ``docs`` of each such story's versions)."""
    unfold = unfolding(reporters)
    for positions in stories:
        for full in story_views(positions, lambda p: loads(docs[p].encode("utf-8")), catalogue, unfold):
            write_since(full, reporters, output)
            for reporter in reporters:
                if reporter.streaming or reporter.compact:
                    continue
                for name, text in reporter.render(full):
                    output.stage(name, text)


def write_since(full: dict[str, Any], reporters: list[Reporter], output: Output) -> None:
    """What changed since the version before (a full view's ``since``, if any), as the diff command writes it, in
    each of the run's formats that a diff has."""
    since = full.get("since")
    if since is None:
        return
    names = {r.name for r in reporters}
    for fmt in ("json", "html", "markdown"):
        if fmt in names:
            output.write(diff_name(since, fmt), render_diff(since, fmt))
