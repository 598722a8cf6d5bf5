"""The research catalog over HTTP: the two questions of the issue, answered with citations."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.citation import citation_of
from graph.origins import origin_count
from ontology.facts import FactSet

REQUIRED = {
    "enemies_of_enemies",
    "sanctuary_for_enemies",
    "contested_claims",
    "single_source_relations",
    "structural_balance",
    "centrality",
}


def _cited(relation: dict[str, Any]) -> bool:
    return bool(relation["citations"]) and all(
        c["quote"] and c["source_title"] and c["claimant_id"] for c in relation["citations"]
    )


def test_catalog_lists_the_research_queries_with_parameters(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/research").json()["queries"]}
    assert set(queries) >= REQUIRED
    params = {p["name"]: p for p in queries["sanctuary_for_enemies"]["parameters"]}
    assert params["actor_id"]["required"] and params["actor_id"]["type"] == "str"
    assert all(q["description"] for q in queries.values())


def test_who_shelters_the_enemies_of_the_taliban(client: TestClient) -> None:
    response = client.get("/research/sanctuary_for_enemies", params={"actor_id": "taliban"})
    assert response.status_code == 200
    rows = response.json()["rows"]
    pairs = {(r["host"]["id"], r["enemy"]["id"]) for r in rows}
    assert ("tajikistan", "nrf") in pairs
    for row in rows:
        assert _cited(row["sanctuary"]) and _cited(row["hostility"])


def test_what_connects_ttt_to_al_qaida(client: TestClient) -> None:
    response = client.get("/paths", params={"from": "ttt", "to": "al-qaida", "all": "true"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert paths
    for path in paths:
        assert [n["id"] for n in path["nodes"]][:: len(path["nodes"]) - 1] == ["ttt", "al-qaida"]
        assert len(path["hops"]) == path["length"]
        assert all(_cited(hop) for hop in path["hops"])
    shortest = client.get("/paths", params={"from": "ttt", "to": "al-qaida"}).json()["paths"]
    assert len(shortest) == 1 and shortest[0]["length"] == paths[0]["length"]


def test_paths_respect_the_hop_limit_and_unknown_ends(client: TestClient) -> None:
    none = client.get("/paths", params={"from": "ttt", "to": "al-qaida", "max_hops": 1}).json()
    assert none["paths"] == [] or none["paths"][0]["length"] == 1
    unknown = client.get("/paths", params={"from": "ttt", "to": "al-qaeda"})
    assert unknown.status_code == 404
    assert "al-qaida" in [s["id"] for s in unknown.json()["suggestions"]]


def test_enemies_of_enemies_carry_both_hostile_edges(client: TestClient) -> None:
    rows = client.get("/research/enemies_of_enemies", params={"actor_id": "taliban"}).json()
    assert rows["rows"]
    for row in rows["rows"]:
        assert row["enemy_of_enemy"]["id"] != "taliban"
        assert _cited(row["hostility_to_enemy"]) and _cited(row["enemy_hostility"])


def test_contested_and_single_source_relations(client: TestClient) -> None:
    contested = client.get("/research/contested_claims").json()["rows"]
    assert contested and all(
        r["relation"]["denied"] + r["relation"]["questioned"] > 0 for r in contested
    )
    assert any(r["relation"]["questioned"] > 0 for r in contested)  # a doubt disputes too
    single = client.get("/research/single_source_relations").json()["rows"]
    assert single and all(r["relation"]["source_count"] == 1 for r in single)


def test_structural_balance_classifies_triads(client: TestClient) -> None:
    body = client.get("/research/structural_balance").json()
    summary = body["summary"]
    assert summary["triads"] == summary["balanced"] + summary["unbalanced"] > 0
    for triad in body["rows"]:
        assert triad["balanced"] == (triad["signs"].count("-") % 2 == 0)
        assert len(triad["actors"]) == 3 and all(_cited(r) for r in triad["relations"])


def test_centrality_ranks_actors(client: TestClient) -> None:
    rows = client.get("/research/centrality", params={"limit": 5}).json()["rows"]
    assert len(rows) == 5 and [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows == sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["id"]))


def test_bad_research_parameters_are_422_naming_them(client: TestClient) -> None:
    missing = client.get("/research/sanctuary_for_enemies")
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["query", "actor_id"]
    posted = client.post("/research/sanctuary_for_enemies", json={"parameters": {"actor": "x"}})
    assert posted.status_code == 422
    assert posted.json()["detail"][0]["loc"] == ["body", "actor"]
    typed = client.post("/research/centrality", json={"parameters": {"limit": "ten"}})
    assert typed.status_code == 422 and typed.json()["detail"][0]["loc"] == ["body", "limit"]
    ok = client.post(
        "/research/sanctuary_for_enemies", json={"parameters": {"actor_id": "taliban"}}
    )
    assert ok.status_code == 200 and ok.json()["rows"]
    assert client.get("/research/no_such_question").status_code == 404


def test_a_research_list_says_how_much_there_is_and_pages(
    client: TestClient, curated_facts: FactSet
) -> None:
    """The review's case: over 200 relations rest on one origin, and a page of 200 said
    nothing. One origin: one claimant, however many documents relay it (graph.origins)."""
    single = sum(
        1
        for claims in curated_facts.claims_by_edge().values()
        if origin_count(citation_of(c, curated_facts) for c in claims) == 1
    )
    first = client.get("/research/single_source_relations").json()
    assert first["total"] == single > 200
    assert len(first["rows"]) == 200 and first["truncated"] is True
    rest = client.get("/research/single_source_relations", params={"skip": 200}).json()
    assert rest["total"] == single and len(rest["rows"]) == single - 200
    assert rest["truncated"] is False
    seen = [(r["relation"]["subject"]["id"], r["relation"]["type"], r["relation"]["object"]["id"])
            for r in first["rows"] + rest["rows"]]  # fmt: skip
    assert len(set(seen)) == single  # the pages do not overlap


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("enemies_of_enemies", {"actor_id": "taliban"}),
        ("sanctuary_for_enemies", {"actor_id": "taliban"}),
        ("contested_claims", {}),
        ("structural_balance", {}),
        ("centrality", {}),
    ],
)
def test_every_research_answer_counts_its_rows(
    client: TestClient, name: str, params: dict[str, str]
) -> None:
    whole = client.get(f"/research/{name}", params={**params, "limit": 100000}).json()
    assert whole["total"] == len(whole["rows"]) and whole["truncated"] is False
    if whole["total"] > 1:
        cut = client.get(f"/research/{name}", params={**params, "limit": 1}).json()
        assert cut["total"] == whole["total"] and len(cut["rows"]) == 1 and cut["truncated"]
        assert cut["rows"][0] == whole["rows"][0]
