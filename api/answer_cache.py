"""An exact cache of the API's answers, keyed on the graph's generation and the request.

The graph changes only when a load commits, and the store knows which load it serves
(``GraphStore.generation()``), so the answer to a GET on a research route is a function of the
generation, the path, the query string (its parameters in order) and the ``Accept`` header:
cached under that key, an answer can never be stale. A new load gives a new generation, and the
old entries are never hit again (they age out of the LRU). Only successful, complete JSON
answers of the routes in ``CACHED_PREFIXES`` are kept, each up to ``max_entry_bytes`` and
all together up to ``max_total_bytes``; a
request with ``Cache-Control: no-cache`` is answered afresh (and the fresh answer kept). Every
answer of a cached route says ``X-Cache: hit`` or ``miss``.

Why a middleware: a hit costs no route, no store round trip beyond the generation, and no
serialisation, which is where 16 clients spent their time (issue 17). The generation is read in
a worker thread (a store that stalls must not stall the event loop), and that hop was most of a
hit's own cost; ``GenerationReads`` makes one read for all the requests waiting at once.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import GraphStore, StoreError

CACHED_PREFIXES = ("/actors", "/relations", "/events", "/sources", "/claimants", "/paths",
                   "/research")  # fmt: skip
"""The routes whose GET answers depend on the graph alone (not /view, /export, /sparql: they
have their own costs and formats; not /health, /version: they report on the store itself)."""


@dataclass
class AnswerCache:
    """A bounded LRU of answers (status, headers, body), safe across threads: at most
    ``max_entries`` answers, each at most ``max_entry_bytes``, their bodies at most
    ``max_total_bytes`` together (the least recently used go first)."""

    max_entries: int
    max_entry_bytes: int
    max_total_bytes: int
    _entries: OrderedDict[tuple[str, ...], tuple[int, list[tuple[bytes, bytes]], bytes]] = field(
        default_factory=OrderedDict
    )
    _bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: tuple[str, ...]) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], status: int, headers: list[tuple[bytes, bytes]],
            body: bytes) -> None:  # fmt: skip
        if len(body) > min(self.max_entry_bytes, self.max_total_bytes) or self.max_entries <= 0:
            return
        with self._lock:
            replaced = self._entries.pop(key, None)
            if replaced is not None:
                self._bytes -= len(replaced[2])
            self._entries[key] = (status, headers, body)
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_total_bytes:
                self._bytes -= len(self._entries.popitem(last=False)[1][2])

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        """The bodies kept, in bytes."""
        return self._bytes


def cached_route(path: str) -> bool:
    """Whether answers of ``path`` are cached (a prefix of ``CACHED_PREFIXES``, whole segments)."""
    return any(path == p or path.startswith(p + "/") for p in CACHED_PREFIXES)


def request_key(generation: str, scope: Scope) -> tuple[str, ...]:
    """The key of a request: generation, path, query parameters (in order), Accept."""
    query = scope.get("query_string", b"").decode("latin-1")
    params = urlencode(parse_qsl(query, keep_blank_values=True))
    accept = ""
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            accept = value.decode("latin-1")
    return (generation, scope["path"], params, accept)


def _no_cache(scope: Scope) -> bool:
    return any(
        name == b"cache-control" and b"no-cache" in value.lower()
        for name, value in scope.get("headers", ())
    )


class GenerationReads:
    """The store's generation for the requests that need it, one worker-thread read at a time.

    Each read answers every request that was waiting when it began; a request that arrives while
    a read is under way waits for the next one, never for a read that began before it arrived
    (that read could predate a load that committed before the request came). So an answer is
    never older than its request, as with one read per request, but 16 requests at once cost one
    or two thread hops instead of 16. Each event loop has its own queue (a test client may run
    the app on several).
    """

    def __init__(self) -> None:
        self._queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _ReadQueue] = (
            weakref.WeakKeyDictionary()
        )

    async def read(self, store: GraphStore) -> str:
        """The generation of ``store``, read after this call began; ``StoreError`` as it raises."""
        loop = asyncio.get_running_loop()
        queue = self._queues.get(loop)
        if queue is None:
            queue = self._queues[loop] = _ReadQueue()
        return await queue.read(store, loop)


class _ReadQueue:
    """The requests of one event loop waiting for a generation, and the task that reads it."""

    def __init__(self) -> None:
        self.waiting: list[tuple[GraphStore, asyncio.Future[str]]] = []
        self.reader: asyncio.Task[None] | None = None

    async def read(self, store: GraphStore, loop: asyncio.AbstractEventLoop) -> str:
        answer: asyncio.Future[str] = loop.create_future()
        self.waiting.append((store, answer))
        if self.reader is None or self.reader.done():  # else it reads again once it is done
            self.reader = loop.create_task(self._read_while_waited())
        return await answer

    async def _read_while_waited(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting, []
            for store in {id(s): s for s, _ in batch}.values():  # one store, but for a swap
                waiters = [answer for s, answer in batch if s is store]
                try:
                    generation = await anyio.to_thread.run_sync(store.generation)
                except Exception as exc:  # each waiter raises it, as its own read would have
                    _fail(waiters, exc)
                except BaseException:  # this task cancelled (its loop ends): so are they
                    for _, answer in batch:
                        answer.cancel()
                    raise
                else:
                    for answer in waiters:
                        if not answer.done():  # done: cancelled, its client went away
                            answer.set_result(generation)


def _fail(waiters: list[asyncio.Future[str]], error: Exception) -> None:
    for answer in waiters:
        if not answer.done():
            answer.set_exception(error)


class AnswerCacheMiddleware:
    """Answers a cached route's GET from the cache, or runs it and keeps its answer."""

    def __init__(self, app: ASGIApp, cache: AnswerCache, store_of: object) -> None:
        self.app = app
        self.cache = cache
        self.store_of = store_of  # the app, whose state.store is the open store (or None)
        self.generations = GenerationReads()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not cached_route(scope["path"]):
            await self.app(scope, receive, send)
            return
        store: GraphStore | None = getattr(getattr(self.store_of, "state", None), "store", None)
        if store is None:
            await self.app(scope, receive, send)
            return
        try:
            # in a worker thread: a store that stalls must not stall the event loop (/health)
            generation = await self.generations.read(store)
        except StoreError:
            await self.app(scope, receive, send)  # the route reports the store's failure
            return
        key = request_key(generation, scope)
        found = None if _no_cache(scope) else self.cache.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"x-cache", b"hit")]})  # fmt: skip
            await send({"type": "http.response.body", "body": body})
            return
        await self._run_and_keep(scope, receive, send, key)

    async def _run_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, ...]
    ) -> None:
        start: Message | None = None
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                headers = [*message.get("headers", []), (b"x-cache", b"miss")]
                await send({**message, "headers": headers})
                return
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and start is not None:
                    self._maybe_keep(key, start, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keep)

    def _maybe_keep(self, key: tuple[str, ...], start: Message, body: bytes) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        json_answer = any(
            k.lower() == b"content-type" and v.startswith(b"application/json") for k, v in headers
        )
        if start["status"] == 200 and json_answer:
            kept = [*headers, (b"content-length", str(len(body)).encode())]
            self.cache.put(key, 200, kept, body)
