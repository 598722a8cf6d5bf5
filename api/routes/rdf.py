"""``GET /export``: the graph in the store as RDF (Turtle, N-Triples, JSON-LD or TriG).

The format comes from ``?format=`` when given, otherwise from the Accept header (Turtle for
``*/*`` or no header); an Accept header that allows none of the four gets a 406, an unknown
``?format=`` a 422 naming the parameter.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from api.deps import StoreDep
from api.errors import NotAcceptable, ParameterInvalid, documented
from api.negotiate import export_types, negotiate_export
from api.question import QuestionDep
from services.export import (
    FORMATS,
    UnknownFormat,
    facts_for,
    get_format,
    read_facts_from_store,
    serialize_export,
)

router = APIRouter(tags=["rdf"])

_EXPORT_TYPES: dict[str, Any] = {f.media_type: {} for f in FORMATS.values()}


@router.get(
    "/export",
    summary="Download the graph as RDF",
    response_class=Response,
    responses={
        200: {"content": _EXPORT_TYPES, "description": "The export, as an attachment."},
        **documented(NotAcceptable),
    },
)
def export_rdf(
    store: StoreDep,
    question: QuestionDep,
    format: Annotated[
        str | None, Query(description=f"One of {', '.join(FORMATS)}; overrides Accept.")
    ] = None,
    ontology: Annotated[bool, Query(description="Include the ontology's triples.")] = True,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """The ontology, every entity and source, a plain triple per relation and a PROV-O claim
    node per claim (source, quote, claimant, stance, dates); TriG puts each claim's assertion
    in a named graph of its own, named by the claim's IRI. With ``true_at`` / ``known_by`` /
    ``status``, only the claims of the relations that answer that question."""
    if format is not None:
        try:
            fmt = get_format(format)
        except UnknownFormat as error:
            raise ParameterInvalid("query", "format", str(error), format) from None
    else:
        chosen = negotiate_export(accept)
        if chosen is None:
            raise NotAcceptable("the export", accept, export_types())
        fmt = chosen
    facts = facts_for(read_facts_from_store(store), question)
    body = serialize_export(facts, fmt, include_ontology=ontology) or b""
    return Response(
        content=body,
        media_type=fmt.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="actorgraph.{fmt.extension}"',
            "Vary": "Accept",
        },
    )
