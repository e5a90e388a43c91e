"""Tenure: when a person held a post, as far as the corpus attests it.

One article says only that on its publication day someone holds a post ("Pakistan's Permanent Representative Munir
Akram"), or held it before ("Pakistan's former Permanent Representative"). No article gives a term of office, so a
post's time is what the corpus attests: the publication dates of the first and the last article that name the person
in the post as current, and the first date an article calls them a former holder. A question such as "who was
Pakistan's Permanent Representative in 2020" is then answered by the articles of that time, and a former holder is
never a current one.

The words that mark a holding as over are a closed class, read from the few words before the title in the article
text; a start the text states ("Pakistan's envoy to the UN since Feb 2015") is read from the words after it. Attestations are pooled over the corpus like the entity summaries (:mod:`kg.resolve.corpus`): a
summary is a union of dates, so the result never depends on the order or the partition of the articles. Keys are
article-level until :func:`resolve_tenures` maps them to the final keys the corpus chose.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from kg.extract.dates import resolve_time
from kg.facts import ArticleFacts, EntityRef, Mention, PositionFact
from kg.resolve.names import slugify


class Status(str, Enum):
    """How an article tells a holding at its publication date."""

    CURRENT = "current"
    """Held then: no marker, or one that says it has just begun ("newly appointed") or is ending ("outgoing")."""
    FORMER = "former"
    """Over by then: "former", "ex-", "erstwhile"."""


#: Words before a title that say the holding was over at publication ("Pakistan's former Permanent Representative").
FORMER_WORDS: tuple[str, ...] = ("former", "ex", "erstwhile", "one-time", "onetime")
#: How many words before the title a marker may stand: "the former Pakistani", "newly appointed UNRWA" are two.
MARKER_REACH = 3
_WORD = re.compile(r"[\w’'-]+")
#: "<title> [of/to the UN …] since <date>": lower-case words allowed between a title and its "since" (besides
#: capitalised names), so "the Ambassador said that since 2019 …" is not read as a start.
SINCE_CONNECTORS = frozenset({"of", "to", "the", "for", "at", "in", "and", "'s", "’s"})
_SINCE = re.compile(r"^(?P<between>[^,;.()“”\"]*?)\bsince\s+(?P<date>[^,;()“”\"]+?)\s*(?:[,;.()“”\"]|$)")

PositionKey = tuple[EntityRef, str, EntityRef | None]
"""A holding: the person, the title's key (as in the position's IRI) and the state or organisation of the post."""


@dataclass
class Attestations:
    """The publication dates of the articles that state one holding, by how they state it."""

    current: set[dt.date] = field(default_factory=set)
    former: set[dt.date] = field(default_factory=set)
    since: set[tuple[str, str]] = field(default_factory=set)
    """Starts the text states, as (ISO value, precision)."""

    def update(self, other: Attestations) -> None:
        self.current |= other.current
        self.former |= other.former
        self.since |= other.since


@dataclass
class TenureSummary:
    """Attestations of every holding of a set of articles, by article-level key; two summaries combine."""

    holdings: dict[PositionKey, Attestations] = field(default_factory=dict)

    def add(self, facts: ArticleFacts) -> None:
        """Record the holdings one article states at its publication date, and any start it states ("since
        2019"); an undated article attests no date of its own."""
        published, text = facts.article.date, facts.article.text
        for position in facts.positions:
            attested = self.holdings.setdefault(position_key(position), Attestations())
            attested.since.update(start for m in position.evidence if (start := stated_start(text, m, published)))
            if published is not None:
                status = article_status(text, position)
                (attested.former if status is Status.FORMER else attested.current).add(published)

    def update(self, other: TenureSummary) -> None:
        for key, attested in other.holdings.items():
            self.holdings.setdefault(key, Attestations()).update(attested)


@dataclass(frozen=True)
class Tenure:
    """What the corpus attests of one holding: dates as ISO strings (``YYYY-MM-DD``), None when never attested."""

    first: str | None
    """Publication date of the first article naming the person in the post as current."""
    last: str | None
    """Publication date of the last such article."""
    ended_before: str | None
    """Publication date of the first article after ``last`` that calls the person a former holder: the holding
    had ended by then."""
    since: tuple[str, str] | None = None
    """The earliest start an article states ("since Feb 2015"), as (ISO value, precision)."""


def position_key(position: PositionFact, final: Callable[[EntityRef], EntityRef] = lambda ref: ref) -> PositionKey:
    """The key of a holding, with refs mapped by ``final``; the same key the position's IRI is minted from."""
    post_in = position.post_in
    return final(position.person), slugify(position.title), final(post_in) if post_in is not None else None


def mention_status(text: str, mention: Mention) -> Status:
    """How the words just before one title mention tell the holding (see :data:`FORMER_WORDS`).

    Only the :data:`MARKER_REACH` words before the title within its sentence count, and only up to a comma, so
    "the former minister's envoy, Ambassador X" marks the minister, not the ambassador.
    """
    before = text[mention.sentence[0] : mention.begin].rsplit(",", 1)[-1]
    words = [word.lower().strip("-") for word in _WORD.findall(before)][-MARKER_REACH:]
    return Status.FORMER if any(word in FORMER_WORDS for word in words) else Status.CURRENT


def stated_start(text: str, mention: Mention, published: dt.date | None) -> tuple[str, str] | None:
    """The start of the holding the words after a title mention state ("envoy to the UN since Feb 2015"), as
    (ISO value, precision), read against the publication date; None if they state none."""
    match = _SINCE.match(text[mention.end : mention.sentence[1]])
    if match is None:
        return None
    between = _WORD.findall(match["between"])
    if any(word.islower() and word not in SINCE_CONNECTORS for word in between):
        return None
    start = resolve_time(match["date"], published)
    return (start.value, start.precision) if start.value is not None and start.precision is not None else None


def article_status(text: str, position: PositionFact) -> Status:
    """An article states a holding as current if any of its mentions does, else as former."""
    statuses = {mention_status(text, mention) for mention in position.evidence}
    return Status.CURRENT if Status.CURRENT in statuses or not statuses else Status.FORMER


def resolve_tenures(
    summary: TenureSummary, final: Callable[[EntityRef], EntityRef]
) -> dict[PositionKey, Tenure]:
    """Pool the attestations under final keys (a surname-only mention joins the full name) and read each tenure."""
    pooled: dict[PositionKey, Attestations] = {}
    for (person, title, post_in), attested in sorted(summary.holdings.items(), key=lambda item: str(item[0])):
        key = (final(person), title, final(post_in) if post_in is not None else None)
        pooled.setdefault(key, Attestations()).update(attested)
    return {key: _tenure(attested) for key, attested in pooled.items()}


def _tenure(attested: Attestations) -> Tenure:
    first = min(attested.current, default=None)
    last = max(attested.current, default=None)
    ended = min((day for day in attested.former if last is None or day > last), default=None)
    return Tenure(_iso(first), _iso(last), _iso(ended), min(attested.since, default=None))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
