"""Reading a whole corpus: every input path on its own, so one bad path costs only itself."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.ingest.article import Article
from kg.ingest.files import article_files, read_file


def read_corpus(paths: Iterable[Path]) -> tuple[list[Article], list[InputError], list[tuple[str, str]]]:
    """Read every article under ``paths`` (files or folders), in order.

    Returns ``(articles, errors, duplicates)``: the articles, each text once (identity is the content, see
    :attr:`Article.key`); one error per unusable path, file or JSON line; and ``(source, source it duplicates)``
    for each article whose text was already read under another name. A missing path or a folder without articles
    is one error naming that path, and the other paths are still read. A file reached twice (given itself and
    through its folder) is read once.
    """
    articles: dict[str, Article] = {}
    errors: list[InputError] = []
    duplicates: list[tuple[str, str]] = []
    seen_files: set[Path] = set()
    for path in paths:
        path = Path(path)
        try:
            files = article_files(path)
        except InputError as error:
            errors.append(error)
            continue
        for file in files:
            if (resolved := file.resolve()) in seen_files:
                continue
            seen_files.add(resolved)
            found, bad = read_file(file)
            errors.extend(bad)
            for article in found:
                if article.key in articles:
                    duplicates.append((article.source, articles[article.key].source))
                else:
                    articles[article.key] = article
    return list(articles.values()), errors, duplicates
