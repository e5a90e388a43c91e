"""Every vocabulary newskg writes, in one place, so no module spells out an IRI by hand.

`NKG` mirrors `ontology/newskg.ttl` term for term and is generated from it by
`tools/generate_namespace.py`: edit the ontology, then regenerate. It is a closed DefinedNamespace, so a
misspelt term raises AttributeError instead of silently minting an IRI the ontology does not define.

`ONTOLOGY_PATH` and `SHAPES_PATH` are package data (`kg.resources`): the top-level `ontology/` and `shapes/`
folders of a checkout, or their copies inside an installed wheel.
"""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

from kg.resources import resource_path

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "GAF",
    "NIF",
    "NKG",
    "ONTOLOGY_PATH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SEM",
    "SHAPES_PATH",
    "SKOS",
    "XSD",
    "bind_prefixes",
]

ONTOLOGY_PATH = resource_path("ontology", "newskg.ttl")
SHAPES_PATH = resource_path("shapes", "newskg-shapes.ttl")

DEFAULT_BASE = "https://w3id.org/newskg/id/"
"""Base IRI of instance data unless the caller configures another one; bound to the `data` prefix."""

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")


# BEGIN GENERATED NKG: written by tools/generate_namespace.py from ontology/newskg.ttl; do not edit.
class NKG(DefinedNamespace):
    """
    newskg ontology, version 0.1.0.

    Generated from ontology/newskg.ttl by tools/generate_namespace.py.
    """

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # Classes
    Article: URIRef  # Article — A news article read by newskg, whose cleaned text is the NIF context every mention points into.
    Award: URIRef  # Award — The conferring of an award, medal, prize or honour on a recipient.
    Claim: URIRef  # Claim — A numeric assertion made in an article about some entity, such as the number of peacekeepers deployed.
    Conference: URIRef  # Conference — A multilateral gathering such as a summit, session or conference, attended by many parties.
    Deployment: URIRef  # Deployment — The deployment of peacekeepers, troops, police or observers to a place.
    Election: URIRef  # Election — The election or appointment of a candidate to a seat or office, such as a non-permanent Security Council seat.
    Encounter: URIRef  # Encounter — The reified fact that two people met, linked to every event it is derived from.
    Event: URIRef  # Event — Something that an article reports as happening, anchored to the trigger word that expresses it.
    Meeting: URIRef  # Meeting — A meeting, talk or consultation between two or more parties.
    Organisation: URIRef  # Organisation — A formal organisation other than a state, such as an alliance, agency or non-governmental organisation.
    Person: URIRef  # Person — A human being mentioned in an article, identified by their normalised full name.
    Place: URIRef  # Place — A geographic location that is not itself a state, such as a city or region where an event happens.
    Position: URIRef  # Position — An office or title held by a person, such as a permanent representative, optionally within a state or organisation.
    Resolution: URIRef  # Resolution — A draft or adopted resolution of a UN body that states vote on.
    Signing: URIRef  # Signing — The signing of an agreement, treaty, memorandum or declaration by one or more signatories.
    State: URIRef  # State — A sovereign state (UN member or observer) as a diplomatic actor, identified by its ISO 3166-1 alpha-2 code.
    Statement: URIRef  # Statement — A public statement, speech or remark by a speaker, optionally addressed to an audience.
    TimeExpression: URIRef  # Time expression — A span of article text that refers to a time, with the date it resolves to at its real precision.
    UNBody: URIRef  # UN body — An organ, agency, mission or office of the United Nations system, identified by its key in the newskg registry.
    Visit: URIRef  # Visit — A visit by an actor to a place or to a host.
    Vote: URIRef  # Vote — One state's vote on one resolution; a recorded vote of a body yields one Vote per state.
    VoteChoice: URIRef  # Vote choice — The closed set of ways a state can vote on a resolution.

    # Object properties
    actor: URIRef  # actor — A party that carries out the event, when no more specific role applies.
    audience: URIRef  # audience — The body or party a statement is addressed to.
    candidate: URIRef  # candidate — A party standing for or elected to the seat or office.
    choice: URIRef  # choice — How the state voted: in favour, against, abstained or absent.
    claimSubject: URIRef  # claim subject — The entity the numeric claim is about.
    claimedBy: URIRef  # claimed by — The person the article attributes the claim to.
    coAttended: URIRef  # co-attended — The two people attended the same conference or vote without being reported to have met.
    conflictsWith: URIRef  # conflicts with — Another claim about the same subject and measure that gives a different value.
    encounterParticipant: URIRef  # encounter participant — One of the two people in an encounter.
    evidence: URIRef  # evidence — A mention in the article text that supports a position or claim.
    host: URIRef  # host — A party that hosts, chairs or receives the others at the event.
    met: URIRef  # met — The two people took part in the same meeting or visit according to some article.
    onResolution: URIRef  # on resolution — The resolution the vote is cast on.
    participant: URIRef  # participant — A party that takes part in the event alongside others.
    recipient: URIRef  # recipient — A party that receives the award or honour.
    represents: URIRef  # represents — The state a person speaks or acts for, derived from a position they hold.
    signatory: URIRef  # signatory — A party that signs the agreement.
    speaker: URIRef  # speaker — A party that makes the statement.
    time: URIRef  # time — The time expression in the article that dates the event.
    trigger: URIRef  # trigger — The mention of the word that expresses the event in the article text.
    voter: URIRef  # voter — The state that casts the vote.

    # Datatype properties
    anchorDate: URIRef  # anchor date — The reference date, usually the article's publication date, used to resolve a relative expression such as last Tuesday.
    attestedFrom: URIRef  # attested from — The publication date of the first article of the corpus that names the person in the position as holding it then; computed over the whole corpus.
    attestedUntil: URIRef  # attested until — The publication date of the last article of the corpus that names the person in the position as holding it then; computed over the whole corpus.
    contentHash: URIRef  # content hash — The full lowercase hexadecimal SHA-256 of the whitespace-normalised article text.
    endedBefore: URIRef  # ended before — The publication date of the first article, after the last one naming the person as holder, that calls them a former holder (former, ex-): the tenure had ended by then.
    isoCode: URIRef  # ISO code — The ISO 3166-1 alpha-2 code of the state, such as PK.
    measure: URIRef  # measure — What the claimed number counts or measures, such as peacekeepers deployed.
    planned: URIRef  # planned — True when the article tells of the event as intended, expected or scheduled, not as having taken place; the people of a planned meeting have not met (no nkg:met between them).
    postTitle: URIRef  # post title — The title of the position as normalised from the article, such as Permanent Representative.
    quote: URIRef  # quote — The words of the statement as quoted in the article.
    registryKey: URIRef  # registry key — The key of the UN body in the newskg registry, such as security-council.
    timeEnd: URIRef  # time end — The last date of a time expression that denotes a range, typed at its real precision.
    timeText: URIRef  # time text — The time expression exactly as written in the article.
    timeValue: URIRef  # time value — The date the expression resolves to (or the start of a range), typed at its real precision as a day, month or year.
    unit: URIRef  # unit — The unit the claimed value is expressed in, such as USD or percent, when it has one.
    value: URIRef  # value — The number asserted by the claim.

    # Properties whose values may be resources or literals
    asOf: URIRef  # as of — The time at which the claimed value holds, as a time expression or a date literal.

    # Individuals
    Absent: URIRef  # absent — The state did not take part in the vote on the resolution.
    Abstained: URIRef  # abstained — The state was present but abstained from voting on the resolution.
    Against: URIRef  # against — The state voted against the resolution.
    InFavour: URIRef  # in favour — The state voted for the resolution.
# END GENERATED NKG


PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    "nif": str(NIF),
    "gaf": str(GAF),
    "sem": str(SEM),
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
}
"""The prefixes of every serialisation newskg writes, apart from `data`, which depends on the base IRI."""


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind newskg's prefixes (and `data` to `base`) on `graph`, and return it.

    Bindings replace whatever the graph had under the same prefix or namespace, so output always uses
    the contract's prefixes (rdflib would otherwise invent `ns1:` or keep its own defaults).
    """
    for prefix, namespace in {**PREFIXES, "data": base}.items():
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)
    return graph
