"""``GET /export``: the graph in the store as RDF or as a network for other tools.

RDF (Turtle, N-Triples, JSON-LD, TriG) or a network (GEXF for Gephi, GraphML, the CSV tables
as a zip, Cytoscape.js JSON). The format comes from ``?format=`` when given, otherwise from the
Accept header (Turtle for ``*/*`` or no header); an Accept header that allows none gets a 406,
an unknown ``?format=`` a 422 naming the parameter. Every format takes the API's filters:
relation ``type`` or ``family``, the time and status question (``true_at``, ``known_by``,
``status``), and ``focus`` with ``depth``; ``services/export/selection.py`` applies them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse

from api.deps import SettingsDep, StoreDep
from api.errors import NotAcceptable, ParameterInvalid, documented
from api.negotiate import export_types, negotiate_export
from api.params import FamilyQuery, Text, TypeQuery
from api.question import QuestionDep
from api.tags import Tag
from services.export import (
    ExportFormat,
    ExportSelection,
    SelectionError,
    UnknownExportFormat,
    all_formats,
    build_network,
    facts_for,
    find_format,
    read_facts_from_store,
    relation_keys,
    serialize_export,
)
from services.release import dataset_version

router = APIRouter(tags=[Tag.EXPORT])

_EXPORT_TYPES: dict[str, Any] = {f.media_type: {} for f in all_formats().values()}


@router.get(
    "/export",
    summary="Download the graph: RDF, GEXF (Gephi), GraphML, CSV tables or Cytoscape JSON",
    response_class=Response,
    responses={
        200: {"content": _EXPORT_TYPES, "description": "The export, as an attachment."},
        **documented(NotAcceptable),
    },
)
def export_graph(
    store: StoreDep,
    settings: SettingsDep,
    question: QuestionDep,
    format: Annotated[
        str | None,
        Query(
            description=f"One of {', '.join(all_formats())}; overrides Accept.",
            examples=["gexf"],
        ),
    ] = None,
    ontology: Annotated[
        bool, Query(description="RDF: include the ontology's triples.", examples=[True])
    ] = True,
    type_: TypeQuery = None,
    family: FamilyQuery = None,
    focus: Annotated[
        Text | None, Query(description="Only relations near this entity.", examples=["ttt"])
    ] = None,
    depth: Annotated[
        int, Query(ge=0, le=10, description="Relations away from focus.", examples=[2])
    ] = 2,
    accept: Annotated[
        str | None,
        Header(
            description="The media type wanted, when `format` is not given.",
            examples=["text/turtle"],
        ),
    ] = None,
) -> Response:
    """RDF: the ontology, every entity and source, a plain triple per relation and a PROV-O
    claim node per claim (TriG: each assertion in a named graph of its own). Networks: one
    node per entity on a kept relation, one edge per relation (symmetric ones once) with its
    family, status, counts and valid periods (GEXF: time spells for Gephi's timeline)."""
    if format is not None:
        try:
            fmt = find_format(format)
        except UnknownExportFormat as error:
            raise ParameterInvalid("query", "format", str(error), format) from None
    else:
        chosen = negotiate_export(accept)
        if chosen is None:
            raise NotAcceptable("the export", accept, export_types())
        fmt = chosen
    try:
        types = relation_keys(
            [str(t.value) for t in type_ or ()], [str(f.value) for f in family or ()]
        )
        selection = ExportSelection(question=question, types=types, focus=focus, depth=depth)
        facts = facts_for(read_facts_from_store(store), selection)
    except SelectionError as error:
        message = str(error).split(": ", 1)[1]
        raise ParameterInvalid("query", error.parameter, message, None) from None
    headers = {
        "Content-Disposition": f'attachment; filename="actorgraph.{fmt.extension}"',
        "Vary": "Accept",
    }
    if isinstance(fmt, ExportFormat):
        version = dataset_version(facts, settings.releases_dir)
        body = serialize_export(facts, fmt, include_ontology=ontology, version=version) or b""
        return Response(content=body, media_type=fmt.media_type, headers=headers)
    chunks = fmt.write(build_network(facts), selection.describe())
    return StreamingResponse(chunks, media_type=fmt.media_type, headers=headers)
