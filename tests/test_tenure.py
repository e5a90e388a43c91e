"""Tenure: when the corpus attests a person in a post, with "former" holders kept apart (kg.resolve.tenure)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.facts import Mention
from kg.pipeline import build, extract_article, summarise
from kg.query import get_query, run_query
from kg.rdf.iris import IRIs
from kg.rdf.mapping import corpus_graph
from kg.rdf.namespace import NKG
from kg.resolve.corpus import resolve_corpus
from kg.resolve.tenure import Status, mention_status, stated_start

#: Three articles of a state's mission at the UN over five years, in the shapes real ones use: a new envoy
#: presenting credentials, the envoy at work, and a later story that names the successor and the former envoy.
ARTICLES = {
    "credentials.txt": (
        "2019-11-06",
        "NEW YORK: Norway's new Permanent Representative to the UN, Ambassador Omar Farid, presented his credentials "
        "to UN Secretary-General Antonio Guterres here on Tuesday.",
    ),
    "signing.txt": (
        "2022-11-19",
        "Norway's Permanent Representative to the UN, Ambassador Omar Farid, signed a joint communique with his Chilean "
        "counterpart on Friday.",
    ),
    "successor.txt": (
        "2024-03-01",
        "Ambassador Lena Berg, Norway's Permanent Representative to the UN since January 2024, met UN Secretary-General "
        "Antonio Guterres on Thursday. Norway's former Permanent Representative Omar Farid attended the meeting.",
    ),
}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tenure")
    for name, (date, body) in ARTICLES.items():
        (folder / name).write_text(f"source: https://example.org/{name}\ntitle: {name}\ndate: {date}\n\n{body}\n",
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def dataset(corpus_dir, nlp):
    return build([corpus_dir], nlp=nlp).dataset


def holders(dataset, **params) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    found = run_query(dataset, get_query("post-holders").text, bindings={"name": "Norway", **params}).rows
    return [
        (r["personLabel"], *(str(r[k]) if r[k] is not None else None for k in ("since", "from", "until", "endedBefore")))
        for r in found
        if r["title"] == "Permanent Representative"
    ]


def test_a_post_is_attested_from_the_first_to_the_last_article_naming_its_holder(dataset):
    assert ("Omar Farid", None, "2019-11-06", "2022-11-19", "2024-03-01") in holders(dataset)
    assert ("Lena Berg", "2024-01", "2024-03-01", "2024-03-01", None) in holders(dataset)  # "since January 2024"


def test_who_held_the_post_in_a_year(dataset):
    assert [who for who, *_ in holders(dataset, year=2020)] == ["Omar Farid"]
    assert [who for who, *_ in holders(dataset, year=2024)] == ["Lena Berg"]  # the former envoy is not current
    assert holders(dataset, year=2018) == []


def test_the_sources_are_the_articles_that_state_the_holding(dataset):
    found = run_query(dataset, get_query("post-holders").text, bindings={"name": "NO", "year": 2022}).rows
    assert [set(r["sources"].split("; ")) for r in found if r["personLabel"] == "Omar Farid"] == [
        {"credentials.txt", "signing.txt", "successor.txt"}
    ]


def test_tenure_does_not_depend_on_how_the_corpus_is_split(corpus_dir, nlp):
    """Summaries of two parts combine into the summary of the whole: the same tenure triples either way."""
    from kg.ingest import read_corpus

    articles, _, _ = read_corpus([corpus_dir])
    facts = [extract_article(article, nlp(article.text)) for article in articles]
    whole = resolve_corpus(summarise(facts))
    first, second = summarise(facts[:1]), summarise(facts[1:])
    second.update(first)
    refs = [entity.ref for f in facts for entity in f.entities]
    graphs = [corpus_graph(resolution, refs, [], IRIs()) for resolution in (whole, resolve_corpus(second))]
    assert isomorphic(*graphs)
    assert (None, NKG.endedBefore, Literal("2024-03-01", datatype=XSD.date)) in graphs[0]


@pytest.mark.parametrize(
    ("sentence", "title", "start"),
    [
        ("Maleeha Lodhi, who held the office of Pakistan’s envoy to the UN since Feb 2015, left.", "envoy", ("2015-02", "month")),
        ("X, Permanent Representative of Norway since March this year, spoke.", "Permanent Representative", ("2019-03", "month")),
        ("The Ambassador said that since 2019 the country has grown.", "Ambassador", None),
        ("The Ambassador, since 2019 a critic, spoke.", "Ambassador", None),
    ],
)
def test_the_words_after_a_title_state_its_start(sentence, title, start):
    begin = sentence.index(title)
    assert stated_start(sentence, Mention(begin, begin + len(title), (0, len(sentence))), date(2019, 11, 6)) == start


@pytest.mark.parametrize(
    ("sentence", "title", "status"),
    [
        ("Pakistan's former Permanent Representative Maleeha Lodhi spoke.", "Permanent Representative", Status.FORMER),
        ("The ex-President of the Assembly, X, spoke.", "President", Status.FORMER),
        ("The newly appointed UNRWA Commissioner General Paul Marchetti spoke.", "Commissioner General", Status.CURRENT),
        ("The outgoing High Commissioner spoke.", "High Commissioner", Status.CURRENT),
        ("The former minister's envoy, Ambassador Rita Lopes, spoke.", "Ambassador", Status.CURRENT),
    ],
)
def test_the_words_before_a_title_tell_a_former_holder(sentence, title, status):
    begin = sentence.index(title)
    assert mention_status(sentence, Mention(begin, begin + len(title), (0, len(sentence)))) is status
