"""The graph's shape is declared once (``graph/shape.py``) and everything else is held to it.

A property added to, renamed in or dropped from a fact record, a row, a load statement, a named
query, the citation codec or an answer model without its declaration fails here.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from pydantic import BaseModel

from api.schemas import (
    CitationPublic,
    ClaimPublic,
    EntityPublic,
    EntityRefPublic,
    RelationPublic,
    SourcePublic,
)
from graph.citation import Citation, MalformedEvidence, citation_of, decode, encode
from graph.model import graph_rows
from graph.shape import (
    CITATION,
    CLAIM,
    EDGE_ENDS,
    ENTITY,
    ENTITY_REF,
    RELATION,
    SOURCE,
    Shape,
    claim_links,
    provenance_links,
    source_links,
)
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.vocabulary import vocabulary
from queries.catalog import NamedQuery, load_catalog
from queries.fragments import FragmentError, expand

RECORDS: list[tuple[Shape, type]] = [(ENTITY, Entity), (SOURCE, SourceDocument), (CLAIM, Claim)]


def _fields(record: type) -> set[str]:
    return {f.name for f in dataclasses.fields(record)} - {"origin"}


def _model_fields(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


# --- fact records and rows ------------------------------------------------------------------


@pytest.mark.parametrize(("shape", "record"), RECORDS, ids=lambda x: getattr(x, "name", ""))
def test_every_field_of_a_fact_record_is_a_declared_property(shape: Shape, record: type) -> None:
    copied = {p.fact for p in shape.props if p.fact is not None}
    assert copied == _fields(record)


def test_every_row_the_loader_writes_has_exactly_the_declared_properties(
    curated_facts: FactSet,
) -> None:
    rows = graph_rows(curated_facts)
    for group in rows.entities.values():
        assert all(set(row) == set(ENTITY.names) for row in group)
    assert all(set(row) == set(SOURCE.names) for row in rows.sources)
    assert all(set(row) == set(CLAIM.names) for row in rows.claims)
    for group in rows.edges.values():
        assert all(set(row) == set(RELATION.names) | EDGE_ENDS for row in group)


def test_a_row_that_strays_from_the_shape_is_refused() -> None:
    row: dict[str, object] = {name: None for name in CLAIM.names if name != "note"}
    with pytest.raises(ValueError, match=r"missing \['note'\], undeclared \['notes'\]"):
        CLAIM.check({**row, "notes": ""})
    CLAIM.check({**row, "note": ""})  # the declared shape passes


@pytest.mark.parametrize(("shape", "record"), RECORDS, ids=lambda x: getattr(x, "name", ""))
def test_a_node_reads_back_into_the_record_it_was_written_from(
    curated_facts: FactSet, shape: Shape, record: type
) -> None:
    rows = graph_rows(curated_facts)
    originals: dict[str, object] = {
        "entity": curated_facts.entities,
        "source": curated_facts.sources,
        "claim": curated_facts.claims,
    }[shape.name]  # type: ignore[assignment]
    written = {
        "entity": [r for group in rows.entities.values() for r in group],
        "source": rows.sources,
        "claim": rows.claims,
    }[shape.name]
    for row in written:
        # Neo4j keeps no nulls: a property read back may be missing altogether
        stored = {k: v for k, v in row.items() if v is not None}
        assert record(**shape.fact_fields(stored)) == originals[row["id"]]  # type: ignore[index]


# --- provenance edges come from the ontology -------------------------------------------------


def test_the_provenance_links_are_the_ontologys() -> None:
    links = {(p.domain, p.graph_type, p.range) for p in provenance_links()}
    assert links == {
        ("Claim", "SUBJECT", "Entity"),
        ("Claim", "OBJECT", "Entity"),
        ("Claim", "CITES", "Source"),
        ("Claim", "CLAIMED_BY", "Actor"),
        ("Source", "WRITTEN_BY", "Actor"),
    }
    assert {f"{p.key}_id" for p in claim_links()} <= set(CLAIM.names)
    assert {f"{p.key}_id" for p in source_links()} <= set(SOURCE.names)


# --- the citation codec -----------------------------------------------------------------------


def test_the_citation_codec_carries_exactly_the_declared_fields(curated_facts: FactSet) -> None:
    assert tuple(f.name for f in dataclasses.fields(Citation)) == CITATION.names
    assert _model_fields(CitationPublic) == set(CITATION.names)
    citations = [citation_of(c, curated_facts) for c in curated_facts.claims.values()]
    assert decode(encode(citations)) == citations
    assert decode(None) == []


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ("{not json", "not JSON"),
        ('{"claim_id": "c"}', "not a list"),
        ("[1]", "entry 0 is not an object"),
        ('[{"claim_id": "c"}]', "entry 0: missing"),
    ],
)
def test_malformed_evidence_is_an_error_not_an_empty_answer(evidence: str, message: str) -> None:
    with pytest.raises(MalformedEvidence, match=message):
        decode(evidence)


# --- the API's answer shapes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "model", "answered_as"),
    [
        (ENTITY, EntityPublic, {}),
        (SOURCE, SourcePublic, {}),
        (CLAIM, ClaimPublic, {}),
        (RELATION, RelationPublic, {"evidence": "citations"}),
    ],
    ids=lambda x: getattr(x, "name", ""),
)
def test_every_shown_property_is_a_field_of_its_answer(
    shape: Shape, model: type[BaseModel], answered_as: dict[str, str]
) -> None:
    shown = {answered_as.get(name, name) for name in shape.shown}
    assert shown <= _model_fields(model), f"{shape.name}: add the field to {model.__name__}"


def test_a_claims_ends_are_answered_as_references() -> None:
    hidden = {p.name for p in CLAIM.props if not p.shown}
    assert {name.removesuffix("_id") for name in hidden} <= _model_fields(ClaimPublic)
    assert set(ENTITY_REF) == _model_fields(EntityRefPublic)


# --- the named queries ------------------------------------------------------------------------

NODE_SHAPES = {label: ENTITY for label in {"Entity", *vocabulary().node_labels}} | {
    "Source": SOURCE,
    "Claim": CLAIM,
}
BOOKKEEPING = {"ActorgraphState": {"id", "generation"}, "ActorgraphStaged": None}
_NODE = re.compile(r"\((\w+):(\w+)")
_EDGE = re.compile(r"\[(\w+)(?::[\w|]+)?[\]\s{*]")
_ACCESS = re.compile(r"(?<![\w.$])(\w+)\.(\w+)\b")
_TYPES = re.compile(r"\[\w*:([\w|]+)")


def _texts(query: NamedQuery) -> list[str]:
    return [query.cypher, *query.overrides.values()]


def _undeclared(cypher: str) -> list[str]:
    """``var.prop`` accesses, for variables bound to a node label or an edge, that name a
    property the shape of that node or edge does not declare."""
    declared: dict[str, set[str] | None] = {}  # None: any property (a staged node)
    for var, label in _NODE.findall(cypher):
        if label in BOOKKEEPING:
            names = BOOKKEEPING[label]
        elif label in NODE_SHAPES:
            names = set(NODE_SHAPES[label].names)
        else:
            continue
        if var in declared and (declared[var] is None or names is None):
            declared[var] = None
        else:
            declared[var] = (declared.get(var) or set()) | (names or set())
    for var in _EDGE.findall(cypher):
        declared.setdefault(var, set(RELATION.names))
    return [
        f"{var}.{prop}"
        for var, prop in _ACCESS.findall(cypher)
        if var in declared and declared[var] is not None and prop not in declared[var]  # type: ignore[operator]
    ]


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_a_named_query_names_only_declared_properties(name: str) -> None:
    for cypher in _texts(load_catalog()[name]):
        assert _undeclared(cypher) == []


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_a_named_query_names_only_the_ontologys_edge_types(name: str) -> None:
    known = vocabulary().relation_types | {p.graph_type for p in provenance_links()}
    for cypher in _texts(load_catalog()[name]):
        named = {t for group in _TYPES.findall(cypher) for t in group.split("|")}
        assert named <= known


def test_the_property_check_sees_a_misspelled_property() -> None:
    assert _undeclared("MATCH (c:Claim)-[r]->(s:Source) RETURN c.stance, r.statuz, s.titel") == [
        "r.statuz",
        "s.titel",
    ]


@pytest.mark.parametrize(
    ("name", "shape", "links"),
    [
        ("load_entities", ENTITY, ()),
        ("load_sources", SOURCE, source_links()),
        ("load_claims", CLAIM, claim_links()),
        ("load_edges", RELATION, ()),
    ],
)
def test_a_load_statement_writes_the_declared_properties_and_links(
    name: str, shape: Shape, links: tuple[object, ...]
) -> None:
    for cypher in _texts(load_catalog()[name]):
        written = set(re.findall(r"(\w+): row\.(\w+)", cypher))
        assert {k for k, v in written if k == v} == set(shape.names)
        created = set(re.findall(r"-\[:(\w+)\]->", cypher))
        assert created == {link.graph_type for link in links}  # type: ignore[attr-defined]


# --- the fragments ----------------------------------------------------------------------------


def test_a_fragment_expands_from_the_shape() -> None:
    assert expand("RETURN {{ entity_ref s }} AS e", "q") == (
        "RETURN {id: s.id, name: s.name, class: s.class, kind: s.kind} AS e"
    )
    assert "evidence: r.evidence" in expand("{{ shown_edge a r b }}", "q")
    assert "claim_ids" not in expand("{{ shown_edge a r b }}", "q")
    assert "properties(r)" in expand("{{ edge startNode(r) r endNode(r) }}", "q")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ entity_refs s }}", "no fragment 'entity_refs'"),
        ("{{ entity_ref s t }}", "takes 1 variable names"),
        ("{{ fields claims row }}", "no shape 'claims'"),
        ("{{ entity_ref s.x }}", "not a fragment"),
    ],
)
def test_a_bad_fragment_is_an_error_naming_the_file(text: str, message: str) -> None:
    with pytest.raises(FragmentError, match=f"q.cypher: .*{re.escape(message)}"):
        expand(text, "q.cypher")
