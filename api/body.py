"""Every request body is read here, once, bounded in size and time, before any route sees it.

- A body over ``ACTORGRAPH_MAX_BODY_BYTES`` answers 413: at once when its ``Content-Length``
  says so, else as soon as the bytes sent pass the limit; it is never held whole in memory.
- A body that does not arrive in full within ``ACTORGRAPH_REQUEST_TIMEOUT_S`` answers 408, so a
  client that declares a body and stalls cannot hold a connection and a task for ever.
- A JSON body (the body FastAPI would parse as JSON) is checked for what no store takes and
  what crashes the layers below: a lone UTF-16 surrogate or a NUL in any string, a key of
  ``parameters`` (at any depth) that is not a plain name (keys become Cypher ``$names`` and map
  keys), a key given twice, an integer beyond 64 bits, a number that is not finite (``NaN``,
  ``1e999``), nesting past ``MAX_DEPTH`` levels. Each answers 422 naming the path of the bad
  value (``body.parameters.x``). JSON that does not parse is left to FastAPI, which answers 422
  with the position.

The body is then re-played to the app, so the routes read it as usual.
"""

from __future__ import annotations

import asyncio
import email.message
import json
import math
import re
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import respond
from api.refusals import PLAIN_NAME, BodyInvalid, BodyTooLarge, RequestTimedOut

MAX_DEPTH = 64  # the body object is level 1; no parameter of a research query needs 10
_NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")
_INT64 = range(-(2**63), 2**63)
Loc = tuple[str | int, ...]


class _Object(dict[str, Any]):
    """A JSON object that remembers the first key it was given twice."""

    duplicate: str | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> _Object:
        made = cls()
        for key, value in pairs:
            if key in made and made.duplicate is None:
                made.duplicate = key
            made[key] = value
        return made


def is_json(headers: Headers) -> bool:
    """Whether FastAPI reads this body as JSON: ``application/json`` or ``application/*+json``
    (with FastAPI's strict content type, a body without a type is not JSON)."""
    content_type = headers.get("content-type")
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def check_json(raw: bytes) -> None:
    """Raise ``BodyInvalid`` at the first value of the JSON text ``raw`` no store takes."""
    try:
        value = json.loads(raw, object_pairs_hook=_Object.of)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return  # not JSON: FastAPI answers 422 with the position
    except RecursionError:
        raise BodyInvalid(["body"], f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise BodyInvalid(["body"], f"a number no store takes ({exc})") from None
    stack: list[tuple[Any, Loc]] = [(value, ("body",))]
    while stack:
        node, loc = stack.pop()
        if len(loc) > MAX_DEPTH:
            raise BodyInvalid(loc[:3], f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, str):
            _check_text(node, loc)
        elif isinstance(node, bool) or node is None:
            pass
        elif isinstance(node, int) and node not in _INT64:
            raise BodyInvalid(loc, "an integer beyond 64 bits, which no store takes")
        elif isinstance(node, float) and not math.isfinite(node):
            raise BodyInvalid(loc, "not a finite number (NaN, Infinity, 1e999)")
        elif isinstance(node, list):
            stack.extend((item, (*loc, i)) for i, item in reversed(list(enumerate(node))))
        elif isinstance(node, _Object):
            stack.extend(reversed(_members(node, loc)))


def _members(node: _Object, loc: Loc) -> list[tuple[Any, Loc]]:
    """The members of an object, after checking its keys."""
    if node.duplicate is not None:
        raise BodyInvalid((*loc, node.duplicate), "given twice in the same object")
    in_parameters = len(loc) >= 2 and loc[1] == "parameters"
    for key in node:
        _check_text(key, (*loc, key))
        if in_parameters and not PLAIN_NAME.fullmatch(key):
            raise BodyInvalid(
                (*loc, key),
                "a key that is not a plain name (a letter or _, then letters, "
                "digits or _), as it becomes a Cypher name",
            )
    return [(value, (*loc, key)) for key, value in node.items()]


def _check_text(text: str, loc: Loc) -> None:
    bad = _NOT_TEXT.search(text)
    if bad is None:
        return
    if bad.group() == "\x00":
        raise BodyInvalid(loc, "holds a NUL character, which no store takes")
    raise BodyInvalid(loc, f"holds a lone UTF-16 surrogate (\\u{ord(bad.group()):04x}): not text")


class BodyMiddleware:
    """Reads each request's body (at most ``max_bytes``, within ``timeout_s``), checks a JSON
    body, and answers 413, 408 or 422 from the error table; else re-plays the body to ``app``."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            body = await self._read(headers, receive)
            if body is None:
                return  # the client went away before its body was in
            if body and is_json(headers):
                check_json(body)
        except (BodyTooLarge, RequestTimedOut, BodyInvalid) as failure:
            await respond(failure, Request(scope))(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self) -> BodyTooLarge:
        return BodyTooLarge(
            f"the request body is larger than {self.max_bytes} bytes, the most this API reads "
            "(ACTORGRAPH_MAX_BODY_BYTES)"
        )

    async def _read(self, headers: Headers, receive: Receive) -> bytes | None:
        """The whole body, or None when the client disconnects first."""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise RequestTimedOut(
                    f"the request body did not arrive within {self.timeout_s:g} s "
                    "(ACTORGRAPH_REQUEST_TIMEOUT_S)"
                ) from None
            if message["type"] == "http.disconnect":
                return None
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` first, then whatever the server sends (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
