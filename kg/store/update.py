"""``kg ingest`` and ``kg remove``: the next version of a store's output set, parsing only what is new.

An update
---------
1. **Locks** the output set the store belongs to (:func:`kg.rdf.outputs.output_set`, the lock ``kg build`` takes)
   and reads the store's manifest: one writer at a time, and readers see the old set until the swap.
2. **Plans.** An article read from the paths is *unchanged* (its text is stored under the same source), a
   *duplicate* (its text is stored under another source: skipped, as a build skips it), *changed* (a stored
   article has its source but another text: it is replaced) or *new*. ``remove`` names articles to drop. With
   nothing to do, nothing is written: the store is not touched.
3. **Parses** new and changed articles, and stored articles whose facts are not kept or were written for another
   shape of the fact model (their text is in the store): nothing else goes through spaCy.
4. **Resolves the corpus again** from every article's facts (:func:`kg.resolve.corpus.resolve_corpus`): a new
   article can give a person known elsewhere only by surname a full name, or change a canonical label, so
   articles already stored can change too; so do the claim conflicts.
5. **Maps every article and validates those whose graph changed** (mapping is cheap; pySHACL is not, and a graph
   that did not change was validated when it was stored). An article that violates the shapes is quarantined and
   its facts kept, as a build keeps them for the resolution.
6. **Writes the whole set** into the staging folder, as ``kg build`` does (graph files, ``store/`` from
   ``graph.nq``, ``graph.jsonld``, ``validation.txt``, ``conflicts.txt``), and swaps it in. A crash at any moment
   leaves the previous set whole; the next update or build cleans up after it.

So an update gives the store a build of the same articles would give, except for articles a build quarantined
(a build keeps no record of them; an update keeps their facts).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, SDO
from spacy.language import Language

from kg.errors import ExtractionError, InputError
from kg.facts import ArticleFacts
from kg.ingest import Article, read_corpus
from kg.nlp import create_pipeline
from kg.pipeline import Partition, Quarantined, extract_partition, summarise
from kg.rdf.export import OUTPUT_FILES, graph_nquads
from kg.rdf.iris import IRIs
from kg.rdf.mapping import article_graph, corpus_graph
from kg.rdf.namespace import NIF, NKG
from kg.rdf.outputs import output_set
from kg.rdf.validation import ValidationReport, validate_graph
from kg.resolve.conflicts import ConflictGroup, find_conflicts
from kg.resolve.corpus import Resolution, resolve_corpus
from kg.run.shards import Shards
from kg.store.codec import loads_facts
from kg.store.layout import Manifest, StoredArticle, StoreFolder, store_for_update
from kg.store.write import write_set

#: Called once per article parsed (for progress reporting).
ProgressCallback = Callable[[Article], None]


@dataclass
class UpdateResult:
    """What an ingest or a removal did to a store, and everything left out and why (as a build reports it)."""

    store: Path
    added: list[str] = field(default_factory=list)
    """Sources of the articles new to the store."""
    replaced: list[str] = field(default_factory=list)
    """Sources whose stored article was replaced by a new text."""
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reparsed: list[str] = field(default_factory=list)
    """Stored articles parsed again from their text, having no usable facts in the store."""
    articles: int = 0
    """How many articles have a named graph in the store now."""
    errors: list[InputError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[ExtractionError] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    conflicts: list[ConflictGroup] = field(default_factory=list)
    corpus_report: ValidationReport | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def ingest(
    paths: Sequence[Path | str],
    store: Path | str,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = 32,
    on_article: ProgressCallback | None = None,
) -> UpdateResult:
    """Add the articles of ``paths`` (files or folders) to the store at ``store`` (created if missing): new ones
    added, changed ones replaced, unchanged ones left alone; then the corpus brought up to date (see above)."""
    folder = _folder(store)
    articles, errors, duplicates = read_corpus(Path(p) for p in paths)
    result = UpdateResult(folder.path, errors=errors, duplicates=duplicates)

    def plan(update: _Update) -> None:
        for article in articles:
            update.add(article)

    _update(folder, result, plan, _Parser(nlp, model, batch_size, on_article))
    return result


def remove(
    targets: Sequence[str], store: Path | str, *, nlp: Language | None = None, model: str | None = None
) -> UpdateResult:
    """Take articles out of the store at ``store``, then bring the corpus up to date. A target is an article IRI,
    or a file name or path: every article read from that file goes (all lines of a JSON Lines file)."""
    folder = _folder(store)
    if not folder.exists():
        raise InputError(folder.path, "no such store; give the store folder kg build or kg ingest wrote")
    result = UpdateResult(folder.path)

    def plan(update: _Update) -> None:
        for target in targets:
            update.drop(target)

    _update(folder, result, plan, _Parser(nlp, model))
    return result


def _folder(store: Path | str) -> StoreFolder:
    folder = store_for_update(store)
    if folder.set_dir.resolve() == Path.cwd().resolve():
        raise InputError(store, "is a store in the current folder, but a store lives inside an output folder, "
                                "which newskg replaces as a whole; give --store OUT/store (or OUT) for a folder OUT")
    if folder.path.exists() and not folder.manifest_path.is_file():
        raise InputError(folder.path, "is not a newskg store (it has no newskg/store.json); give the store folder kg "
                                      "build or kg ingest wrote, or a new folder")
    return folder


class _Unchanged(Exception):
    """Nothing to do: leaves the output set's block without committing, so the store is not touched."""


