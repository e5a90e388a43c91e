"""Parsing a decoded text article, in either of its two layouts.

* **Plain**: the article as copied from a page, optionally preceded by an inline ``date YYYY-MM-DD`` prefix; the
  first headline-like line is the title and stays in the text.
* **Header**: ``key: value`` lines first (``source: URL``, ``title: …``, ``date: YYYY-MM-DD`` or ``date: unknown``),
  a blank line, then the body. The layout is recognised by a first line ``source:``. The header is metadata, not
  the article's words: the title is not in the text, and offsets point into the cleaned body.
"""
from __future__ import annotations

import datetime as dt
import re

from kg.errors import InputError
from kg.ingest.article import Article
from kg.ingest.clean import clean_text, normalise

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_HEADER_START = re.compile(r"\A\s*source\s*:", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[ T])")

#: Values of a date field that mean "not known" rather than a mistake.
UNKNOWN_DATES: frozenset[str] = frozenset({"", "unknown", "none", "null", "n/a"})


def parse_date(value: str) -> dt.date | None:
    """The day of a date field: ``2024-05-30``, ``2024-05-30 12:00:00`` or ISO with a time (``…T12:00:00Z``).

    ``None`` for a value that says the date is unknown. Raises :class:`ValueError`, with a sentence, for anything
    else: a wrong date is worse than none, since every relative date in the article is resolved against it.
    """
    value = value.strip()
    if value.lower() in UNKNOWN_DATES:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        raise ValueError(f"invalid date {value!r}; write YYYY-MM-DD or 'unknown'")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError as error:
        raise ValueError(f"invalid date {value!r} ({error})") from None


def is_header_layout(raw: str) -> bool:
    """True when the text starts with a ``source:`` line, i.e. a metadata header comes before the body."""
    return bool(_HEADER_START.match(raw))


def parse_article(raw: str, source: str) -> Article:
    """Turn the decoded contents of one text file into an :class:`Article`, whichever its layout.

    Noise lines and inserted headlines are dropped (see :func:`kg.ingest.clean.clean_text`). Raises
    :class:`InputError` naming ``source`` when no prose is left or the date is invalid.
    """
    raw = normalise(raw)
    article = _parse_header(raw, source) if is_header_layout(raw) else _parse_plain(raw, source)
    if not article.text.strip():
        raise InputError(source, "no article text (the file is empty or holds only page noise)")
    return article


def _parse_plain(raw: str, source: str) -> Article:
    date: dt.date | None = None
    if match := _DATE_PREFIX.match(raw):
        try:
            date = dt.date.fromisoformat(match.group(1))
        except ValueError as error:
            raise InputError(source, f"invalid date prefix {match.group(1)!r} ({error})") from None
        raw = raw[match.end():]
    title, text = clean_text(raw)
    return Article(source=source, text=text, date=date, title=title)


def _parse_header(raw: str, source: str) -> Article:
    lines = raw.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())  # the source: line, maybe after blank lines
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[first:], start=first + 1):
        if not line.strip():
            body = "\n".join(lines[number:])
            break
        match = _HEADER_LINE.match(line)
        if not match:
            raise InputError(source, f"line {number} is not a 'key: value' header line (a first line 'source:' "
                                     "starts a header, which a blank line ends before the article body)")
        fields.setdefault(match.group(1).lower(), match.group(2).strip())
    else:
        raise InputError(source, "no article text (the header is not followed by a blank line and a body)")
    try:
        date = parse_date(fields.get("date", ""))
    except ValueError as error:
        raise InputError(source, f"header: {error}") from None
    title, text = clean_text(body, title=fields.get("title") or None)
    return Article(source=source, text=text, date=date, title=title, url=fields.get("source") or None)
