"""The :class:`Article` record every input format is read into, and its content identity."""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Article:
    """One news article, ready for the NLP pipeline."""

    source: str
    """Where the article was read from, kept as provenance (not identity): the file name, or ``<file>:<line>`` for
    an article that is one line of a JSON Lines file."""
    text: str
    """The clean article text; every offset in the graph points into it."""
    date: dt.date | None
    """Publication date (inline ``date YYYY-MM-DD`` prefix, ``date:`` header or JSON field); ``None`` when unknown."""
    title: str | None
    """The headline: the article's first headline-like line in a plain-text file (then it is also in :attr:`text`),
    or the ``title`` metadata of a header or JSON article (then it is not)."""
    url: str | None = None
    """The web address the article was published at, when the file says so (``source:`` header, JSON ``url``)."""

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised text: the same article under another name is the same article."""
        normalised = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()

    @cached_property
    def key(self) -> str:
        """Short form of :attr:`content_hash` used in IRIs."""
        return self.content_hash[:16]
