"""RDF written with our ontology (Turtle, JSON-LD, N-Triples, RDF/XML) into the graph store.

Data made by other tools comes in through the same path as the fact files: RDF is read into a
``FactSet`` by ``ontology.rdf_mapping.facts_from_rdf`` (the inverse of the exporter's mapping),
validated like the fact files, and written by ``loaders.load.load_facts``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.store import GraphStore
from loaders.load import LoadReport, load_facts
from ontology.errors import FactError, InvalidFacts
from ontology.facts import FactSet

RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def rdf_format(path: Path) -> str:
    """The rdflib format name for ``path``, from its suffix."""
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise ValueError(f"{path}: unknown RDF file suffix (expected one of {known})") from None


def facts_from_rdf_file(path: Path) -> FactSet:
    """The facts an RDF file holds; a file that does not parse raises ``InvalidFacts``."""
    from ontology.rdf_mapping import facts_from_rdf

    graph = Graph()
    try:
        graph.parse(path, format=rdf_format(path))
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidFacts([FactError(str(path), 0, "rdf", f"cannot read: {exc}")]) from exc
    return facts_from_rdf(graph)


def validated_rdf_facts(path: Path, sources_dir: Path) -> FactSet:
    """The facts of an RDF file, validated like fact files (``InvalidFacts`` otherwise)."""
    from ontology.validate import validate_facts

    facts = facts_from_rdf_file(path)
    errors = validate_facts(facts, sources_dir)
    if errors:
        raise InvalidFacts(errors)
    return facts


def load_rdf(store: GraphStore, path: Path, sources_dir: Path) -> LoadReport:
    """Validate the RDF file ``path`` and load its facts, replacing the store's graph."""
    return load_facts(store, validated_rdf_facts(path, sources_dir))
