"""Raw read-only Cypher for power users, with limits the backend itself enforces.

Writes are refused by the store (FalkorDB's GRAPH.RO_QUERY, a Neo4j read transaction), not by
looking for keywords; the time limit is the store's own; rows are cut at the row cap.
"""

from __future__ import annotations

from fastapi import APIRouter

from api import present
from api.deps import SettingsDep, StoreDep
from api.errors import ParameterInvalid, QueryRejected, documented
from api.schemas import CypherRequest, CypherResultPublic
from graph.store import QueryTimeout, StoreError, WriteRefused

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    response_model=CypherResultPublic,
    responses=documented(QueryRejected, WriteRefused, QueryTimeout),
    summary="Run read-only Cypher",
    description=(
        "Run a Cypher query with `parameters` (pass values as `$name` parameters, never "
        "pasted into the text). The store runs it read-only and refuses any write (403); it "
        "stops the query at the time limit (`ACTORGRAPH_QUERY_TIMEOUT_MS`, 504). At most "
        "`row_cap` rows come back (`ACTORGRAPH_ROW_CAP`); `truncated` says whether more "
        "existed. Nodes and edges come back as maps of their properties."
    ),
)
def run_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> CypherResultPublic:
    """The rows of ``body.query``, cut at the row cap."""
    for name, value in body.parameters.items():
        if not name.isidentifier():
            raise ParameterInvalid("body", "parameters", f"{name!r} is not a parameter name", name)
        if isinstance(value, str) and "\x00" in value:
            raise ParameterInvalid("body", "parameters", f"{name!r} contains NUL", name)
    try:
        rows = store.read(body.query, body.parameters, timeout_ms=settings.query_timeout_ms)
    except StoreError as exc:
        if type(exc) is not StoreError:
            raise  # unavailable, timed out, write refused: each has its row in api.errors
        raise QueryRejected(str(exc)) from exc
    cap = settings.row_cap
    kept = rows[:cap]
    columns = list(kept[0].keys()) if kept else []
    return CypherResultPublic(
        columns=columns,
        rows=[present.jsonable(row) for row in kept],
        row_count=len(kept),
        truncated=len(rows) > cap,
        row_cap=cap,
    )
