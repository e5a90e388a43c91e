"""SPARQL over newskg graphs: every library query against a hand-built fixture, result formats, parameters,
and the safety rails (SERVICE, remote FROM, updates, malformed queries, timeouts)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import multiprocessing
import os
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.namespace import GAF, NIF, NKG, SEM
from kg.query import (
    QueryError,
    QuerySyntaxError,
    QueryTimeout,
    UnsafeQuery,
    format_result,
    get_query,
    list_queries,
    param_term,
    parse_header,
    parse_param,
    run_query,
)
from kg.rdf.load import load_dataset

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "query" / "mini.trig"
DATA = "https://w3id.org/newskg/id/"
GENEVA, OSLO = "2024-03-12_geneva.txt", "2024-06-03_oslo.txt"
A1, A2 = "e3563c7dfc5edc20", "26c13b3834e5bb19"
DIALLO, ERIKSEN, TANAKA, ORTEGA = (
    f"{DATA}person/{slug}" for slug in ("amina-diallo", "lars-eriksen", "mei-tanaka", "carlos-ortega")
)

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SDO = Namespace("https://schema.org/")
"""Plain Namespaces: pytest's collection probes module attributes, which rdflib's XSD and SDO warn about."""

runner = CliRunner()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset([FIXTURE])


def rows(dataset, query: str, /, **params) -> list[dict]:
    return run_query(dataset, get_query(query).text, bindings=params).rows


def links(found: list[dict]) -> list[tuple]:
    """The columns of who-met-whom and co-attendance rows that identify a link and its evidence."""
    return [(r["label1"], r["label2"], r["event"], r["date"], r["placeLabel"], r["source"]) for r in found]


def flat(text: str) -> str:
    """Console output with rich's line wrapping undone."""
    return " ".join(text.split())


# --- Every library query, with its expected rows ---------------------------------------------------------------


def test_who_met_whom(dataset):
    assert links(rows(dataset, "who-met-whom")) == [
        ("Amina Diallo", "Lars Eriksen", f"{DATA}event/{A1}-1", dt.date(2024, 3, 11), "Geneva", GENEVA),
        ("Amina Diallo", "Lars Eriksen", f"{DATA}event/{A2}-1", "2024-05", "Oslo", OSLO),
        ("Amina Diallo", "Mei Tanaka", f"{DATA}event/{A2}-1", "2024-05", "Oslo", OSLO),
        ("Lars Eriksen", "Mei Tanaka", f"{DATA}event/{A2}-1", "2024-05", "Oslo", OSLO),
    ]


def test_who_met_whom_for_one_person_matches_alias_case_insensitively(dataset):
    pairs = {(r["person1"], r["person2"]) for r in rows(dataset, "who-met-whom", name="TANAKA")}
    assert pairs == {(DIALLO, TANAKA), (ERIKSEN, TANAKA)}


def test_who_met_whom_includes_a_bare_met_link_without_event():
    dataset = load_dataset([FIXTURE])
    dataset.graph(URIRef("https://example.org/extra")).add((URIRef(ORTEGA), NKG.met, URIRef(ERIKSEN)))
    [row] = [r for r in rows(dataset, "who-met-whom") if r["person1"] == ORTEGA]
    assert (row["label2"], row["event"], row["date"], row["source"]) == ("Lars Eriksen", None, None, None)


def test_co_attendance(dataset):
    assert links(rows(dataset, "co-attendance")) == [
        ("Amina Diallo", "Carlos Ortega", f"{DATA}event/{A2}-2", "2024-02", "New York", OSLO),
        ("Carlos Ortega", "Mei Tanaka", f"{DATA}event/{A2}-2", "2024-02", "New York", OSLO),
    ]


