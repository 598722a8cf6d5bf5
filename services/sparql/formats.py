"""The answer formats of the SPARQL endpoint and their choice by the request's Accept header.

SELECT and ASK answer with a results table (JSON, XML, CSV, TSV); CONSTRUCT and DESCRIBE with
RDF (Turtle, JSON-LD, N-Triples, RDF/XML). The first offer of each is the default for ``*/*``.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.export.formats import negotiate


@dataclass(frozen=True)
class AnswerFormat:
    """One format the endpoint answers in: its name (for the worker) and media types."""

    name: str
    media_types: tuple[str, ...]  # the first is what the response's Content-Type says

    @property
    def media_type(self) -> str:
        """The Content-Type of an answer in this format."""
        return self.media_types[0]


RESULT_FORMATS: dict[str, AnswerFormat] = {
    f.name: f
    for f in (
        AnswerFormat(
            "json",
            (
                "application/sparql-results+json",
                "application/json",
                "text/javascript",
                "application/javascript",
            ),
        ),
        AnswerFormat("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
        AnswerFormat("csv", ("text/csv",)),
        AnswerFormat("tsv", ("text/tab-separated-values",)),
    )
}
"""Formats of SELECT and ASK results, in order of preference."""

GRAPH_FORMATS: dict[str, AnswerFormat] = {
    f.name: f
    for f in (
        AnswerFormat("turtle", ("text/turtle", "application/turtle", "application/x-turtle")),
        AnswerFormat(
            "jsonld", ("application/ld+json", "application/x-json+ld", "application/json")
        ),
        AnswerFormat("ntriples", ("application/n-triples", "text/plain")),
        AnswerFormat("rdfxml", ("application/rdf+xml", "application/xml", "text/xml")),
    )
}
"""Formats of CONSTRUCT and DESCRIBE results, in order of preference."""


def choose_format(accept: str | None, returns_graph: bool) -> AnswerFormat | None:
    """The answer format for an Accept header, or ``None`` when none of them is acceptable."""
    formats = GRAPH_FORMATS if returns_graph else RESULT_FORMATS
    name = negotiate(accept, {f.name: f.media_types for f in formats.values()})
    return None if name is None else formats[name]


def offered_types(returns_graph: bool) -> list[str]:
    """The main media types offered for a query form (to list in a 406 answer)."""
    formats = GRAPH_FORMATS if returns_graph else RESULT_FORMATS
    return [f.media_type for f in formats.values()]
