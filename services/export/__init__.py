"""The RDF export: the store read back as facts, built as RDF, written in four formats.

- ``read_facts_from_store(store)``: the store's entities, sources and claims as a ``FactSet``
  (``snapshot``);
- ``export_graph(facts)`` / ``export_dataset(facts)``: the ontology plus ``facts_to_rdf`` as an
  rdflib graph, or as a dataset with each claim's assertion in a named graph (``build``);
- ``serialize_export(facts, fmt, output)``: Turtle, N-Triples, JSON-LD or TriG, written by
  pyoxigraph (``serialize``); ``FORMATS`` and ``get_format`` (``formats``);
- ``facts_for(facts, selection)``: only the claims of the relations an ``ExportSelection``
  keeps (types or families, a time and status question, a focus and depth: ``selection``);
- the network formats (GEXF, GraphML, the CSV tables, Cytoscape.js): ``network`` builds the
  nodes and edges, one writer module each, ``network_formats`` names them.
"""

from services.export.build import assertion_graph_name, export_dataset, export_graph
from services.export.formats import (
    FORMATS,
    ExportFormat,
    UnknownFormat,
    get_format,
)
from services.export.network import Network, build_network
from services.export.network_formats import (
    NETWORK_FORMATS,
    AnyFormat,
    NetworkFormat,
    UnknownExportFormat,
    all_formats,
    find_format,
)
from services.export.selection import ExportSelection, SelectionError, facts_for, relation_keys
from services.export.serialize import PREFIXES, export_quads, serialize_export
from services.export.snapshot import StoreCounts, read_facts_from_store, store_counts

__all__ = [
    "FORMATS",
    "NETWORK_FORMATS",
    "PREFIXES",
    "AnyFormat",
    "ExportFormat",
    "ExportSelection",
    "Network",
    "NetworkFormat",
    "SelectionError",
    "StoreCounts",
    "UnknownExportFormat",
    "UnknownFormat",
    "all_formats",
    "assertion_graph_name",
    "build_network",
    "export_dataset",
    "export_graph",
    "export_quads",
    "facts_for",
    "find_format",
    "get_format",
    "read_facts_from_store",
    "relation_keys",
    "serialize_export",
    "store_counts",
]
