"""The bulk export (plain loops, no rdflib objects) writes the same RDF as the rdflib one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from bench.generate import generate_facts
from ontology.facts import Claim, FactSet
from services.export import FORMATS, export_quads, serialize_export


def _as_rdflib(facts: FactSet, engine: str, dataset: bool) -> dict[str, Graph]:
    """The export's graphs by name ("" for the default graph), each as an rdflib graph."""
    groups: dict[str, list[ox.Triple]] = {}
    for quad in export_quads(facts, dataset=dataset, engine=engine):  # type: ignore[arg-type]
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        groups.setdefault(name, []).append(quad.triple)
    return {
        name: Graph().parse(data=ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), format="nt")
        for name, triples in groups.items()
    }


def _with_every_optional_field(facts: FactSet) -> FactSet:
    """The facts plus a claim that has a note, dates of every precision, a doubt, a hedge,
    a spokesperson, a relay and a statement key."""
    claim = next(iter(facts.claims.values()))
    person = next(e.id for e in facts.entities.values() if e.class_key == "person")
    outlet = next(e.id for e in facts.entities.values() if e.class_key == "media_outlet")
    extra = Claim(
        id="zz-every-field",
        subject=claim.subject,
        relation=claim.relation,
        object=claim.object,
        source=claim.source,
        quote='a "quoted" line\nwith a break and a backslash \\',
        claimant=claim.claimant,
        stance="questions",
        stated_on="2022",
        valid_from="2021-08",
        valid_until="2022-05-07",
        note="a note",
        hedge="reported",
        voiced_by=person,
        via=outlet,
        statement="a-statement",
        date_basis="external",
    )
    return FactSet(facts.sources, facts.entities, {**facts.claims, extra.id: extra})


@pytest.mark.parametrize("dataset", [False, True], ids=["plain", "trig"])
def test_bulk_and_rdflib_engines_agree_on_the_curated_facts(
    exported_facts: FactSet, dataset: bool
) -> None:
    facts = _with_every_optional_field(exported_facts)
    bulk_graphs = _as_rdflib(facts, "bulk", dataset)
    reference_graphs = _as_rdflib(facts, "rdflib", dataset)
    assert bulk_graphs.keys() == reference_graphs.keys()
    for name, graph in reference_graphs.items():
        assert isomorphic(bulk_graphs[name], graph), name


def test_bulk_and_rdflib_engines_agree_on_synthetic_facts() -> None:
    facts = generate_facts(1500, seed=3)
    bulk, reference = _as_rdflib(facts, "bulk", False), _as_rdflib(facts, "rdflib", False)
    assert isomorphic(bulk[""], reference[""])


def test_large_exports_take_the_bulk_engine_and_parse() -> None:
    facts = generate_facts(6000, seed=5)  # above BULK_CLAIMS
    data = serialize_export(facts, FORMATS["nt"])
    assert data
    assert sum(1 for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)) > 6000 * 10
