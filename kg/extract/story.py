"""The date of a news story, carried from its lead to the events the body tells as part of it.

A news story opens with its news: the lead says who did what and when ("Foreign Minister X and Commissioner Y on
Monday discussed …", "Pakistan and the Dominican Republic Friday signed …"). The paragraphs after it go on telling
that same occasion in the simple past without repeating the date ("X and Y reiterated …", "He briefed the minister
and emphasized …"), while background comes with a date of its own ("In June 2024, …"), in the present perfect
("has contributed since 1993"), in the future, or in the words of a quotation. So an event the parse leaves undated
takes the story's date when the body tells it like the lead: in the simple past, outside quotes, with no date of its
own in its sentence, after no "after/following", and about the people of the lead's occasion.

:func:`kg.extract.events.extract_events` dates what the parse ties to a trigger and the events of the lead; this
runs after it, on its facts, and never changes a date already given. An undated article gets nothing: relative
dates stay unresolved without a publication date (see :mod:`kg.extract.dates`).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext
from kg.extract.dates import refers_to_future, resolve_time, tells_past
from kg.extract.discourse import dateline_date, find_quotes, lead_paragraph
from kg.facts import EntityKind, EntityRef, EventFact, TimeFact

#: Prepositions after which an event happened at another time than the clause it modifies ("after being
#: deployed", "following their discussion").
SEQUENCE_PREPOSITIONS = frozenset({"after", "before", "following", "since", "until", "prior"})
#: How many arcs a date may stand from the word it dates, within one phrase: "on Monday discussed" is two (pobj,
#: prep), "at its meeting on Wednesday adopted" four.
DATE_REACH = 4
#: The arcs a date climbs inside a phrase. A clause boundary (ccomp, advcl, relcl, conj) stops it: in "forces said
#: a soldier was killed on Wednesday" or "funds last only through the end of May", the date tells another time.
PHRASE_DEPS = frozenset({"prep", "pobj", "npadvmod", "nmod", "compound", "poss", "appos", "amod", "nummod"})
#: Nouns of "on the sidelines of <gathering>": an event there happens during the gathering, and takes its date.
SIDELINE_NOUNS = frozenset({"sidelines", "sideline", "margins", "margin", "fringes", "fringe"})
#: Dependencies through which a participle or infinitive shares the time of the verb it hangs from ("He thanked
#: him, stressing …", "met to discuss").
SHARED_TIME_DEPS = frozenset({"advcl", "xcomp", "conj"})


def date_from_story(context: ArticleContext, events: list[EventFact]) -> None:
    """Date the events the parse leaves undated from the story around them (in place).

    An event "on the sidelines of" a gathering takes the gathering's date (:func:`_gathering_time`), one framed by
    a participle takes the participle's ("Speaking at the event on Tuesday, X said", :func:`_adjunct_time`). Then
    the undated events of the body told as part of the lead's occasion take the story's date.

    The story's date is the date of the first dated event of the lead told in the simple past, else the date the
    parse ties to the main verb of the lead's first sentence when that verb is in the simple past, else (same
    condition) the dateline's. An event takes it when :func:`_told_as_story` holds and it shares a person (or, when
    the lead names no person, any participant) with the events of the lead.
    """
    for event in events:
        if event.time is None:
            event.time = _gathering_time(context, event, events) or _adjunct_time(context, event)
    lead = lead_paragraph(context.doc.text)
    if context.article.date is None or lead is None:
        return
    story = _story_time(context, events, lead)
    if story is None:
        return
    told = [event for event in events if lead[0] <= event.trigger.begin < lead[1]]
    cast = _cast(told)
    for event in events:
        if event.time is not None or event.planned or event.trigger.begin < lead[1]:
            continue
        if cast and not cast & set(event.participants):
            continue
        trigger = _trigger(context, event)
        if trigger is not None and _told_as_story(context, trigger, story):
            event.time = story


def _trigger(context: ArticleContext, event: EventFact) -> Token | None:
    span = context.doc.char_span(event.trigger.begin, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _gathering_time(context: ArticleContext, event: EventFact, events: list[EventFact]) -> TimeFact | None:
    """The date of the gathering an event is placed "on the sidelines of": a date of that phrase ("on the
    sidelines of the Assembly session on Tuesday"), else the date of the gathering as an event of its own, or of
    the latest dated event told before under the same noun ("The session opened on Tuesday. On the sidelines of
    the session, …")."""
    trigger = _trigger(context, event)
    if trigger is None:
        return None
    verb = _clause_verb(trigger)
    for word in trigger.sent:
        if not (word.lower_ in SIDELINE_NOUNS and word.dep_ == "pobj" and word.head.head in (verb, trigger)):
            continue
        gathering = next((c for p in word.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
        span = _date_of(context, word) or (_date_of(context, gathering) if gathering is not None else None)
        if span is not None:
            time = context.time(span, future=refers_to_future(verb))
            return time if time.value is not None else None
        return _time_of_gathering(context, gathering, events) if gathering is not None else None
    return None


def _adjunct_time(context: ArticleContext, event: EventFact) -> TimeFact | None:
    """The date of a participle that frames the event's clause: "Speaking at the event on Tuesday, X said …",
    "Addressing the Council on Monday, X urged …" tell one moment. Only a bare participle counts (no subject, no
    "after"/"while"): "After arriving on Sunday, X met …" is another time."""
    trigger = _trigger(context, event)
    if trigger is None:
        return None
    verb = _clause_verb(trigger)
    for child in verb.children:
        if child.dep_ != "advcl" or child.tag_ not in ("VBG", "VBN"):
            continue
        if any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in child.children) or child.i > verb.i:
            continue
        span = _date_of(context, child)
        if span is not None:
            time = context.time(span, future=refers_to_future(verb))
            return time if time.value is not None else None
    return None


def _time_of_gathering(context: ArticleContext, gathering: Token, events: list[EventFact]) -> TimeFact | None:
    """The time of the event triggered by the noun ``gathering``, else of the latest dated event before it whose
    trigger is the same noun."""
    latest = None
    for event in events:
        trigger = _trigger(context, event)
        if event.time is None or event.time.value is None or trigger is None:
            continue
        if trigger == gathering:
            return event.time
        if trigger.i < gathering.i and trigger.lemma_.lower() == gathering.lemma_.lower():
            latest = event.time
    return latest


def _story_time(context: ArticleContext, events: list[EventFact], lead: tuple[int, int]) -> TimeFact | None:
    """The date of the lead's occasion (see :func:`date_from_story`), or None if the lead tells none in the past."""
    for event in events:
        if lead[0] <= event.trigger.begin < lead[1] and not event.planned and event.time and event.time.value:
            trigger = _trigger(context, event)
            if trigger is not None and tells_past(_clause_verb(trigger)):
                return event.time
    verb = _lead_verb(context, lead)
    if verb is None:
        return None
    span = _date_of(context, verb)
    if span is not None and (tells_past(verb) or _dated_before(context, verb, span)):
        time = context.time(span)
        return time if time.value is not None else None
    filed = dateline_date(context.doc)
    if filed is None or not tells_past(verb):
        return None
    time = context.time(filed)
    return time if time.value is not None else None


def _lead_verb(context: ArticleContext, lead: tuple[int, int]) -> Token | None:
    """The main verb of the lead's first sentence that has one (a dateline may stand as a sentence of its own)."""
    for sentence in context.doc.char_span(lead[0], lead[1], alignment_mode="expand").sents:
        if sentence.root.pos_ in ("VERB", "AUX"):
            return sentence.root
    return None


def _dated_before(context: ArticleContext, verb: Token, date: Span) -> bool:
    """A verb the tagger reads as present ("Taiana last week bid farewell": "bid", "set", "put" have one form for
    both) tells the past when its own date lies wholly before the publication date and nothing marks the future
    or the perfect."""
    value = resolve_time(date.text, context.article.date)
    last = value.end or value.value
    anchor = context.article.date
    if last is None or anchor is None or last[:10] >= anchor.isoformat()[: len(last)]:
        return False
    return not refers_to_future(verb) and not any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)


def _date_of(context: ArticleContext, word: Token) -> Span | None:
    """A date of ``word``'s sentence that hangs from it within one phrase (see :data:`PHRASE_DEPS`), at most
    :data:`DATE_REACH` arcs away ("Friday signed", "on Monday discussed"), the nearest first."""
    for date in sorted(context.dates_by_sentence.get(word.sent.start, ()), key=lambda d: abs(d.root.i - word.i)):
        node = date.root
        for _ in range(DATE_REACH):
            if node.head == node or node.dep_ not in PHRASE_DEPS:
                break
            node = node.head
            if node == word:
                return date
    return None


def _cast(told: list[EventFact]) -> set[EntityRef]:
    """Who the lead's occasion is about: the people of its events, else all their participants."""
    members = {ref for event in told for ref in event.participants}
    people = {ref for ref in members if ref[0] is EntityKind.PERSON}
    return people or members


def _told_as_story(context: ArticleContext, trigger: Token, story: TimeFact) -> bool:
    """Whether the clause of ``trigger`` tells the story's occasion: simple past, not quoted, no date of its own
    (one in a phrase of its verb or trigger), not introduced by a sequence preposition."""
    verb = _clause_verb(trigger)
    own = _date_of(context, verb) or _date_of(context, trigger)
    if (own is not None and own.start_char != story.mention.begin) or _quoted(trigger):
        return False
    if any(t.dep_ in ("pcomp", "pobj") and t.head.lower_ in SEQUENCE_PREPOSITIONS for t in (trigger, verb)):
        return False
    return tells_past(verb)


def _clause_verb(token: Token) -> Token:
    """The finite verb whose tense dates ``token``: a noun's governing verb ("held a meeting"), and for a
    participle or infinitive the verb it hangs from ("thanked him, stressing …")."""
    node = token
    for _ in range(DATE_REACH):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    while node.dep_ in SHARED_TIME_DEPS and node.tag_ in ("VBG", "VB", "VBN") and node.head != node:
        node = node.head
    return node


def _quoted(token: Token) -> bool:
    sentence = token.sent
    offset = token.idx - sentence.start_char
    return any(q.begin < offset < q.end for q in find_quotes(sentence.text))
