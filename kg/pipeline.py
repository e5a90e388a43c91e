"""The build as map and reduce: articles → facts (map 1) → corpus resolution (reduce) → validated graphs (map 2).

1. **Read** every input path on its own (:func:`kg.ingest.read_corpus`): a bad file costs only itself. Articles
   are put in the order of their keys and cut into partitions of ``batch_size``.
2. **Map 1** (:func:`extract_partition`): parse a partition with spaCy and extract each article's facts (a pure
   function of one article, :func:`extract_article`; an article on which it fails is reported as an internal
   error and the others go on). The facts go to a file of the build; the caller keeps only a summary.
3. **Reduce**: the partitions' summaries pooled (:class:`~kg.resolve.corpus.CorpusSummary`), final keys and
   canonical labels decided for the whole corpus (:mod:`kg.resolve.corpus`), before any IRI is minted.
4. **Map 2** (:func:`map_partition`): each article's named graph (:mod:`kg.rdf.mapping`), validated on its own
   (:mod:`kg.rdf.validation`); an article that violates the shapes is quarantined, with the report, and left out.
   A partition comes back as canonical N-Quads, written as a shard (:mod:`kg.run.shards`), and the claims and
   entities of the articles kept.
5. **Corpus graph**: canonical labels and conflicting claims of the articles kept, validated as well, the last shard.

The maps run in the calling process or on a Dask cluster (:mod:`kg.run.engine`), the same functions either way;
memory is set by the partitions in flight and the summaries, not by the corpus: the graph itself is only on disk.
"""
from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Dataset, Graph
from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from kg.errors import ExtractionError, InputError
from kg.extract.claims import extract_claims
from kg.extract.context import ArticleContext, entity_fact
from kg.extract.events import extract_events
from kg.extract.roles import extract_positions
from kg.extract.story import date_from_story
from kg.facts import ArticleFacts, EntityRef
from kg.ingest import Article, read_corpus
from kg.nlp import create_pipeline, parse
from kg.rdf.export import graph_nquads
from kg.rdf.iris import IRIs
from kg.rdf.mapping import article_graph, corpus_graph
from kg.rdf.namespace import DEFAULT_BASE
from kg.rdf.validation import ValidationReport, validate_graph
from kg.resolve.article import resolve_entities
from kg.resolve.conflicts import ConflictGroup, find_conflicts
from kg.resolve.corpus import CorpusSummary, Resolution, resolve_corpus
from kg.run.engine import Runner, open_runner, worker_pipeline
from kg.run.shards import Shards

log = logging.getLogger(__name__)

#: Called once per article when its facts are extracted (for progress reporting).
ProgressCallback = Callable[[Article], None]


@dataclass(frozen=True)
class Quarantined:
    """An article whose graph violates the shapes: left out of the export, with the report that says why."""

    source: str
    report: ValidationReport


