"""The RDF formats the export writes, their media types, and content negotiation over them."""

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


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, best first (stable)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, quality) for media, quality, _ in ranges]


def negotiate(header: str | None, offers: dict[str, tuple[str, ...]]) -> str | None:
    """The offer (a key of ``offers``, in preference order) that best matches ``header``.

    ``offers`` maps each offer to the media types that select it; the first one is its main
    type. Wildcards (``*/*``, ``text/*``) select the first offer whose main type matches, so
    the order of ``offers`` is the server's preference. ``None`` when nothing is acceptable.
    """
    for media, quality in parse_accept(header):
        if quality <= 0:
            continue
        for offer, types in offers.items():
            if media in types:
                return offer
        if media.endswith("/*"):
            major = media[:-1]
            for offer, types in offers.items():
                if media == "*/*" or types[0].startswith(major):
                    return offer
    return None


def negotiate_export(header: str | None) -> ExportFormat | None:
    """The export format an Accept header asks for (Turtle for ``*/*``), or ``None``."""
    name = negotiate(header, {f.name: f.media_types for f in FORMATS.values()})
    return None if name is None else FORMATS[name]
