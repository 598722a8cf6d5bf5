"""Independent origins: how many parties, not documents, stand behind a relation.

Two outlets relaying one spokesperson are one origin; so are three documents quoting one
ISKP claim. The claims behind a relation count as one origin when they have the same claimant
or report the same statement (``statement``, a key shared across sources: the GKNB's 8 May
statement as s000 gives it and the border directorate's as s001 does). Claimants joined by a
shared statement are one origin with everything else they say about the relation.

``tests/test_evidence.py`` holds the rule to these cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Attributed(Protocol):
    """What an origin is read from: a citation, or a claim's row."""

    @property
    def claimant_id(self) -> str: ...

    @property
    def statement(self) -> str | None: ...


def origin_count(citations: Iterable[Attributed]) -> int:
    """The independent origins among ``citations``: claimants, merged by shared statements."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for citation in citations:
        who = root("claimant:" + citation.claimant_id)
        if citation.statement:
            said = root("statement:" + citation.statement)
            if said != who:
                parent[said] = who
    return len({root(k) for k in parent if k.startswith("claimant:")})
