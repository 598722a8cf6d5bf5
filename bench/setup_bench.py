"""Fresh-machine setup: what ``make test`` does before its first test, timed on a new clone.

A new clone of the repository's committed HEAD in a temporary folder, with no pip cache (so the
embedded store's package is compiled, as on a machine that never installed it) and an empty
Maven repository (so Neo4j and Maven's own plugins are fetched): ``scripts/setup.sh``, then
lint and type checks, then the first start of the test suite's Neo4j server. The network is the
registries' mirror on this machine, so the fetches are as fast as it serves them. Debian's
chromium is taken as installed (``scripts/ensure-chromium.sh`` only checks for it then).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.api_bench import free_port
from bench.report import Report, Row, at_most

REPO = Path(__file__).resolve().parent.parent
SETUP_TARGET_S = 180.0  # issue 17: <= 3 min before the first test
STEP_TIMEOUT_S = 1800


class StepFailed(Exception):
    """A setup step exited with an error; its output's tail says why."""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run ``command`` in ``cwd``; the seconds it took. ``StepFailed`` when it fails."""
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT_S
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise StepFailed(f"{' '.join(command)} exited {done.returncode}: {' / '.join(tail)}")
    return time.perf_counter() - started


def _clean_env(folder: Path) -> dict[str, str]:
    """This environment without actorgraph's settings and pip's cache, Maven pointed at an empty
    repository in ``folder``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ACTORGRAPH_") or k == "ACTORGRAPH_PYTHON"  # which Python to use
    }
    env["PIP_NO_CACHE_DIR"] = "1"
    env["MAVEN_OPTS"] = f"{env.get('MAVEN_OPTS', '')} -Dmaven.repo.local={folder / 'm2'}".strip()
    return env


def measure_setup(report: Report) -> None:
    """The setup rows: each step, and their sum against the target."""
    with tempfile.TemporaryDirectory(prefix="actorgraph-setup-") as tmp:
        folder = Path(tmp)
        clone = folder / "main"
        env = _clean_env(folder)
        steps: list[tuple[str, float]] = []
        try:
            subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
            setup = _run(["bash", "scripts/setup.sh"], clone, env)
            steps.append(("setup.sh (venv, pinned packages)", setup))
            checks = sum(
                _run(command, clone, env)
                for command in ([".venv/bin/ruff", "check", "."],
                                [".venv/bin/ruff", "format", "--check", "."], [".venv/bin/mypy"])
            )  # fmt: skip
            steps.append(("lint and type checks", checks))
            if shutil.which("java") and shutil.which("mvn"):
                steps.append(("Neo4j: fetch and first start", _neo4j_first_start(clone, env)))
            else:
                report.notes.append("setup: no Java or Maven, so no Neo4j start was counted")
        except (StepFailed, subprocess.SubprocessError) as error:
            report.skipped("fresh clone", "setup", "make test before the first test", str(error))
            return
    for step, seconds in steps:
        report.add(Row("fresh clone", "setup", step, seconds, "s"))
    total = sum(seconds for _, seconds in steps)
    report.add(
        Row("fresh clone", "setup", "make test before the first test", total, "s",
            at_most(SETUP_TARGET_S, "s"), note="no pip cache, empty Maven repository")
    )  # fmt: skip


def _neo4j_first_start(clone: Path, env: dict[str, str]) -> float:
    """Fetch Neo4j into the empty Maven repository and start it, as the test run does; stopped
    again whatever happens."""
    server = {
        **env,
        "ACTORGRAPH_NEO4J_HOME": str(clone / "var" / "neo4j-test"),
        "ACTORGRAPH_NEO4J_BOLT_PORT": str(free_port()),
        "ACTORGRAPH_NEO4J_HEAP": "1g",
    }
    try:
        return _run(["scripts/neo4j-local.sh", "start"], clone, server)
    finally:
        subprocess.run(["scripts/neo4j-local.sh", "stop"], cwd=clone, env=server,
                       capture_output=True, timeout=120)  # fmt: skip
