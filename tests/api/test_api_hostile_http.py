"""Hostile HTTP: odd JSON, foreign hosts, huge, half-sent and stalled requests, and bursts of
slow queries. Each gets a 4xx or 503 with a JSON error that names what was wrong, never a 500,
and never holds a connection or starves ``/health``.

The JSON and Host cases go through the test client; the time limits and chunked bodies need a
real server (``api/server.py``'s uvicorn configuration) spoken to over a raw socket.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient
from live_server import serve_app

from actorgraph.settings import Settings
from api.app import create_app
from api.server import MAX_HEAD_BYTES
from graph.store import GraphStore


def _nested(opening: str, closing: str, depth: int) -> str:
    return opening * depth + closing * depth


# (id, path, the raw JSON text sent, the ``loc`` the 422 must name)
HOSTILE_BODIES: list[tuple[str, str, str, list[Any]]] = [
    ("surrogate-in-query", "/cypher", r'{"query": "RETURN \ud800"}', ["body", "query"]),
    (
        "surrogate-in-parameter",
        "/cypher",
        r'{"query": "RETURN $x", "parameters": {"x": "\udfff"}}',
        ["body", "parameters", "x"],
    ),
    (
        "surrogate-in-key",
        "/cypher",
        r'{"query": "RETURN 1", "parameters": {"\ud800": 1}}',
        ["body", "parameters", "\\ud800"],
    ),
    (
        "surrogate-in-a-list",
        "/cypher",
        r'{"query": "RETURN $x", "parameters": {"x": ["a", "\ud83d"]}}',
        ["body", "parameters", "x", 1],
    ),
    (
        "surrogate-in-research",
        "/research/sanctuary_for_enemies",
        r'{"parameters": {"actor_id": "\ud800"}}',
        ["body", "parameters", "actor_id"],
    ),
    (
        "backtick-key",
        "/cypher",
        '{"query": "RETURN 1", "parameters": {"a`b": 1}}',
        ["body", "parameters", "a`b"],
    ),
    (
        "empty-key",
        "/cypher",
        '{"query": "RETURN 1", "parameters": {"": 1}}',
        ["body", "parameters", ""],
    ),
    (
        "key-from-a-digit",
        "/cypher",
        '{"query": "RETURN 1", "parameters": {"1x": 1}}',
        ["body", "parameters", "1x"],
    ),
    (
        "backtick-key-in-a-map",
        "/cypher",
        '{"query": "RETURN $m", "parameters": {"m": {"a`) RETURN 1 //": 1}}}',
        ["body", "parameters", "m", "a`) RETURN 1 //"],
    ),
    (
        "backtick-key-in-research",
        "/research/sanctuary_for_enemies",
        '{"parameters": {"actor_id": "taliban", "x`y": 1}}',
        ["body", "parameters", "x`y"],
    ),
    ("nul-in-query", "/cypher", r'{"query": "RETURN 1 \u0000"}', ["body", "query"]),
    (
        "nul-in-a-map",
        "/cypher",
        r'{"query": "RETURN $m", "parameters": {"m": {"a": "x\u0000"}}}',
        ["body", "parameters", "m", "a"],
    ),
    (
        "nul-in-a-key",
        "/cypher",
        r'{"query": "RETURN 1", "parameters": {"x\u0000": 1}}',
        ["body", "parameters", "x\\u0000"],
    ),
    (
        "nested-5000-lists",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": ' + _nested("[", "]", 5000) + "}}",
        ["body", "parameters", "x"],
    ),
    (
        "nested-1500-maps",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": ' + '{"a": ' * 1500 + "1" + "}" * 1500 + "}}",
        ["body", "parameters", "x"],
    ),
    (
        "nested-100000-in-research",
        "/research/centrality",
        '{"parameters": {"limit": ' + _nested("[", "]", 100_000) + "}}",
        ["body"],
    ),
    (
        "nan",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": NaN}}',
        ["body", "parameters", "x"],
    ),
    (
        "1e999",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": -1e999}}',
        ["body", "parameters", "x"],
    ),
    (
        "integer-beyond-64-bits",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": 9223372036854775808}}',
        ["body", "parameters", "x"],
    ),
    (
        "integer-of-5000-digits",
        "/cypher",
        '{"query": "RETURN $x", "parameters": {"x": ' + "9" * 5000 + "}}",
        ["body"],
    ),
    ("duplicate-key", "/cypher", '{"query": "RETURN 1", "query": "RETURN 2"}', ["body", "query"]),
]


@pytest.mark.parametrize(
    ("path", "text", "loc"),
    [case[1:] for case in HOSTILE_BODIES],
    ids=[c[0] for c in HOSTILE_BODIES],
)
def test_a_hostile_json_body_answers_422_naming_the_value(
    client: TestClient, path: str, text: str, loc: list[Any]
) -> None:
    response = client.post(path, content=text, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["msg"].startswith("body")  # the path again, in words: body.parameters.x
    response.content.decode("utf-8")  # plain UTF-8 JSON, whatever the request held


def test_a_lone_surrogate_sent_as_raw_bytes_answers_422(client: TestClient) -> None:
    raw = b'{"query": "RETURN \xed\xa0\x80"}'  # a surrogate encoded as if it were UTF-8
    response = client.post("/cypher", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "query"]


def test_ordinary_bodies_still_pass(client: TestClient) -> None:
    deep = {"query": "RETURN $x AS x", "parameters": {"x": json.loads(_nested("[", "]", 30))}}
    assert client.post("/cypher", json=deep).status_code == 200
    named = {"query": "RETURN $_a1 AS a", "parameters": {"_a1": {"inner": "é ✓"}}}
    answer = client.post("/cypher", json=named)
    assert answer.status_code == 200 and answer.json()["rows"] == [{"a": {"inner": "é ✓"}}]
    as_vendor_json = client.post(
        "/cypher",
        content=b'{"query": "RETURN 1 AS one"}',
        headers={"Content-Type": "application/vnd.api+json"},
    )
    assert as_vendor_json.status_code == 200


def test_json_that_does_not_parse_is_still_fastapis_422(client: TestClient) -> None:
    for raw in (b'{"query": "RETURN 1"', b"\xff\xfe{"):
        response = client.post("/cypher", content=raw, headers={"Content-Type": "application/json"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "json_invalid"


def test_a_body_over_the_limit_answers_413_and_one_under_it_passes(client: TestClient) -> None:
    limit = Settings().max_body_bytes
    big = {"query": "RETURN size($x) AS n", "parameters": {"x": "a" * limit}}
    response = client.post("/cypher", json=big)
    assert response.status_code == 413
    assert "ACTORGRAPH_MAX_BODY_BYTES" in response.json()["detail"]
    small = {"query": "RETURN size($x) AS n", "parameters": {"x": "a" * 100_000}}
    assert client.post("/cypher", json=small).json()["rows"] == [{"n": 100_000}]


# --- Host -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def strict() -> TestClient:
    """An app with the default hosts plus one listed name and a configured address; not
    started, so it opens no store (``/openapi.json`` needs none)."""
    settings = Settings(allowed_hosts=" api.example.org ,other", host="10.1.2.3")
    return TestClient(create_app(settings), raise_server_exceptions=False)


ALLOWED = [
    "localhost",
    "localhost:8000",
    "LocalHost.:1",
    "127.0.0.1",
    "127.0.0.1:8000",
    "::1",
    "[::1]",
    "[::1]:8000",
    "10.1.2.3:8000",
    "api.example.org",
    "other:443",
]
REFUSED = [
    "testserver",  # the test client's, allowed only where tests list it
    "evil.example",
    "localhost.evil.example",
    "127.0.0.1.nip.io:8000",
    "[::2]:8000",
    "0.0.0.0:8000",
    "api.example.org.evil",
    "",
]


@pytest.mark.parametrize("host", ALLOWED)
def test_the_servers_own_names_are_served(strict: TestClient, host: str) -> None:
    assert strict.get("/openapi.json", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", REFUSED)
def test_any_other_host_answers_400(strict: TestClient, host: str) -> None:
    response = strict.get("/openapi.json", headers={"Host": host})
    assert response.status_code == 400
    assert "ACTORGRAPH_ALLOWED_HOSTS" in response.json()["detail"]


def test_a_wildcard_listen_address_is_not_a_host_name() -> None:
    settings = Settings(host="0.0.0.0", allowed_hosts="")
    wild = TestClient(create_app(settings), raise_server_exceptions=False)
    assert wild.get("/openapi.json", headers={"Host": "0.0.0.0:8000"}).status_code == 400
    assert wild.get("/openapi.json", headers={"Host": "localhost:8000"}).status_code == 200


# --- a real server: time limits, chunked bodies, lanes -----------------------------------------

TIMEOUT_S = 1.0  # the server's ACTORGRAPH_REQUEST_TIMEOUT_S in these tests
LIMIT = 64 * 1024  # its ACTORGRAPH_MAX_BODY_BYTES
SPARQL_LIMIT_S = 3.0
# A SPARQL query that needs no data and counts 10^8 rows: seconds of work in a worker.
_VALUES = " ".join(str(i) for i in range(100))
SLOW_SPARQL = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_VALUES} }}" for v in "abcd")
    + " }"
)


@dataclass(frozen=True)
class Served:
    url: str
    port: int


@pytest.fixture(scope="module")
def served(loaded_store: GraphStore) -> Iterator[Served]:
    settings = Settings(
        request_timeout_s=TIMEOUT_S,
        max_body_bytes=LIMIT,
        slow_query_slots=1,
        sparql_timeout_s=SPARQL_LIMIT_S,
    )
    with serve_app(create_app(settings, store=loaded_store), settings) as (url, port):
        yield Served(url, port)


def _exchange(port: int, parts: list[bytes], pause_s: float = 0.0) -> tuple[bytes, float]:
    """Send ``parts`` (pausing between them), then read until the server closes the
    connection; the bytes read and the seconds from connecting to the close."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        for part in parts:
            try:
                conn.sendall(part)
            except OSError:  # the server closed first
                break
            time.sleep(pause_s)
        answer = _read_to_close(conn)
    return answer, time.monotonic() - started


