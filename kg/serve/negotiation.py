"""Which serialisation a SPARQL client gets: the formats the endpoint speaks and HTTP ``Accept`` negotiation.

SELECT and ASK answers are SPARQL results (JSON, XML, CSV, TSV); CONSTRUCT and DESCRIBE answers are graphs
(Turtle, N-Triples, JSON-LD, RDF/XML). pyoxigraph writes every one of them, so a format here is only a media type,
the other names clients use for it, and the pyoxigraph format that writes it. The first format of each family
is the default, for a client that sends no ``Accept`` or accepts anything.

This module imports nothing of newskg: the query workers (:mod:`kg.serve.workers`) use it, and they stay light.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class Format:
    """One serialisation: the media type the answer is labelled with, and the others a client may ask it by."""

    media_type: str
    aliases: tuple[str, ...]
    writer: QueryResultsFormat | RdfFormat

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header: text formats say they are UTF-8, as the SPARQL formats require."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


RESULT_FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", ("application/json",), QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", ("application/xml", "text/xml"), QueryResultsFormat.XML),
    Format("text/csv", (), QueryResultsFormat.CSV),
    Format("text/tab-separated-values", (), QueryResultsFormat.TSV),
)
"""Formats of SELECT and ASK answers, the default first."""

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("text/turtle", ("application/x-turtle",), RdfFormat.TURTLE),
    Format("application/n-triples", ("text/plain",), RdfFormat.N_TRIPLES),
    Format("application/ld+json", ("application/json",), RdfFormat.JSON_LD),
    Format("application/rdf+xml", ("application/xml", "text/xml"), RdfFormat.RDF_XML),
)
"""Formats of CONSTRUCT and DESCRIBE answers, the default first."""


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights (``q``, 1 when absent), lower-cased."""
    ranges = []
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        if not media_type:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # a malformed weight is read as "not wanted" rather than guessed
        ranges.append((media_type.lower(), weight))
    return ranges


def _weight(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """How much the client wants ``fmt``: the weight of the most specific range that names it (RFC 9110 §12.5.1)."""
    best_specificity, weight = -1, 0.0
    for media_range, q in ranges:
        kind = media_range.split("/")[0]
        for name in fmt.names():
            if media_range == name:
                specificity = 2
            elif media_range == f"{kind}/*" and name.startswith(f"{kind}/"):
                specificity = 1
            elif media_range == "*/*":
                specificity = 0
            else:
                continue
            if specificity > best_specificity:
                best_specificity, weight = specificity, q
    return weight


def choose_format(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format of ``formats`` the ``Accept`` header wants most (the family's default when there is no header);
    ``None`` when it accepts none of them, which the endpoint answers with 406."""
    if not accept or not accept.strip():
        return formats[0]
    ranges = _media_ranges(accept)
    weights = [_weight(fmt, ranges) for fmt in formats]
    best = max(weights)
    return formats[weights.index(best)] if best > 0 else None


def describe(formats: tuple[Format, ...]) -> str:
    """The media types of a family, for a 406 message."""
    return ", ".join(fmt.media_type for fmt in formats)
