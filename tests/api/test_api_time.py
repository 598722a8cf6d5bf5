"""The two clocks in the API: true_at and known_by on every route that answers relations.

The same question gets the same relations from the API and from the network view's filter
(both ask ``services/relation_filter.py``), on the curated facts, on both backends.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.citation import citation_of
from ontology.facts import FactSet
from services.relation_filter import Question, read
from services.view import graph_data_from_facts, make_filter
from services.view.select import apply_filter

Triple = tuple[str, str, str]
CONTROL: Triple = ("taliban", "controls", "place-afghanistan")


def all_relations(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every relation the question finds, over all pages (and the pages do add up)."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        response = client.get("/relations", params={**params, "page": page, "page_size": 100})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        if not body["truncated"]:
            assert len(items) == body["total"]
            return items
        page += 1


def triple(rel: dict[str, Any]) -> Triple:
    return (rel["subject"]["id"], rel["relation"], rel["object"]["id"])


@pytest.mark.parametrize(
    ("true_at", "known_by"),
    [
        ("1998", None),
        ("2010", None),
        ("2017", None),
        ("2021-08-15", None),
        ("2023", None),
        (None, "2019"),
        (None, "2022-05"),
        (None, "2023"),
        ("2021-08-15", "2022-06"),
    ],
)
def test_the_api_and_the_view_give_the_same_relations(
    client: TestClient, curated_facts: FactSet, true_at: str | None, known_by: str | None
) -> None:
    """Statuses as the view shows them by default: asserted and contested."""
    dates = {k: v for k, v in (("true_at", true_at), ("known_by", known_by)) if v}
    api = all_relations(client, **dates, status=["asserted", "contested"])
    every_kind = make_filter(**dates, events=True, places=True)
    view = apply_filter(graph_data_from_facts(curated_facts), every_kind)
    assert {triple(r) for r in api} == {(e.subject, e.relation, e.object) for e in view.edges}
    assert len(api) == len(view.edges)
    entities = {r["subject"]["id"] for r in api} | {r["object"]["id"] for r in api}
    assert entities == set(view.nodes)


def test_the_taliban_control_afghanistan_in_1998_and_2023_not_in_2010(client: TestClient) -> None:
    for true_at, held in (("1998", True), ("2010", False), ("2023", True)):
        found = {triple(r) for r in all_relations(client, actor="taliban", true_at=true_at)}
        assert (CONTROL in found) is held, true_at
    (control,) = [r for r in all_relations(client, actor="taliban") if triple(r) == CONTROL]
    periods = [(p["valid_from"], p["valid_until"]) for p in control["periods"]]
    assert ("1996", "2001") in periods and ("2021-08", None) in periods
    assert control["undated_claims"] == []
    then = [
        r for r in all_relations(client, actor="taliban", true_at="1998") if triple(r) == CONTROL
    ]
    assert then[0]["time_basis"] == "period"


def test_an_undated_relation_is_reported_as_undated(client: TestClient) -> None:
    body = client.get(
        "/relations", params={"actor": "iskp", "true_at": "2021-08-15", "page_size": 200}
    ).json()
    hostility = [
        r
        for r in body["items"]
        if r["relation"] == "hostile_to"
        and {r["subject"]["id"], r["object"]["id"]} == {"iskp", "taliban"}
    ]
    assert hostility and all(r["time_basis"] == "undated" for r in hostility)
    assert all(r["undated_claims"] for r in hostility)
    assert body["true_at"] == "2021-08-15"
    undated = sum(1 for r in body["items"] if r["time_basis"] == "undated")
    assert body["undated"] == undated > 0
    dated_only = client.get(
        "/relations",
        params={"actor": "iskp", "true_at": "2021-08-15", "undated": "false", "page_size": 200},
    ).json()
    assert dated_only["total"] == body["total"] - body["undated"]
    assert all(r["time_basis"] == "period" for r in dated_only["items"])


def test_known_by_gives_status_and_evidence_as_they_were(
    client: TestClient, curated_facts: FactSet
) -> None:
    """A relation disputed later was asserted before the denial was stated."""
    changed = None
    for edge, claims in curated_facts.claims_by_edge().items():
        citations = [citation_of(c, curated_facts) for c in claims]
        now = read(citations)
        dates = sorted({c.stated for c in citations if c.stated})
        for when in dates:
            then = Question(known_by=when).answer(citations)
            if now and then and then.status != now.status:
                changed = (edge, when, then)
                break
        if changed:
            break
    assert changed, "the curated facts have no relation whose status changed over time"
    edge, when, then = changed
    (rel,) = [r for r in all_relations(client, actor=edge[0], known_by=when) if triple(r) == edge]
    assert rel["status"] == then.status
    assert {c["claim_id"] for c in rel["citations"]} == {c.claim_id for c in then.citations}
    assert rel["asserted"] == then.asserted and rel["denied"] == then.denied


def test_one_actor_neighbourhood_and_paths_take_the_question(client: TestClient) -> None:
    def controls(body: dict[str, Any], key: str) -> bool:
        return any(triple(r) == CONTROL for r in body[key])

    assert controls(client.get("/actors/taliban", params={"true_at": "1998"}).json(), "relations")
    assert not controls(
        client.get("/actors/taliban", params={"true_at": "2010"}).json(), "relations"
    )
    near = client.get("/actors/taliban/neighbourhood", params={"true_at": "2010"}).json()
    assert not controls(near, "edges")
    assert controls(client.get("/actors/taliban/neighbourhood").json(), "edges")
    everything = client.get("/actors/taliban/neighbourhood", params={"depth": 2}).json()
    early = client.get(
        "/actors/taliban/neighbourhood", params={"depth": 2, "known_by": "2022-06"}
    ).json()
    assert 0 < len(early["edges"]) < len(everything["edges"])
    path = {"from": "taliban", "to": "place-afghanistan", "types": "CONTROLS"}
    assert client.get("/paths", params={**path, "true_at": "2023"}).json()["paths"]
    assert client.get("/paths", params={**path, "true_at": "2010"}).json()["paths"] == []


def test_research_at_a_date_rereads_every_relation_in_its_rows(client: TestClient) -> None:
    now = client.get("/research/contested_claims", params={"limit": 500}).json()
    early = client.get(
        "/research/contested_claims", params={"limit": 500, "known_by": "2022-05"}
    ).json()
    assert early["known_by"] == "2022-05" and early["total"] < now["total"]
    for row in early["rows"]:
        assert row["relation"]["status"] in ("contested", "denied")
        assert all(c["stated_on"] or c["published"] for c in row["relation"]["citations"])
    enemies = client.get(
        "/research/enemies_of_enemies", params={"actor_id": "taliban", "true_at": "2021-08-15"}
    ).json()
    assert enemies["total"] == len(enemies["rows"]) or enemies["truncated"]
    posted = client.post(
        "/research/enemies_of_enemies",
        json={"parameters": {"actor_id": "taliban"}, "true_at": "2021-08-15"},
    ).json()
    assert posted["total"] == enemies["total"]


@pytest.mark.parametrize(
    ("name", "params", "parameter"),
    [
        ("single_source_relations", {"known_by": "2022"}, "known_by"),
        ("centrality", {"true_at": "2022"}, "true_at"),
    ],
)
def test_research_that_cannot_be_asked_at_a_date_says_so(
    client: TestClient, name: str, params: dict[str, str], parameter: str
) -> None:
    response = client.get(f"/research/{name}", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_single_source_relations_by_true_at_are_still_single_source(client: TestClient) -> None:
    body = client.get(
        "/research/single_source_relations", params={"true_at": "2021", "limit": 500}
    ).json()
    assert body["rows"] and all(r["relation"]["source_count"] == 1 for r in body["rows"])
