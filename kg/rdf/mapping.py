"""From facts to triples: the one place that mints IRIs and decides how the graph says what the articles say.

Each article becomes one named graph (named by the article's IRI) holding the article, its sentences and the
mentions of its entities (NIF 2.0 with NewsReader's GAF link), its entities (with their corpus-level canonical
label), events, positions, claims and who met whom. Every fact points to its evidence mentions and
``prov:wasDerivedFrom`` the article. The corpus graph holds what no single article decides: every entity's
canonical label with all its forms, when the articles attest each holding of a post, and the conflicts between
claims of different articles.

Both take a :class:`~kg.resolve.corpus.Resolution`, so an IRI is minted once, with the entity's final key.
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, SKOS

from kg import knowledge
from kg.facts import (
    ArticleFacts,
    ClaimFact,
    EntityFact,
    EntityKind,
    EntityRef,
    EventFact,
    Mention,
    PositionFact,
    TimeFact,
)
from kg.rdf.iris import IRIs
from kg.rdf.namespace import GAF, NIF, NKG, SEM, bind_prefixes
from kg.rdf.ontology import type_closure
from kg.resolve.conflicts import ConflictGroup, StatedClaim
from kg.resolve.corpus import Resolution
from kg.resolve.names import slugify

#: The ontology class of each kind of entity.
ENTITY_CLASSES: dict[EntityKind, URIRef] = {
    EntityKind.PERSON: NKG.Person,
    EntityKind.STATE: NKG.State,
    EntityKind.UN_BODY: NKG.UNBody,
    EntityKind.ORGANISATION: NKG.Organisation,
    EntityKind.PLACE: NKG.Place,
}

#: The XSD datatype of a date at each precision, so that precision survives in the graph.
DATE_DATATYPES: dict[str, URIRef] = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}

#: Path, under the base IRI, of the named graph of corpus-level facts.
CORPUS_GRAPH_PATH = "graph/corpus"
CORPUS_GRAPH_COMMENT = (
    "Derived from the whole corpus after every article was read: the canonical label and every form of each "
    "entity, and nkg:conflictsWith links between claims about the same subject and measure whose values cannot "
    "both hold."
)


def date_literal(value: str | None, precision: str | None) -> Literal | None:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal, or None when the value is unknown."""
    if value is None or precision is None:
        return None
    return Literal(value, datatype=DATE_DATATYPES[precision])


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal whose lexical form always has a decimal point ("235000.0"), as Turtle writes decimals, so
    that the graph reads back from Turtle or TriG as the same literal."""
    text = format(value, "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


@lru_cache(maxsize=1)
def _role_behaviour() -> tuple[frozenset[EntityKind], dict[str, tuple[URIRef, ...]]]:
    """Which participants are schema:attendee, and what schema.org properties a role adds (events.yaml)."""
    events = knowledge.events()
    attendees = frozenset(EntityKind(kind) for kind in events["attendee_kinds"])
    properties = {role: tuple(SDO[name] for name in names) for role, names in events["role_properties"].items()}
    return attendees, properties


def add_types(graph: Graph, node: URIRef, cls: URIRef) -> None:
    """Type ``node`` with ``cls`` and all its superclasses, so a store with no reasoner answers by superclass."""
    for superclass in type_closure(cls):
        graph.add((node, RDF.type, superclass))


def entity_node(iris: IRIs, resolution: Resolution, ref: EntityRef) -> URIRef:
    kind, key = resolution.final(ref)
    return iris.entity(kind.value, key)


def describe_entity(graph: Graph, iris: IRIs, resolution: Resolution, ref: EntityRef) -> URIRef:
    """The entity's types, canonical label and registry code (the same triples in every graph that names it)."""
    final = resolution.final(ref)
    node = iris.entity(final[0].value, final[1])
    add_types(graph, node, ENTITY_CLASSES[final[0]])
    graph.add((node, RDFS.label, Literal(resolution.labels[final])))
    if final[0] is EntityKind.STATE:
        graph.add((node, NKG.isoCode, Literal(final[1])))
    elif final[0] is EntityKind.UN_BODY:
        graph.add((node, NKG.registryKey, Literal(final[1])))
    return node


