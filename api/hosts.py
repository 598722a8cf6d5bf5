"""Only requests addressed to this server are served: the ``Host`` header is checked first.

A page on another site can make a researcher's browser talk to their local API by pointing its
own domain at 127.0.0.1 (DNS rebinding); the browser then sends that domain as ``Host``. The
API answers only the localhost names (``localhost``, ``127.0.0.1``, ``::1``, any port), the
address it listens on (``ACTORGRAPH_HOST``, unless that is a wildcard such as ``0.0.0.0``) and
the names in ``ACTORGRAPH_ALLOWED_HOSTS``; any other ``Host``, or none, answers 400.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from actorgraph.settings import Settings
from api.errors import respond
from api.refusals import HostNotAllowed

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})  # "every address": not a name a client sends


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port, brackets, final dot or case."""
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8000
        name = header[1:].partition("]")[0]
    elif header.count(":") == 1:  # localhost:8000
        name = header.partition(":")[0]
    else:  # a name, or a bare IPv6 address such as ::1
        name = header
    return name.rstrip(".")


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """The names this server answers to, from the settings."""
    listed = {host_name(name) for name in settings.allowed_hosts.split(",") if name.strip()}
    configured = {host_name(settings.host)} - _WILDCARDS
    return LOCAL_NAMES | configured | listed


class HostMiddleware:
    """Answers 400 (``HostNotAllowed``) to a request whose ``Host`` is not one of ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the API has no websocket routes
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("host")
        if header is not None and host_name(header) in self.allowed:
            await self.app(scope, receive, send)
            return
        said = "no Host header" if header is None else f"Host {header!r}, not a name of this server"
        refused = HostNotAllowed(
            f"The request has {said}. Localhost names and ACTORGRAPH_HOST are served; list any "
            "other name the server is reached by in ACTORGRAPH_ALLOWED_HOSTS."
        )
        await respond(refused, Request(scope))(scope, receive, send)
