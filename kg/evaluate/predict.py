"""Predictions: what a system asserts, in the shape the gold is written in, and how to read them out of a graph.

:func:`predictions_from_graph` asks the graph with SPARQL over the contract's vocabulary only (``ontology/`` and
``shapes/``), never through code of the pipeline, so it reads any graph that keeps the contract, also one built
by another version or another tool. Every item keeps the article files it comes from, so a graph built over more
articles than the gold covers is scored only on the gold's.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDFS, SDO, SKOS

from kg.evaluate.gold import DATE
from kg.evaluate.names import name_keys
from kg.evaluate.schema import ENTITY_CATEGORIES, ENTITY_CLASSES, EVENT_CLASSES, ROLES
from kg.rdf.namespace import NKG, PREFIXES, SEM

#: Properties whose objects count as an event's participants: every role, plus the generic links the contract
#: also writes (a participant found only through these still counts, since roles are not scored).
PARTICIPANT_PROPERTIES: tuple[URIRef, ...] = (
    *(NKG[role] for role in sorted(ROLES)),
    SDO.attendee,
    SDO.organizer,
    SEM.hasActor,
)


def _kept(files: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether an item belongs to the evaluated articles; an item of unknown source is kept, never silently lost."""
    return not files or bool(files & wanted)


@dataclass(frozen=True)
class PredictedEntity:
    """One node of the system's output (or one surface string of the baseline)."""

    ref: str
    """The node's IRI, or the surface string for the baseline."""
    name: str
    aliases: tuple[str, ...] = ()
    iso: str | None = None
    category: str | None = None
    """Its entity category, ``None`` for a node of no entity class."""
    files: frozenset[str] = frozenset()
    """The articles (file names) it is mentioned in."""

    @cached_property
    def keys(self) -> frozenset[str]:
        return name_keys(self.name, self.aliases, self.iso)


@dataclass(frozen=True)
class PredictedEvent:
    ref: str
    type: str
    participants: tuple[PredictedEntity, ...]
    date: str | None
    files: frozenset[str]


@dataclass(frozen=True)
class PredictedMeeting:
    first: PredictedEntity
    second: PredictedEntity
    files: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PredictedPosition:
    ref: str
    person: PredictedEntity
    title: str
    of: PredictedEntity | None
    files: frozenset[str]


@dataclass(frozen=True)
class PredictedClaim:
    ref: str
    subject: PredictedEntity
    measure: str | None
    value: Decimal | None
    files: frozenset[str]


@dataclass(frozen=True)
class Predictions:
    """What a system asserts, in the shape the gold is written in."""

    entities: Mapping[str, tuple[PredictedEntity, ...]]
    events: tuple[PredictedEvent, ...] = ()
    meetings: tuple[PredictedMeeting, ...] = ()
    positions: tuple[PredictedPosition, ...] = ()
    claims: tuple[PredictedClaim, ...] = ()
    articles: frozenset[str] = frozenset()
    """The article files the predictions were made from."""

    def restricted_to(self, files: frozenset[str]) -> Predictions:
        """Only the items from articles in ``files`` (and those of unknown source)."""
        return Predictions(
            entities={
                category: tuple(e for e in self.entities.get(category, ()) if _kept(e.files, files))
                for category in ENTITY_CATEGORIES
            },
            events=tuple(e for e in self.events if _kept(e.files, files)),
            meetings=tuple(m for m in self.meetings if _kept(m.files, files)),
            positions=tuple(p for p in self.positions if _kept(p.files, files)),
            claims=tuple(c for c in self.claims if _kept(c.files, files)),
            articles=self.articles & files,
        )


_PREFIXES = {**PREFIXES, "rdfs": str(RDFS)}

_NAMES_QUERY = """
SELECT ?node ?property ?value WHERE {
  VALUES ?property { rdfs:label skos:altLabel nkg:isoCode }
  ?node ?property ?value .
}"""

_CLASSES_QUERY = "SELECT ?node ?class WHERE { VALUES ?class { %s } ?node a ?class . }"

#: Facts derive from their article (an encounter through its events); entities are mentioned in it. Starting from
#: the few articles, not the many mentions, keeps the query fast.
_SOURCES_QUERY = """
SELECT DISTINCT ?node ?file WHERE {
  ?article dcterms:source ?file .
  { ?node prov:wasDerivedFrom+ ?article . }
  UNION { ?mention nif:referenceContext ?article . ?node gaf:denotedBy ?mention . }
}"""

_ARTICLES_QUERY = "SELECT DISTINCT ?file WHERE { ?article a nkg:Article ; dcterms:source ?file . }"

_PARTICIPANTS_QUERY = "SELECT ?event ?who WHERE { VALUES ?role { %s } ?event ?role ?who . FILTER(isIRI(?who)) }"

_EVENT_DATES_QUERY = """
SELECT ?event ?date ?rank WHERE {
  { ?event schema:startDate ?date . BIND(1 AS ?rank) }
  UNION { ?event nkg:time/nkg:timeValue ?date . BIND(2 AS ?rank) }
}"""

_MEETINGS_QUERY = """
SELECT ?a ?b ?encounter WHERE {
  { ?a nkg:met ?b . }
  UNION { ?encounter a nkg:Encounter ; nkg:encounterParticipant ?a, ?b . FILTER(STR(?a) < STR(?b)) }
}"""

_POSITIONS_QUERY = """
SELECT ?post ?person ?title ?in WHERE {
  ?post a nkg:Position ; org:heldBy ?person ; nkg:postTitle ?title .
  OPTIONAL { ?post org:postIn ?in . }
}"""

