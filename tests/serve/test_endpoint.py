"""``kg serve``'s SPARQL 1.1 Protocol endpoint, spoken to over HTTP: the three ways of sending a query, every
answer format, and what it refuses (updates, federation, malformed queries, queries past the time limit)."""
from __future__ import annotations

import csv
import http.server
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.serve.conftest import TIMEOUT

PEOPLE = "SELECT ?person ?label WHERE { ?person a nkg:Person ; rdfs:label ?label } ORDER BY ?label ?person"
AKRAM = "CONSTRUCT { ?p ?property ?value } WHERE { ?p rdfs:label \"Munir Akram\" ; ?property ?value }"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
REGEX_OVER_PAIRS = ('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?x . ?c ?d ?y '
                    'FILTER (REGEX(CONCAT(STR(?x), STR(?y)), "^(a|aa)+$")) }')
"""A REGEX on every pair of objects: the kind of query a thread-based time limit cannot stop."""


def request(base: str, path: str = "sparql", *, params: dict | None = None, data: bytes | None = None,
            headers: dict | None = None, method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one HTTP request; error statuses are returned, not raised."""
    url = base + path + (f"?{urllib.parse.urlencode(params)}" if params else "")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


def json_rows(body: bytes) -> list[dict[str, str]]:
    return [{name: term["value"] for name, term in row.items()} for row in json.loads(body)["results"]["bindings"]]


def test_get_form_post_and_direct_post_give_the_same_people(server, seed_graph):
    expected = sorted(str(row["label"]) for row in seed_graph.query(
        "SELECT ?p ?label WHERE { ?p a <https://w3id.org/newskg/ontology#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    answers = [
        request(server, params={"query": PEOPLE}),
        request(server, data=form(query=PEOPLE), headers=FORM),
        request(server, data=PEOPLE.encode(), headers=SPARQL_QUERY),
    ]
    for status, headers, body in answers:
        assert status == 200
        assert headers["content-type"] == "application/sparql-results+json"
        assert sorted(row["label"] for row in json_rows(body)) == expected
    assert "Munir Akram" in expected


def test_the_default_graph_is_the_union_of_the_graphs_as_a_set(server, seed_graph):
    """A triple that several article graphs hold is in the default graph once, as in rdflib's union."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, body = request(server, params={"query": count})
    assert int(json_rows(body)[0]["n"]) == len(seed_graph)
    _, _, body = request(server, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s rdfs:label "
                                                  "\"Munir Akram\" } }"})
    assert int(json_rows(body)[0]["n"]) > 1  # the named graphs keep their own copies


def test_results_as_xml_csv_and_tsv_by_accept(server):
    _, _, body = request(server, params={"query": PEOPLE})
    labels = [row["label"] for row in json_rows(body)]

    status, headers, body = request(server, params={"query": PEOPLE},
                                    headers={"Accept": "application/sparql-results+xml"})
    assert (status, headers["content-type"]) == (200, "application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    xml_labels = [b.find("r:literal", ns).text for b in ET.fromstring(body).iterfind(".//r:binding[@name='label']", ns)]
    assert xml_labels == labels

    status, headers, body = request(server, params={"query": PEOPLE}, headers={"Accept": "text/csv"})
    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")
    assert [row["label"] for row in csv.DictReader(io.StringIO(body.decode()))] == labels

    status, headers, body = request(server, params={"query": PEOPLE},
                                    headers={"Accept": "text/html;q=0.9, text/tab-separated-values"})
    assert (status, headers["content-type"]) == (200, "text/tab-separated-values; charset=utf-8")
    lines = body.decode().splitlines()
    assert lines[0] == "?person\t?label"
    assert [line.split("\t")[1] for line in lines[1:]] == [f'"{label}"' for label in labels]


def test_ask_answers_a_boolean(server):
    status, _, body = request(server, params={"query": "ASK { ?p rdfs:label \"Munir Akram\" }"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_graphs_as_turtle_ntriples_and_jsonld_are_the_same_graph(server):
    graphs = []
    for accept, rdflib_format in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                  ("application/ld+json", "json-ld")]:
        status, headers, body = request(server, data=AKRAM.encode(), headers={**SPARQL_QUERY, "Accept": accept})
        assert status == 200 and headers["content-type"].split(";")[0] == accept
        graphs.append(Graph().parse(data=body.decode(), format=rdflib_format))
    assert len(graphs[0]) > 5
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])
    status, headers, _ = request(server, params={"query": AKRAM})
    assert headers["content-type"].split(";")[0] == "text/turtle"  # the default for graphs