def _read_to_close(conn: socket.socket) -> bytes:
    answer = b""
    try:
        while chunk := conn.recv(65536):
            answer += chunk
    except ConnectionResetError:  # closed with the client's bytes unread: the answer came first
        pass
    return answer


def _status_and_json(answer: bytes) -> tuple[int, Any]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


HEAD = b"POST /cypher HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"


def test_half_sent_headers_are_cut_off_with_408(served: Served) -> None:
    answer, took = _exchange(served.port, [b"GET /health HTTP/1.1\r\nHost: localhost\r\n"])
    status, body = _status_and_json(answer)
    assert status == 408 and "ACTORGRAPH_REQUEST_TIMEOUT_S" in body["detail"]
    assert TIMEOUT_S * 0.9 <= took < TIMEOUT_S + 4


def test_headers_dripped_a_byte_at_a_time_are_cut_off_too(served: Served) -> None:
    drip = [bytes([b]) for b in b"GET /health HTTP/1.1\r\nHost: localhost\r\n"]
    answer, took = _exchange(served.port, drip, pause_s=0.2)
    assert _status_and_json(answer)[0] == 408
    assert took < TIMEOUT_S + 4  # not the 8 s the drip would take


def test_a_connection_that_sends_nothing_is_closed(served: Served) -> None:
    answer, took = _exchange(served.port, [])
    assert answer == b"" and took < TIMEOUT_S + 4


