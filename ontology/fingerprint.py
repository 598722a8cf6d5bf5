"""The content hash of a ``FactSet``: one name for "these facts", wherever they were read from.

A citable release must say which facts it holds in a way anyone can check again: the curated
fact folder, the same facts read back from a graph store, or a release's ``facts.json`` must all
give the same hash. So the hash is taken over a canonical form that keeps only what the facts
say, not where they were read from:

- every source, entity and claim, each as a JSON object of its fields (``origin``, the file and
  line, left out), sorted by id;
- a field at its default (no ``url``, no ``valid_from``, an empty note) left out, so adding an
  optional field to the records does not change the hash of facts that do not use it;
- aliases sorted (RDF and the stores keep no order for them);
- JSON with sorted keys, no whitespace, UTF-8; the hash is ``sha256:<hex>`` of those bytes.

The same canonical form is what a release writes as ``facts.json``, and ``facts_from_canonical``
reads it back, so a later diff needs nothing but the release folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.vocabulary import KINDS, vocabulary

HASH_ALGORITHM = "sha256"
UNRELEASED = "unreleased"
"""The version the RDF export gives facts that match no release."""

Record = SourceDocument | Entity | Claim
SECTIONS: tuple[tuple[str, type[Record]], ...] = (
    ("sources", SourceDocument),
    ("entities", Entity),
    ("claims", Claim),
)
"""The parts of the canonical form, in order: its key and the record type it holds."""

_NOT_CONTENT = frozenset({"origin"})  # where a record was read from, not what it says


_NO_DEFAULT = object()
_PLANS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _plan(record_type: type[Any]) -> tuple[tuple[str, Any], ...]:
    """Each content field of a record type, and its default as JSON holds it (or none).

    Made once per type: the hash walks every record of a graph of 100k claims.
    """
    known = _PLANS.get(record_type)
    if known is not None:
        return known
    plan = []
    for f in fields(record_type):
        if f.name in _NOT_CONTENT:
            continue
        default: Any = _NO_DEFAULT
        if f.default is not MISSING:
            default = f.default
        elif f.default_factory is not MISSING:
            default = f.default_factory()
        plan.append((f.name, list(default) if isinstance(default, tuple) else default))
    found = _PLANS[record_type] = tuple(plan)
    return found


def content_fields(record_type: type[Any]) -> tuple[str, ...]:
    """The fields of a record type that are content: every field but its origin."""
    return tuple(name for name, _ in _plan(record_type))


def _json(name: str, value: Any) -> Any:
    """A field's value as JSON holds it: aliases as a sorted list (their order carries no
    meaning: RDF and the stores keep none), other tuples as lists."""
    if isinstance(value, tuple):
        return sorted(value) if name == "aliases" else list(value)
    return value


def record_values(record: Record) -> dict[str, Any]:
    """Every content field of ``record`` and its value as JSON holds it."""
    return {name: _json(name, getattr(record, name)) for name, _ in _plan(type(record))}


def canonical_record(record: Record) -> dict[str, Any]:
    """``record_values`` without the fields left at their defaults.

    Written for speed (the export hashes every record it writes): the record's ``vars`` and
    one type test a field, where ``getattr`` and ``_json`` cost a third more.
    """
    values = vars(record)
    found: dict[str, Any] = {}
    for name, default in _plan(type(record)):
        value = values[name]
        if value.__class__ is tuple:
            value = sorted(value) if name == "aliases" else list(value)
        if value != default:
            found[name] = value
    return found


def canonical_facts(facts: FactSet) -> dict[str, list[dict[str, Any]]]:
    """The canonical form of ``facts``: each section's records as JSON objects, by id."""
    sections: dict[str, Mapping[str, Record]] = {
        "sources": facts.sources,
        "entities": facts.entities,
        "claims": facts.claims,
    }
    return {
        key: [canonical_record(records[i]) for i in sorted(records)]
        for key, records in sections.items()
    }


