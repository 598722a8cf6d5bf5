"""The benchmark's synthetic fact sets: repeatable, and valid against the ontology."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bench.generate import SIZES, generate_facts, parse_size
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@pytest.fixture(scope="module")
def facts() -> FactSet:
    return generate_facts(SIZES["1k"], seed=11)


def test_same_seed_gives_the_same_facts(facts: FactSet) -> None:
    again = generate_facts(SIZES["1k"], seed=11)
    assert again.sources == facts.sources
    assert again.entities == facts.entities
    assert again.claims == facts.claims
    assert list(again.claims) == list(facts.claims)  # same order too: loads repeat exactly


def test_another_seed_gives_other_facts(facts: FactSet) -> None:
    assert generate_facts(SIZES["1k"], seed=12).claims != facts.claims


@pytest.mark.parametrize("size", ["1k", "10k"])
def test_size_is_about_the_requested_number_of_claims(size: str) -> None:
    wanted = SIZES[size]
    got = len(generate_facts(wanted).claims)
    assert wanted <= got < wanted + 5  # the last relation may carry up to 4 claims more


def test_every_class_and_relation_type_is_present(facts: FactSet) -> None:
    vocab = vocabulary()
    assert {e.class_key for e in facts.entities.values()} == set(vocab.classes)
    assert {c.relation for c in facts.claims.values()} == set(vocab.relations)


def test_subjects_and_objects_fit_domain_and_range(facts: FactSet) -> None:
    vocab = vocabulary()
    for claim in facts.claims.values():
        relation = vocab.relations[claim.relation]
        subject = facts.entities[claim.subject]
        obj = facts.entities[claim.object]
        assert vocab.accepts(subject.class_key, relation.domain), claim
        assert vocab.accepts(obj.class_key, relation.range), claim
        assert claim.subject != claim.object


def test_every_reference_resolves(facts: FactSet) -> None:
    vocab = vocabulary()
    for claim in facts.claims.values():
        assert claim.source in facts.sources
        claimant = facts.entities[claim.claimant]
        assert vocab.classes[claimant.class_key].kind == "Actor"
        assert claim.quote
    for source in facts.sources.values():
        assert facts.entities[source.author].class_key in ("person", "media_outlet")


def test_ids_are_slugs_and_unique_across_records(facts: FactSet) -> None:
    ids = [*facts.sources, *facts.entities, *facts.claims]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)


def test_each_relation_has_one_to_five_claims(facts: FactSet) -> None:
    per_edge = Counter(len(claims) for claims in facts.claims_by_edge().values())
    assert set(per_edge) <= {1, 2, 3, 4, 5}
    assert len(per_edge) == 5  # every count from 1 to 5 occurs


def test_symmetric_relations_join_a_pair_once(facts: FactSet) -> None:
    vocab = vocabulary()
    pairs = Counter(
        (frozenset((s, o)), r) for s, r, o in facts.claims_by_edge() if vocab.relations[r].symmetric
    )
    assert all(n == 1 for n in pairs.values())


def test_both_stances_and_contested_edges_occur(facts: FactSet) -> None:
    stances = Counter(c.stance for c in facts.claims.values())
    assert stances["asserts"] > stances["denies"] > 0
    contested = [
        claims
        for claims in facts.claims_by_edge().values()
        if {c.stance for c in claims} == {"asserts", "denies"}
    ]
    assert contested


def test_dates_are_iso_at_stated_precision(facts: FactSet) -> None:
    iso = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for claim in facts.claims.values():
        for value in (claim.stated_on, claim.valid_from, claim.valid_until):
            assert value is None or iso.match(value)
    events = [
        e for e in facts.entities.values() if vocabulary().classes[e.class_key].kind == "Event"
    ]
    assert events and all(e.date and iso.match(e.date) for e in events)


@pytest.mark.parametrize(
    ("text", "claims"), [("1k", 1000), ("10K", 10_000), ("1m", 10**6), ("250", 250)]
)
def test_parse_size(text: str, claims: int) -> None:
    assert parse_size(text) == claims


def test_parse_size_names_the_bad_value() -> None:
    with pytest.raises(ValueError, match="'ten'"):
        parse_size("ten")
