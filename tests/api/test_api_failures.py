"""A store that is gone: 503 with a plain message, never a 500 or a trace."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from graph.falkordb_store import FalkorDBStore


def test_store_closed_under_the_app_answers_503(tmp_path: Path) -> None:
    store = FalkorDBStore(tmp_path / "gone.db")
    app = create_app(Settings(), store=store)
    with TestClient(app, raise_server_exceptions=False) as http:
        assert http.get("/health").status_code == 200
        store.close()  # stops the embedded server: the app's store is now unreachable
        for url in ("/health", "/actors", "/actors/ttt", "/research/centrality"):
            response = http.get(url)
            assert response.status_code == 503, url
            assert response.json() == {
                "detail": "The graph store is unreachable; try again shortly."
            }
        cypher = http.post("/cypher", json={"query": "RETURN 1"})
        assert cypher.status_code == 503 and "Traceback" not in cypher.text


def test_a_store_that_cannot_open_answers_503(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = Settings(db_path=blocker / "store" / "actorgraph.db")
    with TestClient(create_app(settings), raise_server_exceptions=False) as http:
        response = http.get("/actors")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The graph store is unreachable")
