"""Every query of queries/ and the who-met-whom network, run on the graph of the seed articles."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.network import meeting_graph
from kg.query import get_query, list_queries, run_query

runner = CliRunner()


def rows(dataset, query: str, **params) -> list[dict]:
    return run_query(dataset, get_query(query).text, bindings=params).rows


@pytest.fixture(scope="module")
def dataset(seed_build):
    return seed_build.dataset


def test_every_library_query_runs_on_the_seeds(dataset):
    names = {q.name for q in list_queries()}
    assert names >= {"who-met-whom", "entity", "events-in-range", "statements-by-person", "positions-by-state",
                     "votes-on-resolution", "conflicting-claims", "people", "entities-by-type", "post-holders"}
    for query in list_queries():
        params = {p.name: "Pakistan" for p in query.parameters if not p.optional}
        run_query(dataset, query.text, bindings=params)  # raises on any error


def test_who_met_whom(dataset):
    pairs = {(r["label1"], r["label2"]) for r in rows(dataset, "who-met-whom")}
    pairs = {tuple(sorted(pair)) for pair in pairs}
    assert ("Menissa Rambally", "Munir Akram") in pairs
    assert ("Antonio Guterres", "Mohsin Naqvi") in pairs
    assert ("Jean-Pierre Lacroix", "Mohsin Naqvi") in pairs
    signing = [r for r in rows(dataset, "who-met-whom", name="Rambally") if r["date"]]
    assert {(str(r["date"]), r["placeLabel"], r["source"]) for r in signing} == {
        ("2024-05-28", "New York", "000_afc1ce9a15f3338a.txt")
    }


def test_entity_by_alias(dataset):
    found = rows(dataset, "entity", name="akram")
    assert {r["label"] for r in found} == {"Munir Akram"}
    assert {r["source"] for r in found if r["source"]} >= {
        "000_afc1ce9a15f3338a.txt",
        "003_5658af3f2e5c4cbd.txt",
        "004_83cb5c45fc37a50c.txt",
    }


def test_events_in_range(dataset):
    found = rows(dataset, "events-in-range", **{"from": "2025-04-01", "to": "2025-04-30"})
    assert any("Islamabad" == r["placeLabel"] for r in found)
    assert all("2025-04" <= str(r["date"])[:7] <= "2025-04" for r in found)


def test_statements_by_person(dataset):
    found = rows(dataset, "statements-by-person", name="Munir Akram")
    assert {r["source"] for r in found} >= {"000_afc1ce9a15f3338a.txt", "004_83cb5c45fc37a50c.txt"}
    assert any(r["quote"] and "Security Council" in r["quote"] for r in found)


def test_positions_by_state(dataset):
    found = {(r["personLabel"], r["title"]) for r in rows(dataset, "positions-by-state", name="PK")}
    assert ("Munir Akram", "Permanent Representative") in found


def test_post_holders_in_a_year(dataset):
    """The seeds name Munir Akram Pakistan's Permanent Representative in articles of 30 May and 8 June 2024."""
    found = rows(dataset, "post-holders", name="PK", year=2024)
    assert [(r["personLabel"], r["title"], str(r["from"]), str(r["until"])) for r in found] == [
        ("Munir Akram", "Permanent Representative", "2024-05-30", "2024-06-08")
    ]
    assert set(found[0]["sources"].split("; ")) == {"000_afc1ce9a15f3338a.txt", "003_5658af3f2e5c4cbd.txt"}
    assert rows(dataset, "post-holders", name="PK", year=2023) == []


def test_votes_on_resolution(dataset):
    found = {(r["stateLabel"], r["choice"].rsplit("#", 1)[-1]) for r in rows(dataset, "votes-on-resolution")}
    assert found == {
        ("Nepal", "InFavour"),
        ("Pakistan", "Abstained"),
        ("India", "Abstained"),
        ("Bangladesh", "Abstained"),
        ("Sri Lanka", "Abstained"),
    }


def test_conflicting_claims(dataset):
    found = {frozenset((int(r["value"]), int(r["otherValue"]))) for r in rows(dataset, "conflicting-claims")}
    assert frozenset((181, 182)) in found and frozenset((46, 48)) in found
    # "168 since 1948, as of 2023" is another count at another time; equal figures never conflict
    assert not any(168 in pair or 235000 in pair for pair in found)


def test_people_and_counts(dataset):
    people = {r["label"]: int(r["mentions"]) for r in rows(dataset, "people")}
    assert people["Munir Akram"] >= 5 and len(people) == 11
    counts = {r["type"].rsplit("#", 1)[-1]: int(r["count"]) for r in rows(dataset, "entities-by-type")}
    assert counts["Person"] == 11 and counts["State"] == 19


def test_network_of_the_seeds(dataset):
    graph = meeting_graph(dataset)
    labels = {graph.nodes[n]["label"] for n in graph}
    assert {"Munir Akram", "Menissa Rambally", "Mohsin Naqvi", "Antonio Guterres"} <= labels
    assert all("label" in graph.nodes[n] for n in graph)


def test_network_cli_json_graphml_gexf(seed_build, tmp_path: Path):
    from kg.rdf.export import write_outputs

    write_outputs(seed_build.dataset, tmp_path)
    result = runner.invoke(app, ["network", str(tmp_path / "graph.trig"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{"):])
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    links = {frozenset((labels[e["source"]], labels[e["target"]])) for e in data.get("links", data.get("edges", []))}
    assert frozenset(("Munir Akram", "Menissa Rambally")) in links
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"who.{fmt}"
        assert runner.invoke(app, ["network", str(tmp_path / "graph.trig"), "--format", fmt, "-o", str(out)]).exit_code == 0
        assert reader(out).number_of_edges() == len(links)
