"""``GET /export``: the same RDF as the exporter, by ``?format=`` or by content negotiation."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ontology.facts import FactSet
from services.export import export_graph, facts_for
from services.relation_filter import Question


@pytest.mark.parametrize(
    ("accept", "media_type", "extension", "parse_as"),
    [
        ("text/turtle", "text/turtle", "ttl", "turtle"),
        ("application/n-triples", "application/n-triples", "nt", "nt"),
        ("application/ld+json", "application/ld+json", "jsonld", "json-ld"),
        ("application/trig", "application/trig", "trig", "trig"),
        ("*/*", "text/turtle", "ttl", "turtle"),
    ],
)
def test_export_by_accept(
    server_url: str,
    exported_facts: FactSet,
    accept: str,
    media_type: str,
    extension: str,
    parse_as: str,
) -> None:
    response = httpx.get(f"{server_url}/export", headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert f'filename="actorgraph.{extension}"' in response.headers["content-disposition"]
    if parse_as != "trig":
        parsed = Graph().parse(data=response.content, format=parse_as)
        assert isomorphic(parsed, export_graph(exported_facts))


def test_export_by_format_parameter_and_refusals(server_url: str) -> None:
    nt = httpx.get(f"{server_url}/export", params={"format": "nt"}, timeout=60)
    assert nt.headers["content-type"] == "application/n-triples"
    unknown = httpx.get(f"{server_url}/export", params={"format": "rdfxml"})
    assert unknown.status_code == 422  # a bad parameter, in FastAPI's shape, as everywhere
    assert [error["loc"] for error in unknown.json()["detail"]] == [["query", "format"]]
    refused = httpx.get(f"{server_url}/export", headers={"Accept": "application/pdf"})
    assert refused.status_code == 406
    assert "text/turtle" in refused.json()["detail"]


def test_export_at_a_date_holds_the_claims_that_answer_it(
    server_url: str, exported_facts: FactSet
) -> None:
    """?true_at / ?known_by export the graph of that question, nothing more, nothing less."""
    params = {"format": "nt", "true_at": "2010", "known_by": "2022-06"}
    response = httpx.get(f"{server_url}/export", params=params, timeout=60)
    assert response.status_code == 200
    question = Question(true_at="2010", known_by="2022-06")
    expected = facts_for(exported_facts, question)
    assert 0 < len(expected.claims) < len(exported_facts.claims)
    parsed = Graph().parse(data=response.content, format="nt")
    assert isomorphic(parsed, export_graph(expected))
    bad = httpx.get(f"{server_url}/export", params={"known_by": "2021-02-30"}, timeout=60)
    assert bad.status_code == 422
    assert [e["loc"] for e in bad.json()["detail"]] == [["query", "known_by"]]