class _ArticleWriter:
    """Writes one article's facts into its named graph."""

    def __init__(self, facts: ArticleFacts, resolution: Resolution, iris: IRIs) -> None:
        self.facts = facts
        self.article = facts.article
        self.resolution = resolution
        self.iris = iris
        self.node = iris.article(self.article.key)
        self.graph = bind_prefixes(Graph(identifier=self.node), iris.base)
        self._segments: set[URIRef] = set()
        self._times: dict[Mention, URIRef] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def entity(self, ref: EntityRef) -> URIRef:
        return entity_node(self.iris, self.resolution, ref)

    def label(self, ref: EntityRef) -> str:
        return self.resolution.label(ref)

    # --- the article and its text ---------------------------------------------------------------------------------

    def write_article(self) -> None:
        node, article = self.node, self.article
        add_types(self.graph, node, NKG.Article)
        self.add(node, NIF.isString, Literal(article.text))
        self.add(node, DCTERMS.source, Literal(article.source))
        self.add(node, DCTERMS.identifier, Literal(article.key))
        self.add(node, NKG.contentHash, Literal(article.content_hash))
        if article.date:
            self.add(node, DCTERMS.date, Literal(article.date, datatype=XSD.date))
            self.add(node, SDO.datePublished, Literal(article.date, datatype=XSD.date))
        if article.title:
            self.add(node, DCTERMS.title, Literal(article.title))
        if article.url:
            self.add(node, SDO.url, Literal(article.url, datatype=XSD.anyURI))

    def _segment(self, begin: int, end: int, cls: URIRef) -> URIRef:
        node = self.iris.span(self.article.key, begin, end)
        if (node, RDF.type, cls) in self.graph:
            return node  # a sentence is shared by all its mentions: written once
        self.add(node, RDF.type, cls)
        self.add(node, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger))
        self.add(node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger))
        self.add(node, NIF.anchorOf, Literal(self.article.text[begin:end]))
        self.add(node, NIF.referenceContext, self.node)
        return node

    def mention(self, mention: Mention) -> URIRef:
        """The NIF mention node of ``mention``, with its sentence."""
        node = self._segment(mention.begin, mention.end, NIF.Phrase)
        self.add(node, NIF.sentence, self._segment(*mention.sentence, NIF.Sentence))
        return node

    def sentence(self, mention: Mention) -> URIRef:
        return self.iris.span(self.article.key, *mention.sentence)

    def time(self, time: TimeFact) -> URIRef:
        """The nkg:TimeExpression of a date span and its value; written once per span."""
        if time.mention in self._times:
            return self._times[time.mention]
        node = self.iris.time(self.article.key, time.mention.begin, time.mention.end)
        add_types(self.graph, node, NKG.TimeExpression)
        self.add(node, NKG.timeText, Literal(time.text))
        self.add(node, NKG.evidence, self.mention(time.mention))
        if (value := date_literal(time.value, time.precision)) is not None:
            self.add(node, NKG.timeValue, value)
        if (end := date_literal(time.end, time.precision)) is not None:
            self.add(node, NKG.timeEnd, end)
        if time.anchor is not None:
            self.add(node, NKG.anchorDate, Literal(time.anchor))
        self._times[time.mention] = node
        return node

    # --- entities ---------------------------------------------------------------------------------------------

    def write_entity(self, entity: EntityFact) -> None:
        """The entity with its canonical label, the forms this article uses and every mention of it here."""
        node = describe_entity(self.graph, self.iris, self.resolution, entity.ref)
        label = self.label(entity.ref)
        for form in self.resolution.forms[self.resolution.final(entity.ref)]:
            if form in entity.forms or form == entity.label:
                self.add(node, SKOS.altLabel, Literal(form))
        for mention in entity.mentions:
            self.add(node, GAF.denotedBy, self.mention(mention))
        assert label  # every entity has a canonical label (Resolution covers every summarised ref)

    # --- events -----------------------------------------------------------------------------------------------

    def write_event(self, ordinal: int, event: EventFact) -> URIRef:
        node = self.iris.fact("event", self.article.key, ordinal)
        attendee_kinds, role_properties = _role_behaviour()
        add_types(self.graph, node, NKG[event.type])
        who = ", ".join(self.label(ref) for ref in event.participants[:4]) or "unnamed participants"
        self.add(node, RDFS.label, Literal(f"{event.name or event.type} ({event.trigger_text}): {who}"))
        self.add(node, NKG.trigger, self.mention(event.trigger))
        self.add(node, NIF.sentence, self.sentence(event.trigger))
        self.add(node, PROV.wasDerivedFrom, self.node)
        for role, members in sorted(event.roles.items()):
            for ref in members:
                target = self.entity(ref)
                self.add(node, NKG[role], target)
                if ref[0] in attendee_kinds:
                    self.add(node, SDO.attendee, target)
                for prop in role_properties.get(role, ()):
                    self.add(node, prop, target)
        for place in event.places:
            self.add(node, SEM.hasPlace, self.entity(place))
            self.add(node, SDO.location, self.entity(place))
        if event.name:
            self.add(node, SDO.name, Literal(event.name))
        if event.quote:
            self.add(node, NKG.quote, Literal(event.quote))
        if event.planned:
            self.add(node, NKG.planned, Literal(True))
        if event.time is not None:
            if (start := date_literal(event.time.value, event.time.precision)) is not None:
                self.add(node, SDO.startDate, start)
                self.add(node, SDO.endDate, date_literal(event.time.end, event.time.precision) or start)
            self.add(node, NKG.time, self.time(event.time))
        if event.resolution is not None and event.choice is not None:
            self.add(node, NKG.onResolution, self._resolution(event))
            self.add(node, NKG.choice, NKG[event.choice])
        self._link_people(node, event)
        return node

    def _resolution(self, event: EventFact) -> URIRef:
        assert event.resolution is not None
        mention = event.resolution.mention
        node = self.iris.fact("resolution", self.article.key, mention.begin)
        if (node, RDFS.label, None) not in self.graph:
            add_types(self.graph, node, NKG.Resolution)
            self.add(node, RDFS.label, Literal(event.resolution.label))
            self.add(node, NKG.evidence, self.mention(mention))
            self.add(node, PROV.wasDerivedFrom, self.node)
        return node

    def _link_people(self, event_node: URIRef, event: EventFact) -> None:
        """Meeting-like events make their people ``nkg:met`` each other (traced to the event); others co-attended."""
        final = self.resolution.final
        for first, second in event.co_attended:
            if final(first) != final(second):
                a, b = self.entity(first), self.entity(second)
                self.add(a, NKG.coAttended, b)
                self.add(b, NKG.coAttended, a)
        for first, second in event.met:
            if final(first) == final(second):
                continue
            a, b = self.entity(first), self.entity(second)
            self.add(a, NKG.met, b)
            self.add(b, NKG.met, a)
            (first_key, first_ref), (second_key, second_ref) = sorted(
                ((final(first)[1], first), (final(second)[1], second))
            )
            encounter = self.iris.encounter(first_key, second_key)
            add_types(self.graph, encounter, NKG.Encounter)
            self.add(encounter, RDFS.label, Literal(f"{self.label(first_ref)} met {self.label(second_ref)}"))
            self.add(encounter, NKG.encounterParticipant, a)
            self.add(encounter, NKG.encounterParticipant, b)
            self.add(encounter, PROV.wasDerivedFrom, event_node)

    # --- positions and claims ---------------------------------------------------------------------------------

    def write_position(self, position: PositionFact) -> None:
        """A post with its holder, place, evidence and time; the holder represents a post's state."""
        final = self.resolution.final
        post_in = position.post_in
        node = self.iris.position(
            final(position.person)[1], slugify(position.title), final(post_in)[1] if post_in else None
        )
        person = self.entity(position.person)
        place = f" ({self.label(post_in)})" if post_in else ""
        add_types(self.graph, node, NKG.Position)
        self.add(node, RDFS.label, Literal(f"{position.title}{place}: {self.label(position.person)}"))
        self.add(node, NKG.postTitle, Literal(position.title))
        self.add(node, ORG.heldBy, person)
        self.add(person, ORG.holds, node)
        if post_in is not None:
            self.add(node, ORG.postIn, self.entity(post_in))
        if position.state is not None:
            self.add(person, NKG.represents, self.entity(position.state))
        for mention in position.evidence:
            self.add(node, NKG.evidence, self.mention(mention))
        self.add(node, PROV.wasDerivedFrom, self.node)
        if position.time is not None:
            # the time a temporary office is held ("President for July"); nkg:time is for events only
            self.add(node, DCTERMS.temporal, self.time(position.time))

    def write_claim(self, ordinal: int, claim: ClaimFact) -> None:
        node = claim_node(self.iris, self.article.key, ordinal - 1)
        hedge = f"{claim.hedge_text} " if claim.hedge_text else ""
        unit = f" {claim.unit}" if claim.unit else ""
        add_types(self.graph, node, NKG.Claim)
        self.add(node, RDFS.label, Literal(f"{self.label(claim.subject)}: {claim.measure} = {hedge}{claim.value}{unit}"))
        self.add(node, NKG.claimSubject, self.entity(claim.subject))
        self.add(node, NKG.measure, Literal(claim.measure))
        self.add(node, NKG.value, decimal_literal(claim.value))
        if claim.unit:
            self.add(node, NKG.unit, Literal(claim.unit))
        if claim.as_of is not None:
            self.add(node, NKG.asOf, self.time(claim.as_of))
        if claim.speaker is not None:
            self.add(node, NKG.claimedBy, self.entity(claim.speaker))
        for mention in claim.evidence:
            self.add(node, NKG.evidence, self.mention(mention))
        self.add(node, PROV.wasDerivedFrom, self.node)

    def write(self) -> Graph:
        self.write_article()
        for entity in self.facts.entities:
            self.write_entity(entity)
        for ordinal, event in enumerate(self.facts.events, start=1):
            self.write_event(ordinal, event)
        for position in self.facts.positions:
            self.write_position(position)
        for ordinal, claim in enumerate(self.facts.claims, start=1):
            self.write_claim(ordinal, claim)
        return self.graph


