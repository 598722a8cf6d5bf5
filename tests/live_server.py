"""An app served by a real uvicorn in a thread, configured as ``actorgraph serve`` configures it.

The API tests of real connections, the RDF clients and the browser all serve the app this way.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from actorgraph.settings import Settings
from api.server import server_config


@contextmanager
def serve_app(app: FastAPI, settings: Settings) -> Iterator[tuple[str, int]]:
    """``app`` on a free port of 127.0.0.1 (``api/server.py``'s settings); its URL and port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(app, settings, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
