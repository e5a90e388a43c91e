"""The build on the seed articles: entities once each under full names, provenance down to the character,
no page noise, deterministic IRIs, and input errors that do not stop the other articles."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS

from kg.rdf.export import union_graph
from kg.rdf.namespace import GAF, NIF, NKG
from kg.pipeline import build

from .conftest import ROOT, SEEDS_DIR

GOLD = yaml.safe_load((ROOT / "data" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


def gold_forms(category: str) -> dict[str, set[str]]:
    """Canonical gold name → every form (name and aliases) the gold gives it, lower-cased."""
    forms: dict[str, set[str]] = {}
    for article in GOLD["articles"]:
        for entity in article["entities"].get(category, []):
            forms.setdefault(entity["name"], set()).update(f.lower() for f in (entity["name"], *entity["aliases"]))
    return forms


def labels_of(graph, cls) -> list[str]:
    return sorted(str(graph.value(node, RDFS.label)) for node in set(graph.subjects(RDF.type, cls)))


def test_every_person_once_under_the_full_name_and_nothing_else_is_a_person(seed_graph):
    people = labels_of(seed_graph, NKG.Person)
    assert len(people) == len(set(people)), "a person appears twice"
    gold = gold_forms("people")
    matched = {name for name, forms in gold.items() for label in people if label.lower() in forms}
    assert matched == set(gold), f"missing people: {set(gold) - matched}"
    assert len(people) == len(gold), f"extra people: {people}"
    # full names, not surnames
    assert "Akram" not in people and "Ahmad" not in people and "Iftikhar" not in people


def test_aliases_are_kept(seed_graph):
    akram = next(n for n in seed_graph.subjects(RDFS.label, Literal("Munir Akram")))
    aliases = {str(a) for a in seed_graph.objects(akram, SKOS.altLabel)}
    assert {"Akram", "Ambassador Akram"} <= aliases
    ahmad = next(n for n in seed_graph.subjects(RDFS.label, Literal("Asim Iftikhar Ahmad")))
    assert {"Iftikhar", "Ahmad"} <= {str(a) for a in seed_graph.objects(ahmad, SKOS.altLabel)}


def test_every_state_and_un_body_named_is_there_once(seed_graph):
    states = labels_of(seed_graph, NKG.State)
    assert len(states) == len(set(states))
    assert set(states) == set(gold_forms("states"))
    codes = {str(c) for c in seed_graph.objects(None, NKG.isoCode)}
    assert {"PK", "LC", "KN", "KR", "RU", "UA", "NP"} <= codes
    bodies = labels_of(seed_graph, NKG.UNBody)
    assert set(bodies) == set(gold_forms("un_bodies"))


def test_type_closure_reaches_schema_org(seed_graph):
    pakistan = next(seed_graph.subjects(NKG.isoCode, Literal("PK")))
    assert {NKG.State, SDO.Country, SDO.Place} <= set(seed_graph.objects(pakistan, RDF.type))
    council = next(seed_graph.subjects(NKG.registryKey, Literal("security-council")))
    assert {NKG.UNBody, NKG.Organisation, SDO.Organization} <= set(seed_graph.objects(council, RDF.type))
    assert set(seed_graph.subjects(RDF.type, SDO.Person)) == set(seed_graph.subjects(RDF.type, NKG.Person))


def test_every_mention_anchor_is_the_text_at_its_offsets(seed_graph):
    checked = 0
    for mention in seed_graph.subjects(RDF.type, NIF.Phrase):
        article = seed_graph.value(mention, NIF.referenceContext)
        text = str(seed_graph.value(article, NIF.isString))
        begin = int(seed_graph.value(mention, NIF.beginIndex))
        end = int(seed_graph.value(mention, NIF.endIndex))
        assert text[begin:end] == str(seed_graph.value(mention, NIF.anchorOf))
        sentence = seed_graph.value(mention, NIF.sentence)
        assert int(seed_graph.value(sentence, NIF.beginIndex)) <= begin < end <= int(
            seed_graph.value(sentence, NIF.endIndex)
        )
        checked += 1
    assert checked > 150
    for entity in seed_graph.subjects(RDF.type, NKG.Person):
        assert list(seed_graph.objects(entity, GAF.denotedBy)), f"{entity} has no mention"


def test_page_noise_produces_nothing(seed_graph):
    anchors = {str(a) for a in seed_graph.objects(None, NIF.anchorOf)}
    labels = {str(label) for label in seed_graph.objects(None, RDFS.label)}
    for noise in ("AIRLINK", "BR Web Desk", "Scroll to Top", "Scroll"):
        assert not any(noise in text for text in anchors | labels)
    ticker_article = next(
        a for a in seed_graph.subjects(DCTERMS.source, Literal("002_33bf733fa1a55635.txt"))
    )
    mentioned = {
        str(seed_graph.value(m, NIF.anchorOf))
        for m in seed_graph.subjects(NIF.referenceContext, ticker_article)
    }
    assert "Afghanistan" not in mentioned  # only in the inserted headline of another story


def test_article_metadata(seed_build):
    dated = {a.source: a.date for a in seed_build.articles}
    assert str(dated["000_afc1ce9a15f3338a.txt"]) == "2024-05-30"
    assert dated["004_83cb5c45fc37a50c.txt"] is None
    graph = union_graph(seed_build.dataset)
    undated = next(graph.subjects(DCTERMS.source, Literal("004_83cb5c45fc37a50c.txt")))
    assert graph.value(undated, DCTERMS.date) is None
    assert len(list(seed_build.dataset.graphs())) >= 5


def test_two_builds_give_the_same_graph(nlp, seed_build, tmp_path: Path):
    renamed = tmp_path / "articles"
    renamed.mkdir()
    for path in sorted(SEEDS_DIR.iterdir(), reverse=True):
        shutil.copy(path, renamed / f"copy-{path.name}")
    again = build([renamed], nlp=nlp)
    first, second = union_graph(seed_build.dataset), union_graph(again.dataset)
    first.remove((None, DCTERMS.source, None))
    second.remove((None, DCTERMS.source, None))
    assert isomorphic(first, second)
    assert {g.identifier for g in seed_build.dataset.graphs()} == {g.identifier for g in again.dataset.graphs()}


def test_bad_files_are_reported_and_the_rest_is_built(nlp, tmp_path: Path):
    shutil.copy(SEEDS_DIR / "003_5658af3f2e5c4cbd.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré.".encode("latin-1"))
    (tmp_path / "table.csv").write_text("a,b\n")
    shutil.copy(SEEDS_DIR / "003_5658af3f2e5c4cbd.txt", tmp_path / "same-again.txt")
    result = build([tmp_path], nlp=nlp)
    assert result.partial
    assert sorted(e.path.name for e in result.errors) == ["binary.txt", "empty.txt", "latin1.txt", "table.csv"]
    assert [a.source for a in result.articles] == ["good.txt"]
    assert result.duplicates == [("same-again.txt", "good.txt")]
    assert "Mohsin Naqvi" in labels_of(union_graph(result.dataset), NKG.Person)


def test_bare_surname_in_one_article_is_the_full_name_of_another(nlp, tmp_path: Path):
    (tmp_path / "a.txt").write_text("Foreign Minister Lina Haddad met the press in Amman on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Haddad told reporters that the talks in Vienna had been useful.", encoding="utf-8")
    graph = union_graph(build([tmp_path], nlp=nlp).dataset)
    assert labels_of(graph, NKG.Person) == ["Lina Haddad"]
    haddad = next(graph.subjects(RDFS.label, Literal("Lina Haddad")))
    assert Literal("Haddad") in set(graph.objects(haddad, SKOS.altLabel))
    mentions = {str(graph.value(m, NIF.anchorOf)) for m in graph.objects(haddad, GAF.denotedBy)}
    assert mentions == {"Lina Haddad", "Haddad"}
