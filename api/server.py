"""The API as uvicorn serves it (``actorgraph serve`` and the tests that start a real server):
time limits on each connection and a shutdown that does not wait for slow requests.

- **Headers.** uvicorn's own connection timer (``timeout_keep_alive``) waits only for the
  *first byte* of the next request: a client that sends half its headers and stalls holds the
  connection for ever. ``HeaderDeadlineH11`` gives each request's headers
  ``ACTORGRAPH_REQUEST_TIMEOUT_S`` from when the connection opens or the last response ends,
  however slowly the bytes drip in; past it the client gets 408 (if it sent part of a request)
  or the connection is closed (if it sent nothing).
- **Size.** Request headers that pass ``MAX_HEAD_BYTES`` before they end answer 400 (h11's
  limit, set here rather than left to its default); the body's limit is the app's.
- **Body.** The body's time limit is the app's (``api/body.py``, also 408).
- **Shutdown.** On SIGTERM uvicorn stops accepting connections and gives running requests
  ``GRACEFUL_SHUTDOWN_S`` to finish, then cancels them and shuts the app down.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import h11
import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from actorgraph.settings import Settings
from api.errors import respond
from api.refusals import RequestTimedOut

GRACEFUL_SHUTDOWN_S = 3
KEEP_ALIVE_S = 5
MAX_HEAD_BYTES = 16 * 1024  # a SPARQL query longer than a URL can take goes by POST


def _timeout_answer(timeout_s: float) -> bytes:
    """The 408 of the error table, as raw HTTP/1.1 (no request was parsed to answer with h11)."""
    exc = RequestTimedOut(
        f"the request headers did not arrive within {timeout_s:g} s (ACTORGRAPH_REQUEST_TIMEOUT_S)"
    )
    response = respond(exc)
    status = HTTPStatus(response.status_code)
    lines = [f"HTTP/1.1 {status.value} {status.phrase}".encode("ascii")]
    lines += [name + b": " + value for name, value in response.raw_headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + response.body


class HeaderDeadlineH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers."""

    header_timeout_s = 5.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are in
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm()  # the next request's headers

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        pending, _ = self.conn.trailing_data
        if pending:  # part of a request: say why it ends
            self.transport.write(_timeout_answer(self.header_timeout_s))
        self.transport.close()


def header_deadline_protocol(timeout_s: float) -> type[HeaderDeadlineH11]:
    """The h11 protocol class whose requests' headers must arrive within ``timeout_s``."""
    return type("HeaderDeadlineH11", (HeaderDeadlineH11,), {"header_timeout_s": timeout_s})


def server_config(app: ASGIApp, settings: Settings, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for ``app``: ``settings``' host, port, time limits and log level;
    ``options`` (``host``, ``port``, ``lifespan``, ...) override."""
    chosen: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level.lower(),
        "http": header_deadline_protocol(settings.request_timeout_s),
        "timeout_keep_alive": KEEP_ALIVE_S,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_S,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
    return uvicorn.Config(app, **{**chosen, **options})
