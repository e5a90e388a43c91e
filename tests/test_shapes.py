"""The SHACL shapes accept a hand-built graph that follows the contract and reject each kind of breach.

The graph is built the way the pipeline must build it: every node carries its full rdf:type closure from
the ontology, and validation runs without inference, so nothing here depends on a reasoner.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from hashlib import sha256

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from kg.rdf import namespace as ns  # SDO and XSD via `ns`: they warn when pytest probes module-level names
from kg.rdf.namespace import (
    DCTERMS,
    DEFAULT_BASE,
    GAF,
    NIF,
    NKG,
    ONTOLOGY_PATH,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SHAPES_PATH,
    bind_prefixes,
)

DATA = Namespace(DEFAULT_BASE)
TEXT = (
    "Ambassador Lena Moreau of France met Tomas Varga in Geneva on 3 May 2024. "
    "France voted in favour of the Security Council draft resolution. "
    "Varga said 1,200 peacekeepers were deployed."
)
DIGEST = sha256(TEXT.encode()).hexdigest()
ARTICLE = DATA[f"article/{DIGEST[:16]}"]


def offset(n: int) -> Literal:
    return Literal(n, datatype=ns.XSD.nonNegativeInteger)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


class Builder:
    """Writes contract-shaped triples into a graph; `node` remembers IRIs by short name for the tests."""

    def __init__(self, ontology: Graph) -> None:
        self.ontology = ontology
        self.graph = bind_prefixes(Graph())
        self.node: dict[str, URIRef] = {}
        self.mentions: dict[str, URIRef] = {}

    def add(self, subject: URIRef, predicate: URIRef, obj) -> None:
        self.graph.add((subject, predicate, obj))

    def typed(self, subject: URIRef, cls: URIRef) -> URIRef:
        """Type `subject` with `cls` and all its superclasses, as the pipeline does."""
        for superclass in self.ontology.transitive_objects(cls, RDFS.subClassOf):
            self.add(subject, RDF.type, superclass)
        return subject

    def span(self, cls: URIRef, text: str, within: tuple[int, int] = (0, len(TEXT))) -> URIRef:
        """A nif:Sentence or nif:Phrase over the first occurrence of `text` inside `within`."""
        begin = TEXT.index(text, *within)
        end = begin + len(text)
        iri = URIRef(f"{ARTICLE}#char={begin},{end}")
        self.typed(iri, cls)
        self.add(iri, NIF.beginIndex, offset(begin))
        self.add(iri, NIF.endIndex, offset(end))
        self.add(iri, NIF.anchorOf, Literal(text))
        self.add(iri, NIF.referenceContext, ARTICLE)
        return iri

    def mention(self, text: str, sentence: URIRef) -> URIRef:
        """A nif:Phrase over `text` inside `sentence`; the first one per text is kept in `mentions`."""
        bounds = (int(self.graph.value(sentence, NIF.beginIndex)), int(self.graph.value(sentence, NIF.endIndex)))
        iri = self.span(NIF.Phrase, text, bounds)
        self.add(iri, NIF.sentence, sentence)
        self.mentions.setdefault(text, iri)
        return iri

    def entity(self, key: str, cls: URIRef, path: str, label: str, *mentions: URIRef) -> URIRef:
        iri = self.typed(DATA[path], cls)
        self.add(iri, RDFS.label, Literal(label))
        for mention in mentions:
            self.add(iri, GAF.denotedBy, mention)
        self.node[key] = iri
        return iri

    def event(self, key: str, cls: URIRef, n: int, label: str, trigger: URIRef, sentence: URIRef) -> URIRef:
        iri = self.typed(DATA[f"event/{DIGEST[:16]}-{n}"], cls)
        self.add(iri, RDFS.label, Literal(label))
        self.add(iri, NKG.trigger, trigger)
        self.add(iri, NIF.sentence, sentence)
        self.add(iri, PROV.wasDerivedFrom, ARTICLE)
        self.node[key] = iri
        return iri


def build_valid(ontology: Graph) -> Builder:
    b = Builder(ontology)
    b.typed(ARTICLE, NKG.Article)
    b.add(ARTICLE, NIF.isString, Literal(TEXT))
    b.add(ARTICLE, DCTERMS.source, Literal("geneva-talks.txt"))
    b.add(ARTICLE, NKG.contentHash, Literal(DIGEST))
    b.add(ARTICLE, DCTERMS.identifier, Literal(DIGEST[:16]))
    b.add(ARTICLE, DCTERMS.date, Literal("2024-05-04", datatype=ns.XSD.date))
    b.add(ARTICLE, ns.SDO.datePublished, Literal("2024-05-04", datatype=ns.XSD.date))

    s1 = b.span(NIF.Sentence, "Ambassador Lena Moreau of France met Tomas Varga in Geneva on 3 May 2024.")
    s2 = b.span(NIF.Sentence, "France voted in favour of the Security Council draft resolution.")
    s3 = b.span(NIF.Sentence, "Varga said 1,200 peacekeepers were deployed.")
    b.node.update(s1=s1, s2=s2, s3=s3)

    moreau = b.entity("moreau", NKG.Person, "person/lena-moreau", "Lena Moreau", b.mention("Lena Moreau", s1))
    varga = b.entity(
        "varga", NKG.Person, "person/tomas-varga", "Tomas Varga", b.mention("Tomas Varga", s1), b.mention("Varga", s3)
    )
    france = b.entity("france", NKG.State, "state/FR", "France", b.mention("France", s1), b.mention("France", s2))
    b.add(france, NKG.isoCode, Literal("FR"))
    geneva = b.entity("geneva", NKG.Place, "place/geneva", "Geneva", b.mention("Geneva", s1))
    body = b.entity("council", NKG.UNBody, "un/security-council", "Security Council", b.mention("Security Council", s2))
    b.add(body, NKG.registryKey, Literal("security-council"))

    begin = TEXT.index("3 May 2024")
    time = b.typed(URIRef(f"{ARTICLE}#time={begin},{begin + len('3 May 2024')}"), NKG.TimeExpression)
    b.add(time, NKG.timeText, Literal("3 May 2024"))
    b.add(time, NKG.timeValue, Literal("2024-05-03", datatype=ns.XSD.date))
    b.add(time, NKG.anchorDate, Literal("2024-05-04", datatype=ns.XSD.date))
    b.node["time"] = time

    meeting = b.event("meeting", NKG.Meeting, 1, "Lena Moreau met Tomas Varga", b.mention("met", s1), s1)
    for person in (moreau, varga):
        b.add(meeting, NKG.participant, person)
        b.add(meeting, ns.SDO.attendee, person)
    b.add(meeting, ns.SDO.location, geneva)
    b.add(meeting, NKG.time, time)
    b.add(meeting, ns.SDO.startDate, Literal("2024-05-03", datatype=ns.XSD.date))

    resolution = b.typed(DATA[f"resolution/{DIGEST[:16]}-1"], NKG.Resolution)
    b.add(resolution, PROV.wasDerivedFrom, ARTICLE)
    vote = b.event("vote", NKG.Vote, 2, "France voted in favour", b.mention("voted", s2), s2)
    b.add(vote, NKG.voter, france)
    b.add(vote, NKG.onResolution, resolution)
    b.add(vote, NKG.choice, NKG.InFavour)
    b.add(vote, ns.SDO.startDate, Literal("2024-05", datatype=ns.XSD.gYearMonth))

    statement = b.event("statement", NKG.Statement, 3, "Tomas Varga spoke", b.mention("said", s3), s3)
    b.add(statement, NKG.speaker, varga)

    position = b.typed(DATA["position/lena-moreau/ambassador/FR"], NKG.Position)
    b.add(position, NKG.postTitle, Literal("Ambassador"))
    b.add(position, ORG.heldBy, moreau)
    b.add(moreau, ORG.holds, position)
    b.add(position, ORG.postIn, france)
    b.add(position, NKG.evidence, b.mention("Ambassador", s1))
    b.add(position, PROV.wasDerivedFrom, ARTICLE)
    b.add(moreau, NKG.represents, france)
    b.node["position"] = position

    claim = b.typed(DATA[f"claim/{DIGEST[:16]}-1"], NKG.Claim)
    b.add(claim, NKG.claimSubject, body)
    b.add(claim, NKG.measure, Literal("peacekeepers deployed"))
    b.add(claim, NKG.value, Literal(Decimal(1200), datatype=ns.XSD.decimal))
    b.add(claim, NKG.claimedBy, varga)
    b.add(claim, NKG.evidence, b.mention("1,200 peacekeepers", s3))
    b.add(claim, PROV.wasDerivedFrom, ARTICLE)
    b.node["claim"] = claim

    b.add(moreau, NKG.met, varga)
    b.add(varga, NKG.met, moreau)
    encounter = b.typed(DATA["encounter/lena-moreau--tomas-varga"], NKG.Encounter)
    b.add(encounter, NKG.encounterParticipant, moreau)
    b.add(encounter, NKG.encounterParticipant, varga)
    b.add(encounter, PROV.wasDerivedFrom, meeting)
    b.node["encounter"] = encounter
    return b


Violation = tuple[URIRef, str, object]


def violations(data: Graph, shapes: Graph, **options) -> set[Violation]:
    """(focus node, constraint component local name, value node or None) of every validation result."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", **options)
    found = {
        (
            report.value(result, SH.focusNode),
            report.value(result, SH.sourceConstraintComponent).split("#")[-1],
            report.value(result, SH.value),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }
    assert conforms == (not found)
    return found


def test_contract_graph_conforms(ontology: Graph, shapes: Graph) -> None:
    assert violations(build_valid(ontology).graph, shapes) == set()


def test_contract_graph_conforms_with_the_ontology_mixed_in(ontology: Graph, shapes: Graph) -> None:
    assert violations(build_valid(ontology).graph, shapes, ont_graph=ontology) == set()


def replace(b: Builder, subject: URIRef, predicate: URIRef, new) -> None:
    b.graph.set((subject, predicate, new))


def drop(b: Builder, subject: URIRef, predicate: URIRef, obj=None) -> None:
    b.graph.remove((subject, predicate, obj))


def leave_meeting(b: Builder, person: URIRef) -> None:
    for role in (NKG.participant, ns.SDO.attendee):
        drop(b, b.node["meeting"], role, person)


# name: (how to break the valid graph, the node that must be reported, by which constraint component).
# Span checks that run per article report the article as focus node and the broken span as value.
BREACHES: dict[str, tuple[Callable[[Builder], None], Callable[[Builder], URIRef], str]] = {
    "article without text": (
        lambda b: drop(b, ARTICLE, NIF.isString),
        lambda b: ARTICLE, "MinCountConstraintComponent",
    ),
    "article hash not lowercase hex": (
        lambda b: replace(b, ARTICLE, NKG.contentHash, Literal(DIGEST.upper())),
        lambda b: ARTICLE, "PatternConstraintComponent",
    ),
    "article identifier not its hash prefix": (
        lambda b: replace(b, ARTICLE, DCTERMS.identifier, Literal("0" * 16)),
        lambda b: ARTICLE, "SPARQLConstraintComponent",
    ),
    "article date as plain string": (
        lambda b: replace(b, ARTICLE, DCTERMS.date, Literal("2024-05-04")),
        lambda b: ARTICLE, "DatatypeConstraintComponent",
    ),
    "mention ends before it begins": (
        lambda b: replace(b, b.mentions["Geneva"], NIF.endIndex, offset(0)),
        lambda b: b.mentions["Geneva"], "LessThanConstraintComponent",
    ),
    "mention is empty": (
        lambda b: replace(b, b.mentions["Geneva"], NIF.endIndex, offset(TEXT.index("Geneva"))),
        lambda b: b.mentions["Geneva"], "LessThanConstraintComponent",
    ),
    "mention offset untyped": (
        lambda b: replace(b, b.mentions["Geneva"], NIF.beginIndex, Literal(str(TEXT.index("Geneva")))),
        lambda b: b.mentions["Geneva"], "DatatypeConstraintComponent",
    ),
    "mention text does not match its offsets": (
        lambda b: replace(b, b.mentions["Geneva"], NIF.anchorOf, Literal("eneva ")),
        lambda b: ARTICLE, "SPARQLConstraintComponent",
    ),
    "mention outside its sentence": (
        lambda b: replace(b, b.mentions["said"], NIF.sentence, b.node["s1"]),
        lambda b: ARTICLE, "SPARQLConstraintComponent",
    ),
    "person without label": (
        lambda b: drop(b, b.node["moreau"], RDFS.label),
        lambda b: b.node["moreau"], "MinCountConstraintComponent",
    ),
    "person with two labels": (
        lambda b: b.add(b.node["moreau"], RDFS.label, Literal("Moreau")),
        lambda b: b.node["moreau"], "MaxCountConstraintComponent",
    ),
    "place never mentioned": (
        lambda b: drop(b, b.node["geneva"], GAF.denotedBy),
        lambda b: b.node["geneva"], "MinCountConstraintComponent",
    ),
    "state with lowercase ISO code": (
        lambda b: replace(b, b.node["france"], NKG.isoCode, Literal("fr")),
        lambda b: b.node["france"], "PatternConstraintComponent",
    ),
    "state with alpha-3 ISO code": (
        lambda b: replace(b, b.node["france"], NKG.isoCode, Literal("FRA")),
        lambda b: b.node["france"], "PatternConstraintComponent",
    ),
    "UN body without registry key": (
        lambda b: drop(b, b.node["council"], NKG.registryKey),
        lambda b: b.node["council"], "MinCountConstraintComponent",
    ),
    "event without trigger": (
        lambda b: drop(b, b.node["statement"], NKG.trigger),
        lambda b: b.node["statement"], "MinCountConstraintComponent",
    ),
    "event without provenance": (
        lambda b: drop(b, b.node["statement"], PROV.wasDerivedFrom),
        lambda b: b.node["statement"], "MinCountConstraintComponent",
    ),
    "event role is a string": (
        lambda b: b.add(b.node["statement"], NKG.audience, Literal("the Council")),
        lambda b: b.node["statement"], "OrConstraintComponent",
    ),
    "event date untyped": (
        lambda b: replace(b, b.node["meeting"], ns.SDO.startDate, Literal("2024-05-03")),
        lambda b: b.node["meeting"], "OrConstraintComponent",
    ),
    "event date as xsd:dateTime": (
        lambda b: replace(b, b.node["meeting"], ns.SDO.startDate, Literal("2024-05-03T10:00", datatype=ns.XSD.dateTime)),
        lambda b: b.node["meeting"], "OrConstraintComponent",
    ),
    "meeting with one attendee": (
        lambda b: leave_meeting(b, b.node["varga"]),
        lambda b: b.node["meeting"], "MinCountConstraintComponent",
    ),
    "vote without choice": (
        lambda b: drop(b, b.node["vote"], NKG.choice),
        lambda b: b.node["vote"], "MinCountConstraintComponent",
    ),
    "vote with unknown choice": (
        lambda b: replace(b, b.node["vote"], NKG.choice, Literal("yes")),
        lambda b: b.node["vote"], "InConstraintComponent",
    ),
    "vote by a person": (
        lambda b: replace(b, b.node["vote"], NKG.voter, b.node["moreau"]),
        lambda b: b.node["vote"], "ClassConstraintComponent",
    ),
    "time value untyped": (
        lambda b: replace(b, b.node["time"], NKG.timeValue, Literal("2024-05-03")),
        lambda b: b.node["time"], "OrConstraintComponent",
    ),
    "position without holder": (
        lambda b: drop(b, b.node["position"], ORG.heldBy),
        lambda b: b.node["position"], "MinCountConstraintComponent",
    ),
    "claim without value": (
        lambda b: drop(b, b.node["claim"], NKG.value),
        lambda b: b.node["claim"], "MinCountConstraintComponent",
    ),
    "claim value as integer": (
        lambda b: replace(b, b.node["claim"], NKG.value, Literal(1200)),
        lambda b: b.node["claim"], "DatatypeConstraintComponent",
    ),
    "claim without evidence": (
        lambda b: drop(b, b.node["claim"], NKG.evidence),
        lambda b: b.node["claim"], "MinCountConstraintComponent",
    ),
    "encounter with one participant": (
        lambda b: drop(b, b.node["encounter"], NKG.encounterParticipant, b.node["varga"]),
        lambda b: b.node["encounter"], "MinCountConstraintComponent",
    ),
    "encounter derived from an article, not an event": (
        lambda b: replace(b, b.node["encounter"], PROV.wasDerivedFrom, ARTICLE),
        lambda b: b.node["encounter"], "ClassConstraintComponent",
    ),
}


@pytest.mark.parametrize("breach", BREACHES)
def test_breach_is_reported(ontology: Graph, shapes: Graph, breach: str) -> None:
    breaks, focus, component = BREACHES[breach]
    b = build_valid(ontology)
    breaks(b)
    found = {(f, c) for f, c, _ in violations(b.graph, shapes)}
    assert (focus(b), component) in found


def test_span_report_names_the_span_and_the_text_there(ontology: Graph, shapes: Graph) -> None:
    b = build_valid(ontology)
    mention = b.mentions["Geneva"]
    replace(b, mention, NIF.anchorOf, Literal("Genf"))
    assert (ARTICLE, "SPARQLConstraintComponent", mention) in violations(b.graph, shapes)
    _, _, text = pyshacl.validate(b.graph, shacl_graph=shapes, inference="none")
    assert str(mention) in text and "Genf" in text and "Geneva" in text


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    constraints = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    assert constraints
    assert [c for c in constraints if (c, SH.message, None) not in shapes] == []


def test_every_class_is_targeted(ontology: Graph, shapes: Graph) -> None:
    """Each nkg: class is checked by a shape targeting it or one of its superclasses (its instances carry both)."""
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if c.startswith(str(NKG))} - {NKG.VoteChoice}
    assert {c for c in classes if not targeted & set(ontology.transitive_objects(c, RDFS.subClassOf))} == set()
