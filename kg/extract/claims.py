"""Claims: numbers an article states about a state or body ("Pakistan has deployed 235,000 peacekeepers"), and the
conflicts between claims that give different numbers for the same thing.

A claim is read from a number (a spaCy CARDINAL, MONEY, PERCENT or QUANTITY entity, or a number-like token the
model left unlabelled) and the dependency parse around it:

* the **counted noun** is the number's head ("235,000 peacekeepers"), looked up in the closed classes of
  ``kg/knowledge/claims.yaml`` (peacekeepers, troops, missions, countries ...); a bare number ("with 181 making the
  ultimate sacrifice", "182 of our bravest") counts the people of the latest claim before it;
* the **verb** that governs the noun gives the sense: "died", "laid down their lives" and "making the ultimate
  sacrifice" all mean *killed*, "served", "deployed" and "contributed" all mean *deployed*; the measure is the noun
  and the sense ("peacekeepers killed"; a place noun in a prepositional phrase takes the sense's place form,
  "peacekeeping missions served in"), so claims from different articles line up. A verb outside the lexicon gives
  a literal measure ("countries established links with"); a number that makes up an entity has the noun alone
  ("members" of "the 15-member Security Council", "peacekeepers" of "UNIFIL has 10,000 peacekeepers");
* the **subject** is the state or body the number is about: a demonym or possessive on the counted noun
  ("Pakistani peacekeepers", "Pakistanis"), an entity that owns the phrase ("the NATO alliance of 28 countries",
  "the 15-member Security Council"), or the verb's subject ("Pakistan has taken part in 46 operations"). "We" and
  "our" in a quote stand for the speaker's state (from the posts the speaker holds, see :mod:`kg.extract.roles`; failing
  that, the state the article mentions most, since a quoted "we" in this news is nearly always the government the
  article is about);
* the **value** is an ``xsd:decimal`` ("$5.5 billion" → 5500000000 with unit USD; "0.3 per cent" → 0.3 percent), the
  **evidence** the number as written with its hedge ("over 235,000", "less than 0.3 per cent"), the **as-of** time a
  date introduced by "as of", "in" or "by", or a resolvable date on the clause or the reporting verb ("Last month,
  the military reported that ..."), never a period start ("since 1948"), and the **speaker** (``nkg:claimedBy``) the
  person whose quote or reported speech holds the number.

Claims from several articles are only compared once all articles are built: :func:`flag_conflicts` links claims
about the same subject and measure whose values cannot both hold with ``nkg:conflictsWith`` (both ways), in a
named graph of its own. Claims are never merged across articles. A hedged value is a bound ("over 235,000" is
at least 235,000) and conflicts only with values outside it; the hedge is read back from the evidence text, which is
where the article states it. Within one article, a hedged figure that a precise one satisfies ("over a hundred
police officers" ... "128 police officers") is the same quantity and only the precise claim is kept.

Integral values are written with a decimal point ("235000.0"), the form rdflib's Turtle writer gives them anyway, so
the graph reads back from every output format as the same literals.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from spacy.tokens import Doc, Span, Token

from kg import knowledge
from kg.extract.coref import antecedent
from kg.extract.dates import refers_to_future, resolve_time
from kg.extract.discourse import Quote, find_quotes, is_dateline
from kg.extract.events import event_types
from kg.extract.context import ArticleContext, mention_of
from kg.extract.syntax import RELATIVE_PRONOUNS, subject_chain
from kg.facts import AFFILIATION_KINDS, ClaimFact, EntityKind
from kg.resolve.article import Entity
from kg.extract.roles import represented_states


#: spaCy entity labels whose spans are read as numbers.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Kinds of entity a claim can be about, besides people (who stand for their state when they represent one).
SUBJECT_KINDS = frozenset({EntityKind.STATE, EntityKind.UN_BODY, EntityKind.ORGANISATION, EntityKind.PERSON})
#: Dependencies by which a reported clause hangs from the verb that reports it.
REPORTED_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
#: Dependencies that make a token the head of a clause of its own.
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
#: Modifier dependencies of a noun that can name the entity it belongs to.
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
#: Modifiers that say whose a counted place is ("Pakistan's 48 missions"), unlike a compound ("48 UN missions" are
#: not the UN's count).
STATE_MODIFIER_DEPS = frozenset({"poss", "amod"})
#: Modifiers that name the owner of a whole made of counted parts or of an amount ("the NATO alliance of 28
#: countries", "the UN's budget of $5 billion").
WHOLE_OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
VERB_POS = frozenset({"VERB", "AUX"})
#: Dependencies of descriptions inside a clause, whose dates are not the clause's ("Togo, which entered the race
#: in August, won 88 votes").
DESCRIPTION_DEPS = frozenset({"relcl", "acl", "appos"})
#: Articles that may stand between a hedge and a number ("over a hundred").
ARTICLES = frozenset({"a", "an"})
#: The unit written for percentages.
PERCENT_UNIT = "percent"
#: Hedge directions (claims.yaml): the stated number is a lower or an upper bound of the value. The third,
#: "approximate", keeps the stated figure as the value.
LOWER, UPPER = "lower", "upper"


# --- the lexicon ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NounClass:
    label: str
    people: bool
    place: bool
    part_of: bool = False
    """Parts of a whole named after them ("18 members to the Council", "members of the Council")."""


@dataclass(frozen=True)
class Sense:
    name: str
    label: str
    place_label: str


@dataclass(frozen=True)
class Lexicon:
    """The closed-class words of ``claims.yaml``, indexed for lookup."""

    nouns: dict[str, NounClass]
    senses: dict[str, Sense]
    transparent: frozenset[str]
    place_prepositions: frozenset[str]
    partitive_pronouns: frozenset[str]
    first_person_plural: frozenset[str]
    hedges: dict[str, str]
    number_words: dict[str, Decimal]
    scale_words: dict[str, Decimal]
    currencies: dict[str, str]
    percent_words: frozenset[str]
    money_nouns: frozenset[str]
    as_of_markers: frozenset[str]
    possession_verbs: frozenset[str]
    membership_prepositions: frozenset[str]
    whole_prepositions: frozenset[str]
    period_markers: frozenset[str]
    vague_adjectives: frozenset[str]

    @property
    def longest_hedge(self) -> int:
        return max(len(h.split()) for h in self.hedges)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """``kg/knowledge/claims.yaml``, loaded once."""
    data = knowledge.claims()
    nouns = {
        lemma.lower(): NounClass(label, bool(spec.get("people")), bool(spec.get("place")), bool(spec.get("part_of")))
        for label, spec in data["counted_nouns"].items()
        for lemma in spec["lemmas"]
    }
    senses = {
        phrase.lower(): Sense(name, spec["label"], spec["place_label"])
        for name, spec in data["senses"].items()
        for phrase in spec["phrases"]
    }
    hedges = {phrase.lower(): direction for direction, phrases in data["hedges"].items() for phrase in phrases}
    return Lexicon(
        nouns=nouns,
        senses=senses,
        transparent=frozenset(data["transparent_nouns"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        partitive_pronouns=frozenset(data["partitive_pronouns"]),
        first_person_plural=frozenset(data["first_person_plural"]),
        hedges=hedges,
        number_words={w: Decimal(v) for w, v in data["number_words"].items()},
        scale_words={w: Decimal(v) for w, v in data["scale_words"].items()},
        currencies={k: v for k, v in data["currencies"].items()},
        percent_words=frozenset(w.lower() for w in data["percent_words"]),
        money_nouns=frozenset(data["money_nouns"]),
        as_of_markers=frozenset(data["as_of_markers"]),
        possession_verbs=frozenset(data["possession_verbs"]),
        membership_prepositions=frozenset(data["membership_prepositions"]),
        whole_prepositions=frozenset(data["whole_prepositions"]),
        period_markers=frozenset(data["period_markers"]),
        vague_adjectives=frozenset(data["vague_adjectives"]),
    )


# --- numbers ----------------------------------------------------------------------------------------------------


@dataclass
class Quantity:
    """A number as written: its span (with hedge and unit), the token the parse attaches it by, its value."""

    span: Span
    root: Token
    value: Decimal
    unit: str | None
    hedge: str | None
    kind: str  # "count", "money", "percent" or "quantity"
    hedge_text: str | None = None
    """The hedge as written, whole ("more than", "up to"), for labels and conflict reports."""


def _number_token_value(token: Token) -> Decimal | None:
    text = token.text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return lexicon().number_words.get(token.lower_)


def parse_number(tokens: Iterable[Token]) -> Decimal | None:
    """The value of number tokens: "235,000", "a hundred", "5.5 billion", "twenty - five"; None without a number."""
    lex = lexicon()
    total = current = Decimal(0)
    seen = False
    for token in tokens:
        lower = token.lower_
        if lower in lex.scale_words:
            current = (current or Decimal(1)) * lex.scale_words[lower]
            if lex.scale_words[lower] >= 1000:
                total, current = total + current, Decimal(0)
            seen = True
        elif (value := _number_token_value(token)) is not None:
            current += value
            seen = True
    if not seen:
        return None
    return _plain(total + current)


def _plain(value: Decimal) -> Decimal:
    """The value without exponent or trailing zeros: 5.5E+9 → 5500000000, 0.30 → 0.3."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


