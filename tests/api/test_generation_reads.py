"""One read of the store's generation for the requests waiting at once (api/answer_cache.py).

The answer cache asks the store for its generation before every answer; ``GenerationReads``
lets the requests that wait together share one worker-thread read. What must hold: a request
never takes a read that began before it arrived (a load that committed before the request came
would be missed), every waiter gets the read's failure, a waiter that leaves harms no other,
and the cache answers many requests at once correctly. No test here times anything.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from actorgraph.settings import Settings
from api.answer_cache import GenerationReads
from api.app import create_app
from graph.falkordb_store import FalkorDBStore
from graph.store import GraphStore, StoreUnavailable
from loaders.load import load_facts
from ontology.facts import FactSet

WAIT_S = 10.0  # a bound on waits for the test's own events, not a measured time


class GatedStore:
    """A store whose generation reads are counted and each held until the test releases it.

    A read returns the number of loads committed when it began (when a real read would see the
    pointer), so a test can tell a read that began before a load from one that began after.
    """

    def __init__(self) -> None:
        self.reads = 0
        self.loads = 0
        self.started = threading.Semaphore(0)
        self.release = threading.Semaphore(0)
        self.failure: Exception | None = None

    def generation(self) -> str:
        self.reads += 1
        seen = self.loads
        self.started.release()
        if not self.release.acquire(timeout=WAIT_S):
            raise AssertionError("the test never released the read")
        if self.failure is not None:
            raise self.failure
        return f"g{seen}"


async def _started(store: GatedStore) -> None:
    """Until the store has begun one more read (in its worker thread)."""
    if not await asyncio.to_thread(store.started.acquire, timeout=WAIT_S):
        raise AssertionError("no read began")


def _as_store(gated: GatedStore) -> GraphStore:
    return gated  # type: ignore[return-value]  # only generation() is asked of it


def test_requests_waiting_at_once_share_one_read() -> None:
    gated = GatedStore()
    reads = GenerationReads()

    async def scenario() -> list[str]:
        first = asyncio.create_task(reads.read(_as_store(gated)))
        await _started(gated)  # read 1 is under way
        later = [asyncio.create_task(reads.read(_as_store(gated))) for _ in range(15)]
        await asyncio.sleep(0)  # they have all queued behind read 1
        gated.release.release()  # read 1 ends; read 2 begins, for all fifteen
        await _started(gated)
        gated.release.release()
        return await asyncio.gather(first, *later)

    answers = asyncio.run(scenario())
    assert answers == ["g0"] * 16
    assert gated.reads == 2


def test_a_request_never_takes_a_read_that_began_before_it() -> None:
    gated = GatedStore()
    reads = GenerationReads()

    async def scenario() -> tuple[str, str]:
        before = asyncio.create_task(reads.read(_as_store(gated)))
        await _started(gated)  # read 1 has seen the graph as it was ...
        gated.loads += 1  # ... a load commits, and only then does the next request come
        after = asyncio.create_task(reads.read(_as_store(gated)))
        await asyncio.sleep(0)
        gated.release.release()
        await _started(gated)  # read 2: the one ``after`` waits for
        gated.release.release()
        return await before, await after

    assert asyncio.run(scenario()) == ("g0", "g1")
    assert gated.reads == 2


def test_a_failed_read_fails_every_waiter_and_the_next_read_is_fresh() -> None:
    gated = GatedStore()
    reads = GenerationReads()
    gated.failure = StoreUnavailable("the store stopped answering")

    async def scenario() -> tuple[list[BaseException | str], str]:
        waiters = [asyncio.create_task(reads.read(_as_store(gated))) for _ in range(4)]
        await _started(gated)
        gated.release.release()
        failed = await asyncio.gather(*waiters, return_exceptions=True)
        gated.failure = None
        again = asyncio.create_task(reads.read(_as_store(gated)))
        await _started(gated)
        gated.release.release()
        return failed, await again

    failed, again = asyncio.run(scenario())
    assert all(isinstance(outcome, StoreUnavailable) for outcome in failed)
    assert again == "g0"


def test_a_waiter_that_leaves_harms_no_other() -> None:
    gated = GatedStore()
    reads = GenerationReads()

    async def scenario() -> str:
        leaving = asyncio.create_task(reads.read(_as_store(gated)))
        staying = asyncio.create_task(reads.read(_as_store(gated)))
        await _started(gated)
        leaving.cancel()  # its client went away
        gated.release.release()
        with pytest.raises(asyncio.CancelledError):
            await leaving
        return await staying

    assert asyncio.run(scenario()) == "g0"


def test_reads_work_on_each_event_loop_in_turn() -> None:
    gated = GatedStore()
    reads = GenerationReads()

    async def one() -> str:
        waiting = asyncio.create_task(reads.read(_as_store(gated)))
        await _started(gated)
        gated.release.release()
        return await waiting

    assert [asyncio.run(one()) for _ in range(3)] == ["g0"] * 3  # a test client's fresh loops


@pytest.fixture
def store(tmp_path: Path, curated_facts: FactSet) -> Iterator[FalkorDBStore]:
    opened = FalkorDBStore(tmp_path / "db", "g")
    load_facts(opened, curated_facts)
    yield opened
    opened.close()


def test_the_cache_answers_many_requests_at_once(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(Settings(allowed_hosts="testserver"), store=store)
    reads: list[str] = []
    generation = store.generation

    def counted() -> str:
        reads.append(generation())
        return reads[-1]

    monkeypatch.setattr(store, "generation", counted)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            first = await http.get("/actors/taliban")
            assert first.headers["x-cache"] == "miss"
            reads.clear()
            return await asyncio.gather(*(http.get("/actors/taliban") for _ in range(16)))

    answers = asyncio.run(scenario())
    assert {answer.status_code for answer in answers} == {200}
    assert {answer.headers["x-cache"] for answer in answers} == {"hit"}
    assert len({answer.content for answer in answers}) == 1
    assert 1 <= len(reads) < len(answers)  # they shared reads, each begun after they came
