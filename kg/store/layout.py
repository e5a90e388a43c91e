"""Where a newskg store lives on disk, what newskg keeps beside the quads, and how a store is opened.

A store is one member of a build's output set (see :mod:`kg.rdf.outputs`)::

    OUT/                        the output set: locked, staged and swapped as a whole
      graph.trig  graph.nq  graph.ttl  graph.jsonld  validation.txt  conflicts.txt
      store/                    the Oxigraph database: pyoxigraph.Store.read_only("OUT/store") opens it; one
                                named graph per article and the corpus graph, their union as the default graph
        newskg/store.json       the manifest: base IRI, and every article with its source and state
        newskg/facts/KEY.json   the article's fact records (kg.store.codec), so an ingest need not parse it again

Oxigraph ignores the ``newskg`` folder inside its own. Keeping the store inside the output set, rather than as a
folder of its own, is what lets an ingest reuse the set's staging, swap and lock unchanged: an ingest writes the
next version of the whole set, so ``graph.nq``, ``graph.jsonld`` and the store never disagree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.namespace import DEFAULT_BASE

STORE_NAME = "store"
"""The store's name in the output set (one of :data:`kg.rdf.outputs.OWN_NAMES`)."""
META_DIR = "newskg"
MANIFEST_NAME = "store.json"
FACTS_DIR = "facts"
FORMAT = 2
"""Version of the store's layout; a store of another version is refused, naming it. 2: the default graph holds the
union of the named graphs (see :mod:`kg.store.write`)."""


@dataclass(frozen=True)
class StoredArticle:
    """One article a store knows: by content key, with the source it was read from."""

    key: str
    source: str
    kept: bool = True
    """False for an article whose graph violates the shapes: its facts are kept (they take part in the corpus
    resolution, as in a build) but it has no named graph."""
    facts: bool = False
    """Whether ``newskg/facts/KEY.json`` holds its fact records (a store written by ``kg build`` has none yet)."""


@dataclass
class Manifest:
    """What newskg keeps about a store beside the quads."""

    base_iri: str = DEFAULT_BASE
    articles: dict[str, StoredArticle] = field(default_factory=dict)

    def to_json(self) -> str:
        entries = [vars(article) for _, article in sorted(self.articles.items())]
        document = {"format": FORMAT, "base_iri": self.base_iri, "articles": entries}
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class StoreFolder:
    """A store on disk: ``path`` is the Oxigraph database folder (``OUT/store``)."""

    path: Path

    @property
    def set_dir(self) -> Path:
        """The output set the store belongs to, which an ingest replaces as a whole."""
        return self.path.parent

    @property
    def manifest_path(self) -> Path:
        return self.path / META_DIR / MANIFEST_NAME

    @property
    def facts_dir(self) -> Path:
        return self.path / META_DIR / FACTS_DIR

    def facts_path(self, key: str) -> Path:
        return self.facts_dir / f"{key}.json"

    def exists(self) -> bool:
        return is_store(self.path)

    def open(self) -> ox.Store:
        """The database, read-only: any number of readers may open it while nothing writes it."""
        try:
            return ox.Store.read_only(str(self.path))
        except OSError as error:
            raise InputError(self.path, f"cannot open the Oxigraph store: {error}") from None

    def manifest(self) -> Manifest:
        """The manifest; a bare Oxigraph store (no manifest) reads as one under the default base IRI."""
        try:
            document = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Manifest()
        except (OSError, ValueError) as error:
            raise InputError(self.manifest_path, f"cannot read the store's manifest: {error}") from None
        if document.get("format") != FORMAT:
            raise InputError(self.manifest_path, f"is a store of format {document.get('format')!r}, which this "
                                                 f"newskg (format {FORMAT}) cannot read; build it again")
        articles = {entry["key"]: StoredArticle(**entry) for entry in document["articles"]}
        return Manifest(document["base_iri"], articles)


def is_store(path: Path) -> bool:
    """Whether ``path`` is a store folder: a newskg manifest, or any Oxigraph (RocksDB) database."""
    return (path / META_DIR / MANIFEST_NAME).is_file() or (path / "CURRENT").is_file()


def find_store(path: Path | str) -> StoreFolder | None:
    """The existing store ``path`` names: the store folder itself, or an output folder holding one."""
    path = Path(path)
    for candidate in (path, path / STORE_NAME):
        if candidate.is_dir() and is_store(candidate):
            return StoreFolder(candidate)
    return None


def store_for_update(path: Path | str) -> StoreFolder:
    """The store ``--store PATH`` names for an ingest, existing or not: ``PATH`` itself when it is a store or is
    called ``store``, else ``PATH/store`` (``PATH`` being an output folder)."""
    path = Path(path)
    if found := find_store(path):
        return found
    return StoreFolder(path if path.name == STORE_NAME else path / STORE_NAME)
