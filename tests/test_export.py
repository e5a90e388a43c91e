"""Export: deterministic bytes, atomic writes, and a Turtle file an independent store reads as the same graph."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.rdf.export import OUTPUT_FILES, atomic_writer, union_graph, write_outputs
from kg.rdf.load import rdflib_term


@pytest.fixture(scope="module")
def written(seed_build, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("out")
    write_outputs(seed_build.dataset, outdir)
    return outdir


def test_outputs_are_byte_identical_across_writes(seed_build, written: Path, tmp_path: Path):
    write_outputs(seed_build.dataset, tmp_path)
    for name in OUTPUT_FILES.values():
        assert (written / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_trig_and_nquads_keep_one_named_graph_per_article(seed_build, written: Path):
    for name, fmt in (("graph.trig", "trig"), ("graph.nq", "nquads")):
        loaded = Dataset()
        loaded.parse(written / name, format=fmt)
        article_graphs = {g.identifier for g in loaded.graphs() if "/article/" in str(g.identifier)}
        assert article_graphs == {g.identifier for g in seed_build.dataset.graphs() if "/article/" in str(g.identifier)}
        for identifier in article_graphs:
            assert isomorphic(loaded.graph(identifier), seed_build.dataset.graph(identifier)), (name, identifier)


NUMERIC = {XSD.integer, XSD.nonNegativeInteger, XSD.decimal}


def _by_value(graph: Graph) -> Graph:
    """The graph with numeric literals compared by value: oxigraph stores xsd:nonNegativeInteger as xsd:integer
    and 235000.0 as 235000, which are the same values in another spelling."""
    canonical = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in NUMERIC:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        canonical.add((s, p, o))
    return canonical


def test_turtle_is_the_same_graph_in_pyoxigraph(seed_build, written: Path):
    store = pyoxigraph.Store()
    store.load(path=str(written / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    reread = Graph()
    for quad in store:
        reread.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    assert len(reread) > 1000
    assert isomorphic(_by_value(reread), _by_value(union_graph(seed_build.dataset)))


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "graph.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half a graph")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_outputs_get_ordinary_permissions(tmp_path: Path):
    import os

    mask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "graph.ttl") as handle:
            handle.write(b"")
    finally:
        os.umask(mask)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == 0o644


def test_outputs_are_byte_identical_across_processes(written: Path, tmp_path: Path):
    """Hash orders differ between processes; the files must not."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from kg.rdf.load import load_dataset; from kg.rdf.export import write_outputs;"
        "write_outputs(load_dataset([sys.argv[1]]), Path(sys.argv[2]))"
    )
    for run in ("a", "b"):
        subprocess.run([sys.executable, "-c", script, str(written / "graph.nq"), str(tmp_path / run)], check=True)
    for name in OUTPUT_FILES.values():
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_dataset_that_violates_the_shapes_is_not_exported(seed_build, tmp_path: Path):
    """The library refuses an invalid graph as the CLI does: a person given a second rdfs:label (the shapes allow
    one) stops the export before any file is written."""
    from rdflib.namespace import RDF, RDFS

    from kg.errors import InvalidGraph
    from kg.rdf.namespace import NKG

    broken = Dataset()
    for graph in seed_build.dataset.graphs():
        copy = broken.graph(graph.identifier)
        copy += graph
    article = next(g for g in broken.graphs() if "/article/" in str(g.identifier) and len(g))
    person = next(article.subjects(RDF.type, NKG.Person))
    article.add((person, RDFS.label, Literal("A second name")))
    with pytest.raises(InvalidGraph) as refusal:
        write_outputs(broken, tmp_path)
    assert str(article.identifier) in str(refusal.value)
    assert list(tmp_path.iterdir()) == []
