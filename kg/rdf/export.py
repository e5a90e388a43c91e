"""Writing the graph: TriG and N-Quads (one named graph per article) and Turtle (the union), atomically.

Every file is written to a temporary file in the target folder and renamed into place, so a crash or a kill never
leaves a half-written output. A build writes into the staging folder of :func:`kg.rdf.outputs.output_set`, so that
its files also replace the previous build's together, as one set. Serialisations are deterministic: the same dataset
gives byte-identical files.
The writing is pyoxigraph's, fed with quads in a canonical order: it is linear in the size of the graph, where
rdflib's Turtle writer takes minutes past a hundred thousand triples.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kg.rdf.namespace import DEFAULT_BASE, PREFIXES, bind_prefixes

#: File names written into the output folder, by format.
OUTPUT_FILES: dict[str, str] = {"trig": "graph.trig", "nquads": "graph.nq", "turtle": "graph.ttl"}
REPORT_FILE = "validation.txt"


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on failure it disappears."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes private files; outputs get the usual permissions
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(data.encode("utf-8"))


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph: what a Turtle consumer sees (provenance stays in mention nodes)."""
    union = Graph()
    bind_prefixes(union, _base_of(dataset))
    for graph in dataset.graphs():
        union += graph
    return union


def _base_of(dataset: Dataset) -> str:
    """The base IRI bound to the ``data`` prefix at build time (the default base when there is none)."""
    return next((str(ns) for prefix, ns in dataset.namespaces() if prefix == "data"), DEFAULT_BASE)


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def _sort_key(*terms: Node) -> tuple[str, ...]:
    return tuple(term.n3() for term in terms)


def _prefixes() -> dict[str, str]:
    """newskg's vocabulary prefixes, not rdflib's many defaults. Instance IRIs stay whole: a ``data:`` prefix would
    turn ``…/article/h#char=0,147`` into an unreadable escaped name."""
    return {**PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


def _quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of every named graph, in a canonical order (stores return them in no fixed order)."""
    rows = sorted(
        (quad for graph in dataset.graphs() for quad in ((s, p, o, graph.identifier) for s, p, o in graph)),
        key=lambda quad: _sort_key(quad[3], *quad[:3]),
    )
    return [ox.Quad(_ox(s), _ox(p), _ox(o), _ox(g)) for s, p, o, g in rows]


def _serialise(items: list[ox.Quad] | list[ox.Triple], fmt: ox.RdfFormat) -> str:
    """pyoxigraph's writer: linear in the size of the graph (rdflib's Turtle writer is not, past ~10^5 triples)."""
    return ox.serialize(items, format=fmt, prefixes=_prefixes()).decode("utf-8")


def to_turtle(dataset: Dataset) -> str:
    """The union of all named graphs as Turtle, triples in canonical order."""
    union = sorted(union_graph(dataset), key=lambda triple: _sort_key(*triple))
    return _serialise([ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in union], ox.RdfFormat.TURTLE)


def to_nquads(dataset: Dataset) -> str:
    """N-Quads, one line per quad, in canonical order."""
    return ox.serialize(_quads(dataset), format=ox.RdfFormat.N_QUADS).decode("utf-8")


def to_trig(dataset: Dataset) -> str:
    """TriG: one block per named graph, graphs and quads in canonical order."""
    return _serialise(_quads(dataset), ox.RdfFormat.TRIG)


SERIALISERS = {"trig": to_trig, "nquads": to_nquads, "turtle": to_turtle}


def write_outputs(dataset: Dataset, outdir: Path) -> list[Path]:
    """Write every export format into ``outdir``; returns the paths written."""
    written = []
    for fmt, name in OUTPUT_FILES.items():
        path = outdir / name
        write_atomic(path, SERIALISERS[fmt](dataset))
        written.append(path)
    return written
