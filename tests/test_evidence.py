"""The rules of evidence: doubt and hedges, who spoke and who relayed, independent origins,
regimes, retired ids; and how the RDF export states them in PROV-O."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fact_folders import fact_folder, line_of
from rdflib import RDF, Graph
from rdflib.namespace import PROV

from graph.citation import Citation
from graph.origins import origin_count
from ontology.errors import FactError
from ontology.evidence_rules import hedge_word
from ontology.fact_files import read_fact_files
from ontology.facts import FactSet
from ontology.namespace import AG, AGD
from ontology.rdf_mapping import facts_from_rdf, facts_to_rdf
from ontology.validate import check_fact_folder
from services.relation_filter import read


def _cite(
    claim_id: str,
    claimant: str,
    stance: str = "asserts",
    *,
    statement: str | None = None,
    hedge: str | None = None,
    source: str = "s1",
    voiced_by: str | None = None,
    via: str | None = None,
) -> Citation:
    return Citation(
        claim_id=claim_id,
        source_id=source,
        source_title=None,
        publisher=None,
        published="2022",
        claimant_id=claimant,
        claimant_name=None,
        stance=stance,
        quote="q",
        hedge=hedge,
        statement=statement,
        voiced_by_id=voiced_by,
        via_id=via,
    )


def test_two_outlets_relaying_one_spokesperson_are_one_origin() -> None:
    relayed = [
        _cite("c1", "taliban", voiced_by="samangani", via="pajhwok", source="s0"),
        _cite("c2", "taliban", voiced_by="samangani", via="khovar", source="s1"),
    ]
    assert origin_count(relayed) == 1
    assert origin_count([*relayed, _cite("c3", "author", source="s1")]) == 2


def test_claimants_reporting_one_statement_are_one_origin() -> None:
    gknb = _cite("c1", "gknb", "denies", statement="may-8", source="s0")
    border = _cite("c2", "tajik-border-service", "denies", statement="may-8", source="s1")
    assert origin_count([gknb, border]) == 1
    # a chain: the border service also reports a second statement with a third party
    third = _cite("c3", "khovar-editor", statement="may-9")
    again = _cite("c4", "tajik-border-service", statement="may-9")
    assert origin_count([gknb, border, third, again]) == 1
    assert origin_count([gknb, _cite("c5", "iskp")]) == 2


def test_a_questioning_disputes_a_relation_and_a_doubt_alone_asserts_nothing() -> None:
    reading = read([_cite("c1", "authorities"), _cite("c2", "experts", "questions")])
    assert reading is not None
    assert (reading.status, reading.asserted, reading.denied, reading.questioned) == (
        "contested",
        1,
        0,
        1,
    )
    doubted = read([_cite("c1", "experts", "questions")])
    assert doubted is not None and doubted.status == "denied" and doubted.asserted == 0


def test_a_relation_asserted_only_with_hedges_is_hedged() -> None:
    hedged = read([_cite("c1", "author", hedge="reported"), _cite("c2", "x", hedge="likely")])
    assert hedged is not None and hedged.hedged and hedged.status == "asserted"
    plain = read([_cite("c1", "author", hedge="reported"), _cite("c2", "x")])
    assert plain is not None and not plain.hedged
    denied = read([_cite("c1", "x", "denies", hedge="reported")])
    assert denied is not None and not denied.hedged


def test_hedge_words_are_found_whatever_the_case_and_spacing() -> None:
    assert hedge_word("IS  Reportedly launched") == "reportedly"
    assert hedge_word("which is said to be sheltering") == "is said to"
    assert hedge_word("the Taliban-led government") is None
    assert hedge_word("unlikely to affect") is None  # a word, not a part of one


def test_the_validator_names_each_broken_rule_of_evidence(
    tmp_path: Path, sources_dir: Path
) -> None:
    data = fact_folder(tmp_path, "evidence-rules")
    _, errors = check_fact_folder(data, sources_dir)
    claims = data / "claims" / "bne-termez.yaml"
    file = "data/claims/bne-termez.yaml"
    assert errors == [
        FactError(
            file,
            line_of(claims, "via: sherzod-asadov"),
            "via",
            "'sherzod-asadov' is not a media outlet",
        ),
        FactError(
            file,
            line_of(claims, "voiced_by: bne-intellinews"),
            "voiced_by",
            "'bne-intellinews' is not a person (a spokesperson)",
        ),
        FactError(
            file,
            line_of(claims, "id: b-103"),
            "hedge",
            "the quote says 'claiming to' but the claim has no hedge: set hedge (reported, "
            "alleged, likely, possible), or quote only the words that make the claim",
        ),
        FactError(
            file,
            line_of(claims, "stance: doubts"),
            "stance",
            "stance must be one of 'asserts', 'denies', 'questions', not 'doubts'",
        ),
        FactError(
            file,
            line_of(claims, "hedge: rumoured"),
            "hedge",
            "'rumoured' is not one of: reported, alleged, likely, possible",
        ),
        FactError(
            file,
            line_of(claims, "subject: afghan-republic"),
            "subject",
            "'afghan-republic' stands for Islamic Republic of Afghanistan from 2004 to 2021-08, "
            "but the event 'rocket-attack-termez-2022-04-18' (2022-04-18) lies outside it: "
            "name the regime of that time",
        ),
        FactError(
            file,
            line_of(claims, "replaced_by: b-098"),
            "replaced_by",
            "no claim 'b-098' replaces it",
        ),
    ]


def _relayed_facts(tmp_path: Path) -> FactSet:
    """The valid fixture with one claim voiced by a spokesperson, relayed, and hedged."""
    facts, errors = read_fact_files(fact_folder(tmp_path))
    assert not errors
    claim = next(c for c in facts.claims.values() if c.claimant == "uzbekistan")
    relayed = dataclasses.replace(
        claim,
        voiced_by="sherzod-asadov",
        via="bne-intellinews",
        hedge="reported",
        statement="uzbek-denial-2022-04",
        stance="questions",
    )
    facts.claims[claim.id] = relayed
    return facts


def test_the_rdf_export_states_speakers_and_relays_in_prov_o(tmp_path: Path) -> None:
    facts = _relayed_facts(tmp_path)
    claim = next(c for c in facts.claims.values() if c.voiced_by)
    graph: Graph = facts_to_rdf(facts)
    node = AGD[claim.id]
    assert (node, PROV.wasAttributedTo, AGD["uzbekistan"]) in graph
    roles = {
        (graph.value(q, PROV.agent), graph.value(q, PROV.hadRole))
        for q in graph.objects(node, PROV.qualifiedAttribution)
    }
    assert roles == {
        (AGD["sherzod-asadov"], AG.Spokesperson),
        (AGD["bne-intellinews"], AG.Relay),
    }
    for q in graph.objects(node, PROV.qualifiedAttribution):
        assert (q, RDF.type, PROV.Attribution) in graph
    assert (AGD["sherzod-asadov"], PROV.actedOnBehalfOf, AGD["uzbekistan"]) in graph
    assert (node, AG.hedge, AG.reported) in graph
    assert (node, AG.stance, AG.questions) in graph


def test_the_new_fields_come_back_from_rdf(tmp_path: Path) -> None:
    facts = _relayed_facts(tmp_path)
    back = facts_from_rdf(facts_to_rdf(facts))
    assert back.claims == facts.claims
    assert back.entities == facts.entities


CODING_RULES = {
    # (term, words its definition must hold): each rule lives once, in the ontology
    "basedIn": '"active in" is ag:operates_in',
    "operatesIn": '"active in" is operates_in',
    "perpetratorOf": "permission or complicity",
    "participantIn": "an attacker is ag:perpetrator_of",
    "successorOf": "when the predecessor still exists",
    "leads": "a head of state or of government",
    "occurredIn": "fire or projectiles crossed into another place",
    "supports": "complicity",
    "denies": "a denial that an actor exists contests every relation",
    "questions": '"There is no evidence that X" is a denial when the party that would know',
}


def test_each_coding_rule_lives_in_the_ontology_with_an_example_from_the_sources() -> None:
    from rdflib.namespace import SKOS

    from ontology.vocabulary import load_ontology_graph

    graph = load_ontology_graph()
    for term, words in CODING_RULES.items():
        definition = str(graph.value(AG[term], SKOS.definition))
        assert words.replace('\\"', '"') in definition, term
        example = graph.value(AG[term], SKOS.example)
        assert example is not None and "s00" in str(example), term  # cites a source
