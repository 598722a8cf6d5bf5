"""``actorgraph view``: write the network view of the graph in the store as one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actorgraph.settings import get_settings
from cli.commands import store_location

HELP = "Write the interactive network view of the graph to an HTML file (works offline)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``-o`` and the same filters as the ``/view`` page's query parameters."""
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("actorgraph-view.html"), help="file to write"
    )
    parser.add_argument("--focus", default=None, help="id of the entity to centre on")
    parser.add_argument(
        "--depth", type=int, default=2, help="relations away from --focus (default 2)"
    )
    parser.add_argument(
        "--types",
        default=None,
        help="relation types to keep, comma-separated (fact keys or graph types)",
    )
    parser.add_argument(
        "--hide-contested", action="store_true", help="leave out contested relations"
    )
    parser.add_argument(
        "--show-denied",
        action="store_true",
        help="also draw relations that no source asserts (only denials; hidden by default)",
    )
    parser.add_argument("--disputes-only", action="store_true", help="draw only disputed relations")
    parser.add_argument(
        "--events", action="store_true", help="draw events too (the page starts with actors)"
    )
    parser.add_argument("--places", action="store_true", help="draw places too")
    parser.add_argument(
        "--true-at",
        default=None,
        help="what held at this ISO date, by the claims' valid time (relations of unknown "
        "period drawn faint)",
    )
    parser.add_argument("--known-by", default=None, help="what had been stated by this ISO date")
    parser.add_argument(
        "--hide-undated",
        action="store_true",
        help="with --true-at, leave out the relations whose period no source gives",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="most entities to draw (default: ACTORGRAPH_VIEW_NODE_LIMIT)",
    )
    parser.add_argument(
        "--api-url",
        default=None,
        help="base URL of the API that the page's record links point to "
        "(default: http://HOST:PORT from the settings)",
    )


def run(args: argparse.Namespace) -> int:
    """Read the store named by the settings and write the page."""
    from graph.open import open_store
    from services.view import PageOptions, ViewParameterError, make_filter, read_graph, select_view
    from services.view.render import render_selection

    settings = get_settings()
    try:
        view = make_filter(
            focus=args.focus,
            depth=args.depth,
            types=args.types,
            contested=not args.hide_contested,
            denied=args.show_denied,
            disputes=args.disputes_only,
            events=args.events,
            places=args.places,
            true_at=args.true_at,
            known_by=args.known_by,
            undated=not args.hide_undated,
        )
    except ViewParameterError as exc:
        message = str(exc).split(": ", 1)[1]  # the parameter is named once, as the flag
        print(f"actorgraph view: --{exc.parameter.replace('_', '-')}: {message}", file=sys.stderr)
        return 2
    store = open_store(settings)  # a StoreError is reported by cli.main, in one line
    try:
        data = read_graph(store, timeout_ms=settings.query_timeout_ms)
    finally:
        store.close()
    if not data.nodes:
        print(
            f"actorgraph view: the store at {store_location(settings)} holds no graph yet: "
            "run `actorgraph load` first",
            file=sys.stderr,
        )
        return 1
    try:
        selection = select_view(data, view, args.limit or settings.view_node_limit)
    except ViewParameterError as exc:
        message = str(exc).split(": ", 1)[1]  # the parameter is named once, as the flag
        print(f"actorgraph view: --{exc.parameter.replace('_', '-')}: {message}", file=sys.stderr)
        return 2
    api_url = args.api_url or f"http://{settings.host}:{settings.port}"
    html = render_selection(selection, PageOptions(api_base=api_url.rstrip("/"), served=False))
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(html, encoding="utf-8")
    except OSError as exc:
        print(f"actorgraph view: cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    shown = selection.data
    note = f" (truncated from {selection.total_nodes})" if selection.truncated else ""
    print(
        f"wrote {args.output}: {len(shown.nodes)} entities{note}, {len(shown.edges)} relations",
        file=sys.stderr,
    )
    return 0
