"""A built graph on disk, as sorted N-Quads shards: what the map writes and the exports stream from.

Each partition of the map writes two files: ``NNNNN.nq``, its articles' named graphs (graphs in the order of their
names, each graph's lines sorted), and ``NNNNN.nt``, the same triples without their graph, sorted and each once.
Partitions hold articles in the order of their keys, and an article's graph is named by its key, so the shards
concatenated in order *are* the canonical N-Quads file: no merge, and nothing of the graph in memory. The union
for Turtle is a k-way merge of the ``.nt`` shards, dropping repeats (an entity described by many articles).

The shards are bytes in one canonical form, whatever process or machine wrote them; so the exports of a build
in one process, on a local cluster or on a remote one are the same bytes.
"""
from __future__ import annotations

import heapq
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from rdflib import Dataset
from rdflib.namespace import RDF

from kg.rdf.namespace import DEFAULT_BASE, bind_prefixes

_RDF_TYPE = f"<{RDF.type}>".encode()

#: How many sorted files one merge step reads at once; more are merged in rounds (open files are limited).
MERGE_FAN_IN = 256


def triple_line(quad_line: bytes) -> bytes:
    """The N-Triples line of an N-Quads line: the graph term (the last before `` .``; IRIs hold no spaces) dropped."""
    statement, _graph, _end = quad_line.rsplit(b" ", 2)
    return statement + b" .\n"


def sorted_lines(data: bytes) -> list[bytes]:
    """The lines of ``data`` (N-Quads or N-Triples, one statement a line), sorted, each once."""
    return sorted(set(data.splitlines(keepends=True)))


class Shards:
    """The sorted N-Quads and N-Triples shards of a graph, in a folder of their own (deleted with this object).

    ``add`` appends one partition's shards; partitions must come in the order of their graph names (the build
    sorts articles by key), and the corpus graph, named ``…/graph/corpus``, after every article's.
    """

    def __init__(self, folder: Path | str | None = None, *, base_iri: str = DEFAULT_BASE) -> None:
        if folder is None:
            folder = tempfile.mkdtemp(prefix="newskg-shards-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.base_iri = base_iri
        self.quads: list[Path] = []
        """The N-Quads shards; concatenated in this order they are the canonical N-Quads of the graph."""
        self.triples: list[Path] = []
        """The N-Triples shards, each sorted and without repeats."""

    def path(self, name: str) -> Path:
        """A file of the build's own in the shard folder (the map's facts, merge rounds)."""
        return self.folder / name

    def add(self, nquads: bytes) -> None:
        """Append a partition: ``nquads`` is its graphs in canonical order (see :func:`kg.rdf.export.graph_nquads`)."""
        number = len(self.quads)
        quads, triples = self.path(f"{number:06d}.nq"), self.path(f"{number:06d}.nt")
        quads.write_bytes(nquads)
        triples.write_bytes(b"".join(sorted_lines(b"".join(map(triple_line, nquads.splitlines(keepends=True))))))
        self.quads.append(quads)
        self.triples.append(triples)

    def nquads(self) -> Iterator[bytes]:
        """The canonical N-Quads of the whole graph, a shard's worth at a time."""
        for path in self.quads:
            yield path.read_bytes()

    def union_ntriples(self) -> Iterator[bytes]:
        """Every triple of every graph once, sorted: a k-way merge of the N-Triples shards, in rounds if many."""
        files = list(self.triples)
        round_number = 0
        while len(files) > MERGE_FAN_IN:
            merged = []
            for start in range(0, len(files), MERGE_FAN_IN):
                out = self.path(f"merge-{round_number}-{start // MERGE_FAN_IN:06d}.nt")
                with out.open("wb") as handle:
                    handle.writelines(_merge_unique(files[start:start + MERGE_FAN_IN]))
                merged.append(out)
            files, round_number = merged, round_number + 1
        yield from _merge_unique(files)

    def union_counts(self) -> tuple[int, Counter[str]]:
        """The number of triples of the union, and of ``rdf:type`` triples per class IRI: a build's summary,
        streamed from the shards (a line at a time), so that printing it never loads the graph."""
        triples = 0
        classes: Counter[str] = Counter()
        for line in self.union_ntriples():
            triples += 1
            _subject, predicate, rest = line.split(b" ", 2)
            if predicate == _RDF_TYPE:
                classes[rest.rsplit(b" ", 1)[0].strip(b"<>").decode()] += 1
        return triples, classes

    def dataset(self) -> Dataset:
        """The whole graph as an rdflib Dataset, one named graph per article (memory grows with the corpus: for
        the library's callers and tests on small corpora; the exports stream from the shards instead)."""
        dataset = Dataset(default_union=True)  # SPARQL over the dataset sees every article's graph
        bind_prefixes(dataset, self.base_iri)
        for path in self.quads:
            dataset.parse(path, format="nquads")
        return dataset


def _merge_unique(files: Iterable[Path]) -> Iterator[bytes]:
    """The lines of sorted files, merged in order, each line once."""
    with ExitStack() as stack:
        handles = [stack.enter_context(path.open("rb")) for path in files]
        previous = None
        for line in heapq.merge(*handles):
            if line != previous:
                yield line
                previous = line
