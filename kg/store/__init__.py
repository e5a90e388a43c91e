"""A persistent store of the graph: an Oxigraph database inside the output set, kept up to date article by article.

- :mod:`kg.store.layout`: where a store lives (``OUT/store``), its manifest, opening it read-only;
- :mod:`kg.store.codec`: each article's fact records as JSON, kept beside the quads;
- :mod:`kg.store.write`: a store folder from the ``graph.nq`` of an output set being written;
- :mod:`kg.store.update`: ``ingest`` and ``remove``, which write the next version of the whole output set.

``kg.store.update`` needs the NLP pipeline, so it is imported on first use of :func:`ingest` or :func:`remove`.
"""
from __future__ import annotations

from typing import Any

from kg.store.layout import StoreFolder, find_store, store_for_update

__all__ = ["StoreFolder", "find_store", "ingest", "remove", "store_for_update"]


def __getattr__(name: str) -> Any:
    if name in ("ingest", "remove"):
        from kg.store import update

        return getattr(update, name)
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
