"""Writing a store folder into an output set being staged: the quads from the set's own ``graph.nq``.

The store is loaded from the N-Quads file the set has just exported (``Store.bulk_load``), not from the graph in
memory: whatever wrote ``graph.nq`` (a build in one process, the shards of a distributed one, an ingest), the
store holds the same quads, and writing it costs no memory for the graph.

Its default graph holds the union of the named graphs as a set: the triples of ``graph.ttl``. SPARQL reads the
default graph as a set, and rdflib's union of a Dataset is one; Oxigraph's ``use_default_graph_as_union`` is not
(a triple comes out once per graph that holds it, and every article graph repeats the labels of its entities, so
``COUNT`` was wrong and joins multiplied). Written once here, the union costs queries nothing.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from kg.facts import ArticleFacts
from kg.rdf.export import OUTPUT_FILES, write_atomic
from kg.rdf.namespace import NKG
from kg.store.codec import dumps_facts
from kg.store.layout import STORE_NAME, Manifest, StoredArticle, StoreFolder

_ARTICLES = f"""
SELECT ?key ?source WHERE {{
  GRAPH ?article {{ ?article a <{NKG.Article}> ; <{DCTERMS.identifier}> ?key ; <{DCTERMS.source}> ?source }}
}}
"""


def write_store(
    set_dir: Path,
    base_iri: str,
    *,
    articles: Mapping[str, StoredArticle] | None = None,
    facts: Mapping[str, ArticleFacts] | None = None,
    previous: StoreFolder | None = None,
) -> Path:
    """Write ``set_dir/store`` from ``set_dir/graph.nq`` (the named graphs) and ``set_dir/graph.ttl`` (their union,
    as the default graph); returns its path.

    ``articles`` is the manifest's list (default: the articles in the quads, none with facts: what a build
    knows). The facts of an article marked ``facts`` come from ``facts`` or, unchanged, from the ``previous``
    store (hard-linked, so an ingest does not copy the facts of a large corpus).
    """
    folder = StoreFolder(set_dir / STORE_NAME)
    store = ox.Store(str(folder.path))
    store.bulk_load(path=set_dir / OUTPUT_FILES["nquads"], format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=set_dir / OUTPUT_FILES["turtle"], format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    if articles is None:
        articles = {
            row["key"].value: StoredArticle(row["key"].value, row["source"].value) for row in store.query(_ARTICLES)
        }
    store.flush()
    del store  # closes the database before the set is swapped into place
    folder.facts_dir.mkdir(parents=True)
    for key, article in articles.items():
        if not article.facts:
            continue
        target = folder.facts_path(key)
        if facts is not None and key in facts:
            write_atomic(target, dumps_facts(facts[key]))
        elif previous is not None:
            _link_or_copy(previous.facts_path(key), target)
        else:
            raise ValueError(f"no facts for article {key}: give them in facts= or a previous store")
    write_atomic(folder.manifest_path, Manifest(base_iri, dict(articles)).to_json())
    return folder.path


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
