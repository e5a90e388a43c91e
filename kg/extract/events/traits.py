"""What a trigger tells of its occurrence: planned or held, venue, mission or elective organ, vote choice,
quote, and whether an event is complete enough to keep.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg import knowledge
from kg.extract.discourse import find_quotes
from kg.extract.context import ArticleContext
from kg.facts import EntityKind
from kg.resolve.article import Entity
from kg.extract.events.triggers import Event, _lemma, lexicon, vote_choices
from kg.extract.events.time_place import _anchors


def _is_venue(entity: Entity) -> bool:
    """An organisation named for a building ("UN House"): where an event happens, not who takes part in it."""
    words = entity.label.lower().split()
    return entity.kind is EntityKind.ORGANISATION and bool(words) and words[-1] in lexicon().venue_nouns


#: Kinds of UN body that are peace operations, in which one serves or to which one is deployed.
MISSION_KINDS = frozenset({"peace-operation", "political-mission"})
#: Kinds of UN body one is elected to ("entering the Security Council"); joining the UN itself is admission.
ELECTIVE_BODY_KINDS = frozenset({"principal-organ", "subsidiary-body"})


def _has_organ_object(context: ArticleContext, verb: Token) -> bool:
    """True when the verb's direct object is itself a UN organ or subsidiary body."""
    for child in verb.children:
        entity = context.entity_at(child) if child.dep_ == "dobj" else None
        if entity is not None and entity.kind is EntityKind.UN_BODY:
            return knowledge.un_body(entity.key).kind in ELECTIVE_BODY_KINDS
    return False


def _is_planned(trigger: Token) -> bool:
    """Whether the event is told as intended, expected or scheduled rather than held, beyond what
    :func:`refers_to_future` reads for dating: a modal in reported speech ("said he would meet"), an intention in
    the past ("was expected to meet"), a modifier ("the proposed talks"). Words of ``events.yaml``'s ``planned``;
    read on the trigger, the verb it depends on and the verbs it is an infinitive or conjunct of; a participle
    that describes a noun ("will attend a dinner party hosted by X") shares the time of the verb of that noun."""
    words = lexicon()
    if any(c.dep_ in ("amod", "nmod", "compound") and c.lower_ in words.planned_modifiers for c in trigger.children):
        return True
    anchors = _anchors(trigger)
    if trigger.dep_ == "acl" and trigger.head.dep_ in ("dobj", "pobj", "nsubjpass"):
        noun = trigger.head
        anchors.append(noun.head.head if noun.head.pos_ == "ADP" else noun.head)
    for verb in anchors:
        while verb.pos_ in ("VERB", "AUX", "ADJ"):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in words.planned_modals for c in verb.children):
                return True
            if _lemma(verb) in words.intention_verbs and any(c.dep_ == "xcomp" for c in verb.children):
                return True
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                break
            verb = verb.head
    return False


def _mentions_award(verb: Token) -> bool:
    award_heads = {w.lower() for w in knowledge.linguistic()["award_heads"]}
    return any(t.lower_ in award_heads for t in verb.subtree)


def _vote_choice(trigger: Token) -> str | None:
    """The choice a vote verb expresses: its own lemma ("abstain") or the words after it ("in favour of")."""
    for choice, words in vote_choices().items():
        if _lemma(trigger) in words:
            return choice
    window = " ".join(t.lemma_.lower() for t in trigger.subtree if t.i >= trigger.i)
    for choice, words in vote_choices().items():
        if any(f" {w} " in f" {window} " for w in words):
            return choice
    return None


def _quote(trigger: Token) -> str | None:
    """The first closed quotation of the trigger's sentence, when the statement reports a quote."""
    sentence = trigger.sent.text
    closed = (q for q in find_quotes(sentence) if q.closed(sentence))
    quote = next(closed, None)
    return sentence[quote.begin + 1 : quote.end - 1].strip() if quote else None


def _is_valid(event: Event) -> bool:
    """Events need someone in them; meeting-like ones need two, or one and a place for a type that may be alone
    at a place (a visit to a city); votes need a voter and a choice; a type told
    once per member of a role (a statement per speaker) needs a member there ("told AFP" names no speaker)."""
    if (role := event.type.occurrence_role) is not None and not event.roles.get(role):
        return False
    if event.type.has_choice:
        return bool(event.participants) and event.choice is not None
    if event.type.meeting_like:
        return len(event.participants) >= 2 or (event.type.alone_at_a_place and bool(event.participants and event.places))
    return bool(event.participants)
