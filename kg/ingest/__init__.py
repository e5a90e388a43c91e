"""Reading articles: files and folders in, clean :class:`Article` records out.

One module per job: :mod:`~kg.ingest.article` (the record and its identity), :mod:`~kg.ingest.decode` (bytes to
text), :mod:`~kg.ingest.clean` (page noise and headlines), :mod:`~kg.ingest.text` (plain and header-layout text),
:mod:`~kg.ingest.jsonl` (news-please / trafilatura JSON), :mod:`~kg.ingest.files` (which files, one file's
articles) and :mod:`~kg.ingest.corpus` (many paths, deduplicated).
"""
from __future__ import annotations

from kg.ingest.article import Article
from kg.ingest.clean import NOISE_PATTERNS, is_noise
from kg.ingest.corpus import read_corpus
from kg.ingest.files import (
    ARTICLE_SUFFIXES,
    JSON_SUFFIXES,
    MAX_ARTICLE_BYTES,
    TEXT_SUFFIXES,
    article_files,
    find_article_files,
    read_article,
    read_file,
)
from kg.ingest.text import parse_article, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "JSON_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "NOISE_PATTERNS",
    "TEXT_SUFFIXES",
    "Article",
    "article_files",
    "find_article_files",
    "is_noise",
    "parse_article",
    "parse_date",
    "read_article",
    "read_corpus",
    "read_file",
]
