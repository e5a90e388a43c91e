"""Who met whom as a networkx graph: built from the RDF through SPARQL, then analysed, exported and drawn.

The graph is read with the library queries ``who-met-whom`` and ``co-attendance`` (so the network and
``kg query`` agree on what "met" means) plus one query for the people's names, states and posts; it is never
a conversion of every triple. Nodes are people who have at least one link, keyed by IRI. Edges carry the
evidence: the events, their dates and places, and the article files they were read from.

In memory, list-valued attributes are Python lists; GraphML and GEXF cannot hold lists, so ``to_graphml`` and
``to_gexf`` join them with ``"; "``, while ``to_json`` keeps them. A typical notebook session::

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]))
    >>> sorted(graph.nodes[node]["label"] for node in graph)
    ['Amina Diallo', 'Lars Eriksen', 'Mei Tanaka']
    >>> [graph.nodes[node]["label"] for node in meeting_path(graph, "Tanaka", "Amina Diallo")]
    ['Mei Tanaka', 'Amina Diallo']
"""
from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph

from kg.errors import NetworkError, NoPath, UnknownPerson
from kg.query import get_query, run_query
from kg.store.layout import StoreFolder

MET = "met"
CO_ATTENDED = "co-attended"
LIST_SEPARATOR = "; "
"""How list attributes are joined for GraphML and GEXF."""
PLOT_SEED = 7
"""Seed of the spring layout, so the same graph is always drawn the same way."""

_WINDOW_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: One row per attribute value of every person; grouped into node attributes in Python.
_PERSON_ATTRIBUTES = """
SELECT ?person ?key ?value
WHERE {
  ?person a nkg:Person .
  { ?person rdfs:label ?value BIND ("label" AS ?key) }
  UNION { ?person skos:altLabel ?value BIND ("aliases" AS ?key) }
  UNION { ?person nkg:represents/rdfs:label ?value BIND ("state" AS ?key) }
  UNION { ?person org:holds/nkg:postTitle ?value BIND ("positions" AS ?key) }
}
"""


# --- Building -------------------------------------------------------------------------------------------------


def meeting_graph(
    dataset: Graph | StoreFolder,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    include_co_attendance: bool = False,
) -> nx.Graph:
    """The who-met-whom network of ``dataset`` (a Dataset, or a store folder queried where it is): one edge per pair
    of people who met.

    ``since`` and ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive) keep only encounters whose
    event date falls in the window, comparing at the coarser precision of the two (an event in ``2024-05`` is
    inside a window from ``2024-05-20``); with a window, links with no dated event are dropped. Edge attributes:
    ``kind`` (``"met"``, or ``"co-attended"`` for ``nkg:coAttended`` pairs when ``include_co_attendance``),
    ``meetings`` (number of distinct meeting events; 1 for a bare ``nkg:met`` with no event; 0 for co-attendance),
    ``dates``, ``places``, ``events`` (IRIs) and ``sources`` (article files). Node attributes: ``label``,
    ``aliases``, ``state`` (the label of the state they represent, or None) and ``positions`` (post titles).

    >>> from kg.rdf.load import load_dataset
    >>> dataset = load_dataset(["tests/fixtures/query/mini.trig"])
    >>> graph = meeting_graph(dataset)
    >>> diallo, eriksen = (find_person(graph, name) for name in ("Amina Diallo", "Lars Eriksen"))
    >>> edge = graph.edges[diallo, eriksen]
    >>> edge["meetings"], edge["dates"], edge["places"]
    (2, ['2024-03-11', '2024-05'], ['Geneva', 'Oslo'])
    >>> meeting_graph(dataset, since="2024-04").number_of_edges()
    3
    >>> meeting_graph(dataset, until="2024-04").number_of_edges()
    1
    """
    since, until = _window_bound(since, "since"), _window_bound(until, "until")
    graph = nx.Graph(**{key: value for key, value in (("since", since), ("until", until)) if value})
    _add_links(graph, _rows(dataset, get_query("who-met-whom").text), MET, since, until)
    if include_co_attendance:
        _add_links(graph, _rows(dataset, get_query("co-attendance").text), CO_ATTENDED, since, until)
    _describe_people(graph, _rows(dataset, _PERSON_ATTRIBUTES))
    return graph


def _rows(dataset: Graph | StoreFolder, query: str) -> list[dict[str, Any]]:
    return run_query(dataset, query, timeout=None).rows