def test_entity(dataset):
    found = rows(dataset, "entity", name="diallo")
    assert len(found) == 29
    assert {r["entity"] for r in found} == {DIALLO}
    facts = {(r["direction"], local_name(r["property"]), r["value"], r["source"]) for r in found}
    assert {
        ("out", "label", "Amina Diallo", None),
        ("out", "altLabel", "Diallo", None),
        ("out", "represents", f"{DATA}state/SN", None),
        ("out", "denotedBy", f"{DATA}article/{A1}#char=11,23", GENEVA),
        ("out", "denotedBy", f"{DATA}article/{A2}#char=63,69", OSLO),
        ("in", "speaker", f"{DATA}event/{A1}-2", GENEVA),
        ("in", "claimedBy", f"{DATA}claim/{A1}-1", GENEVA),
        ("in", "encounterParticipant", f"{DATA}encounter/amina-diallo--lars-eriksen", GENEVA),
        ("in", "encounterParticipant", f"{DATA}encounter/amina-diallo--lars-eriksen", OSLO),
        ("in", "coAttended", ORTEGA, None),
    } <= facts
    mention_sources = {r["source"] for r in found if r["property"].endswith("denotedBy")}
    assert mention_sources == {GENEVA, OSLO}


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def test_entity_finds_a_state_by_alias(dataset):
    found = rows(dataset, "entity", name="norwegian")
    assert {r["entity"] for r in found} == {f"{DATA}state/NO"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [f"{A2}-2", f"{A1}-1", f"{A2}-1"]),
        ({"from": "2024-03-01", "to": "2024-05-31"}, [f"{A1}-1", f"{A2}-1"]),
        ({"from": "2024-05-20"}, [f"{A2}-1"]),  # dated 2024-05: the month overlaps the range
        ({"to": "2024-03"}, [f"{A2}-2", f"{A1}-1"]),
        ({"from": "2024", "to": "2024"}, [f"{A2}-2", f"{A1}-1", f"{A2}-1"]),  # a bare year is an integer
        ({"from": "2024-06"}, []),
    ],
)
def test_events_in_range(dataset, params, expected):
    assert [r["event"].rsplit("/", 1)[-1] for r in rows(dataset, "events-in-range", **params)] == expected


def test_events_in_range_columns(dataset):
    [meeting] = rows(dataset, "events-in-range", **{"from": "2024-03-11", "to": "2024-03-11"})
    assert meeting["type"] == str(NKG.Meeting)
    assert meeting["label"] == "Amina Diallo met Lars Eriksen"
    assert (meeting["date"], meeting["placeLabel"], meeting["source"]) == (dt.date(2024, 3, 11), "Geneva", GENEVA)


def test_statements_by_person(dataset):
    assert rows(dataset, "statements-by-person", name="Amina Diallo") == [
        {
            "statement": f"{DATA}event/{A1}-2",
            "speaker": DIALLO,
            "speakerLabel": "Amina Diallo",
            "quote": "Dialogue is the only way forward",
            "audienceLabel": "Security Council",
            "date": None,
            "sentence": '"Dialogue is the only way forward," Diallo told the Security Council.',
            "source": GENEVA,
        }
    ]
    assert rows(dataset, "statements-by-person", name="Lars Eriksen") == []


@pytest.mark.parametrize(
    ("state", "person", "title"),
    [("Norway", "Lars Eriksen", "Foreign Minister"), ("jp", "Mei Tanaka", "Permanent Representative")],
)
def test_positions_by_state(dataset, state, person, title):
    [row] = rows(dataset, "positions-by-state", name=state)
    assert (row["personLabel"], row["title"]) == (person, title)
    assert row["sources"] in (GENEVA, OSLO)


def test_votes_on_resolution(dataset):
    expected = [
        ("resolution 2791", "Japan", str(NKG.Against), OSLO),
        ("resolution 2791", "Norway", str(NKG.Abstained), OSLO),
        ("resolution 2791", "Senegal", str(NKG.InFavour), OSLO),
    ]
    for params in ({}, {"label": "2791"}):
        found = rows(dataset, "votes-on-resolution", **params)
        assert [(r["resolutionLabel"], r["stateLabel"], r["choice"], r["source"]) for r in found] == expected
    assert rows(dataset, "votes-on-resolution", label="1325") == []


