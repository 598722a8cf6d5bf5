"""Sources: each document with the claims that cite it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api import present
from api.deps import PageDep, QueriesDep
from api.params import IdPath
from api.schemas import NotFoundPublic, SourceDetailPublic, SourcePublic, SourcesPublic
from api.tags import Tag

router = APIRouter(prefix="/sources", tags=[Tag.EVIDENCE])


@router.get(
    "",
    response_model=SourcesPublic,
    summary="Which source documents does the graph rest on?",
    description="Source documents, newest first, each with how many claims cite it. Paginated.",
)
def list_sources(queries: QueriesDep, page: PageDep) -> SourcesPublic:
    """One page of sources."""
    row = queries.one("sources_search", skip=page.skip, limit=page.page_size)
    items = row["items"] if row else []
    return SourcesPublic(
        items=[
            SourcePublic.model_validate({**item["source"], "claims": item["claims"]})
            for item in items
        ],
        total=row["total"] if row else 0,
        page=page.page,
        page_size=page.page_size,
    )


@router.get(
    "/{source_id}",
    response_model=SourceDetailPublic,
    responses={404: {"model": NotFoundPublic, "description": "No such source; close matches."}},
    summary="What does one source say?",
    description=(
        "The source's metadata and a page (`page`, `page_size`) of the claims drawn from it: "
        "subject, relation, object, claimant, stance and verbatim quote."
    ),
)
def get_source(
    source_id: Annotated[
        IdPath, Path(description="Id of the source.", examples=["s004-caci-tajik-taliban"])
    ],
    queries: QueriesDep,
    page: PageDep,
) -> SourceDetailPublic:
    """The source ``source_id`` and a page of its claims."""
    row = queries.one("source_get", id=source_id)
    if row is None or row.get("source") is None:
        raise queries.not_found("source", source_id, "source_ids")
    found = queries.one("claims_search", source=source_id, skip=page.skip, limit=page.page_size)
    claims = [present.claim(item) for item in (found["items"] if found else [])]
    return SourceDetailPublic.model_validate(
        {
            **row["source"],
            "claims": row["claims"],
            "cited_by": claims,
            "page": page.page,
            "page_size": page.page_size,
        }
    )
