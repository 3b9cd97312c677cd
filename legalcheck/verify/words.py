"""The words for what quote verification found, shared by `legalcheck verify` and the reports."""

from __future__ import annotations

STATUS_WORDS = {"verbatim": "verbatim", "close": "close", "not_found": "not found", "no_copy": "no copy"}


def said(words: str) -> str:
    """Words in quotation marks, or ``(nothing)``: plain text."""
    return f"“{words}”" if words else "(nothing)"


def status_counts(counts: dict[str, int]) -> str:
    """How many quotes have each status, in words: ``2 verbatim, 1 close, 0 not found, 0 no copy``."""
    return ", ".join(f"{counts.get(status, 0)} {word}" for status, word in STATUS_WORDS.items())
