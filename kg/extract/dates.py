"""Resolve date and time expressions from news text to typed values at their real precision.

News dates are mostly relative ("on Tuesday", "last month", "June 6"): they mean something only against the
article's publication date, which is passed in as the *anchor*. Resolution never falls back to today's date, because
a graph built next year must say the same thing as one built today; without an anchor a relative expression keeps
its text and gets no value.

Single dates are read by ``dateparser``; this module adds only what it cannot do: ranges ("15–16 April 2025",
"2025–2026"), decades, "earlier/later this week", the rule that the anchor's own day or month counts as the nearest
occurrence, and a gate that keeps durations ("four years") and bare numbers from being read as dates.
"""
from __future__ import annotations

import datetime
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from spacy.tokens import Token

Precision = Literal["day", "month", "year"]
#: A resolution: value, end (ranges only), precision, and whether it depended on the anchor.
_Found = tuple[str, str | None, Precision, bool]
#: One end of a range: day, month and year as written (any may be missing).
_Parts = dict[str, str | None]

#: Words stripped from the front of an expression before it is parsed, longest first. Hedges such as "late" or
#: "mid-" are dropped too: "late May" is still a fact about May, at month precision.
LEADING_WORDS: tuple[str, ...] = (
    "as of", "the end of", "the start of", "the beginning of", "the middle of", "end of", "start of",
    "beginning of", "middle of", "throughout", "between", "during", "around", "since", "until", "from",
    "till", "on", "in", "by", "at", "early", "mid", "late", "the",
)
_LEADING = re.compile(r"^(?:" + "|".join(re.escape(w) for w in LEADING_WORDS) + r")\b[\s-]*", re.IGNORECASE)

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)

#: An expression is handed to dateparser only if it contains one of these: a calendar name, a four-digit year, a
#: numeric date, or a deictic word. dateparser happily reads durations ("four years" → four years ago) and bare
#: numbers ("10" → October), which spaCy also tags DATE; those have no date value.
_DATE_CUE = re.compile(
    rf"\b(?:{_MONTH}|{'|'.join(WEEKDAYS)}|\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}|today|tonight|yesterday|tomorrow|ago|"
    r"last|next|this|previous|coming)\b",
    re.IGNORECASE,
)
#: Spans dateparser misreads as points: "the last decade" is not the year ten years ago.
_NOT_A_POINT = re.compile(r"\b(?:decades?|century|centuries)\b", re.IGNORECASE)

#: Range separators between two date parts. Whitespace around a dash is optional ("15–16", "15 – 16").
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?:to|through|until|till|and)\s+", re.IGNORECASE)
_DAY_FIRST = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<m>{_MONTH})\.?)?(?:,?\s+(?P<y>\d{{4}}))?", re.IGNORECASE
)
_MONTH_FIRST = re.compile(rf"(?P<m>{_MONTH})\.?(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>\d{{4}}))?",
                          re.IGNORECASE)
_YEAR = re.compile(r"(?P<y>\d{4})")
_DAY_OF_MONTH = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)\b", re.IGNORECASE
)
#: "2019–20" style year ranges; only with an en/em dash or slash, since "2010-11" with a hyphen may be ISO year-month.
_SHORT_YEAR_RANGE = re.compile(r"(?P<y>\d{4})\s*[–—/]\s*(?P<e>\d{2})")
_DECADE = re.compile(r"(?P<y>\d{3}0)'?s", re.IGNORECASE)
#: "earlier this week" / "later this month": dateparser does not know the qualifier; it narrows a week to the part
#: before or after the anchor, and leaves month and year values as they are.
_WITHIN = re.compile(r"^(?P<q>earlier|later)\s+(?=this\b)", re.IGNORECASE)

#: "April this year", "5 May last year": dateparser reads neither, so the year is resolved first and put in place.
_IN_RELATIVE_YEAR = re.compile(r"(?P<date>.+?)\s+(?:of\s+)?(?P<year>(?:this|last|next)\s+year)", re.IGNORECASE)

#: Two reference dates used only to test whether an expression depends on a reference date at all (see
#: :func:`_is_relative`). Different weekday, day, month and year, so any dependence shows.
_PROBE_BASES: tuple[datetime.date, datetime.date] = (datetime.date(2001, 2, 3), datetime.date(2012, 9, 20))

