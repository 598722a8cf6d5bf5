"""The real app served by uvicorn on a free port, for the browser to load pages from."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from cdp import free_port

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore


@contextmanager
def serve(store: GraphStore, settings: Settings | None = None) -> Iterator[str]:
    """The real app over ``store``, served by uvicorn on a free 127.0.0.1 port; its base URL."""
    app = create_app(settings or Settings(), store=store)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
