"""``kg query``, ``kg network`` and ``kg validate`` read a store (the store folder, or the output folder holding it)
as they read graph files, and a query on a store is stopped at its time limit like any other."""
from __future__ import annotations

import csv
import io
import multiprocessing
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryTimeout
from kg.network import meeting_graph, to_json
from kg.query import get_query, run_query
from kg.rdf.load import load_dataset, load_source
from kg.store import StoreFolder


def as_counter(result) -> Counter:
    """Rows as a multiset of their values' text (Oxigraph writes ``"57.0"^^xsd:decimal`` as ``57``, so decimals
    are compared as numbers)."""

    def text(value) -> str:
        try:
            return str(float(value))
        except ValueError:
            return str(value)

    return Counter(tuple(sorted((name, text(value)) for name, value in row.items())) for row in result.bindings)


@pytest.mark.parametrize(("name", "params"), [
    ("who-met-whom", {}),
    ("entity", {"name": "munir akram"}),
    ("events-in-range", {"from": "2022"}),
    ("positions-by-state", {"name": "Pakistan"}),
    ("votes-on-resolution", {}),
])
def test_library_queries_answer_the_same_on_the_store_and_on_the_files(full_build: Path, name, params):
    store = load_source([full_build])
    assert isinstance(store, StoreFolder)
    on_files = run_query(load_dataset([full_build / "graph.trig"]), get_query(name).text, bindings=params)
    on_store = run_query(store, get_query(name).text, bindings=params)
    assert on_store.variables == on_files.variables
    assert on_files.bindings and as_counter(on_store) == as_counter(on_files)


def test_the_default_graph_of_a_store_is_the_union_as_a_set(full_build: Path):
    """Every article graph repeats the labels of its entities: a count over the union must count each triple once,
    as on the files (Oxigraph's own union view would count it once per graph)."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a nkg:Person ; rdfs:label ?label }"
    on_files = run_query(load_dataset([full_build / "graph.trig"]), query).rows
    assert run_query(load_source([full_build]), query).rows == on_files
    assert on_files[0]["n"] > 5


def test_kg_query_reads_the_store_folder_or_the_output_folder(kg, full_build: Path):
    for where in (full_build, full_build / "store"):
        result = kg("query", where, "--name", "people", "--format", "csv")
        assert result.exit_code == 0, result.output
        people = list(csv.DictReader(io.StringIO(result.output)))
        assert "Munir Akram" in {row["label"] for row in people}


def test_parameters_cannot_change_a_store_query(full_build: Path):
    """A value is written as an escaped literal, never as query text."""
    injected = 'x" ) } } SELECT * WHERE { ?s ?p ?o } #'
    result = run_query(load_source([full_build]), get_query("entity").text, bindings={"name": injected})
    assert result.bindings == []


def test_kg_network_on_the_store_is_the_network_of_the_files(kg, full_build: Path):
    on_store = kg("network", full_build, "--format", "json")
    assert on_store.exit_code == 0, on_store.output
    assert to_json(meeting_graph(load_dataset([full_build / "graph.trig"]))) in on_store.output


def test_kg_validate_accepts_a_store(kg, full_build: Path):
    """Oxigraph keeps ``xsd:nonNegativeInteger`` offsets as ``xsd:integer``; read back, they conform again."""
    result = kg("validate", full_build / "store")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_a_folder_that_is_no_store_is_named(kg, tmp_path: Path):
    result = kg("query", tmp_path, "-q", "ASK {}")
    assert result.exit_code == 2
    assert f"{tmp_path}: is a folder but no store" in " ".join(result.output.split())


def test_time_limit_stops_a_query_on_a_store(tmp_path: Path):
    """pyoxigraph cannot be interrupted inside Rust: the process answering is killed."""
    store = ox.Store(str(tmp_path / "store"))
    graph = ox.NamedNode("http://example.org/g")
    store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                         ox.Literal(str(i)), graph) for i in range(2000))
    store.flush()
    del store
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.5 s"):
        run_query(load_source([tmp_path / "store"]),
                  "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.5)
    assert time.monotonic() - started < 5
    assert not multiprocessing.active_children()