#: Lemmas of auxiliaries that by themselves mark the future.
FUTURE_AUX: frozenset[str] = frozenset({"will", "shall"})
#: Modals that mark the future only together with "be" ("could be held"), since alone they are often past or
#: conditional ("could not agree on Tuesday").
MODALS_NEEDING_BE: frozenset[str] = frozenset({"can", "could", "would"})
#: Verbs (and "due") of intention or expectation that put the infinitive they govern in the future ("hopes to
#: enter", "is due to arrive").
INTENT_VERBS: frozenset[str] = frozenset({
    "hope", "plan", "expect", "intend", "aim", "want", "seek", "prepare", "propose", "promise", "pledge", "vow",
    "agree", "decide", "schedule", "set", "slate", "due", "poise",
})
#: Of those, the ones that mark the future even without an infinitive when passive ("is scheduled for Thursday").
PASSIVE_SCHEDULE_VERBS: frozenset[str] = frozenset({"schedule", "set", "slate", "expect", "plan"})
#: Lemmas en_core_web_sm gets wrong for these verbs ("hopes", "hoped", "hoping" → "hop"; "slated" → "slat").
LEMMA_SLIPS: dict[str, str] = {"hop": "hope", "slat": "slate"}
#: Adjectives that, on a noun of the clause, say it is about the future ("the upcoming summit is on June 6").
FUTURE_MODIFIERS: frozenset[str] = frozenset({"upcoming", "forthcoming", "coming", "next"})
#: Modals that, in a reported clause, tell the future as seen from the report ("She added that Kenya would present
#: its plan in December"): news reports speech in the past, so its "will" becomes "would".
REPORTED_FUTURE_MODALS: frozenset[str] = frozenset({"would"})
#: Dependencies of a clause reported by the verb it hangs from ("said that ...", "added that ...").
REPORTED_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp"})


@dataclass(frozen=True)
class TimeValue:
    """A time expression with its resolved value; ``value`` is None when the text cannot be pinned down."""

    text: str
    value: str | None = None
    precision: Precision | None = None
    end: str | None = None
    anchor: datetime.date | None = None


def resolve_time(text: str, anchor: datetime.date | None, *, future: bool = False) -> TimeValue:
    """Resolve ``text`` against the article date ``anchor``.

    Absolute expressions ("15 April 2025", "2011") resolve without an anchor and report ``anchor=None``. Relative
    ones resolve only with an anchor. A calendar name without a year ("Tuesday", "June 6", "May") means its nearest
    occurrence before the anchor, or after it when ``future`` is true (the clause is about the future, see
    :func:`refers_to_future`); the anchor's own day or month counts in both directions.
    """
    return _resolve_cached(text, anchor, future)


def refers_to_future(token: Token) -> bool:
    """Whether the clause headed by the verb ``token`` is about the future.

    Read from the dependency tree, not the words of the sentence: a future or modal auxiliary ("will", "'ll",
    "may be"), "going to", or an intention/expectation verb ("hopes to", "is expected to", "is scheduled for") on
    the verb or on the verbs it is an infinitive complement (xcomp) of; a headline or relative-clause infinitive
    ("UN to vote on Friday", "a meeting to be held next week"); or an "upcoming"/"next" modifier on a noun of the
    clause. A finite past tense met first on the way up ("met", "were expected to") makes the clause past.
    """
    chain = [token]
    while chain[-1].dep_ == "xcomp" and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    for verb in chain:
        auxes = _auxiliaries(verb)
        if _future_auxiliary(auxes) or _reported_future(verb, auxes):
            return True
        if _is_past(verb, auxes):
            return False
        if _intends(verb, auxes):
            return True
    top = chain[-1]
    if top.dep_ in ("ROOT", "acl", "relcl") and any(a.tag_ == "TO" for a in _auxiliaries(top)):
        return True
    return any(_has_future_modifier(noun) for noun in _clause_nouns(token))


def names_day_of_month(text: str) -> bool:
    """Whether ``text`` names a month and a day of it, in either order ("Apr. 24", "19th Nov, 2022", "Oct 04")."""
    return bool(_DAY_OF_MONTH.search(text))


def tells_past(verb: Token) -> bool:
    """Whether the clause headed by ``verb`` tells a finished event in the simple past ("met", "was received").

    A present perfect ("has urged") or past perfect ("had contributed") is not: news uses them for what happened
    at some time before the story's own day, so a date of the story says nothing about them.
    """
    auxes = _auxiliaries(verb)
    if any(a.lemma_.lower() == "have" for a in auxes):
        return False
    return _is_past(verb, auxes) and not refers_to_future(verb)


# --- resolution ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, anchor: datetime.date | None, future: bool) -> TimeValue:
    core, within = _normalise(text)
    sides = _range_sides(core)
    found = _resolve_range(*sides, anchor, future) if sides else _resolve_single(core, anchor, future, within)
    if found is None:
        return TimeValue(text)
    value, end, precision, relative = found
    return TimeValue(text, value, precision, end, anchor if relative else None)


