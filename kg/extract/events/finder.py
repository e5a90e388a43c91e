"""Finding events: the article walk from triggers to events, with anaphoric mentions merged into the event
they refer to and delegations seated beside their heads.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.dates import refers_to_future
from kg.extract.context import ArticleContext
from kg.facts import EntityKind
from kg.resolve.article import Entity
from kg.extract.events.triggers import (
    EVENT_ANAPHORS,
    Event,
    EventType,
    _is_anaphoric,
    _lemma,
    lexicon,
    trigger_type,
    trigger_types,
)
from kg.extract.events.mentions import _entities_of, _positions
from kg.extract.events.arguments import _has_mission, _noun_arguments, _verb_arguments
from kg.extract.events.time_place import _anchors, _places, _time_span
from kg.extract.events.traits import (
    _has_organ_object,
    _is_planned,
    _is_valid,
    _is_venue,
    _mentions_award,
    _quote,
    _vote_choice,
)


def find_events(context: ArticleContext) -> list[Event]:
    """All events of an article in text order, after event coreference (see :func:`_merge_coreferent`)."""
    events: list[Event] = []
    pending: list[Event] = []  # nominal mentions without participants: "next week's election", "the event"
    latest_of_type: dict[str, Event] = {}
    by_trigger: dict[int, Event] = {}  # trigger token → the event it tells
    for token in context.doc:
        types = trigger_types(token)
        if not types:
            if _lemma(token) in EVENT_ANAPHORS and _is_anaphoric(token) and events:
                _enrich(events[-1], _build_event(context, events[-1].type, token))
            elif events and events[-1].type.meeting_like and (members := _delegation(context, token)):
                for member in members:
                    events[-1].add(events[-1].type.object_role, member)
            continue
        if _completes_another_trigger(token, types[0]) or _names_a_post(context, token):
            continue
        is_noun = token.pos_ in ("NOUN", "PROPN")
        if is_noun and _is_anaphoric(token) and types[0].name in latest_of_type:
            # "The meeting was also attended by …": more people on the object side of the meeting before
            etype = types[0]
            earlier, mention = latest_of_type[etype.name], _build_event(context, etype, token)
            newcomers = [e for e in mention.participants if e not in earlier.participants]
            _enrich(earlier, mention, as_role=etype.object_role)
            _seat_companions(context, earlier, newcomers)
            continue
        event = next((e for e in (_build_event(context, t, token) for t in types) if _fits(context, e)), None)
        if event is None:
            continue
        told = _told_before(event, latest_of_type, by_trigger)
        if told is not None:
            _enrich(told, event)
            by_trigger[token.i] = told
            continue
        by_trigger[token.i] = event
        if event.participants:
            events.append(event)
            latest_of_type[event.type.name] = event
        elif is_noun:
            pending.append(event)
    events = _merge_coreferent(events, pending)
    return [event for event in events if _is_valid(event)]


#: Dependencies by which a trigger completes another trigger rather than naming an event of its own:
#: "abstained from voting" (pcomp), "the communiqué was signed" (nsubjpass), "co-host the Ministerial Meeting"
#: (compound inside the event's name).
COMPLEMENT_DEPS = frozenset({"pcomp", "xcomp", "dobj", "pobj", "nsubjpass", "compound"})


def _told_before(event: Event, latest_of_type: dict[str, Event], by_trigger: dict[int, Event]) -> Event | None:
    """The event already found that a verb trigger tells again, if any.

    A verb whose object is a definite noun of its own type tells the event that noun points back to ("Pakistan
    and Chile signed a joint communique. Ambassador X signed the communique on behalf of …"). In a type told in
    joint clauses (``events.yaml``), a clause joined to another trigger of the type adds to it ("A signed on
    behalf of Pakistan while his counterpart B signed on behalf of Chile").
    """
    trigger, etype = event.trigger, event.type
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and _is_anaphoric(child) and trigger_type(child) is etype:
            if (earlier := latest_of_type.get(etype.name)) is not None:
                return earlier
    if etype.joint_clauses and trigger.dep_ in ("conj", "advcl"):
        joined = by_trigger.get(trigger.head.i)
        return joined if joined is not None and joined.type is etype else None
    return None


def _fits(context: ArticleContext, event: Event) -> bool:
    """Whether a trigger meets its type's conditions: a person received or hosted ("received the UN chief", not
    "received the award"), a partner to talk with ("discussed X with Y", "A and B discussed"), an award won, a UN
    organ entered."""
    etype, trigger = event.type, event.trigger
    lemma = _lemma(trigger)
    if lemma in etype.needs_person_object and not any(
        e.kind is EntityKind.PERSON for e in event.roles.get(etype.object_role, ())
    ):
        return False
    if lemma in etype.needs_award and not _mentions_award(trigger):
        return False
    if lemma in etype.needs_partner and not event.roles.get(etype.object_role):
        return False  # "to discuss modern challenges": a topic, no one to meet
    if lemma in etype.needs_event_object and not _governs_event(trigger):
        return False
    if lemma in etype.needs_place and not event.places:
        return False
    if lemma in etype.needs_mission and not _has_mission(context, event):
        return False
    return lemma not in etype.needs_organ_object or _has_organ_object(context, trigger)


def _governs_event(verb: Token) -> bool:
    """True when what the verb governs is an event: its object or passive subject ("co-host the forum"), or the
    noun it modifies ("a summit convened by X"), never "hosting refugees" or "a dinner party hosted by X"."""
    governed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl":
        governed.append(verb.head)
    return any(trigger_types(noun) or _lemma(noun) in EVENT_ANAPHORS for noun in governed)


def _seat_companions(context: ArticleContext, event: Event, newcomers: list[Entity]) -> None:
    """Seat the people who joined a meeting of two ("… was also attended by X") beside the one they came with.

    The side is read from the posts the article gives (see :func:`_serves`): a newcomer who serves another state
    or organisation than one party, and not another than the other party, belongs to the other party's
    delegation ("the meeting between the Interior Minister and the Secretary-General was also attended by
    Pakistan's Permanent Representative"; "the Prime Minister and the President of the General Assembly met ...
    also in attendance was the foreign minister"). Without posts to tell, the newcomer meets both.
    """
    parties = [e for e in event.people if e not in newcomers and e not in event.companions]
    if len(parties) != 2:
        return
    serves = _serves(context)
    for person in (e for e in newcomers if e.kind is EntityKind.PERSON and e in serves):
        apart = [_apart(serves[person], serves.get(party)) for party in parties]
        if apart.count(True) == 1:
            event.companions[person] = parties[apart.index(False)]


#: Title kinds of a post in a state's own government, whichever state the article leaves unsaid.
NATIONAL_TITLE_KINDS = frozenset({"government", "legislative", "royal"})


def _serves(context: ArticleContext) -> dict[Entity, tuple[str, Entity | None]]:
    """Whom each person of the article serves, by their posts: ("state", the state) for a post of a named state,
    ("national", None) for a government post of a state left unsaid ("Minister of Foreign Affairs"), ("org", the
    organisation) for a post in an international one ("President of the General Assembly")."""
    serves: dict[Entity, tuple[str, Entity | None]] = {}
    for position in _positions(context):
        known = serves.get(position.person)
        if position.state is not None:
            serves[position.person] = ("state", position.state)
        elif position.organisation is not None and (known is None or known[0] == "national"):
            serves[position.person] = ("org", position.organisation)
        elif known is None and position.kind in NATIONAL_TITLE_KINDS:
            serves[position.person] = ("national", None)
    return serves


def _apart(one: tuple[str, Entity | None], other: tuple[str, Entity | None] | None) -> bool:
    """True when two people surely serve different sides: two states, or a state and an international
    organisation; a government post of an unsaid state is apart only from an organisation."""
    if other is None or one == other:
        return False
    kinds = {one[0], other[0]}
    return kinds == {"state"} or "org" in kinds


def _delegation(context: ArticleContext, verb: Token) -> list[Entity]:
    """Members named by "The delegation included X and Y" (after a meeting, they took part in it)."""
    words = lexicon()
    if _lemma(verb) not in words.member_verbs or not any(
        c.dep_ == "nsubj" and _lemma(c) in words.group_nouns for c in verb.children
    ):
        return []
    return [e for c in verb.children if c.dep_ == "dobj" for e in _entities_of(context, c)]


def _completes_another_trigger(token: Token, etype: EventType) -> bool:
    """True when the token only completes another trigger: same type, or any event noun it is a compound of."""
    if token.dep_ == "compound" and trigger_type(token.head) is not None:
        return True
    head = token.head.head if token.head.pos_ == "ADP" else token.head
    return head.i != token.i and token.dep_ in COMPLEMENT_DEPS and trigger_type(head) is etype


def _names_a_post(context: ArticleContext, noun: Token) -> bool:
    """True for an event noun in the complement of a title: "Vice President of the 77th session of the General
    Assembly", "President of the Summit" name a post, not an event told."""
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.i in context.title_at


def _enrich(event: Event, mention: Event, *, as_role: str | None = None) -> None:
    """Give ``event`` the participants (in ``as_role`` if given), companions, date and places another mention of
    it adds."""
    for role, members in mention.roles.items():
        for entity in members:
            event.add(as_role or role, entity)
    for companion, party in mention.companions.items():
        event.companions.setdefault(companion, party)
    if event.time is None:
        event.time, event.future = mention.time, mention.future
    event.places += [p for p in mention.places if p not in event.places and p not in event.participants]


def _merge_coreferent(events: list[Event], pending: list[Event]) -> list[Event]:
    """Event coreference within an article.

    A statement is one per speaker (a speech reported by several "said"); a vote is one per voter and choice; a
    nominal mention with no participants ("next week's election") lends its date and place to the first event of
    its type; an event whose participants are all in an earlier event of its type is that event told again.
    """
    merged: list[Event] = []
    for event in events:
        same = next((m for m in merged if _same_occurrence(m, event)), None)
        if same is None:
            merged.append(event)
        else:
            _enrich(same, event)
            same.quote = same.quote or event.quote
    for mention in pending:
        target = next((e for e in merged if e.type is mention.type), None)
        if target is not None:
            _enrich(target, mention)
    return merged


def _same_occurrence(first: Event, second: Event) -> bool:
    if first.type is not second.type:
        return False
    if (role := first.type.occurrence_role) is not None:
        same_members = set(first.roles.get(role, ())) == set(second.roles.get(role, ())) != set()
        return same_members and first.choice == second.choice
    if first.places and second.places and not set(first.places) & set(second.places):
        return False
    if first.time is not None and second.time is not None and first.time.text != second.time.text:
        return False
    smaller, larger = sorted((set(first.participants), set(second.participants)), key=len)
    return smaller <= larger


def _build_event(context: ArticleContext, etype: EventType, trigger: Token) -> Event:
    """An event of ``etype`` triggered by ``trigger``, with its participants, time, places and details."""
    is_verb = trigger.pos_ in ("VERB", "AUX")
    if is_verb:
        subjects, objects = _verb_arguments(context, trigger, etype)
    else:
        subjects, objects = _noun_arguments(context, trigger, etype)
    if etype.reciprocal and not objects and len(set(subjects)) >= 2:
        subjects, objects = [], subjects  # "A and B met", "A and B held talks": each met the other
    event = Event(etype, trigger)
    venues = [e for e in (*subjects, *objects) if _is_venue(e)]
    for entity in subjects:
        if entity not in venues:
            event.add(etype.subject_role_of(trigger), entity)
    if etype.takes_objects(trigger):
        for entity in objects:
            if entity not in venues:
                event.add(etype.object_role, entity)
    event.time = _time_span(context, trigger)
    event.places = list(dict.fromkeys(p for p in (*_places(context, trigger), *venues) if p not in event.participants))
    event.future = any(refers_to_future(a) for a in _anchors(trigger) if a.pos_ in ("VERB", "AUX"))
    event.planned = event.future or _is_planned(trigger)
    if etype.has_choice:
        event.choice = _vote_choice(trigger)
    if etype.has_quote:
        event.quote = _quote(trigger)
    if not is_verb and trigger.pos_ == "PROPN":
        event.name = " ".join(t.text for t in trigger.subtree if t.i <= trigger.i and t.dep_ != "det")
    return event
