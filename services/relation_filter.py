"""The one implementation of the time and status filters: what a relation's claims say.

A relation has two clocks, both read from its claims (README, "Time"):

- **valid time**: when the relation holds, by a claim's ``valid_from`` / ``valid_until`` (a
  single point has both the same; only a start is "since then"; only an end is "until then").
  A relation keeps the period of each claim, not one merged span: asserted for 1996-2001 and
  again from 2021-08, it holds in both and not between. A claim that gives neither date has no
  period: "period unknown", which is reported as such, never turned into a start. Asked about
  a date no period contains, a relation that such claims support is kept and flagged
  ``undated`` (it held at some time, perhaps then); one whose every claim gives a period that
  misses the date did not hold then.
- **statement time**: when the claim was made, its ``stated_on``, else its source's date.

A ``Question`` asks ``true_at`` (what held then, by valid time), ``known_by`` (what had been
stated by then: only the claims stated by then count, so status and counts are as they were
then), or both, and which statuses to keep. The API (lists, one actor, neighbourhoods, paths,
the research catalog), the network view and the exports all ask through here; the page's
script has a twin (``answers`` in ``view/assets/view.js``), and ``tests/test_relation_filter.py``
runs both on every curated relation.

Dates name periods ("2021" is the whole year), and two periods meet when they overlap: a
relation valid 2021-08.. holds ``true_at=2021``; a claim stated in 2022 is known by 2022-03.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Final

from graph.citation import Citation, decode
from graph.model import is_hedged, status_of
from graph.origins import origin_count
from ontology.dates import period_end, period_start

STATUSES: Final = ("asserted", "contested", "denied")
"""A relation's status: only asserting claims; assertions with denials or doubts; no
assertion at all (denied or only questioned)."""

OPEN_START: Final = "0000-01-01"
"""The first day of a period with no start ("until 2016")."""
OPEN_END: Final = "9999-12-31"
"""The last day of a period with no end ("since 2021-08")."""


@dataclass(frozen=True)
class Period:
    """When a relation holds by some of its claims: from, until (either may be open).

    A start alone ("since 2021-08") runs on: the relation still holds. An end alone ("until
    2016-07", "killed in July 2016") says the relation held up to then, not since when: the
    period is certain only at its end, and before it the relation may or may not have held.
    """

    valid_from: str | None
    valid_until: str | None
    claim_ids: tuple[str, ...]

    @property
    def first_day(self) -> str:
        return period_start(self.valid_from) if self.valid_from else OPEN_START

    @property
    def last_day(self) -> str:
        return period_end(self.valid_until) if self.valid_until else OPEN_END

    @property
    def sure_from(self) -> str:
        """The first day the claims say it held: the start, or with no start the end's."""
        if self.valid_from:
            return period_start(self.valid_from)
        return period_start(self.valid_until) if self.valid_until else OPEN_START

    def meets(self, when: str) -> bool:
        """Whether the claims say it held in the period the date ``when`` names."""
        return self.sure_from <= period_end(when) and self.last_day >= period_start(when)

    def may_meet(self, when: str) -> bool:
        """Whether it may have held then, unsaid: before the end of a period with no start."""
        return self.valid_from is None and period_start(when) <= self.last_day

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "claim_ids": list(self.claim_ids),
        }


def is_dated(citation: Citation) -> bool:
    """Whether the claim gives a valid time (a start, an end or both)."""
    return bool(citation.valid_from or citation.valid_until)


def known_by(citation: Citation, when: str) -> bool:
    """Whether the claim had been stated by ``when`` (a claim with no date never has)."""
    stated = citation.stated
    return stated is not None and period_start(stated) <= period_end(when)


@dataclass(frozen=True)
class Reading:
    """A relation as the claims that count for a question describe it."""

    citations: tuple[Citation, ...]
    status: str
    asserted: int
    denied: int
    source_count: int  # independent origins (graph.origins)
    first_stated: str | None
    questioned: int = 0
    hedged: bool = False
    document_count: int = 0
    periods: tuple[Period, ...] = field(default=())
    undated_claims: tuple[str, ...] = field(default=())  # claims that give no period

    @property
    def dated(self) -> bool:
        """Whether any claim gives the relation a period."""
        return bool(self.periods)

    def holds_at(self, when: str) -> bool | None:
        """Whether the relation holds at ``when`` by valid time.

        ``True``: a claim's period contains it. ``None``: no period does, but the relation may
        have held then, unsaid: claims that give no period say it holds at some time, or a
        period with no start ends after it (period unknown). ``False``: every claim gives a
        period and none can contain it.
        """
        if any(p.meets(when) for p in self.periods):
            return True
        if self.undated_claims or any(p.may_meet(when) for p in self.periods):
            return None
        return False

    def basis_at(self, when: str) -> str | None:
        """``"period"`` or ``"undated"``: what says the relation holds at ``when``."""
        holds = self.holds_at(when)
        return None if holds is False else ("period" if holds else "undated")


