"""The RDF export: the store read back as facts, built as RDF, written in four formats.

- ``read_facts_from_store(store)``: the store's entities, sources and claims as a ``FactSet``
  (``snapshot``);
- ``export_graph(facts)`` / ``export_dataset(facts)``: the ontology plus ``facts_to_rdf`` as an
  rdflib graph, or as a dataset with each claim's assertion in a named graph (``build``);
- ``serialize_export(facts, fmt, output)``: Turtle, N-Triples, JSON-LD or TriG, written by
  pyoxigraph (``serialize``); ``FORMATS`` and ``get_format`` (``formats``);
- ``facts_for(facts, question)``: only the claims that answer a time and status question
  (``question``).
"""

from services.export.build import assertion_graph_name, export_dataset, export_graph
from services.export.formats import (
    FORMATS,
    ExportFormat,
    UnknownFormat,
    get_format,
)
from services.export.question import facts_for
from services.export.serialize import PREFIXES, export_quads, serialize_export
from services.export.snapshot import StoreCounts, read_facts_from_store, store_counts

__all__ = [
    "FORMATS",
    "PREFIXES",
    "ExportFormat",
    "StoreCounts",
    "UnknownFormat",
    "assertion_graph_name",
    "export_dataset",
    "export_graph",
    "export_quads",
    "facts_for",
    "get_format",
    "read_facts_from_store",
    "serialize_export",
    "store_counts",
]
