"""Health: whether the store answers, and what it holds."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import QueriesDep, StoreDep
from api.schemas import ErrorPublic, HealthPublic
from api.tags import Tag
from graph.store import StoreUnavailable

router = APIRouter(tags=[Tag.SERVICE])


@router.get(
    "/health",
    response_model=HealthPublic,
    responses={503: {"model": ErrorPublic, "description": "The store does not answer."}},
    summary="Does the store answer?",
    description="200 with the backend and counts of what the graph holds, or 503.",
)
def health(store: StoreDep, queries: QueriesDep) -> HealthPublic:
    """Ping the store (bringing it back if it stopped answering) and count its contents."""
    if not store.ping() and not store.recover():
        raise StoreUnavailable("the store does not answer ping")
    counts = queries.one("graph_counts") or {}
    return HealthPublic(
        status="ok",
        backend=store.backend,
        counts={k: int(v or 0) for k, v in counts.items()},
    )
