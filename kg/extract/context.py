"""What a fact extractor sees of one article: its text, parse, resolved entities, and indexes built once.

Extractors are functions ``(ArticleContext) -> list[fact]``. They read the parse and return records of
:mod:`kg.facts`; they never build triples or IRIs. The context turns spaCy spans into plain :class:`Mention`
offsets and reads each time expression once, so two extractors never give one span two values.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.dates import resolve_time
from kg.facts import EntityFact, EntityKind, EntityRef, Mention, TimeFact
from kg.ingest.article import Article
from kg.nlp.components import TITLES_KEY
from kg.resolve.article import Entity


def sentence_offsets(span: Span) -> tuple[int, int]:
    """Character offsets of the sentence around ``span``, without the blank lines spaCy keeps at its edges."""
    tokens = [t for t in span.sent if not t.is_space]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def mention_of(span: Span) -> Mention:
    """The characters of ``span`` and of its sentence."""
    return Mention(span.start_char, span.end_char, sentence_offsets(span))


def entity_fact(entity: Entity) -> EntityFact:
    """The RDF-free record of a resolved entity: surface forms sorted, mentions in text order."""
    return EntityFact(
        kind=entity.kind,
        key=entity.key,
        label=entity.label,
        forms=tuple(sorted(entity.aliases | {entity.label})),
        mentions=tuple(sorted({mention_of(span) for span in entity.mentions})),
        registered=entity.registered,
    )


class ArticleContext:
    """Everything a fact extractor needs about one article: its text, parse and resolved entities."""

    def __init__(self, article: Article, doc: Doc, entities: list[Entity]) -> None:
        self.article = article
        self.doc = doc
        self.entities = entities
        self._by_token = {i: e for e in entities for span in e.mentions for i in range(span.start, span.end)}
        self._mention_by_token: dict[int, tuple[Entity, Span]] = {
            i: (e, span) for e in entities for span in e.mentions for i in range(span.start, span.end)
        }
        self.person_mentions: list[tuple[Span, Entity]] = sorted(
            ((span, e) for e in entities if e.kind is EntityKind.PERSON for span in e.mentions),
            key=lambda mention: mention[0].start,
        )
        """Every person mention in text order, so a pronoun finds its candidates by bisection, not by a scan."""
        self._times: dict[tuple[int, int], TimeFact] = {}
        titles = doc.spans[TITLES_KEY]
        self.title_at: dict[int, Span] = {i: title for title in titles for i in range(title.start, title.end)}
        """The job-title span each token belongs to (indexes built once: extractors look them up per token)."""
        self.title_ending_at: dict[int, Span] = {title.end: title for title in titles}
        """Title spans by the index of the token right after them."""
        self.dates_by_sentence: dict[int, list[Span]] = {}
        """DATE entities by the start of their sentence."""
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self.dates_by_sentence.setdefault(ent.sent.start, []).append(ent)

    def entity_at(self, token: Token) -> Entity | None:
        """The entity a token belongs to (as part of one of its mentions), if any."""
        return self._by_token.get(token.i)

    def mention_at(self, token: Token) -> tuple[Entity, Span] | None:
        """The entity a token belongs to and the span of the mention it is part of, if any."""
        return self._mention_by_token.get(token.i)

    @staticmethod
    def ref(entity: Entity) -> EntityRef:
        return entity.kind, entity.key

    def time(self, span: Span, *, future: bool = False) -> TimeFact:
        """The time expression of a date span, resolved against the article date.

        Read once per span: the first extractor to date something with it decides the reading (events run
        first), so one span never gets two values.
        """
        key = (span.start_char, span.end_char)
        if key not in self._times:
            value = resolve_time(span.text, self.article.date, future=future)
            self._times[key] = TimeFact(
                mention=mention_of(span),
                text=value.text,
                value=value.value,
                precision=value.precision,
                end=value.end,
                anchor=value.anchor,
            )
        return self._times[key]

    @property
    def times(self) -> list[TimeFact]:
        """Every time expression read so far, in text order."""
        return [self._times[key] for key in sorted(self._times)]
