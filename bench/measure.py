"""Small measuring tools: latency percentiles, timed repeats, an HTTP load generator, peak
memory, size on disk."""

from __future__ import annotations

import asyncio
import gc
import statistics
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import psutil


@dataclass(frozen=True)
class Latency:
    """Latencies of one case, in milliseconds."""

    count: int
    p50: float
    p99: float
    mean: float


def summarise(seconds: list[float]) -> Latency:
    """p50, p99 and mean of ``seconds``, in milliseconds (p99 by nearest rank)."""
    if not seconds:
        raise ValueError("no samples to summarise")
    ordered = sorted(s * 1000 for s in seconds)
    rank = max(0, min(len(ordered) - 1, round(0.99 * len(ordered)) - 1))
    return Latency(
        len(ordered), statistics.median(ordered), ordered[rank], statistics.fmean(ordered)
    )


def repeat_timed(
    call: Callable[[], object],
    *,
    requests: int,
    clients: int = 1,
    warmup: int = 5,
    time_limit_s: float = 10.0,
) -> Latency:
    """Latency of ``call`` over ``requests`` calls spread over ``clients`` threads.

    Each thread is a closed-loop client: it sends its next call when the last one returned, so
    with 16 clients 16 calls are in flight at once. A case stops early after ``time_limit_s``
    (bounded runtime for slow queries at big sizes), keeping the samples taken so far.
    """
    for _ in range(warmup):
        call()
    deadline = time.perf_counter() + time_limit_s
    per_client = max(1, requests // clients)

    def client() -> list[float]:
        samples: list[float] = []
        for _ in range(per_client):
            start = time.perf_counter()
            call()
            samples.append(time.perf_counter() - start)
            if start > deadline:
                break
        return samples

    if clients == 1:
        return summarise(client())
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client) for _ in range(clients)]
        return summarise([s for f in futures for s in f.result()])


STALL_LIMIT_S = 60.0  # past a case's own time limit, how long the last answers may take


class HttpFailed(Exception):
    """A request of the load generator was not answered 200, or not as HTTP/1.1 should be."""


@dataclass(frozen=True)
class HttpLatency:
    """Latencies of one HTTP case, the share of answers its server's cache gave, and bytes."""

    latency: Latency
    hit_rate: float
    body_bytes: int


def http_latency(
    host: str,
    port: int,
    path: str,
    *,
    requests: int,
    clients: int = 1,
    headers: Mapping[str, str] | None = None,
    warmup: int = 3,
    time_limit_s: float = 10.0,
) -> HttpLatency:
    """Latency of ``GET path`` over ``clients`` keep-alive connections, closed loop.

    The load generator is one asyncio loop on raw streams: a client's clock stops when the last
    byte of its answer is read, with nothing between (no HTTP library, no thread waiting for the
    interpreter lock, as 16 client threads did: their queueing was most of the p99, issue 17).
    Every connection is opened and warmed before any clock starts. Run it in a process of its
    own (``api_bench`` does), so no other work of the benchmark shares its interpreter.
    """
    gc.collect()
    gc.freeze()  # what exists now is never scanned again: collections in the loop stay short
    try:
        return asyncio.run(
            _closed_loop(
                host, port, path, requests, clients, dict(headers or {}), warmup, time_limit_s
            )
        )
    finally:
        gc.unfreeze()


async def _closed_loop(
    host: str,
    port: int,
    path: str,
    requests: int,
    clients: int,
    headers: dict[str, str],
    warmup: int,
    time_limit_s: float,
) -> HttpLatency:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    try:  # one time limit for the whole case: none on each request, inside its clock
        async with asyncio.timeout(time_limit_s + STALL_LIMIT_S):
            return await _timed(host, port, request, requests, clients, warmup, time_limit_s)
    except TimeoutError:
        raise HttpFailed(f"no answer within {time_limit_s + STALL_LIMIT_S:.0f} s") from None
    except asyncio.IncompleteReadError as error:
        raise HttpFailed(f"the server closed the connection mid-answer ({error})") from None


class _ClosedBeforeAnswer(Exception):
    """The connection was closed before any byte of the answer came (an idle one, hung up)."""


