"""The embedded store and Neo4j give the same answers to the README's research questions.

Both stores hold the curated facts at once; each question goes to an app over each, and the
two JSON answers must be equal (the backend's own name in ``/health`` aside).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from backends import NEO4J_URI, NO_NEO4J, SharedNeo4j, open_neo4j
from fastapi.testclient import TestClient
from graph_dump import dump

from actorgraph.settings import Settings
from api.app import create_app
from graph.falkordb_store import FalkorDBStore
from graph.store import GraphStore
from loaders.load import load_facts
from ontology.facts import FactSet

pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(not NEO4J_URI, reason=NO_NEO4J)]

QUESTIONS = [
    # who shelters the enemies of the Taliban, and who says so?
    "/research/sanctuary_for_enemies?actor_id=taliban",
    # what connects the TTT to al-Qaida?
    "/paths?from=ttt&to=al-qaida&all=true",
    "/paths?from=ttt&to=al-qaida",
    # which claims contradict each other?
    "/research/contested_claims",
    "/research/enemies_of_enemies?actor_id=taliban",
    "/research/single_source_relations",
    "/research/structural_balance",
    "/research/centrality",
    "/actors?q=ISKP",
    "/actors?q=daesh-khorasan",
    "/actors/iskp",
    "/actors/taliban/neighbourhood?depth=2",
    "/relations?type=HOSTILE_TO&page_size=200",
    "/relations?contested=true",
    "/relations?claimant=tajik-border-service&stance=denies",
    "/events",
    "/events/rocket-attack-tajikistan-2022-05-07",
    "/sources",
    "/claimants",
]


@pytest.fixture(scope="module")
def stores(
    tmp_path_factory: pytest.TempPathFactory, curated_facts: FactSet
) -> Iterator[dict[str, GraphStore]]:
    """A store of each backend, both holding the curated facts."""
    falkordb = FalkorDBStore(tmp_path_factory.mktemp("agree") / "actorgraph.db")
    neo4j = open_neo4j()
    try:
        load_facts(falkordb, curated_facts)
        SharedNeo4j.ensure_curated(neo4j, curated_facts)
        yield {"falkordb": falkordb, "neo4j": neo4j}
    finally:
        falkordb.close()
        neo4j.close()


@pytest.fixture(scope="module")
def clients(stores: dict[str, GraphStore]) -> Iterator[dict[str, TestClient]]:
    """An app over each backend."""
    settings = Settings(row_cap=25, query_timeout_ms=20_000)
    with (
        TestClient(create_app(settings, store=stores["falkordb"])) as on_falkordb,
        TestClient(create_app(settings, store=stores["neo4j"])) as on_neo4j,
    ):
        yield {"falkordb": on_falkordb, "neo4j": on_neo4j}


def test_both_backends_hold_the_same_graph(stores: dict[str, GraphStore]) -> None:
    """Same nodes, labels, edges and properties: the bulk and the staged loads cannot drift."""
    embedded, server = dump(stores["falkordb"]), dump(stores["neo4j"])
    assert embedded == server
    assert embedded[0] and embedded[1]


def _answer(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


@pytest.mark.parametrize("path", QUESTIONS)
def test_both_backends_give_the_same_answer(clients: dict[str, TestClient], path: str) -> None:
    embedded = _answer(clients["falkordb"], path)
    server = _answer(clients["neo4j"], path)
    assert embedded == server
    assert embedded  # a question with an answer, not two empty ones


def test_health_names_each_backend_and_the_same_counts(clients: dict[str, TestClient]) -> None:
    embedded = _answer(clients["falkordb"], "/health")
    server = _answer(clients["neo4j"], "/health")
    assert (embedded.pop("backend"), server.pop("backend")) == ("falkordb", "neo4j")
    assert embedded == server
