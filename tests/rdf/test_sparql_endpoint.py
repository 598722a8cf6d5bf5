"""The SPARQL 1.1 Protocol endpoint, spoken to by a real client (SPARQLWrapper) over HTTP to a
real uvicorn server on the session's loaded store."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from xml.dom.minidom import Document

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore
from loaders.load import load_facts
from ontology.facts import FactSet
from ontology.namespace import AGD

QUERIES = Path(__file__).resolve().parents[2] / "queries" / "sparql"
DENIED = (QUERIES / "claims_denied_by_tajik_border_service.rq").read_text(encoding="utf-8")
BORDER_SERVICE = "tajik-border-service"


def _denied_claim_iris(facts: FactSet) -> set[str]:
    return {
        str(AGD[c.id])
        for c in facts.claims.values()
        if c.claimant == BORDER_SERVICE and c.stance == "denies"
    }


def _client(server_url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server_url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_answers_in_json(server_url: str, exported_facts: FactSet, method: str) -> None:
    result = _client(server_url, DENIED, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    claims = {row["claim"]["value"] for row in result["results"]["bindings"]}
    assert claims == _denied_claim_iris(exported_facts)
    assert claims  # the example is not vacuous


def test_select_answers_in_xml(server_url: str, exported_facts: FactSet) -> None:
    doc = _client(server_url, DENIED, XML).queryAndConvert()
    assert isinstance(doc, Document)
    claims = {
        binding.getElementsByTagName("uri")[0].firstChild.data  # type: ignore[union-attr]
        for binding in doc.getElementsByTagName("binding")
        if binding.getAttribute("name") == "claim"
    }
    assert claims == _denied_claim_iris(exported_facts)


def test_select_answers_in_csv(server_url: str, exported_facts: FactSet) -> None:
    body = _client(server_url, DENIED, CSV).queryAndConvert()
    text = body.decode() if isinstance(body, bytes) else str(body)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["claim"] for row in rows} == _denied_claim_iris(exported_facts)
    quotes = {
        c.quote
        for c in exported_facts.claims.values()
        if str(AGD[c.id]) in {r["claim"] for r in rows}
    }
    assert {row["quote"] for row in rows} == quotes


def test_select_answers_in_tsv(server_url: str, exported_facts: FactSet) -> None:
    body = _client(server_url, DENIED, TSV).queryAndConvert()
    text = body.decode() if isinstance(body, bytes) else str(body)
    lines = text.strip().split("\n")
    header = lines[0].split("\t")
    column = header.index("?claim")
    found = {line.split("\t")[column].strip("<>") for line in lines[1:]}
    assert found == _denied_claim_iris(exported_facts)


def test_ask_answers_true_and_false(server_url: str) -> None:
    client = _client(
        server_url,
        f"ASK {{ <{AGD[BORDER_SERVICE]}> ?p ?o }}",
        JSON,
    )
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    client.setQuery(f"ASK {{ <{AGD['no-such-actor']}> ?p ?o }}")
    assert client.queryAndConvert()["boolean"] is False  # type: ignore[index]


CONSTRUCT = f"""PREFIX ag: <https://w3id.org/actorgraph/ontology#>
CONSTRUCT {{ ?claim ag:quote ?quote ; ag:source ?source }}
WHERE {{ ?claim ag:claimant <{AGD[BORDER_SERVICE]}> ; ag:stance ag:denies ;
                ag:quote ?quote ; ag:source ?source }}"""


@pytest.mark.parametrize(("fmt", "parse_as"), [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_construct_answers_in_turtle_and_json_ld(
    server_url: str, exported_facts: FactSet, fmt: str, parse_as: str
) -> None:
    client = _client(server_url, CONSTRUCT, fmt)
    response = client.query().response
    graph = Graph().parse(data=response.read(), format=parse_as)
    claims = {str(s) for s in graph.subjects()}
    assert claims == _denied_claim_iris(exported_facts)
    assert len(graph) == 2 * len(claims)


def test_post_direct_body_and_form(server_url: str, exported_facts: FactSet) -> None:
    expected = _denied_claim_iris(exported_facts)
    accept = {"Accept": "application/sparql-results+json"}
    direct = httpx.post(
        f"{server_url}/sparql",
        content=DENIED,
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    form = httpx.post(f"{server_url}/sparql", data={"query": DENIED}, headers=accept)
    for response in (direct, form):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        rows = response.json()["results"]["bindings"]
        assert {row["claim"]["value"] for row in rows} == expected


def test_updates_are_refused(server_url: str) -> None:
    client = SPARQLWrapper(f"{server_url}/sparql")
    client.setQuery(f"INSERT DATA {{ <{AGD['x']}> <{AGD['y']}> <{AGD['z']}> }}")
    client.setMethod("POST")
    with pytest.raises(Exception, match="403"):
        client.query()  # SPARQLWrapper sends it as update=
    for response in (
        httpx.post(f"{server_url}/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"}),
        httpx.get(f"{server_url}/sparql", params={"update": "CLEAR ALL"}),
        httpx.post(
            f"{server_url}/sparql",
            content="DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        ),
    ):
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
    still_there = httpx.get(
        f"{server_url}/sparql",
        params={"query": f"ASK {{ <{AGD[BORDER_SERVICE]}> ?p ?o }}"},
    )
    assert still_there.json()["boolean"] is True


def test_a_malformed_query_gets_400_with_the_parsers_message(server_url: str) -> None:
    client = _client(server_url, "SELECT ?x WHERE { ?x ?y }", JSON)
    with pytest.raises(QueryBadFormed, match="syntax error"):
        client.query()
    response = httpx.get(f"{server_url}/sparql", params={"query": "SELEC * WHERE {}"})
    assert response.status_code == 400
    assert "line:1, col:1" in response.json()["detail"]


def test_service_and_unacceptable_formats_are_refused(server_url: str) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert httpx.get(f"{server_url}/sparql", params={"query": service}).status_code == 403
    png = httpx.get(
        f"{server_url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
    )
    assert png.status_code == 406
    offered = png.json()["detail"]
    assert "application/sparql-results+json" in offered and "text/csv" in offered
    graph = httpx.get(
        f"{server_url}/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
    )
    assert graph.status_code == 406 and "text/turtle" in graph.json()["detail"]


def test_requests_the_protocol_does_not_allow_get_400_or_415(server_url: str) -> None:
    url = f"{server_url}/sparql"
    for response, message in (
        (httpx.get(url), "missing the 'query' parameter"),
        (httpx.post(url, data={"query": ["ASK {}", "ASK {}"]}), "more than one 'query'"),
        (
            httpx.post(url, content=b"\xff", headers={"Content-Type": "application/sparql-query"}),
            "not UTF-8",
        ),
    ):
        assert response.status_code == 400
        assert message in response.json()["detail"]
    plain = httpx.post(url, content="ASK {}", headers={"Content-Type": "text/plain"})
    assert plain.status_code == 415 and "text/plain" in plain.json()["detail"]


# Texts that overflow rdflib's parser (it recurses per pattern in a row, group, parenthesis);
# small enough for a URL, so each goes by GET as well as by POST.
TOO_DEEP_FOR_THE_PARSER = {
    "200-triple-patterns": "SELECT * WHERE { "
    + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(200))
    + " }",
    "100-nested-groups": "SELECT * WHERE " + "{ " * 100 + "?s ?p ?o" + " }" * 100,
    "500-parentheses": "ASK { FILTER(" + "(" * 500 + "1" + ")" * 500 + ") }",
}


@pytest.mark.parametrize(
    "query", TOO_DEEP_FOR_THE_PARSER.values(), ids=TOO_DEEP_FOR_THE_PARSER.keys()
)
def test_a_query_too_long_or_deep_for_the_parser_gets_400(server_url: str, query: str) -> None:
    url = f"{server_url}/sparql"
    for response in (
        httpx.get(url, params={"query": query}),
        httpx.post(url, data={"query": query}),
        httpx.post(url, content=query, headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400, response.text
        assert "too deeply nested or too long for the parser" in response.json()["detail"]
    assert httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("iri", ["not an iri", "", "relative/path", "http://x/<y>", "urn:\x00"])
def test_a_graph_uri_that_is_not_an_iri_gets_400_naming_it(
    server_url: str, parameter: str, iri: str
) -> None:
    url = f"{server_url}/sparql"
    for response in (
        httpx.get(url, params={"query": "ASK {}", parameter: iri}),
        httpx.post(url, data={"query": "ASK {}", parameter: iri}),
    ):
        assert response.status_code == 400, response.text
        assert response.json()["detail"].startswith(f"{parameter} ")


def test_a_graph_uri_that_is_an_iri_is_taken(server_url: str) -> None:
    params = {"query": "ASK { ?s ?p ?o }", "default-graph-uri": "urn:x-actorgraph:no-such-graph"}
    response = httpx.get(f"{server_url}/sparql", params=params)
    assert response.status_code == 200 and response.json()["boolean"] is False


def test_the_time_limit_stops_an_expensive_query_with_504(loaded_store: GraphStore) -> None:
    """504, as for Cypher at its time limit: one status per kind of failure."""
    app = create_app(Settings(sparql_timeout_s=0.5, allowed_hosts="testserver"), store=loaded_store)
    expensive = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    try:
        with TestClient(app) as client:
            response = client.get("/sparql", params={"query": expensive})
            assert response.status_code == 504
            assert "time limit of 0.5 s" in response.json()["detail"]
            after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert after.json()["boolean"] is True  # a fresh worker took over
    finally:
        if app.state.sparql_engine is not None:  # the app's shutdown closed it already
            app.state.sparql_engine.close()


def test_the_dataset_follows_a_reload_of_the_store(
    store: GraphStore, curated_facts: FactSet
) -> None:
    count = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/actorgraph/ontology#Claim> }"
    app = create_app(Settings(allowed_hosts="testserver"), store=store)
    try:
        with TestClient(app) as client:
            load_facts(store, curated_facts)
            first = client.get("/sparql", params={"query": count}).json()
            fewer = dict(list(curated_facts.claims.items())[:10])
            load_facts(store, FactSet(curated_facts.sources, curated_facts.entities, fewer))
            second = client.get("/sparql", params={"query": count}).json()
        n = [int(r["results"]["bindings"][0]["n"]["value"]) for r in (first, second)]
        assert n == [len(curated_facts.claims), 10]
    finally:
        if app.state.sparql_engine is not None:  # the app's shutdown closed it already
            app.state.sparql_engine.close()
