"""The who-met-whom network: edges and their evidence, date windows, ego networks, paths, co-attendance,
the analyses, and the GraphML / GEXF / JSON / PNG outputs, through the library and the CLI."""
from __future__ import annotations

import datetime as dt

import doctest
import json

import networkx as nx
import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import kg.network
from kg.cli import app
from kg.rdf.namespace import NKG
from kg.network import (
    CO_ATTENDED,
    MET,
    NetworkError,
    NoPath,
    UnknownPerson,
    centrality_table,
    components,
    ego_network,
    find_person,
    meeting_graph,
    meeting_path,
    plot_png,
    to_gexf,
    to_graphml,
    to_json,
)
from kg.rdf.load import load_dataset

from .conftest import ROOT
from .test_query import A1, A2, DATA, DIALLO, ERIKSEN, FIXTURE, GENEVA, ORTEGA, OSLO, TANAKA, flat, generated_dataset

runner = CliRunner()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset([FIXTURE])


@pytest.fixture(scope="module")
def network(dataset) -> nx.Graph:
    return meeting_graph(dataset)


@pytest.fixture(scope="module")
def full_network(dataset) -> nx.Graph:
    return meeting_graph(dataset, include_co_attendance=True)


def labels(graph: nx.Graph, nodes=None) -> set[str]:
    return {graph.nodes[node]["label"] for node in (graph if nodes is None else nodes)}


def test_edges_and_their_evidence(network):
    assert set(map(frozenset, network.edges)) == {
        frozenset((DIALLO, ERIKSEN)), frozenset((DIALLO, TANAKA)), frozenset((ERIKSEN, TANAKA))
    }
    assert network.edges[DIALLO, ERIKSEN] == {
        "kind": MET,
        "meetings": 2,
        "dates": ["2024-03-11", "2024-05"],
        "places": ["Geneva", "Oslo"],
        "events": [f"{DATA}event/{A2}-1", f"{DATA}event/{A1}-1"],
        "sources": [GENEVA, OSLO],
    }
    assert network.edges[ERIKSEN, TANAKA]["meetings"] == 1
    assert network.edges[TANAKA, DIALLO]["sources"] == [OSLO]


def test_nodes_are_people_with_label_state_and_positions(network):
    assert ORTEGA not in network  # only co-attended, never met
    assert network.nodes[DIALLO] == {
        "label": "Amina Diallo", "aliases": ["Diallo"], "state": "Senegal", "positions": ["Permanent Representative"]
    }
    assert network.nodes[ERIKSEN]["state"] == "Norway"


def test_co_attendance_edges_have_their_own_kind(full_network):
    assert full_network.edges[ORTEGA, DIALLO] == {
        "kind": CO_ATTENDED,
        "meetings": 0,
        "dates": ["2024-02"],
        "places": ["New York"],
        "events": [f"{DATA}event/{A2}-2"],
        "sources": [OSLO],
    }
    assert full_network.edges[ORTEGA, TANAKA]["kind"] == CO_ATTENDED
    assert full_network.edges[DIALLO, TANAKA]["kind"] == MET
    assert full_network.nodes[ORTEGA]["state"] is None
    assert full_network.nodes[ORTEGA]["positions"] == ["President of the General Assembly"]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"since": "2024-04"}, {(DIALLO, ERIKSEN): 1, (DIALLO, TANAKA): 1, (ERIKSEN, TANAKA): 1}),
        ({"until": "2024-04"}, {(DIALLO, ERIKSEN): 1}),
        ({"since": "2024-05-31"}, {(DIALLO, ERIKSEN): 1, (DIALLO, TANAKA): 1, (ERIKSEN, TANAKA): 1}),  # month overlaps
        ({"since": "2024-03-12", "until": "2024-04-30"}, {}),
        ({"since": "2024", "until": "2024"}, {(DIALLO, ERIKSEN): 2, (DIALLO, TANAKA): 1, (ERIKSEN, TANAKA): 1}),
    ],
)
def test_date_window_keeps_encounters_in_it(dataset, window, expected):
    graph = meeting_graph(dataset, **window)
    assert {tuple(sorted(edge)): data["meetings"] for *edge, data in graph.edges(data=True)} == expected
    assert all(graph.degree(node) for node in graph)