@dataclass
class BuildResult:
    """What a build produced: the graph of the articles kept (as shards), and everything left out and why."""

    shards: Shards
    """The graph on disk, one named graph per article and the corpus graph (see :mod:`kg.run.shards`)."""
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
    summary_bytes: int = 0
    """Size of the pooled summaries the reduce worked on (pickled): what the reduce holds in memory, by corpus."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Time per stage: ``load`` (the spaCy pipeline), ``nlp``, ``extraction``, ``mapping`` and ``validation``
    summed over the partitions (worker seconds), ``read``, ``map1`` (with ``load``), ``reduce``, ``map2`` and
    ``corpus`` as wall time in the calling process."""

    def stats(self) -> dict[str, object]:
        """What a benchmark or a log needs of the build: counts of what was built and left out, seconds per stage
        (JSON-ready; ``kg build --stats`` writes it, with the seconds of writing the outputs as ``export``)."""
        return {
            "articles": len(self.articles),
            "errors": len(self.errors),
            "duplicates": len(self.duplicates),
            "failures": len(self.failures),
            "quarantined": len(self.quarantined),
            "conflicts": len(self.conflicts),
            "summary_bytes": self.summary_bytes,
            "seconds": {stage: round(seconds, 3) for stage, seconds in self.seconds.items()},
        }

    @property
    def partial(self) -> bool:
        """True when something given was left out of the graph."""
        return bool(self.errors or self.failures or self.quarantined)

    @cached_property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset, read from the shards on first use (it holds the whole corpus in memory:
        for small corpora and tests; :func:`kg.rdf.export.write_outputs` streams from :attr:`shards` instead)."""
        return self.shards.dataset()

    def facts(self) -> Iterator[ArticleFacts]:
        """The facts of every article extracted (kept or quarantined), read back one partition at a time from the
        build's files, in key order: what a store keeps (:mod:`kg.store`), so that ``kg ingest`` never parses
        these articles again."""
        for path in sorted(self.shards.folder.glob("facts-*.pickle")):
            with path.open("rb") as handle:
                yield from pickle.load(handle)


def extract_article(article: Article, doc: Doc) -> ArticleFacts:
    """The facts of one article: its entities, events, positions and claims. Pure: no RDF, no other article."""
    entities = resolve_entities(doc)
    context = ArticleContext(article, doc, entities)
    events = extract_events(context)  # events first: they decide how a shared date span is read
    date_from_story(context, events)
    positions = extract_positions(context)
    claims = extract_claims(context)
    return ArticleFacts(article, [entity_fact(e) for e in entities], events, positions, claims, context.times)


def summarise(corpus: Iterable[ArticleFacts]) -> CorpusSummary:
    """What the reduce needs of these articles' facts: their entities' keys and forms, pooled (small, combinable)."""
    summary = CorpusSummary()
    for facts in corpus:
        summary.add(facts)
    return summary


def map_and_validate(
    corpus: Sequence[ArticleFacts], resolution: Resolution, iris: IRIs, seconds: dict[str, float] | None = None
) -> tuple[list[tuple[ArticleFacts, Graph]], list[Quarantined]]:
    """Each article's named graph, validated on its own; those that violate the shapes are quarantined.
    ``seconds``, when given, gains the time spent in ``mapping`` and in ``validation``."""
    kept: list[tuple[ArticleFacts, Graph]] = []
    quarantined: list[Quarantined] = []
    timing = {"mapping": 0.0, "validation": 0.0}
    for facts in corpus:
        start = time.perf_counter()
        graph = article_graph(facts, resolution, iris)
        mapped = time.perf_counter()
        report = validate_graph(graph)
        timing["mapping"] += mapped - start
        timing["validation"] += time.perf_counter() - mapped
        if report.conforms:
            kept.append((facts, graph))
        else:
            quarantined.append(Quarantined(facts.article.source, report))
    if seconds is not None:
        _add_seconds(seconds, timing)
    return kept, quarantined


# --- the map and the reduce ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Partition:
    """Articles of one unit of the map, numbered in the order of their keys."""

    number: int
    articles: tuple[Article, ...]


@dataclass
class Extracted:
    """What map 1 sends back for a partition: the facts (kept on disk by the caller) and the summary for the reduce."""

    number: int
    facts: list[ArticleFacts]
    summary: CorpusSummary
    failures: list[tuple[str, Exception]]
    """(source, error) of each article whose extraction failed."""
    seconds: dict[str, float]


@dataclass
class Mapped:
    """What map 2 sends back for a partition: its graphs as N-Quads, and what the corpus graph needs of them."""

    number: int
    nquads: bytes
    """The named graphs of the articles kept, in canonical order (see :mod:`kg.run.shards`)."""
    kept: dict[str, list]
    """Article key → the claims of that article, for every article kept (conflicts are found across articles)."""
    refs: set[EntityRef]
    """Every entity the articles kept name."""
    quarantined: list[Quarantined]
    seconds: dict[str, float]


def extract_partition(partition: Partition, model: str | None, nlp: Language | None = None) -> Extracted:
    """Map 1: parse and extract one partition. ``nlp`` is a pipeline of the calling process; on a worker the
    pipeline of ``model`` is loaded once and kept (:func:`kg.run.engine.worker_pipeline`)."""
    start = time.perf_counter()
    nlp = nlp or worker_pipeline(model)
    loaded = time.perf_counter()
    # One BLAS thread, as on a Dask worker: the parser's sums are then added in one order in every process, and
    # the same text gets the same parse (with more threads, OpenBLAS splits large batches and a rare borderline
    # token is attached differently). Parallelism comes from partitions on processes, not from BLAS threads.
    with threadpool_limits(limits=1, user_api="blas"):
        docs = list(parse(nlp, (a.text for a in partition.articles), batch_size=len(partition.articles)))
    parsed = time.perf_counter()
    facts: list[ArticleFacts] = []
    failures: list[tuple[str, Exception]] = []
    for article, doc in zip(partition.articles, docs, strict=True):
        try:
            facts.append(extract_article(article, doc))
        except Exception as error:  # one article's failure must not cost the user the others
            failures.append((article.source, _portable(error)))
    seconds = {"load": loaded - start, "nlp": parsed - loaded, "extraction": time.perf_counter() - parsed}
    return Extracted(partition.number, facts, summarise(facts), failures, seconds)


def _portable(error: Exception) -> Exception:
    """``error`` if it survives pickling (a Dask worker sends it back), else a RuntimeError that says the same."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def map_partition(work: tuple[int, list[ArticleFacts], Resolution], base_iri: str) -> Mapped:
    """Map 2: the validated named graphs of one partition's articles, as canonical N-Quads."""
    number, corpus, resolution = work
    seconds: dict[str, float] = {}
    kept, quarantined = map_and_validate(corpus, resolution, IRIs(base_iri), seconds)
    start = time.perf_counter()
    nquads = b"".join(graph_nquads(graph) for _, graph in sorted(kept, key=lambda pair: str(pair[1].identifier)))
    seconds["mapping"] += time.perf_counter() - start
    return Mapped(
        number,
        nquads,
        {facts.article.key: facts.claims for facts, _ in kept},
        {entity.ref for facts, _ in kept for entity in facts.entities},
        quarantined,
        seconds,
    )


