"""Benchmark corpora: N distinct articles made from the real articles in ``data/``, the same on every run.

The sources are the five seed articles (``data/articles``) and the forty real articles of the development split
(``data/gold/real-dev/articles``); the frozen test split is never read. Copy ``k`` of a source (``k = 0`` is the
article as published) differs from every other copy in two ways, both deterministic:

- **names**: every word of a PERSON entity that newskg's pipeline finds in the source (read once per source; its
  gazetteer has claimed states and UN bodies, so they keep their names) gets a suffix spelt from ``k`` ("Akram" → "Akramek" in one copy, "Akramovan" in another), everywhere it occurs,
  so each copy has people of its own and the reduce sees a corpus's worth of distinct names, not 45 repeated;
- **numbers**: every figure above 31 that is not a year (1900-2099) is raised by ``k``, so claims differ and
  conflicting figures pile up on the same subjects (UN bodies and states keep their names), as in a real feed.

Dates, states, UN bodies and the sentence structure stay as published: the linguistic load per article is that
of real news. A copy whose text happens to equal an earlier one (a source with no person and no figure) is
skipped, so the corpus has exactly N distinct texts (newskg builds the same text once).

Usage: python bench/corpus.py COUNT FOLDER [COUNT FOLDER ...]
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "data" / "articles", ROOT / "data" / "gold" / "real-dev" / "articles")

SYLLABLES = ("ek", "ov", "an", "is", "ur", "el", "om", "ia")
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]\d)")
HEADER = re.compile(r"\A(source:.*?\n\n)", re.DOTALL)


@dataclass(frozen=True)
class Source:
    """A real article: its file name, its text, and the words of the people the model finds in it."""

    name: str
    text: str
    name_words: tuple[str, ...]


def read_sources(nlp) -> list[Source]:
    """The real articles with their person-name words (``nlp``: newskg's pipeline, for its PERSON entities)."""
    files = sorted(path for folder in SOURCES for path in folder.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    sources = []
    for path, text, doc in zip(files, texts, nlp.pipe(texts), strict=True):
        words = {
            token.text
            for entity in doc.ents
            if entity.label_ == "PERSON"
            for token in entity
            if token.is_alpha and token.text[0].isupper() and len(token.text) > 2
        }
        sources.append(Source(f"{path.parent.parent.name}-{path.name}", text, tuple(sorted(words))))
    return sources


def suffix(k: int) -> str:
    """The name suffix of copy ``k``: ``k`` written in base 8 with a syllable per digit ("" for the original)."""
    syllables = []
    while k:
        k, digit = divmod(k, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return "".join(syllables)


def vary(source: Source, k: int) -> str:
    """Copy ``k`` of ``source``: its people renamed and its figures raised by ``k`` (the header kept as is)."""
    if k == 0:
        return source.text
    match = HEADER.match(source.text)
    header, body = (match.group(1), source.text[match.end():]) if match else ("", source.text)
    if source.name_words:
        words = re.compile(r"\b(" + "|".join(map(re.escape, source.name_words)) + r")\b")
        body = words.sub(lambda m: m.group(1) + suffix(k), body)
    return header + NUMBER.sub(lambda m: _raised(m.group(1), k), body)


def _raised(figure: str, k: int) -> str:
    value = int(figure.replace(",", ""))
    if value <= 31 or 1900 <= value <= 2099:  # days of the month and years stay: dates must stay dates
        return figure
    return f"{value + k:,}" if "," in figure else str(value + k)


def articles(sources: list[Source], count: int) -> Iterator[tuple[str, str]]:
    """(file name, text) of ``count`` distinct articles: copy 0 of every source, then copy 1, and so on."""
    seen: set[str] = set()
    k = 0
    while True:
        for source in sources:
            text = vary(source, k)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            yield f"{k:05d}-{source.name}", text
            if len(seen) == count:
                return
        k += 1


def write_corpus(sources: list[Source], count: int, folder: Path) -> Path:
    """Write the corpus of ``count`` articles into ``folder`` (made anew); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in articles(sources, count):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    """Write the corpora named on the command line (a process of its own: the benchmark's stays small, so that
    the memory its children inherit at start says nothing of the model loaded here)."""
    from kg.nlp import create_pipeline

    sources = read_sources(create_pipeline())
    pairs = sys.argv[1:]
    for count, folder in zip(pairs[::2], pairs[1::2], strict=True):
        write_corpus(sources, int(count), Path(folder))


if __name__ == "__main__":
    main()
