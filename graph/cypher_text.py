"""Reading a Cypher text's words the way the database will: strings, comments and quoted names
are not keywords.

Used to refuse, before a user's query is sent, clauses that reach outside the graph
(``LOAD CSV``): a keyword search over the raw text would be fooled by ``LOAD /* */ CSV`` and
would wrongly refuse ``RETURN 'LOAD CSV'``. The scanner knows just enough of the lexical grammar
for that (openCypher: string literals with backslash escapes in either quote, backtick names
with doubled backticks, ``//`` and ``/* */`` comments); an unterminated string, name or comment
is returned as the rest of the text, which the database then rejects as a syntax error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from graph.store import WriteRefused, first_line

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _skip_quoted(text: str, start: int, quote: str) -> int:
    """The index after the string literal starting at ``start``."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


def _skip_name(text: str, start: int) -> int:
    """The index after the backtick-quoted name starting at ``start`` (``` `` ``` escapes one)."""
    i = start + 1
    while i < len(text):
        if text[i] == "`":
            if text[i + 1 : i + 2] == "`":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)


def keywords(text: str) -> list[str]:
    """The unquoted words of ``text``, upper-cased, in order (names in backticks left out)."""
    words: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in "'\"":
            i = _skip_quoted(text, i, char)
        elif char == "`":
            i = _skip_name(text, i)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
        elif (match := _WORD.match(text, i)) is not None:
            # a word after a dot is a property or a namespace part, not a keyword
            if not text[:i].rstrip().endswith("."):
                words.append(match.group().upper())
            i = match.end()
        else:
            i += 1
    return words


@lru_cache(maxsize=1024)  # named queries send the same few texts again and again
def loads_csv(text: str) -> bool:
    """Whether ``text`` has a ``LOAD CSV`` clause (which reads files or URLs)."""
    words = keywords(text)
    return any(a == "LOAD" and b == "CSV" for a, b in pairwise(words))


def refuse_load_csv(text: str) -> None:
    """Raise ``WriteRefused`` when ``text`` has a ``LOAD CSV`` clause: a read never reads
    files or URLs."""
    if loads_csv(text):
        raise WriteRefused(
            f"LOAD CSV reads files or URLs and is refused in a read-only query: {first_line(text)}"
        )
