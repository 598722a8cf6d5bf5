"""The network formats of the export, beside the RDF ones: names, media types, writers.

``find_format`` looks a name up among both, RDF first (``formats.FORMATS``), so ``?format=``
and ``--format`` take any of them and an unknown name lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from services.export.cytoscape import write_cytoscape
from services.export.formats import FORMATS, ExportFormat
from services.export.gexf import write_gexf
from services.export.graphml import write_graphml
from services.export.network import Network
from services.export.tables import write_tables_zip


@dataclass(frozen=True)
class NetworkFormat:
    """One network serialisation: its name, media types, file extension and writer."""

    name: str
    media_type: str
    aliases: tuple[str, ...]
    extension: str
    write: Callable[[Network, str], Iterator[bytes]]

    @property
    def media_types(self) -> tuple[str, ...]:
        """Every media type that selects this format."""
        return (self.media_type, *self.aliases)


NETWORK_FORMATS: dict[str, NetworkFormat] = {
    f.name: f
    for f in (
        NetworkFormat("gexf", "application/gexf+xml", (), "gexf", write_gexf),
        NetworkFormat(
            "graphml",
            "application/graphml+xml",
            ("application/x-graphml",),
            "graphml",
            write_graphml,
        ),
        NetworkFormat("csv", "application/zip", ("text/csv",), "zip", write_tables_zip),
        # application/json alone selects JSON-LD (an RDF format, asked for first)
        NetworkFormat(
            "cytoscape",
            "application/json",
            ("application/vnd.cytoscape+json",),
            "cyjs",
            write_cytoscape,
        ),
    )
}
"""The network formats by short name."""

AnyFormat = ExportFormat | NetworkFormat


class UnknownExportFormat(ValueError):
    """A format name that is neither an RDF nor a network format."""

    def __init__(self, name: str) -> None:
        names = ", ".join([*FORMATS, *NETWORK_FORMATS])
        super().__init__(f"unknown export format {name!r}; expected one of {names}")
        self.name = name


def all_formats() -> dict[str, AnyFormat]:
    """Every export format by name, RDF first (the order content negotiation prefers)."""
    return {**FORMATS, **NETWORK_FORMATS}


def find_format(name: str) -> AnyFormat:
    """The export format called ``name`` (``UnknownExportFormat`` when there is none)."""
    found = all_formats().get(name.strip().lower())
    if found is None:
        raise UnknownExportFormat(name)
    return found
