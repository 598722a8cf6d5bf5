"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the RDF export of the store.

- ``GET /sparql?query=...``, ``POST`` a form (``application/x-www-form-urlencoded``,
  ``query=...``) or ``POST`` the query itself (``application/sparql-query``);
  ``default-graph-uri`` and ``named-graph-uri`` may be given as in the protocol.
- SELECT and ASK answer in JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle, JSON-LD,
  N-Triples or RDF/XML, by the Accept header (JSON and Turtle for ``*/*``); 406 otherwise.
- Updates (an ``update=`` parameter, a ``application/sparql-update`` body or a text that parses
  as an update) get 403; ``SERVICE`` gets 403; a malformed query 400 with the parser's message,
  and so do a query too long or deep for the parser and a graph IRI that is not an IRI (naming
  its parameter); a query past ``settings.sparql_timeout_s`` 504.

Each refusal is raised as its kind of failure; ``api.errors.FAILURES`` gives its status.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import get_settings, get_store, request_deadline, time_left_ms
from api.errors import MediaTypeUnsupported, NotAcceptable, RequestMalformed, documented
from api.negotiate import choose_format, offered_types
from api.tags import Tag
from services.sparql.dataset import dataset_root
from services.sparql.engine import CANCEL_POLL_S, QueryTimedOut, SparqlEngine
from services.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS
from services.sparql.parse import (
    UPDATE_MESSAGE,
    FederationRefused,
    MalformedQuery,
    QueryTooComplex,
    UpdateRefused,
    graph_iri_problem,
    parse_query,
)

router = APIRouter(tags=[Tag.EXPORT])

# A claim's assertion, in the named graph of the claim: the Tajik border service denying that
# the rocket attack of 7 May 2022 hit Tajikistan.
EXAMPLE_GRAPH = "https://w3id.org/actorgraph/id/s001-c002"
EXAMPLE_QUERY = (
    "SELECT ?graph ?subject ?relation ?object "
    "WHERE { GRAPH ?graph { ?subject ?relation ?object } } LIMIT 20"
)
EXAMPLE_SELECT = (
    "PREFIX ag: <https://w3id.org/actorgraph/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?actor ?name WHERE { ?actor a ag:ArmedGroup ; rdfs:label ?name } ORDER BY ?name"
)

_ENGINE_LOCK = threading.Lock()
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_UPDATE = "application/sparql-update"
_ANSWER_TYPES: dict[str, Any] = {
    f.media_type: {} for f in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values())
}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": _ANSWER_TYPES, "description": "The query's answer."},
    **documented(
        RequestMalformed,
        MalformedQuery,
        QueryTooComplex,
        UpdateRefused,
        FederationRefused,
        NotAcceptable,
        MediaTypeUnsupported,
        QueryTimedOut,
    ),
}


def engine_of(request: Request) -> SparqlEngine:
    """The app's SPARQL engine, made on first use over the app's store."""
    state = request.app.state
    with _ENGINE_LOCK:
        engine: SparqlEngine | None = getattr(state, "sparql_engine", None)
        if engine is None:
            settings = get_settings(request)
            engine = state.sparql_engine = SparqlEngine(
                get_store(request),
                settings.sparql_timeout_s,
                max_answer_bytes=settings.max_answer_bytes,
                datasets=dataset_root(settings),
            )
    return engine


async def _answer(
    request: Request,
    query: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if query is None:
        raise RequestMalformed("missing the 'query' parameter (SPARQL 1.1 Protocol)")
    _check_graphs("default-graph-uri", default_graphs)
    _check_graphs("named-graph-uri", named_graphs)
    parsed = await run_in_threadpool(parse_query, query)
    accept = request.headers.get("accept")
    answer_format = choose_format(accept, parsed.returns_graph)
    if answer_format is None:
        raise NotAcceptable(f"the {parsed.form} query", accept, offered_types(parsed.returns_graph))
    engine = engine_of(request)
    left_s = time_left_ms(request_deadline(request), int(engine.timeout_s * 1000)) / 1000
    gone = threading.Event()
    running = asyncio.ensure_future(
        run_in_threadpool(
            engine.run,
            parsed,
            answer_format,
            default_graphs or None,
            named_graphs or None,
            timeout_s=left_s,
            cancelled=gone.is_set,
        )
    )
    # a client that leaves stops its query: nobody would read the answer
    while not running.done():
        await asyncio.wait({running}, timeout=CANCEL_POLL_S)
        if not running.done() and await request.is_disconnected():
            gone.set()
    answer = await running
    return Response(content=answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


def _check_graphs(parameter: str, iris: list[str]) -> None:
    """Each graph named by ``parameter`` is an absolute IRI, or the request is malformed."""
    for iri in iris:
        problem = graph_iri_problem(iri)
        if problem is not None:
            raise RequestMalformed(f"{parameter} {iri!r} is not an absolute IRI: {problem}")


@router.get("/sparql", summary="Ask in SPARQL 1.1 (GET)", responses=_RESPONSES)
async def sparql_get(
    request: Request,
    query: Annotated[
        str | None, Query(description="A SPARQL 1.1 query.", examples=[EXAMPLE_QUERY])
    ] = None,
    default_graph_uri: Annotated[
        list[str] | None,
        Query(
            alias="default-graph-uri",
            description="Graph(s) to query as the default graph, instead of the export's "
            "(each claim's assertion is in a graph named by the claim's IRI).",
            examples=[[EXAMPLE_GRAPH]],
        ),
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None,
        Query(
            alias="named-graph-uri",
            description="The named graph(s) `GRAPH` patterns may match, instead of all of them.",
            examples=[[EXAMPLE_GRAPH]],
        ),
    ] = None,
) -> Response:
    """Run a read-only SPARQL query given as ``query=``."""
    if "update" in request.query_params:
        raise UpdateRefused(UPDATE_MESSAGE)
    return await _answer(request, query, default_graph_uri or [], named_graph_uri or [])


@router.post(
    "/sparql",
    summary="Ask in SPARQL 1.1 (POST a form or the query itself)",
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                _FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    },
                    "example": {"query": EXAMPLE_SELECT},
                },
                _DIRECT: {"schema": {"type": "string"}, "example": EXAMPLE_SELECT},
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
        raise RequestMalformed("the request body is not UTF-8") from None
    if content_type == _FORM:
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form or "update" in url_params:
            raise UpdateRefused(UPDATE_MESSAGE)
        queries = form.get("query", [])
        if len(queries) > 1:
            raise RequestMalformed("more than one 'query' parameter")
        default_graphs += form.get("default-graph-uri", [])
        named_graphs += form.get("named-graph-uri", [])
        return await _answer(request, queries[0] if queries else None, default_graphs, named_graphs)
    if content_type == _DIRECT:
        return await _answer(request, text, default_graphs, named_graphs)
    if content_type == _UPDATE:
        raise UpdateRefused(UPDATE_MESSAGE)
    raise MediaTypeUnsupported(
        f"POST a form ({_FORM}) or a query ({_DIRECT}), not {content_type or 'no type'!r}"
    )
