"""Shared fixtures. Tests run on the real embedded store, in a temporary folder per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = Path(
    os.environ.get("ACTORGRAPH_SOURCES_DIR", REPO_ROOT.parent / "shared" / "sources")
)
DATA_DIR = REPO_ROOT / "data"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The folder of the five source documents (``../shared/sources``)."""
    if not SOURCES_DIR.is_dir():
        pytest.fail(f"source documents not found at {SOURCES_DIR}; set ACTORGRAPH_SOURCES_DIR")
    return SOURCES_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of the curated fact files."""
    return DATA_DIR
