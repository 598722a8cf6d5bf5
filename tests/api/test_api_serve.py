"""``actorgraph serve`` as a real process, answering /health over real HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_answers_health_over_http(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "ACTORGRAPH_DB_PATH": str(tmp_path / "serve.db")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        response = None
        deadline = time.monotonic() + 60  # a readiness wait, not a timing assertion
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, f"server did not answer; exit code {process.poll()}"
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok" and body["backend"] == "falkordb"
        docs = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
        assert "/research/sanctuary_for_enemies" in docs.json()["paths"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
