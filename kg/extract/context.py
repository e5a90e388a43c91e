"""Writing one article's named graph: the article, its sentences and mentions (NIF), and its entities.

Provenance model: the article node is a ``nif:Context`` holding the clean text (``nif:isString``); each mention
is a ``nif:Phrase`` with begin/end character offsets into that text, its anchor text and its sentence; each
entity points to its mentions with ``gaf:denotedBy``, as NewsReader's Grounded Annotation Framework does. Facts
(events, positions, claims) also point to their evidence mentions and ``prov:wasDerivedFrom`` the article.
"""
from __future__ import annotations

from collections import Counter

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS
from spacy.tokens import Doc, Span, Token

from kg.extract.dates import TimeValue, resolve_time
from kg.ingest import Article
from kg.rdf.iris import IRIs
from kg.rdf.namespace import GAF, NIF, NKG, bind_prefixes
from kg.nlp.components import TITLES_KEY
from kg.rdf.ontology import type_closure
from kg.resolve.article import Entity, EntityKind

#: The ontology class of each kind of entity.
ENTITY_CLASSES: dict[EntityKind, URIRef] = {
    EntityKind.PERSON: NKG.Person,
    EntityKind.STATE: NKG.State,
    EntityKind.UN_BODY: NKG.UNBody,
    EntityKind.ORGANISATION: NKG.Organisation,
    EntityKind.PLACE: NKG.Place,
}


def sentence_offsets(span: Span) -> tuple[int, int]:
    """Character offsets of the sentence around ``span``, without the blank lines spaCy keeps at its edges."""
    sentence = span.sent
    tokens = [t for t in sentence if not t.is_space]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _offset(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class ArticleGraph:
    """The named graph of one article under construction; fact extractors add to it through this object."""

    def __init__(self, article: Article, iris: IRIs) -> None:
        self.article = article
        self.iris = iris
        self.node = iris.article(article.key)
        self.graph = Graph(identifier=self.node)
        self._segments: set[tuple[URIRef, URIRef]] = set()
        self._times: dict[tuple[int, int], tuple[URIRef, TimeValue]] = {}
        bind_prefixes(self.graph, iris.base)
        self._describe_article()

    def _describe_article(self) -> None:
        add, node, article = self.graph.add, self.node, self.article
        self.add_types(node, NKG.Article)
        add((node, NIF.isString, Literal(article.text)))
        add((node, DCTERMS.source, Literal(article.source)))
        add((node, DCTERMS.identifier, Literal(article.key)))
        add((node, NKG.contentHash, Literal(article.content_hash)))
        if article.date:
            add((node, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
            add((node, SDO.datePublished, Literal(article.date, datatype=XSD.date)))
        if article.title:
            add((node, DCTERMS.title, Literal(article.title)))

    def add_types(self, node: URIRef, cls: URIRef) -> None:
        """Type ``node`` with ``cls`` and all its superclasses."""
        for superclass in type_closure(cls):
            self.graph.add((node, RDF.type, superclass))

    def _segment(self, begin: int, end: int, cls: URIRef) -> URIRef:
        node = self.iris.span(self.article.key, begin, end)
        if (node, cls) in self._segments:
            return node  # a sentence is shared by all its mentions: written once
        self._segments.add((node, cls))
        add = self.graph.add
        add((node, RDF.type, cls))
        add((node, NIF.beginIndex, _offset(begin)))
        add((node, NIF.endIndex, _offset(end)))
        add((node, NIF.anchorOf, Literal(self.article.text[begin:end])))
        add((node, NIF.referenceContext, self.node))
        return node

    def mention(self, span: Span) -> URIRef:
        """The NIF mention node of ``span`` (with its sentence), created on first use."""
        node = self._segment(span.start_char, span.end_char, NIF.Phrase)
        begin, end = sentence_offsets(span)
        self.graph.add((node, NIF.sentence, self._segment(begin, end, NIF.Sentence)))
        return node

    def sentence(self, span: Span) -> URIRef:
        """The IRI of the sentence containing ``span`` (its node is written with the span's mention)."""
        return self.iris.span(self.article.key, *sentence_offsets(span))

    def time_expression(self, span: Span, *, future: bool = False) -> tuple[URIRef, TimeValue]:
        """The nkg:TimeExpression of a date span, resolved against the article date, and its value.

        Written once per span: the first extractor to date something with it decides the reading (events run
        first), so one span never gets two values.
        """
        key = (span.start_char, span.end_char)
        if key in self._times:
            return self._times[key]
        value = resolve_time(span.text, self.article.date, future=future)
        node, add = self.iris.time(self.article.key, *key), self.graph.add
        self.add_types(node, NKG.TimeExpression)
        add((node, NKG.timeText, Literal(value.text)))
        add((node, NKG.evidence, self.mention(span)))
        if (literal := value.literal()) is not None:
            add((node, NKG.timeValue, literal))
        if (end := value.end_literal()) is not None:
            add((node, NKG.timeEnd, end))
        if value.anchor is not None:
            add((node, NKG.anchorDate, Literal(value.anchor)))
        self._times[key] = (node, value)
        return node, value

    def entity_node(self, entity: Entity) -> URIRef:
        return self.iris.entity(entity.kind.value, entity.key)

    def add_entity(self, entity: Entity) -> URIRef:
        """The entity with its types, labels, registry code and every mention of it in this article."""
        node = self.entity_node(entity)
        add = self.graph.add
        self.add_types(node, ENTITY_CLASSES[entity.kind])
        add((node, RDFS.label, Literal(entity.label)))
        for alias in entity.alt_labels:
            add((node, SKOS.altLabel, Literal(alias)))
        if entity.kind is EntityKind.STATE:
            add((node, NKG.isoCode, Literal(entity.key)))
        elif entity.kind is EntityKind.UN_BODY:
            add((node, NKG.registryKey, Literal(entity.key)))
        for span in entity.mentions:
            add((node, GAF.denotedBy, self.mention(span)))
        return node


class ArticleContext:
    """Everything a fact extractor needs about one article: its text, parse, resolved entities and graph.

    Fact extractors are functions ``(ArticleContext) -> None`` that add their facts to :attr:`graph`.
    """

    def __init__(self, article: Article, doc: Doc, entities: list[Entity], graph: ArticleGraph) -> None:
        self.article = article
        self.doc = doc
        self.entities = entities
        self.graph = graph
        self._by_token = {i: e for e in entities for span in e.mentions for i in range(span.start, span.end)}
        self._counters: Counter[str] = Counter()
        titles = doc.spans[TITLES_KEY]
        self.title_at: dict[int, Span] = {i: title for title in titles for i in range(title.start, title.end)}
        """The job-title span each token belongs to (indexes built once: extractors look them up per token)."""
        self.title_ending_at: dict[int, Span] = {title.end: title for title in titles}
        """Title spans by the index of the token right after them."""
        self.dates_by_sentence: dict[int, list[Span]] = {}
        """DATE entities by the start of their sentence."""
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self.dates_by_sentence.setdefault(ent.sent.start, []).append(ent)

    def entity_at(self, token: Token) -> Entity | None:
        """The entity a token belongs to (as part of one of its mentions), if any."""
        return self._by_token.get(token.i)

    def node(self, entity: Entity) -> URIRef:
        return self.graph.entity_node(entity)

    def next_fact(self, kind: str) -> URIRef:
        """A fresh IRI for the next fact of ``kind`` (``event``, ``claim``, ``resolution``) in this article."""
        self._counters[kind] += 1
        return self.graph.iris.fact(kind, self.article.key, self._counters[kind])
