"""The fact model: what extractors find in one article, as plain typed records with no RDF and no spaCy in them.

Extractors return these records; :mod:`kg.resolve.corpus` reads them across the corpus to choose every entity's
final key and label; :mod:`kg.rdf.mapping` is the one place that turns them into triples and mints IRIs. Records
hold only strings, numbers and character offsets into the article text, so they are small, picklable (a worker
of a distributed engine can send them back) and independent of the parse that produced them.

An entity is referred to by its :data:`EntityRef`, ``(kind, key)``: the key an article gives it (a registry code,
or the folded form of its fullest name in that article). The corpus step maps article keys to final keys.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from kg.ingest.article import Article


class EntityKind(str, Enum):
    """The kinds of entity newskg extracts; values are the IRI path segments."""

    PERSON = "person"
    STATE = "state"
    UN_BODY = "un"
    ORGANISATION = "org"
    PLACE = "place"

    @property
    def registered(self) -> bool:
        """States and UN bodies are always keyed by a registry; organisations and places only sometimes."""
        return self in (EntityKind.STATE, EntityKind.UN_BODY)


#: Kinds of entity a person can act for or belong to.
AFFILIATION_KINDS = frozenset({EntityKind.STATE, EntityKind.UN_BODY, EntityKind.ORGANISATION})

EntityRef = tuple[EntityKind, str]
"""An entity as one article knows it: its kind and its article-level key."""


@dataclass(frozen=True, order=True)
class Mention:
    """Characters ``begin:end`` of the article text, and the sentence (``begin``, ``end``) they stand in."""

    begin: int
    end: int
    sentence: tuple[int, int]


@dataclass(frozen=True)
class EntityFact:
    """One entity of one article: its kind, article-level key, fullest form, every surface form and mention."""

    kind: EntityKind
    key: str
    label: str
    forms: tuple[str, ...]
    mentions: tuple[Mention, ...]
    registered: bool = False
    """True when the key is a registry's (ISO code, UN body or organisation key), not a folded name."""

    @property
    def ref(self) -> EntityRef:
        return self.kind, self.key


@dataclass(frozen=True)
class TimeFact:
    """A time expression and its resolved value (the first extractor to read a span decides its reading)."""

    mention: Mention
    text: str
    value: str | None
    """ISO form at the expression's precision ("2024-05-28", "2024-05", "2024"), or None if unresolved."""
    precision: str | None
    end: str | None = None
    anchor: dt.date | None = None


@dataclass(frozen=True)
class ResolutionFact:
    """A resolution voted on, first named at ``mention``; ``label`` is its noun phrase."""

    mention: Mention
    label: str


@dataclass
class EventFact:
    """An event: its type (a class of the ontology), trigger word, participants by role, place, time."""

    type: str
    trigger: Mention
    trigger_text: str
    roles: dict[str, list[EntityRef]] = field(default_factory=dict)
    places: list[EntityRef] = field(default_factory=list)
    time: TimeFact | None = None
    name: str | None = None
    quote: str | None = None
    choice: str | None = None
    resolution: ResolutionFact | None = None
    planned: bool = False
    """The text tells of the event as intended or scheduled, not as having taken place."""
    met: list[tuple[EntityRef, EntityRef]] = field(default_factory=list)
    """Pairs of people the event brought face to face (meeting-like events)."""
    co_attended: list[tuple[EntityRef, EntityRef]] = field(default_factory=list)
    """Pairs of people who only took part in the same gathering."""

    @property
    def participants(self) -> list[EntityRef]:
        return list(dict.fromkeys(ref for members in self.roles.values() for ref in members))


@dataclass(frozen=True)
class PositionFact:
    """A post held by a person as one article states it (possibly several times)."""

    person: EntityRef
    title: str
    state: EntityRef | None
    organisation: EntityRef | None
    evidence: tuple[Mention, ...]
    time: TimeFact | None = None

    @property
    def post_in(self) -> EntityRef | None:
        """The state the post is of, else the organisation: a state's ambassador to the UN is a post of the state."""
        return self.state or self.organisation


@dataclass(frozen=True)
class ClaimFact:
    """A quantity the article states about an entity, with who said it and when it held."""

    subject: EntityRef
    measure: str
    value: Decimal
    unit: str | None
    hedge: str | None
    """``lower`` ("more than 5,000"), ``upper`` ("less than 61") or ``approx``, as the claims lexicon names them."""
    hedge_text: str | None
    evidence: tuple[Mention, ...]
    as_of: TimeFact | None = None
    speaker: EntityRef | None = None


@dataclass
class ArticleFacts:
    """Everything one article says, ready for corpus resolution and mapping."""

    article: Article
    entities: list[EntityFact]
    events: list[EventFact] = field(default_factory=list)
    positions: list[PositionFact] = field(default_factory=list)
    claims: list[ClaimFact] = field(default_factory=list)
    times: list[TimeFact] = field(default_factory=list)
    """Every time expression a fact refers to, once each."""
