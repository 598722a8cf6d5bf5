"""The SPARQL dataset written at load time (``services.sparql.dataset``), on every backend present.

A load writes the dataset beside the graph and flips it with the graph; the engine opens it
instead of reading the store back. Whether an answer came from the load's folder is read from the
engine's counters (``opened_from_load`` / ``built_from_store``) and its log, never from timing.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fact_folders import VALID, fact_folder

from actorgraph.settings import Settings
from bench.generate import generate_facts
from graph.store import GraphStore, StoreError
from loaders.load import load_facts
from ontology.facts import Claim, FactSet
from ontology.namespace import AG
from ontology.validate import load_and_validate
from services.export import read_facts_from_store
from services.export.serialize import BULK_CLAIMS
from services.sparql.dataset import (
    LOAD_LOCK,
    SparqlDatasets,
    dataset_quads,
    dataset_root,
    find_dataset,
    folder_name,
    read_manifest,
    store_fingerprint,
    wait_for_load,
)
from services.sparql.engine import SparqlEngine, _Worker
from services.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS
from services.sparql.parse import parse_query

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO_ROOT / "queries" / "sparql").glob("*.rq"))
COUNT_CLAIMS = "PREFIX ag: <{ag}> SELECT (COUNT(?c) AS ?n) WHERE {{ ?c a ag:Claim }}"
QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "ASK { GRAPH ?g { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
    *(path.read_text(encoding="utf-8") for path in EXAMPLES),
]


@pytest.fixture(scope="module")
def small_facts(sources_dir: Path) -> FactSet:
    """The valid fixture folder: real quotes, dates, hedges and both stances."""
    return load_and_validate(VALID, sources_dir)


@pytest.fixture
def engines() -> Iterator[list[SparqlEngine]]:
    """Engines a test makes, closed after it."""
    made: list[SparqlEngine] = []
    yield made
    for engine in made:
        engine.close()


def _engine(made: list[SparqlEngine], store: GraphStore, datasets: Path) -> SparqlEngine:
    engine = SparqlEngine(store, timeout_s=60.0, datasets=datasets)
    made.append(engine)
    return engine


def _datasets(root: Path) -> list[str]:
    """The dataset folders in ``root``, and anything half written or half deleted."""
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _select(engine: SparqlEngine, text: str) -> list[dict[str, str]]:
    answer = engine.run(parse_query(text), RESULT_FORMATS["json"])
    return [
        {name: term["value"] for name, term in row.items()}
        for row in json.loads(answer.body)["results"]["bindings"]
    ]


def _claim_count(engine: SparqlEngine) -> int:
    return int(_select(engine, COUNT_CLAIMS.format(ag=AG))[0]["n"])


def _answer(engine: SparqlEngine, text: str) -> object:
    """The answer of ``text``, in a form that does not depend on row or triple order."""
    parsed = parse_query(text)
    if parsed.returns_graph:
        body = engine.run(parsed, GRAPH_FORMATS["ntriples"]).body.decode()
        return sorted(line for line in body.splitlines() if line.strip())
    result = json.loads(engine.run(parsed, RESULT_FORMATS["json"]).body)
    if "boolean" in result:
        return result["boolean"]
    return sorted(json.dumps(row, sort_keys=True) for row in result["results"]["bindings"])


def _without_blank_nodes(quads: set[ox.Quad]) -> set[ox.Quad]:
    """``quads``, checked to name no blank node: then set equality is graph isomorphism."""
    blank = [q for q in quads if ox.BlankNode in (type(q.subject), type(q.object))]
    assert blank == [], "the dataset has blank nodes: compare it by isomorphism instead"
    return quads


@pytest.mark.parametrize("size", ["fixture", "curated", "300", str(BULK_CLAIMS)])
def test_the_dataset_written_at_load_is_the_one_the_engine_builds_from_the_store(
    any_store: GraphStore, request: pytest.FixtureRequest, tmp_path: Path, size: str
) -> None:
    # the fixture folder and data/ have the real facts' fields (hedges, places, periods); below
    # BULK_CLAIMS the export is made by rdflib, from it on in bulk: both paths are checked
    if size in ("fixture", "curated"):
        facts: FactSet = request.getfixturevalue(f"{'small' if size == 'fixture' else size}_facts")
    else:
        facts = generate_facts(int(size), seed=7)
    root = tmp_path / "sparql"
    report = load_facts(any_store, facts, [SparqlDatasets(root)])
    assert report.derived == ("SPARQL dataset",)

    fingerprint = store_fingerprint(any_store)
    folder = find_dataset(root, fingerprint)
    assert folder is not None, f"no dataset for {fingerprint} in {_datasets(root)}"
    written = ox.Store.read_only(str(folder / "store"))
    at_load = _without_blank_nodes(set(written))
    from_store = _without_blank_nodes(set(dataset_quads(read_facts_from_store(any_store))))
    assert at_load == from_store
    assert len(at_load) > len(facts.claims)  # not vacuous
    manifest = read_manifest(folder)
    assert manifest is not None and manifest.quads == len(at_load)


def test_a_dataset_written_in_many_batches_holds_every_quad_once(
    any_store: GraphStore, curated_facts: FactSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the writer holds one batch at a time (memory bounded at 1M claims); 97 does not divide
    # the curated set's quad count, so the last batch is a short one
    monkeypatch.setattr("services.sparql.dataset.WRITE_BATCH_QUADS", 97)
    root = tmp_path / "sparql"
    load_facts(any_store, curated_facts, [SparqlDatasets(root)])
    folder = find_dataset(root, store_fingerprint(any_store))
    assert folder is not None
    written = list(ox.Store.read_only(str(folder / "store")))
    expected = set(dataset_quads(curated_facts))
    assert len(expected) % 97 != 0 and len(expected) > 10 * 97
    assert len(written) == len(expected) and set(written) == expected


def test_the_first_answer_after_a_load_comes_from_its_dataset(
    any_store: GraphStore,
    small_facts: FactSet,
    tmp_path: Path,
    engines: list[SparqlEngine],
    caplog: pytest.LogCaptureFixture,
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    engine = _engine(engines, any_store, root)
    with caplog.at_level(logging.INFO, logger="services.sparql.engine"):
        assert _claim_count(engine) == len(small_facts.claims)
    assert (engine.opened_from_load, engine.built_from_store) == (1, 0)
    assert any("opened from the load's folder" in r.getMessage() for r in caplog.records)
    assert not any("built from the store" in r.getMessage() for r in caplog.records)
    _claim_count(engine)  # the next query: the same dataset, nothing opened again
    assert (engine.opened_from_load, engine.built_from_store) == (1, 0)


def test_a_reload_flips_to_the_new_dataset_and_removes_the_old(
    any_store: GraphStore, small_facts: FactSet, tmp_path: Path, engines: list[SparqlEngine]
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    first = _datasets(root)
    assert first == [folder_name(any_store.generation())]
    engine = _engine(engines, any_store, root)
    assert _claim_count(engine) == len(small_facts.claims)  # an idle worker now has it open

    bigger = generate_facts(300, seed=3)
    load_facts(any_store, bigger, [SparqlDatasets(root)])
    second = _datasets(root)
    assert second == [folder_name(any_store.generation())]
    assert second != first
    assert _claim_count(engine) == len(bigger.claims)
    assert (engine.opened_from_load, engine.built_from_store) == (2, 0)


def test_a_failed_load_leaves_the_old_dataset_in_place(
    any_store: GraphStore, small_facts: FactSet, tmp_path: Path, engines: list[SparqlEngine]
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    before = _datasets(root)
    manifest_before = (root / before[0] / "dataset.json").read_text(encoding="utf-8")

    actor, source = next(iter(small_facts.entities)), next(iter(small_facts.sources))
    stray = Claim("x-broken", actor, "hostile_to", "nobody", source, "q", actor, "asserts")
    broken = FactSet(
        sources=small_facts.sources,
        entities=small_facts.entities,
        claims={**small_facts.claims, stray.id: stray},
    )
    with pytest.raises(StoreError):
        load_facts(any_store, broken, [SparqlDatasets(root)])
    assert _datasets(root) == before  # the old dataset, and no half-written one beside it
    assert (root / before[0] / "dataset.json").read_text(encoding="utf-8") == manifest_before
    engine = _engine(engines, any_store, root)
    assert _claim_count(engine) == len(small_facts.claims)
    assert (engine.opened_from_load, engine.built_from_store) == (1, 0)


def test_answers_from_the_load_s_dataset_equal_the_ones_built_from_the_store(
    any_store: GraphStore, tmp_path: Path, engines: list[SparqlEngine]
) -> None:
    facts = generate_facts(400, seed=11)
    root = tmp_path / "sparql"
    load_facts(any_store, facts, [SparqlDatasets(root)])
    at_load = _engine(engines, any_store, root)
    built = _engine(engines, any_store, tmp_path / "no-datasets-here")
    for text in QUERIES:
        assert _answer(at_load, text) == _answer(built, text), text
    assert (at_load.opened_from_load, at_load.built_from_store) == (1, 0)
    assert (built.opened_from_load, built.built_from_store) == (0, 1)


def test_a_store_written_outside_a_load_falls_back_to_building_from_it(
    any_store: GraphStore, small_facts: FactSet, tmp_path: Path, engines: list[SparqlEngine]
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    load_facts(any_store, small_facts)  # a load that writes no dataset: a new generation
    engine = _engine(engines, any_store, root)
    assert _claim_count(engine) == len(small_facts.claims)
    assert (engine.opened_from_load, engine.built_from_store) == (0, 1)


def test_a_worker_whose_dataset_a_newer_load_removed_answers_stale(
    any_store: GraphStore, small_facts: FactSet, tmp_path: Path
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    folder = find_dataset(root, store_fingerprint(any_store))
    assert folder is not None
    worker = _Worker(folder, generation=1)
    try:
        request = ("ASK { ?s ?p ?o }", "json", None, None, 2**20)
        assert worker.ask(request, 60.0)[0] == "ok"
        load_facts(any_store, small_facts, [SparqlDatasets(root)])  # retires the folder
        assert not folder.exists()
        assert worker.ask(request, 60.0)[0] == "stale"  # it never reads a deleted dataset
    finally:
        worker.kill()


def test_a_dataset_a_query_still_reads_is_deleted_only_by_a_later_load(
    any_store: GraphStore, small_facts: FactSet, tmp_path: Path
) -> None:
    root = tmp_path / "sparql"
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    (old,) = _datasets(root)
    with (root / old / "dataset.json").open("r") as reading:  # as a worker holds it mid-query
        fcntl.flock(reading.fileno(), fcntl.LOCK_SH)
        load_facts(any_store, small_facts, [SparqlDatasets(root, in_use_wait_s=0.0)])
        new = folder_name(any_store.generation())
        assert _datasets(root) == sorted([old, new])  # the new one is live, the old one kept
    load_facts(any_store, small_facts, [SparqlDatasets(root)])
    assert _datasets(root) == [folder_name(any_store.generation())]


def test_a_running_load_is_seen_and_waited_for(tmp_path: Path) -> None:
    root = tmp_path / "sparql"
    assert not wait_for_load(root, 0.0)  # no load ever ran
    with SparqlDatasets(root):
        assert wait_for_load(root, 0.0)  # a load holds the lock
    assert not wait_for_load(root, 0.0)
    with (root / LOAD_LOCK).open("r") as other:  # and the lock is the kernel's, not a file
        fcntl.flock(other.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)


def test_each_store_has_its_own_datasets_and_no_password_names_them(tmp_path: Path) -> None:
    base = Settings(sparql_dir=tmp_path)
    one = dataset_root(base.model_copy(update={"db_path": tmp_path / "a.db"}))
    other = dataset_root(base.model_copy(update={"db_path": tmp_path / "b.db"}))
    graph = dataset_root(base.model_copy(update={"db_path": tmp_path / "a.db", "graph_name": "g"}))
    neo4j = dataset_root(base.model_copy(update={"backend": "neo4j"}))
    assert len({one, other, graph, neo4j}) == 4
    assert all(root.parent == tmp_path for root in (one, other, graph, neo4j))
    secret = base.model_copy(update={"backend": "neo4j", "neo4j_password": "s3cret"})
    assert dataset_root(secret) == neo4j
    with pytest.raises(ValueError, match="empty"):
        Settings(sparql_dir="")


def _cli_load(tmp_path: Path, sources_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ACTORGRAPH_BACKEND": "falkordb",
        "ACTORGRAPH_DB_PATH": str(tmp_path / "var" / "actorgraph.db"),
        "ACTORGRAPH_SPARQL_DIR": str(tmp_path / "var" / "sparql"),
        "ACTORGRAPH_SOURCES_DIR": str(sources_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "load", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_actorgraph_load_writes_the_dataset_and_invalid_facts_leave_it(
    tmp_path: Path, sources_dir: Path
) -> None:
    settings = Settings(
        backend="falkordb",
        db_path=tmp_path / "var" / "actorgraph.db",
        sparql_dir=tmp_path / "var" / "sparql",
    )
    root = dataset_root(settings)
    done = _cli_load(tmp_path, sources_dir, "--data", str(VALID))
    assert done.returncode == 0, done.stderr
    assert "for the SPARQL dataset" in done.stdout
    written = _datasets(root)
    assert len(written) == 1

    broken = fact_folder(tmp_path / "broken", "unknown-actor")
    failed = _cli_load(tmp_path, sources_dir, "--data", str(broken))
    assert failed.returncode == 1
    assert "nothing loaded" in failed.stderr
    assert _datasets(root) == written

    skipped = _cli_load(tmp_path, sources_dir, "--data", str(VALID), "--no-sparql-dataset")
    assert skipped.returncode == 0, skipped.stderr
    assert "SPARQL" not in skipped.stdout
    assert _datasets(root) == written  # left for a generation that is no longer the store's
