"""Synthetic fact sets that follow the ontology, for measuring how actorgraph's cost grows.

``generate_facts(claims, seed)`` builds a ``FactSet`` of about ``claims`` claims: actors of every
actor class, events and places of every class, relations of every relation type (each subject
and object of a class the relation's domain and range accept), 1 to 5 claims per relation, each
citing one of a pool of synthetic sources with a quote, a claimant and a stance (about one claim
in ten denies, so some edges are contested), and dates. The same ``claims`` and ``seed`` give an
identical ``FactSet``.

Endpoints are drawn with a skew (a few hubs, many entities with few relations) as in real event
datasets; that also gives the benchmark an actor with about 100 relations to query at 10k claims
and up. Plain loops and ``random.Random`` only: 1M claims take seconds, not minutes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ontology.facts import Claim, Entity, FactSet, SourceDocument, Stance
from ontology.vocabulary import EntityClass, Vocabulary, vocabulary

SIZES: dict[str, int] = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
"""The named sizes of the benchmark, in claims."""

CLAIMS_PER_ENTITY = 12  # about 4 relations per entity: sparse, as event datasets are
CLAIMS_PER_SOURCE = 40
MIN_ENTITIES_PER_CLASS = 2  # every class present, and two of each so a relation can join them
DENY_RATE = 0.1
_SKEW = 2.0  # index = n * u**_SKEW: P(index < k) = (k/n)**(1/_SKEW); a few hubs, a long tail
_KIND_SHARE = {"Actor": 0.6, "Event": 0.25, "Place": 0.15}
_MAX_DRAWS_PER_RELATION = 50  # bounded retries when a drawn edge is a loop or a duplicate
_SIZE = re.compile(r"^(\d+)([km]?)$")


def parse_size(text: str) -> int:
    """A size such as ``"10k"``, ``"1m"`` or ``"2500"`` as a number of claims."""
    match = _SIZE.match(text.strip().lower())
    if match is None:
        raise ValueError(f"size {text!r}: expected a number with an optional k or m suffix")
    number, suffix = int(match.group(1)), match.group(2)
    return number * {"": 1, "k": 1_000, "m": 1_000_000}[suffix]


@dataclass(frozen=True)
class _Pools:
    """Entity ids by the graph label a relation's domain or range names (kinds and classes)."""

    by_label: dict[str, list[str]]

    def eligible(self, label: str) -> list[str]:
        return self.by_label[label]


def _date(rng: random.Random, first_year: int = 2001, last_year: int = 2024) -> str:
    year = rng.randint(first_year, last_year)
    precision = rng.random()
    if precision < 0.15:
        return f"{year:04d}"
    if precision < 0.35:
        return f"{year:04d}-{rng.randint(1, 12):02d}"
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _class_counts(vocab: Vocabulary, entities: int) -> dict[str, int]:
    """How many entities of each class: shares by kind, spread evenly over a kind's classes."""
    counts: dict[str, int] = {}
    for kind, share in _KIND_SHARE.items():
        classes = sorted(vocab.classes_of(kind))  # type: ignore[arg-type]
        per_class = max(MIN_ENTITIES_PER_CLASS, round(entities * share / len(classes)))
        for key in classes:
            counts[key] = per_class
    return counts


def _entities(vocab: Vocabulary, rng: random.Random, total: int) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    prefix = {"Actor": "a", "Event": "e", "Place": "p"}
    serial = 0
    for key, count in _class_counts(vocab, total).items():
        cls: EntityClass = vocab.classes[key]
        for _ in range(count):
            serial += 1
            entity_id = f"{prefix[cls.kind]}{serial}"
            name = f"{cls.label.title()} {serial}"
            is_event = cls.kind == "Event"
            date = _date(rng) if is_event else None
            end_date = date if is_event and rng.random() < 0.3 else None
            entities[entity_id] = Entity(
                id=entity_id,
                name=name,
                class_key=key,
                aliases=(f"{cls.label} no. {serial}",) if serial % 3 == 0 else (),
                description=f"Synthetic {cls.label} number {serial}.",
                date=date,
                end_date=end_date,
            )
    return entities