def test_conflicting_claims_reports_each_pair_once(dataset):
    [row] = rows(dataset, "conflicting-claims")
    assert (row["subjectLabel"], row["measure"]) == ("Mali", "peacekeepers deployed")
    assert (row["value"], row["claimedByLabel"], row["source"]) == (Decimal(4500), "Carlos Ortega", OSLO)
    other = (row["otherValue"], row["otherClaimedByLabel"], row["otherSource"])
    assert other == (Decimal(5000), "Amina Diallo", GENEVA)


def test_people(dataset):
    found = [(r["label"], r["aliases"], r["mentions"], set(r["sources"].split("; "))) for r in rows(dataset, "people")]
    assert found == [
        ("Amina Diallo", "Diallo", 5, {GENEVA, OSLO}),
        ("Carlos Ortega", "Ortega", 2, {OSLO}),
        ("Lars Eriksen", "Eriksen", 2, {GENEVA, OSLO}),
        ("Mei Tanaka", "Tanaka", 2, {OSLO}),
    ]


def test_entities_by_type(dataset):
    counts = {r["type"].rsplit("#", 1)[-1]: r["count"] for r in rows(dataset, "entities-by-type")}
    assert counts == {
        "Article": 2, "Person": 4, "State": 4, "UNBody": 2, "Organisation": 2, "Place": 3, "Event": 7,
        "Meeting": 2, "Statement": 1, "Conference": 1, "Vote": 3, "Resolution": 1, "Position": 4, "Claim": 2,
        "Encounter": 3, "TimeExpression": 3,
    }


def test_every_library_query_is_tested_and_documented():
    tested = {
        "who-met-whom", "co-attendance", "entity", "events-in-range", "statements-by-person", "positions-by-state",
        "votes-on-resolution", "conflicting-claims", "people", "entities-by-type", "post-holders",
    }
    queries = list_queries()
    assert {query.name for query in queries} == tested
    readme = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    for query in queries:
        assert query.description, query.name
        assert f"`{query.name}`" in readme


def test_header_declares_description_and_parameters():
    description, params = parse_header(
        "# description: Who said what.\n# param: name — the speaker\n# param: from (optional) - earliest date\n"
        "\nSELECT * WHERE { ?s ?p ?o }\n# param: late — not part of the header\n"
    )
    assert description == "Who said what."
    assert [(p.name, p.meaning, p.optional) for p in params] == [
        ("name", "the speaker", False),
        ("from", "earliest date", True),
    ]


def test_unknown_query_name_suggests_close_ones():
    with pytest.raises(QueryError, match="who-met-whom"):
        get_query("who-met-who")


# --- Formats ------------------------------------------------------------------------------------------------------


def test_table_shortens_iris_and_counts_rows(dataset):
    text = format_result(run_query(dataset, get_query("who-met-whom").text), "table", width=250)
    assert "data:person/amina-diallo" in text and "Amina Diallo" in text
    assert "4 rows" in text


def test_table_does_not_interpret_markup_in_values(dataset):
    result = run_query(dataset, 'SELECT ?x WHERE { BIND ("[bold]x[/bold]" AS ?x) }')
    assert "[bold]x[/bold]" in format_result(result, "table")


