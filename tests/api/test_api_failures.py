"""Failures over HTTP: each kind answers the status of its row in ``api.errors.FAILURES`` with a
plain message, never a trace; a store that is gone answers 503."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.admission import Busy
from api.app import create_app
from api.errors import (
    FAILURES,
    Failure,
    MediaTypeUnsupported,
    NotAcceptable,
    NotFound,
    ParameterInvalid,
    QueryFailed,
    QueryRejected,
    RequestMalformed,
    failure_of,
    respond,
)
from api.refusals import BodyInvalid, BodyTooLarge, HostNotAllowed, RequestTimedOut
from graph.falkordb_store import FalkorDBStore
from graph.store import (
    AnswerTooLarge,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)
from queries.catalog import QueryParameterError
from services.sparql.engine import EngineFailure, QueryCancelled, QueryTimedOut
from services.sparql.parse import (
    TOO_COMPLEX_MESSAGE,
    UPDATE_MESSAGE,
    FederationRefused,
    MalformedQuery,
    QueryTooComplex,
    UpdateRefused,
)


def test_store_closed_under_the_app_answers_503(tmp_path: Path) -> None:
    store = FalkorDBStore(tmp_path / "gone.db")
    app = create_app(Settings(allowed_hosts="testserver"), store=store)
    with TestClient(app, raise_server_exceptions=False) as http:
        assert http.get("/health").status_code == 200
        store.close()  # stops the embedded server: the app's store is now unreachable
        for url in ("/health", "/actors", "/actors/ttt", "/research/centrality"):
            response = http.get(url)
            assert response.status_code == 503, url
            assert response.json() == {
                "detail": "The graph store is unreachable; try again shortly."
            }
        cypher = http.post("/cypher", json={"query": "RETURN 1"})
        assert cypher.status_code == 503 and "Traceback" not in cypher.text


def test_a_store_that_cannot_open_answers_503(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = Settings(db_path=blocker / "store" / "actorgraph.db", allowed_hosts="testserver")
    with TestClient(create_app(settings), raise_server_exceptions=False) as http:
        response = http.get("/actors")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The graph store is unreachable")


# One instance of every kind of failure in the table; a new row needs a sample here.
SAMPLES: dict[type[Exception], Exception] = {
    QueryRejected: QueryRejected("Invalid input 'RETRUN'"),
    RequestMalformed: RequestMalformed("missing the 'query' parameter"),
    MalformedQuery: MalformedQuery("SPARQL syntax error: line 1"),
    QueryTooComplex: QueryTooComplex(TOO_COMPLEX_MESSAGE),
    HostNotAllowed: HostNotAllowed("The request has Host 'evil.example'"),
    WriteRefused: WriteRefused("a write query"),
    UpdateRefused: UpdateRefused(UPDATE_MESSAGE),
    FederationRefused: FederationRefused("SERVICE is not allowed"),
    NotFound: NotFound("actor", "nobody", []),
    NotAcceptable: NotAcceptable("the export", "image/png", ["text/turtle", "application/trig"]),
    RequestTimedOut: RequestTimedOut("the request body did not arrive within 5 s"),
    BodyTooLarge: BodyTooLarge("the request body is larger than 1048576 bytes"),
    MediaTypeUnsupported: MediaTypeUnsupported("POST a form or a query, not 'text/plain'"),
    ParameterInvalid: ParameterInvalid("query", "to", "to must differ from from", "ttt"),
    QueryParameterError: QueryParameterError("centrality", "limit", "must be an integer"),
    BodyInvalid: BodyInvalid(["body", "parameters", "x"], "holds a NUL character"),
    QueryTooLarge: QueryTooLarge("the query needs more than 1024 MiB"),
    EngineFailure: EngineFailure("the SPARQL worker died while evaluating the query"),
    Exception: RuntimeError("a bug"),  # no row of its own: answered by its base's, Exception
    StoreError: StoreError("the store broke"),
    StoreUnavailable: StoreUnavailable("connection refused"),
    Busy: Busy("/sparql", 2, retry_after_s=1),
    AnswerTooLarge: AnswerTooLarge("the answer is 40.0 MiB, more than the 32 MiB"),
    QueryCancelled: QueryCancelled("the client left before the answer was ready"),
    QueryTimeout: QueryTimeout("stopped after 5000 ms"),
    QueryTimedOut: QueryTimedOut("the query ran longer than the time limit of 10 s"),
}


@pytest.fixture(scope="module")
def raising() -> TestClient:
    """The app with one more route, which raises the sample of the failure kind it is given.

    The client is not entered, so the app does not start and opens no store."""
    app = create_app(Settings(allowed_hosts="testserver"))

    def raise_sample(kind: str) -> None:
        if kind == "QueryFailed":
            raise QueryFailed("entity_get", {"id": "ttt"}, QueryTimeout("stopped"))
        raise next(sample for k, sample in SAMPLES.items() if k.__name__ == kind)

    app.add_api_route("/raise/{kind}", raise_sample)
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f.kind.__name__)
def test_every_kind_of_failure_answers_the_status_of_its_row(
    raising: TestClient, failure: Failure
) -> None:
    assert failure.kind in SAMPLES, f"add a sample of {failure.kind.__name__} to SAMPLES"
    response = raising.get(f"/raise/{failure.kind.__name__}")
    assert response.status_code == failure.status
    assert "Traceback" not in response.text
    detail = response.json()["detail"]
    if failure.status == 422:  # FastAPI's shape, naming the parameter
        assert [error["loc"][-1] for error in detail] in (["to"], ["limit"], ["x"], ["query"])
    else:
        assert isinstance(detail, str) and detail
    if failure.kind is Busy:
        assert response.headers["retry-after"] == "1"
    if failure.status in (408, 413):  # the rest of the request is not read
        assert response.headers["connection"] == "close"
    if failure.kind is NotFound:
        assert response.json() == {"detail": "no actor with id 'nobody'", "suggestions": []}
    if failure.kind is Exception:
        assert detail == "Internal error; it has been logged."  # not the exception's text


def test_a_named_query_that_fails_is_answered_as_its_store_error(raising: TestClient) -> None:
    response = raising.get("/raise/QueryFailed")
    assert response.status_code == 504
    assert response.json() == {
        "detail": "Query 'entity_get' ran past its time limit and was stopped."
    }


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f.kind.__name__)
def test_respond_answers_a_failure_outside_any_route_as_its_row(failure: Failure) -> None:
    """What the middlewares send (``await respond(exc)(scope, receive, send)``): the same status,
    body and headers as a route's failure, without a request to hand."""
    response = respond(SAMPLES[failure.kind])
    assert failure_of(SAMPLES[failure.kind]) is failure
    assert response.status_code == failure.status
    assert response.media_type == "application/json"
    assert b"Traceback" not in response.body
    if failure.kind is Busy:
        assert response.headers["Retry-After"] == "1"


def test_an_error_message_that_is_not_text_still_renders() -> None:
    """A lone surrogate in a message comes out as its JSON escape, never a 500 while answering."""
    response = respond(QueryRejected("Invalid input '\ud800'"))
    assert response.status_code == 400
    assert b"\\ud800" in response.body
