"""Events: typed, dated, placed facts with participants in roles, found by dependency-parse rules.

A trigger is a verb ("met", "was received by", "co-host") or a noun ("during their meeting", "at the signing
ceremony") listed in ``kg/knowledge/events.yaml``. Participants come from the parse around the trigger: subjects
(and the "by" agent of a passive) take the type's subject role, objects and "with/between/among" phrases its object
role, coordinated names share a role ("Pakistan and South Korea will co-host"), and "he"/"she" resolve to the
person named before. A definite event noun with no participants of its own ("The two-day event, scheduled for
15–16 April 2025") refers back to the latest event and adds its date and place.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.tokens import Span, Token

from kg import knowledge
from kg.extract.coref import antecedent, title_antecedent
from kg.extract.dates import LEMMA_SLIPS, PASSIVE_SCHEDULE_VERBS, refers_to_future, resolve_time, tells_past
from kg.extract.discourse import dateline_date, dateline_mark, find_quotes, lead_paragraph
from kg.extract.context import ArticleContext, mention_of
from kg.extract.roles import Position, find_positions, read_title_phrase
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


# --- arguments --------------------------------------------------------------------------------------------------


def _conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Pakistan, India and Bangladesh")."""
    return [token, *token.conjuncts]


def _entities_of(context: ArticleContext, token: Token) -> list[Entity]:
    """The participants an argument token stands for: its own entity, its conjuncts', a pronoun's antecedent, the
    person its noun phrase names ("The UN High Commissioner for Refugees, Filippo Grandi, called on …"), a bare
    title's holder ("the Secretary-General met …"), a delegation's leader, and for a person, the state it is "of"
    ("Ambassador X of Saint Lucia")."""
    found: list[Entity] = []
    for item in _conjuncts(token):
        if item.tag_ in ("WP", "WDT") and item.head.dep_ == "relcl":
            item = item.head.head  # "Lacroix, who called on him": the relative pronoun stands for its noun
        entity = context.entity_at(item) or antecedent(context, item)
        if entity is None and (listed := _listed_among(context, item)):
            found += listed
            continue
        if entity is None or entity.kind is not EntityKind.PERSON:
            # a name inside the phrase is who acts ("Yemen's Vice President A and Foreign Minister B"); an
            # organisation qualifying a title only says whose post it is
            if people := _people_in_phrase(context, item):
                found += people
                continue
        if entity is None and len(listed := _apposed_list(context, item)) > 1:
            found += listed  # "five states (Russia, Belarus, Syria, North Korea and Nicaragua) voted against"
            continue
        entity = entity or _named_after_title(context, item) or _title_holder(context, item) or _compound_entity(context, item)
        if entity is not None and entity.kind in PARTICIPANT_KINDS:
            found.append(entity)
        if entity is not None and entity.kind is EntityKind.PERSON:
            found.extend(_affiliation(context, item))
        found.extend(_group_leaders(context, item))
    return found


def _listed_among(context: ArticleContext, group: Token) -> list[Entity]:
    """Who an inverted "among" clause names as one of ``group``: "Among those (who were) in attendance at the
    meeting was Senator X", "Among the guests were A and B"."""
    preposition = group.head
    if group.dep_ != "pobj" or preposition.lower_ != "among" or _lemma(preposition.head) != "be":
        return []
    return [
        entity
        for named in preposition.head.children
        if named.dep_ in ("nsubj", "attr")
        for entity in _entities_of(context, named)
    ]


def _named_after_title(context: ArticleContext, token: Token) -> Entity | None:
    """The person named right after the title ``token`` belongs to, and after the title's complement: the parser
    may make the title the subject and the name an adverb ("Ambassador Rambally mentioned …", "Permanent
    Representative of Peru to the UN Ambassador X signed …")."""
    title = context.title_at.get(token.i)
    if title is None:
        return None
    return _person_named_at(context, max(title.end, read_title_phrase(context, title).end))


#: Dependencies that stay inside one noun phrase: a name in apposition, coordinated or compounded with its title.
PHRASE_DEPS = frozenset({"appos", "conj", "compound", "cc", "punct", "det", "amod", "nmod", "flat"})


