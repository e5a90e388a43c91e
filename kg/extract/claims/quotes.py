"""Quotes and speakers: who says a quote (attribution by speech verb and subject) and where paragraphs begin."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from spacy.tokens import Token

from kg.extract.coref import antecedent
from kg.extract.discourse import Quote, find_quotes
from kg.extract.events import event_types
from kg.extract.context import ArticleContext
from kg.extract.syntax import subject_chain
from kg.resolve.article import Entity


# --- quotes and speakers ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verbs that report speech: the triggers of Statement events (``events.yaml``)."""
    return next(etype.verbs for etype in event_types() if etype.name == "Statement")


def _resolve_subject(context: ArticleContext, token: Token) -> Entity | None:
    """The entity a subject token names, a pronoun's antecedent included."""
    return context.entity_at(token) or antecedent(context, token)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it depends on ("he said, pointing out that")."""
    for current in subject_chain(verb):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


def attribute_quotes(context: ArticleContext) -> list[Quote]:
    """Each quote with its speaker: a speech verb beside it in its sentences ("“...,” he said"), else, for a quote
    that opens its paragraph, the speaker of the quote just before it (a speech that goes on).

    Sentences and paragraph starts are listed once and found by bisection, so the work is linear in the text."""
    doc, text = context.doc, context.article.text
    sentences = list(doc.sents)
    sentence_ends = [sentence.end_char for sentence in sentences]
    paragraph_starts = _paragraph_starts(text)
    quotes = find_quotes(text)
    for index, quote in enumerate(quotes):
        around = []
        for sentence in sentences[bisect_right(sentence_ends, quote.begin) :]:
            if sentence.start_char >= quote.end:
                break
            around.append(sentence)
        verbs = (
            token
            for sentence in around
            for token in sentence
            if token.pos_ == "VERB" and token.lemma_.lower() in speech_verbs()
            and not quote.begin <= token.idx < quote.end
        )
        subject = next((subject for verb in verbs if (subject := _subject_of(verb)) is not None), None)
        if subject is not None:
            quote.attributed, quote.speaker = True, _resolve_subject(context, subject)
        elif index and _opens_paragraph(text, quote.begin):
            previous = quotes[index - 1]
            if bisect_right(paragraph_starts, quote.begin) - bisect_right(paragraph_starts, previous.begin) <= 1:
                quote.attributed, quote.speaker = previous.attributed, previous.speaker
    return quotes


def _paragraph_starts(text: str) -> list[int]:
    """The offset of every non-empty line (paragraph), in order."""
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts


def _opens_paragraph(text: str, begin: int) -> bool:
    line_start = text.rfind("\n", 0, begin) + 1
    return not text[line_start:begin].strip()
