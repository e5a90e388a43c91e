"""kg.rdf.namespace.NKG and ontology/newskg.ttl must describe the same terms, so neither can drift."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf import namespace as ns  # SDO via `ns`: it warns when pytest probes module-level names
from kg.rdf.namespace import NKG, ONTOLOGY_PATH, SHAPES_PATH, bind_prefixes

GENERATOR = Path(__file__).resolve().parent.parent / "tools" / "generate_namespace.py"

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual, RDF.Property}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def ontology_terms(graph: Graph) -> set[URIRef]:
    namespace = str(NKG)
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(namespace) and s != namespace}


def namespace_terms() -> set[URIRef]:
    return {NKG[name] for name in NKG.__annotations__}


def test_namespace_and_ontology_define_the_same_terms(ontology: Graph) -> None:
    in_ontology, in_namespace = ontology_terms(ontology), namespace_terms()
    assert in_ontology - in_namespace == set(), "in the ontology but not in NKG: run tools/generate_namespace.py"
    assert in_namespace - in_ontology == set(), "in NKG but not in the ontology: run tools/generate_namespace.py"


def test_generated_class_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("term", sorted(namespace_terms()), ids=lambda t: t.split("#")[-1])
def test_every_term_is_declared_labelled_and_explained(ontology: Graph, term: URIRef) -> None:
    assert set(ontology.objects(term, RDF.type)) & DECLARATION_TYPES
    for predicate in (RDFS.label, RDFS.comment):
        values = [v for v in ontology.objects(term, predicate) if isinstance(v, Literal) and v.language == "en"]
        assert len(values) == 1, f"{term} needs exactly one English {predicate}"


def test_unknown_term_raises() -> None:
    with pytest.raises(AttributeError):
        NKG.NoSuchTerm  # noqa: B018


def test_state_type_closure_reaches_schema_place(ontology: Graph) -> None:
    closure = set(ontology.transitive_objects(NKG.State, RDFS.subClassOf))
    assert {NKG.State, ns.SDO.Country, ns.SDO.AdministrativeArea, ns.SDO.Place} <= closure


def test_repository_files_are_found() -> None:
    """The paths resolve against the checkout, which holds because newskg is installed editable."""
    assert ONTOLOGY_PATH.is_file() and SHAPES_PATH.is_file()


def test_bind_prefixes_binds_the_data_base() -> None:
    graph = bind_prefixes(Graph(bind_namespaces="none"), base="http://example.org/kg/")
    bound = dict(graph.namespaces())
    assert bound["data"] == URIRef("http://example.org/kg/")
    assert bound["nkg"] == URIRef(str(NKG))
    assert {"nif", "gaf", "sem", "schema", "org", "prov", "dcterms", "skos"} <= bound.keys()
