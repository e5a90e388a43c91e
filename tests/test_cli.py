"""The ``kg`` command: exit codes (0 ok, 1 invalid graph or quarantined articles, 2 usage or input error,
3 internal error) and what it writes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from typer.testing import CliRunner

from kg import pipeline
from kg.cli import app
from kg.rdf.export import OUTPUT_FILES, REPORT_FILE
from kg.rdf.load import load_dataset
from kg.rdf.namespace import NKG

from .conftest import ROOT, SEEDS_DIR

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Path:
    outdir = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(SEEDS_DIR), "-o", str(outdir), "--silent"])
    assert result.exit_code == 0, result.output
    return outdir


def test_build_writes_every_format_and_a_report(built: Path):
    for name in (*OUTPUT_FILES.values(), REPORT_FILE):
        assert (built / name).stat().st_size > 0, name
    assert "conforms" in (built / REPORT_FILE).read_text()


def test_validate_accepts_the_built_graph(built: Path):
    result = runner.invoke(app, ["validate", str(built / "graph.trig")])
    assert result.exit_code == 0
    assert "conforms" in result.output


def test_validate_rejects_a_broken_graph_naming_node_article_and_sentence(built: Path, tmp_path: Path):
    broken = tmp_path / "broken.nq"
    lines = (built / "graph.nq").read_text(encoding="utf-8").splitlines()
    # drop the label of one person: every person must have exactly one
    person = next(line.split()[0] for line in lines if line.split()[2] == f"<{NKG.Person}>")
    kept = [line for line in lines if not (line.startswith(person + " ") and f"<{RDFS.label}>" in line)]
    broken.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert person.strip("<>") in result.output
    assert "article:" in result.output and ".txt" in result.output
    assert "sentence:" in result.output


def test_an_invalid_article_is_quarantined_and_the_others_exported(monkeypatch, tmp_path: Path):
    """One article whose graph violates the shapes costs only itself: reported, left out, exit 1."""
    mapped = pipeline.article_graph

    def with_unlabelled_person(facts, resolution, iris):
        graph = mapped(facts, resolution, iris)
        if facts.article.source == "003_5658af3f2e5c4cbd.txt":
            graph.add((URIRef(iris.base + "person/nobody"), RDF.type, NKG.Person))
        return graph

    monkeypatch.setattr(pipeline, "article_graph", with_unlabelled_person)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(SEEDS_DIR), "-o", str(out), "-s"])
    assert result.exit_code == 1
    assert "003_5658af3f2e5c4cbd.txt" in result.output and "Quarantined" in result.output
    report = (out / REPORT_FILE).read_text()
    assert "person/nobody" in report and "Quarantined: 003_5658af3f2e5c4cbd.txt" in report
    exported = load_dataset([out / "graph.nq"])
    sources = {str(o) for _, _, o, _ in exported.quads((None, DCTERMS.source, None, None))}
    assert sources == {p.name for p in SEEDS_DIR.glob("*.txt")} - {"003_5658af3f2e5c4cbd.txt"}


def test_partial_build_writes_the_good_articles_and_exits_2(tmp_path: Path):
    articles = tmp_path / "in"
    articles.mkdir()
    shutil.copy(SEEDS_DIR / "000_afc1ce9a15f3338a.txt", articles)
    (articles / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = runner.invoke(app, ["build", str(articles), "-o", str(tmp_path / "out"), "-s"])
    assert result.exit_code == 2
    assert "broken.txt" in result.output and "partial build" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "does/not/exist", "-o", "out-x"],
        ["validate", "graph.xyz"],
        ["build"],
    ],
)
def test_usage_and_input_errors_exit_2(args, tmp_path: Path):
    result = runner.invoke(app, [*args])
    assert result.exit_code == 2


def test_empty_folder_exits_2(tmp_path: Path):
    """The message names the folder on one line, however long the path (rich must not hard-wrap it)."""
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{tmp_path}: folder holds no article files" in result.output


def test_evaluate_prints_project_and_baseline(built: Path):
    result = runner.invoke(app, ["evaluate", str(ROOT / "data/gold/seeds.yaml"), str(built / "graph.trig")])
    assert result.exit_code == 0, result.output
    assert "base F1" in result.output and "people" in result.output and "micro" in result.output