def _is_number_word(token: Token) -> bool:
    lex = lexicon()
    return token.like_num or token.lower_ in lex.scale_words or token.lower_ in lex.number_words


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every number of the text that is not a date, time or ordinal, with its hedge and unit."""
    spans = [ent for ent in doc.ents if ent.label_ in NUMBER_LABELS]
    taken = {i for span in spans for i in range(span.start, span.end)}
    for token in doc:
        # numbers the model left unlabelled; never parts of other entities ("G20", dates, ordinals)
        if token.i not in taken and not token.ent_type_ and token.pos_ == "NUM" and token.like_num:
            spans.append(doc[token.i : token.i + 1])
    return [q for span in sorted(spans, key=lambda s: s.start) if (q := _read_quantity(span)) is not None]


def _read_quantity(span: Span) -> Quantity | None:
    lex, doc = lexicon(), span.doc
    start, end = span.start, span.end
    # units written after the number the model left out of the span: "0.3 per cent", "5 million"
    while end < len(doc) and (width := _percent_at(doc, end) or int(doc[end].lower_ in lex.scale_words)):
        end += width
    hedge, start, hedge_text = _hedge_before(doc, start, end)
    numbers = [t for t in doc[start:end] if _is_number_word(t)]
    value = parse_number(numbers)
    if value is None:
        return None
    unit, kind, unit_tokens = None, "count", ()
    for i in range(start, end):
        if (width := _percent_at(doc, i)) is not None:
            unit, kind, unit_tokens = PERCENT_UNIT, "percent", tuple(doc[i : i + width])
            break
        currency = lex.currencies.get(doc[i].text) or lex.currencies.get(doc[i].lemma_.lower())
        if currency is not None:
            unit, kind = currency, "money"
            break
    if kind == "count" and span.label_ == "QUANTITY":
        unit_tokens = tuple(t for t in doc[start:end] if not _is_number_word(t) and not t.is_punct)
        if not unit_tokens:
            return None
        unit, kind = " ".join(t.lower_ for t in unit_tokens), "quantity"
    root = doc[numbers[0].i : numbers[-1].i + 1].root
    if unit_tokens:
        root = doc[unit_tokens[0].i : unit_tokens[-1].i + 1].root
    return Quantity(doc[start:end], root, value, unit, hedge, kind, hedge_text)


def _percent_at(doc: Doc, i: int) -> int | None:
    """Width of a percent sign or word at token ``i`` ("%", "percent", "per cent"), None if there is none."""
    for width in (2, 1):
        if i + width <= len(doc) and doc[i : i + width].text.lower() in lexicon().percent_words:
            return width
    return None


def _hedge_before(doc: Doc, start: int, end: int) -> tuple[str | None, int, str | None]:
    """The hedge that opens the number, inside its span ("over 235,000") or just before it ("less than" 0.3,
    "over" a hundred): its direction, the start of the number with its hedge, and the hedge's words as written."""
    lex = lexicon()
    first = next((i for i in range(start, end) if _is_number_word(doc[i])), None)
    if first is None:
        return None, start, None
    ends = [first]
    if first > 0 and (doc[first - 1].lower_ in ARTICLES or doc[first - 1].text in lex.currencies):
        ends.append(first - 1)  # "over a hundred", "over $5 million"
    for hedge_end in ends:
        for width in range(lex.longest_hedge, 0, -1):
            if hedge_end - width < 0:
                continue
            words = doc[hedge_end - width : hedge_end].text.lower()
            if words in lex.hedges:
                return lex.hedges[words], min(start, hedge_end - width), doc[hedge_end - width : hedge_end].text
    return None, start, None


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


