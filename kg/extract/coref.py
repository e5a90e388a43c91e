"""Coreference, rule-based: "he added" points back to the person most recently named before it, and "the
Secretary-General" to the one person the article names with that title.

Good enough for news prose, where a quoted speaker is named and then referred to as "he"/"she" until another
person takes over, and where an official named once with a title is then called by the title alone. Plural and
first-person pronouns are left alone: "we" in a quote is the speaker's state, and guessing it would invent facts.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.context import ArticleContext
from kg.resolve.article import Entity, EntityKind
from kg.resolve.names import fold

if TYPE_CHECKING:  # roles reads titles with the pronoun resolution below, so it cannot be imported at run time
    from kg.extract.roles import Position, TitlePhrase

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})

#: How many sentences back a pronoun may reach for its antecedent.
MAX_SENTENCE_DISTANCE = 4


def antecedent(context: ArticleContext, token: Token) -> Entity | None:
    """The person a singular third-person pronoun refers to, or ``None`` when there is no safe choice.

    Candidates are person mentions before the pronoun, at most :data:`MAX_SENTENCE_DISTANCE` sentences back;
    the latest mention that is a grammatical subject wins, else the latest mention.
    """
    if token.lower_ not in PERSONAL_PRONOUNS:
        return None
    sentence = token.sent
    for _ in range(MAX_SENTENCE_DISTANCE):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    earliest = sentence.start
    mentions = context.person_mentions
    first, last = (bisect_left(mentions, i, key=lambda mention: mention[0].start) for i in (earliest, token.i))
    candidates = [(span, entity) for span, entity in mentions[first:last] if span.end <= token.i]
    if not candidates:
        return None
    subjects = [c for c in candidates if c[0].root.dep_ in ("nsubj", "nsubjpass")]
    return max(subjects or candidates, key=lambda c: c[0].start)[1]


def title_antecedent(phrase: TitlePhrase, positions: Sequence[Position]) -> Entity | None:
    """The person a title without a name of its own stands for ("the Secretary-General met …", "talks with
    Germany's Foreign Minister", "the minister said"), or ``None`` when there is no safe choice.

    The holder is the one person the article names with that title, before or after (a lead may name the post
    and the name come later), with the same state or organisation when the phrase gives one. A generic title
    stands for a specific one it ends with ("the minister" for the Interior Minister) when no one holds it
    exactly. Two different holders make the title ambiguous, and it is left alone.
    """
    wanted = fold(phrase.label)
    fitting = [
        position
        for position in positions
        if _same_or_unknown(phrase.state, position.state)
        and _same_or_unknown(phrase.organisation, position.organisation)
    ]
    holders = {p.person for p in fitting if fold(p.label) == wanted} or {
        p.person for p in fitting if fold(p.label).endswith(f" {wanted}")
    }
    return holders.pop() if len(holders) == 1 else None


def _same_or_unknown(stated: Entity | None, held: Entity | None) -> bool:
    return stated is None or held is None or stated == held