def test_no_acceptable_format_is_406(server):
    status, _, body = request(server, params={"query": PEOPLE}, headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


def test_malformed_query_is_400_with_the_parsers_message(server):
    query = "SELECT ?s WHERE { ?s ?p }"
    with pytest.raises(SyntaxError) as parser:
        pyoxigraph.Store().query(query)
    status, headers, body = request(server, params={"query": query})
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert str(parser.value) in body.decode()


def test_missing_query_and_unknown_body_type_are_refused(server):
    assert request(server)[0] == 400
    assert request(server, data=b"query=x", headers={"Content-Type": "text/plain"})[0] == 415


def count_quads(server: str) -> int:
    _, _, body = request(server, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    return int(json_rows(body)[0]["n"])


def test_updates_are_refused_everywhere_and_change_nothing(server):
    before = count_quads(server)
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    answers = [
        request(server, data=form(update=update), headers=FORM),
        request(server, data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        request(server, params={"query": update}),
        request(server, "update", data=form(update=update), headers=FORM),
        request(server, "update", params={"update": "DROP ALL"}),
    ]
    for status, _, body in answers:
        assert status == 403 and b"read-only" in body
    assert count_quads(server) == before


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


def test_service_is_refused_and_no_request_leaves_the_server(server):
    witness = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=witness.serve_forever, daemon=True).start()
    elsewhere = f"http://127.0.0.1:{witness.server_address[1]}/sparql"
    try:
        for query in [f"SELECT * WHERE {{ SERVICE <{elsewhere}> {{ ?s ?p ?o }} }}",
                      f"select * where {{ ?s a nkg:Person . service silent <{elsewhere}> {{ ?s ?p ?o }} }}"]:
            status, _, body = request(server, params={"query": query})
            assert status == 403 and b"SERVICE is refused" in body
        time.sleep(0.2)
        assert _Recorder.seen == []
    finally:
        witness.shutdown()


def _workers(server_pid: int) -> set[int]:
    """Process IDs of the server's query workers: its children started by multiprocessing (Linux /proc)."""
    workers = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == server_pid and b"spawn_main" in command:
            workers.add(int(stat.parent.name))
    return workers


@pytest.mark.parametrize("query", [CROSS_PRODUCT, REGEX_OVER_PAIRS], ids=["cross-product", "regex"])
def test_a_query_past_the_time_limit_is_stopped_and_answered_503(server_process, query):
    before = _workers(server_process.pid)
    assert len(before) == 2
    status, _, body = request(server_process.url, params={"query": query})
    assert status == 503 and b"time limit" in body
    deadline = time.monotonic() + 60  # the killed worker's replacement opens the store in the background
    while len(after := _workers(server_process.pid)) < len(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed = before - after
    assert len(killed) == 1 and len(after) == len(before)
    assert not any(Path(f"/proc/{pid}").exists() for pid in killed)  # stopped, not left computing
    status, _, body = request(server_process.url, params={"query": "ASK { ?s ?p ?o }"})  # the pool answers again
    assert status == 200 and json.loads(body)["boolean"] is True


def test_cors_lets_other_web_tools_query(server):
    status, headers, _ = request(server, method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    _, headers, _ = request(server, params={"query": PEOPLE}, headers={"Origin": "https://yasgui.example"})
    assert headers["access-control-allow-origin"] == "*"