def _update(folder: StoreFolder, result: UpdateResult, plan: Callable[[_Update], None], parser: _Parser) -> None:
    """Steps 1 to 6 (see the module docstring); ``plan`` says what to add and drop."""
    try:
        with output_set(folder.set_dir) as staging:
            update = _Update(folder, result)
            plan(update)
            update.run(parser, staging)
    except _Unchanged:
        pass  # the staging folder is gone, the set untouched


@dataclass
class _Parser:
    """The only NLP of an update: articles to facts, with the pipeline created on first need."""

    nlp: Language | None
    model: str | None
    batch_size: int = 32
    on_article: ProgressCallback | None = None

    def extract(self, articles: list[Article], result: UpdateResult) -> dict[str, ArticleFacts]:
        """The facts of ``articles`` by key; an article whose extraction fails is in ``result.failures``. The work
        is the build's own map (:func:`kg.pipeline.extract_partition`), so an article gets the parse and the facts
        a build gives it."""
        found: dict[str, ArticleFacts] = {}
        if not articles:
            return found
        self.nlp = self.nlp or create_pipeline(self.model)
        articles = sorted(articles, key=lambda article: article.key)  # in partitions, as a build cuts them
        for number, start in enumerate(range(0, len(articles), self.batch_size)):
            partition = Partition(number, tuple(articles[start:start + self.batch_size]))
            extracted = extract_partition(partition, self.model, self.nlp)
            found.update((facts.article.key, facts) for facts in extracted.facts)
            result.failures.extend(ExtractionError(source, error) for source, error in extracted.failures)
            for article in partition.articles if self.on_article else ():
                self.on_article(article)
        return found


class _Update:
    """One update of a store: the plan (:meth:`add`, :meth:`drop`), then :meth:`run` (steps 3 to 6)."""

    def __init__(self, folder: StoreFolder, result: UpdateResult) -> None:
        self.folder = folder
        self.result = result
        self.manifest = folder.manifest() if folder.exists() else Manifest()
        self.by_source = {stored.source: key for key, stored in self.manifest.articles.items()}
        self.new: dict[str, Article] = {}
        self.drops: set[str] = set()
        self.replaces: dict[str, str] = {}
        """New article key → the key of the stored article it replaces."""

    def add(self, article: Article) -> None:
        stored = self.manifest.articles.get(article.key)
        if stored is not None:
            if stored.source == article.source:
                self.result.unchanged.append(article.source)
            else:
                self.result.duplicates.append((article.source, stored.source))
            return
        old = self.by_source.get(article.source)
        if old is not None and old not in self.drops:
            self.drops.add(old)
            self.replaces[article.key] = old
        self.new[article.key] = article

    def drop(self, target: str) -> None:
        keys = self._keys_of(target)
        if not keys:
            raise InputError(target, f"names no article of the store {self.folder.path}; give an article IRI or "
                                     "the file an article was read from")
        for key in sorted(keys - self.drops):
            self.drops.add(key)
            self.result.removed.append(self.manifest.articles[key].source)

    def _keys_of(self, target: str) -> set[str]:
        if target.startswith(("http://", "https://")):
            prefix = str(IRIs(self.manifest.base_iri).article(""))
            key = target[len(prefix):] if target.startswith(prefix) else None
            return {key} if key in self.manifest.articles else set()
        name = Path(target).name
        return {
            key for key, stored in self.manifest.articles.items()
            if stored.source == name or stored.source.startswith(f"{name}:")  # a JSON Lines file's articles
        }

    # --- steps 3 to 6 -------------------------------------------------------------------------------------------

    def run(self, parser: _Parser, staging: Path) -> None:
        parsed = parser.extract(list(self.new.values()), self.result)
        for key, article in self.new.items():
            if key not in parsed:
                self.drops.discard(self.replaces.get(key, ""))  # a failed replacement keeps the stored article
            else:
                (self.result.replaced if key in self.replaces else self.result.added).append(article.source)
        if not self.result.changed:
            raise _Unchanged()
        live = self.folder.open() if self.folder.exists() else None
        stored, reparse = self._stored_facts(live)
        del live  # the old store is closed before the new one is written and swapped in
        parsed.update(parser.extract(reparse, self.result))
        corpus = sorted([*stored, *parsed.values()], key=lambda facts: facts.article.key)
        iris = IRIs(self.manifest.base_iri)
        resolution = resolve_corpus(summarise(corpus))
        previous = _exported_graphs(self.folder.set_dir / OUTPUT_FILES["nquads"])
        mapped, self.result.quarantined = _map(corpus, resolution, iris, previous)
        kept = [facts for facts in corpus if facts.article.key in mapped]
        self.result.articles = len(kept)
        self.result.conflicts = find_conflicts(kept, resolution)
        refs = {entity.ref for facts in kept for entity in facts.entities}
        corpus_nodes = corpus_graph(resolution, refs, self.result.conflicts, iris)
        corpus_nquads = graph_nquads(corpus_nodes)
        same = corpus_nquads == previous.get(str(corpus_nodes.identifier))
        self.result.corpus_report = ValidationReport(True, ()) if same else validate_graph(corpus_nodes)
        shards = Shards(base_iri=iris.base)  # as a build's: the article graphs in key order, the corpus graph last
        shards.add(b"".join(mapped[facts.article.key] for facts in kept))
        if self.result.corpus_report.conforms:
            shards.add(corpus_nquads)
        entries = {
            facts.article.key: StoredArticle(facts.article.key, facts.article.source, facts.article.key in mapped,
                                             facts=True)
            for facts in corpus
        }
        write_set(staging, shards, self.manifest.base_iri, kept=len(kept), quarantined=self.result.quarantined,
                  corpus_report=self.result.corpus_report, conflicts=self.result.conflicts, facts=parsed.values(),
                  articles=entries, previous=self.folder if self.folder.exists() else None)

    def _stored_facts(self, live: ox.Store | None) -> tuple[list[ArticleFacts], list[Article]]:
        """The facts of every stored article that stays, and the articles to parse again: those with no facts in
        the store (a store kg build wrote keeps none yet) or facts of another shape of the model."""
        facts: list[ArticleFacts] = []
        reparse: list[Article] = []
        texts: dict[str, Article] | None = None
        for key, stored in sorted(self.manifest.articles.items()):
            if key in self.drops:
                continue
            found = None
            if stored.facts:
                found, article = loads_facts(self.folder.facts_path(key).read_text(encoding="utf-8"))
            else:
                texts = texts if texts is not None else _stored_articles(live)
                if (article := texts.get(key)) is None:
                    raise InputError(self.folder.path, f"lists article {key} but holds no text of it; build the "
                                                       "store again with kg build")
            if found is not None:
                facts.append(found)
            else:
                reparse.append(article)
                self.result.reparsed.append(article.source)
        return facts, reparse


