"""Normalising what typography changes, keeping the way back to the extracted text.

A quote typed with straight quotes and a page set with curly ones, a dash typed as a hyphen, a non-breaking space, a
soft hyphen, a ligature, a word broken across two lines of a PDF: none of these makes a quote wrong. Both the quote
and the copy's text are normalised the same way before they are compared; for the copy, every normalised character
keeps the offset of the character it came from, so that a match can be reported in the extracted text itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SINGLE_QUOTES = "‘’‚‛′‹›`´"
DOUBLE_QUOTES = "“”„‟″«»〝〞＂"
DASHES = "‐‑‒–—―−﹘﹣－"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width spaces and joiners, byte-order mark

_TABLE: dict[str, str] = {
    **dict.fromkeys(SINGLE_QUOTES, "'"),
    **dict.fromkeys(DOUBLE_QUOTES, '"'),
    **dict.fromkeys(DASHES, "-"),
    **dict.fromkeys(INVISIBLE, ""),
}
# A word broken at a line end ("ves-\nsel"), a run of whitespace other than one space, or any non-ASCII character.
_SPECIAL = re.compile(
    r"(?P<hyphen>(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_]))|(?P<space>\s{2,}|[^\S ])|(?P<char>[^\x00-\x7f])"
)
_EDGES = " \"'"


def _char(c: str) -> str:
    mapped = _TABLE.get(c)
    if mapped is not None:
        return mapped
    return unicodedata.normalize("NFKC", c)


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text, and for each of its characters the offset in the original text it came from."""

    text: str
    offsets: list[int]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``[start, end)``."""
        if end <= start:
            at = self.offsets[start] if start < len(self.offsets) else self.original_length
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(text: str) -> Normalised:
    """``text`` (already in NFC) with quotes, dashes, whitespace, invisible characters, compatibility forms and
    line-break hyphenation normalised; characters are otherwise kept, case included."""
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _SPECIAL.finditer(text):
        start = match.start()
        if start > position:
            out.append(text[position:start])
            offsets.extend(range(position, start))
        kind = match.lastgroup
        if kind == "hyphen":
            after = text[match.end()]
            if not after.islower():  # "Anglo-\nAmerican": a hyphenated compound, keep the hyphen
                out.append("-")
                offsets.append(start)
        elif kind == "space":
            if not (out and out[-1].endswith(" ")):
                out.append(" ")
                offsets.append(start)
        else:
            mapped = _char(match.group())
            if mapped == " " and out and out[-1].endswith(" "):
                mapped = ""
            if mapped:
                out.append(mapped)
                offsets.extend([start] * len(mapped))
        position = match.end()
    if position < len(text):
        out.append(text[position:])
        offsets.extend(range(position, len(text)))
    return Normalised("".join(out), offsets, len(text))


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote normalised like a copy's text, without the quotation marks or spaces around it, and the way back to
    the quote as written."""

    norm: Normalised
    original: str

    @property
    def text(self) -> str:
        return self.norm.text

    def show(self, start: int, end: int) -> str:
        """The quote as written for the normalised span ``[start, end)``."""
        return self.original[slice(*self.norm.span(start, end))]


def prepare_quote(quote: str) -> Quote:
    original = unicodedata.normalize("NFC", quote)
    norm = normalise(original)
    text = norm.text
    lead = len(text) - len(text.lstrip(_EDGES))
    end = len(text.rstrip(_EDGES))
    end = max(end, lead)
    return Quote(Normalised(text[lead:end], norm.offsets[lead:end], norm.original_length), original)


def normalise_quote(quote: str) -> str:
    """A quote normalised like a copy's text, without the quotation marks or spaces around it."""
    return prepare_quote(quote).text


WORD = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")  # a word, or a punctuation mark
