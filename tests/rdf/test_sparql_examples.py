"""The README's example SPARQL queries (``queries/sparql/*.rq``) give what the Cypher side gives."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from graph.store import GraphStore
from ontology.namespace import AG, AGD
from queries.run import run_query

QUERIES = Path(__file__).resolve().parents[2] / "queries" / "sparql"


def _select(server_url: str, name: str) -> list[dict[str, str]]:
    response = httpx.get(
        f"{server_url}/sparql",
        params={"query": (QUERIES / f"{name}.rq").read_text(encoding="utf-8")},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return [
        {var: cell["value"] for var, cell in row.items()}
        for row in response.json()["results"]["bindings"]
    ]


def _id(iri: str) -> str:
    assert iri.startswith(str(AGD)), iri
    return iri[len(str(AGD)) :]


def test_every_claim_the_tajik_border_service_denied(
    server_url: str, loaded_store: GraphStore
) -> None:
    rows = _select(server_url, "claims_denied_by_tajik_border_service")
    cypher = run_query(
        loaded_store,
        "claims_search",
        {"claimant": "tajik-border-service", "stance": "denies", "limit": 10_000},
    )[0]["items"]
    assert rows, "the example finds nothing: has the data changed?"
    found = {
        (_id(r["claim"]), _id(r["subject"]), _id(r["object"]), r["quote"], _id(r["source"]))
        for r in rows
    }
    expected = {
        (
            item["claim"]["id"],
            item["subject"]["id"],
            item["object"]["id"],
            item["claim"]["quote"],
            item["source"]["id"],
        )
        for item in cypher
    }
    assert found == expected


def test_actors_hostile_to_the_taliban_with_their_sources(
    server_url: str, loaded_store: GraphStore
) -> None:
    rows = _select(server_url, "actors_hostile_to_taliban")
    assert rows, "the example finds nothing: has the data changed?"
    found = {
        (_id(r["actor"]), _id(r["claim"]), _id(r["source"]), r["stance"].rsplit("#")[-1])
        for r in rows
    }
    expected = set()
    for row in run_query(loaded_store, "entity_relations", {"id": "taliban"}):
        edge = row["edge"]
        if edge["type"] != "HOSTILE_TO":
            continue
        other = (
            edge["object"]["id"] if edge["subject"]["id"] == "taliban" else edge["subject"]["id"]
        )
        for citation in json.loads(edge["properties"]["evidence"]):
            expected.add((other, citation["claim_id"], citation["source_id"], citation["stance"]))
    assert found == expected
    assert all(r["stance"].startswith(str(AG)) for r in rows)


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_example_query_runs(server_url: str, path: Path) -> None:
    response = httpx.get(
        f"{server_url}/sparql",
        params={"query": path.read_text(encoding="utf-8")},
        headers={"Accept": "text/csv"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
