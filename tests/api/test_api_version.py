"""``GET /version``: the store's content hash and counts, and the release that matches them."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore
from ontology.facts import FactSet
from ontology.fingerprint import content_hash, count_facts
from services.release import package_version, release_matching, write_release


def _version_with_releases(store: GraphStore, releases_dir: Path) -> dict[str, object]:
    app = create_app(Settings(allowed_hosts="testserver", releases_dir=releases_dir), store=store)
    with TestClient(app, raise_server_exceptions=False) as http:
        response = http.get("/version")
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def test_version_gives_the_hash_and_counts_of_the_graph_in_the_store(
    client: TestClient, curated_facts: FactSet, api_settings: Settings
) -> None:
    response = client.get("/version")
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["actorgraph_version"] == package_version()
    assert answer["content_hash"] == content_hash(curated_facts)
    assert answer["counts"] == count_facts(curated_facts).as_dict()
    # whatever the default releases folder holds: the release that matches, else unreleased
    release = release_matching(api_settings.releases_dir, answer["content_hash"])
    assert answer["version"] == (release.version if release else "unreleased")
    assert client.get("/version").json() == answer  # cached per load: the same answer


def test_version_names_the_release_whose_hash_matches(
    loaded_store: GraphStore, curated_facts: FactSet, tmp_path: Path
) -> None:
    releases = tmp_path / "releases"
    unreleased = _version_with_releases(loaded_store, releases)
    assert (unreleased["version"], unreleased["release_date"]) == ("unreleased", None)

    other = FactSet(dict(curated_facts.sources), dict(curated_facts.entities), {})
    write_release(other, releases, version="0.9.0", day="2025-01-01")  # other facts: no match
    write_release(curated_facts, releases, version="1.0.0", day="2025-06-01")
    released = _version_with_releases(loaded_store, releases)
    assert (released["version"], released["release_date"]) == ("1.0.0", "2025-06-01")
    assert released["content_hash"] == unreleased["content_hash"] == content_hash(curated_facts)