def _basis(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
    """The claims that say when it holds: the asserting ones (the denials, when none asserts)."""
    return tuple(c for c in citations if c.stance == "asserts") or citations


def _periods(citations: tuple[Citation, ...]) -> tuple[Period, ...]:
    """The distinct periods the claims give, earliest first."""
    grouped: dict[tuple[str | None, str | None], list[str]] = {}
    for c in citations:
        if is_dated(c):
            grouped.setdefault((c.valid_from, c.valid_until), []).append(c.claim_id)
    periods = [Period(a, b, tuple(ids)) for (a, b), ids in grouped.items()]
    return tuple(sorted(periods, key=lambda p: (p.first_day, p.last_day)))


def read(citations: Iterable[Citation], known_by_date: str | None = None) -> Reading | None:
    """The relation as its claims describe it (only those stated by ``known_by_date`` when
    given); ``None`` when no claim counts."""
    counted = tuple(c for c in citations if known_by_date is None or known_by(c, known_by_date))
    if not counted:
        return None
    asserted = sum(1 for c in counted if c.stance == "asserts")
    denied = sum(1 for c in counted if c.stance == "denies")
    stated = [d for d in (c.stated for c in counted) if d]
    basis = _basis(counted)
    return Reading(
        citations=counted,
        status=status_of(asserted, len(counted) - asserted),
        asserted=asserted,
        denied=denied,
        questioned=len(counted) - asserted - denied,
        hedged=is_hedged(counted),
        source_count=origin_count(counted),
        document_count=len({c.source_id for c in counted}),
        first_stated=min(stated, key=period_start) if stated else None,
        periods=_periods(basis),
        undated_claims=tuple(c.claim_id for c in basis if not is_dated(c)),
    )


@dataclass(frozen=True)
class Question:
    """What to keep of the relations: by valid time, by statement time, by status."""

    true_at: str | None = None
    known_by: str | None = None
    undated: bool = True  # with true_at: keep (flagged) what only claims of no period support
    statuses: frozenset[str] = frozenset(STATUSES)

    @property
    def asks(self) -> bool:
        """Whether the question keeps less than every relation as it stands."""
        return bool(self.true_at or self.known_by) or self.statuses != frozenset(STATUSES)

    def answer(self, citations: Iterable[Citation]) -> Reading | None:
        """The relation as the question sees it, or ``None`` when the question leaves it out."""
        reading = read(citations, self.known_by)
        if reading is None or reading.status not in self.statuses:
            return None
        if self.true_at:
            holds = reading.holds_at(self.true_at)
            if holds is False or (holds is None and not self.undated):
                return None
        return reading

    def answer_edge(self, edge: Mapping[str, Any]) -> dict[str, Any] | None:
        """An edge map (``{type, subject, object, properties}``) as the question sees it."""
        reading = self.answer(decode(edge["properties"].get("evidence")))
        if reading is None:
            return None
        basis = reading.basis_at(self.true_at) if self.true_at else None
        return with_reading(edge, reading, basis)


def with_reading(
    edge: Mapping[str, Any], reading: Reading, time_basis: str | None = None
) -> dict[str, Any]:
    """``edge`` with the properties its ``reading`` gives (status, counts, periods...), and
    with ``true_at`` asked, what says it held then (``period`` or ``undated``)."""
    properties = {
        **edge["properties"],
        "status": reading.status,
        "contested": reading.denied + reading.questioned > 0,
        "asserted": reading.asserted,
        "denied": reading.denied,
        "questioned": reading.questioned,
        "hedged": reading.hedged,
        "source_count": reading.source_count,
        "document_count": reading.document_count,
        "first_stated": reading.first_stated,
        "evidence": [asdict(c) for c in reading.citations],
        "periods": [p.as_dict() for p in reading.periods],
        "undated_claims": list(reading.undated_claims),
        "time_basis": time_basis,
    }
    return {**edge, "properties": properties}


def period_fields(citations: Iterable[Citation]) -> dict[str, Any]:
    """The periods of a relation whose every claim counts: what every answer shows of it."""
    basis = _basis(tuple(citations))
    return {
        "periods": [p.as_dict() for p in _periods(basis)],
        "undated_claims": [c.claim_id for c in basis if not is_dated(c)],
    }


def statuses_shown(*, asserted: bool, contested: bool, denied: bool) -> frozenset[str]:
    """The statuses kept by three switches (the view's controls, the CLI's flags)."""
    flags = {"asserted": asserted, "contested": contested, "denied": denied}
    return frozenset(status for status, kept in flags.items() if kept)
