"""Claimants: the actors who made claims, and what each asserted or denied."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api import present
from api.deps import PageDep, QueriesDep
from api.params import IdPath
from api.schemas import ClaimantPublic, ClaimantsPublic, ClaimantSummaryPublic, NotFoundPublic
from api.tags import Tag

router = APIRouter(prefix="/claimants", tags=[Tag.EVIDENCE])


@router.get(
    "",
    response_model=ClaimantsPublic,
    summary="Who made the claims?",
    description="Actors who made claims, most claims first, with how many they asserted and "
    "denied. Paginated.",
)
def list_claimants(queries: QueriesDep, page: PageDep) -> ClaimantsPublic:
    """One page of claimants."""
    row = queries.one("claimants_search", skip=page.skip, limit=page.page_size)
    items, total = present.counted_entities(row)
    return ClaimantsPublic(
        items=[ClaimantSummaryPublic.model_validate(item) for item in items],
        total=total,
        page=page.page,
        page_size=page.page_size,
    )


@router.get(
    "/{claimant_id}",
    response_model=ClaimantPublic,
    responses={404: {"model": NotFoundPublic, "description": "No such actor; close matches."}},
    summary="What did one claimant assert or deny?",
    description=(
        "A page of the claims an actor made, optionally only those with one `stance`, each "
        "with its source and verbatim quote."
    ),
)
def get_claimant(
    claimant_id: Annotated[
        IdPath,
        Path(description="Id of the claimant (an actor).", examples=["tajik-border-service"]),
    ],
    queries: QueriesDep,
    page: PageDep,
    stance: Annotated[
        Literal["asserts", "denies", "questions"] | None,
        Query(description="Only this stance.", examples=["denies"]),
    ] = None,
) -> ClaimantPublic:
    """The claims of ``claimant_id``."""
    row = queries.one("entity_get", id=claimant_id, kind="Actor")
    if row is None:
        raise queries.not_found("actor", claimant_id, "entity_names", kind="Actor")
    counts = queries.one("claim_counts", claimant=claimant_id) or {}
    found = queries.one(
        "claims_search", claimant=claimant_id, stance=stance, skip=page.skip, limit=page.page_size
    )
    claims = [present.claim(item) for item in (found["items"] if found else [])]
    return ClaimantPublic.model_validate(
        {
            **row["entity"],
            "asserting": counts.get("asserting") or 0,
            "denying": counts.get("denying") or 0,
            "claims": claims,
            "page": page.page,
            "page_size": page.page_size,
        }
    )
