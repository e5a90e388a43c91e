"""The web explorer: static pages under ``/`` that ask ``/sparql`` for everything they show.

The pages (``kg/serve/static/``) are plain HTML and ES modules; the libraries they use (cytoscape.js for the
network, YASGUI for the editor) are committed in ``static/vendor/`` with their licences, so nothing is fetched
from elsewhere at run time, and the Content-Security-Policy sent with every page makes the browser enforce that.

The pages know nothing of newskg's vocabulary by heart: ``/explorer/config.json`` gives them the prefixes, the
entity classes and the query library, from the same Python definitions the graph is written with.
"""
from __future__ import annotations

import os
from importlib.resources import files
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = files("kg.serve") / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; base-uri 'self'"
)
"""Pages may load and ask only from this server (inline styles are allowed: the libraries set them)."""


def explorer_config() -> dict[str, Any]:
    """What the pages need to know: prefixes, entity classes (most specific first) and the named queries."""
    from kg.query import STANDARD_PREFIXES, list_queries
    from kg.rdf.mapping import ENTITY_CLASSES
    from kg.rdf.namespace import PREFIXES

    return {
        "prefixes": {**STANDARD_PREFIXES, **PREFIXES},
        "entityClasses": [
            {"kind": kind.value, "iri": str(iri), "name": iri.split("#")[-1].split("/")[-1]}
            for kind, iri in ENTITY_CLASSES.items()
        ],
        "queries": [
            {
                "name": query.name,
                "description": query.description,
                "parameters": [{"name": p.name, "meaning": p.meaning, "optional": p.optional} for p in query.parameters],
                "text": query.text,
            }
            for query in list_queries()
        ],
    }


class _Pages(StaticFiles):
    """Static files with the explorer's Content-Security-Policy."""

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response


def explorer_routes() -> list[BaseRoute]:
    """``/explorer/config.json`` and the pages (``/`` is the search page)."""
    config = explorer_config()

    async def config_json(request: Request) -> Response:
        return JSONResponse(config)

    return [
        Route("/explorer/config.json", config_json, methods=["GET"]),
        Mount("/", app=_Pages(directory=str(STATIC_DIR), html=True), name="pages"),
    ]
