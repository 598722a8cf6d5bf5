"""The benchmark's HTTP load generator (bench/measure.py) reads what the API sends, as sent.

``python -m bench`` times the API with ``http_latency``: raw keep-alive connections on one
asyncio loop. These tests check what its figures rest on, over real HTTP: every sample is one
whole answer (by Content-Length or chunked), warm answers come from the answer cache and
``no-cache`` ones do not (the hit rate it prints), a refused request stops the case instead of
being timed, and the canned server that measures the generator's own floor answers with the
body it is given. No test here asserts a time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI

from actorgraph.settings import Settings
from bench.measure import Handler, HttpFailed, answering, http_latency, serve_canned
from tests.live_server import serve_app

HOST = "127.0.0.1"
ACTOR = "/actors/taliban"


def test_warm_answers_come_from_the_cache_and_cold_ones_do_not(
    app: FastAPI, api_settings: Settings
) -> None:
    with serve_app(app, api_settings) as (url, port):
        whole = httpx.get(url + ACTOR).content
        warm = http_latency(HOST, port, ACTOR, requests=8, clients=2)
        cold = http_latency(
            HOST, port, ACTOR, requests=8, clients=2, headers={"Cache-Control": "no-cache"}
        )
    assert warm.latency.count == cold.latency.count == 8
    assert warm.hit_rate == 1.0  # the first request above filled the cache
    assert cold.hit_rate == 0.0
    assert warm.body_bytes == cold.body_bytes == len(whole)


def test_a_refused_request_stops_the_case(app: FastAPI, api_settings: Settings) -> None:
    with serve_app(app, api_settings) as (_, port), pytest.raises(HttpFailed, match="404"):
        http_latency(HOST, port, "/actors/no-such-actor", requests=2)


@contextmanager
def _chunked_server(parts: list[bytes]) -> Iterator[int]:
    """A server in a thread that answers every GET with ``parts`` as chunks; its port."""
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"
    answer = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nx-cache: hit\r\n\r\n" + chunks
    with _server(answering(answer)) as port:
        yield port


@contextmanager
def _server(handle: Handler) -> Iterator[int]:
    """A server in a thread that runs ``handle`` on each connection; its port."""
    ports: queue.Queue[int] = queue.Queue()
    stop = threading.Event()

    async def main() -> None:
        server = await asyncio.start_server(handle, HOST, 0)
        ports.put(server.sockets[0].getsockname()[1])
        async with server:
            await asyncio.to_thread(stop.wait)

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    try:
        yield ports.get(timeout=30)
    finally:
        stop.set()
        thread.join(timeout=30)


def test_a_chunked_answer_is_read_whole() -> None:
    parts = [b"x" * 70_000, b"y" * 3, b"z" * 100_000]
    with _chunked_server(parts) as port:
        measured = http_latency(HOST, port, "/", requests=6, clients=3)
    assert measured.latency.count == 6
    assert measured.body_bytes == sum(len(part) for part in parts)
    assert measured.hit_rate == 1.0


async def _answer_once_then_hang_up_unanswered(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """One whole answer; then the next request read and the connection closed without an
    answer, as a server does that has just timed out an idle connection."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello")
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")
    writer.close()


def _hang_up_after(answer: bytes) -> Handler:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    return handle


def test_a_request_the_server_hung_up_on_unanswered_is_sent_again() -> None:
    # every second request on a connection is read and not answered: each is sent again
    with _server(_answer_once_then_hang_up_unanswered) as port:
        measured = http_latency(HOST, port, "/", requests=6, clients=2)
    assert measured.latency.count == 6 and measured.body_bytes == 5


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\nhalf",  # part of the body
        b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n",  # the head, no body
        b"HTTP/1.1 200 OK\r\ncontent-le",  # part of the head
    ],
)
def test_an_answer_cut_short_fails_the_case(answer: bytes) -> None:
    with _server(_hang_up_after(answer)) as port, pytest.raises(HttpFailed, match="mid-answer"):
        http_latency(HOST, port, "/", requests=2)


def _listening(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=1.0).close()
    except OSError:
        return False
    return True


def test_the_canned_server_answers_with_its_body() -> None:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    body = b'{"answer": "' + b"a" * 50_000 + b'"}'
    canned = multiprocessing.get_context("spawn").Process(
        target=serve_canned, args=(port, body), daemon=True
    )
    canned.start()
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert canned.is_alive() and time.monotonic() < deadline, "it never listened"
            time.sleep(0.05)
        measured = http_latency(HOST, port, "/", requests=4, clients=2)
        assert httpx.get(f"http://{HOST}:{port}/").content == body
    finally:
        canned.terminate()
        canned.join(timeout=15)
    assert measured.body_bytes == len(body) and measured.hit_rate == 0.0
