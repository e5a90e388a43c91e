"""Writing the graph: TriG and N-Quads (one named graph per article) and Turtle (the union), atomically.

Every file is written to a temporary file in the target folder and renamed into place, so a crash or a kill never
leaves a half-written output. A build writes into the staging folder of :func:`kg.rdf.outputs.output_set`, so that
its files also replace the previous build's together, as one set. Serialisations are deterministic: the same dataset
gives byte-identical files.
The writing is pyoxigraph's, fed with quads in a canonical order (lines of N-Quads sorted by graph, then as bytes):
it is linear in the size of the graph, where rdflib's Turtle writer takes minutes past a hundred thousand triples.
A build hands over the sorted shards of its map (:mod:`kg.run.shards`) and the files stream from them, so their
size is bounded by the disk, not by memory.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kg.errors import InvalidGraph
from kg.rdf.namespace import DEFAULT_BASE, PREFIXES, bind_prefixes
from kg.run.shards import Shards

if TYPE_CHECKING:
    from kg.pipeline import Quarantined
    from kg.rdf.validation import ValidationReport
    from kg.resolve.conflicts import ConflictGroup

#: File names written into the output folder, by format.
OUTPUT_FILES: dict[str, str] = {"trig": "graph.trig", "nquads": "graph.nq", "turtle": "graph.ttl"}
JSONLD_FILE = "graph.jsonld"
REPORT_FILE = "validation.txt"
CONFLICTS_FILE = "conflicts.txt"


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


def _prefixes() -> dict[str, str]:
    """newskg's vocabulary prefixes, not rdflib's many defaults. Instance IRIs stay whole: a ``data:`` prefix would
    turn ``…/article/h#char=0,147`` into an unreadable escaped name."""
    return {**PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


def graph_nquads(graph: Graph) -> bytes:
    """The canonical N-Quads of one named graph: its lines sorted, so any process writes the same bytes."""
    name = _ox(graph.identifier)
    quads = [ox.Quad(_ox(s), _ox(p), _ox(o), name) for s, p, o in graph]
    return b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))


def dataset_shards(dataset: Dataset) -> Shards:
    """A dataset as one partition of shards: its graphs in the order of their names (see :mod:`kg.run.shards`)."""
    shards = Shards(base_iri=_base_of(dataset))
    graphs = sorted(dataset.graphs(), key=lambda graph: str(graph.identifier))
    shards.add(b"".join(graph_nquads(graph) for graph in graphs))
    return shards


def _chunks(lines: Iterable[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Lines joined ``size`` at a time: pyoxigraph parses bytes, and whole lines are whole statements."""
    batch: list[bytes] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield b"".join(batch)
            batch = []
    if batch:
        yield b"".join(batch)


def write_nquads(shards: Shards, path: Path) -> None:
    """N-Quads, one line per quad, in canonical order: the shards one after another."""
    with atomic_writer(path) as handle:
        for chunk in shards.nquads():
            handle.write(chunk)


def write_trig(shards: Shards, path: Path) -> None:
    """TriG: one block per named graph, graphs and quads in canonical order, streamed through pyoxigraph."""
    quads = (quad for shard in shards.quads for quad in ox.parse(path=shard, format=ox.RdfFormat.N_QUADS))
    with atomic_writer(path) as handle:
        ox.serialize(quads, handle, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def write_turtle(shards: Shards, path: Path) -> None:
    """The union of all named graphs as Turtle, each triple once, in canonical order (a merge of the shards)."""
    triples = (
        quad.triple
        for chunk in _chunks(shards.union_ntriples())
        for quad in ox.parse(input=chunk, format=ox.RdfFormat.N_TRIPLES)
    )
    with atomic_writer(path) as handle:
        ox.serialize(triples, handle, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


WRITERS = {"trig": write_trig, "nquads": write_nquads, "turtle": write_turtle}


def write_outputs(graph: Dataset | Shards, outdir: Path) -> list[Path]:
    """Write every export format into ``outdir``; returns the paths written.

    ``graph`` is a dataset in memory or, from a build, the shards of its map (:class:`kg.run.shards.Shards`): the
    files stream from the shards, so writing them needs memory for a shard, not for the graph. Either way the same
    graph gives the same bytes. A build's shards hold only graphs validated one by one; a dataset is validated
    here, graph by graph as a build validates it, and one that violates the shapes raises
    :class:`~kg.errors.InvalidGraph` before anything is written: the library never exports an invalid graph.
    """
    if isinstance(graph, Dataset):
        _refuse_invalid(graph)
    shards = graph if isinstance(graph, Shards) else dataset_shards(graph)
    written = []
    for fmt, name in OUTPUT_FILES.items():
        path = outdir / name
        WRITERS[fmt](shards, path)
        written.append(path)
    return written


def _refuse_invalid(dataset: Dataset) -> None:
    from kg.rdf.validation import validate_graph  # pySHACL loads only when a dataset is exported

    for named in dataset.graphs():
        if len(named) and not (report := validate_graph(named)).conforms:
            raise InvalidGraph(str(named.identifier), str(report).rstrip())


oxigraph_term = _ox
"""The pyoxigraph term for an rdflib term, for other modules (:func:`kg.rdf.load.rdflib_term` goes back)."""


def write_jsonld(nquads: Path, path: Path) -> Path:
    """JSON-LD of the N-Quads file ``nquads`` (one ``@graph`` per named graph, in the file's order), streamed by
    pyoxigraph: written from the file a build has just exported, it holds the same quads whatever produced them."""
    with atomic_writer(path) as handle:
        ox.serialize(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS), handle, format=ox.RdfFormat.JSON_LD)
    return path


def report_text(kept: int, quarantined: Sequence[Quarantined], corpus_report: ValidationReport | None) -> str:
    """validation.txt: the verdict on every article and the corpus graph, with the reports of those left out."""
    lines = [f"Validated {kept + len(quarantined)} article graph(s) one by one: "
             f"{kept} conform, {len(quarantined)} quarantined."]
    for left_out in quarantined:
        lines += ["", f"Quarantined: {left_out.source}", str(left_out.report).rstrip()]
    if corpus_report is not None:
        lines += ["", "Corpus graph (canonical labels, conflicts):", str(corpus_report).rstrip()]
    return "\n".join(lines) + "\n"


def conflicts_text(conflicts: Iterable[ConflictGroup]) -> str:
    """conflicts.txt: every group of conflicting claims, one per line, with values and sources."""
    return "".join(group.describe() + "\n" for group in conflicts)
