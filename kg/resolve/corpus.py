"""Corpus-level resolution: every entity's final key and canonical label, decided once for the whole corpus.

Articles key their entities on their own (a registry code, or the folded form of the fullest name the article
gives). This step pools what every article says about each key and decides, before any IRI is minted:

- the **canonical label**: the registry's name for states, UN bodies and registered organisations; for anything
  else the fullest properly-cased form any article gives, ties broken by a stable order (so "NEW YORK" in one
  dateline and "New York" elsewhere give "New York", and "António Guterres" wins over "Antonio Guterres");
- the **final key** of a person known in some article only by a surname ("Akram"): the one full name in the corpus
  that contains it ("Munir Akram"), when exactly one does;
- every surface form, kept as an alternative label.

The result depends only on the set of articles, never on their order or on how the corpus was partitioned: the
summaries are unions and counts, and every choice is a maximum under a total order.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg import knowledge
from kg.facts import ArticleFacts, EntityKind, EntityRef
from kg.resolve.names import clean_text, name_words
from kg.resolve.tenure import PositionKey, Tenure, TenureSummary, resolve_tenures


@dataclass
class EntitySummary:
    """What the corpus says about one article-level key: the labels articles gave it and every form."""

    labels: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    registered: bool = False

    def update(self, other: EntitySummary) -> None:
        self.labels |= other.labels
        self.forms |= other.forms
        self.registered = self.registered or other.registered


@dataclass
class CorpusSummary:
    """The pooled entity summaries of a set of articles; summaries of two partitions combine with :meth:`update`."""

    entities: dict[EntityRef, EntitySummary] = field(default_factory=dict)
    tenure: TenureSummary = field(default_factory=TenureSummary)
    """When the articles state each person in each post (see :mod:`kg.resolve.tenure`)."""

    def add(self, facts: ArticleFacts) -> None:
        self.tenure.add(facts)
        for entity in facts.entities:
            summary = self.entities.setdefault(entity.ref, EntitySummary())
            summary.labels.add(clean_text(entity.label))
            summary.forms.update(clean_text(form) for form in entity.forms)
            summary.registered = summary.registered or entity.registered

    def update(self, other: CorpusSummary) -> None:
        for ref, summary in other.entities.items():
            self.entities.setdefault(ref, EntitySummary()).update(summary)
        self.tenure.update(other.tenure)


@dataclass(frozen=True)
class Resolution:
    """Final keys and labels of every entity of a corpus."""

    merged: dict[EntityRef, EntityRef]
    """Article-level refs that resolve to another entity (bare surnames), to their final ref."""
    labels: dict[EntityRef, str]
    """The canonical label of every final ref."""
    forms: dict[EntityRef, tuple[str, ...]]
    """Every other form of every final ref, sorted: its alternative labels."""
    tenures: dict[PositionKey, Tenure] = field(default_factory=dict)
    """What the corpus attests of each holding of a post, by final keys."""

    def final(self, ref: EntityRef) -> EntityRef:
        return self.merged.get(ref, ref)

    def label(self, ref: EntityRef) -> str:
        return self.labels[self.final(ref)]


def label_preference(label: str) -> tuple[bool, int, int, int, str]:
    """How good a canonical label ``label`` makes; the largest wins.

    Properly cased first (not shouted in capitals, not all lower case), then the most words, then the most
    letters outside ASCII (the accented original over its plain spelling), then the most upper-case letters
    ("McDonald" over "Mcdonald"), then the text itself as the tie-break that makes the choice total.
    """
    letters = [c for c in label if c.isalpha()]
    shouted = len(letters) > 4 and all(c.isupper() for c in letters)
    flat = all(c.islower() for c in letters)
    return (
        not (shouted or flat),
        len(name_words(label)),
        sum(1 for c in letters if not c.isascii()),
        sum(1 for c in letters if c.isupper()),
        label,
    )


def registry_name(ref: EntityRef) -> str:
    """The name the knowledge files give a registered entity."""
    kind, key = ref
    if kind is EntityKind.STATE:
        return knowledge.state(key).name
    if kind is EntityKind.UN_BODY:
        return knowledge.un_body(key).name
    return knowledge.organisation(key).name


def surname_owners(people: Iterable[EntityRef]) -> dict[EntityRef, EntityRef]:
    """People keyed by one word → the one person whose key has several words including it.

    An article that says only "Akram" while another names "Munir Akram" means the same person, as long as no other
    full name in the corpus contains that word.
    """
    people = list(people)
    owners_of: dict[str, list[EntityRef]] = {}
    for ref in people:
        words = ref[1].split("-")
        if len(words) > 1:
            for word in set(words):
                owners_of.setdefault(word, []).append(ref)
    return {
        ref: owners_of[ref[1]][0]
        for ref in people
        if "-" not in ref[1] and len(owners_of.get(ref[1], ())) == 1
    }


def resolve_corpus(summary: CorpusSummary) -> Resolution:
    """Choose final keys and canonical labels for every entity of ``summary`` (see the module docstring)."""
    people = [ref for ref in summary.entities if ref[0] is EntityKind.PERSON]
    merged = surname_owners(people)
    groups: dict[EntityRef, EntitySummary] = {}
    for ref in sorted(summary.entities):
        groups.setdefault(merged.get(ref, ref), EntitySummary()).update(summary.entities[ref])
    labels: dict[EntityRef, str] = {}
    forms: dict[EntityRef, tuple[str, ...]] = {}
    for ref, group in groups.items():
        label = registry_name(ref) if group.registered else max(summary.entities[ref].labels, key=label_preference)
        labels[ref] = label
        forms[ref] = tuple(sorted((group.forms | group.labels) - {label}))
    return Resolution(merged, labels, forms, resolve_tenures(summary.tenure, lambda ref: merged.get(ref, ref)))
