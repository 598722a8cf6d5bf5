"""The answer formats of the SPARQL endpoint and their media types.

SELECT and ASK answer with a results table (JSON, XML, CSV, TSV); CONSTRUCT and DESCRIBE with
RDF (Turtle, JSON-LD, N-Triples, RDF/XML). The first offer of each is the default for ``*/*``;
choosing one by an HTTP ``Accept`` header is the API's job (``api.negotiate``).
"""

from __future__ import annotations

from dataclasses import dataclass


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
