"""Self-evaluation: score a built graph (and a naive spaCy baseline) against hand-written gold annotations.

Gold files (``newskg-gold/1``, YAML) list, per article, the entities, events, meetings, positions and claims a
careful reader finds. :func:`predictions_from_graph` reads the same kinds of items out of a graph with SPARQL over
the contract's vocabulary, :func:`baseline_predictions` maps the bare spaCy model's entities naively, and
:func:`evaluate` scores either against the gold with precision, recall and F1 per category.

Matching is deliberately one-to-one: each gold item is paired with at most one prediction (a maximum matching,
strongest pairs first), so a second node for an entity the system already found is a false positive. A graph
that splits one person into two nodes must lose precision for it, or the score would hide the error.

Items are restricted to the gold's articles (by file name), so a graph built over more articles than the gold
covers is not charged for entities the gold never annotated.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import yaml
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDFS, SDO, SKOS
from rich import box
from rich.console import Console
from rich.table import Table
from spacy.language import Language

from kg.errors import InputError
from kg.rdf.namespace import NKG, PREFIXES, SEM

#: The value of the ``format`` key every gold file must carry.
GOLD_FORMAT = "newskg-gold/1"

#: Entity categories, in report order, with the ontology class of each. A node gets the first category whose class
#: it has: the graph types every node with all its superclasses, and a UN body is also an nkg:Organisation.
ENTITY_CLASSES: dict[str, URIRef] = {
    "people": NKG.Person,
    "states": NKG.State,
    "un_bodies": NKG.UNBody,
    "organisations": NKG.Organisation,
    "places": NKG.Place,
}
ENTITY_CATEGORIES: tuple[str, ...] = tuple(ENTITY_CLASSES)

#: Event types of the gold format, with the ontology class of each.
EVENT_CLASSES: dict[str, URIRef] = {
    "meeting": NKG.Meeting,
    "signing": NKG.Signing,
    "election": NKG.Election,
    "vote": NKG.Vote,
    "statement": NKG.Statement,
    "conference": NKG.Conference,
    "deployment": NKG.Deployment,
    "award": NKG.Award,
    "visit": NKG.Visit,
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_CLASSES)

#: Participant roles of the gold format: the local names of the contract's role properties.
ROLES: frozenset[str] = frozenset(
    {"actor", "host", "speaker", "voter", "candidate", "signatory", "recipient", "participant", "audience"}
)

#: Properties whose objects count as an event's participants: every role, plus the generic links the contract
#: also writes (a participant found only through these still counts, since roles are not scored).
PARTICIPANT_PROPERTIES: tuple[URIRef, ...] = (
    *(NKG[role] for role in sorted(ROLES)),
    SDO.attendee,
    SDO.organizer,
    SEM.hasActor,
)

VOTE_CHOICES: frozenset[str] = frozenset({"in_favour", "against", "abstained", "absent"})

#: Report categories in display order; ``events:<type>`` has one row per event type.
EVENT_CATEGORIES: tuple[str, ...] = tuple(f"events:{kind}" for kind in EVENT_TYPES)
CATEGORIES: tuple[str, ...] = (*ENTITY_CATEGORIES, *EVENT_CATEGORIES, "meetings", "dates", "positions", "claims")

#: Naive mapping of the bare model's entity labels for the baseline; other labels (NORP, DATE, ...) are dropped.
BASELINE_LABELS: dict[str, str] = {
    "PERSON": "people",
    "GPE": "states",
    "ORG": "organisations",
    "LOC": "places",
    "FAC": "places",
}

#: How items are matched, printed under every report so a score is never read without its rules.
MATCHING_RULES: tuple[str, ...] = (
    "names match by canonical name or alias (either side), ignoring case, accents, punctuation, a possessive "
    "'s and a leading 'the'; states also match by ISO code",
    "one-to-one: a gold item matches at most one prediction; a second prediction of the same item is a false "
    "positive",
    "entities, meetings and positions are scored over the corpus (union of articles); events and claims per "
    "article",
    "events: same type, same article and at least one participant in common (roles ignored); the other "
    "participants, place, trigger and vote choice are not scored",
    "dates: the event must match and its date be equal at the same precision (day, month or year)",
    "positions: the person matches and one title contains the other; 'of' is not scored",
    "claims: same article, subject matches and value equal; measure and unit are not scored",
)

_G = TypeVar("_G")
_P = TypeVar("_P")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_POSSESSIVE = re.compile(r"['’‘`]s\b")
_DROPPED_PUNCTUATION = frozenset(".'’‘`")
_ISO = re.compile(r"^[A-Z]{2}$")


def normalise_name(text: str) -> str:
    """The form names are compared in: no accents, case, punctuation, possessive or leading article.

    "António Guterres’s" and "antonio guterres" compare equal; "U.N." becomes "un" (dots vanish) while
    "Guinea-Bissau" becomes "guinea bissau" (other punctuation separates words).
    """
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKD", text))
    chars = []
    for char in text:
        if unicodedata.combining(char) or char in _DROPPED_PUNCTUATION:
            continue
        chars.append(" " if unicodedata.category(char)[0] in "PSZ" else char)
    words = "".join(chars).casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _name_keys(name: str, aliases: Iterable[str], iso: str | None) -> frozenset[str]:
    keys = {normalise_name(text) for text in (name, *aliases)}
    if iso:
        keys.add(f"#iso:{iso.upper()}")  # '#' never survives normalise_name, so it cannot collide with a name
    keys.discard("")
    return frozenset(keys)


def _title_keys(title: str) -> str:
    return f" {normalise_name(title)} "


# --------------------------------------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    """An entity as the gold names it."""

    name: str
    aliases: tuple[str, ...] = ()
    iso: str | None = None

    @cached_property
    def keys(self) -> frozenset[str]:
        return _name_keys(self.name, self.aliases, self.iso)


@dataclass(frozen=True)
class GoldEvent:
    type: str
    participants: Mapping[str, tuple[str, ...]]
    """Role → names; each name is an entity's canonical name or alias."""
    date: str | None = None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    place: str | None = None
    trigger: str | None = None
    choice: str | None = None
    resolution: str | None = None

    @property
    def participant_names(self) -> tuple[str, ...]:
        """Every participant once, whatever its role(s)."""
        return tuple(dict.fromkeys(name for names in self.participants.values() for name in names))


