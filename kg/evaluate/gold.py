"""Gold annotations (format ``newskg-gold/1``): their types, and the loader that validates a file while reading it.

A gold file is written by hand, so every mistake in it must surface as an :class:`~kg.errors.InputError` naming
the file and the entry (``articles[3] (106.txt).events[2].date``), never as a silently wrong score. The format
and the annotation rules are in ``data/gold/README.md``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kg.errors import InputError
from kg.evaluate.names import name_keys, normalise_name
from kg.evaluate.schema import ENTITY_CATEGORIES, EVENT_CLASSES, EVENT_TYPES, ROLES, VOTE_CHOICES
from kg.knowledge import SAFE_LOADER

#: The value of the ``format`` key every gold file must carry.
GOLD_FORMAT = "newskg-gold/1"

#: A date at its precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")

_G = TypeVar("_G")
_ISO = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class GoldEntity:
    """An entity as the gold names it; :attr:`keys` are what a prediction must share with it to match."""

    name: str
    aliases: tuple[str, ...] = ()
    iso: str | None = None

    @cached_property
    def keys(self) -> frozenset[str]:
        return name_keys(self.name, self.aliases, self.iso)


@dataclass(frozen=True)
class GoldEvent:
    """An event a reader finds in one article; only type, participants and date are scored."""

    type: str
    participants: Mapping[str, tuple[str, ...]]
    """Role → names; each name is an entity's canonical name or alias."""
    date: str | None = None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    place: str | None = None
    trigger: str | None = None
    choice: str | None = None
    resolution: str | None = None

    @property
    def participant_names(self) -> tuple[str, ...]:
        """Every participant once, whatever its role(s)."""
        return tuple(dict.fromkeys(name for names in self.participants.values() for name in names))


@dataclass(frozen=True)
class GoldPosition:
    """A post the text gives a named person; ``of`` is kept for readers, not scored."""

    person: str
    title: str
    of: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    """A number the text asserts about an entity; subject, value and (for the headline) measure are scored."""

    subject: str
    measure: str
    value: Decimal
    unit: str | None = None
    as_of: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One article's annotations; ``file`` is the article's file name, by which the graph and the baseline find it."""

    file: str
    date: str | None = None
    entities: Mapping[str, tuple[GoldEntity, ...]] = field(default_factory=dict)
    events: tuple[GoldEvent, ...] = ()
    meetings: tuple[tuple[str, str], ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    claims: tuple[GoldClaim, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A gold file: the annotations of a corpus of articles."""

    path: Path
    corpus: str
    articles: tuple[GoldArticle, ...]

    @property
    def files(self) -> frozenset[str]:
        return frozenset(article.file for article in self.articles)

    def entities(self, category: str) -> tuple[GoldEntity, ...]:
        """The corpus-level entities of ``category``: one per canonical name, aliases pooled over articles."""
        return self._corpus_entities[category]

    def entity(self, name: str, file: str) -> GoldEntity:
        """The corpus-level entity that ``name`` refers to in article ``file``.

        A name is looked up among the article's own entities first (canonical names before aliases), then the
        whole corpus; a name no entity lists stands for itself.
        """
        key = normalise_name(name)
        return self._lookup.get((file, key)) or self._lookup.get((None, key)) or GoldEntity(name)

    @cached_property
    def _corpus_entities(self) -> dict[str, tuple[GoldEntity, ...]]:
        merged: dict[str, dict[str, GoldEntity]] = {category: {} for category in ENTITY_CATEGORIES}
        for article in self.articles:
            for category, entities in article.entities.items():
                for entity in entities:
                    key = normalise_name(entity.name)
                    known = merged[category].get(key)
                    if known is None:
                        merged[category][key] = entity
                    else:
                        aliases = tuple(dict.fromkeys((*known.aliases, *entity.aliases)))
                        merged[category][key] = GoldEntity(known.name, aliases, known.iso or entity.iso)
        return {category: tuple(entities.values()) for category, entities in merged.items()}

    @cached_property
    def _lookup(self) -> dict[tuple[str | None, str], GoldEntity]:
        canonical = {
            normalise_name(entity.name): entity
            for category in ENTITY_CATEGORIES
            for entity in self._corpus_entities[category]
        }
        lookup: dict[tuple[str | None, str], GoldEntity] = {}
        for names_of in (lambda e: (e.name,), lambda e: e.aliases):  # canonical names win over aliases
            for article in self.articles:
                for entities in article.entities.values():
                    for entity in entities:
                        merged = canonical[normalise_name(entity.name)]
                        for name in names_of(entity):
                            lookup.setdefault((article.file, normalise_name(name)), merged)
                            lookup.setdefault((None, normalise_name(name)), merged)
        return lookup


