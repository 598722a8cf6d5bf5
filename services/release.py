"""Citable releases of the facts: written once, never replaced, named by version and hash.

A release is a folder ``<releases>/<version>/`` holding

- ``release.json``: the version, the release date, the content hash of the facts
  (``ontology.fingerprint``), their counts and the actorgraph version that wrote it;
- ``facts.json``: the facts themselves in the canonical form the hash is taken over, one record
  a line, so a later ``actorgraph diff`` (and a reader without actorgraph) needs nothing else.

A release is written in a hidden folder beside its place and renamed into it, so it is whole or
absent, and a version that exists is refused, never overwritten: a citation of ``1.2.0`` names
the same facts for ever. The API's ``/version`` and the RDF export find the release whose hash
is the hash of the facts they serve (``release_matching``). Diffs are in ``release_diff``;
what a diff compares, and the store's fingerprint, in ``release_snapshots``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from datetime import date as Date
from importlib import metadata
from pathlib import Path
from typing import Any

from ontology.facts import FactSet
from ontology.fingerprint import (
    SECTIONS,
    UNRELEASED,
    DatasetVersion,
    canonical_facts,
    canonical_json,
    content_hash,
    count_facts,
    facts_from_canonical,
    hash_canonical,
)
from services.release_diff import diff_facts

log = logging.getLogger(__name__)

RELEASE_FILE = "release.json"
FACTS_FILE = "facts.json"
FORMAT = 1  # of release.json and facts.json; a reader refuses a format it does not know
FIRST_VERSION = "1.0.0"
_VERSION_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,63}")  # a safe folder name
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReleaseError(Exception):
    """A release that cannot be written or read; the message is one line for the operator."""


class ReleaseExists(ReleaseError):
    """The version asked for is already released: releases are never overwritten."""


def package_version() -> str:
    """The installed actorgraph's version (``0+unknown`` when run from an uninstalled tree)."""
    try:
        return metadata.version("actorgraph")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class Release:
    """A release read from (or just written to) ``path``, its folder."""

    version: str
    date: str
    content_hash: str
    counts: dict[str, Any]
    actorgraph_version: str
    path: Path

    def to_json(self) -> dict[str, Any]:
        """What ``release.json`` holds."""
        return {
            "format": FORMAT,
            "version": self.version,
            "date": self.date,
            "content_hash": self.content_hash,
            "counts": self.counts,
            "actorgraph_version": self.actorgraph_version,
            "facts": FACTS_FILE,
        }

    def dataset_version(self) -> DatasetVersion:
        """What the RDF export says of facts of this release."""
        return DatasetVersion(self.version, self.content_hash, self.date)


def check_version(version: str) -> str:
    """A version usable as a folder name, and not ``unreleased`` (what the RDF export says of
    facts that match no release); ``ReleaseError`` otherwise."""
    if not _VERSION_NAME.fullmatch(version) or version == UNRELEASED:
        raise ReleaseError(
            f"version {version!r}: expected letters, digits, '.', '_', '+' or '-' "
            "(e.g. 1.2.0 or 2025-06-01)"
        )
    return version


def check_release_date(text: str) -> str:
    """An ISO day, ``YYYY-MM-DD`` (``ReleaseError`` otherwise): a release has a whole date."""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        return Date.fromisoformat(text).isoformat()
    except ValueError:
        raise ReleaseError(f"date {text!r}: expected YYYY-MM-DD") from None


def _semver(version: str) -> tuple[int, int, int] | None:
    found = _SEMVER.fullmatch(version)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def _order(release: Release) -> tuple[int, tuple[int, int, int], str, str]:
    """Semantic versions by number, after every other version (by date, then name)."""
    number = _semver(release.version)
    return (1, number, "", "") if number else (0, (0, 0, 0), release.date, release.version)


