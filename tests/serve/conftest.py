"""Fixtures of the ``kg serve`` tests: an Oxigraph store of the seed build, a running server over it, a browser."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.serve.harness import RunningServer, chromium_missing, launch_browser, running_server

TIMEOUT = 3.0
"""The server's per-query time limit in these tests, in seconds."""


@pytest.fixture(scope="session")
def seed_store(seed_build, tmp_path_factory) -> Path:
    """The store of the seed build as ``kg build`` writes it (``OUT/store``: the named graphs, their union as the
    default graph, the manifest)."""
    from kg.rdf.export import write_outputs
    from kg.rdf.namespace import DEFAULT_BASE
    from kg.store.write import write_store

    out = tmp_path_factory.mktemp("serve")
    write_outputs(seed_build.dataset, out)
    return write_store(out, DEFAULT_BASE)


@pytest.fixture(scope="session")
def server_process(seed_store, tmp_path_factory) -> RunningServer:
    """``kg serve`` over :func:`seed_store`, with a query time limit of :data:`TIMEOUT` s."""
    log = tmp_path_factory.mktemp("serve-log") / "server.log"
    with running_server(seed_store, timeout=TIMEOUT, log=log) as running:
        yield running


@pytest.fixture(scope="session")
def server(server_process) -> str:
    """The base URL of :func:`server_process` (``http://127.0.0.1:PORT/``)."""
    return server_process.url


@pytest.fixture(scope="session")
def browser():
    """Headless chromium (Playwright); where it is missing the browser tests fail, saying how to install it."""
    reason = chromium_missing()
    if reason:
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()
