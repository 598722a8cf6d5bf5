"""Headless Chromium driven over the DevTools protocol (Debian's ``chromium``, websocket-client).

Just enough of the protocol to open a page and evaluate expressions in it: the view benchmark
loads a page and polls until the network view says it has settled.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import websocket

STARTUP_LIMIT_S = 30.0


class BrowserUnavailable(Exception):
    """No Chromium to run, or it did not start."""


def chromium_binary() -> str:
    """The Chromium executable: ``ACTORGRAPH_CHROMIUM`` or ``chromium`` on the PATH."""
    found = os.environ.get("ACTORGRAPH_CHROMIUM") or shutil.which("chromium")
    if not found:
        raise BrowserUnavailable("chromium not installed (scripts/ensure-chromium.sh installs it)")
    return found


class Page:
    """One browser tab, spoken to over its DevTools websocket."""

    def __init__(self, ws_url: str) -> None:
        self._ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command; return its result (events that arrive meanwhile are dropped)."""
        message_id = next(self._ids)
        self._ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self._ws.recv())
            if reply.get("id") != message_id:
                continue
            if "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            result: dict[str, Any] = reply.get("result", {})
            return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values only)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def close(self) -> None:
        self._ws.close()


@contextmanager
def browser(port: int) -> Iterator[Page]:
    """Headless Chromium with DevTools on loopback ``port``; yield its first tab."""
    with tempfile.TemporaryDirectory(prefix="actorgraph-chromium-") as profile:
        command = [
            chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-extensions", "--no-first-run",
            "--remote-debugging-address=127.0.0.1", f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank",
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page: Page | None = None
        try:
            page = Page(_page_ws_url(port, process))
            yield page
        finally:
            if page is not None:
                page.close()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _page_ws_url(port: int, process: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrowserUnavailable(f"chromium exited with {process.returncode}")
        try:
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=2.0).json()
            for target in targets:
                if target.get("type") == "page":
                    url: str = target["webSocketDebuggerUrl"]
                    return url
        except (httpx.TransportError, ValueError):
            pass
        time.sleep(0.2)
    raise BrowserUnavailable(f"chromium did not open DevTools on port {port}")


def file_url(path: Path) -> str:
    """A ``file://`` URL for ``path``."""
    return path.resolve().as_uri()
