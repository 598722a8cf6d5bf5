"""``actorgraph serve``: run the HTTP API (OpenAPI docs at /docs) with uvicorn.

The server's limits (header and body time limits, a shutdown that gives running requests a few
seconds) are in ``api/server.py``; the ``Host`` names it answers to follow ``--host``.
"""

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
    """Serve until interrupted (SIGINT or SIGTERM); the app opens the store from the settings."""
    import uvicorn

    from api.app import create_app
    from api.server import server_config

    settings = get_settings().model_copy(update={"host": args.host, "port": args.port})
    app = create_app(settings)
    print(f"actorgraph API on http://{args.host}:{args.port}/docs", flush=True)
    uvicorn.Server(server_config(app, settings)).run()
    return 0
