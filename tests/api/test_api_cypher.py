"""Raw read-only Cypher: parameters, row cap, time limit, writes refused by the store itself."""

from __future__ import annotations

from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore


def test_parameters_and_rows(client: TestClient) -> None:
    response = client.post(
        "/cypher",
        json={
            "query": "MATCH (a:Actor {id: $id}) RETURN a.name AS name",
            "parameters": {"id": "ttt"},
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == ["name"] and body["rows"][0]["name"] and not body["truncated"]


def test_rows_are_cut_at_the_cap(client: TestClient, api_settings: Settings) -> None:
    body = client.post("/cypher", json={"query": "UNWIND range(1, 100) AS x RETURN x"}).json()
    assert body["row_count"] == api_settings.row_cap == body["row_cap"]
    assert body["truncated"] is True
    assert [r["x"] for r in body["rows"]] == list(range(1, api_settings.row_cap + 1))


def test_nodes_come_back_as_plain_maps(client: TestClient) -> None:
    body = client.post("/cypher", json={"query": "MATCH (a:Actor {id: 'ttt'}) RETURN a"}).json()
    assert body["rows"][0]["a"]["id"] == "ttt"


def test_a_write_is_refused_by_the_store(client: TestClient) -> None:
    before = client.get("/health").json()["counts"]
    for query in (
        "CREATE (n:Actor:Entity {id: 'intruder'}) RETURN n",
        "MATCH (a:Actor {id: 'ttt'}) SET a.name = 'changed'",
        "MATCH (a:Actor {id: 'ttt'}) DETACH DELETE a",
    ):
        response = client.post("/cypher", json={"query": query})
        assert response.status_code == 403, query
        assert "refused" in response.json()["detail"]
    assert client.get("/health").json()["counts"] == before
    assert client.get("/actors/ttt").json()["name"] != "changed"


def test_bad_cypher_is_400_with_the_store_message(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "MATCH (a RETURN a"})
    assert response.status_code == 400
    assert "rejected" in response.json()["detail"]


def test_the_store_stops_a_query_at_the_time_limit(loaded_store: GraphStore) -> None:
    app = create_app(Settings(query_timeout_ms=20), store=loaded_store)
    with TestClient(app, raise_server_exceptions=False) as http:
        # slow but small: a query that grows the store's memory is stopped by its memory cap
        slow = (
            "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c "
            "RETURN count(*) AS n"
        )
        response = http.post("/cypher", json={"query": slow})
    assert response.status_code == 504
    assert "time limit" in response.json()["detail"]


def test_load_csv_is_refused_with_the_reason(client: TestClient) -> None:
    query = "LOAD CSV FROM 'http://127.0.0.1:9/rows.csv' AS row RETURN row"
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 403
    assert "LOAD CSV" in response.json()["detail"]
