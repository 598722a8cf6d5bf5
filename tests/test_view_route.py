"""The network view served by the real app (ASGI, in process) over the real loaded store."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore
from ontology.facts import FactSet
from services.view import graph_data_from_facts, make_filter, select_view
from services.view.select import apply_filter


@pytest.fixture(scope="module")
def client(loaded_store: GraphStore) -> Iterator[TestClient]:
    app = create_app(Settings(view_node_limit=40), store=loaded_store)
    with TestClient(app, raise_server_exceptions=False) as http:
        yield http


def _payload(html: str) -> Any:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def _counts(html: str) -> tuple[int, int]:
    payload = _payload(html)
    return len(payload["nodes"]), len(payload["edges"])


def test_root_and_view_serve_the_page(client: TestClient) -> None:
    for path in ("/", "/view"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "window.__agView" in response.text


def test_above_the_node_limit_the_page_says_it_is_truncated(
    client: TestClient, curated_facts: FactSet
) -> None:
    response = client.get("/view")
    assert 'id="ag-banner"' in response.text
    assert _counts(response.text)[0] == 40


def test_parameters_start_the_page_in_that_state(
    client: TestClient, curated_facts: FactSet
) -> None:
    """The page gets the whole graph and its controls start from the parameters, so a URL and
    the controls give one picture (the browser tests count what it then shows)."""
    hostile = [t for t in curated_facts.claims_by_edge() if t[1] == "hostile_to"]
    subject = hostile[0][0]
    response = client.get("/view", params={"focus": subject, "depth": 1, "types": "HOSTILE_TO"})
    assert response.status_code == 200
    payload = _payload(response.text)
    state = payload["meta"]["filter"]
    assert (state["focus"], state["depth"], state["types"]) == (subject, 1, ["hostile_to"])
    # above this app's node limit (40) the server narrows the page to the focus itself
    expected = select_view(
        graph_data_from_facts(curated_facts), make_filter(focus=subject, depth=1), node_limit=40
    )
    assert _counts(response.text) == (len(expected.data.nodes), len(expected.data.edges))
    assert len(expected.data.edges) > len(
        apply_filter(expected.data, make_filter(focus=subject, depth=1, types="hostile_to")).edges
    )  # every type: the page can widen the types itself


@pytest.mark.parametrize(
    ("params", "status", "name"),
    [
        ({"types": "NOT_A_RELATION"}, 422, "types"),
        ({"true_at": "yesterday"}, 422, "true_at"),
        ({"known_by": "2021-02-30"}, 422, "known_by"),
        ({"depth": 99}, 422, "depth"),
        ({"focus": "no-such-entity"}, 404, None),
    ],
)
def test_bad_parameters_are_refused_clearly(
    client: TestClient, params: dict[str, object], status: int, name: str | None
) -> None:
    response = client.get("/view", params=params)
    assert response.status_code == status
    if name is not None:
        assert name in json.dumps(response.json()["detail"])
