"""Bytes of an article file → text: byte-order marks honoured, everything that is not text refused by name.

UTF-8 is the rule. A byte-order mark says otherwise: Windows tools ("Unicode" in Notepad, PowerShell's ``>``) write
UTF-16 with one, Excel and Notepad write UTF-8 with one. The mark is looked at first because UTF-16 text is full of
NUL bytes, which otherwise mean a binary file.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import InputError

#: Byte-order marks and the codec that reads past them. UTF-32 comes first: its little-endian mark begins with
#: UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_HTML = re.compile(r"<\s*(html|body|div|p|script|head|!doctype)\b", re.IGNORECASE)


def sniff_encoding(head: bytes) -> str | None:
    """The codec named by the byte-order mark ``head`` starts with, or ``None`` when there is none."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    return None


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode one file's bytes, raising :class:`InputError` (naming ``path``) for empty, binary or undecodable data."""
    codec = sniff_encoding(data)
    if codec is None:
        if b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes), not a text article "
                                   "(UTF-16 text needs a byte-order mark)")
        codec = "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        name = "UTF-8" if codec.startswith("utf-8") else codec.upper()
        reason = f"not {name} text (invalid byte at offset {error.start}); re-encode it as UTF-8"
        raise InputError(path, reason) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(path, "file is empty")
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters), not a text article")
    return text


def looks_like_html(text: str) -> bool:
    """True when ``text`` is (part of) a web page: its markup would end up in the graph as prose."""
    return bool(_HTML.search(text))