_CLAIMS_QUERY = """
SELECT ?claim ?subject ?measure ?value WHERE {
  ?claim a nkg:Claim ; nkg:claimSubject ?subject ; nkg:value ?value .
  OPTIONAL { ?claim nkg:measure ?measure . }
}"""


def _date_text(value: Any) -> str | None:
    """The date part of a literal (``xsd:date``, ``gYearMonth``, ``gYear``, ``dateTime``) as text."""
    match = DATE.match(str(value))
    return match.group(0) if match else None


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class _GraphReader:
    """SPARQL over one graph, with the name and source of every node looked up once."""

    def __init__(self, graph: Graph) -> None:
        if isinstance(graph, Dataset) and not graph.default_union:
            graph = Dataset(store=graph.store, default_union=True)  # a view: the facts live in named graphs
        self.graph = graph
        self.files: dict[URIRef, set[str]] = defaultdict(set)
        for node, file in self.rows(_SOURCES_QUERY):
            self.files[node].add(Path(str(file)).name)
        self.labels: dict[URIRef, dict[URIRef, list[str]]] = defaultdict(lambda: defaultdict(list))
        for node, prop, value in self.rows(_NAMES_QUERY):
            self.labels[node][prop].append(str(value))
        self.categories: dict[URIRef, str] = {}
        classes = {cls: category for category, cls in ENTITY_CLASSES.items()}
        found = defaultdict(set)
        for node, cls in self.rows(_CLASSES_QUERY % " ".join(f"<{c}>" for c in classes)):
            found[node].add(classes[cls])
        for node, categories in found.items():
            self.categories[node] = next(c for c in ENTITY_CATEGORIES if c in categories)

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        """The rows of ``query``, in a stable order so that matching ties break the same way every run."""
        rows = (tuple(row) for row in self.graph.query(query, initNs=_PREFIXES))  # type: ignore[union-attr]
        return sorted(rows, key=lambda row: tuple(map(str, row)))

    def sources(self, node: Any) -> frozenset[str]:
        return frozenset(self.files.get(node, ()))

    def entity(self, node: Any) -> PredictedEntity:
        labels = self.labels.get(node, {})
        names = sorted(dict.fromkeys(labels.get(RDFS.label, [])))
        aliases = [*names[1:], *sorted(dict.fromkeys(labels.get(SKOS.altLabel, [])))]
        iso = sorted(labels.get(NKG.isoCode, [])) or [None]
        name = names[0] if names else str(node).rstrip("/").rsplit("/", 1)[-1]
        return PredictedEntity(str(node), name, tuple(aliases), iso[0], self.categories.get(node), self.sources(node))

    def predictions(self) -> Predictions:
        entities: dict[str, list[PredictedEntity]] = {category: [] for category in ENTITY_CATEGORIES}
        for node in sorted(self.categories, key=str):
            entities[self.categories[node]].append(self.entity(node))
        return Predictions(
            entities={category: tuple(items) for category, items in entities.items()},
            events=self.events(),
            meetings=self.meetings(),
            positions=tuple(
                PredictedPosition(
                    str(post), self.entity(person), str(title), self.entity(of) if of else None, self.sources(post)
                )
                for post, person, title, of in self.rows(_POSITIONS_QUERY)
            ),
            claims=tuple(
                PredictedClaim(
                    str(claim), self.entity(subject), measure and str(measure), _decimal(value), self.sources(claim)
                )
                for claim, subject, measure, value in self.rows(_CLAIMS_QUERY)
            ),
            articles=frozenset(Path(str(file)).name for (file,) in self.rows(_ARTICLES_QUERY)),
        )

    def events(self) -> tuple[PredictedEvent, ...]:
        types = {cls: kind for kind, cls in EVENT_CLASSES.items()}
        kinds: dict[URIRef, str] = {}
        for node, cls in self.rows(_CLASSES_QUERY % " ".join(f"<{c}>" for c in types)):
            kinds.setdefault(node, types[cls])
        participants: dict[URIRef, list[URIRef]] = defaultdict(list)
        for event, who in self.rows(_PARTICIPANTS_QUERY % " ".join(f"<{p}>" for p in PARTICIPANT_PROPERTIES)):
            if who not in participants[event]:
                participants[event].append(who)
        dates: dict[URIRef, str] = {}
        for event, value, _rank in sorted(self.rows(_EVENT_DATES_QUERY), key=lambda row: int(row[2])):
            if (text := _date_text(value)) is not None:
                dates.setdefault(event, text)
        return tuple(
            PredictedEvent(
                str(node), kind, tuple(map(self.entity, participants[node])), dates.get(node), self.sources(node)
            )
            for node, kind in sorted(kinds.items(), key=lambda item: str(item[0]))
        )

    def meetings(self) -> tuple[PredictedMeeting, ...]:
        """Each unordered pair once; its articles come from its encounters, else from where both are mentioned."""
        pairs: dict[frozenset[URIRef], set[str]] = {}
        for a, b, encounter in self.rows(_MEETINGS_QUERY):
            if a == b:
                continue
            files = pairs.setdefault(frozenset((a, b)), set())
            if encounter is not None:
                files |= self.sources(encounter)
        meetings = []
        for pair, files in sorted(pairs.items(), key=lambda item: sorted(map(str, item[0]))):
            first, second = sorted(pair, key=str)
            shared = files or (self.sources(first) & self.sources(second))
            meetings.append(PredictedMeeting(self.entity(first), self.entity(second), frozenset(shared)))
        return tuple(meetings)


def predictions_from_graph(graph: Graph) -> Predictions:
    """Read entities, events, meetings, positions and claims out of a newskg graph (Dataset or Graph)."""
    return _GraphReader(graph).predictions()
