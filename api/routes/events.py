"""Events: each with the claims for and against it (who claimed, who denied, who blamed whom)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import present
from api.deps import PageDep, QueriesDep
from api.params import IdPath, Text
from api.schemas import (
    EventPublic,
    EventsPublic,
    EventSummaryPublic,
    NotFoundPublic,
)
from api.tags import Tag

router = APIRouter(prefix="/events", tags=[Tag.EVIDENCE])
MAX_CLAIMS = 1000


@router.get(
    "",
    response_model=EventsPublic,
    summary="Which events are recorded?",
    description=(
        "Events (attacks, clashes, operations, political events) by date, optionally those "
        "whose name or alias contains `q`, each with how many claims assert and deny "
        "something about it. Paginated."
    ),
)
def list_events(
    queries: QueriesDep,
    page: PageDep,
    q: Annotated[
        Text | None, Query(description="Text in a name or alias.", examples=["rocket attack"])
    ] = None,
) -> EventsPublic:
    """One page of events."""
    row = queries.one(
        "events_search", q=q.lower().strip() if q else None, skip=page.skip, limit=page.page_size
    )
    items, total = present.counted_entities(row)
    return EventsPublic(
        items=[EventSummaryPublic.model_validate(item) for item in items],
        total=total,
        page=page.page,
        page_size=page.page_size,
    )


@router.get(
    "/{event_id}",
    response_model=EventPublic,
    responses={404: {"model": NotFoundPublic, "description": "No such event; close matches."}},
    summary="Who claimed, did, denied or was blamed for an event?",
    description=(
        "Every claim about the event: who claimed responsibility, who carried it out, who "
        "denied it, who blamed whom, where it occurred and where it was launched from, each "
        "with its claimant, stance, source and verbatim quote. `claims_for` holds the claims "
        "that assert, `claims_against` those that deny or question."
    ),
)
def get_event(
    event_id: Annotated[
        IdPath,
        Path(description="Id of the event.", examples=["rocket-attack-tajikistan-2022-05-07"]),
    ],
    queries: QueriesDep,
) -> EventPublic:
    """The event ``event_id`` and its claims."""
    row = queries.one("entity_get", id=event_id, kind="Event")
    if row is None:
        raise queries.not_found("event", event_id, "entity_names", kind="Event")
    found = queries.one("claims_search", entity=event_id, skip=0, limit=MAX_CLAIMS)
    claims = [present.claim(item) for item in (found["items"] if found else [])]
    return EventPublic.model_validate(
        {
            **row["entity"],
            "claims_for": [c for c in claims if c.stance == "asserts"],
            "claims_against": [c for c in claims if c.stance != "asserts"],
        }
    )