def test_bare_met_link_counts_as_one_meeting_without_evidence():
    dataset = load_dataset([FIXTURE])
    dataset.graph(URIRef("https://example.org/extra")).add((URIRef(ORTEGA), NKG.met, URIRef(ERIKSEN)))
    edge = meeting_graph(dataset).edges[ORTEGA, ERIKSEN]
    assert (edge["kind"], edge["meetings"], edge["events"], edge["dates"]) == (MET, 1, [], [])
    assert ORTEGA not in meeting_graph(dataset, since="2000")  # undated: outside every window


def test_date_window_applies_to_co_attendance(dataset):
    graph = meeting_graph(dataset, since="2024-03", include_co_attendance=True)
    assert ORTEGA not in graph
    assert meeting_graph(dataset, until="2024-02-29", include_co_attendance=True).number_of_edges() == 2


def test_window_of_until_only_keeps_dates_inside(dataset):
    graph = meeting_graph(dataset, until="2024-04")
    assert graph.edges[DIALLO, ERIKSEN]["dates"] == ["2024-03-11"]
    assert graph.edges[DIALLO, ERIKSEN]["places"] == ["Geneva"]


def test_bad_window_bound(dataset):
    with pytest.raises(NetworkError, match="YYYY"):
        meeting_graph(dataset, since="March 2024")


def test_ego_network(network, full_network):
    assert labels(ego_network(network, "tanaka")) == {"Mei Tanaka", "Amina Diallo", "Lars Eriksen"}
    assert labels(ego_network(full_network, "Carlos Ortega")) == {"Carlos Ortega", "Amina Diallo", "Mei Tanaka"}
    assert labels(ego_network(full_network, "Eriksen", radius=2)) == labels(full_network)
    assert ego_network(network, DIALLO).graph["ego"] == DIALLO


def test_unknown_person_lists_close_matches(network):
    with pytest.raises(UnknownPerson, match="close matches: Amina Diallo"):
        find_person(network, "Amina Dialo")
    with pytest.raises(UnknownPerson, match="no person called 'Nobody'"):
        find_person(network, "Nobody")


def test_ambiguous_name_lists_the_people():
    graph = nx.Graph()
    graph.add_node("p/1", label="Ann Lee", aliases=["Lee"])
    graph.add_node("p/2", label="Bo Lee", aliases=["Lee"])
    with pytest.raises(UnknownPerson, match="names 2 people: p/1, p/2"):
        find_person(graph, "lee")


def test_path(network, full_network):
    assert meeting_path(network, "Lars Eriksen", "Mei Tanaka") == [ERIKSEN, TANAKA]
    path = meeting_path(full_network, "Ortega", "Eriksen")
    assert (path[0], path[-1], len(path)) == (ORTEGA, ERIKSEN, 3)


def test_no_path():
    graph = nx.Graph()
    graph.add_node("p/1", label="Ann", aliases=[])
    graph.add_node("p/2", label="Bo", aliases=[])
    with pytest.raises(NoPath, match="no chain of meetings links Ann and Bo") as caught:
        meeting_path(graph, "Ann", "Bo")
    assert caught.value.exit_code == 1


def test_centrality_and_components(network, full_network):
    table = centrality_table(network)
    assert [(row["label"], row["degree"], row["meetings"]) for row in table] == [
        ("Amina Diallo", 2, 3), ("Lars Eriksen", 2, 3), ("Mei Tanaka", 2, 2)
    ]
    assert all(row["betweenness"] == 0 and row["degree_centrality"] == 1 for row in table)
    assert components(network) == [[DIALLO, ERIKSEN, TANAKA]]
    assert components(full_network) == [[DIALLO, ORTEGA, ERIKSEN, TANAKA]]
    assert components(meeting_graph(load_dataset([FIXTURE]), since="2030")) == []


def test_large_graph():
    """300 meetings in 150 articles: every meeting event is counted once, on the edge of its pair."""
    graph = meeting_graph(generated_dataset(articles=150), include_co_attendance=True)
    met = [data for *_, data in graph.edges(data=True) if data["kind"] == MET]
    assert sum(data["meetings"] for data in met) == 300
    assert sum(len(data["events"]) for data in met) == 300
    assert all(graph.nodes[node]["positions"] == ["Envoy"] for node in graph)


def test_docstring_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert doctest.testmod(kg.network).failed == 0


# --- Outputs ------------------------------------------------------------------------------------------------------


