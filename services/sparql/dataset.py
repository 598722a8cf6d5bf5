"""The SPARQL dataset written at load time: an on-disk pyoxigraph store per graph generation.

``actorgraph load`` builds the dataset from the facts it loads (``dataset_quads``: the same
quads the engine would build by reading the store back) into a pyoxigraph store on disk, and
flips it with the graph (``SparqlDatasets``, a ``loaders.load.DerivedData``). The engine then
opens it read-only in its workers instead of building it on the first query (``find_dataset``).

One folder per graph store, ``dataset_root(settings)``: ``ACTORGRAPH_SPARQL_DIR`` /
``<backend>-<hash of where the store is>``, so two stores (an embedded file and a Neo4j
database, or two files) never share datasets. Inside it:

- ``g-<generation>/``: the dataset of one graph generation: ``dataset.json`` (the manifest: the
  generation and the counts the engine checks against the store) and ``store/`` (pyoxigraph);
- ``.build-<hex>/``: a dataset being written, which nothing reads; renamed to ``g-...`` only
  once complete, after the graph's flip, so a half-written dataset is never visible;
- ``.trash-<hex>/``: an old dataset being deleted;
- ``load.lock``: held (exclusive) by a load from start to end, so two loads never label each
  other's dataset with their generation; the engine waits on it when it finds the store at a
  generation whose dataset is not there yet (the instant between the flip and the rename).

A worker takes a shared lock on its folder's manifest while it answers a query; a load deletes an
older folder only under an exclusive lock on it, after moving it away, so a query that began
before a reload finishes on the dataset it started with (``services.sparql.worker``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import IO, NamedTuple

import pyoxigraph as ox

from actorgraph.backends import get_backend
from actorgraph.settings import Settings
from graph.store import GraphStore, StoreError
from loaders.load import DerivedData
from ontology.facts import FactSet
from ontology.namespace import AGD
from ontology.vocabulary import vocabulary
from services.export import assertion_graph_name, export_quads
from services.export.snapshot import store_counts
from services.sparql.worker import MANIFEST, STORE

log = logging.getLogger(__name__)

LOAD_LOCK = "load.lock"
MANIFEST_FORMAT = 1
LOAD_LOCK_WAIT_S = 600.0  # a load waits this long for another load of the same store
IN_USE_WAIT_S = 30.0  # a load waits this long for a query on an old dataset to end
WRITE_BATCH_QUADS = 50_000  # quads held in memory at once while the dataset is written
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class DatasetBusy(StoreError):
    """Another load of the same store holds the datasets' lock."""


class Fingerprint(NamedTuple):
    """What a dataset is the dataset of: the store's counts and its load generation.

    The generation changes with every load, so a reload that keeps the counts is seen; the
    counts catch a write made outside a load (tests write that way).
    """

    entities: int
    sources: int
    claims: int
    generation: str


def store_fingerprint(store: GraphStore) -> Fingerprint:
    """The fingerprint of what ``store`` holds now."""
    counts = store_counts(store)
    return Fingerprint(counts.entities, counts.sources, counts.claims, store.generation())


def dataset_quads(facts: FactSet) -> Iterator[ox.Quad]:
    """The SPARQL dataset: the plain export in the default graph, each assertion in its graph."""
    yield from export_quads(facts, dataset=False)
    iris = {key: ox.NamedNode(str(rel.uri)) for key, rel in vocabulary().relations.items()}
    for claim in facts.claims.values():
        yield ox.Quad(
            ox.NamedNode(str(AGD[claim.subject])),
            iris[claim.relation],
            ox.NamedNode(str(AGD[claim.object])),
            ox.NamedNode(str(assertion_graph_name(claim.id))),
        )