def test_csv(dataset):
    text = format_result(run_query(dataset, get_query("who-met-whom").text), "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["person1", "label1", "person2", "label2", "event", "date", "place", "placeLabel", "source"]
    assert table[1] == [DIALLO, "Amina Diallo", ERIKSEN, "Lars Eriksen", f"{DATA}event/{A1}-1", "2024-03-11",
                        f"{DATA}place/geneva", "Geneva", GENEVA]
    assert len(table) == 5


def test_tsv_writes_terms_in_ntriples_form(dataset):
    query = (
        'SELECT ?p ?date ?text ?unbound WHERE { BIND (<http://x/p> AS ?p) '
        'BIND ("2024-05"^^xsd:gYearMonth AS ?date) BIND ("a\\tb \\"c\\"" AS ?text) }'
    )
    lines = format_result(run_query(dataset, query), "tsv").splitlines()
    assert lines[0] == "?p\t?date\t?text\t?unbound"
    assert lines[1].split("\t") == ["<http://x/p>", f'"2024-05"^^<{XSD.gYearMonth}>', '"a\\tb \\"c\\""', ""]


def test_json_is_sparql_results_json(dataset):
    document = json.loads(format_result(run_query(dataset, get_query("who-met-whom").text), "json"))
    assert document["head"]["vars"][:2] == ["person1", "label1"]
    first = document["results"]["bindings"][0]
    assert first["person1"] == {"type": "uri", "value": DIALLO}
    assert first["label1"] == {"type": "literal", "value": "Amina Diallo"}
    assert first["date"] == {"type": "literal", "value": "2024-03-11", "datatype": str(XSD.date)}


def test_ask(dataset):
    result = run_query(dataset, "ASK { ?p a nkg:Person }")
    assert result.boolean is True
    assert format_result(result, "table") == "true\n"
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}


def test_construct_gives_turtle(dataset):
    result = run_query(dataset, "CONSTRUCT { ?a nkg:met ?b } WHERE { ?a nkg:met ?b }")
    assert len(result.graph) == 5
    parsed = Graph().parse(data=format_result(result, "table"), format="turtle")
    assert (URIRef(TANAKA), NKG.met, URIRef(ERIKSEN)) in parsed
    with pytest.raises(QueryError, match="graph"):
        format_result(result, "csv")


def test_unknown_format(dataset):
    with pytest.raises(QueryError, match="table, csv, tsv, json"):
        format_result(run_query(dataset, "ASK {}"), "xml")


# --- Parameters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("<https://w3id.org/newskg/id/state/NO>", URIRef(f"{DATA}state/NO")),
        ("https://example.org/x", URIRef("https://example.org/x")),
        ("42", Literal(42)),
        ("-4.5", Literal(Decimal("-4.5"))),
        ("2024-05-03", Literal("2024-05-03", datatype=XSD.date)),
        ("2024-05", Literal("2024-05", datatype=XSD.gYearMonth)),
        ("Amina Diallo", Literal("Amina Diallo")),
    ],
)
def test_param_terms(value, term):
    assert param_term(value) == term
    assert type(param_term(value)) is type(term)


def test_parse_param():
    assert parse_param("?name=Eriksen") == ("name", Literal("Eriksen"))
    assert parse_param("expr=a=b") == ("expr", Literal("a=b"))
    for bad in ("name", "=x", "two words=x"):
        with pytest.raises(QueryError):
            parse_param(bad)


def test_bound_iri_parameter(dataset):
    found = run_query(dataset, "SELECT ?label WHERE { ?s rdfs:label ?label }", bindings={"s": f"<{DATA}state/NO>"}).rows
    assert found == [{"label": "Norway"}]


@pytest.mark.parametrize(
    "value",
    ['Diallo" ) } SELECT * WHERE { ?s ?p ?o } #', 'x") || true || ("', "} UNION { ?s ?p ?o }", "Diallo'"],
)
def test_parameter_values_cannot_inject_sparql(dataset, value):
    assert rows(dataset, "statements-by-person", name=value) == []
    assert rows(dataset, "entity", name=value) == []


def test_declared_parameters_are_enforced(dataset):
    with pytest.raises(QueryError, match="--param name"):
        rows(dataset, "entity")
    with pytest.raises(QueryError, match="unknown parameter nme"):
        rows(dataset, "entity", nme="Diallo")


def test_ad_hoc_query_binding_must_name_a_variable(dataset):
    with pytest.raises(QueryError, match=r"\?nope"):
        run_query(dataset, "SELECT ?s WHERE { ?s a nkg:Person }", bindings={"nope": "x"})


# --- Safety -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { { SELECT ?s WHERE {"
        " SERVICE SILENT <http://example.org/q> { ?s ?p ?o } } } } }",
    ],
)
def test_service_is_refused(dataset, query):
    with pytest.raises(UnsafeQuery, match="SERVICE"):
        run_query(dataset, query)