def test_a_half_sent_body_is_cut_off_with_408(served: Served) -> None:
    answer, took = _exchange(served.port, [HEAD + b'Content-Length: 100\r\n\r\n{"query"'])
    status, body = _status_and_json(answer)
    assert status == 408 and "body" in body["detail"]
    assert took < TIMEOUT_S + 4


def test_a_declared_body_over_the_limit_answers_413_at_once(served: Served) -> None:
    answer, took = _exchange(served.port, [HEAD + b"Content-Length: 314572800\r\n\r\n"])
    status, body = _status_and_json(answer)
    assert status == 413 and "ACTORGRAPH_MAX_BODY_BYTES" in body["detail"]
    assert took < 2


def test_a_chunked_body_answers_413_as_soon_as_it_passes_the_limit(served: Served) -> None:
    chunk = b"%x\r\n%s\r\n" % (4096, b"a" * 4096)
    sent = 0
    with socket.create_connection(("127.0.0.1", served.port), timeout=20) as conn:
        conn.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
        while sent < 100 * LIMIT and not select.select([conn], [], [], 0.01)[0]:
            try:
                conn.sendall(chunk)
            except OSError:  # closed after the answer
                break
            sent += 4096
        answer = _read_to_close(conn)
    assert _status_and_json(answer)[0] == 413
    assert sent < 8 * LIMIT  # answered once it passed the limit, not when the client stopped


