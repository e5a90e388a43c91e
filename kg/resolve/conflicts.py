"""Conflicting claims across the corpus: figures for the same subject and measure that cannot all hold.

Claims are never merged or corrected: each stays in its article's graph with its source. This step finds the
groups of claims (same final subject, measure and unit) in which two values cannot both be true, allowing for
hedges ("more than 5,000" and 5,200 agree) and for time (a figure "as of 2023" and one told in 2025 are two
readings of a count that changes). A group is reported once, with all its values and sources, so the
report grows with the number of measures, not with the square of the sources.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.claims import bounds, bounds_meet
from kg.facts import ArticleFacts, ClaimFact, EntityRef
from kg.resolve.corpus import Resolution


@dataclass(frozen=True, order=True)
class StatedClaim:
    """One claim of one article, located by the article key and the claim's position in the article's facts."""

    article: str
    index: int
    source: str
    value: Decimal
    hedge: str | None
    hedge_text: str | None
    as_of: str | None = None
    """The time the article says the figure holds ("as of 2023"), ISO at its precision, if it says one."""
    published: str | None = None
    """The article's publication date (ISO), the time a figure without an as-of time is told at."""

    def holds_with(self, other: StatedClaim) -> bool:
        """Whether two figures can be about the same moment: unless one of them is dated explicitly ("as of
        2023") and the other's time (its own as-of, else its article's date) differs at that precision, a 2023
        figure and a 2025 one are two readings of a changing count, not a conflict."""
        if self.as_of is None and other.as_of is None:
            return True
        mine, theirs = self.as_of or self.published, other.as_of or other.published
        if mine is None or theirs is None:
            return True
        precision = min(len(mine), len(theirs))
        return mine[:precision] == theirs[:precision]

    def describe(self) -> str:
        hedge = f"{self.hedge_text} " if self.hedge_text else ""
        return f"{hedge}{self.value} [{self.source}]"


@dataclass(frozen=True)
class ConflictGroup:
    """Claims about one subject and measure whose values do not all agree, and the pairs that clash."""

    subject: EntityRef
    subject_label: str
    measure: str
    unit: str | None
    claims: tuple[StatedClaim, ...]
    pairs: tuple[tuple[StatedClaim, StatedClaim], ...]

    def describe(self) -> str:
        """One line for a person: the subject and measure, then every stated value with its source."""
        unit = f" ({self.unit})" if self.unit else ""
        values = "; ".join(claim.describe() for claim in self.claims)
        return f"{self.subject_label}: {self.measure}{unit}: {values}"


def find_conflicts(corpus: Iterable[ArticleFacts], resolution: Resolution) -> list[ConflictGroup]:
    """The conflict groups of a corpus, sorted by subject and measure."""
    groups: dict[tuple[EntityRef, str, str | None], list[StatedClaim]] = {}
    for facts in corpus:
        for index, claim in enumerate(facts.claims):
            key = (resolution.final(claim.subject), claim.measure, claim.unit)
            groups.setdefault(key, []).append(_stated(facts, index, claim))
    conflicts = []
    for (subject, measure, unit), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")):
        members.sort()
        pairs = tuple(
            (a, b)
            for a, b in itertools.combinations(members, 2)
            if a.holds_with(b) and not bounds_meet(bounds(a.value, a.hedge), bounds(b.value, b.hedge))
        )
        if pairs:
            conflicts.append(ConflictGroup(subject, resolution.label(subject), measure, unit, tuple(members), pairs))
    return conflicts


def _stated(facts: ArticleFacts, index: int, claim: ClaimFact) -> StatedClaim:
    published = facts.article.date.isoformat() if facts.article.date else None
    as_of = claim.as_of.value if claim.as_of is not None else None
    return StatedClaim(
        facts.article.key, index, facts.article.source, claim.value, claim.hedge, claim.hedge_text, as_of, published
    )