def test_the_word_service_in_a_literal_is_harmless(dataset):
    assert run_query(dataset, 'SELECT ?x WHERE { BIND ("SERVICE <http://example.org/>" AS ?x) }').rows


@pytest.mark.parametrize("clause", ["FROM <http://example.org/remote.ttl>", "FROM NAMED <file:///etc/passwd>"])
def test_from_outside_the_loaded_files_is_refused(dataset, clause):
    with pytest.raises(UnsafeQuery, match="FROM"):
        run_query(dataset, f"SELECT * {clause} WHERE {{ ?s ?p ?o }}")


def test_from_a_loaded_graph_is_allowed(dataset):
    query = f"SELECT ?p FROM <{DATA}article/{A1}> WHERE {{ ?p a nkg:Person }}"
    assert {r["p"] for r in run_query(dataset, query).rows} == {DIALLO, ERIKSEN}


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "LOAD <http://example.org/data.ttl>", "DROP ALL",
     "DELETE WHERE { ?s ?p ?o }"],
)
def test_updates_are_refused(dataset, update):
    size = len(dataset)
    with pytest.raises(UnsafeQuery, match="Update"):
        run_query(dataset, update)
    assert len(dataset) == size


def test_malformed_query_reports_line_and_column(dataset):
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(dataset, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}")
    assert (caught.value.line, caught.value.column) == (4, 3)
    assert "line 4, column 3" in str(caught.value)


def test_unknown_prefix_is_a_query_error(dataset):
    with pytest.raises(QueryError, match="prefix"):
        run_query(dataset, "SELECT * WHERE { ?s nope:p ?o }")


def generated_dataset(articles: int, people: int = 60) -> Dataset:
    """A large graph in the contract's shape (not every detail): per article five people with aliases and
    mentions, two meetings with encounters, a conference with co-attendance, a statement, posts, three votes
    and a claim conflicting with the previous article's."""
    def node(kind: str, key: str) -> URIRef:
        return URIRef(f"{DATA}{kind}/{key}")

    dataset = Dataset(default_union=True)
    persons = [node("person", f"p{i:03d}") for i in range(people)]
    states = [node("state", f"S{chr(65 + i)}") for i in range(10)]
    for a in range(articles):
        article = node("article", f"a{a}")
        add = dataset.graph(article).add
        add((article, RDF.type, NKG.Article))
        add((article, DCTERMS.source, Literal(f"{a}.txt")))

        def fact(kind: str, n: int, cls: URIRef) -> URIRef:
            iri = node(kind, f"a{a}-{n}")
            for type_ in (cls, NKG.Event) if kind == "event" else (cls,):
                add((iri, RDF.type, type_))
            add((iri, PROV.wasDerivedFrom, article))
            add((iri, RDFS.label, Literal(f"{kind} {a}-{n}")))
            return iri

        cast = [persons[(a * 7 + k * 13) % people] for k in range(5)]
        for k, person in enumerate(cast):
            key, state = person.rsplit("/", 1)[-1], states[(a + k) % len(states)]
            mention = URIRef(f"{article}#char={k},{k + 1}")
            add((mention, NIF.referenceContext, article))
            add((person, RDF.type, NKG.Person))
            add((person, RDFS.label, Literal(f"Person {key}")))
            add((person, SKOS.altLabel, Literal(key.upper())))
            add((person, GAF.denotedBy, mention))
            code = state.rsplit("/", 1)[-1]
            add((state, RDF.type, NKG.State))
            add((state, RDFS.label, Literal(f"State {code}")))
            add((state, NKG.isoCode, Literal(code)))
            position = node("position", f"{key}/envoy/{code}")
            add((position, RDF.type, NKG.Position))
            add((position, NKG.postTitle, Literal("Envoy")))
            add((position, ORG.heldBy, person))
            add((position, ORG.postIn, state))
            add((position, PROV.wasDerivedFrom, article))
            add((person, ORG.holds, position))
            add((person, NKG.represents, state))
        place = node("place", f"city-{a % 12}")
        add((place, RDF.type, NKG.Place))
        add((place, RDFS.label, Literal(f"City {a % 12}")))
        date = Literal(f"20{20 + a % 5}-{1 + a % 12:02d}", datatype=XSD.gYearMonth)
        for n, pair in enumerate([(cast[0], cast[1]), (cast[1], cast[2])], start=1):
            meeting = fact("event", n, NKG.Meeting)
            add((meeting, SDO.startDate, date))
            add((meeting, SEM.hasPlace, place))
            first, second = sorted(pair)
            encounter = node("encounter", f"{first.rsplit('/', 1)[-1]}--{second.rsplit('/', 1)[-1]}")
            add((encounter, RDF.type, NKG.Encounter))
            add((encounter, PROV.wasDerivedFrom, meeting))
            for person in pair:
                add((meeting, SDO.attendee, person))
                add((encounter, NKG.encounterParticipant, person))
            add((first, NKG.met, second))
        conference = fact("event", 3, NKG.Conference)
        add((conference, SDO.startDate, date))
        for person in cast[3:]:
            add((conference, SDO.attendee, person))
        add((cast[3], NKG.coAttended, cast[4]))
        statement = fact("event", 4, NKG.Statement)
        add((statement, NKG.speaker, cast[0]))
        add((statement, NKG.quote, Literal(f"Quote {a}")))
        resolution = fact("resolution", 1, NKG.Resolution)
        for n, state in enumerate(states[:3], start=5):
            vote = fact("event", n, NKG.Vote)
            add((vote, NKG.voter, state))
            add((vote, NKG.onResolution, resolution))
            add((vote, NKG.choice, NKG.InFavour))
        claim = fact("claim", 1, NKG.Claim)
        add((claim, NKG.claimSubject, states[0]))
        add((claim, NKG.measure, Literal("troops")))
        add((claim, NKG.value, Literal(str(1000 + a), datatype=XSD.decimal)))
        if a:
            add((claim, NKG.conflictsWith, node("claim", f"a{a - 1}-1")))
    return dataset


