"""Reading the ontology file: the rdf:type closure that lets consumers without a reasoner query by superclass."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.rdf.namespace import ONTOLOGY_PATH


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology, parsed once per process."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=None)
def type_closure(cls: URIRef) -> tuple[URIRef, ...]:
    """``cls`` and every class it is a subclass of (transitively), in a stable order.

    A State is then also ``schema:Country``, ``schema:AdministrativeArea`` and ``schema:Place``, so
    ``?x a schema:Place`` finds it in a store with no inference.
    """
    closure = set(ontology_graph().transitive_objects(cls, RDFS.subClassOf))
    return tuple(sorted(closure))