class _GoldReader:
    """Validates one gold file while converting it, so every error names the file and the entry."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, reason: str) -> InputError:
        return InputError(self.path, f"{where}: {reason}" if where else reason)

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        if missing := sorted(required - value.keys()):
            raise self.fail(where, f"missing key(s) {', '.join(missing)}")
        if unknown := sorted(map(str, value.keys() - required - optional)):
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}; allowed: {allowed}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return value

    def text(self, value: Any, where: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # YAML reads an unquoted number as a number; a name like "2030" is still text
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected non-empty text, got {value!r}")
        return value.strip()

    def optional_text(self, value: Any, where: str) -> str | None:
        return None if value is None else self.text(value, where)

    def date(self, value: Any, where: str) -> str | None:
        """A date at its precision, as text: YAML turns ``2024-05-28`` into a date and ``2024`` into an int."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        match = DATE.match(text)
        if isinstance(value, bool) or not match or match.end() != len(text):
            raise self.fail(where, f"expected a date YYYY-MM-DD, YYYY-MM or YYYY (or null), got {value!r}")
        return text

    def number(self, value: Any, where: str) -> Decimal:
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value).replace(",", ""))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise self.fail(where, f"expected a number, got {value!r}") from None
        return number

    def each(self, value: Any, where: str, convert: Callable[[Any, str], _G]) -> tuple[_G, ...]:
        """``convert`` applied to every entry of the list ``value``, each told where it is."""
        return tuple(convert(item, f"{where}[{i}]") for i, item in enumerate(self.items(value, where)))

    def names(self, value: Any, where: str) -> tuple[str, ...]:
        return self.each(value, where, self.text)

    def gold(self, data: Any) -> Gold:
        data = self.mapping(data, "", {"format", "articles"}, {"corpus"})
        if data["format"] != GOLD_FORMAT:
            raise self.fail("format", f"expected {GOLD_FORMAT!r}, got {data['format']!r}")
        corpus = self.optional_text(data.get("corpus"), "corpus") or self.path.stem
        articles = self.each(data["articles"], "articles", self.article)
        seen: set[str] = set()
        for i, article in enumerate(articles):
            if article.file in seen:
                raise self.fail(f"articles[{i}] ({article.file})", "article listed twice")
            seen.add(article.file)
        return Gold(self.path, corpus, articles)

    def article(self, entry: Any, where: str) -> GoldArticle:
        entry = self.mapping(entry, where, {"file"}, {"date", "entities", "events", "meetings", "positions", "claims"})
        file = self.text(entry["file"], f"{where}.file")
        where = f"{where} ({file})"
        entities = self.mapping(entry.get("entities") or {}, f"{where}.entities", set(), set(ENTITY_CATEGORIES))
        return GoldArticle(
            file=Path(file).name,
            date=self.date(entry.get("date"), f"{where}.date"),
            entities={
                category: self.each(
                    entities.get(category),
                    f"{where}.entities.{category}",
                    lambda item, at, category=category: self.entity(item, at, category),
                )
                for category in ENTITY_CATEGORIES
            },
            events=self.each(entry.get("events"), f"{where}.events", self.event),
            meetings=self.each(entry.get("meetings"), f"{where}.meetings", self.meeting),
            positions=self.each(entry.get("positions"), f"{where}.positions", self.position),
            claims=self.each(entry.get("claims"), f"{where}.claims", self.claim),
        )

    def entity(self, entry: Any, where: str, category: str) -> GoldEntity:
        optional = {"aliases", "iso"} if category == "states" else {"aliases"}
        entry = self.mapping(entry, where, {"name"}, optional)
        iso = self.optional_text(entry.get("iso"), f"{where}.iso")
        if iso is not None and not _ISO.match(iso):
            raise self.fail(f"{where}.iso", f"expected an ISO 3166-1 alpha-2 code like PK, got {iso!r}")
        aliases = self.names(entry.get("aliases"), f"{where}.aliases")
        return GoldEntity(self.text(entry["name"], f"{where}.name"), aliases, iso)

    def event(self, entry: Any, where: str) -> GoldEvent:
        optional = {"date", "place", "trigger", "choice", "resolution"}
        entry = self.mapping(entry, where, {"type", "participants"}, optional)
        kind = entry["type"]
        if kind not in EVENT_CLASSES:
            raise self.fail(f"{where}.type", f"unknown event type {kind!r}; expected one of {', '.join(EVENT_TYPES)}")
        participants = self.mapping(entry["participants"], f"{where}.participants", set(), set(ROLES))
        roles = {role: self.names(names, f"{where}.participants.{role}") for role, names in participants.items()}
        if not any(roles.values()):
            raise self.fail(f"{where}.participants", "an event needs at least one participant")
        choice = self.optional_text(entry.get("choice"), f"{where}.choice")
        if choice is not None and choice not in VOTE_CHOICES:
            expected = ", ".join(sorted(VOTE_CHOICES))
            raise self.fail(f"{where}.choice", f"unknown vote choice {choice!r}; expected one of {expected}")
        return GoldEvent(
            type=kind,
            participants=roles,
            date=self.date(entry.get("date"), f"{where}.date"),
            place=self.optional_text(entry.get("place"), f"{where}.place"),
            trigger=self.optional_text(entry.get("trigger"), f"{where}.trigger"),
            choice=choice,
            resolution=self.optional_text(entry.get("resolution"), f"{where}.resolution"),
        )

    def meeting(self, entry: Any, where: str) -> tuple[str, str]:
        names = self.names(entry, where)
        if len(names) != 2 or normalise_name(names[0]) == normalise_name(names[1]):
            raise self.fail(where, f"a meeting is a pair of two different people, got {entry!r}")
        return names[0], names[1]

    def position(self, entry: Any, where: str) -> GoldPosition:
        entry = self.mapping(entry, where, {"person", "title"}, {"of"})
        return GoldPosition(
            self.text(entry["person"], f"{where}.person"),
            self.text(entry["title"], f"{where}.title"),
            self.optional_text(entry.get("of"), f"{where}.of"),
        )

    def claim(self, entry: Any, where: str) -> GoldClaim:
        entry = self.mapping(entry, where, {"subject", "measure", "value"}, {"unit", "as_of", "speaker"})
        as_of = entry.get("as_of")
        return GoldClaim(
            subject=self.text(entry["subject"], f"{where}.subject"),
            measure=self.text(entry["measure"], f"{where}.measure"),
            value=self.number(entry["value"], f"{where}.value"),
            unit=self.optional_text(entry.get("unit"), f"{where}.unit"),
            as_of=as_of.isoformat() if isinstance(as_of, dt.date) else self.optional_text(as_of, f"{where}.as_of"),
            speaker=self.optional_text(entry.get("speaker"), f"{where}.speaker"),
        )


def load_gold(path: Path | str) -> Gold:
    """Read and validate a gold file; :class:`InputError` names the file and the offending entry."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as error:
        raise InputError(path, f"cannot read gold file ({error.strerror})") from None
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(path, f"not a YAML gold file ({error})") from None
    return _GoldReader(path).gold(data)