def _normalise(text: str) -> tuple[str, str | None]:
    """Strip prepositions, hedges, possessives and punctuation; return the core and an earlier/later qualifier."""
    core = " ".join(text.split()).strip(" .,;:()")
    core = re.sub(r"['’]s$", "", core)
    previous = None
    while previous != core:
        previous = core
        core = _LEADING.sub("", core, count=1)
    within = _WITHIN.match(core)
    if within:
        core = core[within.end():]
    return core, within["q"].lower() if within else None


def _resolve_single(core: str, anchor: datetime.date | None, future: bool, within: str | None) -> _Found | None:
    if _YEAR.fullmatch(core):
        return core, None, "year", False
    decade = _DECADE.fullmatch(core)
    if decade:
        start = int(decade["y"])
        return str(start), str(start + 9), "year", False
    if not _DATE_CUE.search(core) or _NOT_A_POINT.search(core):
        return None
    in_year = _IN_RELATIVE_YEAR.fullmatch(core)
    if in_year and _date_parts(in_year["date"]):
        year = _resolve_single(in_year["year"], anchor, future, None)
        if year is None:
            return None
        dated = _resolve_single(f"{in_year['date']} {year[0]}", None, future, None)
        return None if dated is None else (dated[0], dated[1], dated[2], True)
    relative = _is_relative(core)
    if relative and anchor is None:
        return None
    base = anchor or _PROBE_BASES[0]
    parsed = _parse_directed(core, base, future) if relative else _parse(core, base, "past")
    if parsed is None:
        return None
    date, period = parsed
    if period == "week":
        monday = date - datetime.timedelta(days=date.weekday())
        begin, end = monday, monday + datetime.timedelta(days=6)
        if within == "earlier":
            end = base
        elif within == "later":
            begin = base
        return begin.isoformat(), end.isoformat(), "day", relative
    if period == "quarter":
        last = datetime.date(date.year, date.month + 2, 1)
        return _lexical(date, "month"), _lexical(last, "month"), "month", relative
    precision: Precision = period if period in ("month", "year") else "day"
    return _lexical(date, precision), None, precision, relative


def _parse_directed(core: str, anchor: datetime.date, future: bool) -> tuple[datetime.date, str] | None:
    """Parse a relative expression; pick the nearest occurrence in the wanted direction for calendar names.

    When past and future readings differ, the expression is a calendar name ("Tuesday", "June 6", "May"); it is
    then parsed from just beyond the anchor's own day or month, so that period itself counts as nearest.
    A named weekday that contradicts the date ("Tuesday, May 28" in a year where it is a Wednesday) flips the
    direction if the other reading fits.
    """
    past, ahead = _parse(core, anchor, "past"), _parse(core, anchor, "future")
    if past is None or ahead is None or past == ahead:
        return past or ahead
    chosen = _nearest(core, anchor, past[1], future)
    named = _WEEKDAY.search(core)
    weekday = WEEKDAYS.index(named[1].lower()) if named else None
    if chosen and weekday is not None and chosen[0].weekday() != weekday:
        other = _nearest(core, anchor, past[1], not future)
        if other and other[0].weekday() == weekday:
            return other
    return chosen


def _nearest(core: str, anchor: datetime.date, period: str, future: bool) -> tuple[datetime.date, str] | None:
    """Parse from the last day before (future) or the first day after (past) the anchor's own day or month."""
    if period == "month":
        first = anchor.replace(day=1)
        base = (first - datetime.timedelta(days=1)) if future else _next_month(first)
    else:
        base = anchor + datetime.timedelta(days=-1 if future else 1)
    return _parse(core, base, "future" if future else "past")


def _is_relative(core: str) -> bool:
    """An expression is relative iff its reading changes with the reference date (checked with two fixed ones)."""
    return _parse(core, _PROBE_BASES[0], "past") != _parse(core, _PROBE_BASES[1], "past")


@lru_cache(maxsize=16384)
def _parse(core: str, base: datetime.date, prefer: str) -> tuple[datetime.date, str] | None:
    """dateparser's reading of ``core`` against ``base``, as (date, period); None if it finds no date.

    The base is noon, so "two hours ago" stays on the same day; missing day and month default to the first, so
    "April 2025" and "2011" read the same against any base.
    """
    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time(12)),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "RETURN_TIME_AS_PERIOD": True,
            "TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser warns about the local timezone, which we never use
        data = parser.get_date_data(core)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


