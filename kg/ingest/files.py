"""Which files are articles, and reading one file into its articles, whatever its format.

The format is chosen per file by its ending: plain or header-layout text (``.txt``, ``.text``) holds one article,
JSON (``.jsonl``, ``.json``) one per line. Anything unusable becomes an :class:`InputError` that names the file (and
for JSON Lines the line), never a guess.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.article import Article
from kg.ingest.decode import decode_text, looks_like_html
from kg.ingest.jsonl import read_json_articles
from kg.ingest.text import parse_article

#: File endings read as one text article each (plain, or with a ``source:``/``title:``/``date:`` header).
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text"})
#: File endings read as JSON: one article object per line, or one object per ``.json`` file.
JSON_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".json"})
#: File endings read as articles. Anything else in a folder is reported, not guessed at.
ARTICLE_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | JSON_SUFFIXES

#: Articles larger than this are refused: a news article is kilobytes, a bigger file is a mistake or a dump.
#: For JSON Lines the limit is per line (per article), not per file.
MAX_ARTICLE_BYTES = 2_000_000


def read_file(path: Path) -> tuple[list[Article], list[InputError]]:
    """Every article in one file, and an error for each part that is unusable; never raises :class:`InputError`.

    A text file gives one article or one error; a JSON Lines file gives one article per good line and one error
    per bad line, so a typo on line 17 costs line 17 only.
    """
    articles: list[Article] = []
    errors: list[InputError] = []
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        for item in read_json_articles(path, MAX_ARTICLE_BYTES):
            (errors if isinstance(item, InputError) else articles).append(item)  # type: ignore[arg-type]
        return articles, errors
    try:
        articles.append(_read_text_article(path))
    except InputError as error:
        errors.append(error)
    return articles, errors


def read_article(path: Path) -> Article:
    """Read and parse one single-article file, raising :class:`InputError` (naming the file) for anything unusable.

    For a JSON Lines file, which holds many articles, use :func:`read_file`.
    """
    articles, errors = read_file(path)
    if errors:
        raise errors[0]
    if len(articles) != 1:
        raise InputError(path, f"holds {len(articles)} articles; read it with kg.ingest.read_file")
    return articles[0]


def article_files(path: Path) -> list[Path]:
    """The files one input path stands for: a folder's files (sorted, hidden files skipped), or the file itself.

    Raises :class:`InputError` naming ``path`` when it does not exist or is a folder with no article files in it.
    Files of other types in a folder are returned, so that reading them reports them.
    """
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not any(p.suffix.lower() in ARTICLE_SUFFIXES for p in files):
            endings = ", ".join(f"*{suffix}" for suffix in sorted(ARTICLE_SUFFIXES))
            raise InputError(path, f"folder holds no article files ({endings})")
        return files
    if path.exists():
        return [path]
    raise InputError(path, "no such file or folder")


def find_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into their files (sorted, hidden files skipped) and pass files through as given.

    Raises :class:`InputError` for the first path that does not exist or is a folder with no article files in it;
    :func:`kg.ingest.read_corpus` instead reports each bad path and reads the others.
    """
    for path in paths:
        yield from article_files(path)


def _read_text_article(path: Path) -> Article:
    if path.suffix.lower() not in TEXT_SUFFIXES:
        endings = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(path, f"unknown file type {path.suffix or '(none)'!r}; articles are text files ({endings})")
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(path, f"file is {size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror})") from None
    raw = decode_text(data, path)
    if looks_like_html(raw):
        raise InputError(path, "looks like HTML; extract the article text to a .txt file first")
    try:
        return parse_article(raw, path.name)
    except InputError as error:  # parse_article knows the name only; the user needs the path they gave
        raise InputError(path, error.reason) from None
