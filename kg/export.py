"""Writing the graph: TriG and N-Quads (one named graph per article) and Turtle (the union), atomically.

Every file is written to a temporary file in the target folder and renamed into place, so a crash or a kill never
leaves a half-written output. Serialisations are deterministic: the same dataset gives byte-identical files.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rdflib import Dataset, Graph

from kg.namespace import DEFAULT_BASE, bind_prefixes

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


def to_turtle(dataset: Dataset) -> str:
    return union_graph(dataset).serialize(format="turtle")


def to_nquads(dataset: Dataset) -> str:
    """N-Quads with lines sorted: a canonical order, since stores return quads in no fixed order."""
    lines = dataset.serialize(format="nquads").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def to_trig(dataset: Dataset) -> str:
    """TriG with named graphs in IRI order, each serialised with rdflib's (sorted) Turtle writer."""
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(_used_prefixes(dataset)))
    blocks = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0:
            continue
        body = Graph(namespace_manager=dataset.namespace_manager)
        body += graph
        turtle = body.serialize(format="turtle")
        # not indented: indenting would change the contents of multi-line literals
        statements = "\n".join(line for line in turtle.splitlines() if not line.startswith("@prefix")).strip()
        blocks.append(f"<{graph.identifier}> {{\n{statements}\n}}\n")
    return header + "\n" + "\n".join(blocks)


def _used_prefixes(dataset: Dataset) -> set[tuple[str, str]]:
    return {(prefix, str(ns)) for prefix, ns in dataset.namespaces() if prefix}


SERIALISERS = {"trig": to_trig, "nquads": to_nquads, "turtle": to_turtle}


def write_outputs(dataset: Dataset, outdir: Path) -> list[Path]:
    """Write every export format into ``outdir``; returns the paths written."""
    written = []
    for fmt, name in OUTPUT_FILES.items():
        path = outdir / name
        write_atomic(path, SERIALISERS[fmt](dataset))
        written.append(path)
    return written
