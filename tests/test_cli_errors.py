"""Operator errors, as an operator meets them: one line on stderr naming the path or the command
to run, exit code 1, never a traceback. Each test runs the real CLI in its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fact_folders import fact_folder
from pydantic import ValidationError

from actorgraph.settings import Settings
from graph.falkordb_server import EmbeddedServer, registry_path
from graph.falkordb_store import FalkorDBStore

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = Settings.model_fields["db_path"].default
NEVER_LOADED = "holds no graph yet: run `actorgraph load` first"


def actorgraph(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``actorgraph ARGS`` in a new process, with ``env`` (``DB_PATH=...``) as ACTORGRAPH_*."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ACTORGRAPH_")}
    environ |= {"ACTORGRAPH_BACKEND": "falkordb"} | {f"ACTORGRAPH_{k}": v for k, v in env.items()}
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The one line a failed command printed on stderr (and it did fail, with code 1)."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A store file nobody has loaded yet; its server, if a command left one, stops after."""
    path = tmp_path / "store" / "actorgraph.db"
    yield path
    if registry_path(path).exists():
        server = EmbeddedServer(path)
        server.open()
        server.close()


# ------------------------------------------------------------------ settings


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_db_path_is_refused_by_the_settings(value: str) -> None:
    with pytest.raises(ValidationError, match="empty; unset it to use"):
        Settings(db_path=value)


@pytest.mark.parametrize("command", [["export"], ["view"], ["load"], ["serve", "--port", "0"]])
def test_an_empty_db_path_stops_every_command(command: list[str]) -> None:
    # It used to put the store beside the working directory (Path("") is Path(".")).
    line = one_line(actorgraph(*command, DB_PATH=""))
    assert line == (
        f"actorgraph: ACTORGRAPH_DB_PATH: empty; unset it to use {DEFAULT_DB_PATH}, "
        "or set it to the store's file"
    )


def test_a_bad_setting_names_its_variable() -> None:
    line = one_line(actorgraph("validate", PORT="eighty"))
    assert line.startswith("actorgraph: ACTORGRAPH_PORT: Input should be a valid integer")
    assert line.endswith("(got 'eighty')")


# ------------------------------------------------------------------ a store never loaded


@pytest.mark.parametrize("command", ["export", "view"])
def test_a_store_never_loaded_says_to_run_load(command: str, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / f"{command}.file"
    line = one_line(actorgraph(command, "-o", str(out), DB_PATH=str(db_path)))
    assert (
        line == f"actorgraph {command}: the store at {db_path} (ACTORGRAPH_DB_PATH) {NEVER_LOADED}"
    )
    assert not out.exists()


@pytest.fixture
def restarted_fresh_store(db_path: Path) -> Path:
    """A store opened once and never loaded, whose server then stopped (a reboot, a kill)."""
    store = FalkorDBStore(db_path)
    try:
        store.generation()  # a fresh store names an empty graph for its readers
        pid = store.server_pid
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and Path(f"/proc/{pid}/stat").exists():
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                break
            time.sleep(0.05)
    finally:
        store.close()
    server = EmbeddedServer(db_path)  # starts it again from its log (and drops the old registry)
    server.open()
    server.close()
    return db_path


def test_a_restarted_store_never_loaded_fails_in_one_line(
    restarted_fresh_store: Path, tmp_path: Path
) -> None:
    # It used to print a traceback ending "Invalid graph operation on empty key".
    out = tmp_path / "out.ttl"
    line = one_line(actorgraph("export", "-o", str(out), DB_PATH=str(restarted_fresh_store)))
    assert line.startswith("actorgraph export: ")
    assert str(restarted_fresh_store) in line
    assert not out.exists()


def test_a_restarted_store_never_loaded_says_to_run_load(
    restarted_fresh_store: Path, tmp_path: Path
) -> None:
    line = one_line(
        actorgraph("export", "-o", str(tmp_path / "o.ttl"), DB_PATH=str(restarted_fresh_store))
    )
    assert line.endswith(NEVER_LOADED)


# ------------------------------------------------------------------ a store that cannot open


@pytest.fixture
def db_under_a_file(tmp_path: Path) -> Path:
    """A DB path whose folder is a regular file: no one, not even root, can create the store."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    return blocker / "actorgraph.db"


@pytest.mark.parametrize("command", ["export", "view"])
def test_a_store_that_cannot_open_fails_in_one_line(
    command: str, db_under_a_file: Path, tmp_path: Path
) -> None:
    done = actorgraph(command, "-o", str(tmp_path / "out.file"), DB_PATH=str(db_under_a_file))
    assert one_line(done).startswith(
        f"actorgraph {command}: graph store at {db_under_a_file} (ACTORGRAPH_DB_PATH): "
        f"{db_under_a_file.parent}"
    )


def test_load_into_a_store_that_cannot_open_fails_in_one_line(
    db_under_a_file: Path, tmp_path: Path, sources_dir: Path
) -> None:
    data = fact_folder(tmp_path)
    done = actorgraph(
        "load", "--data", str(data), DB_PATH=str(db_under_a_file), SOURCES_DIR=str(sources_dir)
    )
    assert one_line(done).startswith(
        f"actorgraph load: cannot open the graph store at {db_under_a_file} "
        f"(ACTORGRAPH_DB_PATH): {db_under_a_file.parent}"
    )


def test_an_export_that_cannot_be_written_fails_in_one_line(
    db_path: Path, tmp_path: Path, sources_dir: Path
) -> None:
    loaded = actorgraph(
        "load",
        "--data",
        str(fact_folder(tmp_path)),
        DB_PATH=str(db_path),
        SOURCES_DIR=str(sources_dir),
    )
    assert loaded.returncode == 0, loaded.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "graph.ttl"
    line = one_line(actorgraph("export", "-o", str(out), DB_PATH=str(db_path)))
    assert line.startswith(f"actorgraph export: cannot write {out}: ")
