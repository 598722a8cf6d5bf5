"""Time for the network view to settle in headless Chromium, at 100, 1,000 and 5,000 nodes.

Each page is the view the API serves (``services.view.render.render_view``) for a synthetic graph of
that many entities, written to a file and opened in Chromium; the time runs from navigation to
the page's own ``window.__agView.settled`` flag (physics stabilised, or the first drawing for
views laid out on the server). The server's rendering time is reported beside it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.api_bench import free_port
from bench.chromium import BrowserUnavailable, Page, browser, file_url
from bench.generate import CLAIMS_PER_ENTITY, generate_facts
from bench.pieces import Missing, piece
from bench.report import Report, Row, at_most, fmt

VIEW_SIZES = (100, 1_000, 5_000)
TARGET_NODES = 1_000
TARGET_S = 3.0
SETTLE_LIMIT_S = 60.0
POLL_S = 0.02
PAGE_FALLBACK_S = 8.0  # the page marks itself settled after this long whatever the physics does


def _settle(page: Page, url: str) -> tuple[float, int, int]:
    """Seconds from navigation to settled, and the nodes and edges the page shows."""
    page.call("Page.navigate", url="about:blank")
    start = time.perf_counter()
    page.call("Page.navigate", url=url)
    while time.perf_counter() - start < SETTLE_LIMIT_S:
        state = page.evaluate(
            "window.__agView ? [window.__agView.settled, window.__agView.nodes,"
            " window.__agView.edges] : [false, 0, 0]"
        )
        if state and state[0]:
            return time.perf_counter() - start, int(state[1]), int(state[2])
        time.sleep(POLL_S)
    raise TimeoutError(f"the view did not settle within {SETTLE_LIMIT_S:.0f} s")


def _page_for(nodes: int, seed: int, folder: Path) -> tuple[Path, float]:
    """The view page for a synthetic graph of about ``nodes`` entities; seconds to render it."""
    graph_data_from_facts = piece("services.view.model", "graph_data_from_facts")
    render_view = piece("services.view.render", "render_view")
    data = graph_data_from_facts(generate_facts(nodes * CLAIMS_PER_ENTITY, seed))
    start = time.perf_counter()
    html = render_view(data, node_limit=nodes)
    render_s = time.perf_counter() - start
    path = folder / f"view-{nodes}.html"
    path.write_text(html, encoding="utf-8")
    return path, render_s


def measure_views(report: Report, seed: int = 7) -> None:
    """Render and settle the view at each of ``VIEW_SIZES``."""
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-view-") as tmp:
        try:
            pages = [(n, *_page_for(n, seed, Path(tmp))) for n in VIEW_SIZES]
        except Missing as error:
            for n in VIEW_SIZES:
                report.skipped(f"{n:,} nodes", "chromium", "view settles", str(error))
            return
        try:
            with browser(free_port()) as page:
                page.call("Page.enable")
                for nodes, path, render_s in pages:
                    _measure_one(report, page, nodes, path, render_s)
        except BrowserUnavailable as error:
            for nodes, _path, _render in pages:
                report.skipped(f"{nodes:,} nodes", "chromium", "view settles", str(error))


def _measure_one(report: Report, page: Page, nodes: int, path: Path, render_s: float) -> None:
    size = f"{nodes:,} nodes"
    report.add(Row(size, "server", "view: render page (layout included)", render_s, "s"))
    try:
        settle_s, shown, edges = _settle(page, file_url(path))
    except TimeoutError as error:
        report.skipped(size, "chromium", "view settles", str(error))
        return
    note = f"{shown} nodes, {edges} edges drawn; with rendering {fmt(render_s + settle_s)} s"
    if abs(settle_s - PAGE_FALLBACK_S) < 0.5:
        note += "; the page's 8 s fallback timer ended it"
    target = at_most(TARGET_S, "s") if nodes == TARGET_NODES else None
    report.add(
        Row(size, "chromium", "view settles (navigate to settled)", settle_s, "s", target, note)
    )
