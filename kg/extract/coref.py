"""Pronoun resolution, rule-based: "he added" points back to the person most recently named before it.

Good enough for news prose, where a quoted speaker is named and then referred to as "he"/"she" until another
person takes over. Plural and first-person pronouns are left alone: "we" in a quote is the speaker's state, and
guessing it would invent facts.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext
from kg.resolve.article import Entity, EntityKind

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
    candidates = [
        (span, entity)
        for entity in context.entities
        if entity.kind is EntityKind.PERSON
        for span in entity.mentions
        if earliest <= span.start and span.end <= token.i
    ]
    if not candidates:
        return None
    subjects = [c for c in candidates if c[0].root.dep_ in ("nsubj", "nsubjpass")]
    return max(subjects or candidates, key=lambda c: c[0].start)[1]
