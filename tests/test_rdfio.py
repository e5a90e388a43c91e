"""Reading graph files back: format from the extension, errors that name the file."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.rdf.export import union_graph, write_outputs
from kg.rdf.load import load_dataset, load_graph


def test_every_export_format_reads_back_as_the_same_graph(seed_build, tmp_path: Path):
    write_outputs(seed_build.dataset, tmp_path)
    expected = union_graph(seed_build.dataset)
    for name in ("graph.trig", "graph.nq", "graph.ttl"):
        assert isomorphic(load_graph([tmp_path / name]), expected), name
    assert len(list(load_dataset([tmp_path / "graph.trig"]).query("ASK { ?s ?p ?o }"))) == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("graph.xyz", "", "unknown graph file extension"),
    ("broken.ttl", "<a> <b> .", "cannot parse as turtle"),
])
def test_unreadable_graph_files_are_named(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as caught:
        load_dataset([path])
    assert name in str(caught.value)


def test_missing_graph_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_dataset([tmp_path / "none.trig"])
