"""Fixtures of the RDF tests: the export of the session's loaded store, and the API served by a
real uvicorn server on a free 127.0.0.1 port, for a real SPARQL client to talk to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from live_server import serve_app

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore
from ontology.facts import FactSet
from services.export import read_facts_from_store


@pytest.fixture(scope="session")
def exported_facts(loaded_store: GraphStore) -> FactSet:
    """The facts read back from the loaded store: what the export starts from."""
    return read_facts_from_store(loaded_store)


def _close_engine(app: FastAPI) -> None:
    engine = getattr(app.state, "sparql_engine", None)
    if engine is not None:
        engine.close()


@pytest.fixture(scope="session")
def rdf_app(loaded_store: GraphStore) -> Iterator[FastAPI]:
    """The API app over the loaded store, with the default SPARQL time limit."""
    app = create_app(Settings(), store=loaded_store)
    yield app
    _close_engine(app)


@pytest.fixture(scope="session")
def server_url(rdf_app: FastAPI) -> Iterator[str]:
    """The base URL of ``rdf_app`` served by uvicorn on a free port of 127.0.0.1, configured
    as ``actorgraph serve`` configures it (``api/server.py``)."""
    with serve_app(rdf_app, rdf_app.state.settings) as (url, _port):
        yield url
