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
    """Factory: the ArticleContext of a text of your own (entities resolved), as fact
    extractors see it. ``context_of(text, date=datetime.date(...))``."""
    from kg.extract.context import ArticleContext
    from kg.ingest import parse_article
    from kg.resolve.article import resolve_entities

    def make(text: str, date=None) -> ArticleContext:
        prefix = f" date {date.isoformat()} " if date else ""
        article = parse_article(prefix + text, "test.txt")
        doc = nlp(article.text)
        return ArticleContext(article, doc, resolve_entities(doc))

    return make


@pytest.fixture(scope="session")
def graph_of(nlp):
    """Factory: the named graph of one article text, as a build of that article alone writes it.
    ``graph_of(text, source="test.txt")``."""
    from kg.ingest import parse_article
    from kg.pipeline import extract_article, summarise
    from kg.rdf.iris import IRIs
    from kg.rdf.mapping import article_graph
    from kg.resolve.corpus import resolve_corpus

    def make(text: str, source: str = "test.txt"):
        article = parse_article(text, source)
        facts = extract_article(article, nlp(article.text))
        return article_graph(facts, resolve_corpus(summarise([facts])), IRIs())

    return make