def _people_in_phrase(context: ArticleContext, head: Token) -> list[Entity]:
    """People named inside the noun phrase of ``head``, through appositions, coordination and the title's own
    complement ("World Food Programme Regional Director for Asia and the Pacific John Aylieff"), never through
    another preposition or a clause, whose names are someone else ("the spokesman for X", "who met X")."""
    people: list[Entity] = []
    stack = [head]
    while stack:
        node = stack.pop()
        entity = context.entity_at(node)
        if entity is not None and entity.kind is EntityKind.PERSON and entity not in people:
            people.append(entity)
        stack += [c for c in node.children if c.dep_ in PHRASE_DEPS or c.i in context.title_at]
    return people


def _title_holder(context: ArticleContext, token: Token) -> Entity | None:
    """The person a title with no name of its own stands for ("the Secretary-General", "Germany's Foreign
    Minister"), if the article names one holder of it (see :func:`kg.extract.coref.title_antecedent`)."""
    title = context.title_at.get(token.i)
    if title is None:
        return None
    return title_antecedent(read_title_phrase(context, title), _positions(context))


_POSITIONS: WeakKeyDictionary[ArticleContext, list[Position]] = WeakKeyDictionary()


def _positions(context: ArticleContext) -> list[Position]:
    """The posts the article gives named people, read once per article."""
    if context not in _POSITIONS:
        _POSITIONS[context] = find_positions(context)
    return _POSITIONS[context]


def _compound_entity(context: ArticleContext, token: Token) -> Entity | None:
    """An entity compounded or apposed to a common noun: "the UNHCR chief", "Kenya's delegation, Amina Wekesa"."""
    for child in token.children:
        if child.dep_ in ("compound", "appos") and (entity := context.entity_at(child)) is not None:
            return entity
    return None


def _apposed_list(context: ArticleContext, token: Token) -> list[Entity]:
    """The participants a common noun lists in apposition: "five states (Russia, Belarus and Syria)"."""
    return [
        entity
        for child in token.children
        if child.dep_ == "appos"
        for item in _conjuncts(child)
        if (entity := context.entity_at(item)) is not None and entity.kind in PARTICIPANT_KINDS
    ]


def _group_leaders(context: ArticleContext, token: Token) -> list[Entity]:
    """The leader of a delegation: "the UN delegation led by Special Representative X"."""
    words = lexicon()
    if _lemma(token) not in words.group_nouns:
        return []
    return [
        entity
        for verb in token.children
        if verb.dep_ == "acl" and _lemma(verb) in words.leader_verbs
        for agent in verb.children
        if agent.dep_ == "agent"
        for entity in _name_group(context, agent)
    ]


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


#: How far a bracket may be from its closing mark to be skipped inside a group of names ("(WFP)", "(UNHCR)").
MAX_BRACKET_TOKENS = 8


def _name_group(context: ArticleContext, marker: Token) -> list[Entity]:
    """The participants named in a row after ``marker`` ("by", "between", "with"), read in text order.

    The small parser often mis-attaches long titled names ("with the Permanent Secretary for the Office of the
    Prime Minister, Yogesh Karan, and Fiji's Permanent Representative to the United Nations, Ambassador Satyendra
    Prasad"), so the group is read linearly: entity mentions, titles with their complements, bracketed acronyms
    and connectors are taken until the first other word. A name inside a title or its complement ("the UN High
    Commissioner", "representative to the UN") qualifies the title and is not a participant; a title with no
    name after it stands for its holder ("talks with the Foreign Minister").
    """
    connectors = set(knowledge.linguistic()["name_group_connectors"])
    doc, found = context.doc, []
    i, end = marker.i + 1, _sentence_end(marker)
    while i < end:
        token = doc[i]
        if (title := context.title_at.get(i)) is not None:
            phrase = read_title_phrase(context, title)
            i = max(phrase.end, title.end)
            holder = None if _name_follows(context, i) else title_antecedent(phrase, _positions(context))
            if holder is not None and holder not in found:
                found.append(holder)
            continue
        if token.text == "(" and (close := _closing_bracket(token)) is not None:
            i = close + 1
            continue
        entity = context.entity_at(token) or antecedent(context, token)
        if entity is not None:
            if entity.kind in PARTICIPANT_KINDS and entity not in found:
                found.append(entity)
        elif not (token.lower_ in connectors or token.pos_ == "PROPN" or token.is_quote):
            break
        i += 1
    return found