def canonical_json(canonical: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, no whitespace, UTF-8 (not ASCII-escaped)."""
    return json.dumps(
        canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


HASH_BATCH = 10_000  # records made canonical and serialised at once


def content_hash(facts: FactSet) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``facts``: ``hash_canonical(canonical_facts(
    facts))``, the same bytes fed to the hash a batch of records at a time.

    Building the canonical form of a million claims and its JSON at once held about 800 MiB
    through the SPARQL dataset's build and every export; a batch's JSON array, brackets
    stripped, is exactly its part of the whole array's.
    """
    digest = hashlib.new(HASH_ALGORITHM)
    sections: dict[str, Mapping[str, Record]] = {
        "sources": facts.sources,
        "entities": facts.entities,
        "claims": facts.claims,
    }
    digest.update(b"{")
    for n, key in enumerate(sorted(sections)):  # canonical_json sorts the keys
        records = sections[key]
        digest.update((b"," if n else b"") + canonical_json({key: []})[1:-2])  # '"key":['
        ids = sorted(records)
        for first in range(0, len(ids), HASH_BATCH):
            batch = [canonical_record(records[i]) for i in ids[first : first + HASH_BATCH]]
            digest.update((b"," if first else b"") + canonical_json({"": batch})[5:-2])
        digest.update(b"]")
    digest.update(b"}")
    return f"{HASH_ALGORITHM}:{digest.hexdigest()}"


def hash_canonical(canonical: Mapping[str, Any]) -> str:
    """The content hash of a canonical form already made (``facts.json`` read back)."""
    digest = hashlib.new(HASH_ALGORITHM, canonical_json(canonical)).hexdigest()
    return f"{HASH_ALGORITHM}:{digest}"


def _record_from[R: Record](record_type: type[R], data: object, where: str) -> R:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    known = set(content_fields(record_type))
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    try:
        return record_type(**values)
    except TypeError as exc:  # a required field missing
        raise ValueError(f"{where}: {exc}") from None


def facts_from_canonical(canonical: Mapping[str, Any]) -> FactSet:
    """The ``FactSet`` a canonical form holds (the inverse of ``canonical_facts``).

    ``ValueError`` names the first record that is not one: a release's ``facts.json`` edited by
    hand, or written by a version of actorgraph with fields this one does not know.
    """
    facts = FactSet()
    targets: dict[str, dict[str, Any]] = {
        "sources": facts.sources,
        "entities": facts.entities,
        "claims": facts.claims,
    }
    for key, record_type in SECTIONS:
        items = canonical.get(key, [])
        if not isinstance(items, list):
            raise ValueError(f"{key}: expected a list")
        for index, item in enumerate(items):
            record = _record_from(record_type, item, f"{key}[{index}]")
            targets[key][record.id] = record
    return facts


@dataclass(frozen=True)
class FactCounts:
    """How much the facts hold. ``relations`` counts distinct edges (subject, relation, object),
    a symmetric pair once: what the graph draws, however many claims back each."""

    sources: int
    entities: int
    entities_by_kind: dict[str, int] = field(hash=False)
    claims: int
    relations: int

    def as_dict(self) -> dict[str, Any]:
        """The counts as JSON holds them (``release.json``, ``/version``)."""
        return {
            "sources": self.sources,
            "entities": self.entities,
            "entities_by_kind": dict(self.entities_by_kind),
            "claims": self.claims,
            "relations": self.relations,
        }


def count_facts(facts: FactSet) -> FactCounts:
    """The counts of ``facts``; entities by their class's kind (Actor, Event, Place)."""
    classes = vocabulary().classes
    by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
    for entity in facts.entities.values():
        cls = classes.get(entity.class_key)
        if cls is not None:
            by_kind[cls.kind] += 1
    return FactCounts(
        sources=len(facts.sources),
        entities=len(facts.entities),
        entities_by_kind=by_kind,
        claims=len(facts.claims),
        relations=len(facts.claims_by_edge()),
    )


@dataclass(frozen=True)
class Fingerprint:
    """What identifies a set of facts: its content hash, and the counts a reader checks first."""

    content_hash: str
    counts: FactCounts


def fingerprint(facts: FactSet) -> Fingerprint:
    """The content hash and counts of ``facts``."""
    return Fingerprint(content_hash=content_hash(facts), counts=count_facts(facts))


@dataclass(frozen=True)
class DatasetVersion:
    """What the RDF export says of the data it holds: the release's version and date, or
    ``unreleased`` (no date), and always the content hash, so a reader can tell which facts."""

    version: str
    content_hash: str
    date: str | None = None  # ISO date of the release

    @classmethod
    def unreleased(cls, facts: FactSet) -> DatasetVersion:
        """Facts that match no release: version ``unreleased``, their hash, no date."""
        return cls(version=UNRELEASED, content_hash=content_hash(facts))
