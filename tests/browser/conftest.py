"""Fixtures of the browser tests: a real headless Chromium and the real app on a real port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Chromium, Page, find_chromium
from live import serve

from graph.store import GraphStore

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_OUTPUT = REPO_ROOT / "test-output"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """Headless Chromium for the session; the tests skip when none is installed."""
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no chromium found (install Debian's chromium: scripts/ensure-chromium.sh, "
            "or set ACTORGRAPH_CHROMIUM)"
        )
    browser = Chromium(executable)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def page(chromium: Chromium) -> Iterator[Page]:
    """A fresh tab."""
    tab = chromium.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def test_output() -> Path:
    """Where screenshots and pages the tests produce are kept (``test-output/``)."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(scope="session")
def live_url(loaded_store: GraphStore) -> Iterator[str]:
    """Base URL of the app serving the curated graph."""
    with serve(loaded_store) as url:
        yield url
