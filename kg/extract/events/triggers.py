"""Event types and their triggers: ``kg/knowledge/events.yaml`` loaded, the Event record, and which words
of a parse trigger which types or refer back to an event already told.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from kg import knowledge
from kg.facts import EntityKind
from kg.resolve.article import Entity

#: Entity kinds that can take part in an event (places are where it happens, not who).
PARTICIPANT_KINDS = frozenset({EntityKind.PERSON, EntityKind.STATE, EntityKind.UN_BODY, EntityKind.ORGANISATION})
LOCATION_KINDS = frozenset({EntityKind.PLACE, EntityKind.STATE})

#: Prepositions whose object joins the event on the object side ("met with X", "talks between A and B").
OBJECT_PREPOSITIONS = frozenset({"with", "between", "among", "amongst", "on", "to"})
#: Nouns that refer back to an event already named ("the event", "the gathering"), besides the trigger nouns.
EVENT_ANAPHORS = frozenset({"event", "gathering"})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that"})


@dataclass(frozen=True)
class EventType:
    """One kind of event and how to find it, as read from ``events.yaml``."""

    name: str
    verbs: frozenset[str]
    phrasal: tuple[tuple[str, str], ...]
    nouns: frozenset[str]
    subject_role: str
    object_role: str
    meeting_like: bool
    needs_person_object: frozenset[str]
    needs_award: frozenset[str]
    object_verbs: frozenset[str]
    subject_roles_by_trigger: dict[str, str]
    needs_organ_object: frozenset[str]
    needs_event_object: frozenset[str]
    occurrence_role: str | None = None
    has_choice: bool = False
    one_per: tuple[str, EntityKind] | None = None
    has_quote: bool = False
    needs_partner: frozenset[str] = frozenset()
    reciprocal: bool = False
    joint_clauses: bool = False
    needs_place: frozenset[str] = frozenset()
    needs_mission: frozenset[str] = frozenset()
    object_prepositions: frozenset[str] = OBJECT_PREPOSITIONS
    alone_at_a_place: bool = False

    def subject_role_of(self, trigger: Token) -> str:
        return self.subject_roles_by_trigger.get(_lemma(trigger), self.subject_role)

    def takes_objects(self, trigger: Token) -> bool:
        return not self.object_verbs or _lemma(trigger) in self.object_verbs

    def object_is_topic(self, verb: Token) -> bool:
        """True for a verb that needs a partner, whose direct object is what was talked about ("discussed the
        refugee situation with X"), never who took part."""
        return _lemma(verb) in self.needs_partner


@lru_cache(maxsize=1)
def event_types() -> tuple[EventType, ...]:
    """Event types in file order, which is also their priority when one word could trigger two."""
    return tuple(
        EventType(
            name=name,
            verbs=frozenset(spec.get("verbs", ())),
            phrasal=tuple((verb, particle) for verb, particle in spec.get("phrasal", ())),
            nouns=frozenset(spec.get("nouns", ())),
            subject_role=spec["subject_role"],
            object_role=spec["object_role"],
            meeting_like=spec["meeting_like"],
            needs_person_object=frozenset(spec.get("requires_person_object_for", ())),
            needs_award=frozenset(spec.get("requires_award_for", ())),
            object_verbs=frozenset(spec.get("object_verbs", ())),
            subject_roles_by_trigger=dict(spec.get("subject_roles_by_trigger", {})),
            needs_organ_object=frozenset(spec.get("requires_organ_object_for", ())),
            needs_event_object=frozenset(spec.get("requires_event_object_for", ())),
            occurrence_role=spec.get("occurrence_role"),
            has_choice=bool(spec.get("choice")),
            one_per=(spec["one_per"]["role"], EntityKind(spec["one_per"]["kind"])) if "one_per" in spec else None,
            has_quote=bool(spec.get("quote")),
            needs_partner=frozenset(spec.get("requires_partner_for", ())),
            reciprocal=bool(spec.get("reciprocal")),
            joint_clauses=bool(spec.get("joint_clauses")),
            needs_place=frozenset(spec.get("requires_place_for", ())),
            needs_mission=frozenset(spec.get("requires_mission_for", ())),
            object_prepositions=OBJECT_PREPOSITIONS | frozenset(spec.get("object_prepositions", ())),
            alone_at_a_place=bool(spec.get("alone_at_a_place")),
        )
        for name, spec in knowledge.events().items()
        if isinstance(spec, dict) and "subject_role" in spec
    )


@lru_cache(maxsize=1)
def vote_choices() -> dict[str, tuple[str, ...]]:
    return {choice: tuple(words) for choice, words in knowledge.events()["vote_choices"].items()}


@dataclass(frozen=True)
class Lexicon:
    """Words that tell how an event is told, shared by all types (``events.yaml``)."""

    support_verbs: frozenset[str]
    """Verbs whose subject takes part in the event their object names ("held a meeting", "paid a call")."""
    presence_prepositions: frozenset[str]
    """"during/at/in" an event: the clause's subject took part in it."""
    describing_prepositions: frozenset[str]
    """"X, on a visit to Y": the name the phrase describes took part."""
    planned_modals: frozenset[str]
    intention_verbs: frozenset[str]
    planned_modifiers: frozenset[str]
    venue_nouns: frozenset[str]
    """Last words of organisations named for a building ("UN House"): venues, never participants."""
    group_nouns: frozenset[str]
    """"delegation", "team": a group whose named members and leader take part with it."""
    member_verbs: frozenset[str]
    leader_verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    spec = knowledge.events()
    planned, delegations = spec["planned"], spec["delegations"]
    return Lexicon(
        support_verbs=frozenset(spec["support_verbs"]),
        presence_prepositions=frozenset(spec["presence_prepositions"]),
        describing_prepositions=frozenset(spec["describing_prepositions"]),
        planned_modals=frozenset(planned["modals"]),
        intention_verbs=frozenset(planned["intention_verbs"]),
        planned_modifiers=frozenset(planned["modifiers"]),
        venue_nouns=frozenset(spec["venue_nouns"]),
        group_nouns=frozenset(delegations["group_nouns"]),
        member_verbs=frozenset(delegations["member_verbs"]),
        leader_verbs=frozenset(delegations["leader_verbs"]),
    )


@dataclass
class Event:
    """An event found in one article, before it is written to the graph."""

    type: EventType
    trigger: Token
    roles: dict[str, list[Entity]] = field(default_factory=dict)
    places: list[Entity] = field(default_factory=list)
    time: Span | None = None
    future: bool = False
    name: str | None = None
    quote: str | None = None
    choice: str | None = None
    planned: bool = False
    """Told as intended, expected or scheduled, not as held (see :func:`_is_planned`)."""
    companions: dict[Entity, Entity] = field(default_factory=dict)
    """Who joined on whose side ("The meeting was also attended by X"): a companion meets the other side, never
    the one they came with."""

    def add(self, role: str, entity: Entity) -> None:
        """Add ``entity`` in ``role``, unless it already takes part in another: one participant, one role (a
        meeting told twice, "A met B" and "A discussed ... with B", keeps A on one side)."""
        if entity in self.participants:
            return
        self.roles.setdefault(role, []).append(entity)

    @property
    def participants(self) -> list[Entity]:
        return list(dict.fromkeys(e for members in self.roles.values() for e in members))

    @property
    def people(self) -> list[Entity]:
        return [e for e in self.participants if e.kind is EntityKind.PERSON]


# --- finding triggers -------------------------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def trigger_types(token: Token) -> list[EventType]:
    """The event types ``token`` may trigger, in priority order: a later one is tried when the conditions of an
    earlier one fail ("hosted the UN refugee chief" is a meeting, "hosted the forum" a conference).

    Verbs and phrasal verbs are looked up first, then nouns; a noun modified by another event noun takes the
    modifier's type ("signing ceremony" is a signing, "ministerial meeting" a conference).
    """
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX"):
        return [
            etype
            for etype in event_types()
            if lemma in etype.verbs or any(lemma == v and _has_particle(token, p) for v, p in etype.phrasal)
        ]
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    for modifier in token.children:
        if modifier.dep_ in ("amod", "compound") and (types := _noun_types(modifier)):
            return types
    return _noun_types(token)


def trigger_type(token: Token) -> EventType | None:
    """The first event type ``token`` may trigger, if any."""
    return next(iter(trigger_types(token)), None)


def _noun_types(token: Token) -> list[EventType]:
    return [etype for etype in event_types() if _lemma(token) in etype.nouns or token.lower_ in etype.nouns]


def _has_particle(token: Token, particle: str) -> bool:
    """True when ``particle`` follows the verb as one of its dependents ("called on X", "presented his
    credentials"); a word before it belongs elsewhere ("On his part, he called for …")."""
    return any(_lemma(c) == particle or c.lower_ == particle for c in token.children if c.i > token.i)


#: Modifiers that make a definite event noun new rather than anaphoric ("the upcoming summit").
NEW_EVENT_MODIFIERS = frozenset({"upcoming", "next", "another", "new", "first", "second", "third", "future"})


def _is_anaphoric(noun: Token) -> bool:
    """"the meeting", "this gathering": a definite common noun that points back to an event already told."""
    children = {c.lower_ for c in noun.children}
    return (
        noun.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in noun.children)
        and not children & NEW_EVENT_MODIFIERS
    )
