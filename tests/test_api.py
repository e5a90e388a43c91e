"""The package-level API: ``kg.build`` returns the Dataset the CLI exports."""
from __future__ import annotations

from rdflib import Dataset
from rdflib.compare import isomorphic

import kg
from kg.rdf.export import union_graph

from .conftest import SEEDS_DIR


def test_build_returns_the_dataset_of_the_pipeline(nlp, seed_build):
    dataset = kg.build([SEEDS_DIR], nlp=nlp)
    assert isinstance(dataset, Dataset)
    people = list(dataset.query("SELECT ?p WHERE { ?p a <https://schema.org/Person> }"))
    assert len(people) == 11  # the union of the article graphs is queried by default
    assert isomorphic(union_graph(dataset), union_graph(seed_build.dataset))
