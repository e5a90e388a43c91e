"""Events: typed, dated, placed facts with participants in roles, found by dependency-parse rules.

A trigger is a verb ("met", "was received by", "co-host") or a noun ("during their meeting", "at the signing
ceremony") listed in ``kg/knowledge/events.yaml``. Participants come from the parse around the trigger: subjects
(and the "by" agent of a passive) take the type's subject role, objects and "with/between/among" phrases its object
role, coordinated names share a role ("Pakistan and South Korea will co-host"), and "he"/"she" resolve to the
person named before. A definite event noun with no participants of its own ("The two-day event, scheduled for
15–16 April 2025") refers back to the latest event and adds its date and place.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from kg import knowledge
from kg.extract.coref import antecedent
from kg.extract.dates import refers_to_future
from kg.extract.discourse import find_quotes, is_dateline
from kg.extract.context import ArticleContext, mention_of
from kg.extract.syntax import INHERITING_DEPS, subject_chain
from kg.facts import EntityKind, EventFact, ResolutionFact
from kg.resolve.article import Entity

#: Entity kinds that can take part in an event (places are where it happens, not who).
PARTICIPANT_KINDS = frozenset({EntityKind.PERSON, EntityKind.STATE, EntityKind.UN_BODY, EntityKind.ORGANISATION})
LOCATION_KINDS = frozenset({EntityKind.PLACE, EntityKind.STATE})

#: Prepositions whose object joins the event on the object side ("met with X", "talks between A and B").
OBJECT_PREPOSITIONS = frozenset({"with", "between", "among", "amongst", "on", "to"})
#: Nouns that refer back to an event already named ("the event", "the gathering"), besides the trigger nouns.
EVENT_ANAPHORS = frozenset({"event", "gathering"})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that"})
#: "The delegation included …": who else took part in the meeting just told.
DELEGATION_NOUNS = frozenset({"delegation", "entourage", "team"})
DELEGATION_VERBS = frozenset({"include", "comprise", "consist"})


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
    occurrence_role: str | None = None
    has_choice: bool = False
    one_per: tuple[str, EntityKind] | None = None
    has_quote: bool = False

    def subject_role_of(self, trigger: Token) -> str:
        return self.subject_roles_by_trigger.get(_lemma(trigger), self.subject_role)

    def takes_objects(self, trigger: Token) -> bool:
        return not self.object_verbs or _lemma(trigger) in self.object_verbs


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
            occurrence_role=spec.get("occurrence_role"),
            has_choice=bool(spec.get("choice")),
            one_per=(spec["one_per"]["role"], EntityKind(spec["one_per"]["kind"])) if "one_per" in spec else None,
            has_quote=bool(spec.get("quote")),
        )
        for name, spec in knowledge.events().items()
        if isinstance(spec, dict) and "subject_role" in spec
    )


@lru_cache(maxsize=1)
def vote_choices() -> dict[str, tuple[str, ...]]:
    return {choice: tuple(words) for choice, words in knowledge.events()["vote_choices"].items()}


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

    def add(self, role: str, entity: Entity) -> None:
        members = self.roles.setdefault(role, [])
        if entity not in members:
            members.append(entity)

    @property
    def participants(self) -> list[Entity]:
        return list(dict.fromkeys(e for members in self.roles.values() for e in members))

    @property
    def people(self) -> list[Entity]:
        return [e for e in self.participants if e.kind is EntityKind.PERSON]


# --- finding triggers -------------------------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def trigger_type(token: Token) -> EventType | None:
    """The event type ``token`` triggers, if any.

    Verbs and phrasal verbs are looked up first, then nouns; a noun modified by another event noun takes the
    modifier's type ("signing ceremony" is a signing, "ministerial meeting" a conference).
    """
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX"):
        for etype in event_types():
            if lemma in etype.verbs or any(lemma == v and _has_particle(token, p) for v, p in etype.phrasal):
                return etype
        return None
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for modifier in token.children:
        if modifier.dep_ in ("amod", "compound") and (etype := _noun_type(modifier)) is not None:
            return etype
    return _noun_type(token)


def _noun_type(token: Token) -> EventType | None:
    for etype in event_types():
        if _lemma(token) in etype.nouns or token.lower_ in etype.nouns:
            return etype
    return None


def _has_particle(token: Token, particle: str) -> bool:
    return any(_lemma(child) == particle or child.lower_ == particle for child in token.children)


# --- arguments --------------------------------------------------------------------------------------------------


def _conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Pakistan, India and Bangladesh")."""
    return [token, *token.conjuncts]


