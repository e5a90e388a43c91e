"""Structures of news prose that several fact extractors read: datelines and quotations."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.resolve.article import Entity

#: Opening quotation marks and the mark that closes each.
QUOTE_MARKS: dict[str, str] = {"“": "”", '"': '"'}

#: Punctuation that ends a dateline ("ISLAMABAD –", "United Nations:").
DATELINE_MARKS = frozenset({":", "–", "—"})

#: How near the start of its paragraph a dateline's place stands, and how soon its mark follows, in tokens.
DATELINE_REACH = 4


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
    doc, start = token.doc, token.sent.start
    while start < token.i and doc[start].is_space:
        start += 1
    opens_paragraph = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    following = doc[token.i + 1 : min(token.i + DATELINE_REACH, token.sent.end)]
    return opens_paragraph and token.i - start < DATELINE_REACH and any(t.text in DATELINE_MARKS for t in following)
