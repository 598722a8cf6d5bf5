"""HTTP content negotiation: which of a resource's formats an ``Accept`` header asks for.

The formats themselves (their names and media types) are the services' own: the export's in
``services.export.formats`` (RDF) and ``services.export.network_formats`` (networks), the
SPARQL endpoint's in ``services.sparql.formats``. Reading an ``Accept`` header is HTTP, so it
happens here; each function answers ``None`` when the header
allows none of the offers, and the route raises ``api.errors.NotAcceptable`` (406).
"""

from __future__ import annotations

from services.export.network_formats import AnyFormat, all_formats
from services.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS, AnswerFormat


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


def negotiate_export(header: str | None) -> AnyFormat | None:
    """The export format an Accept header asks for (Turtle for ``*/*``), or ``None``."""
    formats = all_formats()
    name = negotiate(header, {f.name: f.media_types for f in formats.values()})
    return None if name is None else formats[name]


def export_types() -> list[str]:
    """The main media types of the export (to list in a 406 answer)."""
    return [f.media_type for f in all_formats().values()]


def choose_format(accept: str | None, returns_graph: bool) -> AnswerFormat | None:
    """The SPARQL answer format for an Accept header, or ``None`` when none is acceptable."""
    formats = GRAPH_FORMATS if returns_graph else RESULT_FORMATS
    name = negotiate(accept, {f.name: f.media_types for f in formats.values()})
    return None if name is None else formats[name]


def offered_types(returns_graph: bool) -> list[str]:
    """The main media types offered for a SPARQL query form (to list in a 406 answer)."""
    formats = GRAPH_FORMATS if returns_graph else RESULT_FORMATS
    return [f.media_type for f in formats.values()]
