"""The hostile-request corpus (``tests/hostile/corpus.yaml``) as requests any HTTP client sends.

Shared by its test (``tests/api/test_api_hostile_corpus.py``), which asserts every answer, and
by ``python -m bench.hostile``, which measures what the corpus costs the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "hostile" / "corpus.yaml"
JSON = {"content-type": "application/json"}


@dataclass(frozen=True)
class Hostile:
    """One hostile request and the answers it may get."""

    name: str
    method: str
    path: str
    request: dict[str, Any]  # keyword arguments of httpx's (and TestClient's) ``request``
    expect: tuple[int, ...]
    backends: tuple[str, ...] | None = None  # None: every backend
    why: str = ""
    truncated: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _request(entry: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    methods = {"post": "POST", "get": "GET", "post_form": "POST"}
    key = next((k for k in methods if k in entry), None)
    if key is None:
        raise ValueError(f"{entry.get('name')!r}: no post, get or post_form")
    method, path = methods[key], str(entry[key])
    if "nested" in entry:
        depth = int(entry["nested"])
        body = '{"query": "RETURN $x", "parameters": {"x": ' + "[" * depth + "]" * depth + "}}"
        return method, path, {"content": body.encode(), "headers": JSON}
    if "padding" in entry:
        padded = {"query": "RETURN $x", "parameters": {"x": "a" * int(entry["padding"])}}
        return method, path, {"json": padded}
    if "sparql_patterns" in entry:
        count = int(entry["sparql_patterns"])
        patterns = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(count))
        return method, path, {"params": {"query": f"SELECT * WHERE {{ {patterns} }}"}}
    if "raw" in entry:
        return method, path, {"content": str(entry["raw"]).encode(), "headers": JSON}
    if "json" in entry:
        return method, path, {"json": entry["json"]}
    if "form" in entry:
        return method, path, {"data": entry["form"]}
    return method, path, {"params": entry.get("params") or {}}


def load_corpus(path: Path = CORPUS) -> list[Hostile]:
    """Every entry of the corpus file, in order."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = []
    for entry in entries:
        method, target, request = _request(entry)
        backends = entry.get("backends")
        corpus.append(
            Hostile(
                name=str(entry["name"]),
                method=method,
                path=target,
                request=request,
                expect=tuple(int(s) for s in entry["expect"]),
                backends=tuple(backends) if backends else None,
                why=str(entry.get("why", "")),
                truncated=entry.get("truncated"),
            )
        )
    return corpus


def for_backend(corpus: list[Hostile], backend: str) -> list[Hostile]:
    """The entries that run on ``backend``."""
    return [h for h in corpus if h.backends is None or backend in h.backends]