def test_headers_growing_past_the_limit_answer_400_at_once(served: Served) -> None:
    huge = b"GET /health HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + b"a" * MAX_HEAD_BYTES
    answer, took = _exchange(served.port, [huge])  # and more would follow
    assert answer.startswith(b"HTTP/1.1 400 ") and took < TIMEOUT_S


def test_a_foreign_host_on_a_real_server_answers_400(served: Served) -> None:
    response = httpx.get(f"{served.url}/health", headers={"Host": "rebound.evil.example"})
    assert response.status_code == 400 and "detail" in response.json()


def test_a_full_lane_answers_503_at_once_and_health_stays_fast(served: Served) -> None:
    warm = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, timeout=60)
    assert warm.status_code == 200  # the dataset and a worker are ready
    slow: dict[str, httpx.Response] = {}

    def run_slow() -> None:
        slow["answer"] = httpx.get(
            f"{served.url}/sparql", params={"query": SLOW_SPARQL}, timeout=60
        )

    runner = threading.Thread(target=run_slow)
    runner.start()
    try:
        time.sleep(0.5)  # the slow query holds the lane's one slot
        started = time.monotonic()
        refused = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, timeout=30)
        refused_after = time.monotonic() - started
        started = time.monotonic()
        health = httpx.get(f"{served.url}/health", timeout=30)
        health_after = time.monotonic() - started
    finally:
        runner.join(timeout=60)
    assert refused.status_code == 503, refused.text
    assert refused.headers["retry-after"] == "1"
    assert "/sparql" in refused.json()["detail"]
    assert refused_after < 3  # the lane's 1 s wait, not the slow query's time
    assert health.status_code == 200 and health_after < 1
    assert slow["answer"].status_code == 504  # stopped at its own limit, as ever
    after = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert after.status_code == 200  # the slot is free again


def _sparql_workers() -> list[psutil.Process]:
    """This process's SPARQL worker processes (``python -m services.sparql.worker``)."""
    return [
        child
        for child in psutil.Process().children(recursive=True)
        if "services.sparql.worker" in " ".join(child.cmdline())
    ]


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_client_that_leaves_stops_its_sparql_query(served: Served) -> None:
    warm = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, timeout=60)
    assert warm.status_code == 200  # a worker is ready, idle
    before = {w.pid: w.cpu_times().user for w in _sparql_workers()}
    query = urllib.parse.urlencode({"query": SLOW_SPARQL})
    with socket.create_connection(("127.0.0.1", served.port), timeout=20) as conn:
        conn.sendall(f"GET /sparql?{query} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        time.sleep(0.5)  # the query runs in the worker
        # the one that computes it (other apps of this test run keep idle workers too)
        busy = max(
            (w for w in _sparql_workers() if w.pid in before),
            key=lambda w: w.cpu_times().user - before[w.pid],
        )
    left = time.monotonic()
    while _alive(busy):
        assert time.monotonic() - left < SPARQL_LIMIT_S - 1, (
            "the worker ran on after its client left"
        )
        time.sleep(0.05)
    after = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert after.status_code == 200  # the lane's slot is free again, a new worker serves
