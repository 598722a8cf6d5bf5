"""Citable releases: the content hash, ``actorgraph release`` and ``actorgraph diff``.

The hash must name the facts wherever they were read from (the fact folder, a store, a
release's ``facts.json``); a release is written once and never replaced; a diff names exactly
the claims, fields and relations that changed, and is empty between equal facts.
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from cli.commands import diff as diff_command
from cli.commands import release as release_command
from graph.store import GraphStore
from ontology.facts import Claim, FactSet, edge_key
from ontology.fingerprint import (
    canonical_facts,
    content_hash,
    count_facts,
    facts_from_canonical,
    fingerprint,
    hash_canonical,
)
from services.export import read_facts_from_store
from services.release import (
    FACTS_FILE,
    RELEASE_FILE,
    ReleaseError,
    ReleaseExists,
    dataset_version,
    list_releases,
    next_version,
    read_release,
    release_facts,
    write_release,
)
from services.release_diff import diff_facts, diff_text
from services.release_snapshots import StoreFingerprints, open_snapshot

DAY = "2025-06-01"


def _run(module: ModuleType, argv: list[str]) -> int:
    """A subcommand as ``actorgraph`` runs it, on its own parser (no other subcommand loaded)."""
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    code: int = module.run(parser.parse_args(argv))
    return code


def _with_claims(facts: FactSet, *claims: Claim, drop: tuple[str, ...] = ()) -> FactSet:
    """A copy of ``facts`` with ``claims`` put in (replacing same ids) and ``drop`` taken out."""
    kept = {i: c for i, c in facts.claims.items() if i not in drop}
    return FactSet(dict(facts.sources), dict(facts.entities), kept | {c.id: c for c in claims})


def _sole_claim_edge(facts: FactSet) -> Claim:
    """A claim that is the only one behind its edge, and asserts it (removing it removes the
    relation; flipping its stance turns the relation from asserted to denied)."""
    for claims in facts.claims_by_edge().values():
        if len(claims) == 1 and claims[0].stance == "asserts":
            return claims[0]
    raise AssertionError("no edge with a single asserting claim")


# ---------------------------------------------------------------------------- the hash


def test_the_fact_folder_and_the_store_read_back_hash_the_same(
    curated_facts: FactSet, loaded_store: GraphStore
) -> None:
    from_store = read_facts_from_store(loaded_store)
    assert content_hash(from_store) == content_hash(curated_facts)
    assert count_facts(from_store) == count_facts(curated_facts)


def test_the_hash_ignores_origins_and_alias_order_but_not_content(curated_facts: FactSet) -> None:
    digest = content_hash(curated_facts)
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
    entity = next(e for e in curated_facts.entities.values() if len(e.aliases) > 1)
    shuffled = FactSet(
        dict(curated_facts.sources),
        {**curated_facts.entities, entity.id: replace(entity, aliases=entity.aliases[::-1])},
        dict(curated_facts.claims),
    )
    assert content_hash(shuffled) == digest
    assert content_hash(facts_from_canonical(canonical_facts(curated_facts))) == digest
    claim = next(iter(curated_facts.claims.values()))
    assert content_hash(_with_claims(curated_facts, replace(claim, note="x"))) != digest


@pytest.mark.parametrize("batch", [3, 10_000])
def test_the_streamed_hash_is_the_hash_of_the_whole_canonical_form(
    curated_facts: FactSet, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # content_hash feeds the canonical JSON a batch of records at a time; batches of 3 cut
    # every section, 10,000 takes each whole; an empty set has empty sections
    monkeypatch.setattr("ontology.fingerprint.HASH_BATCH", batch)
    for facts in (curated_facts, FactSet()):
        assert content_hash(facts) == hash_canonical(canonical_facts(facts))
    # so that batches of 3 cut every section
    assert (
        min(len(curated_facts.sources), len(curated_facts.entities), len(curated_facts.claims)) > 3
    )


def test_the_counts_count_distinct_edges(curated_facts: FactSet) -> None:
    counts = count_facts(curated_facts)
    assert counts.relations == len(curated_facts.claims_by_edge()) < counts.claims
    assert sum(counts.entities_by_kind.values()) == counts.entities == len(curated_facts.entities)
    assert set(counts.entities_by_kind) == {"Actor", "Event", "Place"}


def test_the_store_fingerprint_is_computed_once_per_generation(
    curated_facts: FactSet, loaded_store: GraphStore
) -> None:
    cache = StoreFingerprints()
    first = cache.of(loaded_store)
    assert first == fingerprint(curated_facts)
    assert cache.of(loaded_store) is first  # same generation: not read again


# ---------------------------------------------------------------------------- releases


def test_a_release_holds_its_facts_and_their_hash(curated_facts: FactSet, tmp_path: Path) -> None:
    release = write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    folder = tmp_path / "1.0.0"
    data = json.loads((folder / RELEASE_FILE).read_text(encoding="utf-8"))
    assert data["version"] == "1.0.0" and data["date"] == DAY
    assert data["content_hash"] == content_hash(curated_facts) == release.content_hash
    assert data["counts"] == count_facts(curated_facts).as_dict()
    assert data["actorgraph_version"]
    assert read_release(folder / RELEASE_FILE) == read_release(folder) == release
    assert content_hash(release_facts(release)) == release.content_hash
    json.loads((folder / FACTS_FILE).read_text(encoding="utf-8"))  # plain JSON, one record a line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.0.0"]  # no staging folder left


def test_a_release_is_never_overwritten(curated_facts: FactSet, tmp_path: Path) -> None:
    write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    before = (tmp_path / "1.0.0" / FACTS_FILE).read_bytes()
    changed = _with_claims(curated_facts, drop=(next(iter(curated_facts.claims)),))
    with pytest.raises(ReleaseExists, match="never overwritten"):
        write_release(changed, tmp_path, version="1.0.0", day="2025-07-01")
    assert (tmp_path / "1.0.0" / FACTS_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.0.0"]


def test_a_release_whose_facts_were_edited_is_refused(
    curated_facts: FactSet, tmp_path: Path
) -> None:
    release = write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    facts_file = tmp_path / "1.0.0" / FACTS_FILE
    claim = next(iter(curated_facts.claims.values()))
    facts_file.write_text(
        facts_file.read_text(encoding="utf-8").replace(json.dumps(claim.quote)[1:-1], "edited", 1),
        encoding="utf-8",
    )
    with pytest.raises(ReleaseError, match="changed since the release"):
        release_facts(release)


def test_the_next_version_follows_what_changed(curated_facts: FactSet, tmp_path: Path) -> None:
    assert next_version(tmp_path / "none-yet", curated_facts, DAY) == "1.0.0"
    write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    claim = next(iter(curated_facts.claims.values()))
    added = _with_claims(curated_facts, replace(claim, id="zz-new-claim"))
    corrected = _with_claims(curated_facts, replace(claim, note="a correction"))
    removed = _with_claims(curated_facts, drop=(claim.id,))
    assert next_version(tmp_path, curated_facts, DAY) == "1.0.1"
    assert next_version(tmp_path, corrected, DAY) == "1.0.1"
    assert next_version(tmp_path, added, DAY) == "1.1.0"
    assert next_version(tmp_path, removed, DAY) == "2.0.0"
    by_date = tmp_path / "by-date"
    write_release(curated_facts, by_date, version="2025-01-01", day="2025-01-01")
    assert next_version(by_date, added, DAY) == DAY


def test_the_export_names_the_release_its_facts_match(
    curated_facts: FactSet, tmp_path: Path
) -> None:
    assert dataset_version(curated_facts, tmp_path).version == "unreleased"
    write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    found = dataset_version(curated_facts, tmp_path)
    assert (found.version, found.date, found.content_hash) == (
        "1.0.0",
        DAY,
        content_hash(curated_facts),
    )


def test_the_release_command_validates_writes_and_refuses_an_existing_version(
    data_dir: Path, sources_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--data", str(data_dir), "--sources", str(sources_dir), "-o", str(tmp_path)]
    assert _run(release_command, [*common, "--date", DAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"released 1.0.0 of {DAY} to {tmp_path / '1.0.0'}")
    assert [r.version for r in list_releases(tmp_path)] == ["1.0.0"]

    assert _run(release_command, [*common, "--version", "1.0.0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "release 1.0.0 exists" in err

    assert _run(release_command, [*common, "--date", "2025-13-01"]) == 1
    assert "expected YYYY-MM-DD" in capsys.readouterr().err
    assert _run(release_command, [*common, "--version", "../up"]) == 1
    assert "version '../up'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.0.0"]


def test_the_release_command_refuses_invalid_facts(
    sources_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fact_folders import fact_folder

    data = fact_folder(tmp_path, "unknown-actor")
    out = tmp_path / "releases"
    argv = ["--data", str(data), "--sources", str(sources_dir), "-o", str(out)]
    assert _run(release_command, argv) == 1
    assert "no release written" in capsys.readouterr().err
    assert not out.exists()


# ---------------------------------------------------------------------------- diffs


def test_a_release_diffed_against_itself_is_empty(
    curated_facts: FactSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    folder = str(tmp_path / "1.0.0")
    assert _run(diff_command, [folder, str(tmp_path / "1.0.0" / RELEASE_FILE)]) == 0
    assert "no differences" in capsys.readouterr().out
    assert _run(diff_command, [folder, folder, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["identical"] is True
    assert answer["old"]["version"] == answer["new"]["version"] == "1.0.0"
    assert answer["claims"] == {"added": [], "removed": [], "changed": []}
    assert answer["relations"] == {"added": [], "removed": [], "status_changed": []}


def test_a_diff_names_the_one_claim_and_field_that_changed(
    curated_facts: FactSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claim = next(iter(curated_facts.claims.values()))
    changed = _with_claims(curated_facts, replace(claim, quote="a different quote"))
    write_release(curated_facts, tmp_path, version="1.0.0", day=DAY)
    write_release(changed, tmp_path, version="1.0.1", day=DAY)
    old, new = str(tmp_path / "1.0.0"), str(tmp_path / "1.0.1")

    assert _run(diff_command, [old, new]) == 0
    text = capsys.readouterr().out
    assert "claims: 0 added, 0 removed, 1 changed" in text
    assert f"~ claim {claim.id}:" in text
    assert "      quote: " in text and text.count("\n      ") == 1  # one field line
    assert "-> 'a different quote'" in text
    assert "relations: 0 added, 0 removed, 0 changed status" in text

    assert _run(diff_command, [old, new, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["identical"] is False
    assert answer["claims"]["changed"] == [
        {"id": claim.id, "fields": {"quote": {"old": claim.quote, "new": "a different quote"}}}
    ]
    assert answer["claims"]["added"] == answer["claims"]["removed"] == []
    assert answer["old"]["content_hash"] != answer["new"]["content_hash"]


def test_a_diff_lists_relations_added_removed_and_changed_in_status(
    curated_facts: FactSet,
) -> None:
    gone = _sole_claim_edge(curated_facts)
    flipped = _sole_claim_edge(_with_claims(curated_facts, drop=(gone.id,)))
    edges = curated_facts.claims_by_edge()
    template = next(  # a claim whose edge the other way round is not in the graph
        c
        for c in curated_facts.claims.values()
        if c.id not in (gone.id, flipped.id)
        and edge_key(c.object, c.relation, c.subject) not in edges
    )
    added = replace(template, id="zz-added", subject=template.object, object=template.subject)
    new = _with_claims(curated_facts, added, replace(flipped, stance="denies"), drop=(gone.id,))
    diff = diff_facts(curated_facts, new)
    assert [c.id for c in diff.claims.added] == ["zz-added"]
    assert [c.id for c in diff.claims.removed] == [gone.id]
    assert [(c.id, [f.field for f in c.changes]) for c in diff.claims.changed] == [
        (flipped.id, ["stance"])
    ]
    removed = [(r.subject, r.relation, r.object) for r in diff.relations_removed]
    assert removed == [(gone.subject, gone.relation, gone.object)]
    assert [(c.subject, c.old, c.new) for c in diff.relations_status_changed] == [
        (flipped.subject, "asserted", "denied")
    ]
    assert [(r.subject, r.relation, r.object, r.status) for r in diff.relations_added] == [
        (added.subject, added.relation, added.object, "asserted")
    ]
    text = diff_text(diff)
    assert "+ claim zz-added:" in text and f"- claim {gone.id}:" in text
    assert f"~ {flipped.subject} {flipped.relation} {flipped.object}: asserted -> denied" in text
    assert f"- {gone.subject} {gone.relation} {gone.object} (was asserted)" in text


def test_a_fact_folder_diffs_against_a_release(
    curated_facts: FactSet, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_release(curated_facts, tmp_path / "releases", version="1.0.0", day=DAY)
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    claims_file = copy / "claims" / "s002-cabar-ishkobod-attack.yaml"
    text = claims_file.read_text(encoding="utf-8")
    marker = "  - id: s002-c001\n"
    head, tail = text.split(marker, 1)
    claims_file.write_text(
        head + marker + tail.replace("stance: asserts", "stance: denies", 1), encoding="utf-8"
    )
    release = tmp_path / "releases" / "1.0.0"
    assert open_snapshot(data_dir, tmp_path).content_hash == content_hash(curated_facts)
    assert _run(diff_command, [str(release), str(copy), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["new"]["label"] == f"fact folder {copy}" and answer["new"]["version"] is None
    assert answer["claims"]["changed"] == [
        {"id": "s002-c001", "fields": {"stance": {"old": "asserts", "new": "denies"}}}
    ]


def test_a_diff_of_something_that_is_no_facts_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(diff_command, [str(tmp_path / "missing"), str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no release folder" in err
    assert _run(diff_command, [str(tmp_path), str(tmp_path)]) == 1  # an empty folder
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error(s) in the fact files" in err