def test_graphml_round_trips(full_network, tmp_path):
    path = tmp_path / "network.graphml"
    path.write_text(to_graphml(full_network), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == set(full_network.nodes)
    assert set(map(frozenset, graph.edges)) == set(map(frozenset, full_network.edges))
    edge = graph.edges[DIALLO, ERIKSEN]
    assert (edge["kind"], edge["meetings"]) == (MET, 2)
    assert (edge["dates"], edge["sources"]) == ("2024-03-11; 2024-05", f"{GENEVA}; {OSLO}")
    assert graph.nodes[DIALLO]["positions"] == "Permanent Representative"
    assert "state" not in graph.nodes[ORTEGA]


def test_gexf_parses(full_network, tmp_path):
    path = tmp_path / "network.gexf"
    path.write_text(to_gexf(full_network), encoding="utf-8")
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 5
    assert graph.nodes[TANAKA]["label"] == "Mei Tanaka"
    assert graph.edges[DIALLO, ERIKSEN]["places"] == "Geneva; Oslo"


def test_gexf_is_reproducible_bytes_without_a_date_stamp(full_network):
    """networkx stamps GEXF with today's date; newskg's export is the same on any day."""
    written = to_gexf(full_network)
    assert "lastmodifieddate" not in written
    assert dt.date.today().isoformat() not in written
    assert to_gexf(full_network) == written


def test_json_is_node_link_data_with_labels_and_lists(full_network):
    data = json.loads(to_json(full_network))
    assert all(node["label"] for node in data["nodes"])
    assert {node["id"] for node in data["nodes"]} == set(full_network)
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {DIALLO, ERIKSEN})
    assert edge["dates"] == ["2024-03-11", "2024-05"]
    assert nx.utils.graphs_equal(nx.node_link_graph(data), full_network)


def test_png(full_network):
    assert plot_png(full_network).startswith(PNG_MAGIC)
    assert plot_png(nx.Graph()).startswith(PNG_MAGIC)


# --- CLI ----------------------------------------------------------------------------------------------------------


def test_cli_json_to_stdout_and_tables_to_stderr():
    result = runner.invoke(app, ["network", str(FIXTURE)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {node["label"] for node in data["nodes"]} == {"Amina Diallo", "Lars Eriksen", "Mei Tanaka"}
    assert "betweenness" in result.stderr and "Connected components" in result.stderr


@pytest.mark.parametrize(
    ("name", "fmt", "reader"), [("net.graphml", None, nx.read_graphml), ("net.xml", "gexf", nx.read_gexf)]
)
def test_cli_writes_files(tmp_path, name, fmt, reader):
    output, plot = tmp_path / name, tmp_path / "net.png"
    args = ["network", str(FIXTURE), "--include-co-attendance", "-o", str(output), "--plot", str(plot)]
    result = runner.invoke(app, args + (["--format", fmt] if fmt else []))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert reader(output).number_of_edges() == 5
    assert plot.read_bytes().startswith(PNG_MAGIC)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "net.png"])  # no temporary files left


def test_cli_plot_without_output_still_prints_the_network(tmp_path):
    plot = tmp_path / "net.png"
    result = runner.invoke(app, ["network", str(FIXTURE), "--plot", str(plot)])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["edges"]) == 3
    assert plot.read_bytes().startswith(PNG_MAGIC)


def test_cli_window_and_ego():
    result = runner.invoke(app, ["network", str(FIXTURE), "--until", "2024-04", "--ego", "eriksen"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {node["label"] for node in data["nodes"]} == {"Amina Diallo", "Lars Eriksen"}
    assert [edge["meetings"] for edge in data["edges"]] == [1]


def test_cli_path():
    args = ["network", str(FIXTURE), "--include-co-attendance", "--path", "Ortega", "Lars Eriksen"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Carlos Ortega → ") and lines[0].endswith("→ Lars Eriksen (2 links)")
    assert "co-attended (2024-02, New York)" in lines[1]
    assert len(lines) == 3  # the chain only: no network dump when --path is given


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ego", "Mei Tanka"], "close matches: Mei Tanaka"),
        (["--path", "Ortega", "Eriksen"], "no person called 'Ortega'"),
        (["--since", "last year"], "YYYY"),
        (["--format", "dot"], "unknown network format 'dot'"),
        (["-o", "network.xml"], "unknown network format 'xml' of network.xml"),
    ],
)
def test_cli_errors_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["network", str(FIXTURE), *args])
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert list(tmp_path.iterdir()) == []
