"""Finding a quote in a copy's text: verbatim (after normalising typography), close (a fuzzy match, with the words
that differ), or not found. A found quote is located by a W3C Web Annotation TextQuoteSelector and by its
character offsets in the extracted text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from legalcheck.verify.extract import Text
from legalcheck.verify.text import WORD, Normalised, Quote

Shown = Callable[[int, int], str]

CLOSE = 85.0  # the least similarity (0-100) of a close match
SHORT = 70.0  # the least similarity of a close match that differs in one place, by one or two words (short quotes)
CONTEXT = 32  # characters of prefix and suffix in a selector
ELIDED = 2000  # the most characters an ellipsis in a quote may stand for
_ELLIPSIS = re.compile(r"\s*(?:\[\s*\.\.\.\s*\]|\.\.\.)\s*")


@dataclass(frozen=True)
class Found:
    """Where and how well a quote was found in one text."""

    status: str  # verbatim, close or not_found
    similarity: float = 0.0
    start: int = 0  # offsets in the extracted text
    end: int = 0
    differences: tuple[tuple[str, str], ...] = ()  # (in the quote, in the copy)
    text: Text | None = field(default=None, compare=False, repr=False)
    in_page: bool = False  # found only outside an HTML page's main text

    @property
    def rank(self) -> tuple[int, float]:
        return ({"verbatim": 2, "close": 1}.get(self.status, 0), self.similarity)

    def selector(self) -> dict[str, Any]:
        assert self.text is not None
        source = self.text.text
        return {
            "type": "TextQuoteSelector",
            "exact": source[self.start : self.end],
            "prefix": source[max(0, self.start - CONTEXT) : self.start],
            "suffix": source[self.end : self.end + CONTEXT],
        }

    def position(self) -> dict[str, Any]:
        return {"type": "TextPositionSelector", "start": self.start, "end": self.end}


def _verbatim(quote: str, norm: Normalised) -> tuple[int, int] | None:
    """The normalised span of the quote; or, where it elides text with an ellipsis, of its parts in order (each
    within ``ELIDED`` characters of the one before), leading and trailing ellipses aside."""
    at = norm.text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    parts = [p for p in _ELLIPSIS.split(quote) if p]
    if not parts or parts == [quote]:
        return None
    start = norm.text.find(parts[0])
    for _ in range(50):  # each place the first part occurs, up to a bound
        if start < 0:
            return None
        position = start + len(parts[0])
        for part in parts[1:]:
            at = norm.text.find(part, position, position + ELIDED + len(part))
            if at < 0:
                break
            position = at + len(part)
        else:
            return start, position
        start = norm.text.find(parts[0], start + 1)
    return None


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def differences(
    quote: str, found: str, show_quote: Shown | None = None, show_found: Shown | None = None
) -> tuple[tuple[str, str], ...]:
    """The words that differ between a normalised quote and the normalised text found for it, as (quote's words,
    copy's words); ``show_quote`` and ``show_found`` give each span as it was written, where they are known."""
    a = [(m.group(), m.start(), m.end()) for m in WORD.finditer(quote)]
    b = [(m.group(), m.start(), m.end()) for m in WORD.finditer(found)]
    diff = difflib.SequenceMatcher(None, [w for w, _, _ in a], [w for w, _, _ in b], autojunk=False)

    def show(tokens: list[tuple[str, int, int]], i: int, j: int, shown: Shown | None, text: str) -> str:
        if i >= j:
            return ""
        start, end = tokens[i][1], tokens[j - 1][2]
        return shown(start, end) if shown is not None else text[start:end]

    return tuple(
        (show(a, i1, i2, show_quote, quote), show(b, j1, j2, show_found, found))
        for op, i1, i2, j1, j2 in diff.get_opcodes()
        if op != "equal"
    )


def _fuzzy(quote: str, norm: Normalised) -> tuple[float, int, int] | None:
    from rapidfuzz import fuzz

    text = norm.text
    if len(text) < len(quote):
        score = fuzz.ratio(quote, text)
        return (score, 0, len(text)) if score >= SHORT else None
    lowered = text.lower()
    if len(lowered) == len(text):  # a difference of case only is found at once
        at = lowered.find(quote.lower())
        if at >= 0:
            return fuzz.ratio(quote, text[at : at + len(quote)]), at, at + len(quote)
    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=SHORT)
    if found is None:
        return None
    return _refine(quote, text, *_widen(text, found.dest_start, found.dest_end))


def _bounds(text: str, low: int, high: int, starts: bool) -> list[int]:
    """Offsets in ``[low, high]`` where a word starts (or ends)."""
    low, high = max(0, low), min(len(text), high)
    if starts:
        return [
            i
            for i in range(low, high + 1)
            if i < len(text) and text[i].isalnum() and (i == 0 or not text[i - 1].isalnum())
        ]
    return [
        i for i in range(low, high + 1) if i > 0 and text[i - 1].isalnum() and (i == len(text) or not text[i].isalnum())
    ]


def _refine(quote: str, text: str, start: int, end: int) -> tuple[float, int, int]:
    """The span near a fuzzy match, from a word start to a word end, that is most like the quote: the matcher's
    window has the quote's length, which cuts off a match that is longer or shorter."""
    from rapidfuzz import fuzz

    reach = max(8, len(quote) // 5)
    starts = _bounds(text, start - reach, start + reach, True) or [start]
    ends = _bounds(text, end - reach, end + reach, False) or [end]
    best = (fuzz.ratio(quote, text[start:end]), start, end)
    for s in starts:
        for e in ends:
            if e > s:
                score = fuzz.ratio(quote, text[s:e])
                if score > best[0]:
                    best = (score, s, e)
    return best


def find_in(quote: str, text: Text, written: Quote | None = None) -> Found:
    """Find a normalised quote in one text (``written``, where given, shows the quote's words as written)."""
    norm = text.norm
    span = _verbatim(quote, norm)
    if span is not None:
        start, end = norm.span(*span)
        return Found("verbatim", 100.0, start, end, (), text)
    fuzzy = _fuzzy(quote, norm)
    if fuzzy is None:
        return Found("not_found")
    score, nstart, nend = fuzzy
    if score < SHORT:
        return Found("not_found")
    start, end = norm.span(nstart, nend)

    def show_found(s: int, e: int) -> str:
        return text.text[slice(*norm.span(nstart + s, nstart + e))]

    diffs = differences(quote, norm.text[nstart:nend], written.show if written is not None else None, show_found)
    if score < CLOSE and not _one_slip(diffs):
        return Found("not_found")
    return Found("close", round(score, 1), start, end, diffs, text)


def _one_slip(diffs: tuple[tuple[str, str], ...]) -> bool:
    """Whether a quote and a copy differ in one place only, by at most two words on each side: in a short quote,
    one wrong word weighs more on the similarity than it does in a long one."""
    worded = [d for d in diffs if any(c.isalnum() for side in d for c in side)]  # punctuation aside
    return len(worded) == 1 and all(len(WORD.findall(side)) <= 2 for side in worded[0])


def find(quote: str, text: Text, written: Quote | None = None) -> Found:
    """Find a normalised quote in a copy: in an HTML page's main text first, then in the whole page."""
    found = find_in(quote, text, written)
    if found.status != "verbatim" and text.page is not None:
        in_page = find_in(quote, text.page, written)
        if in_page.rank > found.rank:
            return Found(
                in_page.status,
                in_page.similarity,
                in_page.start,
                in_page.end,
                in_page.differences,
                in_page.text,
                in_page=True,
            )
    return found
