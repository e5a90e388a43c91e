"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over an Oxigraph store, and a web explorer beside it.

- :mod:`kg.serve.app` puts them together (Starlette + uvicorn) and says why not Oxigraph's own server;
- :mod:`kg.serve.endpoint` reads protocol requests and refuses updates;
- :mod:`kg.serve.guard` refuses federated queries (``SERVICE``);
- :mod:`kg.serve.workers` runs queries in worker processes that are killed at the time limit;
- :mod:`kg.serve.negotiation` picks the answer's format from ``Accept``;
- :mod:`kg.serve.explorer` serves the pages of ``static/``.

The package imports nothing itself, so a query worker (which imports :mod:`kg.serve.workers`) stays light; use
``from kg.serve.app import serve``.
"""
