"""The build: article files → spaCy docs (in batches, optionally in several processes) → one named graph each.

:func:`extract_article` is a pure function of an article and its parsed doc; articles meet only through
deterministic IRIs, so the same function can run on any worker of a distributed engine and the named graphs can be
unioned in any order.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.claims import extract_claims, flag_conflicts
from kg.errors import ExtractionError, InputError
from kg.extract.events import extract_events
from kg.extract.context import ArticleContext, ArticleGraph
from kg.ingest import Article, find_article_files, read_article
from kg.rdf.iris import IRIs
from kg.rdf.namespace import DEFAULT_BASE, NKG, bind_prefixes
from kg.nlp import create_pipeline
from kg.resolve.article import resolve_entities, surname_owners
from kg.extract.roles import extract_positions

#: Fact extractors run on every article, in order, after its entities are in the graph.
FACT_EXTRACTORS: tuple[Callable[[ArticleContext], None], ...] = (extract_events, extract_positions, extract_claims)

#: Called once per article when its graph is done (for progress reporting).
ProgressCallback = Callable[[Article], None]


@dataclass
class BuildResult:
    """What a build produced: the dataset (one named graph per article) and the inputs it could not use."""

    dataset: Dataset
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, file it duplicates): the same article text under another name, built once."""
    conflicts: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    """Pairs of claims (from any articles) about the same subject and measure whose values cannot both hold."""

    @property
    def partial(self) -> bool:
        """True when some input could not be read: the graph holds only the other articles."""
        return bool(self.errors)


def extract_article(article: Article, doc: Doc, iris: IRIs) -> Graph:
    """The named graph of one article: its metadata, mentions, entities and facts."""
    builder = ArticleGraph(article, iris)
    entities = resolve_entities(doc)
    for entity in entities:
        builder.add_entity(entity)
    context = ArticleContext(article, doc, entities, builder)
    for extract_facts in FACT_EXTRACTORS:
        extract_facts(context)
    return builder.graph


def read_articles(paths: Iterable[Path]) -> tuple[list[Article], list[InputError], list[tuple[str, str]]]:
    """Read every article file under ``paths``; unusable files become errors, repeated texts duplicates."""
    articles: dict[str, Article] = {}
    errors: list[InputError] = []
    duplicates: list[tuple[str, str]] = []
    try:
        files = list(find_article_files(paths))
    except InputError as error:
        return [], [error], []
    for path in files:
        try:
            article = read_article(path)
        except InputError as error:
            errors.append(error)
            continue
        if article.key in articles:
            duplicates.append((article.source, articles[article.key].source))
            continue
        articles[article.key] = article
    return list(articles.values()), errors, duplicates


def build(
    paths: Sequence[Path | str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    base_iri: str = DEFAULT_BASE,
    n_process: int = 1,
    batch_size: int = 16,
    on_article: ProgressCallback | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles in ``paths`` (files or folders).

    ``nlp`` reuses an already created pipeline (see :func:`kg.nlp.create_pipeline`); otherwise one is created from
    ``model``. Input errors do not stop the build: they are collected in :attr:`BuildResult.errors`.
    """
    iris = IRIs(base_iri)
    articles, errors, duplicates = read_articles(Path(p) for p in paths)
    dataset = Dataset(default_union=True)  # SPARQL over the dataset sees every article's graph
    bind_prefixes(dataset, base_iri)
    result = BuildResult(dataset, articles, errors, duplicates)
    if not articles:
        return result
    nlp = nlp or create_pipeline(model)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process)
    failed: set[str] = set()
    for article, doc in zip(articles, docs):
        try:
            graph = extract_article(article, doc, iris)
        except Exception as error:  # one article's failure must not cost the user the others
            result.errors.append(ExtractionError(article.source, error))
            failed.add(article.key)
            continue
        named = dataset.graph(graph.identifier)
        dataset.addN((s, p, o, named) for s, p, o in graph)
        if on_article:
            on_article(article)
    result.articles = [article for article in articles if article.key not in failed]
    merge_bare_surnames(dataset)
    result.conflicts = flag_conflicts(dataset, base_iri)
    return result


def merge_bare_surnames(dataset: Dataset) -> dict[URIRef, URIRef]:
    """Reduce step after all articles: a person known in one article only by surname becomes the person named in
    full in another (see :func:`kg.resolve.article.surname_owners`). The surname stays as an alias.

    Returns the IRIs rewritten (old → new). Runs on the whole dataset because only it sees every article; it is
    deterministic, so the order in which articles were processed does not matter.
    """
    people = {s for s, _, _, _ in dataset.quads((None, RDF.type, NKG.Person, None))}
    labels = {str(s): str(o) for s, _, o, _ in dataset.quads((None, RDFS.label, None, None)) if s in people}
    owners = {URIRef(old): URIRef(new) for old, new in surname_owners(labels).items()}
    for old, new in owners.items():
        for s, p, o, graph in list(dataset.quads((old, None, None, None))) + list(dataset.quads((None, None, old, None))):
            dataset.remove((s, p, o, graph))
            if p == RDFS.label:
                dataset.add((new, SKOS.altLabel, o, graph))
            else:
                dataset.add((new if s == old else s, p, new if o == old else o, graph))
    return owners
