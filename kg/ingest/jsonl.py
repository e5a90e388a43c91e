"""Reading articles from JSON as news-please and trafilatura write it: one object per line (JSON Lines), or one
object per ``.json`` file.

A record's body is ``maintext`` (news-please) or ``text`` (trafilatura); its metadata ``url``, ``title`` and
``date`` or ``date_publish``. The title is metadata, not article text. A JSON Lines file holds many articles, so a bad
line costs only itself: it becomes an :class:`~kg.errors.InputLineError` naming the file and line, and the other
lines are read. Files are streamed line by line, so a large export never sits in memory as bytes.
"""
from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError, InputLineError
from kg.ingest.article import Article
from kg.ingest.clean import clean_text, normalise
from kg.ingest.decode import decode_text, looks_like_html, sniff_encoding
from kg.ingest.text import parse_date

#: Fields holding the article body, in the order they are looked for.
TEXT_FIELDS: tuple[str, ...] = ("maintext", "text")
#: Fields holding the publication date, in the order they are looked for.
DATE_FIELDS: tuple[str, ...] = ("date_publish", "date")

#: Bytes looked at for NUL bytes before a JSON file is streamed: enough to tell a binary file from text.
_SNIFF_BYTES = 8192


def parse_record(record: Any, source: str) -> Article:
    """One JSON object → :class:`Article`; raises :class:`InputError` (naming ``source``) when it holds no article."""
    if not isinstance(record, dict):
        raise InputError(source, f"the record is {_json_type(record)}, not an object with the article's fields")
    body = next((record[name] for name in TEXT_FIELDS if record.get(name) is not None), None)
    if body is None:
        raise InputError(source, f"no article text (no {' or '.join(repr(f) for f in TEXT_FIELDS)} field)")
    if not isinstance(body, str):
        raise InputError(source, f"the article text is {_json_type(body)}, not a string")
    body = normalise(body)
    if looks_like_html(body):
        raise InputError(source, "the article text looks like HTML; extract the text from the page first")
    title = _string(record, "title", source)
    date_value = next((record[name] for name in DATE_FIELDS if record.get(name) not in (None, "")), None)
    if date_value is not None and not isinstance(date_value, str):
        raise InputError(source, f"the date is {_json_type(date_value)}, not a string")
    try:
        date = parse_date(date_value) if date_value else None
    except ValueError as error:
        raise InputError(source, str(error)) from None
    if title:
        title = normalise(title).strip() or None
    title, text = clean_text(body, title=title)
    if not text.strip():
        raise InputError(source, "no article text (the text field is empty or holds only page noise)")
    url = _string(record, "url", source) or None
    return Article(source=source, text=text, date=date, title=title, url=url)


def read_json_articles(path: Path, max_line_chars: int) -> Iterator[Article | InputError]:
    """Every article of a ``.jsonl``/``.json`` file, in file order, with an error in place of each bad line.

    A ``.json`` file that is one JSON object (news-please writes one pretty-printed object per article) is one
    article whose source is the file name; otherwise each line is an article whose source is ``<file>:<line>``.
    Lines longer than ``max_line_chars`` are refused like over-large article files.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
            codec = sniff_encoding(head)
            if codec is None and b"\x00" in head:
                yield InputError(path, "binary file (contains NUL bytes), not JSON text")
                return
            stream.seek(0)
            if path.suffix.lower() == ".json" and (whole := _single_object(stream, path, max_line_chars)) is not None:
                yield whole
                return
            stream.seek(0)
            yield from _read_lines(stream, path, codec or "utf-8-sig", max_line_chars)
    except OSError as error:
        yield InputError(path, f"cannot read file ({error.strerror})")


def _single_object(stream: io.BufferedReader, path: Path, max_chars: int) -> Article | InputError | None:
    """The article of a file that is one JSON object, or ``None`` when the file is not one (then: JSON Lines)."""
    data = stream.read(max_chars + 1)
    if len(data) > max_chars:
        return None
    try:
        text = decode_text(data, path)
    except InputError as error:
        return error
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict):
        return InputError(path, f"the file is {_json_type(record)}; write one article object per line (JSON Lines)")
    try:
        return parse_record(record, path.name)
    except InputError as error:
        return InputError(path, error.reason)


def _read_lines(stream: io.BufferedReader, path: Path, codec: str, max_chars: int) -> Iterator[Article | InputError]:
    seen_any = False
    for number, line in _numbered_lines(stream, codec):
        if isinstance(line, UnicodeDecodeError):
            name = "UTF-8" if codec.startswith("utf-8") else codec.upper()
            yield InputLineError(path, number, f"not {name} text (invalid byte at column {line.start + 1}); "
                                               "re-encode the file as UTF-8")
            if codec.startswith("utf-8"):
                continue
            return  # a UTF-16/32 stream cannot be resynchronised after a bad unit
        if not line.strip():
            continue
        seen_any = True
        if len(line) > max_chars:
            yield InputLineError(path, number, f"line is over the {max_chars:,}-character limit for one article")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputLineError(path, number, f"invalid JSON ({error.msg} at column {error.colno})")
            continue
        try:
            yield parse_record(record, f"{path.name}:{number}")
        except InputError as error:
            yield InputLineError(path, number, error.reason)
    if not seen_any:
        yield InputError(path, "file is empty")


def _numbered_lines(stream: io.BufferedReader, codec: str) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """The file's lines, numbered from 1, each decoded on its own so that one bad byte costs one line (UTF-8)."""
    if not codec.startswith("utf-8"):
        reader = io.TextIOWrapper(stream, encoding=codec, newline="\n")  # JSON escapes line breaks in strings
        number = 0
        try:
            for number, line in enumerate(reader, start=1):
                yield number, line
        except UnicodeDecodeError as error:
            yield number + 1, error
        finally:
            reader.detach()
        return
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, error


def _json_type(value: Any) -> str:
    """How JSON calls the type of a parsed value, with its article: "an array", "a number" …"""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number"}
    return names.get(type(value), "null")


def _string(record: dict[str, Any], name: str, source: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise InputError(source, f"the {name!r} field is {_json_type(value)}, not a string")
