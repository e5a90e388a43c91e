"""The dataset the endpoint answers from: a private copy of the store whose default graph is the union of its
graphs as a set, as SPARQL means it.

SPARQL's default graph is a graph, a *set* of triples, and ``kg query`` (rdflib) reads the union that way. Oxigraph's
``use_default_graph_as_union`` does not: a triple comes out once per graph that holds it. In a newskg store every
article graph repeats the labels and types of the entities it mentions, so a pattern with a few ``rdfs:label``
lookups is multiplied by the number of articles per label: ``COUNT`` is wrong, and the explorer's entity page of a
person mentioned in 24 articles of real-dev ran past 60 s. So ``kg serve`` copies the store once at start into a
temporary folder, adding every triple of every graph to the default graph as well (a store holds a quad once, so
the default graph is the set union), and the query workers open that copy read-only. The named graphs stay as
they are, so ``GRAPH ?g`` still says which article a triple came from.

The copy costs a few seconds at start for a few hundred articles and as much disk as the store; it is removed
when the server stops.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox


def _with_union(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of ``store``, and each triple of a named graph once more in the default graph."""
    for quad in store.quads_for_pattern(None, None, None, None):
        yield quad
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())


def union_snapshot(store: Path, target: Path) -> Path:
    """Copy the Oxigraph store ``store`` (opened read-only) into a new store at ``target`` whose default graph is
    the set union of all its graphs; returns ``target``. Raises ``OSError`` when ``store`` cannot be opened."""
    source = ox.Store.read_only(str(store))
    copy = ox.Store(str(target))
    copy.bulk_extend(_with_union(source))
    copy.flush()
    del copy, source  # closes both: the workers open the copy read-only, which must not overlap a writer
    return target
