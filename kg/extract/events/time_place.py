"""Time and place of an event: the date the parse ties to a trigger, the places around it, and the story's
date for the events of the lead.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from kg.extract.dates import LEMMA_SLIPS, PASSIVE_SCHEDULE_VERBS, resolve_time, tells_past
from kg.extract.discourse import dateline_date, find_quotes, lead_paragraph
from kg.extract.context import ArticleContext
from kg.resolve.article import Entity
from kg.extract.events.triggers import EVENT_ANAPHORS, Event, LOCATION_KINDS, _is_anaphoric, _lemma, trigger_type
from kg.extract.events.mentions import _conjuncts

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