def resolution_for(corpus: Iterable[ArticleFacts], resolution: Resolution) -> Resolution:
    """The part of ``resolution`` that the articles of ``corpus`` need (every ref a fact names is one of its
    article's entities): what a worker is sent with a partition, instead of the whole corpus's."""
    refs = {entity.ref for facts in corpus for entity in facts.entities}
    finals = {resolution.final(ref) for ref in refs}
    return Resolution(
        {ref: resolution.merged[ref] for ref in refs if ref in resolution.merged},
        {ref: resolution.labels[ref] for ref in finals},
        {ref: resolution.forms[ref] for ref in finals},
    )


def _in_order(results: Iterable[Mapped]) -> Iterator[Mapped]:
    """Results that arrive in any order, given back in the order of their numbers (shards must be in order)."""
    waiting: dict[int, Mapped] = {}
    following = 0
    for result in results:
        waiting[result.number] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def build(
    paths: Sequence[Path | str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    base_iri: str = DEFAULT_BASE,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 32,
    workdir: Path | str | None = None,
    on_article: ProgressCallback | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles in ``paths`` (files or folders).

    The maps run in this process (``workers=1``), on an embedded Dask cluster of ``workers`` processes, or on the
    Dask cluster whose scheduler is at ``scheduler``; the result is the same. ``nlp`` reuses an already created
    pipeline in this process (see :func:`kg.nlp.create_pipeline`); workers load the pipeline of ``model``.
    ``batch_size`` articles make a partition, the unit of work and of memory. The graph is written as shards
    into ``workdir`` (default: a temporary folder deleted with the result). Nothing given is lost silently:
    unreadable inputs, failed extractions and quarantined articles are in the result.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    iris = IRIs(base_iri)
    clock = time.perf_counter()
    articles, errors, duplicates = read_corpus(Path(p) for p in paths)
    result = BuildResult(Shards(workdir, base_iri=base_iri), [], errors, duplicates=duplicates)
    result.seconds["read"] = time.perf_counter() - clock
    if not articles:
        return result
    by_input = list(articles)
    articles.sort(key=lambda article: article.key)  # graphs in name order: the shards concatenate to the export
    partitions = [
        Partition(number, tuple(articles[start:start + batch_size]))
        for number, start in enumerate(range(0, len(articles), batch_size))
    ]
    with open_runner(workers, scheduler, model) as runner:
        clock = time.perf_counter()
        if runner.in_process and nlp is None:
            nlp = create_pipeline(model)  # one for every partition of this build, released with it
            result.seconds["load"] = time.perf_counter() - clock
        summary = _extract(runner, partitions, model, nlp, result, on_article)
        result.seconds["map1"] = time.perf_counter() - clock
        clock = time.perf_counter()
        resolution = resolve_corpus(summary)
        result.seconds["reduce"] = time.perf_counter() - clock
        result.summary_bytes = len(pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))
        clock = time.perf_counter()
        claims, refs = _map(runner, len(partitions), resolution, base_iri, result)
        result.seconds["map2"] = time.perf_counter() - clock
    clock = time.perf_counter()
    kept = [article for article in articles if article.key in claims]
    order = {article.source: index for index, article in enumerate(by_input)}  # reports follow the input order
    result.articles = sorted(kept, key=lambda article: order[article.source])
    result.quarantined.sort(key=lambda item: order.get(item.source, len(order)))
    result.failures.sort(key=lambda failure: order.get(str(failure.path), len(order)))
    result.conflicts = find_conflicts(
        (ArticleFacts(article, [], claims=claims[article.key]) for article in kept), resolution
    )
    corpus_nodes = corpus_graph(resolution, refs, result.conflicts, iris)
    result.corpus_report = validate_graph(corpus_nodes)
    if result.corpus_report.conforms:
        result.shards.add(graph_nquads(corpus_nodes))  # named …/graph/corpus: after every …/article/ graph
    result.seconds["corpus"] = time.perf_counter() - clock
    log.info("build of %d articles: seconds per stage %s", len(articles), result.seconds, extra={"seconds": result.seconds})
    return result


def _extract(
    runner: Runner,
    partitions: list[Partition],
    model: str | None,
    nlp: Language | None,
    result: BuildResult,
    on_article: ProgressCallback | None,
) -> CorpusSummary:
    """Map 1 over every partition; facts to disk, summaries pooled, failures into ``result``."""
    summary = CorpusSummary()
    local = (nlp,) if runner.in_process else ()  # a pipeline object is never sent to a worker
    for extracted in runner.map(extract_partition, partitions, model, *local):
        with result.shards.path(f"facts-{extracted.number:06d}.pickle").open("wb") as handle:
            pickle.dump(extracted.facts, handle, protocol=pickle.HIGHEST_PROTOCOL)
        summary.update(extracted.summary)
        result.failures.extend(ExtractionError(source, error) for source, error in extracted.failures)
        _add_seconds(result.seconds, extracted.seconds)
        if on_article:
            for article in partitions[extracted.number].articles:
                on_article(article)
    return summary


def _map(
    runner: Runner, count: int, resolution: Resolution, base_iri: str, result: BuildResult
) -> tuple[dict[str, list], set[EntityRef]]:
    """Map 2 over every partition's facts; shards written in order. Returns the claims of each article kept and
    every entity they name (the corpus graph's input)."""

    def work() -> Iterator[tuple[int, list[ArticleFacts], Resolution]]:
        for number in range(count):
            path = result.shards.path(f"facts-{number:06d}.pickle")
            with path.open("rb") as handle:
                corpus = pickle.load(handle)  # the file stays until the result goes: see BuildResult.facts
            yield number, corpus, resolution_for(corpus, resolution)

    claims: dict[str, list] = {}
    refs: set[EntityRef] = set()
    for mapped in _in_order(runner.map(map_partition, work(), base_iri)):
        result.shards.add(mapped.nquads)
        claims.update(mapped.kept)
        refs |= mapped.refs
        result.quarantined.extend(mapped.quarantined)
        _add_seconds(result.seconds, mapped.seconds)
    return claims, refs


def _add_seconds(total: dict[str, float], part: dict[str, float]) -> None:
    for stage, seconds in part.items():
        total[stage] = total.get(stage, 0.0) + seconds
