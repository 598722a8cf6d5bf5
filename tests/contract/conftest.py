"""The contract suite's fixtures: one empty store per backend present (see ``tests/backends.py``).

Embedded backends always run; a server backend when its server is configured
(``ACTORGRAPH_NEO4J_URI`` for Neo4j). A server's database is emptied before and after each
test. Tests that read the loaded curated facts use the session's ``loaded_store``
(``tests/conftest.py``), which is parametrised the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, SharedServer, is_server, open_backend

from graph.store import GraphStore


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend present."""
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
