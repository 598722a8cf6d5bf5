"""The README cannot drift from the code: its settings, endpoints and commands all exist."""

from __future__ import annotations

import re
from pathlib import Path

from actorgraph.settings import Settings
from api.app import create_app
from cli.main import COMMANDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# read by the setup and local-Neo4j scripts (scripts/find-python.sh, scripts/neo4j-local.sh,
# scripts/test.sh), not by the app
SETUP_ONLY = {
    "ACTORGRAPH_PYTHON",
    "ACTORGRAPH_NEO4J_HEAP",
    "ACTORGRAPH_NEO4J_PAGECACHE",
    "ACTORGRAPH_NEO4J_BOLT_PORT",
    "ACTORGRAPH_NEO4J_HOME",
    "ACTORGRAPH_TEST_NEO4J_PORT",
}


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    documented = set(re.findall(r"`(ACTORGRAPH_[A-Z0-9_]+)`", README)) - SETUP_ONLY
    in_code = {f"ACTORGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert in_code - documented == set(), "settings missing from the README"
    assert documented - in_code == set(), "README names settings the code does not read"


def test_every_endpoint_the_readme_names_exists() -> None:
    app = create_app()
    paths = {_shape(p) for p in app.openapi()["paths"]} | {"/", app.docs_url or "/docs"}
    named = set(re.findall(r"(?:GET|POST) (/[a-z_/{}]*)", README))
    named |= set(re.findall(r"127\.0\.0\.1:8000(/[a-z_/{}]*)", README))
    assert named, "the README names no endpoint"
    for path in named:
        base = _shape(path.rstrip("/") or "/")
        assert base in paths or any(p.startswith(base + "/") for p in paths), path


def _shape(path: str) -> str:
    """A path with its parameters' names dropped: /actors/{id} and /actors/{actor_id} agree."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_subcommand_is_documented() -> None:
    for command in COMMANDS:
        assert f"actorgraph {command}" in README, command