def _window_bound(value: str | dt.date | None, name: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if not _WINDOW_BOUND.match(text):
        raise NetworkError(f"--{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return text


def in_window(date: str, since: str | None, until: str | None) -> bool:
    """Whether an ISO date of any precision falls in the window, compared at the coarser precision.

    >>> in_window("2024-05", "2024-05-20", None), in_window("2024-05-01", "2024-05-20", None)
    (True, False)
    """
    if since and date[: len(since)] < since[: len(date)]:
        return False
    return not (until and date[: len(until)] > until[: len(date)])


def _add_links(
    graph: nx.Graph, rows: Iterable[dict[str, Any]], kind: str, since: str | None, until: str | None
) -> None:
    """Fold per-event rows (``person1``, ``person2``, ``event``, ``date``, ``place``, ...) into one edge per pair.

    Pairs that already have an edge keep it: a pair that met is never also drawn as co-attending.
    """
    windowed = bool(since or until)
    evidence: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows:
        pair = (row["person1"], row["person2"])
        graph.add_node(row["person1"], label=row["label1"])
        graph.add_node(row["person2"], label=row["label2"])
        found = evidence.setdefault(pair, defaultdict(set))
        if row["event"] is None:
            continue
        date = None if row["date"] is None else str(row["date"])
        if windowed and (date is None or not in_window(date, since, until)):
            continue
        found["events"].add(row["event"])
        for key, value in (("dates", date), ("places", row["placeLabel"] or row["place"]), ("sources", row["source"])):
            if value is not None:
                found[key].add(value)
    for pair, found in evidence.items():
        if graph.has_edge(*pair) or (windowed and not found["events"]):
            continue
        meetings = (len(found["events"]) or 1) if kind == MET else 0
        graph.add_edge(*pair, kind=kind, meetings=meetings, **{key: sorted(found[key]) for key in _EVIDENCE})
    graph.remove_nodes_from([node for node in list(graph) if graph.degree(node) == 0])


_EVIDENCE = ("dates", "places", "events", "sources")


def _describe_people(graph: nx.Graph, rows: Iterable[dict[str, Any]]) -> None:
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        if row["person"] in graph:
            values[row["person"]][row["key"]].add(str(row["value"]))
    for node, data in graph.nodes(data=True):
        found = values[node]
        data["label"] = min(found["label"], default=data.get("label", node))
        data["aliases"] = sorted(found["aliases"])
        data["state"] = LIST_SEPARATOR.join(sorted(found["state"])) or None
        data["positions"] = sorted(found["positions"])


# --- Questions ------------------------------------------------------------------------------------------------


def find_person(graph: nx.Graph, name: str) -> str:
    """The node of the person called ``name`` (an IRI, label or alias, case-insensitively).

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]))
    >>> find_person(graph, "eriksen")
    'https://w3id.org/newskg/id/person/lars-eriksen'
    >>> find_person(graph, "Mei Tanka")
    Traceback (most recent call last):
    ...
    kg.errors.UnknownPerson: no person called 'Mei Tanka' in the who-met-whom network; close matches: Mei Tanaka
    """
    if name in graph:
        return name
    wanted = name.strip().casefold()
    names: dict[str, set[str]] = defaultdict(set)
    for node, data in graph.nodes(data=True):
        for known in (data["label"], *data.get("aliases", ())):
            names[known.casefold()].add(node)
    matches = sorted(names.get(wanted, ()))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownPerson(f"{name!r} names {len(matches)} people: {', '.join(matches)}; give one of these IRIs")
    close_names = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    close_nodes = (node for key in close_names for node in sorted(names[key]))
    close = list(dict.fromkeys(graph.nodes[node]["label"] for node in close_nodes))
    hint = f"; close matches: {', '.join(close)}" if close else " (only people with at least one link are in it)"
    raise UnknownPerson(f"no person called {name!r} in the who-met-whom network{hint}")


def ego_network(graph: nx.Graph, name: str, radius: int = 1) -> nx.Graph:
    """The person called ``name`` with everyone within ``radius`` links, and the links among them.

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]), include_co_attendance=True)
    >>> sorted(graph.nodes[node]["label"] for node in ego_network(graph, "Ortega"))
    ['Amina Diallo', 'Carlos Ortega', 'Mei Tanaka']
    """
    centre = find_person(graph, name)
    ego = nx.ego_graph(graph, centre, radius=radius)
    ego.graph["ego"] = centre
    return ego


def meeting_path(graph: nx.Graph, a: str, b: str) -> list[str]:
    """The shortest chain of links from person ``a`` to person ``b``, as node IRIs from ``a`` to ``b``.

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]), include_co_attendance=True)
    >>> [graph.nodes[node]["label"] for node in meeting_path(graph, "Ortega", "Eriksen")]
    ['Carlos Ortega', 'Amina Diallo', 'Lars Eriksen']
    """
    source, target = find_person(graph, a), find_person(graph, b)
    try:
        return nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        labels = graph.nodes[source]["label"], graph.nodes[target]["label"]
        raise NoPath(f"no chain of meetings links {labels[0]} and {labels[1]}") from None


def centrality_table(graph: nx.Graph) -> list[dict[str, Any]]:
    """Every person with degree, number of meetings, degree and betweenness centrality; most central first.

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]), include_co_attendance=True)
    >>> for row in centrality_table(graph):
    ...     print(row["label"], row["degree"], row["meetings"], round(row["betweenness"], 3))
    Amina Diallo 3 3 0.167
    Mei Tanaka 3 2 0.167
    Lars Eriksen 2 3 0.0
    Carlos Ortega 2 0 0.0
    """
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    rows = [
        {
            "person": node,
            "label": data["label"],
            "state": data.get("state"),
            "degree": graph.degree(node),
            "meetings": sum(edge["meetings"] for *_, edge in graph.edges(node, data=True)),
            "degree_centrality": degree[node],
            "betweenness": betweenness[node],
        }
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda row: (-row["betweenness"], -row["degree"], -row["meetings"], row["label"]))


def components(graph: nx.Graph) -> list[list[str]]:
    """The connected groups of people (node IRIs), largest first, each ordered by label.

    >>> from kg.rdf.load import load_dataset
    >>> graph = meeting_graph(load_dataset(["tests/fixtures/query/mini.trig"]))
    >>> [[graph.nodes[node]["label"] for node in group] for group in components(graph)]
    [['Amina Diallo', 'Lars Eriksen', 'Mei Tanaka']]
    """

    def by_label(node: str) -> tuple[str, str]:
        return graph.nodes[node]["label"], node

    groups = [sorted(group, key=by_label) for group in nx.connected_components(graph)]
    return sorted(groups, key=lambda group: (-len(group), by_label(group[0])))


# --- Export and drawing ---------------------------------------------------------------------------------------


def to_json(graph: nx.Graph) -> str:
    """networkx node-link JSON (``nodes`` and ``edges``), list attributes kept as lists."""
    return json.dumps(nx.node_link_data(graph), indent=2, ensure_ascii=False) + "\n"


def to_graphml(graph: nx.Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(_flattened(graph), buffer)
    return buffer.getvalue().decode("utf-8")


def to_gexf(graph: nx.Graph) -> str:
    """GEXF 1.2, without the ``lastmodifieddate`` networkx stamps with today's date (the attribute is optional), so
    the same graph gives the same bytes on any day: a user can diff two exports."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(_flattened(graph))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue().decode("utf-8")


EXPORTERS = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}
"""Text serialisations by format name (also the output file extensions)."""


def _flattened(graph: nx.Graph) -> nx.Graph:
    """A copy with list attributes joined and None attributes dropped, as GraphML and GEXF require."""

    def flat(data: dict[str, Any]) -> dict[str, Any]:
        return {
            key: LIST_SEPARATOR.join(value) if isinstance(value, list) else value
            for key, value in data.items()
            if value is not None
        }

    copy = nx.Graph(**flat(graph.graph))
    copy.add_nodes_from((node, flat(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from((a, b, flat(data)) for a, b, data in graph.edges(data=True))
    return copy


def plot_png(graph: nx.Graph, *, title: str = "Who met whom") -> bytes:
    """A PNG drawing of the network: edge width grows with the number of meetings, co-attendance is dashed.

    Drawn on an Agg canvas of its own, so it works headless and leaves pyplot's global backend alone.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    side = min(30.0, max(7.0, 2.2 * math.sqrt(graph.number_of_nodes())))
    figure = Figure(figsize=(side, side * 0.75), dpi=120)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title)
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no meetings found", ha="center", va="center")
    else:
        position = nx.spring_layout(graph, seed=PLOT_SEED, k=2.5 / math.sqrt(graph.number_of_nodes()))
        met = [(a, b) for a, b, kind in graph.edges(data="kind") if kind == MET]
        nx.draw_networkx_edges(
            graph, position, edgelist=met, ax=axes, edge_color="#4c72b0",
            width=[1.0 + 1.5 * (graph.edges[edge]["meetings"] - 1) for edge in met],
        )
        co_attended = [(a, b) for a, b, kind in graph.edges(data="kind") if kind == CO_ATTENDED]
        nx.draw_networkx_edges(graph, position, edgelist=co_attended, ax=axes, edge_color="#999999", style="dashed")
        nx.draw_networkx_nodes(graph, position, ax=axes, node_size=300, node_color="#dd8452")
        nx.draw_networkx_labels(
            graph, position, labels=dict(graph.nodes(data="label")), ax=axes, font_size=9,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5},
        )
        axes.margins(0.15)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()
