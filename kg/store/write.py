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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from kg.facts import ArticleFacts
from kg.rdf.export import (
    CONFLICTS_FILE,
    JSONLD_FILE,
    OUTPUT_FILES,
    REPORT_FILE,
    conflicts_text,
    report_text,
    write_atomic,
    write_jsonld,
    write_outputs,
)
from kg.rdf.namespace import NKG
from kg.store.codec import dumps_facts
from kg.store.layout import STORE_NAME, Manifest, StoredArticle, StoreFolder

if TYPE_CHECKING:
    from kg.pipeline import Quarantined
    from kg.rdf.validation import ValidationReport
    from kg.resolve.conflicts import ConflictGroup
    from kg.run.shards import Shards

_ARTICLES = f"""
SELECT ?key ?source WHERE {{
  GRAPH ?article {{ ?article a <{NKG.Article}> ; <{DCTERMS.identifier}> ?key ; <{DCTERMS.source}> ?source }}
}}
"""


def write_set(
    set_dir: Path,
    shards: Shards,
    base_iri: str,
    *,
    kept: int,
    quarantined: Sequence[Quarantined],
    corpus_report: ValidationReport | None,
    conflicts: Iterable[ConflictGroup],
    facts: Iterable[ArticleFacts] = (),
    articles: Mapping[str, StoredArticle] | None = None,
    previous: StoreFolder | None = None,
) -> list[Path]:
    """Every file of an output set into the staging folder ``set_dir``, as ``kg build`` and ``kg ingest`` both
    write it: the validation report, the conflicts, the exports streamed from ``shards``, then the JSON-LD and the
    store from the N-Quads just written (the same quads, however the graph was held). Returns the paths written
    but the two reports; ``facts``, ``articles`` and ``previous`` are those of :func:`write_store`."""
    write_atomic(set_dir / REPORT_FILE, report_text(kept, quarantined, corpus_report))
    write_atomic(set_dir / CONFLICTS_FILE, conflicts_text(conflicts))
    written = write_outputs(shards, set_dir)
    written.append(write_jsonld(set_dir / OUTPUT_FILES["nquads"], set_dir / JSONLD_FILE))
    written.append(write_store(set_dir, base_iri, facts=facts, articles=articles, previous=previous))
    return written


def write_store(
    set_dir: Path,
    base_iri: str,
    *,
    facts: Iterable[ArticleFacts] = (),
    articles: Mapping[str, StoredArticle] | None = None,
    previous: StoreFolder | None = None,
) -> Path:
    """Write ``set_dir/store`` from ``set_dir/graph.nq`` (the named graphs) and ``set_dir/graph.ttl`` (their union,
    as the default graph), with the articles' fact records beside it; returns its path.

    ``facts`` are written one by one as they come (a build streams them from its files, so they are never all in
    memory). ``articles`` is the manifest's list; by default (a build), the articles whose graphs are in the quads,
    and the others of ``facts`` as quarantined (their facts take part in the next update's corpus resolution, as
    in a build). Facts of an article marked ``facts`` but not given come, unchanged, from the ``previous`` store
    (hard-linked, so an update does not copy the facts of a large corpus).
    """
    folder = StoreFolder(set_dir / STORE_NAME)
    store = ox.Store(str(folder.path))
    store.bulk_load(path=set_dir / OUTPUT_FILES["nquads"], format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=set_dir / OUTPUT_FILES["turtle"], format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    exported = {row["key"].value: row["source"].value for row in store.query(_ARTICLES)} if articles is None else {}
    store.flush()
    del store  # closes the database before the set is swapped into place
    folder.facts_dir.mkdir(parents=True)
    written: dict[str, str] = {}
    for record in facts:
        write_atomic(folder.facts_path(record.article.key), dumps_facts(record))
        written[record.article.key] = record.article.source
    if articles is None:
        sources = {**written, **exported}
        articles = {
            key: StoredArticle(key, source, kept=key in exported, facts=key in written)
            for key, source in sources.items()
        }
    for key, article in articles.items():
        if article.facts and key not in written:
            if previous is None:
                raise ValueError(f"no facts for article {key}: give them in facts= or a previous store")
            _link_or_copy(previous.facts_path(key), folder.facts_path(key))
    write_atomic(folder.manifest_path, Manifest(base_iri, dict(articles)).to_json())
    return folder.path


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
