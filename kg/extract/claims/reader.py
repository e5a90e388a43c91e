"""The claim reader: reads an article's claims (subject, measure, value, as-of, speaker) from its numbers, and keeps one
claim per figure."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from spacy.tokens import Span, Token

from kg.extract.dates import refers_to_future
from kg.extract.discourse import Quote, is_dateline
from kg.extract.context import ArticleContext
from kg.extract.syntax import RELATIVE_PRONOUNS
from kg.facts import AFFILIATION_KINDS, EntityKind
from kg.resolve.article import Entity
from kg.extract.roles import represented_states
from kg.extract.claims.lexicon import LOWER, NounClass, OWNER_DEPS, STATE_MODIFIER_DEPS, SUBJECT_KINDS, Sense, UPPER, VERB_POS, WHOLE_OWNER_DEPS, lexicon
from kg.extract.claims.numbers import Quantity, bounds, bounds_meet, find_quantities
from kg.extract.claims.quotes import _resolve_subject, _subject_of, attribute_quotes
from kg.extract.claims.grammar import _as_of, _clause_verb, _counted_head, _governing_verb, _noun_class, _noun_with_class, _of_complement, _partitive, _period_start, _phrase, _proper_modifiers, _reporting_verb, _sense, _subjects, _verb_word


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
