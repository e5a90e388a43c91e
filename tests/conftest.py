"""Shared fixtures: the spaCy pipeline is loaded once per test session, since loading it dominates run time."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def raw_nlp():
    """The bare statistical model, without newskg's components."""
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def nlp():
    """The full newskg pipeline (model + components), created once."""
    from kg.nlp import create_pipeline

    return create_pipeline()


@pytest.fixture(scope="session")
def seed_build(nlp):
    """The build of the five seed articles, shared by every test that inspects the seed graph."""
    from kg.pipeline import build

    return build([SEEDS_DIR], nlp=nlp)


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """The union graph of the seed build."""
    from kg.rdf.export import union_graph

    return union_graph(seed_build.dataset)


@pytest.fixture(scope="session")
def context_of(nlp):
    """Factory: the ArticleContext of a text of your own (entities resolved and in the graph), as fact
    extractors see it. ``context_of(text, date=datetime.date(...))``."""
    from kg.extract.context import ArticleContext, ArticleGraph
    from kg.ingest import parse_article
    from kg.rdf.iris import IRIs
    from kg.resolve.article import resolve_entities

    def make(text: str, date=None) -> ArticleContext:
        prefix = f" date {date.isoformat()} " if date else ""
        article = parse_article(prefix + text, "test.txt")
        doc = nlp(article.text)
        graph = ArticleGraph(article, IRIs())
        entities = resolve_entities(doc)
        for entity in entities:
            graph.add_entity(entity)
        return ArticleContext(article, doc, entities, graph)

    return make
