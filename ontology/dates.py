"""Partial ISO dates, ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``: the one place that knows them.

Sources date things as precisely as they can ("in 2021", "in August 2021", "on 15 August
2021"), so the facts keep a date as the text the curator wrote, at that precision, and every
layer reads it through this module: the validator (is it a date?), the RDF mapping and the bulk
export (``xsd:gYear`` / ``xsd:gYearMonth`` / ``xsd:date``), the API parameters and the network
view (the first and last day of the period a date names, and whether one period ends before
another begins). Values stay plain strings everywhere; these are functions on them.

Two twins cannot import this module, because they run elsewhere: the prefix compare in
``queries/cypher/relations_search.cypher`` (in the database) and the date functions of
``services/view/assets/view.js`` (in the browser). ``tests/test_dates.py`` checks that both
agree with the functions here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final, Literal

from rdflib import XSD, URIRef

type Precision = Literal["year", "month", "day"]
"""How much of a date is known: ``"2021"`` a year, ``"2021-08"`` a month, ``"2021-08-15"`` a day."""

_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# ASCII digits only, matched whole (``fullmatch``): ``\d`` would take any Unicode digit and ``$``
# a trailing newline, neither of which the database, the browser or xsd accept.

_PRECISIONS: Final[dict[int, Precision]] = {4: "year", 7: "month", 10: "day"}

XSD_DATATYPES: Final[dict[Precision, URIRef]] = {
    "year": XSD.gYear,
    "month": XSD.gYearMonth,
    "day": XSD.date,
}
"""The xsd datatype of a date of each precision."""
_XSD_IRIS: Final[dict[Precision, str]] = {p: str(iri) for p, iri in XSD_DATATYPES.items()}

API_PATTERN: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
"""A regular expression for API parameters (and so the OpenAPI schema): the shape with month and
day in range. It cannot know month lengths; ``check_date`` does."""


def precision(text: str) -> Precision | None:
    """The precision of ``text`` by its shape alone (``"2021-13"`` is a month), or ``None``.

    The RDF mapping types dates by this: the validator has already rejected what is no
    calendar date, and RDF read from elsewhere keeps its shape.
    """
    return _PRECISIONS[len(text)] if _SHAPE.fullmatch(text) else None


def date_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a partial ISO date, in a curator's words, or ``None``."""
    match = _SHAPE.fullmatch(text)
    if match is None:
        return (
            f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"
        )
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"'{text}' is not a calendar date"
    return None


def check_date(text: str, what: str = "as_of") -> str:
    """``text`` when it is a partial ISO date; else ValueError naming the field ``what``."""
    problem = date_problem(text)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")
    return text


def period_start(date: str) -> str:
    """The first day of the period ``date`` names: ``"2021"`` -> ``"2021-01-01"``."""
    check_date(date, "date")
    return (date + "-01-01")[:10]


def period_end(date: str) -> str:
    """The last day of the period ``date`` names: ``"2021"`` -> ``"2021-12-31"``,
    ``"2021-02"`` -> ``"2021-02-28"``, ``"2024-02"`` -> ``"2024-02-29"``."""
    check_date(date, "date")
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        last = calendar.monthrange(int(date[:4]), int(date[5:7]))[1]
        return f"{date}-{last:02d}"
    return date


def ends_before(end: str, start: str) -> bool:
    """Whether the period ``end`` names is over before the period ``start`` names begins.

    Compared at the coarser of the two precisions, so "2021" does not end before "2021-05"
    (the year may mean May); for valid dates this is ``period_end(end) < period_start(start)``,
    and it is the compare the Cypher twin makes with ``left()``.
    """
    shared = min(len(end), len(start))
    return end[:shared] < start[:shared]


def rdf_datatype(text: str) -> URIRef | None:
    """The xsd datatype for ``text`` by its precision, or ``None`` when it has no date shape."""
    found = precision(text)
    return None if found is None else XSD_DATATYPES[found]


def datatype_iri(text: str) -> str | None:
    """``rdf_datatype`` as an IRI string, for writers that build no rdflib terms."""
    found = precision(text)
    return None if found is None else _XSD_IRIS[found]
