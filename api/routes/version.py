"""``GET /version``: which facts the store serves, and which release they are, if any."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request

from api.deps import SettingsDep, StoreDep
from api.schemas import ErrorPublic, VersionPublic
from api.tags import Tag
from ontology.fingerprint import UNRELEASED
from services.release import package_version, release_matching
from services.release_snapshots import StoreFingerprints

router = APIRouter(tags=[Tag.SERVICE])
_cache_lock = threading.Lock()


def _fingerprints(request: Request) -> StoreFingerprints:
    """The app's fingerprint cache, made on first use (one per app, like its SPARQL engine)."""
    state = request.app.state
    with _cache_lock:
        cache: StoreFingerprints | None = getattr(state, "store_fingerprints", None)
        if cache is None:
            cache = state.store_fingerprints = StoreFingerprints()
    return cache


@router.get(
    "/version",
    response_model=VersionPublic,
    responses={503: {"model": ErrorPublic, "description": "The store does not answer."}},
    summary="Which release of the facts does the store serve?",
    description="The actorgraph version, the content hash and counts of the facts in the store "
    "(computed once per load), and the release in ACTORGRAPH_RELEASES_DIR with that hash: its "
    "version and date, or version `unreleased`.",
)
def version(request: Request, store: StoreDep, settings: SettingsDep) -> VersionPublic:
    """The store's fingerprint, matched against the releases."""
    found = _fingerprints(request).of(store)
    release = release_matching(settings.releases_dir, found.content_hash)
    return VersionPublic(
        actorgraph_version=package_version(),
        content_hash=found.content_hash,
        counts=found.counts.as_dict(),
        version=release.version if release else UNRELEASED,
        release_date=release.date if release else None,
    )
