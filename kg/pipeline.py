"""The build: articles → facts (map) → corpus resolution (reduce) → one validated named graph per article.

1. **Read** every input path on its own (:func:`kg.ingest.read_corpus`): a bad file costs only itself.
2. **Extract** each article's facts from its parse (:func:`extract_article`): a pure function of one article, so
   it can run anywhere; an article on which it fails is reported as an internal error and the others go on.
3. **Resolve** the corpus (:mod:`kg.resolve.corpus`): final keys and canonical labels, from summaries of all
   articles, before any IRI is minted.
4. **Map and validate** each article (:mod:`kg.rdf.mapping`, :mod:`kg.rdf.validation`): an article whose graph
   violates the shapes is quarantined, with the report, and left out; every other article is in the dataset.
5. **Corpus graph**: canonical labels and conflicting claims of the articles kept, validated as well.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ExtractionError, InputError
from kg.extract.claims import extract_claims
from kg.extract.context import ArticleContext, entity_fact
from kg.extract.events import extract_events
from kg.extract.roles import extract_positions
from kg.facts import ArticleFacts
from kg.ingest import Article, read_corpus
from kg.nlp import create_pipeline, parse
from kg.rdf.iris import IRIs
from kg.rdf.mapping import article_graph, corpus_graph
from kg.rdf.namespace import DEFAULT_BASE, bind_prefixes
from kg.rdf.validation import ValidationReport, validate_graph
from kg.resolve.article import resolve_entities
from kg.resolve.conflicts import ConflictGroup, find_conflicts
from kg.resolve.corpus import CorpusSummary, Resolution, resolve_corpus

#: Called once per article when its facts are extracted (for progress reporting).
ProgressCallback = Callable[[Article], None]


@dataclass(frozen=True)
class Quarantined:
    """An article whose graph violates the shapes: left out of the export, with the report that says why."""

    source: str
    report: ValidationReport


@dataclass
class BuildResult:
    """What a build produced: the dataset of the articles kept, and everything that was left out and why."""

    dataset: Dataset
    articles: list[Article] = field(default_factory=list)
    """The articles whose graphs are in the dataset."""
    errors: list[InputError] = field(default_factory=list)
    """Inputs that could not be read as articles (the user's to fix)."""
    failures: list[ExtractionError] = field(default_factory=list)
    """Articles on which extraction failed (newskg's bug, to report)."""
    quarantined: list[Quarantined] = field(default_factory=list)
    corpus_report: ValidationReport | None = None
    """Validation of the corpus graph; when it does not conform the corpus graph is left out."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, file it duplicates): the same article text under another name, built once."""
    conflicts: list[ConflictGroup] = field(default_factory=list)
    """Groups of claims (from any articles) about the same subject and measure whose values cannot all hold."""

    @property
    def partial(self) -> bool:
        """True when something given was left out of the graph."""
        return bool(self.errors or self.failures or self.quarantined)


def extract_article(article: Article, doc: Doc) -> ArticleFacts:
    """The facts of one article: its entities, events, positions and claims. Pure: no RDF, no other article."""
    entities = resolve_entities(doc)
    context = ArticleContext(article, doc, entities)
    events = extract_events(context)  # events first: they decide how a shared date span is read
    positions = extract_positions(context)
    claims = extract_claims(context)
    return ArticleFacts(article, [entity_fact(e) for e in entities], events, positions, claims, context.times)


def summarise(corpus: Iterable[ArticleFacts]) -> CorpusSummary:
    summary = CorpusSummary()
    for facts in corpus:
        summary.add(facts)
    return summary


def map_and_validate(
    corpus: Sequence[ArticleFacts], resolution: Resolution, iris: IRIs
) -> tuple[list[tuple[ArticleFacts, Graph]], list[Quarantined]]:
    """Each article's named graph, validated on its own; those that violate the shapes are quarantined."""
    kept: list[tuple[ArticleFacts, Graph]] = []
    quarantined: list[Quarantined] = []
    for facts in corpus:
        graph = article_graph(facts, resolution, iris)
        report = validate_graph(graph)
        if report.conforms:
            kept.append((facts, graph))
        else:
            quarantined.append(Quarantined(facts.article.source, report))
    return kept, quarantined


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
    ``model``. Nothing given is lost silently: unreadable inputs, failed extractions and quarantined articles are
    in the result, and the dataset holds every other article.
    """
    iris = IRIs(base_iri)
    articles, errors, duplicates = read_corpus(Path(p) for p in paths)
    dataset = Dataset(default_union=True)  # SPARQL over the dataset sees every article's graph
    bind_prefixes(dataset, base_iri)
    result = BuildResult(dataset, [], errors, duplicates=duplicates)
    if not articles:
        return result
    nlp = nlp or create_pipeline(model)
    corpus: list[ArticleFacts] = []
    by_key = {article.key: article for article in articles}
    docs = parse(nlp, (a.text for a in articles), batch_size=batch_size, n_process=n_process)
    # strict=True runs the parse to its end, so the workers of n_process > 1 are joined, not left waiting
    for article, doc in zip(articles, docs, strict=True):
        try:
            corpus.append(extract_article(article, doc))
        except Exception as error:  # one article's failure must not cost the user the others
            result.failures.append(ExtractionError(article.source, error))
        if on_article:
            on_article(article)
    resolution = resolve_corpus(summarise(corpus))
    kept, result.quarantined = map_and_validate(corpus, resolution, iris)
    for facts, graph in kept:
        named = dataset.graph(graph.identifier)
        dataset.addN((s, p, o, named) for s, p, o in graph)
        result.articles.append(by_key[facts.article.key])
    kept_facts = [facts for facts, _ in kept]
    result.conflicts = find_conflicts(kept_facts, resolution)
    refs = {entity.ref for facts in kept_facts for entity in facts.entities}
    corpus_nodes = corpus_graph(resolution, refs, result.conflicts, iris)
    result.corpus_report = validate_graph(corpus_nodes)
    if result.corpus_report.conforms:
        named = dataset.graph(corpus_nodes.identifier)
        dataset.addN((s, p, o, named) for s, p, o in corpus_nodes)
    return result
