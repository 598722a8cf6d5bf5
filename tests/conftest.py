"""Shared fixtures. Tests run on the real embedded store, in a temporary folder per test run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, SharedServer, is_server, open_backend

from graph.falkordb_store import FalkorDBStore
from graph.store import GraphStore
from loaders.load import load_facts
from ontology.facts import FactSet

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = Path(
    os.environ.get("ACTORGRAPH_SOURCES_DIR", REPO_ROOT.parent / "shared" / "sources")
)
DATA_DIR = REPO_ROOT / "data"

# Starlette's test client sends ``Host: testserver``, a name the app answers only when allowed
# (api/hosts.py); settings made anywhere in the tests read it from here.
os.environ.setdefault("ACTORGRAPH_ALLOWED_HOSTS", "testserver")


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The folder of the five source documents (``../shared/sources``)."""
    if not SOURCES_DIR.is_dir():
        pytest.fail(f"source documents not found at {SOURCES_DIR}; set ACTORGRAPH_SOURCES_DIR")
    return SOURCES_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of the curated fact files."""
    return DATA_DIR


# --- graph store fixtures (owned by the store/loader work; see graph/ and loaders/) -----------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    """A fresh, empty embedded FalkorDB store in this test's temporary folder; closed after."""
    opened = FalkorDBStore(tmp_path / "store" / "actorgraph.db")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def curated_facts(data_dir: Path, sources_dir: Path) -> FactSet:
    """The curated facts of ``data/``, validated (the test fails if they are invalid)."""
    from ontology.validate import load_and_validate

    return load_and_validate(data_dir, sources_dir)


@pytest.fixture(scope="session", params=BACKENDS)
def loaded_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, curated_facts: FactSet
) -> Iterator[GraphStore]:
    """A store of each backend present, loaded with the curated facts, shared by the session.

    Every test that uses it (the API, RDF, view and browser tests, the named queries) runs once
    per backend. Treat it as read-only: tests that write or reload use ``store`` or
    ``any_store`` instead.
    """
    opened = open_backend(request.param, tmp_path_factory.mktemp("loaded-store"))
    try:
        if is_server(request.param):
            SharedServer.ensure_curated(opened, curated_facts)
        else:
            load_facts(opened, curated_facts)
        yield opened
    finally:
        if is_server(request.param):
            SharedServer.empty(opened)
        opened.close()


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend present (a server's database emptied before and after):
    the contract suite's store, and any test's that loads facts of its own."""
    opened = open_backend(request.param, tmp_path / "contract")
    server = is_server(request.param)
    try:
        if server:
            SharedServer.empty(opened)
        yield opened
    finally:
        if server:
            SharedServer.empty(opened)
        opened.close()


@pytest.fixture(autouse=True)
def _neo4j_holds_the_curated_facts(request: pytest.FixtureRequest) -> None:
    """Before a test on a server's shared ``loaded_store``: reload it if a test changed it."""
    callspec = getattr(request.node, "callspec", None)
    name = callspec.params.get("loaded_store") if callspec else None
    if name is None or not is_server(name):
        return
    SharedServer.ensure_curated(
        request.getfixturevalue("loaded_store"), request.getfixturevalue("curated_facts")
    )