class _Connection:
    """One client's keep-alive connection. A connection the server closed while it idled (a
    client whose warm-up ended first waits for the slowest one, and past its keep-alive limit
    the server hangs up) is opened again, and the request sent again, outside the clock."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def timed_exchange(self, request: bytes) -> tuple[float, bool, int]:
        """Seconds for one whole answer, whether it was a cache hit, and its size."""
        for _attempt in (1, 2):
            if self.reader is None or self.writer is None or self.reader.at_eof():
                self.close()
                self.reader, self.writer = await asyncio.open_connection(
                    self.host, self.port, limit=2**24
                )
            start = time.perf_counter()
            try:
                hit, size = await _exchange(self.reader, self.writer, request)
            except _ClosedBeforeAnswer:
                self.close()  # it had hung up on the idle connection: once more, on a new one
                continue
            return time.perf_counter() - start, hit, size
        raise HttpFailed("the server closed a new connection before answering")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _timed(
    host: str,
    port: int,
    request: bytes,
    requests: int,
    clients: int,
    warmup: int,
    time_limit_s: float,
) -> HttpLatency:
    connections = [_Connection(host, port) for _ in range(clients)]
    hits: list[bool] = []
    sizes: list[int] = []
    try:

        async def warm(connection: _Connection) -> None:
            for _ in range(warmup):
                await connection.timed_exchange(request)

        await asyncio.gather(*(warm(connection) for connection in connections))
        deadline = time.perf_counter() + time_limit_s
        per_client = max(1, requests // clients)

        async def client(connection: _Connection) -> list[float]:
            samples: list[float] = []
            for _ in range(per_client):
                seconds, hit, size = await connection.timed_exchange(request)
                samples.append(seconds)
                hits.append(hit)
                sizes.append(size)
                if time.perf_counter() > deadline:
                    break
            return samples

        timed = await asyncio.gather(*(client(connection) for connection in connections))
    finally:
        for connection in connections:
            connection.close()
    latency = summarise([sample for samples in timed for sample in samples])
    return HttpLatency(latency, sum(hits) / len(hits), max(sizes))


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[bool, int]:
    """Send one request and read its whole answer; whether it said ``X-Cache: hit``, its size."""
    try:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:  # part of an answer's head: cut short
            raise
        raise _ClosedBeforeAnswer from error
    except ConnectionError as error:  # reset before any of an answer came
        raise _ClosedBeforeAnswer from error
    status, *fields = head[:-4].split(b"\r\n")
    if status.split(b" ", 2)[1:2] != [b"200"]:
        raise HttpFailed(f"answered {status.decode('latin-1')!r}")
    named = {}
    for field_line in fields:
        name, _, value = field_line.partition(b":")
        named[name.strip().lower()] = value.strip()
    if b"content-length" in named:
        body = await reader.readexactly(int(named[b"content-length"]))
    elif named.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = await _chunked(reader)
    else:
        raise HttpFailed("an answer with neither Content-Length nor chunked encoding")
    return named.get(b"x-cache") == b"hit", len(body)


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)  # the CRLF after each chunk
    while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, if any, then the end
        pass
    return b"".join(parts)


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
"""What ``asyncio.start_server`` runs on each connection."""


def answering(answer: bytes) -> Handler:
    """A connection handler that sends ``answer`` (a whole HTTP response) to every request on
    the connection, until the client leaves."""

    async def answer_all(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(answer)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    return answer_all


def serve_canned(port: int, body: bytes) -> None:
    """Answer every GET on ``port`` with ``body`` at once, for ever: a server that costs next to
    nothing, to measure what the load generator and loopback cost on their own."""
    head = (
        f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    answer_all = answering(head + body)

    async def main() -> None:
        server = await asyncio.start_server(answer_all, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class PeakMemory:
    """Peak resident memory of this process and of others (its children, a server), in a thread.

    The embedded store runs a ``redis-server`` daemon; its memory is the store's, so it is
    reported apart from the Python process's. Pass its pid in ``others`` (a daemon is not a
    child of this process).
    """

    def __init__(self, others: tuple[int, ...] = (), interval_s: float = 0.05) -> None:
        self.interval_s = interval_s
        self._others = [psutil.Process(pid) for pid in others]
        self.self_peak = 0
        self.children_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)
        self._me = psutil.Process()

    def sample(self) -> None:
        """Take one sample now."""
        self.self_peak = max(self.self_peak, self._me.memory_info().rss)
        total = 0
        for child in [*self._me.children(recursive=True), *self._others]:
            try:
                total += child.memory_info().rss
            except psutil.Error:
                continue  # a child that ended between listing and reading
        self.children_peak = max(self.children_peak, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self) -> PeakMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def disk_usage(folder: Path) -> int:
    """Bytes of every file under ``folder`` (the db file and its append-only log folder)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed(call: Callable[[], object]) -> float:
    """Seconds ``call`` took."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start