# --- claims -----------------------------------------------------------------------------------------------------


@dataclass
class Claim:
    """A claim found in one article, before it is written."""

    subject: Entity
    measure: str
    quantity: Quantity
    noun: NounClass | None = None
    as_of: Span | None = None
    future: bool = False
    speaker: Entity | None = None
    evidence: list[Span] = field(default_factory=list)

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    @property
    def unit(self) -> str | None:
        return self.quantity.unit

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        return self.subject.kind.value, self.subject.key, self.measure, self.unit


@dataclass
class _Reading:
    """What the parse says around one number."""

    noun: Token | None = None
    noun_class: NounClass | None = None
    modifiers: str = ""
    start: Token | None = None  # where the climb to the verb starts
    composition: bool = False  # the number is part of an entity's make-up ("15-member", "alliance of 28")
    subject: Entity | None = None
    we: bool = False  # "our bravest": the subject is the speaker's state


class _ArticleReader:
    """Reads the claims of one article; keeps what later numbers refer back to."""

    def __init__(self, context: ArticleContext) -> None:
        self.context = context
        self.lex = lexicon()
        self.quotes = attribute_quotes(context)
        self.quote_starts = [quote.begin for quote in self.quotes]
        self.represented = represented_states(context)
        self.last_people: NounClass | None = None

    # -- subject helpers --

    def affiliation(self, token: Token) -> Entity | None:
        entity = self.context.entity_at(token)
        return entity if entity is not None and entity.kind in AFFILIATION_KINDS else None

    def owner_of(self, noun: Token, *, deps: frozenset[str] = OWNER_DEPS) -> Entity | None:
        """The entity a noun is, or is of ("Pakistani", "Pakistan's", "NATO alliance", "UN peacekeeping")."""
        return self.affiliation(noun) or self._modifier_owner(noun, deps)

    def _modifier_owner(self, noun: Token, deps: frozenset[str]) -> Entity | None:
        for child in noun.children:
            if child.dep_ in deps and (entity := self.affiliation(child)) is not None:
                return entity
            if child.dep_ == "compound" and (entity := self._modifier_owner(child, deps)) is not None:
                return entity
        return None

    def composed(self, noun: Token) -> Entity | None:
        """The entity a counted noun makes up: "the 15-member Security Council", "the NATO alliance of 28
        countries", "a UNIFIL force of 10,000 troops"."""
        if noun.dep_ in ("compound", "amod"):
            return self.owner_of(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            whole = noun.head.head
            if _noun_class(whole) is None and whole.lemma_.lower() not in self.lex.transparent:
                return self.owner_of(whole, deps=WHOLE_OWNER_DEPS)
        return None

    def whole_of(self, noun: Token) -> Entity | None:
        """The body a counted part belongs to: "18 members of the Council", "elected 18 members to the Human
        Rights Council" (the phrase on the noun, or on the verb it is the object of)."""
        if not (found := _noun_class(noun)) or not found.part_of:
            return None
        holders = (noun, noun.head) if noun.dep_ == "dobj" else (noun,)
        for child in (c for holder in holders for c in holder.children):
            if child.dep_ == "prep" and child.lower_ in self.lex.whole_prepositions:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (entity := self.affiliation(obj)) is not None:
                        return entity
        return None

    def apposed(self, noun: Token) -> Entity | None:
        """The entity a count stands in apposition to: "beat the Maldives, 46 votes"."""
        return self.affiliation(noun.head) if noun.dep_ == "appos" else None

    def from_phrase(self, token: Token) -> Entity | None:
        """"peacekeepers from Nepal": the state of a "from" phrase."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                for obj in child.children:
                    if obj.dep_ == "pobj" and (entity := self.affiliation(obj)) is not None:
                        return entity
        return None

    def speaker_state(self, speaker: Entity | None) -> Entity | None:
        """The state a speaker acts for: from their posts, else the state the article names most."""
        if speaker is not None and speaker.key in self.represented:
            return self.represented[speaker.key]
        states = [e for e in self.context.entities if e.kind is EntityKind.STATE]
        return max(states, key=lambda e: len(e.mentions)) if states else None

    def quote_at(self, token: Token) -> Quote | None:
        """The quote holding ``token``: quotes never overlap, so the last one opening before it is the only one."""
        index = bisect_right(self.quote_starts, token.idx) - 1
        quote = self.quotes[index] if index >= 0 else None
        return quote if quote is not None and token.idx < quote.end else None

    # -- reading --

    def read(self) -> list[Claim]:
        claims: list[Claim] = []
        for quantity in find_quantities(self.context.doc):
            claim = self.claim(quantity)
            if claim is not None:
                claims.append(claim)
                if claim.noun is not None and claim.noun.people:
                    self.last_people = claim.noun
        return _deduplicate(claims)

    def claim(self, quantity: Quantity) -> Claim | None:
        if quantity.kind == "count":
            reading = self.read_count(quantity)
        else:
            reading = self.read_amount(quantity)
        if reading is None or reading.start is None:
            return None
        head, via_preposition, via_object = _governing_verb(reading.start)
        verb = head if head.pos_ in VERB_POS else None
        participle = next((c for c in reading.start.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        if participle is not None:
            # "with 231 personnel killed": the participle says what happened to them, the clause whose they are
            verb, head, via_object = participle, _clause_verb(head), None
        sense = _sense(verb) if verb is not None else None
        measure = self.measure(quantity, reading, verb, sense, via_preposition, via_object)
        if measure is None:
            return None
        if verb is not None and (period := _period_start(self.context, verb, quantity)) is not None:
            measure = f"{measure} {period}"  # "48 missions since 1960" and "46 operations since 1948" differ
        speaker = self.speaker(quantity, verb)
        subject = reading.subject
        if subject is None and reading.we:
            subject = self.speaker_state(speaker)
        if subject is None:
            # a clause the parser left without a verb ("UN peacekeeping costs ..." read as a noun) is about the
            # entity that modifies its head
            subject = self.verb_subject(head, quantity, speaker) or (self.owner_of(head) if verb is None else None)
        if subject is None or subject.kind not in SUBJECT_KINDS:
            return None
        if subject.kind is EntityKind.PERSON:
            # a person counts only as the state they act for: "27 members wrote" is no figure about its writer
            subject = self.represented.get(subject.key)
            if subject is None:
                return None
        as_of = _as_of(self.context, verb, quantity) if verb is not None else None
        future = refers_to_future(verb) if verb is not None else False
        return Claim(subject, measure, quantity, reading.noun_class, as_of, future,
                     speaker if speaker is not None and speaker.kind is EntityKind.PERSON else None,
                     [quantity.span])

    def read_count(self, quantity: Quantity) -> _Reading | None:
        """The counted noun and what its modifiers say of the subject; None when the number counts nothing."""
        root, lex = quantity.root, self.lex
        reading = _Reading()
        head = _counted_head(root)
        if head is not None:
            noun = _noun_with_class(head)
            if noun is None:
                # "181 Pakistanis": a demonym counts people of its state
                if (state := self.affiliation(head)) is not None and state.kind is EntityKind.STATE:
                    reading.subject, reading.start, reading.noun = state, head, head
                    return reading
                return None
            reading.noun, reading.noun_class = noun
            reading.start = head  # the first of coordinated nouns is the one the parse attaches
            reading.modifiers = _proper_modifiers(quantity, reading.noun)
            deps = STATE_MODIFIER_DEPS if reading.noun_class.place else OWNER_DEPS
            reading.subject = (
                self.whole_of(reading.noun)
                or self.owner_of(reading.noun, deps=deps)
                or self.from_phrase(reading.noun)
                or self.apposed(reading.noun)
            )
            if (owner := self.composed(reading.noun)) is not None:
                reading.subject, reading.composition = owner, True
            elif reading.noun.dep_ in ("compound", "amod"):
                return None  # "the 47-member body": the make-up of something the article does not name here
            return reading
        # a number standing alone: "182 of our bravest", "a total of 182", "with 181 making ..."
        partitive = _partitive(root)
        if partitive is not None:
            if partitive.lower_ in lex.partitive_pronouns or any(
                c.dep_ == "det" and c.lower_ == "the" for c in partitive.children
            ):
                return None  # "two of them", "one of the oldest missions": part of a group, no total
            reading.we = any(c.dep_ == "poss" and c.lower_ in lex.first_person_plural for c in partitive.children)
            if (found := _noun_with_class(partitive)) is not None:
                reading.noun, reading.noun_class = found
        reading.subject = self.from_phrase(root)
        start = root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lex.transparent:
            start = root.head.head
        reading.start = start
        return reading

    def read_amount(self, quantity: Quantity) -> _Reading:
        """Money, percentages and measured quantities: the noun they are said of."""
        reading = _Reading(start=quantity.root)
        root = quantity.root
        if quantity.kind == "money" and root.dep_ == "pobj" and root.head.lower_ == "of":
            noun = root.head.head
            if noun.lemma_.lower() in self.lex.money_nouns:
                reading.noun, reading.start = noun, noun
                reading.subject = self.owner_of(noun, deps=WHOLE_OWNER_DEPS)
        return reading

    def measure(
        self, quantity: Quantity, reading: _Reading, verb: Token | None, sense: Sense | None,
        via_preposition: str | None, via_object: Token | None,
    ) -> str | None:
        if quantity.kind == "money":
            if reading.noun is not None:
                return _phrase(reading.noun)
            return f"amount {_verb_word(verb)}" if verb is not None else None
        if quantity.kind in ("percent", "quantity"):
            complement = _of_complement(quantity.root)
            if complement is None:
                return None
            return f"share of {complement}" if quantity.kind == "percent" else complement
        noun_class = reading.noun_class
        if noun_class is None:
            # a bare number counts people only when the verb says what happened to people
            if sense is None or self.last_people is None:
                return None
            noun_class = reading.noun_class = self.last_people
        label = f"{reading.modifiers} {noun_class.label}".strip()
        if reading.composition or verb is None or verb.lemma_.lower() in self.lex.possession_verbs:
            return label
        if via_preposition in self.lex.membership_prepositions:
            return None  # "Ghana was among 14 countries elected": a set the subject belongs to, not its count
        place = noun_class.place and via_preposition in self.lex.place_prepositions
        if sense is not None:
            return f"{label} {sense.place_label if place else sense.label}"
        # a verb outside the lexicon says nothing a measure can share: the measure is a noun phrase, the counted
        # noun, or the object it is counted by ("established diplomatic links with six nations")
        if via_object is not None and via_preposition is not None and reading.start.head.head.i == via_object.i:
            return f"{_phrase(via_object)} {via_preposition} {label}"
        return label

    def verb_subject(self, verb: Token, quantity: Quantity, speaker: Entity | None) -> Entity | None:
        """The entity the clause is about: the verb's subject (or the passive's agent), skipping the number itself."""
        for token in _subjects(verb, exclude=quantity.span):
            if is_dateline(token):
                continue
            if token.lower_ in self.lex.first_person_plural:
                return self.speaker_state(speaker)
            if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                token = token.head.head  # "MONUSCO, which has about 11,000 personnel"
            entity = self.owner_of(token) or _resolve_subject(self.context, token)
            if entity is None:
                found = _noun_with_class(token)
                if found is not None:
                    entity = self.owner_of(found[0], deps=STATE_MODIFIER_DEPS)
            if entity is not None:
                return entity
        return None

    def speaker(self, quantity: Quantity, verb: Token | None) -> Entity | None:
        """Who states the number: the subject of the verb reporting its clause, else the speaker of its quote."""
        if verb is not None:
            reporting = _reporting_verb(verb)
            if reporting is not None and (subject := _subject_of(reporting)) is not None:
                return _resolve_subject(self.context, subject)
        quote = self.quote_at(quantity.root)
        return quote.speaker if quote is not None else None


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


def _deduplicate(claims: list[Claim]) -> list[Claim]:
    """One claim per figure of an article: a repeated figure adds evidence; so does a figure read with the counted
    noun alone when the article also says what happened to it ("one peacekeeper wounded ... resulted in one
    peacekeeper"); and a hedged figure that a precise one of the same measure satisfies ("over a hundred officers"
    ... "128 officers") is the same quantity. Claims are grouped by key, so the work is linear in their number."""
    by_figure: dict[tuple[tuple[str, str, str, str | None], Decimal], Claim] = {}
    for claim in claims:
        if (same := by_figure.get((claim.key, claim.value))) is not None:
            same.evidence.extend(claim.evidence)
        else:
            by_figure[(claim.key, claim.value)] = claim
    described = {
        (claim.subject.kind, claim.subject.key, claim.noun.label, claim.unit, claim.value): claim
        for claim in by_figure.values()
        if claim.noun is not None and claim.measure != claim.noun.label
    }
    kept: list[Claim] = []
    for claim in by_figure.values():
        bare = claim.noun is not None and claim.measure == claim.noun.label
        told = described.get((claim.subject.kind, claim.subject.key, claim.noun.label, claim.unit, claim.value)) if bare else None
        if told is not None:
            told.evidence.extend(claim.evidence)
        else:
            kept.append(claim)
    precise: dict[tuple[str, str, str, str | None], list[Decimal]] = {}
    for claim in kept:
        if claim.quantity.hedge is None:
            precise.setdefault(claim.key, []).append(claim.value)
    return [
        claim
        for claim in kept
        if not (
            claim.quantity.hedge in (LOWER, UPPER)
            and any(
                bounds_meet(bounds(claim.value, claim.quantity.hedge), bounds(value, None))
                for value in precise.get(claim.key, ())
            )
        )
    ]


def find_claims(context: ArticleContext) -> list[Claim]:
    """All claims of an article, in text order."""
    return _ArticleReader(context).read()


# --- facts ------------------------------------------------------------------------------------------------------


def _fact(context: ArticleContext, claim: Claim) -> ClaimFact:
    """The RDF-free record of a claim. A figure stated once precisely and once hedged holds the precise value."""
    hedges = {_hedge_before(context.doc, span.start, span.end)[0] for span in claim.evidence}
    hedge = None if None in hedges or len(hedges) != 1 else hedges.pop()
    return ClaimFact(
        subject=context.ref(claim.subject),
        measure=claim.measure,
        value=claim.value,
        unit=claim.unit,
        hedge=hedge,
        hedge_text=claim.quantity.hedge_text if hedge is not None else None,
        evidence=tuple(sorted({mention_of(span) for span in claim.evidence})),
        as_of=context.time(claim.as_of, future=claim.future) if claim.as_of is not None else None,
        speaker=context.ref(claim.speaker) if claim.speaker is not None else None,
    )


def extract_claims(context: ArticleContext) -> list[ClaimFact]:
    """Fact extractor: the article's numeric claims."""
    return [_fact(context, claim) for claim in find_claims(context)]


# --- bounds of hedged figures -----------------------------------------------------------------------------------


def bounds(value: Decimal, hedge: str | None) -> tuple[Decimal | None, Decimal | None]:
    """The values a stated figure allows: "over N" at least N, "less than N" at most N, else exactly N."""
    if hedge == LOWER:
        return value, None
    if hedge == UPPER:
        return None, value
    return value, value


def bounds_meet(a: tuple[Decimal | None, Decimal | None], b: tuple[Decimal | None, Decimal | None]) -> bool:
    low = max((x for x in (a[0], b[0]) if x is not None), default=None)
    high = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return low is None or high is None or low <= high
