"""Parsing texts of any length: ``nlp.pipe``, except that a text over spaCy's length limit is parsed in pieces.

spaCy refuses a text longer than ``nlp.max_length`` (error E088), because the parser and NER need memory in
proportion to it. A news corpus can hold such a text (a dump, a live blog), and one refusal must not cost the
build. Such a text is cut at paragraph breaks, else sentence ends, else spaces; the pieces are parsed like any
other text and joined with :meth:`spacy.tokens.Doc.from_docs`. Each piece keeps its trailing whitespace and the
join adds none, so the joined doc's text is the original text, character for character, and every token, entity
and span group offset points into it. Only what crosses a cut is lost: a sentence or entity split there.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

#: Where a text may be cut, best first: after a paragraph break, after a sentence end, after any whitespace. Each
#: pattern takes the whitespace that follows the boundary, so it stays at the end of the earlier piece.
CUT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"""[.!?…]["'”’)\]]*\s+"""),
    re.compile(r"\s+"),
)

#: A paragraph or sentence cut is taken only in the second half of the room a piece has, so that a boundary near
#: the start of a long stretch does not make a string of tiny pieces; a whitespace cut is taken anywhere.
_MIN_FILL = 0.5


def parse(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    max_chars: int | None = None,
) -> Iterator[Doc]:
    """One :class:`~spacy.tokens.Doc` per text, in order and streamed, as ``nlp.pipe(texts)`` gives them.

    A text longer than ``max_chars`` (default ``nlp.max_length``) is parsed in pieces of at most that many
    characters (see :func:`split_text`) and joined into one doc whose ``.text`` is the text. Only the pieces of one
    text are held at a time.
    """
    limit = max_chars if max_chars is not None else nlp.max_length
    if limit < 1:
        raise ValueError(f"max_chars must be at least 1, not {limit}")

    def pieces() -> Iterator[tuple[str, int]]:
        for text in texts:
            parts = split_text(text, limit)
            for part in parts:
                yield part, len(parts)

    pending: list[Doc] = []
    for doc, count in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if count == 1:
            yield doc
            continue
        pending.append(doc)
        if len(pending) == count:
            yield Doc.from_docs(pending, ensure_whitespace=False)
            pending = []


def split_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars`` characters whose concatenation is ``text``.

    Each cut is the last paragraph break in reach, else the last sentence end, else the last whitespace (taken in
    the latter half of the reach for the first two, see :data:`CUT_PATTERNS`); a stretch with no whitespace at all
    is cut at ``max_chars``. A text within the limit is one piece, itself.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + _cut(text, start, max_chars)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, max_chars: int) -> int:
    """Length of the next piece of ``text`` from ``start``: 1 … ``max_chars``."""
    window = text[start:start + max_chars]
    for level, pattern in enumerate(CUT_PATTERNS):
        floor = 1 if level == len(CUT_PATTERNS) - 1 else int(max_chars * _MIN_FILL)
        best = 0
        for match in pattern.finditer(window):
            end = match.end()
            # whitespace running past the window would begin the next piece; prefer cuts that end on text
            if end >= floor and (end < len(window) or not text[start + end:start + end + 1].isspace()):
                best = end
        if best:
            return best
    return max_chars
