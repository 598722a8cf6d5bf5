"""The RDF formats the export writes and their media types.

Choosing one by an HTTP ``Accept`` header is the API's job (``api.negotiate``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class ExportFormat:
    """One serialisation of the export: its short name, media types and file extension."""

    name: str  # what ``--format`` and ``?format=`` take
    media_type: str  # the type the API answers with
    aliases: tuple[str, ...]  # further media types a client may ask for in Accept
    extension: str
    oxigraph: ox.RdfFormat
    dataset: bool  # TriG: claims' assertions in named graphs; the others: one plain graph

    @property
    def media_types(self) -> tuple[str, ...]:
        """Every media type that selects this format."""
        return (self.media_type, *self.aliases)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "ttl",
            "text/turtle",
            ("application/x-turtle", "application/turtle"),
            "ttl",
            ox.RdfFormat.TURTLE,
            False,
        ),
        ExportFormat(
            "nt", "application/n-triples", ("text/plain",), "nt", ox.RdfFormat.N_TRIPLES, False
        ),
        ExportFormat(
            "jsonld",
            "application/ld+json",
            ("application/x-json+ld", "application/json"),
            "jsonld",
            ox.RdfFormat.JSON_LD,
            False,
        ),
        ExportFormat(
            "trig", "application/trig", ("application/x-trig",), "trig", ox.RdfFormat.TRIG, True
        ),
    )
}
"""The export formats by short name."""


class UnknownFormat(ValueError):
    """A format name that is not one of ``FORMATS``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown RDF format {name!r}; expected one of {', '.join(FORMATS)}")
        self.name = name


def get_format(name: str) -> ExportFormat:
    """The export format called ``name`` (``UnknownFormat`` when there is none)."""
    try:
        return FORMATS[name.strip().lower()]
    except KeyError:
        raise UnknownFormat(name) from None
