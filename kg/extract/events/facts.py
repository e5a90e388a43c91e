"""From events to facts: votes split by resolution, symmetric participant pairs and the EventFact records
:func:`extract_events` returns.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.context import ArticleContext, mention_of
from kg.facts import EntityKind, EventFact, ResolutionFact
from kg.resolve.article import Entity
from kg.extract.events.triggers import Event, _lemma
from kg.extract.events.time_place import _date_from_story
from kg.extract.events.finder import find_events


def _split_votes(context: ArticleContext, events: list[Event]) -> Iterator[tuple[Event, Token | None]]:
    """One vote per state (the type's ``one_per``), each on its resolution; votes with no resolution are dropped.

    An article is taken to be about one resolution: the first "resolution" it names before the vote. Later
    mentions ("the resolution", "the Ukraine resolution") are read as the same one.
    """
    resolutions = [t for t in context.doc if _lemma(t) == "resolution" and t.pos_ == "NOUN"]
    seen: set[tuple[str, str | None]] = set()
    for event in events:
        if event.type.one_per is None:
            yield event, None
            continue
        if not resolutions or resolutions[0].i >= event.trigger.sent.end:
            continue
        role, kind = event.type.one_per
        for member in event.roles.get(role, ()):
            if member.kind is kind and (member.key, event.choice) not in seen:
                seen.add((member.key, event.choice))
                single = Event(event.type, event.trigger, {role: [member]}, event.places, event.time,
                               event.future, choice=event.choice, planned=event.planned)
                yield single, resolutions[0]


def _resolution_fact(context: ArticleContext, first: Token) -> ResolutionFact:
    """The resolution first named at ``first``, labelled by its noun phrase."""
    phrase = context.doc[first.left_edge.i : first.right_edge.i + 1].text
    return ResolutionFact(mention_of(context.doc[first.i : first.i + 1]), phrase[:200])


#: Roles whose members all take part on an equal footing ("talks between A and B", both signatories); in other
#: roles (actor, host, speaker) the members stand on one side, and one side does not "meet" itself.
SYMMETRIC_ROLES = frozenset({"participant", "signatory"})


def _pairs(event: Event) -> list[tuple[Entity, Entity]]:
    """The pairs of people an event links: across roles ("X received Y and his delegation"), and within a
    symmetric role when it is the only one with people ("talks between A and B", two signatories); a companion
    stands where the one they came with stands, and meets neither them nor the others who came with them."""
    role = {e: role for role, members in event.roles.items() for e in members if e.kind is EntityKind.PERSON}
    party = {e: event.companions.get(e, e) for e in role}
    side = {e: role[party[e]] for e in role}
    one_side_only = len(set(side.values())) == 1
    people = sorted(side, key=lambda e: e.key)
    return [
        (first, second)
        for i, first in enumerate(people)
        for second in people[i + 1 :]
        if party[first] != party[second]
        and (side[first] != side[second] or (one_side_only and side[first] in SYMMETRIC_ROLES))
    ]


def _fact(context: ArticleContext, event: Event, resolution: Token | None) -> EventFact:
    """The RDF-free record of an event, with the pairs of people it brought together."""
    trigger = event.trigger.doc[event.trigger.i : event.trigger.i + 1]
    pairs = [(context.ref(a), context.ref(b)) for a, b in _pairs(event)]
    return EventFact(
        type=event.type.name,
        trigger=mention_of(trigger),
        trigger_text=event.trigger.text,
        roles={role: [context.ref(e) for e in members] for role, members in sorted(event.roles.items())},
        places=[context.ref(place) for place in event.places],
        time=context.time(event.time, future=event.future) if event.time is not None else None,
        name=event.name,
        quote=event.quote,
        choice=event.choice if resolution is not None else None,
        resolution=_resolution_fact(context, resolution) if resolution is not None else None,
        planned=event.planned,
        met=pairs if event.type.meeting_like and not event.planned else [],
        co_attended=pairs if not (event.type.meeting_like or event.planned) else [],
    )


def extract_events(context: ArticleContext) -> list[EventFact]:
    """Fact extractor: the article's events (votes split per state, each on its resolution) and who met whom."""
    events = find_events(context)
    _date_from_story(context, events)
    return [_fact(context, event, resolution) for event, resolution in _split_votes(context, events)]
