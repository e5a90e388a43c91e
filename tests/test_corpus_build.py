"""A real corpus always yields a graph: corpus-level resolution, per-article validation, order and partition
independence, and the failure modes of real corpora (each test is named after the problem it pins)."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg import pipeline
from kg.cli import app
from kg.ingest import read_corpus
from kg.rdf.iris import IRIs
from kg.rdf.load import load_dataset
from kg.rdf.namespace import NKG
from kg.resolve.corpus import CorpusSummary, resolve_corpus

from .conftest import ROOT, SEEDS_DIR

runner = CliRunner()
DATA = "https://w3id.org/newskg/id/"
EXTRA_DIR = ROOT / "data" / "gold" / "extra" / "articles"
REAL_DIR = ROOT / "data" / "gold" / "real-dev" / "articles"
REAL_12 = sorted(REAL_DIR.glob("h*.txt"))


def sources_of(dataset: Dataset) -> set[str]:
    return {str(o) for _, _, o, _ in dataset.quads((None, DCTERMS.source, None, None))}


def labels_per_node(dataset: Dataset) -> dict[URIRef, set[str]]:
    labels: dict[URIRef, set[str]] = {}
    for s, _, o, _ in dataset.quads((None, RDFS.label, None, None)):
        labels.setdefault(s, set()).add(str(o))
    return labels


def test_seeds_extra_and_real_articles_build_together_with_every_article_exported(tmp_path: Path):
    """Before: 'NEW YORK –' beside 'in New York' gave place/new-york two labels and the whole corpus failed SHACL."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(SEEDS_DIR), str(EXTRA_DIR), *map(str, REAL_12), "-o", str(out), "-s"])
    assert result.exit_code == 0, result.output
    exported = load_dataset([out / "graph.nq"])
    expected = {p.name for p in [*SEEDS_DIR.glob("*.txt"), *EXTRA_DIR.glob("*.txt"), *REAL_12]}
    assert sources_of(exported) == expected
    assert all(len(labels) == 1 for labels in labels_per_node(exported).values())
    assert "Quarantined" not in (out / "validation.txt").read_text()