def _pools(vocab: Vocabulary, entities: dict[str, Entity], rng: random.Random) -> _Pools:
    labels = {r.domain for r in vocab.relations.values()} | {
        r.range for r in vocab.relations.values()
    }
    by_label: dict[str, list[str]] = {}
    for label in sorted(labels):
        ids = [e.id for e in entities.values() if vocab.accepts(e.class_key, label)]
        if len(ids) < 2:
            raise ValueError(f"label {label!r}: fewer than two entities to join")
        rng.shuffle(ids)  # hubs of every class, not only of the first class generated
        by_label[label] = ids
    return _Pools(by_label)


def _sources(rng: random.Random, count: int, authors: list[str]) -> dict[str, SourceDocument]:
    publishers = ("Synthetic Wire", "Bench Monitor", "Test Gazette", "Sample Review")
    sources: dict[str, SourceDocument] = {}
    for n in range(1, count + 1):
        source_id = f"s{n}"
        sources[source_id] = SourceDocument(
            id=source_id,
            file=f"{source_id}.txt",
            title=f"Synthetic report {n}",
            publisher=publishers[n % len(publishers)],
            author=authors[rng.randrange(len(authors))],
            published=_date(rng, 2010, 2024),
            url=f"https://example.org/bench/{source_id}" if n % 2 == 0 else None,
        )
    return sources


def _pick(rng: random.Random, pool: list[str]) -> str:
    return pool[int(len(pool) * rng.random() ** _SKEW)]


def generate_facts(claims: int, seed: int = 7) -> FactSet:
    """A ``FactSet`` of about ``claims`` claims (never fewer), the same for the same seed."""
    if claims < 1:
        raise ValueError(f"claims: must be at least 1, not {claims}")
    vocab = vocabulary()
    rng = random.Random(seed)
    entities = _entities(vocab, rng, max(1, claims // CLAIMS_PER_ENTITY))
    pools = _pools(vocab, entities, rng)
    actors = pools.eligible("Actor")
    authors = [e.id for e in entities.values() if e.class_key in ("person", "media_outlet")]
    sources = _sources(rng, max(5, claims // CLAIMS_PER_SOURCE), sorted(authors))
    source_ids = list(sources)
    relations = list(vocab.relations.values())
    facts = FactSet(sources=sources, entities=entities)
    out = facts.claims
    seen: set[tuple[str, str, str]] = set()
    serial = 0
    turn = 0
    misses = 0  # relation types in a row that found no new edge
    while serial < claims:
        if misses >= len(relations):
            raise ValueError(f"claims: {claims} is more than the generated entities can join")
        rel = relations[turn % len(relations)]  # round robin: every relation type present
        turn += 1
        subjects, objects = pools.eligible(rel.domain), pools.eligible(rel.range)
        for _ in range(_MAX_DRAWS_PER_RELATION):
            subject, obj = _pick(rng, subjects), _pick(rng, objects)
            key = (subject, rel.key, obj)
            mirror = (obj, rel.key, subject)
            if subject != obj and key not in seen and not (rel.symmetric and mirror in seen):
                break
        else:
            misses += 1
            continue  # this relation type is saturated at this size; the next may not be
        misses = 0
        seen.add(key)
        for _ in range(rng.randint(1, 5)):
            serial += 1
            stance: Stance = "denies" if rng.random() < DENY_RATE else "asserts"
            claim_id = f"c{serial}"
            out[claim_id] = Claim(
                id=claim_id,
                subject=subject,
                relation=rel.key,
                object=obj,
                source=source_ids[rng.randrange(len(source_ids))],
                quote=f"Report {serial}: {subject} {rel.label} {obj}.",
                claimant=actors[rng.randrange(len(actors))],
                stance=stance,
                stated_on=_date(rng, 2010, 2024),
                valid_from=_date(rng) if rng.random() < 0.3 else None,
                valid_until=_date(rng) if rng.random() < 0.1 else None,
            )
    return facts
