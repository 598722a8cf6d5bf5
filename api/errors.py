"""How failures reach the client: one table, one status per kind of failure, never a trace.

Every route signals a failure by raising a typed exception; ``FAILURES`` maps each exception
class to its status, and one handler answers from it. Nothing in a route builds an error
response itself, and nothing below ``api/`` knows HTTP: the services raise their own exceptions
(``graph.store``, ``queries.catalog``, ``services.sparql``) and this table gives their statuses.
The README's "Errors" section quotes the table; ``tests/test_readme.py`` keeps the two equal.

The body is ``{"detail": message}``; a 404 adds ``suggestions`` (close ids and names) and a 422
is in FastAPI's own validation shape, naming the parameter, so clients handle every 422 alike.
A named query's failure (``QueryFailed``) is answered as the store error it carries. Failures
found before a route runs (the Host, the body, admission: ``api/hosts.py``, ``api/body.py``,
``api/admission.py``; their exceptions in ``api/refusals.py``) are answered from the same table
by ``respond``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api.admission import Busy
from api.refusals import BodyInvalid, BodyTooLarge, HostNotAllowed, RequestTimedOut
from api.schemas import ErrorPublic, SuggestionPublic
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
    FederationRefused,
    MalformedQuery,
    QueryTooComplex,
    UpdateRefused,
)

log = logging.getLogger(__name__)


class QueryFailed(Exception):
    """A named query failed in the store; carries its name and parameters for the log."""

    def __init__(self, name: str, params: Mapping[str, Any], cause: StoreError) -> None:
        super().__init__(f"query {name!r} failed: {cause}")
        self.name = name
        self.params = dict(params)
        self.cause = cause


class NotFound(Exception):
    """No entity (or source) of a kind has the id asked for."""

    def __init__(self, what: str, id_: str, suggestions: list[SuggestionPublic]) -> None:
        super().__init__(f"no {what} with id {id_!r}")
        self.suggestions = suggestions


class QueryRejected(Exception):
    """The store rejected a user's raw query (syntax, unknown function, ...): the client's error."""


class ParameterInvalid(Exception):
    """A request parameter is wrong in a way its type alone cannot say (e.g. from == to)."""

    def __init__(self, location: str, parameter: str, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.location = location
        self.parameter = parameter
        self.value = value


class RequestMalformed(Exception):
    """A request the protocol does not allow: no SPARQL query, two, or a body not in UTF-8."""


class NotAcceptable(Exception):
    """The ``Accept`` header allows none of the media types offered; the message lists them."""

    def __init__(self, what: str, accept: str | None, offered: Sequence[str]) -> None:
        super().__init__(f"{what} cannot answer Accept: {accept!r}; offered: {', '.join(offered)}")
        self.offered = list(offered)


class MediaTypeUnsupported(Exception):
    """A request body of a media type the endpoint does not read."""


Body = Callable[[Request | None, Exception, str], dict[str, Any]]
Headers = Callable[[Exception], dict[str, str]]


def _detail(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    return {"detail": str(exc)}


def _said(message: str) -> Body:
    """A body with a fixed message; ``{where}`` is the query's name (or the request's path)."""
    return lambda request, exc, where: {"detail": message.format(where=where, exc=exc)}


def validation_body(
    location: str, parameter: str, message: str, value: Any = None
) -> dict[str, Any]:
    """A 422 body in FastAPI's own shape, so clients handle every 422 the same way."""
    return {
        "detail": [
            {"type": "value_error", "loc": [location, parameter], "msg": message, "input": value}
        ]
    }


