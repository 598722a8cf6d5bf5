"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the RDF export of the store.

- ``GET /sparql?query=...``, ``POST`` a form (``application/x-www-form-urlencoded``,
  ``query=...``) or ``POST`` the query itself (``application/sparql-query``);
  ``default-graph-uri`` and ``named-graph-uri`` may be given as in the protocol.
- SELECT and ASK answer in JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle, JSON-LD,
  N-Triples or RDF/XML, by the Accept header (JSON and Turtle for ``*/*``); 406 otherwise.
- Updates (an ``update=`` parameter, a ``application/sparql-update`` body or a text that parses
  as an update) get 403; ``SERVICE`` gets 403; a malformed query 400 with the parser's message;
  a query past ``settings.sparql_timeout_s`` 503.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import get_settings, get_store
from services.sparql.engine import SparqlEngine
from services.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS, choose_format, offered_types
from services.sparql.parse import UPDATE_MESSAGE, SparqlRequestError, UpdateRefused, parse_query

router = APIRouter(tags=["sparql"])

_ENGINE_LOCK = threading.Lock()
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_UPDATE = "application/sparql-update"
_ANSWER_TYPES: dict[str, Any] = {
    f.media_type: {} for f in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values())
}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": _ANSWER_TYPES, "description": "The query's answer."},
    400: {"description": "Malformed query (the parser's message) or missing query."},
    403: {"description": "SPARQL Update or SERVICE: this endpoint is read-only and local."},
    406: {"description": "The Accept header allows no format for this query form."},
    415: {"description": "A POST body that is neither a form nor a SPARQL query."},
    503: {"description": "The query ran past the time limit and was stopped."},
}


def engine_of(request: Request) -> SparqlEngine:
    """The app's SPARQL engine, made on first use over the app's store."""
    state = request.app.state
    with _ENGINE_LOCK:
        engine: SparqlEngine | None = getattr(state, "sparql_engine", None)
        if engine is None:
            timeout = get_settings(request).sparql_timeout_s
            engine = state.sparql_engine = SparqlEngine(get_store(request), timeout)
    return engine


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


async def _answer(
    request: Request,
    query: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if query is None:
        return _error(400, "missing the 'query' parameter (SPARQL 1.1 Protocol)")
    try:
        parsed = await run_in_threadpool(parse_query, query)
    except SparqlRequestError as error:
        return _error(error.status, error.message)
    answer_format = choose_format(request.headers.get("accept"), parsed.returns_graph)
    if answer_format is None:
        offered = ", ".join(offered_types(parsed.returns_graph))
        return _error(406, f"a {parsed.form} query can answer in: {offered}")
    engine = engine_of(request)
    try:
        answer = await run_in_threadpool(
            engine.run, parsed, answer_format, default_graphs or None, named_graphs or None
        )
    except SparqlRequestError as error:
        return _error(error.status, error.message)
    return Response(content=answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


@router.get("/sparql", summary="SPARQL 1.1 query (GET)", responses=_RESPONSES)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="A SPARQL 1.1 query.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    """Run a read-only SPARQL query given as ``query=``."""
    if "update" in request.query_params:
        return _error(403, UPDATE_MESSAGE)
    return await _answer(request, query, default_graph_uri or [], named_graph_uri or [])


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query (POST form or direct body)",
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                _FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                },
                _DIRECT: {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(request: Request) -> Response:
    """Run a read-only SPARQL query sent as a form (``query=``) or as the body itself."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url_params = request.query_params
    default_graphs = url_params.getlist("default-graph-uri")
    named_graphs = url_params.getlist("named-graph-uri")
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "the request body is not UTF-8")
    if content_type == _FORM:
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form or "update" in url_params:
            return _error(UpdateRefused.status, UPDATE_MESSAGE)
        queries = form.get("query", [])
        if len(queries) > 1:
            return _error(400, "more than one 'query' parameter")
        default_graphs += form.get("default-graph-uri", [])
        named_graphs += form.get("named-graph-uri", [])
        return await _answer(request, queries[0] if queries else None, default_graphs, named_graphs)
    if content_type == _DIRECT:
        return await _answer(request, text, default_graphs, named_graphs)
    if content_type == _UPDATE:
        return _error(UpdateRefused.status, UPDATE_MESSAGE)
    return _error(
        415, f"POST a form ({_FORM}) or a query ({_DIRECT}), not {content_type or 'no type'!r}"
    )