def _entities_of(context: ArticleContext, token: Token) -> list[Entity]:
    """The participants an argument token stands for: its own entity, its conjuncts', a pronoun's antecedent, and
    for a person, the state it is "of" ("Ambassador X of Saint Lucia")."""
    found: list[Entity] = []
    for item in _conjuncts(token):
        if item.tag_ in ("WP", "WDT") and item.head.dep_ == "relcl":
            item = item.head.head  # "Lacroix, who called on him": the relative pronoun stands for its noun
        entity = context.entity_at(item) or antecedent(context, item) or _named_after_title(context, item)
        if entity is None:
            # "Kenya's Cabinet Secretary for Foreign Affairs, Amina Wekesa": the name is a compound or apposition
            entity = next(
                (
                    e
                    for child in item.children
                    if child.dep_ in ("compound", "appos") and (e := context.entity_at(child) or _apposed(context, child))
                ),
                None,
            )
        if entity is not None and entity.kind in PARTICIPANT_KINDS:
            found.append(entity)
        if entity is not None and entity.kind is EntityKind.PERSON:
            found.extend(_affiliation(context, item))
    return found


def _named_after_title(context: ArticleContext, token: Token) -> Entity | None:
    """The person named right after the title ``token`` belongs to: the parser may make the title the subject
    and the name an adverb ("Ambassador Rambally mentioned …")."""
    title = context.title_at.get(token.i)
    if title is None or title.end >= len(context.doc):
        return None
    entity = context.entity_at(context.doc[title.end])
    return entity if entity is not None and entity.kind is EntityKind.PERSON else None


def _apposed(context: ArticleContext, token: Token) -> Entity | None:
    """The person named in apposition to ``token`` ("the envoy, Ambassador X"), if any."""
    for child in token.children:
        if child.dep_ == "appos" and (entity := context.entity_at(child)) is not None:
            return entity
    return None


def _affiliation(context: ArticleContext, person_token: Token) -> list[Entity]:
    """States a named person is said to be of: "Ambassador Menissa Rambally of Saint Lucia"."""
    states = []
    for prep in person_token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                entity = context.entity_at(obj)
                if entity is not None and entity.kind is EntityKind.STATE:
                    states.append(entity)
    return states


def _name_group(context: ArticleContext, marker: Token) -> list[Entity]:
    """The participants named in a row after ``marker`` ("by", "between", "with"), read in text order.

    The small parser often mis-attaches long titled names ("by Ambassador Menissa Rambally of Saint Lucia and
    Ambassador Munir Akram, Pakistan's permanent representative"), so the group is read linearly: entity mentions,
    titles and connectors are taken until the first other word. A name inside a title ("the UN High
    Commissioner") qualifies the title and is not a participant.
    """
    connectors = set(knowledge.linguistic()["name_group_connectors"])
    found: list[Entity] = []
    for token in context.doc[marker.i + 1 : marker.sent.end]:
        entity = None if token.i in context.title_at else context.entity_at(token) or antecedent(context, token)
        if entity is not None and _follows_post_to(context, token):
            continue  # "permanent representative to the UN": the post's organisation, not a participant
        if entity is not None:
            if entity.kind in PARTICIPANT_KINDS and entity not in found:
                found.append(entity)
        elif not (token.i in context.title_at or token.lower_ in connectors or token.pos_ == "PROPN" or token.is_quote):
            break
    return found