def dataset_root(settings: Settings) -> Path:
    """The folder of the datasets of the store ``settings`` name (under ACTORGRAPH_SPARQL_DIR).

    Named by the backend and a hash of the settings that locate its store (the embedded file and
    graph name, or the Neo4j URI, user and database; never a password).
    """
    backend = get_backend(settings.backend)
    where = []
    for field in backend.settings:
        if "password" in field:
            continue
        value = getattr(settings, field)
        where.append(f"{field}={value.resolve() if isinstance(value, Path) else value}")
    digest = hashlib.sha256("\n".join(where).encode()).hexdigest()[:12]
    return settings.sparql_dir / f"{backend.name}-{digest}"


def folder_name(generation: str) -> str:
    """The folder of a generation's dataset: readable, and exact through a hash."""
    digest = hashlib.sha256(generation.encode()).hexdigest()[:8]
    return f"g-{_UNSAFE.sub('_', generation)[:80]}-{digest}"


@dataclass(frozen=True)
class Manifest:
    """``dataset.json``: what the dataset beside it holds."""

    generation: str
    entities: int
    sources: int
    claims: int
    quads: int
    format: int = MANIFEST_FORMAT

    @property
    def fingerprint(self) -> Fingerprint:
        return Fingerprint(self.entities, self.sources, self.claims, self.generation)


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of a dataset folder; ``None`` when it is missing, unreadable or foreign."""
    try:
        fields = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(**fields)
    except (OSError, ValueError, TypeError):
        return None
    return manifest if manifest.format == MANIFEST_FORMAT else None


def find_dataset(root: Path, fingerprint: Fingerprint) -> Path | None:
    """The folder of the dataset written at load for ``fingerprint``, if there is one."""
    folder = root / folder_name(fingerprint.generation)
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    if manifest.fingerprint != fingerprint:  # a write outside a load, or a reset Neo4j counter
        log.info("SPARQL dataset %s is for %s, not %s: not used", folder, manifest, fingerprint)
        return None
    return folder


def _locked(path: Path, mode: str, operation: int, wait_s: float) -> IO[str] | None:
    """``path`` opened and locked (``fcntl.LOCK_SH`` or ``LOCK_EX``) within ``wait_s``.

    ``None`` when the lock is still taken at the end; the kernel drops it with the process.
    """
    handle = path.open(mode)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(handle.fileno(), operation | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                return None
            time.sleep(0.05)


def wait_for_load(root: Path, wait_s: float) -> bool:
    """Whether a load of this store was running; if so, wait (at most ``wait_s``) for its end."""
    try:
        handle = _locked(root / LOAD_LOCK, "r", fcntl.LOCK_SH, 0.0)
    except OSError:
        return False  # no load ever ran here
    if handle is not None:
        handle.close()
        return False
    log.info("waiting for the load that is writing the SPARQL dataset")
    handle = _locked(root / LOAD_LOCK, "r", fcntl.LOCK_SH, wait_s)
    if handle is not None:
        handle.close()
    return True


def _write_store(path: Path, quads: Iterable[ox.Quad]) -> None:
    """A pyoxigraph store at ``path`` holding ``quads``, compacted, and closed on return.

    Compacted (``optimize``): the bulk writer leaves overlapping files, and a query then looks in
    each; at 100k claims compacting costs about 3 s once and halves the example queries' time.
    Closed, because opening a store read-only while a writer has it open is undefined.

    Written in batches of ``WRITE_BATCH_QUADS``: ``bulk_extend`` collects everything it is given
    before it writes, so one call held the whole dataset in memory (3M quads: 1.7 GiB). At 300k
    claims (5.2M quads) the writer adds 242 MiB to the process in batches of 200k quads and
    135 MiB in batches of 50k, for 9% more time.
    """
    store = ox.Store(str(path))
    batches = iter(quads)
    while batch := list(islice(batches, WRITE_BATCH_QUADS)):
        store.bulk_extend(batch)
    store.optimize()
    store.flush()


def _counted(quads: Iterable[ox.Quad], tally: list[int]) -> Iterator[ox.Quad]:
    for quad in quads:
        tally[0] += 1
        yield quad


class SparqlDatasets(DerivedData):
    """Writes the SPARQL dataset of each load into ``root`` and flips it with the graph."""

    name = "SPARQL dataset"

    def __init__(
        self,
        root: Path,
        *,
        lock_wait_s: float = LOAD_LOCK_WAIT_S,
        in_use_wait_s: float = IN_USE_WAIT_S,
    ) -> None:
        self.root = root
        self.lock_wait_s = lock_wait_s
        self.in_use_wait_s = in_use_wait_s
        self._lock: IO[str] | None = None
        self._building: Path | None = None
        self._contents: Manifest | None = None

    def __enter__(self) -> SparqlDatasets:
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = _locked(self.root / LOAD_LOCK, "a", fcntl.LOCK_EX, self.lock_wait_s)
        if self._lock is None:
            raise DatasetBusy(
                f"another load of this store is still running after {self.lock_wait_s:.0f} s "
                f"(it holds {self.root / LOAD_LOCK})"
            )
        return self

    def build(self, facts: FactSet) -> None:
        """Write the dataset of ``facts`` into a new ``.build-...`` folder.

        A full disk or a folder that cannot be written is logged and the load goes on without
        a dataset (the engine then builds it on first use); any other error fails the load.
        """
        folder = self.root / f".build-{uuid.uuid4().hex[:12]}"
        self._building = folder
        tally = [0]
        failure = None
        try:
            folder.mkdir()
            _write_store(folder / STORE, _counted(dataset_quads(facts), tally))
        except OSError as exc:
            failure = str(exc)
        if failure is not None:  # out of the handler: the store is closed before it is removed
            log.warning("no SPARQL dataset written at load (%s): built on first use", failure)
            self._discard()
            return
        self._contents = Manifest(
            generation="",  # known at the flip
            entities=len(facts.entities),
            sources=len(facts.sources),
            claims=len(facts.claims),
            quads=tally[0],
        )

    def publish(self, generation: str) -> bool:
        """Rename the built folder to ``generation``'s, then delete every other dataset."""
        if self._building is None or self._contents is None:
            return False
        target = self.root / folder_name(generation)
        manifest = Manifest(**{**asdict(self._contents), "generation": generation})
        try:
            (self._building / MANIFEST).write_text(json.dumps(asdict(manifest)), "utf-8")
            if target.exists():  # a Neo4j database emptied and loaded again counts from 0
                self._retire(target)
            os.rename(self._building, target)
        except OSError as exc:
            log.warning("SPARQL dataset not published (%s): built on first use instead", exc)
            return False
        self._building = None
        log.info("SPARQL dataset of generation %s written: %d quads", generation, manifest.quads)
        for folder in sorted(self.root.iterdir()):
            if folder != target and folder.is_dir():
                self._retire(folder)
        return True

    def close(self) -> None:
        """Remove an unpublished build; release the lock."""
        self._discard()
        if self._lock is not None:
            self._lock.close()  # closing the descriptor releases the lock
            self._lock = None

    def _discard(self) -> None:
        if self._building is not None:
            shutil.rmtree(self._building, ignore_errors=True)
            self._building = None

    def _retire(self, folder: Path) -> None:
        """Delete a dataset folder once no query reads it: moved away first, then removed."""
        trash = self.root / f".trash-{uuid.uuid4().hex[:12]}"
        in_use: IO[str] | None = None
        try:
            if (folder / MANIFEST).exists():
                in_use = _locked(folder / MANIFEST, "r", fcntl.LOCK_EX, self.in_use_wait_s)
                if in_use is None:
                    log.warning("SPARQL dataset %s is still being read: deleted next load", folder)
                    return
            os.rename(folder, trash)
        except OSError as exc:
            log.warning("could not delete the old SPARQL dataset %s: %s", folder, exc)
            return
        finally:
            if in_use is not None:
                in_use.close()
        shutil.rmtree(trash, ignore_errors=True)
