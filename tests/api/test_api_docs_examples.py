"""/docs as a researcher's entry point: operations grouped by question, every parameter with an
example from the curated facts that answers, research answers typed row by row, and relation
types listed once each.

The OpenAPI document is read when the module is collected (from an app without a store, as in
``test_api_schemathesis.py``); the requests go to the ``client`` fixture, over the loaded store.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from actorgraph.settings import Settings
from api.app import create_app
from api.research_schemas import RESEARCH
from api.tags import Tag
from ontology.vocabulary import vocabulary
from queries.catalog import load_catalog

DOCUMENT = create_app(Settings(row_cap=25, query_timeout_ms=5000)).openapi()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]
RESEARCH_NAMES = sorted(name for name, query in load_catalog().items() if query.research)

# The groups, in the order a researcher meets them, and where some operations belong.
TAGS = [
    "Find an actor",
    "Who is related to whom",
    "What connects two actors",
    "Research questions",
    "Events, sources and claimants",
    "Export and RDF",
    "Your own Cypher",
    "Network view",
    "Service",
]
PLACES = {
    "GET /actors": "Find an actor",
    "GET /actors/{actor_id}": "Find an actor",
    "GET /relations": "Who is related to whom",
    "GET /actors/{actor_id}/neighbourhood": "Who is related to whom",
    "GET /paths": "What connects two actors",
    "GET /research": "Research questions",
    "GET /research/enemies_of_enemies": "Research questions",
    "GET /events/{event_id}": "Events, sources and claimants",
    "GET /sources/{source_id}": "Events, sources and claimants",
    "GET /claimants/{claimant_id}": "Events, sources and claimants",
    "GET /export": "Export and RDF",
    "GET /sparql": "Export and RDF",
    "POST /cypher": "Your own Cypher",
    "GET /view": "Network view",
    "GET /health": "Service",
    "GET /version": "Service",
}
# Parameters an operation needs that its schema cannot require (SPARQL answers 400 without a
# query, as the protocol says, not 422): sent with each optional parameter tried alone.
NEEDED = {"GET /sparql": {"query"}}
# The lists that hold an answer, by endpoint kind: the first one present must not be empty.
ANSWER_LISTS = ("rows", "items", "paths", "edges", "relations", "claims", "cited_by", "claims_for")


def test_operations_are_grouped_by_question_in_order() -> None:
    declared = [tag["name"] for tag in DOCUMENT["tags"]]
    assert declared == TAGS == [tag.value for tag in Tag]
    assert all(tag.get("description") for tag in DOCUMENT["tags"])
    order = []
    for name, (_, _, operation) in zip(IDS, OPERATIONS, strict=True):
        assert len(operation["tags"]) == 1 and operation["tags"][0] in TAGS, name
        order.append(TAGS.index(operation["tags"][0]))
    assert order == sorted(order), "the paths come in the order of their groups"
    assert set(order) == set(range(len(TAGS))), "every group has an operation"
    placed = {name: op["tags"][0] for name, (_, _, op) in zip(IDS, OPERATIONS, strict=True)}
    assert {name: placed[name] for name in PLACES} == PLACES


def test_every_summary_is_short() -> None:
    for name, (_, _, operation) in zip(IDS, OPERATIONS, strict=True):
        assert len(operation["summary"]) <= 80, name


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_parameter_has_an_example(method: str, path: str, operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        assert "example" in parameter, f"{method} {path}: {parameter['name']}"
    body = operation.get("requestBody")
    if body is not None:
        for media_type, content in body["content"].items():
            assert _body_example(content) is not None, f"{method} {path}: {media_type}"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_example_answers(
    client: TestClient, method: str, path: str, operation: dict[str, Any]
) -> None:
    """All the examples of an operation together (what "Try it out" sends), then each optional
    one alone: 200, with something in the answer."""
    parameters = operation.get("parameters", [])
    needed = NEEDED.get(f"{method} {path}", set())
    required = [p for p in parameters if p.get("required") or p["name"] in needed]
    optional = [p for p in parameters if p not in required]
    _check_answer(_send(client, method, path, operation, parameters), method, path, "all")
    for parameter in optional:
        sent = _send(client, method, path, operation, [*required, parameter])
        _check_answer(sent, method, path, parameter["name"])


def test_the_example_actor_has_answers_to_every_research_question(client: TestClient) -> None:
    for name in RESEARCH_NAMES:
        operation = DOCUMENT["paths"][f"/research/{name}"]["get"]
        answer = _send(client, "GET", f"/research/{name}", operation, operation["parameters"])
        assert answer.status_code == 200 and answer.json()["rows"], name


def test_research_answers_are_typed_row_by_row() -> None:
    assert sorted(RESEARCH) == RESEARCH_NAMES
    schemas = DOCUMENT["components"]["schemas"]
    for name in RESEARCH_NAMES:
        operation = DOCUMENT["paths"][f"/research/{name}"]["get"]
        answer = _resolve(operation["responses"]["200"]["content"]["application/json"]["schema"])
        assert answer["properties"]["name"]["const"] == name
        row = _resolve(answer["properties"]["rows"]["items"])
        assert row["properties"] and row.get("additionalProperties") is False, name
        assert set(row["required"]) == set(row["properties"]), name
    enemies = schemas["EnemyOfEnemyPublic"]["properties"]
    assert set(enemies) == {
        "enemy_of_enemy",
        "enemy",
        "also_enemy",
        "hostility_to_enemy",
        "enemy_hostility",
    }
    for column in ("hostility_to_enemy", "enemy_hostility"):
        assert enemies[column]["$ref"].endswith("/RelationPublic")
    for method in ("get", "post"):  # the endpoints that take a name: one of the typed answers
        by_name = DOCUMENT["paths"]["/research/{name}"][method]["responses"]["200"]
        union = by_name["content"]["application/json"]["schema"]
        assert sorted(union["discriminator"]["mapping"]) == RESEARCH_NAMES


def test_research_forms_offer_only_what_the_query_can_answer() -> None:
    """A query that cannot be asked at a date has no date in its form (it still answers 422)."""
    names = {
        name: {p["name"] for p in DOCUMENT["paths"][f"/research/{name}"]["get"]["parameters"]}
        for name in RESEARCH_NAMES
    }
    assert names["centrality"] == {"limit", "skip"}
    assert "known_by" not in names["single_source_relations"]
    assert {"true_at", "known_by", "status"} <= names["enemies_of_enemies"]


def test_relation_types_are_listed_once_each_by_fact_key(client: TestClient) -> None:
    vocab = vocabulary()
    schemas = DOCUMENT["components"]["schemas"]
    assert schemas["RelationTypeName"]["enum"] == sorted(vocab.relations)
    assert len(vocab.relations) == 27
    assert schemas["RelationFamilyName"]["enum"] == list(vocab.families)
    assert len(vocab.families) == 7
    by_key = client.get("/relations", params={"type": "hostile_to", "page_size": 200}).json()
    by_type = client.get("/relations", params={"type": "HOSTILE_TO", "page_size": 200}).json()
    assert by_key["total"] > 0 and by_key == by_type  # the graph type is still accepted


def _send(
    client: TestClient,
    method: str,
    path: str,
    operation: dict[str, Any],
    parameters: list[dict[str, Any]],
) -> Response:
    """The request made of ``parameters``' examples (and the body's, if any)."""
    url = path
    query: list[tuple[str, str]] = []
    headers: dict[str, str] = {}
    for parameter in parameters:
        value = parameter["example"]
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", str(value))
        elif parameter["in"] == "header":
            headers[parameter["name"]] = str(value)
        else:
            values = value if isinstance(value, list) else [value]
            query += [(parameter["name"], _text(v)) for v in values]
    if query:
        url += "?" + urlencode(query)
    body = operation.get("requestBody")
    if body is None:
        return client.request(method, url, headers=headers)
    media_type, content = next(iter(body["content"].items()))
    example = _body_example(content)
    if media_type == "application/json":
        return client.request(method, url, json=example, headers=headers)
    data = urlencode(example) if isinstance(example, dict) else str(example)
    return client.request(
        method, url, content=data, headers={**headers, "Content-Type": media_type}
    )


def _check_answer(response: Response, method: str, path: str, given: str) -> None:
    where = f"{method} {path} ({given})"
    assert response.status_code == 200, f"{where}: {response.status_code} {response.text[:300]}"
    assert response.content, where
    if not response.headers["content-type"].startswith("application/json"):
        return
    body = response.json()
    if "results" in body:  # a SPARQL SELECT
        assert body["results"]["bindings"], where
        return
    lists = [key for key in ANSWER_LISTS if key in body]
    if lists:
        assert body[lists[0]], f"{where}: empty {lists[0]}"
    else:
        assert any(body.values()), where


def _body_example(content: dict[str, Any]) -> Any:
    if "example" in content:
        return content["example"]
    examples = _resolve(content["schema"]).get("examples")
    return examples[0] if examples else None


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    found: dict[str, Any] = DOCUMENT["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return found


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
