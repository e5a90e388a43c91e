"""Folding names to keys: the one place that decides when two written forms are the same name.

A key is the name in Unicode NFKC with invisible format characters (zero-width spaces and joiners, bidi
controls, soft hyphens) dropped, accents and case folded, and every run of other characters turned into one
hyphen: "António Guterres", "ANTONIO GUTERRES" and "Anto\u200bnio Guterres" all give ``antonio-guterres``.
"""
from __future__ import annotations

import re
import unicodedata


def clean_text(text: str) -> str:
    """``text`` in NFKC with format characters (Unicode category Cf) removed: what a label should hold."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed and whitespace collapsed: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", clean_text(text).replace("\u2019", "'"))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: the key of a name, used in IRIs."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name's key: "Munir Akram" → ("munir", "akram")."""
    return tuple(word for word in slugify(text).split("-") if word)
