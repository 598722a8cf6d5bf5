"""How failures reach the client: a plain message and a fitting status, never a trace.

- store unreachable -> 503; query over its time limit -> 504; write refused -> 403;
- a bad parameter of a named query -> 422 in FastAPI's own shape, naming the parameter;
- an unknown id -> 404 with close ids and names;
- raw Cypher the store rejects -> 400 with the store's message;
- any other store failure -> 502, logged with the query's name and parameters;
- anything else -> 500 with a plain message (the trace goes to the log only).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api.schemas import SuggestionPublic
from graph.store import QueryTimeout, StoreError, StoreUnavailable, WriteRefused
from queries.catalog import QueryParameterError

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


def _store_response(cause: StoreError, name: str) -> JSONResponse:
    if isinstance(cause, StoreUnavailable):
        return JSONResponse(
            {"detail": "The graph store is unreachable; try again shortly."}, status_code=503
        )
    if isinstance(cause, QueryTimeout):
        return JSONResponse(
            {"detail": f"Query {name!r} ran past its time limit and was stopped."},
            status_code=504,
        )
    if isinstance(cause, WriteRefused):
        return JSONResponse(
            # the store's reason: a write, a schema or DBMS procedure, or LOAD CSV
            {"detail": f"The store refused the query, as this endpoint only reads: {cause}"},
            status_code=403,
        )
    return JSONResponse(
        {"detail": f"The graph store failed to answer query {name!r}."}, status_code=502
    )


def validation_body(
    location: str, parameter: str, message: str, value: Any = None
) -> dict[str, Any]:
    """A 422 body in FastAPI's own shape, so clients handle every 422 the same way."""
    return {
        "detail": [
            {"type": "value_error", "loc": [location, parameter], "msg": message, "input": value}
        ]
    }


async def _query_failed(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryFailed)
    return _store_response(exc.cause, exc.name)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    log.warning("%s %s: store error: %s", request.method, request.url.path, exc)
    return _store_response(exc, request.url.path)


async def _parameter_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryParameterError)
    location = "body" if request.method == "POST" else "query"
    return JSONResponse(validation_body(location, exc.parameter, str(exc)), status_code=422)


async def _parameter_invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ParameterInvalid)
    body = validation_body(exc.location, exc.parameter, str(exc), exc.value)
    return JSONResponse(body, status_code=422)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NotFound)
    suggestions = [s.model_dump(mode="json") for s in exc.suggestions]
    return JSONResponse({"detail": str(exc), "suggestions": suggestions}, status_code=404)


async def _query_rejected(request: Request, exc: Exception) -> JSONResponse:
    log.info("%s %s: query rejected: %s", request.method, request.url.path, exc)
    return JSONResponse({"detail": f"The store rejected the query: {exc}"}, status_code=400)


async def _http_error(request: Request, exc: Exception) -> Response:
    """FastAPI's own HTTP errors, but a body it cannot parse (not UTF-8, say) is a 422 too.

    FastAPI answers 422 for JSON that does not decode and 400 for a body it cannot read at all;
    both are a bad ``body`` to the client, and the API documents 422 for it.
    """
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        error = {"type": "json_invalid", "loc": ["body"], "msg": "the body is not JSON text"}
        return JSONResponse({"detail": [error]}, status_code=422)
    return await http_exception_handler(request, exc)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal error; it has been logged."}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler above on ``app``."""
    app.add_exception_handler(QueryFailed, _query_failed)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(QueryParameterError, _parameter_error)
    app.add_exception_handler(ParameterInvalid, _parameter_invalid)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(QueryRejected, _query_rejected)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
