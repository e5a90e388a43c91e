"""kg.evaluate.gold: the newskg-gold/1 format read, merged per corpus, and every mistake in it named."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate.gold import Gold, load_gold

from .conftest import write_gold


def test_load_gold_reads_the_format(gold: Gold) -> None:
    assert gold.corpus == "fixture"
    assert [article.file for article in gold.articles] == ["a.txt", "b.txt"]
    first, second = gold.articles
    assert first.date == "2024-05-30"
    assert first.entities["states"][0].iso == "PK"
    signing = first.events[0]
    assert signing.type == "signing" and signing.date == "2024-05-28" and signing.place == "New York"
    assert signing.participant_names == ("Munir Akram", "Menissa Rambally", "Pakistan", "Saint Lucia")
    assert second.events[0].date == "2024-06"
    assert first.meetings == (("Munir Akram", "Menissa Rambally"),)
    assert first.positions[0].of == "Pakistan"
    assert first.claims[0].value == Decimal(46)


def test_gold_entities_are_one_per_canonical_name_with_pooled_aliases(gold: Gold) -> None:
    people = {entity.name: entity for entity in gold.entities("people")}
    assert sorted(people) == ["António Guterres", "Dennis Francis", "Menissa Rambally", "Munir Akram"]
    assert set(people["António Guterres"].aliases) == {"Guterres", "Secretary-General Guterres"}


def test_gold_names_resolve_through_aliases(gold: Gold) -> None:
    assert gold.entity("Akram", "a.txt").name == "Munir Akram"
    assert gold.entity("Nobody Known", "a.txt").name == "Nobody Known"


ENTRY_ERRORS = [
    # (articles, where the error is, what it says)
    ("events: [{type: signature, participants: {signatory: [X]}}]", "articles[0] (a.txt).events[0].type",
     "unknown event type 'signature'"),
    ("events: [{type: vote, participants: {voters: [X]}}]", "articles[0] (a.txt).events[0].participants",
     "unknown key(s) voters"),
    ("events: [{type: vote, participants: {voter: [X]}, choice: in-favour}]", "events[0].choice",
     "unknown vote choice"),
    ("events: [{type: meeting, participants: {}}]", "events[0].participants", "at least one participant"),
    ("events: [{type: meeting, participants: {host: [X]}, date: 28 May}]", "events[0].date", "expected a date"),
    ("entities: {people: [{name: X, iso: PK}]}", "entities.people[0]", "unknown key(s) iso"),
    ("entities: {states: [{name: X, iso: Pakistan}]}", "entities.states[0].iso", "ISO 3166-1"),
    ("entities: {persons: []}", "articles[0] (a.txt).entities", "unknown key(s) persons"),
    ("meetings: [[X]]", "meetings[0]", "pair of two different people"),
    ("claims: [{subject: X, measure: m, value: many}]", "claims[0].value", "expected a number"),
]


@pytest.mark.parametrize(("entry", "where", "reason"), ENTRY_ERRORS)
def test_load_gold_errors_name_the_file_and_the_entry(tmp_path: Path, entry: str, where: str, reason: str) -> None:
    path = write_gold(tmp_path, f"- file: a.txt\n  {entry}\n")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and where in message and reason in message


@pytest.mark.parametrize(
    ("articles", "message"),
    [("- file: a.txt\n- file: a.txt\n", "articles[1] (a.txt): article listed twice"),
     ("- date: 2024-01-01\n", "articles[0]: missing key(s) file")],
)
def test_load_gold_errors_about_articles(tmp_path: Path, articles: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        load_gold(write_gold(tmp_path, articles))


def test_load_gold_rejects_another_format(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text("format: newskg-gold/2\narticles: []\n")
    with pytest.raises(InputError, match="format: expected 'newskg-gold/1'"):
        load_gold(path)
