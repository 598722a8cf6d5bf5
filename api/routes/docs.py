"""``/docs`` and ``/redoc`` that work with no network: their scripts are served from a package.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so on an offline machine ``/docs`` is
blank. The ``fastapi-offline`` package ships the same assets (Swagger UI 5, which reads OpenAPI
3.1, and ReDoc); only its files are used here, under ``/docs-assets``, with FastAPI's own page
builders.

Parameters declare their examples once, as JSON Schema ``examples`` (``Query(examples=[...])``);
Swagger UI shows and fills in only a parameter's own ``example``, so ``show_examples`` copies
the first one there: "Try it out", then "Execute", asks a question that has an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"

router = APIRouter(include_in_schema=False)


def assets() -> StaticFiles:
    """The Swagger UI and ReDoc files, to mount at ``ASSETS_URL``."""
    return StaticFiles(directory=ASSETS)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over the app's OpenAPI schema, every asset from this server."""
    root = request.scope.get("root_path", "")
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title="actorgraph: research API",
        swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
        swagger_ui_parameters={"docExpansion": "list", "defaultModelsExpandDepth": 0},
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over the app's OpenAPI schema, every asset from this server."""
    root = request.scope.get("root_path", "")
    return get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title="actorgraph: research API",
        redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
        with_google_fonts=False,
    )


def show_examples(app: FastAPI) -> None:
    """Make ``app``'s OpenAPI document give every parameter with an example its ``example``."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()  # made once, then cached by FastAPI: copying again changes nothing
        for operation in _operations(document):
            for parameter in operation.get("parameters", []):
                example = _first_example(parameter.get("schema", {}))
                if example is not None and "example" not in parameter:
                    parameter["example"] = example
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for methods in document.get("paths", {}).values() for op in methods.values()]


def _first_example(schema: dict[str, Any]) -> Any:
    """The first of ``examples`` in a parameter's schema, or in one branch of its ``anyOf``."""
    for candidate in (schema, *schema.get("anyOf", ())):
        examples = candidate.get("examples")
        if examples:
            return examples[0]
    return None
