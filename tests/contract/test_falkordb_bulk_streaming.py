"""The embedded store's ``GRAPH.BULK`` load sends each call as it is encoded (streaming).

A row that cannot be sent may then come after calls were sent: these tests check that such a
load leaves no partial graph under its key, that a refusal (``Unencodable``) late in the rows
still falls back to Cypher into an empty key, and that the graph is the Cypher load's. The
calls are made small (``limit``) so that a few hundred claims take many calls; nothing here
relies on timing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from graph_dump import Dump, dump

from bench.generate import generate_facts
from graph.falkordb_store import FalkorDBStore
from graph.model import graph_rows
from graph.store import GraphWriter, Params, Row, StoreError
from loaders.load import load_facts, write_rows
from ontology.facts import Claim, FactSet
from ontology.vocabulary import vocabulary

LIMIT = 3000  # bytes per call: a 500-claim load takes dozens of calls


class _Recording:
    """A client that passes everything on and records each command's name and key."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.commands: list[tuple[str, str]] = []

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.commands.append((str(args[0]), str(args[1]) if len(args) > 1 else ""))
        return self.inner.execute_command(*args, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _Small(GraphWriter):
    """Passes everything on, with a small bulk call size."""

    def __init__(self, inner: GraphWriter) -> None:
        self.inner = inner

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        return self.inner.write(cypher, params)

    def bulk_load(self, rows: Any, limit: int = 0) -> bool:
        return self.inner.bulk_load(rows, limit=LIMIT)  # type: ignore[call-arg]


class _CypherOnly(GraphWriter):
    def __init__(self, inner: GraphWriter) -> None:
        self.inner = inner

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        return self.inner.write(cypher, params)


def _recording(store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch) -> _Recording:
    recording = _Recording(store._client)
    monkeypatch.setattr(store, "_client", recording)
    return recording


def _with_cypher(store: FalkorDBStore, facts: FactSet) -> Dump:
    rows, vocab = graph_rows(facts), vocabulary()
    store.replace_graph(lambda w: write_rows(_CypherOnly(w), store.backend, rows, vocab))
    return dump(store)


def _last_claim_changed(facts: FactSet, **changes: str) -> FactSet:
    """``facts`` with the claim sorted last (the last claim row sent) changed."""
    last = max(facts.claims)
    claims = {**facts.claims, last: dataclasses.replace(facts.claims[last], **changes)}
    return dataclasses.replace(facts, claims=claims)


def _bulk_calls(recording: _Recording) -> list[str]:
    return [key for name, key in recording.commands if name == "GRAPH.BULK"]


def test_a_streamed_build_in_many_calls_writes_the_cypher_graph(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = generate_facts(500, seed=4)
    expected = _with_cypher(store, facts)
    recording = _recording(store, monkeypatch)
    rows, vocab = graph_rows(facts), vocabulary()
    store.replace_graph(lambda w: write_rows(_Small(w), store.backend, rows, vocab))
    assert dump(store) == expected
    calls = _bulk_calls(recording)
    assert len(calls) > 20 and calls == [store.live_key()] * len(calls)


def test_a_late_row_bulk_cannot_carry_leaves_no_partial_graph_and_cypher_writes_it(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = generate_facts(500, seed=4)
    expected = _with_cypher(store, good)
    bad = _last_claim_changed(good, note="a NUL \x00 inside")  # Cypher refuses it as well
    recording = _recording(store, monkeypatch)
    vocab = vocabulary()
    keys: list[str] = []

    def build(writer: GraphWriter) -> None:
        assert not writer.bulk_load(graph_rows(bad), limit=LIMIT)  # type: ignore[call-arg]
        keys.extend(_bulk_calls(recording))
        assert store._client.execute_command("GRAPH.LIST") == [store.live_key()]
        write_rows(_CypherOnly(writer), store.backend, graph_rows(good), vocab)

    store.replace_graph(build)
    assert len(keys) > 5, "calls were sent before the row that could not be"
    assert ("GRAPH.DELETE", keys[0]) in recording.commands
    assert store.live_key() == keys[0]
    assert dump(store) == expected


def _fails_whole(
    store: FalkorDBStore,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[FactSet], FactSet],
    match: str,
) -> None:
    """Load 500 claims, then ``spoil`` of them in small calls: the second load fails with
    ``match`` after calls were sent, and the store holds the first load, in one graph."""
    good = generate_facts(500, seed=4)
    load_facts(store, good)
    before = dump(store)
    recording = _recording(store, monkeypatch)
    rows, vocab = graph_rows(spoil(good)), vocabulary()
    with pytest.raises(StoreError, match=match):
        store.replace_graph(lambda w: write_rows(_Small(w), store.backend, rows, vocab))
    assert len(_bulk_calls(recording)) > 5, "the bad row was found before calls were sent"
    assert dump(store) == before
    assert store._client.execute_command("GRAPH.LIST") == [store.live_key()]


def test_a_load_with_a_late_unsendable_row_fails_whole(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the Cypher fallback refuses the NUL too
    _fails_whole(
        store, monkeypatch, lambda good: _last_claim_changed(good, note="a NUL \x00 inside"),
        "parameter",
    )  # fmt: skip


def test_a_late_row_naming_a_missing_id_fails_and_leaves_no_partial_graph(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing_id(good: FactSet) -> FactSet:
        some = next(iter(good.claims.values()))
        broken = Claim("zzz-last", some.subject, some.relation, "nobody", some.source, "q",
                       some.claimant, "asserts")  # fmt: skip
        return dataclasses.replace(good, claims={**good.claims, broken.id: broken})

    _fails_whole(store, monkeypatch, missing_id, "nobody")