def claim_node(iris: IRIs, article_key: str, index: int) -> URIRef:
    """The IRI of the ``index``-th claim (from 0) of an article."""
    return iris.fact("claim", article_key, index + 1)


def article_graph(facts: ArticleFacts, resolution: Resolution, iris: IRIs) -> Graph:
    """The named graph of one article: its metadata, mentions, entities and facts, with final IRIs."""
    return _ArticleWriter(facts, resolution, iris).write()


def corpus_graph_name(iris: IRIs) -> URIRef:
    return URIRef(f"{iris.base}{CORPUS_GRAPH_PATH}")


def corpus_graph(
    resolution: Resolution, refs: Iterable[EntityRef], conflicts: Iterable[ConflictGroup], iris: IRIs
) -> Graph:
    """The corpus-level graph: each entity of ``refs`` with its canonical label and every form, the tenure of each
    of their posts, and the conflicting claims, linked pairwise with ``nkg:conflictsWith`` (both ways)."""
    name = corpus_graph_name(iris)
    graph = bind_prefixes(Graph(identifier=name), iris.base)
    graph.add((name, RDFS.comment, Literal(CORPUS_GRAPH_COMMENT)))
    finals = {resolution.final(ref) for ref in refs}
    for ref in sorted(finals):
        node = entity_node(iris, resolution, ref)
        graph.add((node, RDFS.label, Literal(resolution.labels[ref])))
        for form in resolution.forms[ref]:
            graph.add((node, SKOS.altLabel, Literal(form)))
    _write_tenures(graph, iris, resolution, finals)
    for group in conflicts:
        for a, b in group.pairs:
            first, second = _stated_node(iris, a), _stated_node(iris, b)
            graph.add((first, NKG.conflictsWith, second))
            graph.add((second, NKG.conflictsWith, first))
    return graph


def _write_tenures(graph: Graph, iris: IRIs, resolution: Resolution, people: set[EntityRef]) -> None:
    """When the corpus attests each holding of a post by one of ``people`` (see :mod:`kg.resolve.tenure`): the
    first and last publication dates naming the holder as current, the date by which it had ended, and the start
    an article states (``schema:startDate``, at its precision, as schema.org dates a role)."""
    for (person, title, post_in), tenure in sorted(resolution.tenures.items(), key=lambda item: str(item[0])):
        if person not in people:
            continue
        node = iris.position(person[1], title, post_in[1] if post_in is not None else None)
        for prop, day in ((NKG.attestedFrom, tenure.first), (NKG.attestedUntil, tenure.last),
                          (NKG.endedBefore, tenure.ended_before)):
            if day is not None:
                graph.add((node, prop, Literal(day, datatype=XSD.date)))
        if tenure.since is not None:
            graph.add((node, SDO.startDate, date_literal(*tenure.since)))


def _stated_node(iris: IRIs, claim: StatedClaim) -> URIRef:
    return claim_node(iris, claim.article, claim.index)