@dataclass(frozen=True)
class GoldPosition:
    person: str
    title: str
    of: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    subject: str
    measure: str
    value: Decimal
    unit: str | None = None
    as_of: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    file: str
    date: str | None = None
    entities: Mapping[str, tuple[GoldEntity, ...]] = field(default_factory=dict)
    events: tuple[GoldEvent, ...] = ()
    meetings: tuple[tuple[str, str], ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    claims: tuple[GoldClaim, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A gold file: the annotations of a corpus of articles."""

    path: Path
    corpus: str
    articles: tuple[GoldArticle, ...]

    @property
    def files(self) -> frozenset[str]:
        return frozenset(article.file for article in self.articles)

    def entities(self, category: str) -> tuple[GoldEntity, ...]:
        """The corpus-level entities of ``category``: one per canonical name, aliases pooled over articles."""
        return self._corpus_entities[category]

    def entity(self, name: str, file: str) -> GoldEntity:
        """The corpus-level entity that ``name`` refers to in article ``file``.

        A name is looked up among the article's own entities first (canonical names before aliases), then the
        whole corpus; a name no entity lists stands for itself.
        """
        key = normalise_name(name)
        return self._lookup.get((file, key)) or self._lookup.get((None, key)) or GoldEntity(name)

    @cached_property
    def _corpus_entities(self) -> dict[str, tuple[GoldEntity, ...]]:
        merged: dict[str, dict[str, GoldEntity]] = {category: {} for category in ENTITY_CATEGORIES}
        for article in self.articles:
            for category, entities in article.entities.items():
                for entity in entities:
                    key = normalise_name(entity.name)
                    known = merged[category].get(key)
                    if known is None:
                        merged[category][key] = entity
                    else:
                        aliases = tuple(dict.fromkeys((*known.aliases, *entity.aliases)))
                        merged[category][key] = GoldEntity(known.name, aliases, known.iso or entity.iso)
        return {category: tuple(entities.values()) for category, entities in merged.items()}

    @cached_property
    def _lookup(self) -> dict[tuple[str | None, str], GoldEntity]:
        canonical = {
            normalise_name(entity.name): entity
            for category in ENTITY_CATEGORIES
            for entity in self._corpus_entities[category]
        }
        lookup: dict[tuple[str | None, str], GoldEntity] = {}
        for names_of in (lambda e: (e.name,), lambda e: e.aliases):  # canonical names win over aliases
            for article in self.articles:
                for entities in article.entities.values():
                    for entity in entities:
                        merged = canonical[normalise_name(entity.name)]
                        for name in names_of(entity):
                            lookup.setdefault((article.file, normalise_name(name)), merged)
                            lookup.setdefault((None, normalise_name(name)), merged)
        return lookup


class _GoldReader:
    """Validates one gold file while converting it, so every error names the file and the entry."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, reason: str) -> InputError:
        return InputError(self.path, f"{where}: {reason}" if where else reason)

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        if missing := sorted(required - value.keys()):
            raise self.fail(where, f"missing key(s) {', '.join(missing)}")
        if unknown := sorted(map(str, value.keys() - required - optional)):
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}; allowed: {allowed}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return value

    def text(self, value: Any, where: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # YAML reads an unquoted number as a number; a name like "2030" is still text
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected non-empty text, got {value!r}")
        return value.strip()

    def optional_text(self, value: Any, where: str) -> str | None:
        return None if value is None else self.text(value, where)

    def date(self, value: Any, where: str) -> str | None:
        """A date at its precision, as text: YAML turns ``2024-05-28`` into a date and ``2024`` into an int."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        match = _DATE.match(text)
        if isinstance(value, bool) or not match or match.end() != len(text):
            raise self.fail(where, f"expected a date YYYY-MM-DD, YYYY-MM or YYYY (or null), got {value!r}")
        return text

    def number(self, value: Any, where: str) -> Decimal:
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value).replace(",", ""))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise self.fail(where, f"expected a number, got {value!r}") from None
        return number

    def each(self, value: Any, where: str, convert: Callable[[Any, str], _G]) -> tuple[_G, ...]:
        """``convert`` applied to every entry of the list ``value``, each told where it is."""
        return tuple(convert(item, f"{where}[{i}]") for i, item in enumerate(self.items(value, where)))

    def names(self, value: Any, where: str) -> tuple[str, ...]:
        return self.each(value, where, self.text)

    def gold(self, data: Any) -> Gold:
        data = self.mapping(data, "", {"format", "articles"}, {"corpus"})
        if data["format"] != GOLD_FORMAT:
            raise self.fail("format", f"expected {GOLD_FORMAT!r}, got {data['format']!r}")
        corpus = self.optional_text(data.get("corpus"), "corpus") or self.path.stem
        articles = self.each(data["articles"], "articles", self.article)
        seen: set[str] = set()
        for i, article in enumerate(articles):
            if article.file in seen:
                raise self.fail(f"articles[{i}] ({article.file})", "article listed twice")
            seen.add(article.file)
        return Gold(self.path, corpus, articles)

    def article(self, entry: Any, where: str) -> GoldArticle:
        entry = self.mapping(entry, where, {"file"}, {"date", "entities", "events", "meetings", "positions", "claims"})
        file = self.text(entry["file"], f"{where}.file")
        where = f"{where} ({file})"
        entities = self.mapping(entry.get("entities") or {}, f"{where}.entities", set(), set(ENTITY_CATEGORIES))
        return GoldArticle(
            file=Path(file).name,
            date=self.date(entry.get("date"), f"{where}.date"),
            entities={
                category: self.each(
                    entities.get(category),
                    f"{where}.entities.{category}",
                    lambda item, at, category=category: self.entity(item, at, category),
                )
                for category in ENTITY_CATEGORIES
            },
            events=self.each(entry.get("events"), f"{where}.events", self.event),
            meetings=self.each(entry.get("meetings"), f"{where}.meetings", self.meeting),
            positions=self.each(entry.get("positions"), f"{where}.positions", self.position),
            claims=self.each(entry.get("claims"), f"{where}.claims", self.claim),
        )

    def entity(self, entry: Any, where: str, category: str) -> GoldEntity:
        optional = {"aliases", "iso"} if category == "states" else {"aliases"}
        entry = self.mapping(entry, where, {"name"}, optional)
        iso = self.optional_text(entry.get("iso"), f"{where}.iso")
        if iso is not None and not _ISO.match(iso):
            raise self.fail(f"{where}.iso", f"expected an ISO 3166-1 alpha-2 code like PK, got {iso!r}")
        aliases = self.names(entry.get("aliases"), f"{where}.aliases")
        return GoldEntity(self.text(entry["name"], f"{where}.name"), aliases, iso)

    def event(self, entry: Any, where: str) -> GoldEvent:
        optional = {"date", "place", "trigger", "choice", "resolution"}
        entry = self.mapping(entry, where, {"type", "participants"}, optional)
        kind = entry["type"]
        if kind not in EVENT_CLASSES:
            raise self.fail(f"{where}.type", f"unknown event type {kind!r}; expected one of {', '.join(EVENT_TYPES)}")
        participants = self.mapping(entry["participants"], f"{where}.participants", set(), set(ROLES))
        roles = {role: self.names(names, f"{where}.participants.{role}") for role, names in participants.items()}
        if not any(roles.values()):
            raise self.fail(f"{where}.participants", "an event needs at least one participant")
        choice = self.optional_text(entry.get("choice"), f"{where}.choice")
        if choice is not None and choice not in VOTE_CHOICES:
            expected = ", ".join(sorted(VOTE_CHOICES))
            raise self.fail(f"{where}.choice", f"unknown vote choice {choice!r}; expected one of {expected}")
        return GoldEvent(
            type=kind,
            participants=roles,
            date=self.date(entry.get("date"), f"{where}.date"),
            place=self.optional_text(entry.get("place"), f"{where}.place"),
            trigger=self.optional_text(entry.get("trigger"), f"{where}.trigger"),
            choice=choice,
            resolution=self.optional_text(entry.get("resolution"), f"{where}.resolution"),
        )

    def meeting(self, entry: Any, where: str) -> tuple[str, str]:
        names = self.names(entry, where)
        if len(names) != 2 or normalise_name(names[0]) == normalise_name(names[1]):
            raise self.fail(where, f"a meeting is a pair of two different people, got {entry!r}")
        return names[0], names[1]

    def position(self, entry: Any, where: str) -> GoldPosition:
        entry = self.mapping(entry, where, {"person", "title"}, {"of"})
        return GoldPosition(
            self.text(entry["person"], f"{where}.person"),
            self.text(entry["title"], f"{where}.title"),
            self.optional_text(entry.get("of"), f"{where}.of"),
        )

    def claim(self, entry: Any, where: str) -> GoldClaim:
        entry = self.mapping(entry, where, {"subject", "measure", "value"}, {"unit", "as_of", "speaker"})
        as_of = entry.get("as_of")
        return GoldClaim(
            subject=self.text(entry["subject"], f"{where}.subject"),
            measure=self.text(entry["measure"], f"{where}.measure"),
            value=self.number(entry["value"], f"{where}.value"),
            unit=self.optional_text(entry.get("unit"), f"{where}.unit"),
            as_of=as_of.isoformat() if isinstance(as_of, dt.date) else self.optional_text(as_of, f"{where}.as_of"),
            speaker=self.optional_text(entry.get("speaker"), f"{where}.speaker"),
        )


def load_gold(path: Path | str) -> Gold:
    """Read and validate a gold file; :class:`InputError` names the file and the offending entry."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(path, f"cannot read gold file ({error.strerror})") from None
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(path, f"not a YAML gold file ({error})") from None
    return _GoldReader(path).gold(data)


# --------------------------------------------------------------------------------------------------- predictions


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
        return _name_keys(self.name, self.aliases, self.iso)


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
    match = _DATE.match(str(value))
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


def _read_raw(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {error.start})") from None


def baseline_predictions(article_paths: Iterable[Path | str], nlp: Language) -> Predictions:
    """The bare model's entities, mapped naively: what newskg must beat to be worth its machinery.

    The raw file text goes through the model unchanged (no cleaning, no date prefix removal); each distinct surface
    string of a mapped label is one entity, so "UN" and "United Nations" are two. No events, meetings, positions
    or claims: the model has none, and those categories score zero.
    """
    paths = [Path(path) for path in article_paths]
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, doc in zip(paths, nlp.pipe(_read_raw(path) for path in paths)):
        for ent in doc.ents:
            if (category := BASELINE_LABELS.get(ent.label_)) is not None:
                surface = " ".join(ent.text.split())
                found[(category, surface)].add(path.name)
    entities: dict[str, list[PredictedEntity]] = {category: [] for category in ENTITY_CATEGORIES}
    for (category, surface), files in sorted(found.items()):
        entities[category].append(PredictedEntity(surface, surface, category=category, files=frozenset(files)))
    return Predictions(
        entities={category: tuple(items) for category, items in entities.items()},
        articles=frozenset(path.name for path in paths),
    )


# ------------------------------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class Score:
    """The outcome of one category: counts, and the items behind the errors, by name."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: tuple[str, ...] = ()
    """Gold items no prediction matched."""
    false_positives: tuple[str, ...] = ()
    """Predictions that matched no gold item (including second predictions of an already matched one)."""

    @property
    def empty(self) -> bool:
        """Nothing in the gold and nothing predicted: the category says nothing and is left out of macro averages."""
        return self.tp + self.fp + self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        defined = not self.empty
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision if defined else None,
            "recall": self.recall if defined else None,
            "f1": self.f1 if defined else None,
            "misses": list(self.misses),
            "false_positives": list(self.false_positives),
        }


_MICRO_KEYS = ("tp", "fp", "fn", "precision", "recall", "f1")


@dataclass(frozen=True)
class Report:
    """Scores of one system against one gold corpus."""

    corpus: str
    scores: Mapping[str, Score]
    """Every category of :data:`CATEGORIES`, in that order."""
    notes: tuple[str, ...] = ()

    @property
    def micro(self) -> Score:
        """Counts pooled over all categories."""
        return Score(
            sum(s.tp for s in self.scores.values()),
            sum(s.fp for s in self.scores.values()),
            sum(s.fn for s in self.scores.values()),
        )

    @property
    def macro(self) -> tuple[float, float, float]:
        """Mean precision, recall and F1 over the categories that are not empty."""
        scores = [s for s in self.scores.values() if not s.empty]
        if not scores:
            return 0.0, 0.0, 0.0
        n = len(scores)
        return sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro
        precision, recall, f1 = self.macro
        return {
            "corpus": self.corpus,
            "categories": {category: score.to_dict() for category, score in self.scores.items()},
            "micro": {key: value for key, value in micro.to_dict().items() if key in _MICRO_KEYS},
            "macro": {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "categories": sum(not s.empty for s in self.scores.values()),
            },
            "notes": list(self.notes),
        }


def _match(edges: Mapping[tuple[int, int], int]) -> dict[int, int]:
    """Pair gold items with predictions one-to-one: as many pairs as possible, then the strongest.

    ``edges`` maps (gold index, prediction index) to the strength of a possible match. Solved per connected
    component, which keeps the exact matching cheap: names only link a handful of items.
    """
    graph = nx.Graph()
    for (g, p), weight in sorted(edges.items()):
        graph.add_edge(("gold", g), ("pred", p), weight=weight)
    pairs: dict[int, int] = {}
    for component in nx.connected_components(graph):
        for u, v in nx.max_weight_matching(graph.subgraph(component), maxcardinality=True):
            gold, pred = (u, v) if u[0] == "gold" else (v, u)
            pairs[gold[1]] = pred[1]
    return pairs


def _score(
    golds: Sequence[_G],
    preds: Sequence[_P],
    edges: Mapping[tuple[int, int], int],
    gold_name: Callable[[_G], str],
    pred_name: Callable[[_P], str],
) -> tuple[Score, dict[int, int]]:
    pairs = _match(edges)
    matched = set(pairs.values())
    score = Score(
        tp=len(pairs),
        fp=len(preds) - len(matched),
        fn=len(golds) - len(pairs),
        misses=tuple(gold_name(item) for i, item in enumerate(golds) if i not in pairs),
        false_positives=tuple(pred_name(item) for j, item in enumerate(preds) if j not in matched),
    )
    return score, pairs


def _name_edges(gold_keys: Sequence[frozenset[str]], pred_keys: Sequence[frozenset[str]]) -> dict[tuple[int, int], int]:
    """Every (gold, prediction) pair sharing a name key, found through an index rather than all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for g, keys in enumerate(gold_keys):
        for key in keys:
            index[key].append(g)
    return {(g, p): 1 for p, keys in enumerate(pred_keys) for key in keys for g in index.get(key, ())}


def _score_entities(golds: Sequence[GoldEntity], preds: Sequence[PredictedEntity]) -> Score:
    edges = _name_edges([g.keys for g in golds], [p.keys for p in preds])
    for g, p in edges:
        gold_name, pred_name = normalise_name(golds[g].name), normalise_name(preds[p].name)
        # a label that is the canonical name binds tighter than one that is only an alias
        if gold_name == pred_name:
            edges[g, p] = 3
        elif pred_name in golds[g].keys or gold_name in preds[p].keys:
            edges[g, p] = 2
    return _score(golds, preds, edges, lambda e: e.name, lambda e: e.name)[0]


def _same(gold: GoldEntity, pred: PredictedEntity) -> bool:
    return bool(gold.keys & pred.keys)


def _describe_event(kind: str, names: Iterable[str], files: Iterable[str], date: str | None = None) -> str:
    when = f" {date}" if date else ""
    return f"{kind}{when}: {', '.join(names) or '(no participants)'} [{', '.join(sorted(files))}]"


def _describe_predicted_event(event: PredictedEvent, date: str | None = None) -> str:
    return _describe_event(event.type, (who.name for who in event.participants), event.files, date)


def _score_events(gold: Gold, preds: Predictions) -> tuple[dict[str, Score], Score]:
    """One score per event type, and the date score, which is counted over the matched events."""
    golds = [(article.file, event) for article in gold.articles for event in article.events]
    participants = [[gold.entity(name, file) for name in event.participant_names] for file, event in golds]
    scores: dict[str, Score] = {}
    date_hits: list[tuple[int, int]] = []
    for kind in EVENT_TYPES:
        g_index = [i for i, (_, event) in enumerate(golds) if event.type == kind]
        p_index = [j for j, event in enumerate(preds.events) if event.type == kind]
        edges = {}
        for g, i in enumerate(g_index):
            file = golds[i][0]
            for p, j in enumerate(p_index):
                predicted = preds.events[j]
                if file in predicted.files:
                    shared = sum(any(_same(who, other) for other in predicted.participants) for who in participants[i])
                    if shared:
                        edges[g, p] = shared
        scores[f"events:{kind}"], pairs = _score(
            g_index,
            p_index,
            edges,
            lambda i: _describe_event(kind, golds[i][1].participant_names, [golds[i][0]]),
            lambda j: _describe_predicted_event(preds.events[j]),
        )
        date_hits += [(g_index[g], p_index[p]) for g, p in pairs.items()]
    correct = {(i, j) for i, j in date_hits if golds[i][1].date and golds[i][1].date == preds.events[j].date}
    right_gold, right_pred = {i for i, _ in correct}, {j for _, j in correct}
    dates = Score(
        tp=len(correct),
        fp=sum(1 for j, event in enumerate(preds.events) if event.date and j not in right_pred),
        fn=sum(1 for i, (_, event) in enumerate(golds) if event.date and i not in right_gold),
        misses=tuple(
            _describe_event(event.type, event.participant_names, [file], event.date)
            for i, (file, event) in enumerate(golds)
            if event.date and i not in right_gold
        ),
        false_positives=tuple(
            _describe_predicted_event(event, event.date)
            for j, event in enumerate(preds.events)
            if event.date and j not in right_pred
        ),
    )
    return scores, dates


def _describe_pair(pair: tuple[GoldEntity, GoldEntity] | tuple[PredictedEntity, PredictedEntity]) -> str:
    return f"{pair[0].name} — {pair[1].name}"


def _score_meetings(gold: Gold, preds: Predictions) -> Score:
    pairs: dict[frozenset[str], tuple[GoldEntity, GoldEntity]] = {}
    for article in gold.articles:
        for a, b in article.meetings:
            first, second = gold.entity(a, article.file), gold.entity(b, article.file)
            pairs.setdefault(frozenset((normalise_name(first.name), normalise_name(second.name))), (first, second))
    golds = list(pairs.values())
    edges = {
        (g, p): 1
        for g, (a, b) in enumerate(golds)
        for p, m in enumerate(preds.meetings)
        if (_same(a, m.first) and _same(b, m.second)) or (_same(a, m.second) and _same(b, m.first))
    }
    return _score(golds, preds.meetings, edges, _describe_pair, lambda m: _describe_pair((m.first, m.second)))[0]


def _score_positions(gold: Gold, preds: Predictions) -> Score:
    positions: dict[tuple[str, str], tuple[GoldEntity, GoldPosition]] = {}
    for article in gold.articles:
        for position in article.positions:
            person = gold.entity(position.person, article.file)
            positions.setdefault((normalise_name(person.name), normalise_name(position.title)), (person, position))
    golds = list(positions.values())
    edges = {}
    for g, (person, position) in enumerate(golds):
        title = _title_keys(position.title)
        for p, predicted in enumerate(preds.positions):
            other = _title_keys(predicted.title)
            if _same(person, predicted.person) and (title in other or other in title):
                edges[g, p] = 2 if title == other else 1
    return _score(
        golds,
        preds.positions,
        edges,
        lambda g: f"{g[0].name}: {g[1].title}" + (f" ({g[1].of})" if g[1].of else ""),
        lambda p: f"{p.person.name}: {p.title}" + (f" ({p.of.name})" if p.of else ""),
    )[0]


def _score_claims(gold: Gold, preds: Predictions) -> Score:
    golds = [
        (article.file, claim, gold.entity(claim.subject, article.file))
        for article in gold.articles
        for claim in article.claims
    ]
    edges = {
        (g, p): 1
        for g, (file, claim, subject) in enumerate(golds)
        for p, predicted in enumerate(preds.claims)
        if file in predicted.files and predicted.value == claim.value and _same(subject, predicted.subject)
    }
    return _score(
        golds,
        preds.claims,
        edges,
        lambda g: f"{g[1].subject}: {g[1].measure} = {g[1].value} [{g[0]}]",
        lambda c: f"{c.subject.name}: {c.measure or '?'} = {c.value} [{', '.join(sorted(c.files))}]",
    )[0]


def evaluate(gold: Gold, predictions: Predictions) -> Report:
    """Score ``predictions`` against ``gold``, category by category (see :data:`MATCHING_RULES`)."""
    files = gold.files
    preds = predictions.restricted_to(files)
    scores: dict[str, Score] = {
        category: _score_entities(gold.entities(category), preds.entities[category]) for category in ENTITY_CATEGORIES
    }
    event_scores, dates = _score_events(gold, preds)
    scores |= event_scores
    scores |= {
        "meetings": _score_meetings(gold, preds),
        "dates": dates,
        "positions": _score_positions(gold, preds),
        "claims": _score_claims(gold, preds),
    }
    notes = list(MATCHING_RULES)
    if missing := sorted(files - predictions.articles):
        notes.append(f"{len(missing)} of {len(files)} gold articles are not in the predictions: {', '.join(missing)}")
    return Report(gold.corpus, {category: scores[category] for category in CATEGORIES}, tuple(notes))


# ------------------------------------------------------------------------------------------------------ display


def _cells(score: Score | None) -> list[str]:
    if score is None or score.empty:
        return ["–"] * 3
    return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]


def format_report(project: Report, baseline: Report | None = None) -> str:
    """A plain-text table (P, R, F1 per category, project beside baseline), then the project's errors by name.

    Rows empty for both systems (no gold item, no prediction) are left out.
    """
    table = Table(title=f"newskg evaluation: {project.corpus}", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("category")
    table.add_column("gold", justify="right")
    for heading in ("P", "R", "F1"):
        table.add_column(heading, justify="right")
    if baseline is not None:
        for heading in ("base P", "base R", "base F1"):
            table.add_column(heading, justify="right")
    for category, score in project.scores.items():
        other = baseline.scores.get(category) if baseline else None
        if score.empty and (other is None or other.empty):
            continue
        table.add_row(category, str(score.tp + score.fn), *_cells(score), *(_cells(other) if baseline else []))
    table.add_section()
    micro = project.micro
    table.add_row("micro", str(micro.tp + micro.fn), *_cells(micro), *(_cells(baseline.micro) if baseline else []))
    macro = [f"{value:.3f}" for value in project.macro]
    table.add_row("macro", "", *macro, *([f"{value:.3f}" for value in baseline.macro] if baseline else []))

    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(table)
    for heading, attribute in (("Misses", "misses"), ("False positives", "false_positives")):
        lines = [
            (category, names) for category, score in project.scores.items() if (names := getattr(score, attribute))
        ]
        console.print(f"{heading}{'' if lines else ': none'}")
        for category, names in lines:
            console.print(f"  {category} ({len(names)}): " + "; ".join(names), soft_wrap=True)
    console.print("Notes")
    for note in project.notes:
        console.print(f"  - {note}", soft_wrap=True)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
