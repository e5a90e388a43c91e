"""Participants in roles: the subjects, objects and "with" phrases of a verb, noun or clause trigger,
sorted into the event type's subject and object roles.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg import knowledge
from kg.extract.discourse import dateline_mark
from kg.extract.context import ArticleContext
from kg.extract.syntax import INHERITING_DEPS, subject_chain
from kg.facts import EntityKind
from kg.resolve.article import Entity
from kg.extract.events.triggers import (
    Event,
    EventType,
    LOCATION_KINDS,
    OBJECT_PREPOSITIONS,
    PARTICIPANT_KINDS,
    _lemma,
    lexicon,
    trigger_type,
)
from kg.extract.events.mentions import _entities_of, _name_group
from kg.extract.events.traits import MISSION_KINDS


def _verb_arguments(context: ArticleContext, verb: Token, etype: EventType) -> tuple[list[Entity], list[Entity]]:
    """(subject-side, object-side) participants of a verb, with passive voice and joint actions handled.

    The object's own "with"/"to" phrase joins the object side ("presented his credentials to X", "signed an
    agreement with Y"), except that the object of a verb that needs a partner is its topic, not a participant.
    """
    subjects: list[Entity] = []
    objects: list[Entity] = []
    for child in verb.children:
        dep = child.dep_
        if (mark := dateline_mark(child)) is not None:
            # "GENEVA – Kenya's foreign minister, X, was received …": the argument hangs from the dateline
            if dep in ("nsubj", "csubj", "nsubjpass"):
                (objects if dep == "nsubjpass" else subjects).extend(_after_dateline(context, child, mark))
            continue
        if dep in ("nsubj", "csubj") or (dep == "npadvmod" and context.entity_at(child)):
            subjects += _entities_of(context, child)
        elif dep == "nsubjpass":
            objects += _entities_of(context, child)
        elif dep == "agent":
            subjects += _name_group(context, child)
        elif dep in ("dobj", "dative"):
            if not etype.object_is_topic(verb):
                objects += _entities_of(context, child)
            objects += [e for prep in _object_prepositions(child) for e in _name_group(context, prep)]
        elif dep in ("prep", "prt") and child.lower_ in etype.object_prepositions:
            named = _name_group(context, child)
            # "deployed in the UNIFIL Mission, Lebanon": a state there is where, the mission who
            objects += named if child.lower_ in OBJECT_PREPOSITIONS else [e for e in named if e.kind not in LOCATION_KINDS]
    if not subjects and verb.dep_ == "acl" and (mark := dateline_mark(verb.head)) is not None:
        # "ISLAMABAD – Deputy Prime Minister X called on …": the parser hangs the verb and its subject on the dateline
        subjects = _after_dateline(context, verb.head, mark)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "troops to be deployed in Cyprus", "X, deployed with MONUSCO": a passive participle on a noun tells what
        # was done to it; the subject of the clause around it is someone else
        return subjects, objects + _entities_of(context, verb.head)
    if not subjects and any(c.dep_ == "auxpass" for c in verb.children):
        # a passive with no agent: the subject it shares is what was done to ("X hopes to be elected", "X earned
        # the award after being deployed"), and only a complement shares one ("bid farewell to the troops to be
        # deployed": not the minister)
        if verb.dep_ in ("xcomp", "pcomp") and not any(c.dep_ == "nsubjpass" for c in verb.children):
            objects += [e for token in _inherited_subjects(verb) for e in _entities_of(context, token)]
        return subjects, objects
    if not subjects and not any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        # a subject of its own that names no one ("the remaining 35 abstained") is not shared from elsewhere
        subjects = [e for token in _inherited_subjects(verb) for e in _entities_of(context, token)]
    if _lemma(verb) in knowledge.linguistic()["joint_action_verbs"]:
        subjects += [e for marker in _with_phrases(verb) for e in _name_group(context, marker)]
    return subjects, objects


def _after_dateline(context: ArticleContext, dateline: Token, mark: Token) -> list[Entity]:
    """The participants the parser hung on a dateline: its apposition after the mark ("GENEVA – Kenya's foreign
    minister, X, …"), else the names that follow the mark ("News from Berlin - UN High Commissioner X met …")."""
    appositions = [c for c in dateline.children if c.dep_ == "appos" and c.i > mark.i]
    return _entities_of(context, appositions[0]) if appositions else _name_group(context, mark)


def _object_prepositions(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS]


def _has_mission(context: ArticleContext, event: Event) -> bool:
    """True when a UN peace operation takes part in the event ("served with UNAMID")."""
    return any(
        e.kind is EntityKind.UN_BODY and knowledge.un_body(e.key).kind in MISSION_KINDS for e in event.participants
    )


def _inherited_subjects(verb: Token) -> list[Token]:
    """A verb without a subject of its own shares its head's: "Pakistan hopes to enter …", "… and offered …",
    "Pakistan hopes to represent the region by entering the Council". A participle the parser hangs inside a
    reported clause belongs to the verb that reports it when it is a trigger of the same type ("X said that
    Pakistan has been hosting refugees, adding that ...", "X said, Pakistan is ..., adding ...": X adds, not
    Pakistan)."""
    for head in list(subject_chain(verb, INHERITING_DEPS - {"relcl"}))[1:]:
        if verb.tag_ == "VBG" and (reporting := _reporting_verb(head, trigger_type(verb))) is not None:
            head = reporting
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
    return []


def _reporting_verb(clause: Token, etype: EventType | None) -> Token | None:
    """The verb of type ``etype`` that reports ``clause``: its head when the clause is its complement ("said that
    S"), or a verb set beside it ("S, X said, ...")."""
    if etype is None:
        return None
    if clause.dep_ == "ccomp" and trigger_type(clause.head) is etype:
        return clause.head
    return next((c for c in clause.children if c.dep_ == "parataxis" and trigger_type(c) is etype), None)


def _with_phrases(verb: Token) -> list[Token]:
    """"with" markers around a joint-action verb: "Pakistan, in partnership with South Korea, will co-host"."""
    return [t for t in verb.subtree if t.lower_ == "with" and t.dep_ == "prep" and t.i < verb.i]


def _noun_arguments(context: ArticleContext, noun: Token, etype: EventType) -> tuple[list[Entity], list[Entity]]:
    """(subject-side, object-side) participants of an event noun: "Pakistan's election", "talks between A and B",
    with those of the clause it stands in (see :func:`_clause_arguments`)."""
    subjects = [e for c in noun.children if c.dep_ == "poss" for e in _entities_of(context, c)]
    objects: list[Entity] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in (*OBJECT_PREPOSITIONS, "of", "by"):
            objects += _name_group(context, child)
        elif child.dep_ == "compound" and (entity := context.entity_at(child)) is not None:
            if entity.kind in PARTICIPANT_KINDS:
                objects.append(entity)
    clause_subjects, clause_objects = _clause_arguments(context, noun, etype)
    return subjects + clause_subjects, objects + clause_objects


def _clause_arguments(context: ArticleContext, noun: Token, etype: EventType) -> tuple[list[Entity], list[Entity]]:
    """Participants the clause around an event noun adds.

    A support verb's subject takes part, and its "with" phrase too ("X held talks with Y", "the meeting was
    attended by Z"); so does the subject of a clause the event is the setting of ("X expressed concern during a
    meeting with Y", "In a meeting with Y, X said"), unless the noun names its own sides ("during the meeting
    between A and B"); and so does the name an "on/during/at" phrase describes ("X, currently on a visit to Y,
    paid a call on Z"). Any other verb only speaks of the event ("the spokesman described the meeting").
    """
    words = lexicon()
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX") and _lemma(head) in words.support_verbs:
        return _verb_arguments(context, head, etype)
    verb = head.head
    own_sides = any(c.dep_ == "poss" or c.lower_ in ("between", "among", "amongst") for c in noun.children)
    if (
        noun.dep_ == "pobj"
        and head.lower_ in words.presence_prepositions
        and verb.pos_ in ("VERB", "AUX")
        and not own_sides
    ):
        return _verb_arguments(context, verb, etype)[0], []
    if noun.dep_ == "pobj" and head.lower_ in words.describing_prepositions and verb.pos_ == "PROPN" and not own_sides:
        return _entities_of(context, verb), []
    return [], []
