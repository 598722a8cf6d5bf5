"""The SHACL shapes: they accept the mapping of valid facts and catch each rule broken in RDF,
and their violations reach curators as file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from fact_folders import fact_folder, line_of
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ontology.errors import FactError
from ontology.fact_files import read_fact_files
from ontology.facts import FactSet
from ontology.namespace import AG, AGD, SHAPES_FILE
from ontology.rdf_mapping import facts_to_rdf
from ontology.shacl import AGS, shacl_errors, shapes_graph, validate_rdf, with_ontology
from ontology.shapes_gen import current_section, generated_section
from ontology.validate import validate_facts


@pytest.fixture
def minimal_facts(tmp_path: Path) -> FactSet:
    facts, errors = read_fact_files(fact_folder(tmp_path))
    assert errors == []
    return facts


def graph_of(facts: FactSet) -> Graph:
    return with_ontology(facts_to_rdf(facts))


def violations(graph: Graph) -> set[tuple[str, str, str]]:
    """(focus, shape, value) of each violation, shortened for comparing."""
    return {
        (
            str(v.focus).removeprefix(str(AGD)),
            str(v.shape).removeprefix(str(AGS)) if isinstance(v.shape, URIRef) else "",
            str(v.value).removeprefix(str(AGD)) if v.value is not None else "",
        )
        for v in validate_rdf(graph)
    }


def test_the_generated_shapes_are_up_to_date() -> None:
    text = SHAPES_FILE.read_text(encoding="utf-8")
    assert current_section(text) == generated_section(), "run: python -m ontology.shapes_gen"


def test_every_relation_has_its_domain_and_range_shapes() -> None:
    shapes = shapes_graph()
    for local in ("hostileTo", "leads", "occurredIn", "locatedIn"):
        for suffix in ("-domain", "-range", "-claim-subject", "-claim-object"):
            assert (AGS[local + suffix], None, None) in shapes


def test_valid_facts_conform(minimal_facts: FactSet) -> None:
    assert validate_rdf(graph_of(minimal_facts)) == []
    assert shacl_errors(minimal_facts) == []


def test_a_relation_triple_without_a_claim() -> None:
    graph = graph_of(FactSet())
    graph.add((AGD["iskp"], RDF.type, AG.ArmedGroup))
    graph.add((AGD["iskp"], RDFS.label, Literal("ISKP")))
    graph.add((AGD["taliban"], RDF.type, AG.ArmedGroup))
    graph.add((AGD["taliban"], RDFS.label, Literal("Taliban")))
    graph.add((AGD["iskp"], AG.hostileTo, AGD["taliban"]))
    assert violations(graph) == {("iskp", "TripleBackedByClaim", "taliban")}


def test_a_denying_claim_does_not_back_a_triple(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    graph.add((AGD["iskp"], AG.perpetratorOf, AGD["rocket-attack-termez-2022-04-18"]))
    assert violations(graph) == {("iskp", "TripleBackedByClaim", "rocket-attack-termez-2022-04-18")}


def test_an_asserting_claim_without_its_triple(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    graph.remove((AGD["sherzod-asadov"], AG.speaksFor, AGD["uzbekistan"]))
    assert violations(graph) == {("sherzod-asadov", "AssertedClaimHasTriple", "uzbekistan")}


def test_a_claim_missing_its_citation(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    claim = AGD["b-004"]
    graph.remove((claim, AG.quote, None))
    graph.remove((claim, AG.claimant, None))
    graph.remove((claim, AG.source, None))
    graph.set((claim, AG.stance, AG.maybe))
    assert violations(graph) == {
        ("b-004", "", ""),
        ("b-004", "", str(AG.maybe)),
        # no longer asserted, so the plain triple has no claim behind it
        ("sherzod-asadov", "TripleBackedByClaim", "uzbekistan"),
    }
    messages = {v.message for v in validate_rdf(graph) if v.focus == claim}
    assert messages == {
        "a claim needs exactly one non-empty verbatim quote",
        "a claim needs exactly one claimant, the actor who makes the claim",
        "a claim needs exactly one source document",
        "a claim needs exactly one stance, ag:asserts, ag:denies or ag:questions",
    }


def test_an_actor_without_name_or_class(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    graph.remove((AGD["uzbekistan"], RDFS.label, None))
    graph.remove((AGD["uzbekistan"], RDF.type, None))
    graph.add((AGD["uzbekistan"], RDF.type, AG.Actor))  # a base class is not a class to code
    messages = {v.message for v in validate_rdf(graph) if v.focus == AGD["uzbekistan"]}
    assert messages == {
        "an actor, event or place needs exactly one non-empty name (rdfs:label)",
        "an actor, event or place needs a concrete class of the ontology "
        "(such as ag:ArmedGroup or ag:District)",
    }


def test_a_source_without_title_and_with_a_plain_date(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    source = AGD["bne-termez"]
    graph.remove((source, DCTERMS.title, None))
    graph.set((source, DCTERMS.issued, Literal("2022-04-21")))
    assert {v.message for v in validate_rdf(graph)} == {
        "a source needs exactly one non-empty title",
        "a source needs exactly one publication date, typed xsd:gYear, xsd:gYearMonth or xsd:date",
    }


def test_domain_and_range_in_triples_and_claims(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    # A triple whose subject is not a person, and a denying claim whose object is not an event.
    graph.add((AGD["taliban"], AG.leads, AGD["iskp"]))
    graph.set((AGD["b-002"], AG.object, AGD["place-termez"]))
    graph.set((AGD["b-002"], RDF.object, AGD["place-termez"]))
    assert violations(graph) == {
        ("taliban", "TripleBackedByClaim", "iskp"),
        ("taliban", "leads-domain", "taliban"),
        (str(AG.perpetratorOf), "perpetratorOf-claim-object", "place-termez"),
    }


def test_shacl_violations_point_at_file_line_and_field(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "domain-range")
    facts, _ = read_fact_files(data)
    claims = data / "claims" / "bne-termez.yaml"
    file = "data/claims/bne-termez.yaml"
    assert shacl_errors(facts) == [
        FactError(
            file,
            line_of(claims, "subject: iskp"),
            "subject",
            "SHACL ags:leads-claim-subject: the subject of a 'leads' claim must be a person "
            "(value: iskp)",
        ),
        FactError(
            file,
            line_of(claims, "object: place-termez"),
            "object",
            "SHACL ags:claimsResponsibilityFor-claim-object: the object of a "
            "'claims_responsibility_for' claim must be an event (value: place-termez)",
        ),
        FactError(
            file,
            line_of(claims, "object: place-termez"),
            "object",
            "SHACL ags:claimsResponsibilityFor-range: the object of 'claims_responsibility_for' "
            "must be an event (value: place-termez)",
        ),
        FactError(
            file,
            line_of(claims, "claimant: place-termez"),
            "claimant",
            "SHACL: a claim needs exactly one claimant, the actor who makes the claim "
            "(value: place-termez)",
        ),
    ]


def test_shacl_finds_missing_citations_at_their_lines(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "missing-citation")
    facts, _ = read_fact_files(data)
    claims = data / "claims" / "bne-termez.yaml"
    file = "data/claims/bne-termez.yaml"
    assert shacl_errors(facts) == [
        FactError(
            file,
            line_of(claims, "id: b-001"),
            "quote",
            "SHACL: a claim needs exactly one non-empty verbatim quote (value: '')",
        ),
        FactError(
            file,
            line_of(claims, "id: b-002"),
            "claimant",
            "SHACL: a claim needs exactly one claimant, the actor who makes the claim",
        ),
        FactError(
            file,
            line_of(claims, 'quote: "  "'),
            "quote",
            "SHACL: a claim needs exactly one non-empty verbatim quote (value: '  ')",
        ),
        FactError(
            "data/claims/no-source.yaml",
            1,
            "source",
            "SHACL: a claim needs exactly one source document",
        ),
    ]


def test_validate_facts_runs_the_shapes_on_valid_facts(
    minimal_facts: FactSet, sources_dir: Path
) -> None:
    assert validate_facts(minimal_facts, sources_dir) == []


def test_a_symmetric_triple_may_be_written_either_way_round(minimal_facts: FactSet) -> None:
    graph = graph_of(minimal_facts)
    # b-003 asserts iskp hostile_to taliban and j-004 the reverse; the export writes the pair
    # once, ends in id order, but another tool may write it the other way round.
    graph.remove((AGD["iskp"], AG.hostileTo, AGD["taliban"]))
    graph.add((AGD["taliban"], AG.hostileTo, AGD["iskp"]))
    assert validate_rdf(graph) == []
    # Not so for a relation that is not symmetric.
    graph.remove((AGD["sherzod-asadov"], AG.speaksFor, AGD["uzbekistan"]))
    graph.add((AGD["uzbekistan"], AG.speaksFor, AGD["sherzod-asadov"]))
    assert violations(graph) == {
        ("uzbekistan", "TripleBackedByClaim", "sherzod-asadov"),
        ("sherzod-asadov", "AssertedClaimHasTriple", "uzbekistan"),
        ("uzbekistan", "speaksFor-domain", "uzbekistan"),  # a state is not a person
    }