def _follows_post_to(context: ArticleContext, token: Token) -> bool:
    """True for a name after a title and "to" (skipping determiners): "representative to the UN", never "a visit
    to Indonesia"."""
    doc, previous = token.doc, token.i - 1
    while previous >= 0 and doc[previous].dep_ == "det":
        previous -= 1
    if previous < 1 or doc[previous].lower_ != "to":
        return False
    return previous in context.title_ending_at


def _verb_arguments(context: ArticleContext, verb: Token) -> tuple[list[Entity], list[Entity]]:
    """(subject-side, object-side) participants of a verb, with passive voice and joint actions handled."""
    subjects: list[Entity] = []
    objects: list[Entity] = []
    for child in verb.children:
        dep = child.dep_
        if is_dateline(child):
            # "GENEVA – Kenya's foreign minister, X, was received …": the argument hangs from the dateline
            appositions = [c for c in child.children if c.dep_ == "appos"]
            if not appositions:
                continue
            child = appositions[0]
        if dep in ("nsubj", "csubj") or (dep == "npadvmod" and context.entity_at(child)):
            subjects += _entities_of(context, child)
        elif dep == "nsubjpass":
            objects += _entities_of(context, child)
        elif dep == "agent":
            subjects += _name_group(context, child)
        elif dep in ("dobj", "dative"):
            objects += _entities_of(context, child)
        elif dep in ("prep", "prt") and child.lower_ in OBJECT_PREPOSITIONS:
            objects += _name_group(context, child)
    if not subjects:
        subjects = [e for token in _inherited_subjects(verb) for e in _entities_of(context, token)]
    if _lemma(verb) in knowledge.linguistic()["joint_action_verbs"]:
        subjects += [e for marker in _with_phrases(verb) for e in _name_group(context, marker)]
    return subjects, objects


def _inherited_subjects(verb: Token) -> list[Token]:
    """A verb without a subject of its own shares its head's: "Pakistan hopes to enter …", "… and offered …",
    "Pakistan hopes to represent the region by entering the Council"."""
    for head in list(subject_chain(verb, INHERITING_DEPS - {"relcl"}))[1:]:
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
    return []


def _with_phrases(verb: Token) -> list[Token]:
    """"with" markers around a joint-action verb: "Pakistan, in partnership with South Korea, will co-host"."""
    return [t for t in verb.subtree if t.lower_ == "with" and t.dep_ == "prep" and t.i < verb.i]


def _noun_arguments(context: ArticleContext, noun: Token) -> tuple[list[Entity], list[Entity]]:
    """(subject-side, object-side) participants of an event noun: "Pakistan's election", "talks between A and B"."""
    subjects = [e for c in noun.children if c.dep_ == "poss" for e in _entities_of(context, c)]
    objects: list[Entity] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in (*OBJECT_PREPOSITIONS, "of", "by"):
            objects += _name_group(context, child)
        elif child.dep_ == "compound" and (entity := context.entity_at(child)) is not None:
            if entity.kind in PARTICIPANT_KINDS:
                objects.append(entity)
    return subjects, objects


# --- time and place ---------------------------------------------------------------------------------------------

#: Prepositions that introduce when an event happened ("on Tuesday", "in April", "since 1960", "scheduled for …").
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "by", "from", "for", "between", "until", "as"})
#: How far (in dependency arcs) a date or place may be from the trigger or its head verb.
MAX_ATTACHMENT_DEPTH = 3


def _anchors(trigger: Token) -> list[Token]:
    """Tokens a date or place of the event hangs from: the trigger, and for a noun the verb it depends on."""
    anchors = [trigger]
    head = trigger
    while head.dep_ in ("xcomp", "pcomp", "prep") and head.head is not head:  # "On June 6, X hopes to enter …"
        head = head.head
        anchors.append(head)
    if trigger.pos_ in ("NOUN", "PROPN"):
        head = trigger.head.head if trigger.head.pos_ == "ADP" else trigger.head
        if head.pos_ in ("VERB", "AUX") and head is not trigger:
            anchors.append(head)
    return anchors


