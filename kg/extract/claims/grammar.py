"""Parse helpers: what a number counts, the verb that governs it and its sense, the subject candidates, the as-of
and period-start dates around it, read from the dependency parse."""

from __future__ import annotations

from collections.abc import Iterable
from spacy.tokens import Doc, Span, Token

from kg.extract.dates import resolve_time
from kg.extract.context import ArticleContext
from kg.extract.syntax import subject_chain
from kg.extract.claims.lexicon import CLAUSE_DEPS, DESCRIPTION_DEPS, NounClass, REPORTED_DEPS, Sense, VERB_POS, lexicon
from kg.extract.claims.numbers import Quantity, _is_number_word
from kg.extract.claims.quotes import speech_verbs


# --- parse helpers ----------------------------------------------------------------------------------------------


def _counted_head(root: Token) -> Token | None:
    """The noun a number modifies: "235,000 peacekeepers", "over a hundred officials", "two North American
    countries" (a conjunct of another number's modifier)."""
    if root.dep_ in ("nummod", "quantmod", "compound") and root.head.i != root.i and root.head.pos_ in (
        "NOUN", "PROPN"
    ):
        return root.head
    if root.dep_ == "conj" and root.head.dep_ in ("amod", "nummod", "compound"):
        return root.head.head
    return None


def _noun_with_class(noun: Token) -> tuple[Token, NounClass] | None:
    """The noun (or its last coordinated noun: "military, police, and civilian peacekeepers") and its class."""
    for candidate in (noun, *reversed(noun.conjuncts)):
        if (found := _noun_class(candidate)) is not None:
            return candidate, found
    return None


def _noun_class(noun: Token) -> NounClass | None:
    nouns = lexicon().nouns
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and (found := nouns.get(f"{child.lemma_.lower()} {lemma}")):
            return found
    return nouns.get(lemma) if noun.pos_ in ("NOUN", "PROPN") else None


def _proper_modifiers(quantity: Quantity, noun: Token) -> str:
    """Modifiers between the number and its noun that tell one count from another: names that are not states
    ("28 European countries") and adjectives that are not vague ("five permanent members", "10 non-permanent
    members", but not "29 different nations"). A hyphenated word counts by its last part."""
    doc, vague = noun.doc, lexicon().vague_adjectives
    words: list[list[Token]] = [[]]
    for token in doc[quantity.span.end : noun.i]:
        if token.pos_ == "CCONJ" or _is_number_word(token):
            break
        words[-1].append(token)
        if token.whitespace_:
            words.append([])
    kept = []
    for word in words:
        last = word[-1] if word and word[-1].whitespace_ else None
        if last is None:
            continue
        named = last.text[:1].isupper() and not last.ent_kb_id_ and last.pos_ in ("ADJ", "PROPN")
        if named or (last.is_lower and last.pos_ == "ADJ" and last.lower_ not in vague):
            kept.append("".join(t.text_with_ws for t in word).strip())
    return " ".join(kept)


def _partitive(root: Token) -> Token | None:
    """The group of "182 of our bravest", "two of them"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _governing_verb(start: Token) -> tuple[Token, str | None, Token | None]:
    """Climb from the counted noun to the verb that governs it (or to the root of a clause without one); also
    return the preposition that introduces the noun ("in 48 missions") and the verb's object the climb passed
    through ("cost the lives of 181")."""
    preposition = start.head.lower_ if start.dep_ == "pobj" and start.head.pos_ == "ADP" else None
    previous = token = start
    # a reported clause ends the climb even when the parser took its verb for a noun ("..., UN peacekeeping costs
    # less than 0.5 per cent,” he said")
    while token.pos_ not in VERB_POS and token.head.i != token.i and token.dep_ not in CLAUSE_DEPS:
        previous, token = token, token.head
    via_object = previous if previous.dep_ == "dobj" and previous.i != start.i else None
    return token, preposition, via_object


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token stands in (the token itself when none is above it)."""
    while token.pos_ not in VERB_POS and token.head.i != token.i:
        token = token.head
    return token


def _sense(verb: Token) -> Sense | None:
    """The sense of a verb, from its most specific phrase ("lay down life" before "lay"), trying the verbs it
    governs as an infinitive when it has none ("are expected to join")."""
    senses = lexicon().senses
    for candidate in (verb, *(c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS)):
        lemma = candidate.lemma_.lower()
        particle = next((c.lower_ for c in candidate.children if c.dep_ == "prt"), "")
        obj = next((c.lemma_.lower() for c in candidate.children if c.dep_ == "dobj"), "")
        for phrase in (f"{lemma} {particle} {obj}", f"{lemma} {obj}", f"{lemma} {particle}", lemma):
            phrase = " ".join(phrase.split())
            if phrase in senses:
                return senses[phrase]
    return None


