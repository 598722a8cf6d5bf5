"""A small DevTools-protocol driver for Debian's headless Chromium, over ``websocket-client``.

No test tool's own browser download works here, so the tests start the system ``chromium``
themselves and speak the protocol directly: navigate, evaluate JavaScript, collect console
messages, exceptions and network requests, and take screenshots.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import websocket

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The Chromium to use: ``$ACTORGRAPH_CHROMIUM``, else the first found on ``PATH``."""
    configured = os.environ.get("ACTORGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class BrowserError(RuntimeError):
    """The browser did not start, or a protocol call failed."""


@dataclass
class PageLog:
    """What a page reported: console errors, uncaught exceptions, requested URLs."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Page:
    """One browser tab driven over its DevTools websocket."""

    def __init__(self, ws_url: str, timeout_s: float) -> None:
        self._ws = websocket.create_connection(ws_url, timeout=timeout_s, suppress_origin=True)
        self._next_id = 0
        self.log = PageLog()
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.send(f"{domain}.enable")

    def _record(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            self.log.errors.append("console: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            self.log.errors.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            self.log.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")
        elif method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Call a protocol method and return its result (events meanwhile are recorded)."""
        self._next_id += 1
        call_id = self._next_id
        self._ws.send(json.dumps({"id": call_id, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._record(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (exceptions raise)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float = 30.0) -> Any:
        """Poll ``expression`` until it is truthy; its value. ``BrowserError`` after the limit."""
        deadline = time.monotonic() + timeout_s
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"{expression!r} still false after {timeout_s} s")
            time.sleep(0.1)

    def navigate(self, url: str, timeout_s: float = 30.0) -> None:
        """Open ``url`` and wait until the document has loaded."""
        self.send("Page.navigate", {"url": url})
        self.wait_for(
            f"location.href === {json.dumps(url)} && document.readyState === 'complete'",
            timeout_s,
        )

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport to ``path``."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def drain(self, seconds: float = 0.3) -> None:
        """Read events that arrived without a call (late console messages)."""
        previous = self._ws.gettimeout()
        self._ws.settimeout(seconds)
        try:
            while True:
                self._record(json.loads(self._ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self._ws.settimeout(previous)

    def close(self) -> None:
        """Close the websocket."""
        self._ws.close()


class Chromium:
    """A headless Chromium process with a remote-debugging port and a throwaway profile."""

    def __init__(self, executable: str, width: int = 1400, height: int = 900) -> None:
        self.port = free_port()
        self._profile = tempfile.TemporaryDirectory(prefix="actorgraph-chromium-")
        self._process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                f"--window-size={width},{height}",
                f"--user-data-dir={self._profile.name}",
                f"--remote-debugging-port={self.port}",
                "--remote-allow-origins=*",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_ready()

    def _json(self, path: str) -> Any:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())

    def _wait_ready(self, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrowserError(f"chromium exited with code {self._process.returncode}")
            try:
                self._json("/json/version")
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise BrowserError(f"chromium did not open its debugging port within {timeout_s} s")

    def new_page(self, timeout_s: float = 60.0) -> Page:
        """A fresh tab."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            target = json.loads(response.read())
        return Page(target["webSocketDebuggerUrl"], timeout_s)

    def close(self) -> None:
        """Stop the browser and its helper processes, then remove its profile.

        Chromium's helpers (zygote, renderers) can outlive the main process for a moment and
        still write into the profile, so they are waited for (and killed if need be) first.
        """
        helpers: list[psutil.Process] = []
        if self._process.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                helpers = psutil.Process(self._process.pid).children(recursive=True)
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        _gone, alive = psutil.wait_procs(helpers, timeout=10)
        for helper in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                helper.kill()
        psutil.wait_procs(alive, timeout=10)
        self._profile.cleanup()