def _attached(token: Token, anchors: list[Token]) -> bool:
    """True when ``token`` hangs from one of ``anchors`` within :data:`MAX_ATTACHMENT_DEPTH` arcs, through
    prepositions, nominal modifiers and clauses of the anchor, never through another event's verb."""
    node = token
    for _ in range(MAX_ATTACHMENT_DEPTH + 1):
        if node in anchors:
            return True
        if node.head is node or node.dep_ in ("conj", "ccomp", "relcl"):
            return False
        node = node.head
    return False


def _time_span(context: ArticleContext, trigger: Token) -> Span | None:
    """The nearest DATE entity attached to the trigger (or its verb) through a time preposition or directly."""
    anchors = _anchors(trigger)
    candidates = []
    for ent in context.dates_by_sentence.get(trigger.sent.start, ()):
        root = ent.root
        direct = root.dep_ in ("npadvmod", "tmod", "poss", "nmod", "appos") or (
            root.dep_ == "pobj" and root.head.lower_ in TIME_PREPOSITIONS
        )
        if direct and _attached(root, anchors):
            candidates.append(ent)
    return min(candidates, key=lambda e: abs(e.root.i - trigger.i), default=None)


def _places(context: ArticleContext, trigger: Token) -> list[Entity]:
    """Places (or states) named in an "in/at" phrase attached to the trigger or its verb."""
    anchors = _anchors(trigger)
    places: list[Entity] = []
    for token in trigger.sent:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and _attached(token, anchors):
            for item in _conjuncts(token):
                entity = context.entity_at(item)
                if entity is not None and entity.kind in LOCATION_KINDS and entity not in places:
                    places.append(entity)
    return places


# --- extraction -------------------------------------------------------------------------------------------------


def find_events(context: ArticleContext) -> list[Event]:
    """All events of an article in text order, after event coreference (see :func:`_merge_coreferent`)."""
    events: list[Event] = []
    pending: list[Event] = []  # nominal mentions without participants: "next week's election", "the event"
    latest_of_type: dict[str, Event] = {}
    for token in context.doc:
        etype = trigger_type(token)
        if etype is None:
            if _lemma(token) in EVENT_ANAPHORS and _is_anaphoric(token) and events:
                _enrich(events[-1], _build_event(context, events[-1].type, token))
            elif events and events[-1].type.meeting_like and (members := _delegation(context, token)):
                for member in members:
                    events[-1].add(events[-1].type.object_role, member)
            continue
        if _completes_another_trigger(token, etype):
            continue
        event = _build_event(context, etype, token)
        is_noun = token.pos_ in ("NOUN", "PROPN")
        if is_noun and _is_anaphoric(token) and etype.name in latest_of_type:
            # "The meeting was also attended by …": more people on the object side of the meeting before
            _enrich(latest_of_type[etype.name], event, as_role=etype.object_role)
            continue
        if _lemma(token) in etype.needs_person_object and not any(
            e.kind is EntityKind.PERSON for e in event.roles.get(etype.object_role, ())
        ):
            continue
        if _lemma(token) in etype.needs_award and not _mentions_award(token):
            continue
        if _lemma(token) in etype.needs_organ_object and not _has_organ_object(context, token):
            continue
        if event.participants:
            events.append(event)
            latest_of_type[etype.name] = event
        elif is_noun:
            pending.append(event)
    events = _merge_coreferent(events, pending)
    return [event for event in events if _is_valid(event)]


#: Dependencies by which a trigger completes another trigger rather than naming an event of its own:
#: "abstained from voting" (pcomp), "the communiqué was signed" (nsubjpass), "co-host the Ministerial Meeting"
#: (compound inside the event's name).
COMPLEMENT_DEPS = frozenset({"pcomp", "xcomp", "dobj", "pobj", "nsubjpass", "compound"})


