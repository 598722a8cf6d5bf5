"""``actorgraph serve``: run the HTTP API (OpenAPI docs at /docs) with uvicorn."""

from __future__ import annotations

import argparse

from actorgraph.settings import get_settings

HELP = "Serve the HTTP research API (docs at /docs) on ACTORGRAPH_HOST:ACTORGRAPH_PORT."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--host`` and ``--port`` override the settings."""
    settings = get_settings()
    parser.add_argument("--host", default=settings.host, help=f"default {settings.host}")
    parser.add_argument("--port", type=int, default=settings.port, help=f"default {settings.port}")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; the app opens the store from the settings."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    app = create_app(settings)
    print(f"actorgraph API on http://{args.host}:{args.port}/docs", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=settings.log_level.lower())
    return 0
