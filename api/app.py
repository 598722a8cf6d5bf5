"""The FastAPI application: settings and store on ``app.state``, one router per resource.

``create_app()`` opens the store named by the settings when the app starts (and closes it when
it stops); tests and embedding code pass an open ``store`` instead, which the app leaves open.
If the store cannot be opened at startup the app still starts: requests that need the store
answer 503 until it can be opened.

Before any route, each request passes three checks, outermost first: its ``Host`` names this
server (``api/hosts.py``), its body is bounded in size and time and, if JSON, holds only what a
store takes (``api/body.py``), and the slow endpoints have a free slot (``api/admission.py``).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from actorgraph.settings import Settings, get_settings
from api.admission import AdmissionMiddleware, Lane
from api.answer_cache import AnswerCache, AnswerCacheMiddleware
from api.body import BodyMiddleware
from api.deps import open_app_store
from api.errors import install_error_handlers
from api.hosts import HostMiddleware, allowed_hosts
from api.tags import OPENAPI_TAGS
from graph.store import GraphStore, StoreUnavailable

log = logging.getLogger(__name__)

# Route modules, each with a ``router``: one module per resource, in the order of their groups
# in /docs (``api/tags.py``).
ROUTERS = (
    "api.routes.actors",
    "api.routes.relations",
    "api.routes.neighbourhood",
    "api.routes.paths",
    "api.routes.research",
    "api.routes.events",
    "api.routes.sources",
    "api.routes.claimants",
    "api.routes.rdf",
    "api.routes.sparql",
    "api.routes.cypher",
    "api.routes.view",
    "api.routes.health",
    "api.routes.version",
    "api.routes.docs",
)

DESCRIPTION = """
A knowledge graph of armed actors in Afghanistan and Central Asia. Every relation carries its
citations: the source document, the verbatim quote, who claimed it, and whether they assert or
deny it.

Start with **/actors?q=** to find ids, then **/research** for named questions, e.g.
*who shelters the enemies of the Taliban?* (`/research/sanctuary_for_enemies?actor_id=...`) or
**/paths** for *what connects TTT to al-Qaida?*. Most questions can be asked at a date:
`true_at` (what held then) and `known_by` (what had been stated by then).

The operations are grouped by the question they answer. Every parameter has an example from
the curated facts, filled in by "Try it out": "Execute" then gives a real answer.
"""


def _include_routers(app: FastAPI) -> None:
    for name in ROUTERS:
        app.include_router(importlib.import_module(name).router)


def _add_middlewares(app: FastAPI, settings: Settings) -> None:
    """The checks before any route; the last added runs first."""
    # innermost: the host, body and admission checks run before any answer is served
    cache = AnswerCache(
        settings.answer_cache_entries,
        settings.answer_cache_entry_bytes,
        settings.answer_cache_bytes,
    )
    app.state.answer_cache = cache
    app.add_middleware(AnswerCacheMiddleware, cache=cache, store_of=app)
    slots = settings.slow_query_slots
    lanes = {
        "/cypher": Lane("/cypher", slots, wait_s=1.0),
        "/sparql": Lane("/sparql", slots, wait_s=1.0),
        "/export": Lane("/export", 1, wait_s=1.0),
    }
    budget_s = max(settings.query_timeout_ms / 1000, settings.sparql_timeout_s)
    app.add_middleware(AdmissionMiddleware, lanes=lanes, budget_s=budget_s)
    app.add_middleware(
        BodyMiddleware, max_bytes=settings.max_body_bytes, timeout_s=settings.request_timeout_s
    )
    app.add_middleware(HostMiddleware, allowed=allowed_hosts(settings))


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The API app. With ``store`` given, the app uses it and does not close it."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.store is None:
            try:
                app.state.store = open_app_store(settings)
                app.state.owns_store = True
            except StoreUnavailable as exc:
                log.error("store unavailable at startup (requests answer 503): %s", exc)
        try:
            yield
        finally:
            # SPARQL worker processes (made on first /sparql use) end with the app.
            engine = getattr(app.state, "sparql_engine", None)
            if engine is not None:
                engine.close()
                app.state.sparql_engine = None  # its files are gone: a restart makes another
            if app.state.owns_store and app.state.store is not None:
                app.state.store.close()
                app.state.store = None

    app = FastAPI(
        title="actorgraph",
        summary="Armed actors and their relations, with a citation on every edge.",
        description=DESCRIPTION,
        openapi_tags=OPENAPI_TAGS,
        version="0.1.0",
        lifespan=lifespan,
        # served by api/routes/docs.py from local assets: FastAPI's own load them from a CDN
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.owns_store = False
    install_error_handlers(app)
    _add_middlewares(app, settings)
    _include_routers(app)
    from api.routes.docs import ASSETS_URL, assets, show_examples

    app.mount(ASSETS_URL, assets(), name="docs-assets")
    show_examples(app)
    return app
