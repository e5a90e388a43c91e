"""What the endpoint refuses before a query reaches the store: federation (``SERVICE``) and updates.

pyoxigraph evaluates ``SERVICE <iri> { ... }`` by sending the inner query over HTTP to ``iri``, and it has no
switch to turn that off; a public endpoint would then make requests wherever its users point it, and nothing in
newskg may touch the network at run time. So a query that uses the keyword is refused. The check reads the query
the way a SPARQL lexer does (``\\u`` escapes decoded first, as the SPARQL grammar says; strings, IRIs, comments and
escaped characters skipped as whole tokens), so a ``SERVICE`` inside a string, an IRI, a comment, a variable or a
prefixed name is harmless, and the keyword itself cannot hide. When unsure it refuses: a local name containing
``.SERVICE`` is refused too, which costs nothing real.

Updates never reach a store opened read-only, but a client that sends one as a query deserves "updates are
refused" rather than the parser's "expected SELECT", so :func:`looks_like_update` tells them apart.
"""
from __future__ import annotations

import re

_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'  # long strings (an unterminated one runs to the end)
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # an IRI: no spaces, so `?a < ?b` is no IRI
    r"|#[^\n\r]*"  # a comment
    r"|\\.",  # an escaped character of a local name (`ex:a\'b`), so its quote opens no string
    re.DOTALL,
)
"""Tokens whose text is not SPARQL syntax, replaced by a space before keywords are looked for."""

_SERVICE = re.compile(r"(?<![\w?$:\-])SERVICE(?![\w:\-])", re.IGNORECASE)
"""The keyword, not part of a variable (``?service``), a prefixed name (``ex:service``, ``service:x``) or a word."""

_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s*[\w.\-]*:|BASE)\s*)*", re.IGNORECASE)
"""``PREFIX p: <iri>`` and ``BASE <iri>`` declarations, as they read once IRIs are blanked out."""
_UPDATE_KEYWORD = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def _unescape_codepoints(query: str) -> str:
    """The query with ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded, as SPARQL parsers do before anything else."""

    def decode(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _CODEPOINT_ESCAPE.sub(decode, query)


def _syntax(query: str) -> str:
    """The query's syntax: escapes decoded, then strings, IRIs, comments and escaped characters blanked out."""
    return _OPAQUE.sub(" ", _unescape_codepoints(query))


def uses_service(query: str) -> bool:
    """Whether ``query`` uses the ``SERVICE`` keyword (federated query), which the endpoint refuses."""
    return _SERVICE.search(_syntax(query)) is not None


def looks_like_update(text: str) -> bool:
    """Whether ``text`` starts, after its prologue, with a SPARQL Update keyword (``INSERT``, ``DELETE``, ``LOAD``,
    ``CLEAR``, ``DROP`` ...): used to explain why such a text is no query."""
    syntax = _syntax(text)
    prologue = _PROLOGUE.match(syntax)
    return _UPDATE_KEYWORD.match(syntax, prologue.end() if prologue else 0) is not None