#: Parameters for the queries that need them, naming things in ``generated_dataset``.
GENERATED_PARAMS = {
    "entity": {"name": "p007"},
    "statements-by-person": {"name": "Person p007"},
    "positions-by-state": {"name": "sc"},
    "post-holders": {"name": "sc"},
}


def test_library_queries_stay_fast_on_a_large_graph():
    """rdflib evaluates a basic graph pattern in an order fixed before any variable is bound, so a badly shaped
    query (say, type patterns on two different variables, or a correlated OPTIONAL that starts from a type) turns
    into a cross product. On this graph such shapes took minutes; every library query takes about a second
    alone (the limit is generous: on a loaded machine the full suite runs them several times slower)."""
    dataset = generated_dataset(articles=150)
    for query in list_queries():
        result = run_query(dataset, query.text, bindings=GENERATED_PARAMS.get(query.name), timeout=120)
        assert result.rows, query.name


def big_dataset(size: int = 3000) -> Dataset:
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("http://example.org/big"))
    for i in range(size):
        graph.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)))
    return dataset


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"


def test_timeout_stops_the_query_and_its_worker():
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.2 s"):
        run_query(big_dataset(), CROSS_JOIN, timeout=0.2)
    assert time.monotonic() - started < 5
    assert not multiprocessing.active_children()  # the process that ran it was killed and reaped


BACKTRACKING = 'SELECT * WHERE { BIND (CONCAT("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!") AS ?s) FILTER REGEX(?s, "^(a+)+$") }'
"""A regular expression that backtracks for hours in Python's ``re``, which holds the interpreter meanwhile: no
thread can interrupt it (this query ran past 60 s under a 1 s limit when queries ran in a thread)."""


def test_timeout_stops_a_backtracking_regex():
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_query(big_dataset(10), BACKTRACKING, timeout=0.5)
    assert time.monotonic() - started < 5
    assert not multiprocessing.active_children()


