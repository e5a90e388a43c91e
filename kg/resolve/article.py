"""From entity spans to resolved entities: one per real-world thing in an article, with a deterministic key.

Within an article, short and titled forms resolve to the full name ("Akram", "Ambassador Akram" → Munir Akram),
acronyms to their long form ("FO" → Foreign Office, "(CIPS)" → Centre for International Peace and Stability),
and a bare "Council" to the one UN council the article names. Keys come from registries (ISO code, UN body key) or
from the normalised full name, so the same entity gets the same IRI in every article and every build.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import knowledge
from kg.facts import EntityKind
from kg.resolve.names import name_words, slugify
from kg.nlp.components import (
    ORG_PREFIX,
    PLACE_LABELS,
    STATE_PREFIX,
    TITLES_KEY,
    UN_PREFIX,
    clean_span,
)


@dataclass(eq=False)
class Entity:
    """One resolved entity of one article, with every span that mentions it (compared by identity)."""

    kind: EntityKind
    key: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    registered: bool = False
    """Keyed by a registry (ISO code, UN body or organisation key) rather than by a folded name."""

    @property
    def alt_labels(self) -> list[str]:
        """Every surface form seen other than the canonical label, sorted for deterministic output."""
        return sorted(alias for alias in self.aliases if alias != self.label)


_NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "al"})


def _names_no_organisation(span: Span) -> bool:
    """An "ORG" whose head noun makes it an award, a document or an event ("UN Charter", "Global Refugee Forum",
    "Summit of the Future", "UN Peacekeeping Ministerial"): named things, but not organisations."""
    words = knowledge.linguistic()
    return any(
        head.text in words["award_heads"] or head.text in words["document_heads"] or head.lemma_.lower() in _event_nouns()
        for head in (span[-1], span.root)
    )


def _names_a_group(span: Span) -> bool:
    """A name headed by a plural or collective noun names a group ("Member States", "African Group")."""
    return span[-1].text in _words("group_heads")


def _is_common_word(span: Span) -> bool:
    """A one-word name that is a common noun or an office's head noun: "Embassy", "Homeland", "Kingdom" as
    places, "the Government", "Administration" as organisations (unless they stand for the one council named)."""
    return len(span) == 1 and (span[0].pos_ == "NOUN" or span[0].text in _words("lone_generic_names"))


def _organisation_name(span: Span) -> Span:
    """An "ORG" span cut to the name: before a verb the model swept in ("Tribune quoted Foreign Office" is The
    Tribune) and without trailing lower-case words ("Xinhua news agency" is Xinhua)."""
    end = next((t.i for t in span if t.pos_ in ("VERB", "AUX") and t.is_lower), span.end)
    while end > span.start and span.doc[end - 1].is_lower:
        end -= 1
    return span.doc[span.start : end]


@lru_cache(maxsize=None)
def _words(name: str) -> frozenset[str]:
    """A closed word list of ``linguistic.yaml``, as a set."""
    return frozenset(knowledge.linguistic()[name])


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    return frozenset(noun for spec in knowledge.events().values() if isinstance(spec, dict) for noun in spec.get("nouns", ()))


def _is_usable(span: Span) -> bool:
    """Model spans that cannot be names: empty, lower-case, digits only, or crossing a paragraph."""
    return bool(len(span)) and span.text[:1].isupper() and any(c.isalpha() for c in span.text) and "\n" not in span.text


class _Registry:
    """Entities of one article by (kind, key), in order of first mention."""

    def __init__(self) -> None:
        self.entities: dict[tuple[EntityKind, str], Entity] = {}

    def add(
        self, kind: EntityKind, key: str, label: str, span: Span, form: str | None = None, *, registered: bool = False
    ) -> Entity:
        entity = self.entities.setdefault((kind, key), Entity(kind, key, label, registered=registered))
        entity.mentions.append(span)
        entity.aliases.add(form or span.text)
        return entity


def resolve_entities(doc: Doc) -> list[Entity]:
    """Group the entity spans of ``doc`` into resolved entities (see module docstring)."""
    registry = _Registry()
    people: list[Span] = []
    named: list[tuple[EntityKind, Span]] = []
    for ent in doc.ents:
        if ent.kb_id_:
            _add_registered(registry, ent)
            continue
        span = clean_span(ent)
        if not _is_usable(span):
            continue
        if span.text in _words("not_entity_names"):
            continue
        if ent.label_ == "PERSON":
            people.append(span)
        elif ent.label_ == "ORG":
            span = _organisation_name(span)
            if not _is_usable(span) or _names_no_organisation(span) or _names_a_group(span):
                continue
            named.append((EntityKind.PLACE if span[-1].text in _words("facility_heads") else EntityKind.ORGANISATION, span))
        elif ent.label_ in PLACE_LABELS and not _names_a_group(span):
            named.append((EntityKind.PLACE, span))
    _resolve_people(registry, people)
    _resolve_named(registry, named)
    return sorted(registry.entities.values(), key=lambda e: e.mentions[0].start)


def _add_registered(registry: _Registry, ent: Span) -> None:
    prefix, _, key = ent.kb_id_.partition(":")
    prefix += ":"
    if prefix == STATE_PREFIX:
        registry.add(EntityKind.STATE, key, knowledge.state(key).name, ent, registered=True)
    elif prefix == UN_PREFIX:
        registry.add(EntityKind.UN_BODY, key, knowledge.un_body(key).name, ent, registered=True)
    elif prefix == ORG_PREFIX:
        registry.add(EntityKind.ORGANISATION, key, knowledge.organisation(key).name, ent, registered=True)


def _resolve_people(registry: _Registry, spans: list[Span]) -> None:
    """Attach each short form to the one full name that contains its words, preferring the latest one before it.

    "Iftikhar" and "Ahmad" both resolve to "Asim Iftikhar Ahmad"; with two Khans in an article, "Khan" goes to
    the one named most recently. A name with no longer form is a person of its own. Work grows with the number of
    distinct names, not of mentions, so long articles stay linear.
    """
    titles_ending_at = {title.end: title for title in spans[0].doc.spans[TITLES_KEY]} if spans else {}
    occurrences: dict[tuple[str, ...], list[Span]] = {}  # each full name → its mentions, in text order
    for span in sorted(spans, key=lambda s: (-len(name_words(s.text)), s.start)):
        tokens = name_words(span.text)
        if tokens not in occurrences:
            containing = [name for name in occurrences if _contains_words(name, tokens)]
            if not containing:
                occurrences[tokens] = []
            else:
                tokens = _latest_before(containing, occurrences, span)
        occurrences[tokens].append(span)
        full = occurrences[tokens][0]
        registry.add(EntityKind.PERSON, slugify(full.text), full.text, span, form=span.text)
        if (title := titles_ending_at.get(span.start)) is not None:
            registry.entities[(EntityKind.PERSON, slugify(full.text))].aliases.add(f"{title.text} {span.text}")


def _latest_before(
    names: list[tuple[str, ...]], occurrences: dict[tuple[str, ...], list[Span]], span: Span
) -> tuple[str, ...]:
    """Of several full names, the one mentioned most recently before ``span`` (else the one mentioned first)."""
    before = {name: max((s.start for s in occurrences[name] if s.start < span.start), default=-1) for name in names}
    if max(before.values()) >= 0:
        return max(names, key=lambda name: before[name])
    return min(names, key=lambda name: occurrences[name][0].start)


def _contains_words(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """True when every word of ``short`` is a word of ``full``, in order (a subsequence)."""
    words = iter(full)
    return len(short) < len(full) and all(word in words for word in short)


def _initials(span: Span) -> str:
    return "".join(t.text[0] for t in span if t.text.lower() not in _NAME_CONNECTORS and t.text[:1].isupper())


def _resolve_named(registry: _Registry, named: Iterable[tuple[EntityKind, Span]]) -> None:
    """Organisations and places: acronyms and bare council names resolve to a long form of the same article."""
    named = list(named)
    long_forms = {
        _initials(span): (kind, span)
        for kind, span in named
        if len(span) > 1
    }
    for kind, span in named:
        text = span.text
        if target := _council_of(registry, span):
            registry.entities[(EntityKind.UN_BODY, target)].mentions.append(span)
            registry.entities[(EntityKind.UN_BODY, target)].aliases.add(text)
            continue
        if _is_common_word(span):
            continue
        if text.isupper() and text in long_forms and long_forms[text][1].text != text:
            kind, long = long_forms[text]
            registry.add(kind, slugify(long.text), long.text, span)
            continue
        registry.add(kind, slugify(text), text, span)


def _council_of(registry: _Registry, span: Span) -> str | None:
    """"the Council" in an article naming exactly one UN body whose name ends in "Council" is that body."""
    if len(span) != 1:
        return None
    head = span.text.lower()
    bodies = [
        key
        for (kind, key), entity in registry.entities.items()
        if kind is EntityKind.UN_BODY and entity.label.lower().split()[-1] == head
    ]
    return bodies[0] if len(bodies) == 1 else None
