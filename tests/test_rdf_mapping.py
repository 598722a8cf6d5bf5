"""The facts as RDF: the mapping term by term, and the round trip facts -> RDF -> facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fact_folders import fact_folder
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from ontology.fact_files import read_fact_files
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.namespace import AG, AGD
from ontology.rdf_mapping import date_literal, facts_from_rdf, facts_to_rdf

PREFIXES = """
@prefix ag: <https://w3id.org/actorgraph/ontology#> .
@prefix agd: <https://w3id.org/actorgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.fixture
def minimal_facts(tmp_path: Path) -> FactSet:
    facts, errors = read_fact_files(fact_folder(tmp_path))
    assert errors == []
    return facts


def small_facts() -> FactSet:
    """One source, three entities, an asserting and a denying claim."""
    facts = FactSet()
    facts.sources["s1"] = SourceDocument(
        id="s1",
        file="003.txt",
        title="A title",
        publisher="bne IntelliNews",
        author="bne",
        published="2022-04-21",
        url="https://example.org/a",
    )
    facts.entities["bne"] = Entity(id="bne", name="bne IntelliNews", class_key="media_outlet")
    facts.entities["iskp"] = Entity(
        id="iskp",
        name="ISKP",
        class_key="armed_group",
        aliases=("IS-K", "ISKP"),
        description="An affiliate.",
    )
    facts.entities["termez-attack"] = Entity(
        id="termez-attack",
        name="Termez attack",
        class_key="attack",
        date="2022-04",
        end_date="2022",
    )
    facts.claims["c1"] = Claim(
        id="c1",
        subject="iskp",
        relation="claims_responsibility_for",
        object="termez-attack",
        source="s1",
        quote="claimed it fired 10 rockets",
        claimant="bne",
        stance="asserts",
        stated_on="2022-04-18",
        note="A note.",
    )
    facts.claims["c2"] = Claim(
        id="c2",
        subject="iskp",
        relation="perpetrator_of",
        object="termez-attack",
        source="s1",
        quote="flat out denied",
        claimant="bne",
        stance="denies",
        valid_from="2022",
        valid_until="2022-05",
    )
    return facts


EXPECTED = (
    PREFIXES
    + """
agd:s1 a ag:Source , prov:Entity ;
    ag:file "003.txt" ; dcterms:title "A title" ; dcterms:publisher "bne IntelliNews" ;
    dcterms:creator agd:bne ; dcterms:issued "2022-04-21"^^xsd:date ;
    rdfs:seeAlso <https://example.org/a> .
agd:bne a ag:MediaOutlet ; rdfs:label "bne IntelliNews" .
agd:iskp a ag:ArmedGroup ; rdfs:label "ISKP" ; skos:altLabel "IS-K" , "ISKP" ;
    dcterms:description "An affiliate." ;
    ag:claimsResponsibilityFor agd:termez-attack .
agd:termez-attack a ag:Attack ; rdfs:label "Termez attack" ;
    ag:date "2022-04"^^xsd:gYearMonth ; ag:endDate "2022"^^xsd:gYear .
agd:c1 a ag:Claim , rdf:Statement ;
    rdf:subject agd:iskp ; rdf:predicate ag:claimsResponsibilityFor ; rdf:object agd:termez-attack ;
    ag:subject agd:iskp ; ag:relation ag:claimsResponsibilityFor ; ag:object agd:termez-attack ;
    ag:source agd:s1 ; prov:wasDerivedFrom agd:s1 ;
    ag:claimant agd:bne ; prov:wasAttributedTo agd:bne ;
    ag:stance ag:asserts ; ag:quote "claimed it fired 10 rockets" ;
    ag:statedOn "2022-04-18"^^xsd:date ; rdfs:comment "A note." .
agd:c2 a ag:Claim , rdf:Statement ;
    rdf:subject agd:iskp ; rdf:predicate ag:perpetratorOf ; rdf:object agd:termez-attack ;
    ag:subject agd:iskp ; ag:relation ag:perpetratorOf ; ag:object agd:termez-attack ;
    ag:source agd:s1 ; prov:wasDerivedFrom agd:s1 ;
    ag:claimant agd:bne ; prov:wasAttributedTo agd:bne ;
    ag:stance ag:denies ; ag:quote "flat out denied" ;
    ag:validFrom "2022"^^xsd:gYear ; ag:validUntil "2022-05"^^xsd:gYearMonth .
"""
)


def test_the_mapping_term_by_term() -> None:
    expected = Graph().parse(data=EXPECTED, format="turtle")
    got = facts_to_rdf(small_facts())
    assert isomorphic(got, expected), sorted(set(to_isomorphic(got)) ^ set(to_isomorphic(expected)))


def test_a_denied_edge_has_no_plain_triple() -> None:
    graph = facts_to_rdf(small_facts())
    assert (AGD["iskp"], AG.perpetratorOf, AGD["termez-attack"]) not in graph
    assert (AGD["iskp"], AG.claimsResponsibilityFor, AGD["termez-attack"]) in graph


def test_an_edge_asserted_twice_has_one_triple(minimal_facts: FactSet) -> None:
    graph = facts_to_rdf(minimal_facts)
    # taliban hostile_to iskp (j-004) and iskp hostile_to taliban (b-003): hostile_to is
    # symmetric, so both claims back one edge and one plain triple, its ends in id order.
    assert (AGD["iskp"], AG.hostileTo, AGD["taliban"]) in graph
    assert (AGD["taliban"], AG.hostileTo, AGD["iskp"]) not in graph
    claims = set(graph.subjects(RDF.type, AG.Claim))
    assert len(claims) == len(minimal_facts.claims)


XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("text", "datatype"),
    [("2022", "gYear"), ("2022-05", "gYearMonth"), ("2022-05-07", "date"), ("May", None)],
)
def test_dates_are_typed_by_precision(text: str, datatype: str | None) -> None:
    expected = URIRef(XSD_NS + datatype) if datatype else None
    assert date_literal(text) == Literal(text, datatype=expected)


def test_round_trip_gives_equal_facts(minimal_facts: FactSet) -> None:
    back = facts_from_rdf(facts_to_rdf(minimal_facts))
    assert back == minimal_facts
    assert back.claims["j-003"].stance == "denies"
    assert back.claims["j-003"].note == minimal_facts.claims["j-003"].note
    assert back.sources["jamestown-iskp-rockets"].url is None


def test_round_trip_of_the_small_facts() -> None:
    facts = small_facts()
    assert facts_from_rdf(facts_to_rdf(facts)) == facts


def test_round_trip_graphs_are_isomorphic(minimal_facts: FactSet) -> None:
    graph = facts_to_rdf(minimal_facts)
    again = facts_to_rdf(facts_from_rdf(graph))
    assert isomorphic(graph, again)


def test_round_trip_of_the_real_data(data_dir: Path) -> None:
    if not list((data_dir / "claims").glob("*.yaml")):
        pytest.skip("data/claims has no claim files yet (the curated facts are being written)")
    facts, _ = read_fact_files(data_dir)
    graph = facts_to_rdf(facts)
    assert facts_from_rdf(graph) == facts
    assert isomorphic(graph, facts_to_rdf(facts_from_rdf(graph)))


def test_facts_from_rdf_ignores_other_nodes(minimal_facts: FactSet) -> None:
    graph = facts_to_rdf(minimal_facts)
    graph.add((AG.ArmedGroup, RDF.type, AG.Relation))  # an ontology term, not a curated thing
    assert facts_from_rdf(graph) == minimal_facts