#: Tokens that end a sentence; the parser also breaks sentences after a bracket inside a name ("with the UN High
#: Commissioner for Refugees (UNHCR) | Filippo Grandi in Geneva."), where none of these stands.
SENTENCE_FINAL = frozenset({".", "!", "?", "…", '"', "”", "’", "'"})


def _sentence_end(token: Token) -> int:
    """Where the sentence of ``token`` really ends: past the breaks the parser makes where no sentence-final mark
    stands and the line goes on."""
    doc, sentence = token.doc, token.sent
    while (
        sentence.end < len(doc)
        and doc[sentence.end - 1].text not in SENTENCE_FINAL
        and "\n" not in doc[sentence.end - 1].whitespace_
        and not doc[sentence.end].is_space
    ):
        sentence = doc[sentence.end].sent
    return sentence.end


def _name_follows(context: ArticleContext, i: int) -> bool:
    return _person_named_at(context, i) is not None


def _person_named_at(context: ArticleContext, i: int) -> Entity | None:
    """The person named at token ``i``, after commas and further titles ("Minister of Foreign Affairs, Ali
    Sabry"; "Deputy Prime Minister and Foreign Minister Ishaq Dar"), if one is."""
    doc = context.doc
    while i < len(doc) and (doc[i].text == "," or doc[i].lower_ == "and" or i in context.title_at):
        i += 1
    entity = context.entity_at(doc[i]) if i < len(doc) else None
    return entity if entity is not None and entity.kind is EntityKind.PERSON else None


def _closing_bracket(token: Token) -> int | None:
    doc = token.doc
    limit = min(token.i + MAX_BRACKET_TOKENS, token.sent.end)
    return next((j for j in range(token.i + 1, limit) if doc[j].text == ")"), None)


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


# --- time and place ---------------------------------------------------------------------------------------------

#: Prepositions that introduce when an event happened ("on Tuesday", "in April", "during the 2022 floods"). Not
#: "since" or "until": "has contributed since 1960" dates the start of a span, not the event.
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "by", "from", "for", "between", "as"})
#: "for" introduces a time only after a verb of scheduling ("scheduled for 15–16 April"); elsewhere it gives a term
#: or a purpose ("elected a member for 2019–2020").
SCHEDULING_VERBS = PASSIVE_SCHEDULE_VERBS
#: Prepositions that put what they introduce before or after what they modify ("earned the award in 2011 after
#: being deployed in Bosnia in 1997", "following a meeting"): neither takes the other's date.
SEQUENCE_PREPOSITIONS = frozenset({"after", "before", "since", "until", "following", "prior", "ahead"})
#: Dependencies of a date that says by itself when ("Thursday", "next week's election", "(13–14 May 2025)").
TIME_MODIFIER_DEPS = frozenset({"npadvmod", "tmod", "poss", "nmod", "appos"})
#: Dependencies of a date inside a noun phrase ("The Wednesday meeting", "the 2022 floods").
NOMINAL_DATE_DEPS = frozenset({"compound", "nummod", "amod"})
#: Prepositions whose whole phrase is a time, so that a date inside its noun dates the event ("visiting Pakistan
#: during the 2022 floods").
PERIOD_PREPOSITIONS = frozenset({"during", "amid"})
#: How far (in dependency arcs) a date or place may be from the trigger or its head verb.
MAX_ATTACHMENT_DEPTH = 3
#: Day numbers the parse may leave out of a date before its month: "13–14" in "(13–14 May 2025)".
_DAYS_BEFORE_MONTH = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:[–—-]\d{1,2}(?:st|nd|rd|th)?)?|[–—-]")


def _anchors(trigger: Token) -> list[Token]:
    """Tokens a date or place of the event hangs from: the trigger, the verbs it is a complement of ("On June 6,
    X hopes to enter …"), and for a noun the verb it depends on, also across "of" ("A total of 180-member strong
    contingent … left Dhaka today"). A clause or noun after "after"/"before"/"following" stops the climb: it
    happened at another time than the verb it modifies."""
    anchors = [trigger]
    head = trigger
    while head.dep_ in ("xcomp", "pcomp", "prep") and head.head.i != head.i and not _in_sequence(head):
        head = head.head
        anchors.append(head)
    if trigger.pos_ in ("NOUN", "PROPN"):
        noun = trigger
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
            noun = noun.head.head
        head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
        if head.pos_ in ("VERB", "AUX") and head is not trigger and not _in_sequence(noun):
            anchors.append(head)
    return anchors


