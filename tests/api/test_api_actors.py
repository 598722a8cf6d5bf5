"""Actors, relations, neighbourhood and entity endpoints over HTTP on the loaded store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def _ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["items"]]


@pytest.mark.parametrize("q", ["ISKP", "isis-k", "Daesh-Khorasan", "daesh khorasan"])
def test_alias_search_finds_the_same_actor(client: TestClient, q: str) -> None:
    response = client.get("/actors", params={"q": q})
    assert response.status_code == 200
    assert _ids(response.json())[0] == "iskp"


def test_search_filters_by_class_and_paginates(client: TestClient) -> None:
    states = client.get("/actors", params={"class": "state", "page_size": 200}).json()
    assert states["total"] >= 1
    assert {a["class"] for a in states["items"]} == {"state"}
    first = client.get("/actors", params={"page_size": 2, "page": 1}).json()
    second = client.get("/actors", params={"page_size": 2, "page": 2}).json()
    assert len(first["items"]) == 2 and first["total"] > 2
    assert not set(_ids(first)) & set(_ids(second))
    assert first["truncated"] is True  # more actors follow: the list says so
    last_page = -(-first["total"] // 2)
    last = client.get("/actors", params={"page_size": 2, "page": last_page}).json()
    assert last["items"] and last["truncated"] is False
    assert states["truncated"] is False


def test_actor_has_relations_both_ways_with_parsed_citations(client: TestClient) -> None:
    body = client.get("/actors/iskp").json()
    assert body["id"] == "iskp" and body["relations"]
    assert {r["direction"] for r in body["relations"]} == {"outgoing", "incoming"}
    for rel in body["relations"]:
        end = rel["subject"] if rel["direction"] == "outgoing" else rel["object"]
        assert end["id"] == "iskp"
        assert rel["citations"], rel
        for citation in rel["citations"]:
            assert citation["source_title"] and citation["quote"]
            assert citation["claimant_id"] and citation["stance"] in ("asserts", "denies")


def test_unknown_actor_is_404_with_close_names(client: TestClient) -> None:
    response = client.get("/actors/talibn")
    assert response.status_code == 404
    body = response.json()
    assert "talibn" in body["detail"]
    assert "taliban" in [s["id"] for s in body["suggestions"]]


def test_bad_pagination_is_422_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/actors", params={"page_size": 0})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page_size"]


def test_unknown_relation_type_is_422_listing_the_valid_ones(client: TestClient) -> None:
    response = client.get("/relations", params={"type": "FRIENDS_WITH"})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"][:2] == ["query", "type"]
    # the valid values listed are the fact keys (the graph type is accepted, not listed)
    assert "'hostile_to'" in error["msg"] and "'gives_sanctuary_to'" in error["msg"]
    assert "HOSTILE_TO" not in error["msg"]


def test_relations_filter_by_type_actor_and_stance(client: TestClient) -> None:
    body = client.get(
        "/relations", params={"type": "hostile_to", "actor": "taliban", "page_size": 200}
    ).json()
    assert body["total"] >= 1
    for rel in body["items"]:
        assert rel["type"] == "HOSTILE_TO"
        assert "taliban" in (rel["subject"]["id"], rel["object"]["id"])
    denied = client.get("/relations", params={"stance": "denies", "page_size": 200}).json()
    for rel in denied["items"]:
        assert any(c["stance"] == "denies" for c in rel["citations"])
    contested = client.get("/relations", params={"contested": "true", "page_size": 200}).json()
    assert contested["total"] >= 1
    assert all(rel["contested"] for rel in contested["items"])


def test_relations_filter_by_source_claimant_and_date(client: TestClient) -> None:
    source = "s004-caci-tajik-taliban"
    body = client.get("/relations", params={"source": source, "page_size": 200}).json()
    assert body["total"] >= 1
    for rel in body["items"]:
        assert source in {c["source_id"] for c in rel["citations"]}
    old = client.get("/relations", params={"known_by": "2019", "page_size": 200}).json()
    recent = client.get("/relations", params={"known_by": "2023", "page_size": 200}).json()
    assert 0 < old["total"] < recent["total"]
    bad = client.get("/relations", params={"true_at": "May 2022"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "true_at"]


def test_neighbourhood_grows_with_depth_and_follows_only_given_types(client: TestClient) -> None:
    one = client.get("/actors/ttt/neighbourhood", params={"depth": 1}).json()
    two = client.get("/actors/ttt/neighbourhood", params={"depth": 2}).json()
    assert {n["id"] for n in one["nodes"]} < {n["id"] for n in two["nodes"]}
    assert max(n["distance"] for n in two["nodes"]) == 2
    hostile = client.get(
        "/actors/ttt/neighbourhood", params={"depth": 3, "types": ["HOSTILE_TO"]}
    ).json()
    assert hostile["types"] == ["HOSTILE_TO"]
    assert {e["type"] for e in hostile["edges"]} <= {"HOSTILE_TO"}
    too_deep = client.get("/actors/ttt/neighbourhood", params={"depth": 4})
    assert too_deep.status_code == 422
    assert too_deep.json()["detail"][0]["loc"] == ["query", "depth"]


def test_events_carry_claims_for_and_against(client: TestClient) -> None:
    events = client.get("/events", params={"page_size": 200}).json()
    disputed = [e for e in events["items"] if e["denying"] > 0]
    assert disputed, "some event has a denial in the curated facts"
    event = client.get(f"/events/{disputed[0]['id']}").json()
    against = event["claims_against"]
    assert against and all(c["stance"] in ("denies", "questions") for c in against)
    for claim in event["claims_for"] + event["claims_against"]:
        assert disputed[0]["id"] in (claim["subject"]["id"], claim["object"]["id"])
        assert claim["source"]["title"] and claim["claimant"]["name"] and claim["quote"]


def test_sources_and_claimants_list_their_claims(client: TestClient) -> None:
    sources = client.get("/sources").json()
    assert sources["total"] == 5
    source = client.get(f"/sources/{sources['items'][0]['id']}", params={"page_size": 5}).json()
    assert source["claims"] >= len(source["cited_by"]) > 0
    assert {c["source"]["id"] for c in source["cited_by"]} == {source["id"]}
    claimants = client.get("/claimants").json()
    top = claimants["items"][0]
    detail = client.get(f"/claimants/{top['id']}", params={"page_size": 200}).json()
    assert len(detail["claims"]) == min(200, top["asserting"] + top["denying"])
    assert {c["claimant"]["id"] for c in detail["claims"]} == {top["id"]}
    assert client.get("/sources/no-such-source").status_code == 404
