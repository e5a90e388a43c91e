"""Reading article files: decoding, the inline date prefix, page noise, title and content identity.

An :class:`Article` holds the *clean* text: the lines that are article prose, in order, joined by blank lines. All
character offsets in the graph point into this text, which the graph also stores (``nif:isString``), so every
mention can be checked against the exact characters that support it without the original file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.errors import InputError

#: File endings read as plain-text articles. Anything else in a folder is reported, not guessed at.
ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".text"})

#: Articles larger than this are refused: a news article is kilobytes, a bigger file is a mistake or a dump.
MAX_ARTICLE_BYTES = 2_000_000

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_HTML = re.compile(r"<\s*(html|body|div|p|script|head|!doctype)\b", re.IGNORECASE)

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


@dataclass(frozen=True)
class Article:
    """One news article, ready for the NLP pipeline."""

    source: str
    """The file name the article was read from (kept as provenance, not as identity)."""
    text: str
    """The clean article text; every offset in the graph points into it."""
    date: dt.date | None
    """Publication date from the inline ``date YYYY-MM-DD`` prefix; ``None`` when the file has none."""
    title: str | None
    """The headline, when the article starts with one."""

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised text: the same article under another name is the same article."""
        normalised = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()

    @cached_property
    def key(self) -> str:
        """Short form of :attr:`content_hash` used in IRIs."""
        return self.content_hash[:16]


def is_noise(line: str) -> bool:
    """True for a line that is page furniture (ticker, byline, navigation), never article prose."""
    return any(pattern.search(line) for pattern in NOISE_PATTERNS)


def parse_article(raw: str, source: str) -> Article:
    """Turn the decoded contents of one file into an :class:`Article`.

    The date prefix is taken off, noise lines and inserted headlines are dropped, and the first headline-like line
    becomes the title (it stays in the text: it is the article's own words).
    """
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    date: dt.date | None = None
    if match := _DATE_PREFIX.match(raw):
        try:
            date = dt.date.fromisoformat(match.group(1))
        except ValueError as error:
            raise InputError(source, f"invalid date prefix {match.group(1)!r} ({error})") from None
        raw = raw[match.end():]
    title: str | None = None
    kept: list[str] = []
    for line in (line.strip() for line in raw.split("\n")):
        if not line or is_noise(line):
            continue
        if not _PROSE_END.search(line):
            if kept or title is not None:
                continue  # a headline inside the body belongs to another story
            title = line
        kept.append(line)
    text = "\n\n".join(kept)
    if not text.strip():
        raise InputError(source, "no article text (the file is empty or holds only page noise)")
    return Article(source=source, text=text, date=date, title=title)


def read_article(path: Path) -> Article:
    """Read and parse one article file, raising :class:`InputError` (naming the file) for anything unusable."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise InputError(path, f"unknown file type {path.suffix or '(none)'!r}; articles are plain-text .txt files")
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(path, f"file is {size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror})") from None
    if not data.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a text article")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {error.start}); re-encode it as UTF-8") from None
    if _HTML.search(raw):
        raise InputError(path, "looks like HTML; extract the article text to a .txt file first")
    return parse_article(raw, path.name)


def find_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into their files (sorted, hidden files skipped) and pass files through as given.

    Raises :class:`InputError` for a path that does not exist or a folder with no article files in it.
    """
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not any(p.suffix.lower() in ARTICLE_SUFFIXES for p in files):
                raise InputError(path, "folder holds no article files (*.txt)")
            yield from files
        elif path.exists():
            yield path
        else:
            raise InputError(path, "no such file or folder")