def read_release(path: Path) -> Release:
    """The release of a folder or of its ``release.json`` (``ReleaseError`` when unreadable)."""
    file = path if path.name == RELEASE_FILE and not path.is_dir() else path / RELEASE_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(f"{file}: cannot read the release: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReleaseError(f"{file}: not a release of format {FORMAT}")
    try:
        return Release(
            version=str(data["version"]),
            date=str(data["date"]),
            content_hash=str(data["content_hash"]),
            counts=dict(data["counts"]),
            actorgraph_version=str(data.get("actorgraph_version", "")),
            path=file.parent,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReleaseError(f"{file}: a release needs {exc}") from None


def release_facts(release: Release) -> FactSet:
    """The facts of ``release``, checked against its content hash."""
    file = release.path / FACTS_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a facts file of format {FORMAT}")
        facts = facts_from_canonical(data)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReleaseError(f"{file}: cannot read the facts: {exc}") from None
    found = content_hash(facts)
    if found != release.content_hash:
        raise ReleaseError(
            f"{file}: its facts hash to {found}, not to the release's {release.content_hash}: "
            "changed since the release"
        )
    return facts


def list_releases(releases_dir: Path) -> list[Release]:
    """The releases in ``releases_dir``, oldest first (semantic versions by number, last).

    A folder whose ``release.json`` cannot be read is left out, with a warning in the log: one
    broken folder must not hide the others from ``/version``.
    """
    if not releases_dir.is_dir():
        return []
    found = []
    for folder in sorted(releases_dir.iterdir()):
        if folder.name.startswith(".") or not (folder / RELEASE_FILE).is_file():
            continue  # a release being written, or not a release
        try:
            found.append(read_release(folder))
        except ReleaseError as exc:
            log.warning("release left out: %s", exc)
    return sorted(found, key=_order)


def release_matching(releases_dir: Path, digest: str) -> Release | None:
    """The latest release whose facts have the content hash ``digest``, if any."""
    matches = [r for r in list_releases(releases_dir) if r.content_hash == digest]
    return matches[-1] if matches else None


def dataset_version(facts: FactSet, releases_dir: Path) -> DatasetVersion:
    """What the RDF export of ``facts`` should say: their release, else ``unreleased``."""
    unreleased = DatasetVersion.unreleased(facts)
    release = release_matching(releases_dir, unreleased.content_hash)
    return release.dataset_version() if release else unreleased


def next_version(releases_dir: Path, facts: FactSet, day: str) -> str:
    """The version a new release of ``facts`` gets when none is given.

    The first release is ``1.0.0``. After a semantic version, the number follows what changed
    since the latest one, as for an API: a source, entity or claim removed (a citation of it no
    longer resolves) bumps the major number, one added the minor, corrections only the patch.
    Where the releases are named otherwise (by date), the release's date.
    """
    releases = list_releases(releases_dir)
    semantic = [r for r in releases if _semver(r.version)]
    if not semantic:
        return day if releases else FIRST_VERSION
    latest = semantic[-1]
    major, minor, patch = _semver(latest.version) or (1, 0, 0)
    diff = diff_facts(release_facts(latest), facts)
    if diff.removes:
        return f"{major + 1}.0.0"
    if diff.adds:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _facts_json(canonical: dict[str, list[dict[str, Any]]], digest: str) -> bytes:
    """``facts.json``: valid JSON with one record a line, so two releases diff line by line."""
    parts = [f'{{"format":{FORMAT},"content_hash":{json.dumps(digest)}'.encode()]
    for key, _ in SECTIONS:
        records = b",\n".join(canonical_json(r) for r in canonical[key])
        parts.append(f',\n"{key}":[\n'.encode() + records + b"\n]")
    parts.append(b"}\n")
    return b"".join(parts)


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def write_release(facts: FactSet, releases_dir: Path, *, version: str, day: str) -> Release:
    """Write ``facts`` as release ``version`` of ``day`` into ``releases_dir``.

    ``ReleaseExists`` when that version is there already; nothing is written then.
    """
    check_version(version)
    check_release_date(day)
    final = releases_dir / version
    if final.exists():
        raise ReleaseExists(
            f"release {version} exists in {releases_dir}: releases are never "
            "overwritten; give another --version"
        )
    releases_dir.mkdir(parents=True, exist_ok=True)
    canonical = canonical_facts(facts)
    digest = hash_canonical(canonical)
    release = Release(
        version=version,
        date=day,
        content_hash=digest,
        counts=count_facts(facts).as_dict(),
        actorgraph_version=package_version(),
        path=final,
    )
    staging = releases_dir / f".{version}.{uuid.uuid4().hex[:8]}.tmp"
    staging.mkdir()
    try:
        _write(staging / FACTS_FILE, _facts_json(canonical, digest))
        text = json.dumps(release.to_json(), indent=2, ensure_ascii=False) + "\n"
        _write(staging / RELEASE_FILE, text.encode("utf-8"))
        try:
            staging.rename(final)  # atomic; fails when another release took the name meanwhile
        except OSError as exc:
            raise ReleaseExists(f"release {version} exists in {releases_dir}: {exc}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return release
