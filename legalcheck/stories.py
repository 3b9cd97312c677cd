"""A story's versions rendered together: each version's page knows every version's counts and, after the first, what
changed since the version before (written beside it as the diff command writes it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from legalcheck.report import story
from legalcheck.report.diffout import diff_name
from legalcheck.report.diffout import render as render_diff
from legalcheck.report.jsonfmt import loads
from legalcheck.report.output import Output
from legalcheck.report.registry import Piece, Reporter
from legalcheck.report.results import Catalogue, Unfold, expand, unfold_all

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


def story_outputs(
    texts: Sequence[str], catalogue: Catalogue, reporters: list[Reporter], output: Output, unfold: Unfold = unfold_all
) -> list[str]:
    """Stage again, rendered with their story, the pages of a story's versions (``texts``: their results documents,
    as JSON), and what changed between consecutive versions: the names of the files that adds, for the run to claim.
    Safe in a worker process: it only stages files."""
    added = []
    for full in story_views(texts, lambda text: loads(text.encode("utf-8")), catalogue, unfold):
        for name, text in since_pieces(full, reporters):
            output.stage(name, text)
            added.append(name)
        for name, text in page_pieces(full, reporters):
            output.stage(name, text)
    return added


def page_pieces(full: dict[str, Any], reporters: list[Reporter]) -> list[Piece]:
    """A full view's pages in the run's formats that write pages of it (not a stream of rows, nor the results
    document): what a story's versions are rendered again as."""
    return [piece for r in reporters if not (r.streaming or r.compact) for piece in r.render(full)]


def since_pieces(full: dict[str, Any], reporters: list[Reporter]) -> list[Piece]:
    """What changed since the version before (a full view's ``since``, if any), as the diff command writes it, in
    each of the run's formats that a diff has."""
    since = full.get("since")
    if since is None:
        return []
    names = {r.name for r in reporters}
    return [(diff_name(since, fmt), render_diff(since, fmt)) for fmt in ("json", "html", "markdown") if fmt in names]


def write_since(full: dict[str, Any], reporters: list[Reporter], output: Output) -> None:
    """What changed since the version before, written as the run's files."""
    for name, text in since_pieces(full, reporters):
        output.write(name, text)
