"""The real app served by uvicorn on a free port, for the browser to load pages from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from live_server import serve_app

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore


@contextmanager
def serve(store: GraphStore, settings: Settings | None = None) -> Iterator[str]:
    """The real app over ``store``, served by uvicorn on a free 127.0.0.1 port; its base URL."""
    settings = settings or Settings()
    with serve_app(create_app(settings, store=store), settings) as (url, _port):
        yield url
