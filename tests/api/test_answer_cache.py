"""The answer cache (api/answer_cache.py): exact by construction, gone stale never.

A real app over a real embedded store: the same question twice is answered from the cache; a
load (a new generation) answers afresh with the new graph; errors and ``no-cache`` requests
are not served from it; the cache stays within its bounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.answer_cache import AnswerCache, cached_route
from api.app import create_app
from graph.falkordb_store import FalkorDBStore
from loaders.load import load_facts
from ontology.facts import FactSet


@pytest.fixture
def store(tmp_path: Path, curated_facts: FactSet) -> Iterator[FalkorDBStore]:
    opened = FalkorDBStore(tmp_path / "db", "g")
    load_facts(opened, curated_facts)
    yield opened
    opened.close()


def client_for(store: FalkorDBStore, **settings: int) -> TestClient:
    app = create_app(Settings(allowed_hosts="testserver", **settings), store=store)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False)


def test_the_same_question_is_answered_from_the_cache(store: FalkorDBStore) -> None:
    with client_for(store) as client:
        first = client.get("/actors/taliban")
        second = client.get("/actors/taliban")
        assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
        assert second.content == first.content
        assert second.headers["content-type"] == first.headers["content-type"]
        fresh = client.get("/actors/taliban", headers={"Cache-Control": "no-cache"})
        assert fresh.headers["x-cache"] == "miss" and fresh.content == first.content
        other = client.get("/actors/taliban", params={"true_at": "2010"})
        assert other.headers["x-cache"] == "miss" and other.content != first.content


def test_a_load_gives_fresh_answers(store: FalkorDBStore, curated_facts: FactSet) -> None:
    with client_for(store) as client:
        before = client.get("/actors", params={"q": "taliban"}).json()
        assert client.get("/actors", params={"q": "taliban"}).headers["x-cache"] == "hit"
        # the same facts without the Taliban and every claim that names them
        entities = {k: e for k, e in curated_facts.entities.items() if k != "taliban"}
        claims = {
            k: c
            for k, c in curated_facts.claims.items()
            if {c.subject, c.object, c.claimant} <= entities.keys()
        }
        fewer = FactSet(sources=curated_facts.sources, entities=entities, claims=claims)
        load_facts(store, fewer)
        after = client.get("/actors", params={"q": "taliban"})
        assert after.headers["x-cache"] == "miss"
        assert after.json()["total"] < before["total"]


def test_errors_are_never_served_from_the_cache(store: FalkorDBStore) -> None:
    with client_for(store) as client:
        for _ in range(2):
            missing = client.get("/actors/no-such-actor")
            assert missing.status_code == 404 and missing.headers["x-cache"] == "miss"
        assert "x-cache" not in client.get("/health").headers  # not a cached route


def test_the_cache_keeps_its_bounds(store: FalkorDBStore) -> None:
    with client_for(store, answer_cache_entries=2) as client:
        for actor in ("taliban", "iskp", "ttt"):
            client.get(f"/actors/{actor}")
        cache = client.app.state.answer_cache  # type: ignore[attr-defined]
        assert len(cache) == 2
        assert client.get("/actors/taliban").headers["x-cache"] == "miss"  # the oldest went
    with client_for(store, answer_cache_entry_bytes=100) as client:
        client.get("/actors/taliban")
        assert client.get("/actors/taliban").headers["x-cache"] == "miss"  # too large to keep
    with client_for(store, answer_cache_entries=0) as client:
        client.get("/relations")
        assert client.get("/relations").headers["x-cache"] == "miss"


def test_the_cache_keeps_its_bytes_within_budget() -> None:
    cache = AnswerCache(max_entries=10, max_entry_bytes=60, max_total_bytes=100)
    for name in ("a", "b", "c"):
        cache.put((name,), 200, [], b"x" * 40)
    assert cache.get(("a",)) is None and cache.get(("b",)) and cache.get(("c",))
    assert cache.size_bytes == 80
    cache.put(("c",), 200, [], b"y" * 50)  # a key answered again is counted once
    assert cache.size_bytes == 90 and len(cache) == 2
    cache.put(("d",), 200, [], b"z" * 61)  # over the entry limit: not kept, nothing evicted
    assert cache.get(("d",)) is None and cache.size_bytes == 90
    cache.put(("e",), 200, [], b"w" * 60)  # the oldest go, until it fits: b, then c
    assert [cache.get((name,)) is not None for name in "bce"] == [False, False, True]
    assert cache.size_bytes == 60 and len(cache) == 1


def test_only_the_research_routes_are_cached() -> None:
    assert cached_route("/actors") and cached_route("/actors/iskp/neighbourhood")
    assert cached_route("/research/enemies_of_enemies")
    assert not cached_route("/actorsx") and not cached_route("/export")
    assert not cached_route("/view") and not cached_route("/sparql")
