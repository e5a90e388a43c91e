"""The fact records of :mod:`kg.facts` as JSON, so a store can keep each article's facts beside its quads.

An ingest re-resolves and re-maps the whole corpus from these records (mapping is cheap) and parses only the
articles that are new or changed (NLP is not). The codec is generic: it follows the dataclasses' type hints, so a
field added to the fact model needs no change here. What it cannot do is read records written for another shape of
the model; :func:`model_fingerprint` names the shape, a store keeps it beside every record, and a record written
for another shape is not decoded but re-extracted from its article's text.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from kg.facts import ArticleFacts
from kg.ingest import Article

JSON = Any
"""A value ``json.dumps`` can write."""


def encode(value: Any) -> JSON:
    """``value`` (a fact record, or anything inside one) as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact: a float would turn 5.5 billion into 5499999999.999…
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot encode a {type(value).__name__} as JSON: add it to kg.store.codec")


def decode(hint: Any, data: JSON) -> Any:
    """The value of type ``hint`` that :func:`encode` turned into ``data``; raises ``ValueError``/``TypeError``
    when ``data`` does not have that shape."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]  # only Optional unions occur in the model
        return decode(inner, data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in data)
        return tuple(decode(arg, item) for arg, item in zip(args, data, strict=True))
    if origin is list:
        return [decode(args[0], item) for item in data]
    if origin is dict:
        return {decode(args[0], key): decode(args[1], item) for key, item in data.items()}
    if dataclasses.is_dataclass(hint):
        return _decode_record(hint, data)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint is dt.date:
        return dt.date.fromisoformat(data)
    if hint is Decimal:
        return Decimal(data)
    if hint in (str, int, float, bool):
        if not isinstance(data, hint) or (hint is int and isinstance(data, bool)):
            raise TypeError(f"expected {hint.__name__}, found {type(data).__name__}")
        return data
    raise TypeError(f"cannot decode {hint!r}: add it to kg.store.codec")


def _decode_record(cls: type, data: JSON) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {cls.__name__}, found {type(data).__name__}")
    hints = _hints(cls)
    fields = {field.name for field in dataclasses.fields(cls) if field.init}
    if unknown := set(data) - fields:
        raise ValueError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    return cls(**{name: decode(hints[name], value) for name, value in data.items()})


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def dumps_facts(facts: ArticleFacts) -> str:
    """One article's facts as the JSON document a store keeps, stamped with the model's fingerprint."""
    return json.dumps({"model": model_fingerprint(), "facts": encode(facts)}, ensure_ascii=False) + "\n"


def loads_facts(text: str) -> tuple[ArticleFacts | None, Article]:
    """The facts in a document of :func:`dumps_facts`, and their article. A document written for another shape of
    the model gives no facts, only its article (read leniently: unknown fields ignored), to be parsed again."""
    document = json.loads(text)
    if document.get("model") == model_fingerprint():
        facts = decode(ArticleFacts, document["facts"])
        return facts, facts.article
    record = document["facts"]["article"]
    names = {field.name for field in dataclasses.fields(Article)}
    return None, decode(Article, {name: value for name, value in record.items() if name in names})


@lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """A short hash of the fact model's shape: every record class reachable from :class:`ArticleFacts`, with its
    fields and their types. It changes exactly when records written before could no longer be decoded."""
    seen: dict[str, list[tuple[str, str]]] = {}

    def visit(hint: Any) -> None:
        for arg in typing.get_args(hint):
            visit(arg)
        if dataclasses.is_dataclass(hint) and hint.__qualname__ not in seen:
            hints = _hints(hint)
            seen[hint.__qualname__] = [(field.name, repr(hints[field.name])) for field in dataclasses.fields(hint)]
            for field in dataclasses.fields(hint):
                visit(hints[field.name])
        elif isinstance(hint, type) and issubclass(hint, Enum) and hint.__qualname__ not in seen:
            seen[hint.__qualname__] = [(member.name, repr(member.value)) for member in hint]

    visit(ArticleFacts)
    return hashlib.sha256(repr(sorted(seen.items())).encode("utf-8")).hexdigest()[:16]
