"""``/export`` as networks: GEXF and GraphML read by networkx, CSV tables, Cytoscape elements.

Real readers on the real app over both backends: networkx must see as many nodes and edges as
the API's own lists; the tables load with the csv module; every format takes the API filters.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.citation import citation_of
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary
from services.export import ExportSelection, build_network, facts_for, relation_keys
from services.relation_filter import Question

CONTROL = "taliban|controls|place-afghanistan"


def relations_of(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get("/relations", params={**params, "page": page, "page_size": 100}).json()
        items += body["items"]
        if not body["truncated"]:
            return items
        page += 1


def export(client: TestClient, **params: Any) -> bytes:
    response = client.get("/export", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment")
    return response.content


def edge_id(rel: dict[str, Any]) -> str:
    return f"{rel['subject']['id']}|{rel['relation']}|{rel['object']['id']}"


@pytest.mark.parametrize(("fmt", "reader"), [("gexf", "gexf"), ("graphml", "graphml")])
def test_networkx_reads_the_same_graph_as_the_api(
    client: TestClient, tmp_path: Any, fmt: str, reader: str
) -> None:
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(export(client, format=fmt))
    graph = nx.read_gexf(path, version="1.3") if reader == "gexf" else nx.read_graphml(path)
    relations = relations_of(client)
    ends = {r["subject"]["id"] for r in relations} | {r["object"]["id"] for r in relations}
    assert graph.number_of_edges() == len(relations)
    assert graph.number_of_nodes() == len(ends)
    ids = {key for _, _, key in graph.edges(keys=True)}
    assert ids == {edge_id(r) for r in relations}
    taliban = graph.nodes["taliban"]
    assert taliban["class"] == "armed_group" and taliban["label"] == "Taliban"
    control = next(d for _, _, k, d in graph.edges(keys=True, data=True) if k == CONTROL)
    assert control["family"] == "places" and control["status"] == "asserted"
    assert control["source_count"] == 2 and control["symmetric"] is False  # typed, not text


def test_gexf_spells_play_each_period_and_flag_the_undated(
    client: TestClient, tmp_path: Any
) -> None:
    path = tmp_path / "graph.gexf"
    path.write_bytes(export(client, format="gexf"))
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    graph = nx.read_gexf(path, version="1.3")
    edges = {k: d for _, _, k, d in graph.edges(keys=True, data=True)}
    spells = edges[CONTROL]["spells"]
    assert spells[0] == ("1996-01-01", "2001-12-31")
    assert spells[1][0] == "2021-08-01" and spells[1][1] in (None, "None")  # open: still holds
    undated = [d for d in edges.values() if not d["dated"]]
    assert undated and all("spells" not in d for d in undated)


def _tables(content: bytes) -> dict[str, list[dict[str, str]]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def test_the_csv_tables_hold_one_row_per_relation_and_per_claim(
    client: TestClient, curated_facts: FactSet
) -> None:
    tables = _tables(export(client, format="csv"))
    assert set(tables) == {"entities.csv", "relations.csv", "claims.csv", "sources.csv"}
    relations = tables["relations.csv"]
    assert len(relations) == len(relations_of(client))
    symmetric = {k for k, r in vocabulary().relations.items() if r.symmetric}
    pairs = [(r["subject"], r["relation"], r["object"]) for r in relations]
    assert not [p for p in pairs if p[1] in symmetric and (p[2], p[1], p[0]) in set(pairs)]
    claims = tables["claims.csv"]
    assert len(claims) == len(curated_facts.claims)
    assert {c["relation_id"] for c in claims} == {r["id"] for r in relations}
    first = curated_facts.claims[claims[0]["id"]]
    assert claims[0]["quote"] == first.quote and claims[0]["stance"] == first.stance
    assert list(claims[0])[:9] == [
        "id",
        "relation_id",
        "subject",
        "relation",
        "object",
        "quote",
        "source",
        "claimant",
        "stance",
    ]
    named = {c[k] for c in claims for k in ("subject", "object", "claimant")}
    assert {e["id"] for e in tables["entities.csv"]} == named
    assert {s["id"] for s in tables["sources.csv"]} == {c["source"] for c in claims}
    control = next(r for r in relations if r["id"] == CONTROL)
    assert control["periods"] == "1996..2001; 2021-08.." and control["dated"] == "true"


def test_cytoscape_elements_have_their_shape(client: TestClient) -> None:
    response = client.get("/export", params={"format": "cytoscape"})
    assert response.headers["content-type"].startswith("application/json")
    elements = response.json()["elements"]
    node_ids = [n["data"]["id"] for n in elements["nodes"]]
    assert len(node_ids) == len(set(node_ids))
    edge_ids = [e["data"]["id"] for e in elements["edges"]]
    assert len(edge_ids) == len(set(edge_ids)) == len(relations_of(client))
    for edge in elements["edges"]:
        data = edge["data"]
        assert data["source"] in node_ids and data["target"] in node_ids
        assert isinstance(data["interaction"], str) and isinstance(data["source_count"], int)
    assert all(isinstance(n["data"]["name"], str) for n in elements["nodes"])


def test_one_download_holds_hostility_and_sanctuary_as_of_2022_around_the_ttt(
    client: TestClient, curated_facts: FactSet
) -> None:
    params = {
        "format": "cytoscape",
        "family": ["hostility", "sanctuary_protection"],
        "true_at": "2022",
        "focus": "ttt",
        "depth": 2,
    }
    edges = client.get("/export", params=params).json()["elements"]["edges"]
    expected = build_network(
        facts_for(
            curated_facts,
            ExportSelection(
                question=Question(true_at="2022"),
                types=relation_keys(None, ["hostility", "sanctuary_protection"]),
                focus="ttt",
                depth=2,
            ),
        )
    )
    assert {e["data"]["id"] for e in edges} == {e.id for e in expected.edges}
    assert edges and {e["data"]["family"] for e in edges} <= {"hostility", "sanctuary_protection"}
    for edge in edges:
        claims = [c for c in curated_facts.claims_by_edge()[tuple(edge["data"]["id"].split("|"))]]
        assert Question(true_at="2022").answer(citation_of(c, curated_facts) for c in claims)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"format": "gexf", "focus": "no-such-entity"}, "focus"),
        ({"format": "gexf", "family": "no-such-family"}, "family"),
        ({"format": "gexf", "true_at": "2021-02-30"}, "true_at"),
        ({"format": "xlsx"}, "format"),
    ],
)
def test_bad_export_parameters_are_named(
    client: TestClient, params: dict[str, str], parameter: str
) -> None:
    response = client.get("/export", params=params)
    assert response.status_code == 422
    assert [e["loc"][:2] for e in response.json()["detail"]] == [["query", parameter]]


def test_accept_picks_a_network_format(client: TestClient) -> None:
    gexf = client.get("/export", headers={"Accept": "application/gexf+xml"})
    assert gexf.headers["content-type"] == "application/gexf+xml"
    assert (
        client.get("/export", headers={"Accept": "application/json"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )  # JSON-LD stays the answer to plain JSON


def test_a_family_asks_for_its_members_from_the_ontology(client: TestClient) -> None:
    family = relations_of(client, family="sanctuary_protection")
    members = relations_of(client, type=["gives_sanctuary_to", "protects"])
    assert family and {edge_id(r) for r in family} == {edge_id(r) for r in members}
    near = client.get(
        "/actors/taliban/neighbourhood", params={"family": "hostility", "depth": 2}
    ).json()
    assert near["edges"] and {e["relation"] for e in near["edges"]} == {"hostile_to"}
    bad = client.get("/relations", params={"family": "friendship"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][:2] == ["query", "family"]
