"""Facts to compare or to match against the releases: a release, a fact folder, the store.

``open_snapshot`` reads either side of ``actorgraph diff`` (a release, its ``release.json``, a
version in the releases folder, or a fact folder) into a ``FactSet`` with its content hash;
``StoreFingerprints`` gives the hash and counts of the graph a store serves, for ``/version``,
reading the store again only after a load.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from ontology.fact_files import read_fact_files
from ontology.facts import FactSet
from ontology.fingerprint import Fingerprint, content_hash, fingerprint
from services.export.snapshot import read_facts_from_store
from services.release import RELEASE_FILE, Release, ReleaseError, read_release, release_facts


@dataclass(frozen=True)
class Snapshot:
    """A set of facts to compare, and where it came from."""

    label: str
    facts: FactSet
    content_hash: str
    release: Release | None

    def to_json(self) -> dict[str, Any]:
        """What a JSON diff says of each side."""
        return {
            "label": self.label,
            "version": self.release.version if self.release else None,
            "date": self.release.date if self.release else None,
            "content_hash": self.content_hash,
        }


def open_snapshot(path: Path, releases_dir: Path) -> Snapshot:
    """The facts at ``path``: a release folder or its ``release.json``, a fact folder (a
    ``data/`` folder, read without checking quotes), or the version of a release in
    ``releases_dir``. ``ReleaseError`` when it is none of these, or does not read."""
    if (path.is_file() and path.name == RELEASE_FILE) or (path / RELEASE_FILE).is_file():
        release = read_release(path)
        facts = release_facts(release)  # checked against release.content_hash
        label = f"release {release.version} of {release.date}"
        return Snapshot(label, facts, release.content_hash, release)
    if path.is_dir():
        facts, errors = read_fact_files(path)
        if errors:
            raise ReleaseError(
                f"{path}: {len(errors)} error(s) in the fact files, the first: {errors[0]} "
                f"(actorgraph validate --data {path} lists them)"
            )
        return Snapshot(f"fact folder {path}", facts, content_hash(facts), None)
    named = releases_dir / str(path)
    if len(path.parts) == 1 and (named / RELEASE_FILE).is_file():
        return open_snapshot(named, releases_dir)
    raise ReleaseError(f"{path}: no release folder, release.json, fact folder or release version")


class StoreFingerprints:
    """The fingerprint of the graph in a store, computed once per store generation.

    Reading the whole graph back costs seconds at 100k claims; the generation changes with
    every load and only then (``GraphStore.generation``), so it is an exact cache key.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one computation at a time; the others wait for it
        self._cached: tuple[GraphStore, str, Fingerprint] | None = None

    def of(self, store: GraphStore) -> Fingerprint:
        """The content hash and counts of what ``store`` holds now."""
        generation = store.generation()  # before the read: a load meanwhile is seen next time
        with self._lock:
            cached = self._cached
            if cached is not None and cached[0] is store and cached[1] == generation:
                return cached[2]
            found = fingerprint(read_facts_from_store(store))
            self._cached = (store, generation, found)
            return found