def _verb_word(verb: Token) -> str:
    """The verb as a measure writes it: the participle as written ("honoured"), else the lemma."""
    return verb.lower_ if verb.tag_ in ("VBN", "VBD") else verb.lemma_.lower()


def _phrase(noun: Token) -> str:
    """A noun with its adjective and noun modifiers, lower case: "annual budget", "global military spending"."""
    modifiers = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and not c.ent_kb_id_]
    return " ".join([*(m.lower_ for m in modifiers), noun.lower_])


def _of_complement(unit: Token) -> str | None:
    """"0.3 per cent of global military spending" → "global military spending"."""
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    return None


def _subjects(verb: Token, exclude: Span) -> Iterable[Token]:
    """The subject-side tokens of a verb and of the verbs it inherits a subject from, nearest first."""
    for current in subject_chain(verb):
        # nearest first: a dateline the parser reads as a second subject ("United Nations: ... Pakistan has ...")
        for child in sorted(current.children, key=lambda c: abs(c.i - current.i)):
            if exclude.start <= child.i < exclude.end:
                continue
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "NUM":
                yield child
            elif child.dep_ == "agent":
                yield from (c for c in child.children if c.dep_ == "pobj")


def _reporting_verb(verb: Token) -> Token | None:
    """The speech verb whose reported clause holds ``verb`` ("the statement noted", "pointing out that")."""
    token = verb
    while token.head.i != token.i:
        child, token = token, token.head
        if child.dep_ in REPORTED_DEPS and token.lemma_.lower() in speech_verbs():
            return token
    return None


def _as_of(context: ArticleContext, verb: Token, quantity: Quantity) -> Span | None:
    """The time the figure holds: a date in the clause introduced by "as of", "in" or "by" ("as of 2023"), or a
    date without preposition that resolves ("Last month, the military reported that ..."), on the clause or on the
    verbs that report it."""
    lex, doc = lexicon(), verb.doc
    clause = {t.i for t in verb.subtree}
    reporting = [verb]
    token = verb
    while token.dep_ in REPORTED_DEPS | {"conj"} and token.head.i != token.i:
        token = token.head
        reporting.append(token)
    direct = {c.i for v in reporting[1:] for c in v.children if c.dep_ in ("npadvmod", "prep")}
    for ent in context.dates_by_sentence.get(verb.sent.start, ()):
        if quantity.span.start <= ent.start < quantity.span.end:
            continue
        on_reporting_verb = any(t.i in direct or t.head.i in direct for t in ent)
        if ent.start not in clause and not on_reporting_verb:
            continue
        if ent.start in clause and _inside_description(ent.root, verb):
            continue
        marker = _marker_before(doc, ent.start)
        if marker in lex.as_of_markers:
            return ent
        if marker is None and resolve_time(ent.text, context.article.date).value is not None:
            return ent
    return None


def _period_start(context: ArticleContext, verb: Token, quantity: Quantity) -> str | None:
    """The start of the period a count runs over, as written ("since 1960"), from a date in the clause."""
    lex, doc = lexicon(), verb.doc
    clause = {t.i for t in verb.subtree}
    for ent in context.dates_by_sentence.get(verb.sent.start, ()):
        if ent.start in clause and not quantity.span.start <= ent.start < quantity.span.end:
            marker = _marker_before(doc, ent.start)
            if marker in lex.period_markers and not _inside_description(ent.root, verb):
                return f"{marker} {ent.text}"
    return None


def _inside_description(token: Token, verb: Token) -> bool:
    """Whether a token hangs from ``verb`` through a relative clause or apposition (a description of a participant)."""
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ in DESCRIPTION_DEPS:
            return True
        token = token.head
    return False


def _marker_before(doc: Doc, start: int) -> str | None:
    """The preposition right before a date ("as of", "in", "since"), over a determiner ("for the 2025-2027
    term"), None when there is none."""
    if start >= 1 and doc[start - 1].lower_ in ("the", "a", "an"):
        start -= 1
    if start >= 2 and doc[start - 2 : start].text.lower() in lexicon().as_of_markers:
        return doc[start - 2 : start].text.lower()
    if start >= 1 and doc[start - 1].pos_ in ("ADP", "SCONJ"):
        return doc[start - 1].lower_
    return None