def _copy(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_spelling_variants_give_one_node_and_one_label(nlp, tmp_path: Path):
    """Before: 'António' beside 'Antonio Guterres', a zero-width space pasted inside a name, and a dateline in
    capitals each gave one entity two rdfs:labels, and the corpus failed validation."""
    seed = (SEEDS_DIR / "003_5658af3f2e5c4cbd.txt").read_text(encoding="utf-8")
    assert "Antonio Guterres" in seed and "Mohsin Naqvi" in seed
    _copy(tmp_path, "a.txt", seed)
    _copy(tmp_path, "b.txt", "NEW YORK – UN Secretary-General António Guterres met Federal Minister for Interior "
          "Moh\u200bsin Naqvi in New York on Monday.\n")
    result = pipeline.build([tmp_path], nlp=nlp)
    assert not result.quarantined and len(result.articles) == 2
    labels = labels_per_node(result.dataset)
    assert labels[URIRef(f"{DATA}person/antonio-guterres")] == {"António Guterres"}
    assert labels[URIRef(f"{DATA}person/mohsin-naqvi")] == {"Mohsin Naqvi"}
    alt = {str(o) for o in result.dataset.objects(URIRef(f"{DATA}person/antonio-guterres"), SKOS.altLabel)}
    assert "Antonio Guterres" in alt
    assert all(len(values) == 1 for values in labels.values())


def test_offsets_stay_true_to_the_text_with_a_zero_width_space(graph_of):
    text = "UN Secretary-General Antonio Guterres met Interior Minister Moh\u200bsin Naqvi in Islamabad on Monday.\n"
    graph = graph_of(text)
    person = URIRef(f"{DATA}person/mohsin-naqvi")
    (mention,) = graph.objects(person, URIRef("http://groundedannotationframework.org/gaf#denotedBy"))
    context = graph.value(mention, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"))
    whole = str(graph.value(context, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")))
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    begin = graph.value(mention, URIRef(nif + "beginIndex")).toPython()
    end = graph.value(mention, URIRef(nif + "endIndex")).toPython()
    assert whole[begin:end] == "Moh\u200bsin Naqvi" == str(graph.value(mention, URIRef(nif + "anchorOf")))


def test_the_surname_merge_mints_positions_and_encounters_with_the_final_key(nlp, tmp_path: Path):
    """Before: position and encounter IRIs kept the bare surname's key after the merge
    (encounter/antonio-guterres--haddad beside --lina-haddad)."""
    _copy(tmp_path, "full.txt", "Foreign Minister Lina Haddad of Jordan addressed the General Assembly on Monday.\n")
    _copy(tmp_path, "short.txt", "UN Secretary-General Antonio Guterres met Foreign Minister Haddad in Amman on "
          "Tuesday. Guterres and Haddad discussed the refugee crisis.\n")
    result = pipeline.build([tmp_path], nlp=nlp)
    iris = {str(term) for quad in result.dataset.quads() for term in quad[:3] if isinstance(term, URIRef)}
    assert not [iri for iri in iris if iri.endswith("/haddad") or "--haddad" in iri or "/haddad/" in iri]
    assert f"{DATA}encounter/antonio-guterres--lina-haddad" in iris
    assert any(iri.startswith(f"{DATA}position/lina-haddad/") for iri in iris)


def _named_graphs(dataset: Dataset) -> dict[URIRef, object]:
    return {g.identifier: g for g in dataset.graphs() if len(g)}


def _assert_same_datasets(first: Dataset, second: Dataset) -> None:
    a, b = _named_graphs(first), _named_graphs(second)
    assert set(a) == set(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory) -> Path:
    """Seeds, invented and real articles in one folder: surnames merge across them, claims conflict."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in [*SEEDS_DIR.glob("*.txt"), *EXTRA_DIR.glob("*.txt"), *REAL_12[:6]]:
        shutil.copy(path, folder)
    return folder


def test_the_same_articles_give_the_same_graph_in_any_order_and_partition(nlp, mixed_corpus: Path):
    files = sorted(mixed_corpus.iterdir())
    whole = pipeline.build(files, nlp=nlp)
    shuffled = list(files)
    random.Random(7).shuffle(shuffled)
    _assert_same_datasets(whole.dataset, pipeline.build(shuffled, nlp=nlp).dataset)

    # two halves, each read, parsed and extracted on its own (the map); their summaries combined (the reduce)
    articles, _, _ = read_corpus(files)
    halves = [articles[::2], articles[1::2]]
    facts = [[pipeline.extract_article(a, d) for a, d in zip(half, nlp.pipe(a.text for a in half))] for half in halves]
    summary = CorpusSummary()
    for half in facts:
        summary.update(pipeline.summarise(half))
    kept, quarantined = pipeline.map_and_validate([f for half in facts for f in half], resolve_corpus(summary), IRIs())
    assert not quarantined
    merged = Dataset()
    for _, graph in kept:
        merged.graph(graph.identifier).__iadd__(graph)
    without_corpus = Dataset()
    for graph in whole.dataset.graphs():
        if not str(graph.identifier).endswith("graph/corpus"):
            without_corpus.graph(graph.identifier).__iadd__(graph)
    _assert_same_datasets(without_corpus, merged)


def test_an_extraction_bug_is_an_internal_error_not_an_input_error(monkeypatch, tmp_path: Path):
    """Before: a crash inside extraction was reported as an input error ('partial build', exit 2)."""
    extract = pipeline.extract_events

    def crash_on_one(context):
        if context.article.source == "002_33bf733fa1a55635.txt":
            raise KeyError("boom")
        return extract(context)

    monkeypatch.setattr(pipeline, "extract_events", crash_on_one)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(SEEDS_DIR), "-o", str(out), "-s"])
    assert result.exit_code == 3
    assert "002_33bf733fa1a55635.txt" in result.output and "please report" in result.output
    assert len(sources_of(load_dataset([out / "graph.nq"]))) == 4


def test_a_missing_path_beside_a_good_folder_costs_only_itself(tmp_path: Path):
    """Before: 'no article could be read; nothing was built'."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "missing"), str(SEEDS_DIR), "-o", str(out), "-s"])
    assert result.exit_code == 2
    assert "missing" in result.output
    assert len(sources_of(load_dataset([out / "graph.nq"]))) == 5


def test_every_node_has_one_label_in_the_union(seed_build):
    union = seed_build.dataset
    people = set(union.subjects(RDF.type, NKG.Person))
    labels = labels_per_node(union)
    assert people and all(len(labels[p]) == 1 for p in people)
