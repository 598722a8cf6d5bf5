"""Checking that a quote occurs verbatim in its source document.

"Verbatim" allows for what copying text by hand changes without changing the words: runs of
whitespace (line breaks, double spaces, non-breaking spaces) count as one space, and
typographic quote marks count as the plain ones (’ ‘ as ', “ ” as ").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_SHOWN = 30  # characters of context an error message shows on each side


def normalise(text: str) -> str:
    """``text`` with whitespace collapsed and typographic quote marks made plain."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


@lru_cache(maxsize=64)
def _source_text(path: Path, mtime_ns: int) -> str:
    del mtime_ns  # part of the cache key only: an edited source is read again
    return normalise(path.read_text(encoding="utf-8"))


def source_text(path: Path) -> str:
    """The normalised text of a source document (read once per version of the file)."""
    return _source_text(path, path.stat().st_mtime_ns)


def _longest_prefix(quote: str, text: str) -> int:
    """Length of the longest start of ``quote`` found in ``text`` (binary search: shorter
    starts of a found start are found too)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def mismatch(quote: str, text: str) -> str | None:
    """``None`` when ``quote`` occurs in ``text`` (both normalised), else where it departs."""
    if quote in text:
        return None
    matched = _longest_prefix(quote, text)
    if matched < 12:  # a few letters match anywhere: say nothing misleading
        return f"no part of the quote's start ('{quote[:_SHOWN]}...') occurs in the source"
    at = text.find(quote[:matched])
    before = quote[max(0, matched - _SHOWN) : matched]
    ours = quote[matched : matched + _SHOWN]
    theirs = text[at + matched : at + matched + _SHOWN]
    return (
        f"the source matches up to '...{before}' and then reads '{theirs}...', "
        f"where the quote has '{ours}...'"
    )
