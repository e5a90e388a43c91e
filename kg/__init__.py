"""newskg: news articles about diplomacy → a validated RDF knowledge graph where every fact keeps its source.

The public entry point is :func:`build`; :mod:`kg.pipeline`, :mod:`kg.rdf.validation`, :mod:`kg.rdf.export`,
:mod:`kg.query`, :mod:`kg.network` and :mod:`kg.evaluate` hold the rest of the library the ``kg`` command uses.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["build"]


def build(paths: Sequence[Path | str], **options: Any) -> Dataset:
    """The knowledge graph of the articles in ``paths``: one named graph per article.

    ``options`` are those of :func:`kg.pipeline.build` (``model``, ``base_iri``, ``workers``, ``nlp`` …), which
    also reports unreadable inputs and conflicting claims. spaCy is imported on first use, not on ``import kg``.

    >>> graph = build(["data/articles"])                                    # doctest: +SKIP
    >>> len(list(graph.query("SELECT ?p WHERE { ?p a <https://schema.org/Person> }")))  # doctest: +SKIP
    11
    """
    from kg.pipeline import build as build_result

    return build_result(paths, **options).dataset
