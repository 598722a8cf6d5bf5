"""Raw read-only Cypher for power users, with limits the backend itself enforces.

The query is hostile until proven otherwise, so it goes to ``GraphStore.read_untrusted``: writes
are refused by the store (FalkorDB's GRAPH.RO_QUERY, a Neo4j read transaction), not by looking
for keywords; ``LOAD CSV`` is refused before it is sent; the time limit (counted from the
request's arrival) and a memory cap hold in the store; the store returns at most the row cap
plus one row (which says "truncated"), so the API never holds more. On the embedded store the
query runs in a disposable copy of the graph (``graph/falkordb_sandbox.py``).
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api import present
from api.deps import CypherTimeLimitDep, SettingsDep, StoreDep
from api.errors import QueryRejected, documented
from api.schemas import CypherRequest, CypherResultPublic
from api.tags import Tag
from graph.store import AnswerTooLarge, QueryTimeout, QueryTooLarge, StoreError, WriteRefused

router = APIRouter(tags=[Tag.CYPHER])


@router.post(
    "/cypher",
    response_model=CypherResultPublic,
    responses=documented(QueryRejected, WriteRefused, QueryTimeout, QueryTooLarge, AnswerTooLarge),
    summary="Run read-only Cypher",
    description=(
        "Run a Cypher query with `parameters` (pass values as `$name` parameters, never "
        "pasted into the text). The store runs it read-only and refuses any write (403); it "
        "stops the query at the time limit (`ACTORGRAPH_QUERY_TIMEOUT_MS`, 504). At most "
        "`row_cap` rows come back (`ACTORGRAPH_ROW_CAP`); `truncated` says whether more "
        "existed. A query that needs more memory than `ACTORGRAPH_QUERY_MEMORY_MB` is stopped "
        "(422); `LOAD CSV` is refused (403). Nodes and edges come back as maps of their "
        "properties."
    ),
)
def run_cypher(
    body: CypherRequest, store: StoreDep, settings: SettingsDep, time_limit: CypherTimeLimitDep
) -> Response:
    """The rows of ``body.query``, cut at the row cap."""
    # parameter names and values were checked with the body (api/body.py)
    cap = settings.row_cap
    try:
        rows = store.read_untrusted(
            body.query,
            body.parameters,
            timeout_ms=time_limit,
            row_limit=cap + 1,
            max_bytes=settings.max_answer_bytes,
        )
    except StoreError as exc:
        if type(exc) is not StoreError:
            raise  # unavailable, timed out, write refused: each has its row in api.errors
        raise QueryRejected(str(exc)) from exc
    kept = rows[:cap]
    columns = list(kept[0].keys()) if kept else []
    answer = CypherResultPublic(
        columns=columns,
        rows=[present.jsonable(row) for row in kept],
        row_count=len(kept),
        truncated=len(rows) > cap,
        row_cap=cap,
    ).model_dump_json(by_alias=True)
    if len(answer) > settings.max_answer_bytes:
        raise AnswerTooLarge(
            f"the answer is {len(answer) / 2**20:.1f} MiB, more than the "
            f"{settings.max_answer_bytes / 2**20:g} MiB an answer may be: return fewer rows or "
            "smaller values"
        )
    return Response(answer, media_type="application/json")