def _not_found(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    assert isinstance(exc, NotFound)
    suggestions = [s.model_dump(mode="json") for s in exc.suggestions]
    return {"detail": str(exc), "suggestions": suggestions}


def _parameter_invalid(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    assert isinstance(exc, ParameterInvalid)
    return validation_body(exc.location, exc.parameter, str(exc), exc.value)


def _parameter_error(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    assert isinstance(exc, QueryParameterError)
    location = "body" if request is not None and request.method == "POST" else "query"
    return validation_body(location, exc.parameter, str(exc))


def _body_invalid(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    assert isinstance(exc, BodyInvalid)
    error = {"type": "value_error", "loc": exc.loc, "msg": str(exc), "input": None}
    return {"detail": [error]}


def _query_too_large(request: Request | None, exc: Exception, where: str) -> dict[str, Any]:
    return validation_body("body", "query", str(exc))


def _retry_after(exc: Exception) -> dict[str, str]:
    assert isinstance(exc, Busy)
    return {"Retry-After": str(exc.retry_after_s)}


def _close(exc: Exception) -> dict[str, str]:
    """The rest of the request is not read: the connection cannot carry another one."""
    return {"Connection": "close"}


@dataclass(frozen=True)
class Failure:
    """One kind of failure: the exception that signals it, its status, its body, its meaning."""

    kind: type[Exception]
    status: int
    meaning: str  # one line of the README's table, and the OpenAPI description of the status
    body: Body = _detail
    headers: Headers | None = None


FAILURES: tuple[Failure, ...] = (
    Failure(
        QueryRejected,
        400,
        "raw Cypher the store rejects, with the store's message",
        _said("The store rejected the query: {exc}"),
    ),
    Failure(
        RequestMalformed,
        400,
        "a SPARQL request with no query, two, a body not in UTF-8 or a graph URI that is no IRI",
    ),
    Failure(MalformedQuery, 400, "a SPARQL text that does not parse, with the parser's message"),
    Failure(QueryTooComplex, 400, "a SPARQL text too deeply nested or too long for the parser"),
    Failure(
        HostNotAllowed,
        400,
        "a `Host` other than localhost, `ACTORGRAPH_HOST` and `ACTORGRAPH_ALLOWED_HOSTS`",
    ),
    Failure(
        WriteRefused,
        403,
        "a write, a schema or DBMS procedure or `LOAD CSV` sent to a read-only endpoint",
        _said("The store refused the query, as this endpoint only reads: {exc}"),
    ),
    Failure(UpdateRefused, 403, "SPARQL Update: the endpoint is read-only"),
    Failure(FederationRefused, 403, "SPARQL `SERVICE`: the endpoint queries only its own data"),
    Failure(NotFound, 404, "an unknown id; `suggestions` holds close ids and names", _not_found),
    Failure(NotAcceptable, 406, "an `Accept` header that allows none of the offered media types"),
    Failure(
        RequestTimedOut,
        408,
        "a request whose headers or body stall past `ACTORGRAPH_REQUEST_TIMEOUT_S`",
        headers=_close,
    ),
    Failure(
        BodyTooLarge,
        413,
        "a request body over `ACTORGRAPH_MAX_BODY_BYTES`, refused before it is read",
        headers=_close,
    ),
    Failure(MediaTypeUnsupported, 415, "a SPARQL POST body that is neither a form nor a query"),
    Failure(
        ParameterInvalid,
        422,
        "a parameter wrong in a way its type cannot say (`to` equal to `from`, a bad `format`)",
        _parameter_invalid,
    ),
    Failure(QueryParameterError, 422, "a bad parameter of a named query", _parameter_error),
    Failure(
        BodyInvalid,
        422,
        "a JSON body with a lone surrogate, a NUL, a parameter key that is not a plain name, "
        "a duplicate key, a number no store takes or nesting past 64 levels; `loc` is its path",
        _body_invalid,
    ),
    Failure(
        QueryTooLarge,
        422,
        "raw Cypher that needs more memory than `ACTORGRAPH_QUERY_MEMORY_MB`, stopped by the store",
        _query_too_large,
    ),
    Failure(
        AnswerTooLarge,
        422,
        "a raw Cypher or SPARQL answer larger than `ACTORGRAPH_MAX_ANSWER_BYTES`: narrow the query",
        _query_too_large,
    ),
    Failure(EngineFailure, 500, "the SPARQL engine failing for a reason other than syntax"),
    Failure(
        Exception,
        500,
        "anything else; the trace goes to the log only",
        _said("Internal error; it has been logged."),
    ),
    Failure(
        StoreError,
        502,
        "any other store failure, logged with the query's name and parameters",
        _said("The graph store failed to answer query {where!r}."),
    ),
    Failure(
        StoreUnavailable,
        503,
        "the graph store is unreachable or cannot be opened",
        _said("The graph store is unreachable; try again shortly."),
    ),
    Failure(
        QueryCancelled, 503, "a SPARQL query whose client left: stopped, the answer never sent"
    ),
    Failure(
        Busy,
        503,
        "every slot of `/cypher`, `/sparql` or `/export` is taken: retry after `Retry-After` s",
        headers=_retry_after,
    ),
    Failure(
        QueryTimeout,
        504,
        "a Cypher query past `ACTORGRAPH_QUERY_TIMEOUT_MS`, stopped by the store",
        _said("Query {where!r} ran past its time limit and was stopped."),
    ),
    Failure(
        QueryTimedOut, 504, "a SPARQL query past `ACTORGRAPH_SPARQL_TIMEOUT_S`, its worker killed"
    ),
)
"""Every kind of failure the API answers, by status. An exception is answered by the row of its
class or, failing that, of its nearest base class in the table (``failure_of``)."""

_BY_KIND = {failure.kind: failure for failure in FAILURES}


def failure_of(exc: BaseException) -> Failure:
    """The table's row for ``exc``: that of its class, or of its nearest base in the table."""
    for cls in type(exc).__mro__:
        if cls in _BY_KIND:
            return _BY_KIND[cls]
    return _BY_KIND[Exception]


def documented(*kinds: type[Exception]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the failures a route can raise, described from the table.

    For kinds with a plain ``{"detail": message}`` body; a 422 is left out, as FastAPI
    documents its validation shape itself.
    """
    responses: dict[int | str, dict[str, Any]] = {}
    for kind in kinds:
        failure = _BY_KIND[kind]
        if failure.status == 422:
            continue
        if failure.status == 404:
            raise ValueError(f"{kind.__name__} has a body of its own, not ErrorPublic")
        entry = responses.setdefault(failure.status, {"model": ErrorPublic, "description": ""})
        entry["description"] = "; ".join(filter(None, (entry["description"], failure.meaning)))
    return responses


class _ErrorJSON(JSONResponse):
    """JSON that renders whatever a message holds: a lone surrogate comes out as its escape."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8", "backslashreplace")


def respond(exc: Exception, request: Request | None = None) -> Response:
    """The table's answer to ``exc``: the status, body and headers of its row.

    The one error path: the route handler below answers with it, and so do the middlewares,
    for failures found before any route runs (``await respond(exc)(scope, receive, send)``).
    With ``request`` given, the failure is logged with its method and path.
    """
    where = request.url.path if request is not None else ""
    if isinstance(exc, QueryFailed):  # the query runner logged it, with its parameters
        where, exc = exc.name, exc.cause
    elif request is not None:
        _log(request, exc)
    failure = failure_of(exc)
    headers = failure.headers(exc) if failure.headers is not None else None
    body = failure.body(request, exc, where)
    return _ErrorJSON(body, status_code=failure.status, headers=headers)


async def _answer(request: Request, exc: Exception) -> Response:
    """The one error handler: the row of the exception's kind gives the status and body."""
    return respond(exc, request)


def _log(request: Request, exc: Exception) -> None:
    """The trace of an unexpected failure; one line for any other (a warning for a 5xx)."""
    failure = failure_of(exc)
    if failure.kind is Exception:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        return
    level = logging.WARNING if failure.status >= 500 else logging.INFO
    log.log(level, "%s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    """FastAPI's own HTTP errors (unknown path, wrong method), but a body it cannot parse (not
    UTF-8, say) is a 422, as FastAPI answers for JSON that does not decode.

    Routes never raise ``HTTPException``: this handler is for the framework's own answers.
    """
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        error = {"type": "json_invalid", "loc": ["body"], "msg": "the body is not JSON text"}
        return JSONResponse({"detail": [error]}, status_code=422)
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every kind of ``FAILURES`` (and ``QueryFailed``) from the table on ``app``."""
    app.add_exception_handler(QueryFailed, _answer)
    for failure in FAILURES:
        app.add_exception_handler(failure.kind, _answer)
    app.add_exception_handler(HTTPException, _http_error)
