"""What a SPARQL request asks for, decided by a parser (rdflib's), never by keyword search.

The endpoint is read-only and does not reach out to other servers, so it refuses two kinds of
request before any evaluation: SPARQL Update (the text parses as an update, not a query) and
federated queries (the parsed query holds a ``SERVICE`` pattern). A text that parses as neither
a query nor an update is malformed; the parser's message says where. rdflib's grammar recurses
once per triple pattern in a row, per nested group and per parenthesis, so a long or deep text
overflows Python's stack (from about 60 patterns in a row, 35 groups or 40 parentheses): that is
``QueryTooComplex``, the client's to split, not a server error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class SparqlRequestError(Exception):
    """A SPARQL request the endpoint will not run or could not answer; ``message`` says why.

    Each subclass is one kind of failure, for the caller to tell apart by its class.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MalformedQuery(SparqlRequestError):
    """The text is not a SPARQL query; the message is the parser's."""


class UpdateRefused(SparqlRequestError):
    """A SPARQL Update: this endpoint is read-only."""


class FederationRefused(SparqlRequestError):
    """A ``SERVICE`` pattern: the endpoint does not query other servers."""


class QueryTooComplex(SparqlRequestError):
    """A text that overflows the parser: too many patterns in a row, or nested too deep."""


TOO_COMPLEX_MESSAGE = (
    "the query is too deeply nested or too long for the parser: split a long run of triple "
    "patterns with `;` lists or several queries, and flatten deeply nested groups or parentheses"
)


UPDATE_MESSAGE = (
    "SPARQL Update is not allowed: this endpoint is read-only. Change the curated fact files "
    "and reload the store instead."
)


@dataclass(frozen=True)
class ParsedQuery:
    """A SPARQL query that may run: its text and its form."""

    text: str
    form: QueryForm

    @property
    def returns_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE answer with RDF; SELECT and ASK with a results table."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _has_service(root: Any) -> bool:
    """Whether the parse tree under ``root`` holds a ``SERVICE`` graph pattern (walked with a
    stack, not recursion, so a deep tree cannot overflow)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False


def _parse(text: str) -> Any:
    """rdflib's parse tree of the query ``text``; an update is refused, anything else malformed."""
    try:
        return parseQuery(text)
    except ParseBaseException as query_error:
        try:
            parseUpdate(text)
        except ParseBaseException:
            raise MalformedQuery(f"SPARQL syntax error: {query_error}") from None
        raise UpdateRefused(UPDATE_MESSAGE) from None


def parse_query(text: str) -> ParsedQuery:
    """Parse ``text`` as a query.

    Raises ``MalformedQuery``, ``UpdateRefused``, ``FederationRefused`` or ``QueryTooComplex``.
    """
    if not text.strip():
        raise MalformedQuery("the query is empty")
    try:
        parsed = _parse(text)
    except RecursionError:
        raise QueryTooComplex(TOO_COMPLEX_MESSAGE) from None
    body = parsed[1]
    form = _FORMS.get(getattr(body, "name", ""))
    if form is None:  # the grammar admits only the four forms; guard against a new rdflib
        raise MalformedQuery(f"unsupported query form {getattr(body, 'name', body)!r}")
    if _has_service(parsed):
        raise FederationRefused(
            "SERVICE (federated query) is not allowed: this endpoint only queries its own data"
        )
    return ParsedQuery(text=text, form=form)


def graph_iri_problem(text: str) -> str | None:
    """Why ``text`` cannot name a graph (``default-graph-uri``, ``named-graph-uri``), or None.

    The engine's own IRI parser decides, so what passes here the engine takes.
    """
    if not text.isprintable():
        return "it holds a control character, a lone surrogate or another unprintable one"
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        return str(exc)
    return None
