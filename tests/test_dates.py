"""Time-expression resolution: absolute dates, ranges, relative dates against the article date, and tense."""
from __future__ import annotations

import datetime

import pytest
import rdflib
from rdflib import Literal

from kg.extract.dates import TimeValue, refers_to_future, resolve_time
from kg.rdf.mapping import date_literal

D = datetime.date
THURSDAY = D(2024, 5, 30)  # article date of most relative examples


# --- absolute expressions: no anchor needed, none reported -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision", "end"),
    [
        ("June 6, 2024", "2024-06-06", "day", None),
        ("15 April 2025", "2025-04-15", "day", None),
        ("April 2025", "2025-04", "month", None),
        ("as of March 2024", "2024-03", "month", None),
        ("2011", "2011", "year", None),
        ("in 1997", "1997", "year", None),
        ("since 1948", "1948", "year", None),
        ("mid-2025", "2025", "year", None),
        ("2024-05-28", "2024-05-28", "day", None),
        ("2025–2026", "2025", "year", "2026"),
        ("2025-2026", "2025", "year", "2026"),
        ("2019–20", "2019", "year", "2020"),
        ("between 2020 and 2022", "2020", "year", "2022"),
        ("the 1990s", "1990", "year", "1999"),
        ("15–16 April 2025", "2025-04-15", "day", "2025-04-16"),
        ("15-16 April 2025", "2025-04-15", "day", "2025-04-16"),
        ("13–14 May 2025", "2025-05-13", "day", "2025-05-14"),
        ("13 – 14 May 2025", "2025-05-13", "day", "2025-05-14"),
        ("April 15–16, 2025", "2025-04-15", "day", "2025-04-16"),
        ("30 April – 2 May 2025", "2025-04-30", "day", "2025-05-02"),
        ("from 1 to 3 July 2025", "2025-07-01", "day", "2025-07-03"),
        ("April–May 2025", "2025-04", "month", "2025-05"),
        ("September 2023 – March 2024", "2023-09", "month", "2024-03"),
    ],
)
def test_absolute_expressions_resolve_without_anchor(text, value, precision, end):
    result = resolve_time(text, None)
    assert (result.text, result.value, result.precision, result.end, result.anchor) == (
        text, value, precision, end, None
    )


def test_absolute_expression_does_not_report_an_unused_anchor():
    assert resolve_time("15 April 2025", THURSDAY).anchor is None
    assert resolve_time("15 April 2025", THURSDAY).value == "2025-04-15"


def test_hyphenated_year_month_is_not_a_range():
    assert resolve_time("2024-05", None) == TimeValue("2024-05", "2024-05", "month", None, None)


