"""What is scored: the entity categories, event types and roles of the gold format, and the report's categories.

The gold loader validates against these names, the graph reader maps ontology classes onto them and the scorer
reports under them, so they live here once, apart from all three.
"""
from __future__ import annotations

from rdflib import URIRef

from kg.rdf.namespace import NKG

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

VOTE_CHOICES: frozenset[str] = frozenset({"in_favour", "against", "abstained", "absent"})

#: Report categories in display order; ``events:<type>`` has one row per event type. Micro and macro averages
#: pool exactly these, so each gold item is counted once.
EVENT_CATEGORIES: tuple[str, ...] = tuple(f"events:{kind}" for kind in EVENT_TYPES)
CATEGORIES: tuple[str, ...] = (*ENTITY_CATEGORIES, *EVENT_CATEGORIES, "meetings", "dates", "positions", "claims")

#: The entity categories pooled into the headline entity F1: the actors of diplomacy. Organisations and places
#: are left out, as the issue's headline measure leaves them out; they keep their own rows.
HEADLINE_ENTITY_CATEGORIES: tuple[str, ...] = ("people", "states", "un_bodies")

#: The headline measures real-article evaluation reads first, in display order, with a human label each. They
#: re-count items of :data:`CATEGORIES` under other rules, so they stay out of the micro and macro averages.
SUMMARY_LABELS: dict[str, str] = {
    "entities": "entities (people + states + UN bodies)",
    "meetings": "who met whom (person pairs)",
    "events": "events (type + a participant)",
    "events_strict": "events (type + all participants)",
    "events_dated": "events dated right",
    "claims": "claims (subject + value)",
    "claims_measure": "claims (subject + measure + value)",
}
SUMMARY_CATEGORIES: tuple[str, ...] = tuple(SUMMARY_LABELS)
