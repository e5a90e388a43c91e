"""The IRI scheme: every node's IRI is derived from stable keys, so two builds of the same input agree.

Articles are named by the hash of their text, mentions and sentences by RFC 5147 character offsets into that text,
states by ISO 3166-1 alpha-2 code, UN bodies and organisations by registry key, people and places by their
normalised full name. Nothing depends on processing order across articles, so articles can be processed anywhere.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.rdf.namespace import DEFAULT_BASE


@dataclass(frozen=True)
class IRIs:
    """Mints the IRIs of one build under ``base`` (which must end in ``/`` or ``#``)."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {self.base!r}")

    def article(self, article_key: str) -> URIRef:
        """The article, which is also the name of its named graph."""
        return URIRef(f"{self.base}article/{article_key}")

    def span(self, article_key: str, begin: int, end: int) -> URIRef:
        """A mention or sentence: characters ``begin:end`` of the article text."""
        return URIRef(f"{self.base}article/{article_key}#char={begin},{end}")

    def time(self, article_key: str, begin: int, end: int) -> URIRef:
        """A time expression found at ``begin:end`` of the article text."""
        return URIRef(f"{self.base}article/{article_key}#time={begin},{end}")

    def entity(self, kind: str, key: str) -> URIRef:
        """An entity of ``kind`` (``person``, ``state``, ``un``, ``org``, ``place``) with its registry or name key."""
        return URIRef(f"{self.base}{kind}/{key}")

    def fact(self, kind: str, article_key: str, ordinal: int) -> URIRef:
        """An article-local fact (``event``, ``claim``, ``resolution``): the ``ordinal``-th of its kind."""
        return URIRef(f"{self.base}{kind}/{article_key}-{ordinal}")

    def position(self, person_key: str, title_key: str, organisation_key: str | None) -> URIRef:
        """A post held by a person: the same title in the same organisation is the same post in every article."""
        tail = f"/{organisation_key}" if organisation_key else ""
        return URIRef(f"{self.base}position/{person_key}/{title_key}{tail}")

    def encounter(self, person_key_a: str, person_key_b: str) -> URIRef:
        """The derived who-met-whom link between two people (order-independent)."""
        first, second = sorted((person_key_a, person_key_b))
        return URIRef(f"{self.base}encounter/{first}--{second}")
