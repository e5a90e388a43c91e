"""From raw article lines to clean text: page noise and inserted headlines out, the article's own headline found.

The clean text is the lines that are article prose, in order, joined by blank lines. All character offsets in the
graph point into this text, which the graph also stores (``nif:isString``), so every mention can be checked against
the exact characters that support it without the original file.
"""
from __future__ import annotations

import re
import unicodedata

#: Lines that are page furniture rather than prose. Each pattern describes a kind of noise, never a given site.
NOISE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # stock tickers: "AIRLINK 173.79 Increased By ▲ 3.22 (1.89%)"
    re.compile(r"[▲▼]|\b(Increased|Decreased) By\b"),
    # bylines and time stamps: "BR Web Desk Published April 14, 2025 Updated April 14, 2025 05:48pm"
    re.compile(r"\b(Published|Updated)\b.*\b\d{4}\b", re.IGNORECASE),
    # navigation and share widgets
    re.compile(r"^(scroll to top|back to top|share|read more|advertisement|related( stories)?)\W*$", re.IGNORECASE),
)

#: How a line of prose ends. A line that does not end so is a headline: the article's own when it comes first,
#: an inserted headline of another story when it comes later.
_PROSE_END = re.compile(r"""[.!?:;"”’'\)\]…۔]\s*$""")

#: Headlines are short; a longer unpunctuated line is prose whose end is not a full stop (a paragraph closed by a
#: wire-agency tag, "… Slovakia and Ukraine. ANI"), kept.
MAX_HEADLINE_WORDS = 30


def normalise(raw: str) -> str:
    """Unicode NFC and ``\\n`` line ends, so the same article reads the same whatever wrote the file."""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def is_noise(line: str) -> bool:
    """True for a line that is page furniture (ticker, byline, navigation), never article prose."""
    return any(pattern.search(line) for pattern in NOISE_PATTERNS)


def is_headline(line: str) -> bool:
    """True for a line that reads as a headline: unpunctuated at its end and short."""
    return not _PROSE_END.search(line) and len(line.split()) <= MAX_HEADLINE_WORDS


def clean_text(body: str, *, title: str | None = None) -> tuple[str | None, str]:
    """The headline and clean text of an article body (already :func:`normalise`-d).

    Without a ``title``, the first headline-like line becomes the title and stays in the text (it is the article's
    own words). With one (metadata from a header or JSON), every headline-like line is dropped as another story's.
    Returns ``(title, text)``; ``text`` is empty when nothing is prose.
    """
    kept: list[str] = []
    for line in (line.strip() for line in body.split("\n")):
        if not line or is_noise(line):
            continue
        if is_headline(line):
            if kept or title is not None:
                continue  # a headline inside the body belongs to another story
            title = line
        kept.append(line)
    return title, "\n\n".join(kept)
