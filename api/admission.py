"""Admission control: the expensive endpoints get a few slots each, and a request over them waits
a moment and is then turned away at once (503 with ``Retry-After``), never queued.

Raw Cypher, SPARQL and the whole-graph downloads can each keep a store or a worker busy for the
whole of their time limit. Without a bound, a burst of them fills the server's thread pool and
``/health`` and the fast reads wait behind it (the issue measured 39 s). Each lane here holds at
most ``slots`` requests; the rest of the API is not limited. The lanes sit in front of the
routes, so a refused request costs no thread at all.

Every request also gets a deadline when it arrives (``request.state.deadline``): the time limits
of the store calls it makes count from then, not from when the store starts the query.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send


class Busy(Exception):
    """Every slot of a lane is taken: the client should retry shortly."""

    def __init__(self, lane: str, slots: int, retry_after_s: int = 1) -> None:
        super().__init__(
            f"{lane}: {slots} queries are running already, the most at once; retry in "
            f"{retry_after_s} s"
        )
        self.lane = lane
        self.retry_after_s = retry_after_s


@dataclass
class Lane:
    """At most ``slots`` requests at once; a request waits up to ``wait_s`` for a slot."""

    name: str
    slots: int
    wait_s: float
    _free: asyncio.Semaphore | None = field(default=None, repr=False)

    def semaphore(self) -> asyncio.Semaphore:
        # made on first use, inside the server's event loop
        if self._free is None:
            self._free = asyncio.Semaphore(self.slots)
        return self._free


def lane_for(path: str, lanes: dict[str, Lane]) -> Lane | None:
    """The lane a request path belongs to (``/cypher``, ``/sparql``, ``/export``), or none."""
    first = "/" + path.strip("/").split("/", 1)[0]
    return lanes.get(first)


class AdmissionMiddleware:
    """Stamps each request with its deadline and admits the lanes' requests slot by slot."""

    def __init__(self, app: ASGIApp, lanes: dict[str, Lane], budget_s: float) -> None:
        self.app = app
        self.lanes = lanes
        self.budget_s = budget_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["deadline"] = time.monotonic() + self.budget_s
        lane = lane_for(scope["path"], self.lanes)
        if lane is None:
            await self.app(scope, receive, send)
            return
        free = lane.semaphore()
        try:
            await asyncio.wait_for(free.acquire(), timeout=lane.wait_s)
        except TimeoutError:
            from api.errors import respond  # the one error path (api/errors.py)

            await respond(Busy(lane.name, lane.slots))(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            free.release()


def remaining_ms(deadline: float | None, limit_ms: int) -> int:
    """The time limit left for a store call: ``limit_ms``, less what the request has waited.

    ``0`` means the request's time is up before the call starts (the caller answers 504).
    """
    if deadline is None:
        return limit_ms
    left = int((deadline - time.monotonic()) * 1000)
    return max(0, min(limit_ms, left))
