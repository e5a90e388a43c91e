"""How the evaluation compares strings: names, titles and claim measures, each leniently and by a stated rule.

Names fold through :func:`kg.resolve.names.slugify`, the normal form the graph mints person IRIs from, so the
scorer and the system agree on when two spellings are one name ("António" = "Antonio"). On top of it the scorer
forgives what a reader would: a possessive, the dots of an acronym and a leading "the".
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from kg.resolve.names import slugify

_POSSESSIVE = re.compile(r"['’‘`]s\b")
_SILENT = re.compile(r"[.'’‘`]")
_WORD = re.compile(r"[^\W_]+")


def normalise_name(text: str) -> str:
    """The form names are compared in: no accents, case, punctuation, possessive or leading article.

    "António Guterres’s" and "antonio guterres" compare equal; "U.N." becomes "un" (dots vanish) while
    "Guinea-Bissau" becomes "guinea bissau" (other punctuation separates words).
    """
    words = slugify(_SILENT.sub("", _POSSESSIVE.sub("", text))).split("-")
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(word for word in words if word)


def name_keys(name: str, aliases: Iterable[str], iso: str | None) -> frozenset[str]:
    """Every normalised name of an entity, and its ISO code as a key of its own: two entities sharing a key match."""
    keys = {normalise_name(text) for text in (name, *aliases)}
    if iso:
        keys.add(f"#iso:{iso.upper()}")  # '#' never survives normalise_name, so it cannot collide with a name
    keys.discard("")
    return frozenset(keys)


def title_key(title: str) -> str:
    """A title padded with spaces, so that ``a in b`` tests whole words: "Representative" is in "Permanent
    Representative", "Rep" is not."""
    return f" {normalise_name(title)} "


#: Endings dropped from a measure's words, first match only, when at least three letters stay: enough to make
#: "funded" meet "funding" and "countries" meet "country" without a stemmer's surprises.
_ENDINGS: tuple[tuple[str, str], ...] = (("ies", "y"), ("ing", ""), ("ed", ""), ("s", ""))


def _stem(word: str) -> str:
    if word.endswith("ss"):
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + replacement
    return word


def measure_words(measure: str) -> frozenset[str]:
    """The content words of a claim measure: lowercase, without English stop words (spaCy's list) and with a
    plural or verb ending dropped, so "peacekeepers killed on UN service" gives {peacekeeper, kill, un, service}."""
    words = (word.casefold() for word in _WORD.findall(measure))
    return frozenset(_stem(word) for word in words if word not in STOP_WORDS)


def measures_match(gold: str, predicted: str | None) -> bool:
    """Whether two wordings can name one quantity: they share a content word (see :func:`measure_words`).

    Lenient on purpose: subject and value must already agree, and the gold's measures are free text no system
    can be expected to reproduce ("UN peacekeeping operations taken part in" ~ "peacekeeping missions served in").
    """
    return predicted is not None and bool(measure_words(gold) & measure_words(predicted))