def _in_sequence(token: Token) -> bool:
    """"after being deployed", "following a meeting": the token is what a sequence preposition introduces."""
    return token.dep_ in ("pcomp", "pobj") and token.head.lower_ in SEQUENCE_PREPOSITIONS


def _attachment_depth(token: Token, anchors: list[Token]) -> int | None:
    """How many arcs up ``token`` meets one of ``anchors`` (at most :data:`MAX_ATTACHMENT_DEPTH`), through
    prepositions, nominal modifiers and clauses of the anchor, never through another event's verb; None if never."""
    node = token
    for depth in range(MAX_ATTACHMENT_DEPTH + 1):
        if node in anchors:
            return depth
        if node.head is node or node.dep_ in ("conj", "ccomp", "relcl"):
            return None
        node = node.head
    return None


def _attached(token: Token, anchors: list[Token]) -> bool:
    return _attachment_depth(token, anchors) is not None


def _time_span(context: ArticleContext, trigger: Token) -> Span | None:
    """The date the parse ties to the trigger (or to the verbs of :func:`_anchors`).

    A DATE entity counts when it says when by itself ("on Thursday", "Thursday", "next week's election", "scheduled
    for 15–16 April"), modifies the trigger ("The Wednesday meeting") or stands in a period phrase ("during the
    2022 floods"). The one fewest arcs from the trigger wins, then the nearest in the text. The dateline's date is
    left out: it dates the filing, and :func:`_date_from_story` decides which events take it.
    """
    anchors = _anchors(trigger)
    filed = dateline_date(context.doc)
    candidates: list[tuple[int, int, int, Span]] = []
    for ent in context.dates_by_sentence.get(trigger.sent.start, ()):
        if filed is not None and (ent.start, ent.end) == (filed.start, filed.end):
            continue
        if not _names_a_time(context, ent):
            continue
        holder = _date_holder(ent, trigger)
        depth = None if holder is None else _attachment_depth(holder, anchors)
        if depth is not None:
            candidates.append((depth, abs(ent.root.i - trigger.i), ent.start, ent))
    if not candidates:
        return None
    return _with_days(context, min(candidates, key=lambda c: c[:3])[3])


#: Any day serves to ask whether a date expression of an undated article names a point in time at all.
PROBE_ANCHOR = dt.date(2000, 1, 1)


def _names_a_time(context: ArticleContext, date: Span) -> bool:
    """False for a DATE entity that names no point or period in time, only a length ("The two-day event",
    "a three-year term"): it cannot say when the event happened."""
    return resolve_time(date.text, context.article.date or PROBE_ANCHOR).value is not None


def _date_holder(date: Span, trigger: Token) -> Token | None:
    """The token through which a date says when something happened, or None if it only describes a noun ("the
    2026–2028 term", "a two-year term")."""
    root = date.root
    if root.dep_ in TIME_MODIFIER_DEPS:
        return root
    if root.dep_ == "pobj" and _is_time_preposition(root.head):
        return root
    if root.dep_ in NOMINAL_DATE_DEPS:
        noun = root.head
        if noun == trigger:
            return root
        if noun.dep_ == "pobj" and noun.head.lower_ in PERIOD_PREPOSITIONS:
            return noun
    return None


def _is_time_preposition(preposition: Token) -> bool:
    word = preposition.lower_
    if word != "for":
        return word in TIME_PREPOSITIONS
    lemma = preposition.head.lemma_.lower()
    return LEMMA_SLIPS.get(lemma, lemma) in SCHEDULING_VERBS


def _with_days(context: ArticleContext, date: Span) -> Span:
    """The date with the day numbers the parse left before it, when the whole still reads as a date: "May 2025"
    in "(13–14 May 2025)" becomes "13–14 May 2025"."""
    doc, start = date.doc, date.start
    while start > date.sent.start and _DAYS_BEFORE_MONTH.fullmatch(doc[start - 1].text):
        start -= 1
    while start < date.start and not doc[start].text[:1].isdigit():
        start += 1
    if start == date.start:
        return date
    wider = doc[start : date.end]
    return wider if resolve_time(wider.text, context.article.date).value is not None else date


