"""The network view: an interactive page of the graph at ``/`` and ``/view``.

The query parameters choose the part of the graph the page starts with (the page's own controls
narrow it further in the browser): ``focus`` and ``depth``, ``types``, ``contested``,
``denied``, ``disputes``, ``events``, ``places``, ``true_at``, ``known_by``, ``undated``; the
page's controls write them back to the address bar.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import QueriesDep, SettingsDep
from api.errors import ParameterInvalid
from api.params import IsoDate, Text
from api.tags import Tag
from services.view import PageOptions, ViewParameterError, make_filter, read_graph, select_view
from services.view.render import render_selection

router = APIRouter(tags=[Tag.VIEW])

_DESCRIPTION = (
    "An interactive network view of the graph (one self-contained HTML page, no external "
    "assets): entities coloured and shaped by class, relations coloured by type, contested "
    "relations dashed, width by number of sources. Hover a relation for its citations. "
    "Above `ACTORGRAPH_VIEW_NODE_LIMIT` entities the page shows the best-connected ones and "
    "says so."
)


def _types(values: list[str] | None) -> str | None:
    if not values:
        return None
    return ",".join(values)


@router.get(
    "/view",
    response_class=HTMLResponse,
    summary="What does the graph look like around an actor?",
    description=_DESCRIPTION,
    responses={
        200: {"content": {"text/html": {}}, "description": "The HTML page."},
        # Errors are JSON even though the page is HTML, so the media type is spelled out.
        404: {
            "description": "No such entity to focus on; close matches.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/NotFoundPublic"}}
            },
        },
    },
)
def network_view(
    queries: QueriesDep,
    settings: SettingsDep,
    focus: Annotated[
        Text | None, Query(description="Id of the entity to centre on.", examples=["taliban"])
    ] = None,
    depth: Annotated[
        int, Query(ge=0, le=10, description="Relations away from focus.", examples=[1])
    ] = 2,
    types: Annotated[
        list[str] | None,
        Query(
            description="Relation types to keep (fact keys or graph types; repeat or comma).",
            examples=[["hostile_to", "gives_sanctuary_to"]],
        ),
    ] = None,
    contested: Annotated[
        bool, Query(description="Show contested relations.", examples=[True])
    ] = True,
    denied: Annotated[
        bool,
        Query(
            description="Show relations that no source asserts (only denials).", examples=[False]
        ),
    ] = False,
    disputes: Annotated[
        bool, Query(description="Show only disputed relations.", examples=[False])
    ] = False,
    events: Annotated[
        bool, Query(description="Draw events too (actors are always drawn).", examples=[False])
    ] = False,
    places: Annotated[bool, Query(description="Draw places too.", examples=[False])] = False,
    true_at: Annotated[
        IsoDate | None,
        Query(
            description="What held at this date, by the claims' valid time (as /relations).",
            examples=["2021-08-15"],
        ),
    ] = None,
    known_by: Annotated[
        IsoDate | None,
        Query(
            description="What had been stated by this date (as /relations).",
            examples=["2023-03-27"],
        ),
    ] = None,
    undated: Annotated[
        bool,
        Query(
            description="With true_at: draw (faded) the relations of unknown period.",
            examples=[True],
        ),
    ] = True,
) -> HTMLResponse:
    """The page, with the graph chosen by the parameters."""
    try:
        view = make_filter(
            focus=focus,
            depth=depth,
            types=_types(types),
            contested=contested,
            denied=denied,
            disputes=disputes,
            events=events,
            places=places,
            true_at=true_at,
            known_by=known_by,
            undated=undated,
        )
    except ViewParameterError as exc:
        raise ParameterInvalid("query", exc.parameter, str(exc)) from exc
    # A store failure propagates to the app's handlers (503/504/502), as for any endpoint.
    data = read_graph(queries.store, timeout_ms=settings.query_timeout_ms)
    if view.focus is not None and view.focus not in data.nodes:
        raise queries.not_found("entity", view.focus, "entity_names")
    selection = select_view(data, view, settings.view_node_limit)
    return HTMLResponse(render_selection(selection, PageOptions(served=True)))


router.add_api_route(
    "/",
    network_view,
    methods=["GET"],
    response_class=HTMLResponse,
    summary="Network view of the graph (same as /view)",
    description=_DESCRIPTION,
    include_in_schema=False,
)