def test_select_star_columns_follow_the_query(dataset):
    query = "SELECT * WHERE { ?person a nkg:Person ; rdfs:label ?label . OPTIONAL { ?person skos:altLabel ?alias } }"
    assert run_query(dataset, query).variables == ["person", "label", "alias"]
    assert run_query(dataset, query.replace("SELECT *", "SELECT ?alias ?person")).variables == ["alias", "person"]


def test_select_star_columns_are_the_same_in_every_process():
    """rdflib orders the columns of ``SELECT *`` by a set, so they changed with the hash seed of the process."""
    query = "SELECT * WHERE { ?person a nkg:Person ; rdfs:label ?label . OPTIONAL { ?person skos:altLabel ?alias } }"
    headers = {
        subprocess.run(
            [sys.executable, "-m", "kg", "query", str(FIXTURE), "-q", query, "-f", "csv"],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True,
        ).stdout.splitlines()[0]
        for seed in ("1", "2", "3")
    }
    assert headers == {"person,label,alias"}


# --- CLI ----------------------------------------------------------------------------------------------------------


def test_cli_list():
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    for query in list_queries():
        assert query.name in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_cli_named_query_formats(fmt):
    result = runner.invoke(app, ["query", str(FIXTURE), "--name", "people", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(result.stdout)))[1][:3] == [DIALLO, "Amina Diallo", "Diallo"]
    elif fmt == "tsv":
        assert result.stdout.splitlines()[1].split("\t")[:2] == [f"<{DIALLO}>", '"Amina Diallo"']
    elif fmt == "json":
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 4
    else:
        assert "Amina Diallo" in result.stdout


def test_cli_param_binding_and_injection():
    command = ["query", str(FIXTURE), "-n", "statements-by-person", "-f", "csv", "-p"]
    ok = runner.invoke(app, [*command, "name=amina diallo"])
    assert ok.exit_code == 0, ok.stderr
    assert "Dialogue is the only way forward" in ok.stdout
    injected = runner.invoke(app, [*command, 'name=x" } } SELECT * { ?s ?p ?o } #'])
    assert injected.exit_code == 0, injected.stderr
    assert injected.stdout.splitlines()[1:] == []


def test_cli_query_file(tmp_path):
    path = tmp_path / "persons.rq"
    path.write_text("# description: people\nSELECT ?p WHERE { ?p a nkg:Person } ORDER BY ?p\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(FIXTURE), "--query-file", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["p", DIALLO, ORTEGA, ERIKSEN, TANAKA]


def test_cli_malformed_query_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# description: broken\nSELECT ?s WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(FIXTURE), "--query-file", str(path)])
    assert result.exit_code == 2
    assert "broken.rq" in flat(result.stderr)
    assert "line 3, column 3" in flat(result.stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-q", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], "SERVICE"),
        (["-q", "LOAD <http://example.org/x.ttl>"], "Update"),
        (["-q", "SELECT * WHERE {"], "malformed SPARQL at line 1"),
        (["-n", "entity"], "--param name"),
        (["-n", "nope"], "no query called"),
        (["-q", "ASK {}", "-f", "xml"], "unknown result format"),
        (["-q", "ASK {}", "-n", "people"], "exactly one of"),
        ([], "exactly one of"),
        (["-q", "ASK {}", "-p", "noequals"], "name=value"),
    ],
)
def test_cli_errors_exit_2(args, message):
    result = runner.invoke(app, ["query", str(FIXTURE), *args])
    assert result.exit_code == 2
    assert message in flat(result.stderr)


def test_cli_missing_graph_file_exits_2(tmp_path):
    result = runner.invoke(app, ["query", str(tmp_path / "none.trig"), "-q", "ASK {}"])
    assert result.exit_code == 2
    assert "no such file" in flat(result.stderr)


def test_cli_timeout_exits_2(tmp_path):
    path = tmp_path / "big.nt"
    big_dataset().graph(URIRef("http://example.org/big")).serialize(path, format="nt", encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), "-q", CROSS_JOIN, "--timeout", "0.2"])
    assert result.exit_code == 2
    assert "did not finish within 0.2 s" in flat(result.stderr)
