"""``actorgraph load`` as a user runs it: a separate process, settings from the environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from graph_dump import dump

from graph.falkordb_store import FalkorDBStore
from ontology.facts import FactSet

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load(db_path: Path, sources_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ACTORGRAPH_DB_PATH": str(db_path),
        "ACTORGRAPH_SOURCES_DIR": str(sources_dir),
        "ACTORGRAPH_BACKEND": "falkordb",
    }
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "load", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_load_fills_the_store_and_invalid_facts_load_nothing(
    tmp_path: Path, data_dir: Path, sources_dir: Path, curated_facts: FactSet
) -> None:
    db_path = tmp_path / "var" / "actorgraph.db"
    done = _load(db_path, sources_dir, "--data", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert f"{len(curated_facts.claims)} claims" in done.stdout

    store = FalkorDBStore(db_path)
    try:
        before = dump(store)
        broken = tmp_path / "broken"
        shutil.copytree(data_dir, broken)
        claims_file = sorted((broken / "claims").glob("*.yaml"))[0]
        text = claims_file.read_text(encoding="utf-8")
        claims_file.write_text(
            text.replace("quote:", "quote: NOT IN THE SOURCE", 1), encoding="utf-8"
        )
        failed = _load(db_path, sources_dir, "--data", str(broken))
        assert failed.returncode == 1
        assert f"claims/{claims_file.name}:" in failed.stderr  # file:line: field: message
        assert "nothing loaded" in failed.stderr
        assert dump(store) == before  # the graph that was there is untouched

        again = _load(db_path, sources_dir, "--data", str(data_dir))
        assert again.returncode == 0, again.stderr
        assert dump(store) == before  # a second load changes nothing
    finally:
        store.close()