def _places(context: ArticleContext, trigger: Token) -> list[Entity]:
    """Places (or states) named in an "in/at" phrase attached to the trigger or its verb, and a place the verb
    governs ("visited the UN House", "toured the camp")."""
    anchors = _anchors(trigger)
    places: list[Entity] = []
    for token in trigger.sent:
        governed = token.dep_ == "dobj" and token.head.i == trigger.i
        if governed or token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and _attached(token, anchors):
            for item in _conjuncts(token):
                entity = context.entity_at(item)
                if entity is not None and entity.kind in LOCATION_KINDS and entity not in places:
                    places.append(entity)
    return places


# --- dates from the story ---------------------------------------------------------------------------------------

#: Prepositions that place an event at, or on the day of, another one told before it ("Speaking at the event",
#: "told reporters after the meeting", "Before the vote, …"): it takes that event's date.
SAME_DAY_PREPOSITIONS = frozenset({"at", "after", "before", "during", "following"})


def _date_from_story(context: ArticleContext, events: list[Event]) -> None:
    """Date the events the parse leaves undated, where the story itself dates them.

    An event placed "at/after/before/during the <event>" takes the date of the latest event of that type told
    before it (any type for "the event"), else the story's date. An event of the lead paragraph told in the simple
    past, in a sentence with no other date, takes the story's date: the date tied to the lead's main verb when it
    is in the simple past, else the dateline's. A present perfect ("has expressed"), a clause about the future, a
    quoted passage or an undated article get nothing.
    """
    story = _story_date(context)
    for event in events:
        if event.time is not None:
            continue
        referred = _referred_event(event, events)
        if referred is not None:
            if referred.time is not None or story is not None:
                event.time, event.future = (referred.time, referred.future) if referred.time is not None else (story, False)
            continue
        if story is not None and _told_in_story(context, event, story):
            event.time, event.future = story, False


def _story_date(context: ArticleContext) -> Span | None:
    """The date of the story: the one tied to the main verb of the lead's first sentence, told in the simple past
    ("The General Assembly on Thursday elected …"), else the dateline's date if that verb is in the simple past."""
    lead = lead_paragraph(context.doc.text)
    if lead is None:
        return None
    token = next((t for t in context.doc if t.idx >= lead[0] and not t.is_space), None)
    if token is None:
        return None
    verb = token.sent.root
    if verb.pos_ not in ("VERB", "AUX") or not tells_past(verb):
        return None
    return _time_span(context, verb) or dateline_date(context.doc)


def _referred_event(event: Event, events: list[Event]) -> Event | None:
    """The event an "at/after/before the <event noun>" phrase of ``event`` points back to, if any: the latest of
    its type told before the noun, or the noun's own mention when none was."""
    anchors = _anchors(event.trigger)
    for token in event.trigger.sent:
        if not (token.dep_ == "pobj" and token.head.lower_ in SAME_DAY_PREPOSITIONS and _is_anaphoric(token)):
            continue
        etype = trigger_type(token)
        if (etype is None and _lemma(token) not in EVENT_ANAPHORS) or not _attached(token.head, anchors):
            continue
        earlier = [e for e in events if e.trigger.i < token.i and e is not event and etype in (None, e.type)]
        return earlier[-1] if earlier else Event(etype or event.type, token)
    return None


def _told_in_story(context: ArticleContext, event: Event, story: Span) -> bool:
    """Whether ``event`` is told as part of the story of the lead (see :func:`_date_from_story`)."""
    lead = lead_paragraph(context.doc.text)
    trigger = event.trigger
    if event.future or lead is None or not lead[0] <= trigger.idx < lead[1]:
        return False
    if _in_sequence(trigger) or _in_quote(trigger):
        return False
    filed = dateline_date(context.doc)
    others = [
        d for d in context.dates_by_sentence.get(trigger.sent.start, ())
        if (d.start, d.end) not in {(story.start, story.end), (filed.start, filed.end) if filed is not None else None}
    ]
    if others:
        return False
    verb = next((a for a in _anchors(trigger) if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and tells_past(verb)


def _in_quote(token: Token) -> bool:
    """Whether ``token`` stands inside a quoted passage of its sentence."""
    sentence = token.sent
    offset = token.idx - sentence.start_char
    return any(q.begin < offset < q.end for q in find_quotes(sentence.text))


# --- extraction -------------------------------------------------------------------------------------------------


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
