"""Structures of news prose that several fact extractors read: the lead, datelines and quotations."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.dates import names_day_of_month
from kg.resolve.article import Entity

#: Opening quotation marks and the mark that closes each.
QUOTE_MARKS: dict[str, str] = {"“": "”", '"': '"'}

#: Punctuation that ends a dateline ("ISLAMABAD –", "United Nations:").
DATELINE_MARKS = frozenset({":", "–", "—"})

#: How near the start of its paragraph a dateline's place stands, and how soon its mark follows, in tokens.
DATELINE_REACH = 4

#: Characters that end a paragraph of prose; a line without one ("Pakistan, South Korea to co-host UN meeting")
#: is a headline, never the lead.
SENTENCE_END = frozenset('.!?"”’)')
#: Fewest words of a lead paragraph: shorter lines are headlines, bylines and credits.
LEAD_MIN_WORDS = 8
#: Longest dateline, in characters ("UNITED NATIONS, (UrduPoint / Pakistan Point News - 19th Nov, 2022 ) :").
DATELINE_MAX_CHARS = 100
#: Dashes that, between spaces, end a dateline outside brackets ("ISLAMABAD, Apr. 24 (APP) –"); so does a colon.
DASHES = frozenset("–—-")


@dataclass
class Quote:
    """A quoted passage (character offsets) and who it is attributed to."""

    begin: int
    end: int
    attributed: bool = False
    speaker: Entity | None = None

    def closed(self, text: str) -> bool:
        """True when the passage ends with its closing mark (not at the end of its paragraph)."""
        return self.end - self.begin > 1 and text[self.end - 1] == QUOTE_MARKS[text[self.begin]]


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages: from an opening mark to its closing mark, or to the end of the paragraph (a quote that
    goes on in the next paragraph opens again there)."""
    quotes: list[Quote] = []
    i = 0
    while i < len(text):
        close = QUOTE_MARKS.get(text[i])
        if close is None:
            i += 1
            continue
        paragraph_end = text.find("\n", i)
        paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
        j = text.find(close, i + 1, paragraph_end)
        end = paragraph_end if j == -1 else j + 1
        quotes.append(Quote(i, end))
        i = end
    return quotes


def is_dateline(token: Token) -> bool:
    """The place line that opens a news story ("United Nations: …", "ISLAMABAD – …"): the parser may make it the
    subject of the first sentence, but it is not a participant in anything."""
    return dateline_mark(token) is not None


def dateline_mark(token: Token) -> Token | None:
    """The mark that ends the dateline ``token`` stands in ("ISLAMABAD –", "News from Berlin -", "UNITED NATIONS,
    (UrduPoint - 19th Nov, 2022 ) :"), if it stands in one: a colon or a dash spaced on both sides, within
    :data:`DATELINE_REACH` tokens of the paragraph's start and of ``token``, not counting a bracketed credit."""
    doc, start = token.doc, token.sent.start
    while start < token.i and doc[start].is_space:
        start += 1
    opens_paragraph = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    if not opens_paragraph or token.i - start >= DATELINE_REACH:
        return None
    reach, depth = DATELINE_REACH, 0
    for candidate in doc[token.i + 1 : token.sent.end]:
        if candidate.text in "([":
            depth += 1
        elif candidate.text in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            if candidate.text in DATELINE_MARKS or _is_spaced_dash_token(candidate):
                return candidate
            reach -= 1
        if reach <= 1 or candidate.idx - doc[start].idx > DATELINE_MAX_CHARS:
            return None
    return None


def _is_spaced_dash_token(token: Token) -> bool:
    """A dash token with a space on each side: "News from Berlin - UN High Commissioner …"."""
    return token.text in DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)


def lead_paragraph(text: str) -> tuple[int, int] | None:
    """Character offsets of the lead: the first paragraph that is prose (it ends a sentence and has
    :data:`LEAD_MIN_WORDS` words), so a headline or a byline above it is skipped."""
    for match in re.finditer(r"[^\n]+", text):
        paragraph = match.group().rstrip()
        if paragraph and paragraph[-1] in SENTENCE_END and len(paragraph.split()) >= LEAD_MIN_WORDS:
            return match.start(), match.start() + len(paragraph)
    return None


@lru_cache(maxsize=8)
def dateline_date(doc: Doc) -> Span | None:
    """The date of the dateline that opens the lead ("ISLAMABAD, Apr. 24 (APP) –", "NEW YORK, Oct 4:",
    "February 11, 2018 (KIGALI/JUBA) -"), when it names a month and a day: the day the story was filed.

    It is a date entity of the parse standing wholly before the dateline's end mark (a colon or a spaced dash
    outside brackets, so an agency credit "(Pakistan Point News - 19th Nov, 2022)" stays inside). It dates the
    filing, not an event: an event takes it only by :func:`kg.extract.events` rules for the lead.
    """
    lead = lead_paragraph(doc.text)
    if lead is None:
        return None
    end = _dateline_end(doc.text, *lead)
    if end is None:
        return None
    for ent in doc.ents:
        if ent.start_char >= end:
            break
        if ent.label_ == "DATE" and ent.start_char >= lead[0] and names_day_of_month(ent.text):
            return ent
    return None


def _dateline_end(text: str, begin: int, end: int) -> int | None:
    """Where the dateline of the paragraph ``begin:end`` ends (the offset of its mark), if it opens with one."""
    depth = 0
    for i in range(begin, min(end, begin + DATELINE_MAX_CHARS)):
        char = text[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and (char == ":" or _is_spaced_dash(text, i)):
            return i
    return None


def _is_spaced_dash(text: str, i: int) -> bool:
    """A dash with a space before it and a space (or a second dash) after it: "JAKARTA – ", "JAKARTA -- "."""
    return (
        text[i] in DASHES
        and i > 0
        and text[i - 1].isspace()
        and i + 1 < len(text)
        and (text[i + 1].isspace() or text[i + 1] in DASHES)
    )