# --- relative expressions: resolved against the article date only -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "future", "value", "precision", "end"),
    [
        ("Tuesday", THURSDAY, False, "2024-05-28", "day", None),
        ("on Tuesday", THURSDAY, False, "2024-05-28", "day", None),
        ("Tuesday's", THURSDAY, False, "2024-05-28", "day", None),
        ("Saturday", D(2024, 6, 8), False, "2024-06-08", "day", None),  # the article's own weekday counts
        ("Thursday", THURSDAY, False, "2024-05-30", "day", None),
        ("Thursday", THURSDAY, True, "2024-05-30", "day", None),
        ("Tuesday", THURSDAY, True, "2024-06-04", "day", None),
        ("last Tuesday", THURSDAY, True, "2024-05-28", "day", None),  # explicit direction beats the clause's
        ("next Thursday", THURSDAY, False, "2024-06-06", "day", None),
        ("June 6", THURSDAY, True, "2024-06-06", "day", None),
        ("On June 6", THURSDAY, True, "2024-06-06", "day", None),
        ("June 6", D(2024, 7, 10), False, "2024-06-06", "day", None),
        ("June 6", THURSDAY, False, "2023-06-06", "day", None),  # nearest June 6 before the article
        ("June 6", D(2024, 6, 6), False, "2024-06-06", "day", None),
        ("5 June", THURSDAY, False, "2023-06-05", "day", None),
        ("Tuesday, May 28", THURSDAY, True, "2024-05-28", "day", None),  # the weekday picks the year
        ("last month", THURSDAY, False, "2024-04", "month", None),
        ("last month", D(2024, 3, 31), False, "2024-02", "month", None),
        ("next month", THURSDAY, True, "2024-06", "month", None),
        ("earlier this month", THURSDAY, False, "2024-05", "month", None),
        ("In May", D(2025, 7, 15), False, "2025-05", "month", None),
        ("May", THURSDAY, False, "2024-05", "month", None),
        ("May", THURSDAY, True, "2024-05", "month", None),  # the article's own month counts
        ("late May", THURSDAY, False, "2024-05", "month", None),
        ("last year", THURSDAY, False, "2023", "year", None),
        ("April this year", THURSDAY, False, "2024-04", "month", None),
        ("5 May last year", THURSDAY, False, "2023-05-05", "day", None),
        ("March next year", THURSDAY, True, "2025-03", "month", None),
        ("this year", THURSDAY, False, "2024", "year", None),
        ("by the end of this year", THURSDAY, True, "2024", "year", None),
        ("early next year", THURSDAY, True, "2025", "year", None),
        ("earlier this week", THURSDAY, False, "2024-05-27", "day", "2024-05-30"),
        ("later this week", THURSDAY, True, "2024-05-30", "day", "2024-06-02"),
        ("this week", THURSDAY, False, "2024-05-27", "day", "2024-06-02"),
        ("next week", THURSDAY, False, "2024-06-03", "day", "2024-06-09"),
        ("last week", THURSDAY, False, "2024-05-20", "day", "2024-05-26"),
        ("today", THURSDAY, False, "2024-05-30", "day", None),
        ("this morning", THURSDAY, False, "2024-05-30", "day", None),
        ("yesterday", THURSDAY, False, "2024-05-29", "day", None),
        ("three days ago", THURSDAY, False, "2024-05-27", "day", None),
        ("15-16 April", THURSDAY, False, "2024-04-15", "day", "2024-04-16"),
        ("15–16 April", THURSDAY, True, "2025-04-15", "day", "2025-04-16"),
        ("28 December – 3 January", D(2025, 1, 10), False, "2024-12-28", "day", "2025-01-03"),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(text, anchor, future, value, precision, end):
    result = resolve_time(text, anchor, future=future)
    assert (result.text, result.value, result.precision, result.end, result.anchor) == (
        text, value, precision, end, anchor
    )


@pytest.mark.parametrize(
    "text",
    ["Tuesday", "on Tuesday", "June 6", "In May", "last month", "last year", "this year", "April this year",
     "next week", "earlier this week", "today", "yesterday", "15-16 April", "15–16 April"],
)
def test_relative_expressions_stay_unresolved_without_anchor(text):
    assert resolve_time(text, None) == TimeValue(text)
    assert resolve_time(text, None, future=True) == TimeValue(text)


def test_resolution_never_uses_todays_date():
    """Against an old anchor every relative value lands near that anchor, whatever the date the test runs on."""
    anchor = D(1990, 3, 14)  # a Wednesday
    assert resolve_time("Tuesday", anchor).value == "1990-03-13"
    assert resolve_time("Tuesday", anchor, future=True).value == "1990-03-20"
    assert resolve_time("yesterday", anchor).value == "1990-03-13"
    assert resolve_time("this year", anchor).value == "1990"
    assert resolve_time("June 6", anchor).value == "1989-06-06"
    assert resolve_time("Tuesday", None).value is None


@pytest.mark.parametrize("text", ["four years", "20 years", "decades", "the last decade", "10", "one", "annual",
                                  "the weekend", "the following day", "90 days"])
def test_durations_and_vague_spans_have_no_value(text):
    assert resolve_time(text, THURSDAY).value is None


# --- typed literals ---------------------------------------------------------------------------------------------



def _start(time: TimeValue) -> Literal | None:
    """The literal the mapping writes for a resolved time (schema:startDate)."""
    return date_literal(time.value, time.precision)


def _end(time: TimeValue) -> Literal | None:
    """The literal the mapping writes for the end of a range (schema:endDate)."""
    return date_literal(time.end, time.precision)


@pytest.mark.parametrize(
    ("value", "precision", "datatype"),
    [
        ("2024-05-28", "day", rdflib.XSD.date),
        ("2024-05", "month", rdflib.XSD.gYearMonth),
        ("2024", "year", rdflib.XSD.gYear),
    ],
)
def test_literal_is_typed_at_its_precision(value, precision, datatype):
    literal = _start(TimeValue("x", value, precision))
    assert literal == Literal(value, datatype=datatype)
    assert literal.datatype == datatype
    assert str(literal) == value


def test_resolved_literals_keep_precision():
    assert _start(resolve_time("Tuesday", THURSDAY)).datatype == rdflib.XSD.date
    assert _start(resolve_time("last month", THURSDAY)).datatype == rdflib.XSD.gYearMonth
    assert _start(resolve_time("since 1948", None)).datatype == rdflib.XSD.gYear


def test_range_end_literal():
    result = resolve_time("15–16 April 2025", None)
    assert _start(result) == Literal("2025-04-15", datatype=rdflib.XSD.date)
    assert _end(result) == Literal("2025-04-16", datatype=rdflib.XSD.date)
    years = resolve_time("2025–2026", None)
    assert _end(years) == Literal("2026", datatype=rdflib.XSD.gYear)


def test_unresolved_has_no_literals():
    unresolved = resolve_time("Tuesday", None)
    assert _start(unresolved) is None
    assert _end(unresolved) is None
    assert _end(resolve_time("June 6, 2024", None)) is None


# --- tense of the clause ----------------------------------------------------------------------------------------


def _clause_verb(doc, date_word: str):
    """The verb (or copula) a date hangs from, found by walking up from the date's first token."""
    token = next(t for t in doc if t.text == date_word)
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
    return token


@pytest.mark.parametrize(
    ("sentence", "date_word", "future"),
    [
        ("Pakistan hopes to enter the Council on June 6.", "June", True),
        ("The ministers met on Tuesday.", "Tuesday", False),
        ("The summit will be held in Berlin next month.", "month", True),
        ("Officials are expected to sign the accord on Friday.", "Friday", True),
        ("He said on Monday that the talks had stalled.", "Monday", False),
        ("They'll meet in Geneva on Monday.", "Monday", True),
        ("The envoy is going to visit Kabul on Friday.", "Friday", True),
        ("The vote is scheduled for Thursday.", "Thursday", True),
        ("The Council is set to vote on Friday.", "Friday", True),
        ("The envoy is due to arrive on Friday.", "Friday", True),
        ("She plans to travel to Geneva next week.", "week", True),
        ("The council has agreed to hold talks next week.", "week", True),
        ("The talks may be postponed until June.", "June", True),
        ("UN to vote on ceasefire resolution on Friday.", "Friday", True),
        ("A meeting to be held next week will review the plan.", "week", True),
        ("The upcoming summit is on June 6.", "June", True),
        ("The delegation arrives next week.", "week", True),
        ("The envoy will travel to Kabul and meet officials on Friday.", "Friday", True),
        ("The ministers met on Tuesday and will meet again in July.", "Tuesday", False),
        ("The ministers met on Tuesday and will meet again in July.", "July", True),
        ("Officials were expected to sign the accord on Friday.", "Friday", False),
        ("The Council hoped to vote on Friday.", "Friday", False),
        ("The envoy was due to arrive on Friday.", "Friday", False),
        ("The envoy may have met rebels in March.", "March", False),
        ("The ministers could not agree on Tuesday.", "Tuesday", False),
        ("The delegation travelled to Geneva to attend talks on Friday.", "Friday", False),
        ("The Council adopted the resolution last week.", "week", False),
    ],
)
def test_refers_to_future(raw_nlp, sentence, date_word, future):
    assert refers_to_future(_clause_verb(raw_nlp(sentence), date_word)) is future


def test_refers_to_future_from_the_governing_verb(raw_nlp):
    """The intention verb itself, not only its infinitive, marks the clause as future."""
    doc = raw_nlp("Pakistan hopes to enter the Council on June 6.")
    assert refers_to_future(doc[1]) is True


def test_tense_and_resolution_together(raw_nlp):
    """The intended use: the clause's tense picks the direction for a year-less date."""
    doc = raw_nlp("Pakistan hopes to enter the Council on June 6.")
    future = refers_to_future(_clause_verb(doc, "June"))
    assert resolve_time("June 6", THURSDAY, future=future).value == "2024-06-06"
    doc = raw_nlp("The ministers met on Tuesday.")
    future = refers_to_future(_clause_verb(doc, "Tuesday"))
    assert resolve_time("Tuesday", THURSDAY, future=future).value == "2024-05-28"


# --- the story's date carried to the body (kg.extract.story) -------------------------------------------------------

#: A lead that dates its occasion ("on Monday"), then a body that tells it on without a date, beside background with
#: a date of its own and a statement by someone who is not at the occasion. The shape of a real agency story.
TALKS_STORY = (
    "AMMAN — Foreign Minister Omar Haddad and the newly appointed UNRWA Commissioner General Paul Marchetti on "
    "Monday discussed joint efforts to support Palestinian refugees.\n\n"
    "Haddad stressed that supporting UNRWA is an ongoing Jordanian effort.\n\n"
    "For his part, Marchetti highlighted the role of the Kingdom.\n\n"
    "UN spokesperson Zaid Nasser stressed that the agency needed funds.\n\n"
    "In June 2024, Jordan was elected to the Human Rights Council."
)


def _story_dates(nlp, text: str, date: datetime.date | None) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """(trigger, date value, participant keys) of each event the pipeline's extraction gives ``text``."""
    from kg.ingest import parse_article
    from kg.pipeline import extract_article

    article = parse_article((f" date {date.isoformat()} " if date else "") + text, "test.txt")
    facts = extract_article(article, nlp(article.text))
    return [
        (e.trigger_text, e.time.value if e.time else None, tuple(key for _, key in e.participants)) for e in facts.events
    ]


def test_the_body_takes_the_date_of_the_leads_occasion(nlp):
    events = _story_dates(nlp, TALKS_STORY, D(2020, 4, 6))  # a Monday
    assert ("stressed", "2020-04-06", ("omar-haddad",)) in events
    assert ("highlighted", "2020-04-06", ("paul-marchetti",)) in events


def test_someone_not_at_the_occasion_and_a_dated_background_keep_their_own(nlp):
    events = _story_dates(nlp, TALKS_STORY, D(2020, 4, 6))
    assert ("stressed", None, ("zaid-nasser",)) in events
    assert [value for trigger, value, _ in events if trigger == "elected"] == ["2024-06"]


def test_an_undated_article_gets_no_story_date(nlp):
    """Without a publication date "Monday" means nothing, so nothing is carried; "June 2024" needs no anchor."""
    events = _story_dates(nlp, TALKS_STORY, None)
    assert {trigger: value for trigger, value, _ in events if value is not None} == {"elected": "2024-06"}


def test_a_lead_date_with_no_event_of_the_lead_dates_the_body(nlp):
    """The dateline's agency credit holds the filing date (19 November); "Friday" of the lead's verb is the day the
    communique was signed, and the signing the body tells takes it."""
    text = (
        "UNITED NATIONS, (Globe News - 19th Nov, 2022 ) :Norway and Chile, two distant countries, Friday signed a joint "
        "communique formally establishing diplomatic relations between the two countries.\n\n"
        "Permanent Representative of Norway to the UN Ambassador Erik Lund signed the communique on behalf of the "
        "Norwegian government while his Chilean counterpart, Pablo Soto, signed on behalf of his government."
    )
    events = _story_dates(nlp, text, D(2022, 11, 19))
    assert [value for trigger, value, who in events if "erik-lund" in who] == ["2022-11-18"]


def test_a_past_date_makes_a_verb_of_one_form_past(nlp):
    """"bid", "set", "put" read the same in present and past; the tagger calls this one present, but "last week"
    tells the past, so the minister's words at the farewell take that week (a range, at day precision)."""
    text = (
        "Kenya's Defence Minister Carla Wanjiru last week bid farewell to the national troops to be deployed in Cyprus "
        "as part of the United Nations peacekeeping mission.\n\n"
        "Wanjiru presided over the ceremony at the training centre. “Our blue helmets are especially recognized in the "
        "world,” the minister said."
    )
    events = _story_dates(nlp, text, D(2022, 1, 24))
    assert ("said", "2022-01-17", ("carla-wanjiru",)) in events


def test_a_date_inside_a_reported_clause_is_not_the_storys(nlp):
    """"A soldier was killed on Wednesday, the forces said": Wednesday is the day of the killing, a clause of the
    report, not the day of the report; a later statement of someone else gets no date from it."""
    text = (
        "Dublin - A soldier was killed on a UN peacekeeping mission in Lebanon late on Wednesday, when a convoy came "
        "under fire, Ireland's defence forces said.\n\n"
        "Minister Liam Brennan took to Twitter to say that the country was united in grief."
    )
    events = _story_dates(nlp, text, D(2022, 12, 15))
    assert [value for trigger, value, who in events if "liam-brennan" in who] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Ali Raza met UN High Commissioner for Refugees Jan Berg on the sidelines of the UN General "
        "Assembly session on Tuesday.",
        "The 79th session of the UN General Assembly opened in New York on Tuesday.\n\n"
        "On the sidelines of the session, Foreign Minister Ali Raza met UN High Commissioner for Refugees Jan Berg.",
    ],
)
def test_an_event_on_the_sidelines_of_a_gathering_takes_its_date(nlp, text):
    events = _story_dates(nlp, text, D(2024, 9, 26))
    assert [value for trigger, value, who in events if trigger == "met"] == ["2024-09-24"]


def test_a_framing_participle_dates_the_clause(nlp):
    """"Speaking at the event on Tuesday, X said …": the participle and the verb tell one moment."""
    events = _story_dates(nlp, "Speaking at the event on Tuesday, Foreign Minister Ali Raza said the UN needed reform.",
                          D(2024, 4, 25))
    assert events == [("said", "2024-04-23", ("ali-raza",))]
