"""Docs that cannot drift from code: every operation documented, every query well-formed."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from ontology.vocabulary import vocabulary
from queries.catalog import QUERY_DIR, load_catalog

API_QUERIES = [
    "actors_search",
    "centrality",
    "claim_counts",
    "claimants_search",
    "claims_search",
    "contested_claims",
    "enemies_of_enemies",
    "entity_get",
    "entity_names",
    "entity_relations",
    "events_search",
    "graph_counts",
    "neighbourhood_step",
    "path_step",
    "relation_edges",
    "relations_search",
    "sanctuary_for_enemies",
    "single_source_relations",
    "source_get",
    "source_ids",
    "sources_search",
    "structural_balance",
]


def test_every_operation_has_a_summary_and_description(app: FastAPI) -> None:
    for path, methods in app.openapi()["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary"), f"{method.upper()} {path}"
            assert operation.get("description"), f"{method.upper()} {path}"


def test_every_api_query_is_in_the_catalog_as_a_read() -> None:
    catalog = load_catalog()
    for name in API_QUERIES:
        assert catalog[name].mode == "read", name


def test_labels_and_types_in_api_queries_come_from_the_ontology() -> None:
    vocab = vocabulary()
    provenance = set(vocab.provenance)
    for name in API_QUERIES:
        for path in QUERY_DIR.glob(f"{name}*.cypher"):
            text = re.sub(r"//.*", "", path.read_text(encoding="utf-8"))
            text = re.sub(r"'[^']*'", "''", text)  # string literals are not labels
            for types in re.findall(r"\[\w*:([A-Z_|]+)", text):
                for graph_type in types.split("|"):
                    assert graph_type in vocab.relation_types | provenance, (path.name, graph_type)
            for label in re.findall(r"\(\w*:(\w+)", text):
                # `Entity` is the model's common label of actors, events and places.
                assert label in vocab.node_labels | {"Entity"}, (path.name, label)


def test_docs_pages_load_their_assets_from_this_server(client: TestClient) -> None:
    """FastAPI's own pages load Swagger UI and ReDoc from a CDN: these must not."""
    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/") for s in sources), sources
        for source in sources:
            assert client.get(source).status_code == 200, source
