"""API test fixtures: the real app on the real embedded store, loaded with the curated facts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore


@pytest.fixture(scope="session")
def api_settings() -> Settings:
    """Settings of the test app (the store is passed in, so its path does not matter).

    The test client sends ``Host: testserver``, a name the app answers only when allowed.
    """
    return Settings(row_cap=25, query_timeout_ms=5000, allowed_hosts="testserver")


@pytest.fixture(scope="session")
def app(api_settings: Settings, loaded_store: GraphStore) -> FastAPI:
    """The API app over the session's loaded store."""
    return create_app(api_settings, store=loaded_store)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """An HTTP client speaking to the app in process (ASGI), server errors as responses."""
    with TestClient(app, raise_server_exceptions=False) as http:
        yield http
