"""Number reading: a number as written (span, hedge, unit, value) from spaCy entities and number-like tokens, and
the bounds a hedged figure allows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from spacy.tokens import Doc, Span, Token
from kg.extract.claims.lexicon import ARTICLES, LOWER, NUMBER_LABELS, PERCENT_UNIT, UPPER, lexicon


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
