"""Time for the network view to settle in headless Chromium, at 100, 1,000 and 5,000 nodes."""

from __future__ import annotations

from bench.report import Report

VIEW_SIZES = (100, 1_000, 5_000)


def measure_views(report: Report) -> None:
    """Placeholder until api/view lands."""
    for nodes in VIEW_SIZES:
        report.skipped(f"{nodes} nodes", "chromium", "view settles", "api/view not landed")
