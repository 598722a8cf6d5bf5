"""FastAPI dependencies: the settings, the store, the query runner and pagination.

Route modules declare what they need as ``Annotated`` aliases (``StoreDep``, ``SettingsDep``,
``QueriesDep``, ``PageDep``) and never reach for globals.
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from actorgraph.settings import Settings
from api.admission import remaining_ms
from api.errors import NotFound, QueryFailed
from api.schemas import SuggestionPublic
from graph.store import GraphStore, QueryTimeout, Row, StoreError, StoreUnavailable
from queries.run import run_query

log = logging.getLogger(__name__)
_open_lock = threading.Lock()

MAX_PAGE_SIZE = 200
# Text parameters: bounded, and without NUL, which no store accepts inside a parameter.
TEXT_PATTERN = r"^[^\x00]*$"


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> GraphStore:
    """The app's store; opened now if it could not be opened at startup."""
    state = request.app.state
    store: GraphStore | None = state.store
    if store is not None:
        return store
    with _open_lock:
        if state.store is None:
            state.store = open_app_store(state.settings)
            state.owns_store = True
        return state.store  # type: ignore[no-any-return]


def open_app_store(settings: Settings) -> GraphStore:
    """Open the store named by ``settings``; any failure to start it is ``StoreUnavailable``."""
    try:
        from graph.open import open_store  # adapters load only when the app opens a store

        store: GraphStore = open_store(settings)
    except StoreUnavailable:
        raise
    except Exception as exc:  # a store that fails to start, whatever the driver says
        raise StoreUnavailable(f"could not open the {settings.backend} store: {exc}") from exc
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def request_deadline(request: Request) -> float | None:
    """When this request's time is up (``api/admission.py`` stamps it on arrival)."""
    deadline = getattr(request.state, "deadline", None)
    return float(deadline) if deadline is not None else None


def time_left_ms(deadline: float | None, limit_ms: int) -> int:
    """The time limit for a store call starting now; ``QueryTimeout`` when none is left."""
    left = remaining_ms(deadline, limit_ms)
    if left <= 0:
        raise QueryTimeout("the request waited past its time limit before its query could start")
    return left


def get_cypher_time_limit(request: Request, settings: SettingsDep) -> int:
    """The time limit of this request's raw query: the limit, less what it waited."""
    return time_left_ms(request_deadline(request), settings.query_timeout_ms)


CypherTimeLimitDep = Annotated[int, Depends(get_cypher_time_limit)]


@dataclass(frozen=True)
class Queries:
    """Runs named queries for one request, within its time limit, logging failures.

    Each query's limit is the time the request has left: limits count from the request's
    arrival, so a request that waited (for a thread, for a slot) is not given a fresh limit.
    """

    store: GraphStore
    timeout_ms: int
    deadline: float | None = None

    def rows(self, name: str, **params: Any) -> list[Row]:
        """The rows of named query ``name``; a store failure becomes ``QueryFailed``."""
        try:
            timeout_ms = time_left_ms(self.deadline, self.timeout_ms)
            return run_query(self.store, name, params, timeout_ms=timeout_ms)
        except StoreError as exc:
            log.warning("query %s failed, parameters %r: %s", name, params, exc)
            raise QueryFailed(name, params, exc) from exc

    def one(self, name: str, **params: Any) -> Row | None:
        """The first row of named query ``name``, or None."""
        found = self.rows(name, **params)
        return found[0] if found else None

    def not_found(self, what: str, id_: str, names_query: str, **params: Any) -> NotFound:
        """A 404 for ``id_`` with the closest ids and names (difflib) as suggestions."""
        candidates = self.rows(names_query, **params)
        return NotFound(what, id_, suggest(id_, candidates))


def suggest(
    wanted: str, candidates: Sequence[Mapping[str, Any]], n: int = 5
) -> list[SuggestionPublic]:
    """Candidates (``{id, name, aliases}``) whose id, name or an alias is close to ``wanted``."""
    keys: dict[str, Mapping[str, Any]] = {}
    for row in candidates:
        for key in [row.get("id"), row.get("name"), *(row.get("aliases") or [])]:
            if isinstance(key, str):
                keys.setdefault(key.lower(), row)
    wanted_key = wanted.lower()
    matches = difflib.get_close_matches(wanted_key, list(keys), n=n * 3, cutoff=0.5)
    # Also ids or names that contain the text, or that it contains ("taliban" in "tajik taliban").
    matches += [k for k in keys if len(wanted_key) >= 3 and (wanted_key in k or k in wanted_key)]
    out: list[SuggestionPublic] = []
    seen: set[str] = set()
    for key in matches:
        row = keys[key]
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(SuggestionPublic(id=row["id"], name=row.get("name")))
    return out[:n]


def get_queries(request: Request, store: StoreDep, settings: SettingsDep) -> Queries:
    """The query runner for this request."""
    return Queries(
        store=store, timeout_ms=settings.query_timeout_ms, deadline=request_deadline(request)
    )


QueriesDep = Annotated[Queries, Depends(get_queries)]


@dataclass(frozen=True)
class Page:
    """Which page of a list the client wants."""

    page: int
    page_size: int

    @property
    def skip(self) -> int:
        """Rows before this page."""
        return (self.page - 1) * self.page_size


def get_page(
    page: Annotated[
        int, Query(ge=1, le=100_000, description="Page number, from 1.", examples=[1])
    ] = 1,
    page_size: Annotated[
        int,
        Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 200).", examples=[50]),
    ] = 50,
) -> Page:
    """The pagination parameters of a list endpoint."""
    return Page(page=page, page_size=page_size)


PageDep = Annotated[Page, Depends(get_page)]
