"""Starting ``kg serve`` and a headless browser, for the tests of :mod:`kg.serve` and :mod:`tests.serve.screenshots`.

The server runs as the user runs it (``python -m kg serve``) in a subprocess on a free loopback port; the browser
is Debian's ``chromium`` driven by Playwright (never ``playwright install``: nothing is downloaded), with the
switches that keep it from calling home.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run",
]


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not Path(CHROMIUM).exists():
        return f"no {CHROMIUM}: `make test` installs Debian's chromium (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    return None


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningServer:
    """A ``kg serve`` process: its base URL (``http://…/``) and process ID (whose children are the query workers)."""

    url: str
    pid: int


@contextmanager
def running_server(store: Path, *, timeout: float = 5.0, workers: int = 2,
                   log: Path | None = None) -> Iterator[RunningServer]:
    """``kg serve STORE`` on a free loopback port, until the block ends."""
    port = free_port()
    output = open(log, "wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(store), "--port", str(port), "--timeout", str(timeout),
         "--workers", str(workers)],
        stdout=output, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "sparql?query=ASK%7B%7D", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"kg serve did not start (exit code {process.poll()})") from None
                time.sleep(0.1)
        yield RunningServer(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None:
            output.close()


def launch_browser(playwright):
    """Debian's chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