def _range_sides(core: str) -> tuple[_Parts, _Parts] | None:
    """Split a range into its two ends, each completed from the other: "15–16 April 2025", "April 15–16, 2025",
    "30 April – 2 May", "April–May 2025", "2025–2026", "2019–20". None if ``core`` is not a range."""
    short = _SHORT_YEAR_RANGE.fullmatch(core)
    if short:
        start = int(short["y"])
        end = str(start - start % 100 + int(short["e"]))
        return {"d": None, "m": None, "y": short["y"]}, {"d": None, "m": None, "y": end}
    halves = _RANGE_SEP.split(core, maxsplit=1)
    if len(halves) != 2:
        return None
    left, right = (_date_parts(h) for h in halves)
    if left is None or right is None:
        return None
    for part, other in ((left, right), (right, left)):
        if part["d"] and not part["m"]:
            part["m"] = other["m"]
        if part["m"] and not part["y"]:
            part["y"] = other["y"]
    shapes = {(bool(p["d"]), bool(p["m"])) for p in (left, right)}
    if len(shapes) != 1 or shapes == {(True, False)}:  # "2024-05" is a year-month, not a range from 2024 to a day
        return None
    return left, right


def _resolve_range(left: _Parts, right: _Parts, anchor: datetime.date | None, future: bool) -> _Found | None:
    """Resolve the end like a single date (it may need the anchor); the start takes the end's year if it has none."""
    end = _resolve_single(_spell(right), anchor, future, None)
    if end is None:
        return None
    end_value, _, precision, relative = end
    start_value = _resolve_single(_spell({**left, "y": left["y"] or end_value[:4]}), None, future, None)
    if start_value is None:
        return None
    if start_value[0] > end_value and not left["y"]:  # "28 December – 3 January": the start is in the year before
        start_value = _resolve_single(_spell({**left, "y": str(int(end_value[:4]) - 1)}), None, future, None)
    if start_value is None or start_value[0] >= end_value:
        return None
    return start_value[0], end_value, precision, relative


def _date_parts(side: str) -> _Parts | None:
    for pattern in (_DAY_FIRST, _MONTH_FIRST, _YEAR):
        match = pattern.fullmatch(side)
        if match:
            groups = match.groupdict()
            return {"d": groups.get("d"), "m": groups.get("m"), "y": groups["y"]}
    return None


def _spell(parts: _Parts) -> str:
    return " ".join(p for p in (parts["d"], parts["m"], parts["y"]) if p)


# --- helpers ------------------------------------------------------------------------------------------------------


def _lexical(date: datetime.date, precision: Precision) -> str:
    return {"day": date.isoformat(), "month": f"{date.year:04d}-{date.month:02d}", "year": f"{date.year:04d}"}[
        precision
    ]


def _next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


def _auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries; a conjunct without its own shares its head's ("will travel and meet")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and verb.head.i != verb.i:
        return _auxiliaries(verb.head)
    return auxes


def _future_auxiliary(auxes: list[Token]) -> bool:
    lemmas = {a.lemma_.lower() for a in auxes}
    if lemmas & FUTURE_AUX:
        return True
    modals = {a.lemma_.lower() for a in auxes if a.tag_ == "MD"}
    if not modals or "have" in lemmas:  # "may have met" is about the past
        return False
    return bool(modals - MODALS_NEEDING_BE) or "be" in lemmas


def _reported_future(verb: Token, auxes: list[Token]) -> bool:
    """"(She added that) Kenya would present ...": a future-in-the-past modal in a reported clause; "would have
    met" is about the past."""
    lemmas = {a.lemma_.lower() for a in auxes}
    return verb.dep_ in REPORTED_CLAUSE_DEPS and bool(lemmas & REPORTED_FUTURE_MODALS) and "have" not in lemmas


def _is_past(verb: Token, auxes: list[Token]) -> bool:
    """Finite past tense on the verb ("met"), its auxiliary ("were expected", "had failed") or, for a predicative
    adjective, its copula ("was due to")."""
    copula = [verb.head] if verb.dep_ == "acomp" else []
    return any("Past" in t.morph.get("Tense") and "Fin" in t.morph.get("VerbForm") for t in (verb, *auxes, *copula))


def _intends(verb: Token, auxes: list[Token]) -> bool:
    lemma = LEMMA_SLIPS.get(verb.lemma_.lower(), verb.lemma_.lower())
    governs_infinitive = any(c.dep_ == "xcomp" for c in verb.children)
    if lemma == "go" and verb.tag_ == "VBG" and governs_infinitive:  # "is going to visit"
        return True
    if lemma not in INTENT_VERBS:
        return False
    passive = any(a.dep_ == "auxpass" for a in auxes)
    return governs_infinitive or (passive and lemma in PASSIVE_SCHEDULE_VERBS)


def _clause_nouns(verb: Token) -> list[Token]:
    """Nouns directly in the clause: the verb's nominal dependents and the objects of its prepositions."""
    nouns = []
    for child in verb.children:
        if child.dep_ == "prep":
            nouns.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.pos_ in ("NOUN", "PROPN"):
            nouns.append(child)
    return nouns


def _has_future_modifier(noun: Token) -> bool:
    return any(c.dep_ in ("amod", "nmod") and c.lower_ in FUTURE_MODIFIERS for c in noun.children)
