"""Small measuring tools: latency percentiles, timed repeats, peak memory, size on disk."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
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