def _map(
    corpus: list[ArticleFacts], resolution: Resolution, iris: IRIs, previous: Mapping[str, bytes]
) -> tuple[dict[str, bytes], list[Quarantined]]:
    """Every article's graph as canonical N-Quads by key, but for the quarantined (step 5). A graph is validated
    only when it differs from the one the previous set exported, which was validated then."""
    mapped: dict[str, bytes] = {}
    quarantined: list[Quarantined] = []
    for facts in corpus:
        graph = article_graph(facts, resolution, iris)
        nquads = graph_nquads(graph)
        if nquads != previous.get(str(graph.identifier)) and not (report := validate_graph(graph)).conforms:
            quarantined.append(Quarantined(facts.article.source, report))
        else:
            mapped[facts.article.key] = nquads
    return mapped, quarantined


def _exported_graphs(nquads: Path) -> dict[str, bytes]:
    """The canonical N-Quads of each graph of the previous set's ``graph.nq``, by graph name (empty for a new
    store). Compared byte for byte, as the export writes them: the store itself keeps literals normalised."""
    graphs: dict[str, list[bytes]] = defaultdict(list)
    try:
        with nquads.open("rb") as handle:
            for line in handle:  # every line ends with " <graph> .\n"; an IRI holds no space
                graphs[line[line.rindex(b" <") + 2:line.rindex(b">")].decode("utf-8")].append(line)
    except FileNotFoundError:
        return {}
    return {name: b"".join(lines) for name, lines in graphs.items()}


_ARTICLE_TEXTS = f"""
SELECT ?key ?source ?text ?date ?title ?url WHERE {{
  GRAPH ?article {{
    ?article a <{NKG.Article}> ; <{DCTERMS.identifier}> ?key ; <{DCTERMS.source}> ?source ; <{NIF.isString}> ?text .
    OPTIONAL {{ ?article <{DCTERMS.date}> ?date }}
    OPTIONAL {{ ?article <{DCTERMS.title}> ?title }}
    OPTIONAL {{ ?article <{SDO.url}> ?url }}
  }}
}}
"""


def _stored_articles(live: ox.Store | None) -> dict[str, Article]:
    """The articles whose graphs the store holds, read back from them (text, source, date, title, address)."""
    if live is None:
        return {}
    articles = {}
    for row in live.query(_ARTICLE_TEXTS):
        value = {name: row[name].value if row[name] is not None else None for name in ("date", "title", "url")}
        date = dt.date.fromisoformat(value["date"]) if value["date"] else None
        article = Article(row["source"].value, row["text"].value, date, value["title"], value["url"])
        if article.key == row["key"].value:  # the text came back exactly: it is the same article
            articles[article.key] = article
    return articles
