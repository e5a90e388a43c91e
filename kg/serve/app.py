"""``kg serve``: one ASGI application (Starlette, run by uvicorn) with the SPARQL endpoint and the explorer.

Why not Oxigraph's own server (the ``oxigraph`` package on PyPI, ``oxigraph serve-read-only``)? It was tried
(0.5.13, ``--timeout-s 2``, on the seed store): a ``SELECT *`` over a cross product was answered ``200 OK`` and
streamed 576 MB in 30 s without being stopped, and a ``COUNT`` over a bigger one was still unanswered, the server
still computing, after 10 minutes; ``SERVICE`` sends requests to any URL with no way to turn it off (a
``SERVICE`` to a local recorder got a ``POST``, and its error came back inside a ``200 OK`` JSON body that it
broke); and ``/`` is
its own YASGUI page, so the explorer would need a second server in front. A thin app over pyoxigraph keeps the
real query engine and gives each of those the answer newskg wants (see :mod:`kg.serve.workers` and
:mod:`kg.serve.guard`).
"""
from __future__ import annotations

import socket
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from kg.errors import ServeError
from kg.serve.endpoint import sparql_routes
from kg.serve.explorer import explorer_routes
from kg.serve.workers import QueryPool, StoreUnusable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2


def create_app(pool: QueryPool) -> Starlette:
    """The application over a started ``pool``: ``/sparql``, ``/update``, ``/explorer/config.json`` and the pages.

    CORS is open to every origin (no credentials are involved), so other web tools can query the endpoint.
    """
    return Starlette(
        routes=[*sparql_routes(pool), *explorer_routes()],
        middleware=[
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"],
                       max_age=3600)
        ],
    )


def open_pool(store: Path, *, timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS) -> QueryPool:
    """A started query pool over ``store`` (a store folder, or an output folder holding one); a store that cannot
    be opened read-only is a :class:`ServeError`.

    The default graph is the union of the graphs as a set, as SPARQL and ``kg query`` read it: a newskg store holds
    it as its default graph (:mod:`kg.store.write`); for another Oxigraph store, Oxigraph's union view stands in
    (it repeats a triple once per graph that holds it). A newskg store of another format is an
    :class:`~kg.errors.InputError` saying to build it again.
    """
    from kg.query import STANDARD_PREFIXES
    from kg.rdf.namespace import PREFIXES
    from kg.store import find_store

    found = find_store(store)
    if found is None:
        raise ServeError(store, "is no Oxigraph store; give the output folder of kg build (OUT) or its store "
                                "(OUT/store)")
    found.manifest()  # refuses a store of an older layout, whose default graph may not hold the union
    union_stored = found.manifest_path.is_file()  # newskg writes the union as the default graph (kg.store.write)
    pool = QueryPool(found.path, size=workers, timeout=timeout, prefixes={**STANDARD_PREFIXES, **PREFIXES},
                     union_stored=union_stored)
    try:
        return pool.start()
    except StoreUnusable as error:
        pool.close()
        raise ServeError(found.path, f"cannot be opened as an Oxigraph store ({error}); give the store folder kg "
                                     "build wrote (OUT/store), and stop any process writing it") from None


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, so a port in use is a clear error before anything starts."""
    try:
        address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(address[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address[4])
    except OSError as error:
        raise ServeError(f"{host}:{port}", f"cannot listen there ({error.strerror or error}); give another --port "
                                           "or --host") from None
    return sock


def serve(store: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
          workers: int = DEFAULT_WORKERS, on_ready=None) -> None:
    """Serve ``store`` read-only until interrupted: the SPARQL endpoint at ``/sparql``, the explorer at ``/``.

    ``on_ready(url)`` is called once the store is open and the port bound, before requests are answered.
    """
    import uvicorn

    sock = listen(host, port)
    pool = open_pool(store, timeout=timeout, workers=workers)
    try:
        url = f"http://{host if ':' not in host else f'[{host}]'}:{sock.getsockname()[1]}/"
        if on_ready is not None:
            on_ready(url)
        server = uvicorn.Server(uvicorn.Config(create_app(pool), log_level="warning", access_log=False))
        server.run(sockets=[sock])
    finally:
        pool.close()