def _delegation(context: ArticleContext, verb: Token) -> list[Entity]:
    """Members named by "The delegation included X and Y" (after a meeting, they took part in it)."""
    if _lemma(verb) not in DELEGATION_VERBS or not any(
        c.dep_ == "nsubj" and _lemma(c) in DELEGATION_NOUNS for c in verb.children
    ):
        return []
    return [e for c in verb.children if c.dep_ == "dobj" for e in _entities_of(context, c)]


def _completes_another_trigger(token: Token, etype: EventType) -> bool:
    """True when the token only completes another trigger: same type, or any event noun it is a compound of."""
    if token.dep_ == "compound" and trigger_type(token.head) is not None:
        return True
    head = token.head.head if token.head.pos_ == "ADP" else token.head
    return head is not token and token.dep_ in COMPLEMENT_DEPS and trigger_type(head) is etype


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


def _enrich(event: Event, mention: Event, *, as_role: str | None = None) -> None:
    """Give ``event`` the participants (in ``as_role`` if given), date and places another mention of it adds."""
    for role, members in mention.roles.items():
        for entity in members:
            event.add(as_role or role, entity)
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
        subjects, objects = _verb_arguments(context, trigger)
    else:
        subjects, objects = _noun_arguments(context, trigger)
        verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass", "attr") else None
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            subjects += _verb_arguments(context, verb)[0]
    event = Event(etype, trigger)
    for entity in subjects:
        event.add(etype.subject_role_of(trigger), entity)
    if etype.takes_objects(trigger):
        for entity in objects:
            event.add(etype.object_role, entity)
    event.time = _time_span(context, trigger)
    event.places = [p for p in _places(context, trigger) if p not in event.participants]
    event.future = any(refers_to_future(a) for a in _anchors(trigger) if a.pos_ in ("VERB", "AUX"))
    if etype.has_choice:
        event.choice = _vote_choice(trigger)
    if etype.has_quote:
        event.quote = _quote(trigger)
    if not is_verb and trigger.pos_ == "PROPN":
        event.name = " ".join(t.text for t in trigger.subtree if t.i <= trigger.i and t.dep_ != "det")
    return event


#: Kinds of UN body one is elected to ("entering the Security Council"); joining the UN itself is admission.
ELECTIVE_BODY_KINDS = frozenset({"principal-organ", "subsidiary-body"})


def _has_organ_object(context: ArticleContext, verb: Token) -> bool:
    """True when the verb's direct object is itself a UN organ or subsidiary body."""
    for child in verb.children:
        entity = context.entity_at(child) if child.dep_ == "dobj" else None
        if entity is not None and entity.kind is EntityKind.UN_BODY:
            return knowledge.un_body(entity.key).kind in ELECTIVE_BODY_KINDS
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
    """Events need someone in them; meeting-like ones need two; votes need a voter and a choice."""
    if event.type.has_choice:
        return bool(event.participants) and event.choice is not None
    if event.type.meeting_like:
        return len(event.participants) >= 2
    return bool(event.participants)


# --- votes, resolutions and who met whom ------------------------------------------------------------------------


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
                               event.future, choice=event.choice)
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
    symmetric role when it is the only one with people ("talks between A and B", two signatories)."""
    side = {e: role for role, members in event.roles.items() for e in members if e.kind is EntityKind.PERSON}
    one_side_only = len(set(side.values())) == 1
    people = sorted(side, key=lambda e: e.key)
    return [
        (first, second)
        for i, first in enumerate(people)
        for second in people[i + 1 :]
        if side[first] != side[second] or (one_side_only and side[first] in SYMMETRIC_ROLES)
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
        planned=event.future,
        met=pairs if event.type.meeting_like else [],
        co_attended=[] if event.type.meeting_like else pairs,
    )


def extract_events(context: ArticleContext) -> list[EventFact]:
    """Fact extractor: the article's events (votes split per state, each on its resolution) and who met whom."""
    return [_fact(context, event, resolution) for event, resolution in _split_votes(context, find_events(context))]
