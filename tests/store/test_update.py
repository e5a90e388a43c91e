"""``kg build`` writes a store; ``kg ingest`` and ``kg remove`` keep it equal to a build of the articles it holds."""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.iris import IRIs
from kg.store import find_store

from .conftest import copy_set, exports, read_quads, same_datasets


def store_quads(out: Path) -> set[ox.Quad]:
    """Every quad of the named graphs of the store of the output set ``out``."""
    return {quad for quad in ox.Store.read_only(str(out / "store")) if quad.graph_name != ox.DefaultGraph()}


def stored_as(nquads: Path) -> set[ox.Quad]:
    """The quads of an N-Quads file as any Oxigraph store holds them: with literals normalised
    (``"5"^^xsd:nonNegativeInteger`` as ``"5"^^xsd:integer``, ``"57.0"^^xsd:decimal`` as ``"57"``)."""
    store = ox.Store()
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    return set(store)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``folder``: what an update that changes nothing keeps."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_build_writes_a_store_and_json_ld_with_the_quads_of_graph_nq(full_build: Path):
    quads = read_quads(full_build / "graph.nq")
    assert len(quads) > 1000
    assert store_quads(full_build) == stored_as(full_build / "graph.nq")
    default = ox.Store.read_only(str(full_build / "store")).quads_for_pattern(None, None, None, ox.DefaultGraph())
    union = {quad.triple for quad in store_quads(full_build)}
    assert {quad.triple for quad in default} == union  # the union of the named graphs, as a set
    assert same_datasets(read_quads(full_build / "graph.jsonld"), quads)
    manifest = find_store(full_build).manifest()
    assert len(manifest.articles) == 5 and all(article.kept for article in manifest.articles.values())


def test_ingest_of_a_new_article_gives_the_build_of_all(kg, seed_parts, part_a_build: Path, full_build: Path,
                                                        tmp_path: Path):
    """build A, ingest B == build A+B, byte for byte: what a distributed build may rely on."""
    out = copy_set(part_a_build, tmp_path / "out")
    result = kg("ingest", seed_parts[1], "--store", out, "-s")
    assert result.exit_code == 0, result.output
    assert "1 added, 0 replaced, 0 removed, 0 unchanged; 5 article(s)" in result.output
    assert exports(out) == exports(full_build)
    assert store_quads(out) == stored_as(full_build / "graph.nq")


def test_ingest_of_unchanged_articles_touches_nothing(kg, part_a_build: Path, seed_parts, tmp_path: Path):
    out = copy_set(part_a_build, tmp_path / "out")
    before = snapshot(out)
    result = kg("ingest", seed_parts[0], "--store", out / "store", "-s")
    assert result.exit_code == 0, result.output
    assert "nothing to change (4 unchanged)" in result.output
    assert snapshot(out) == before
    assert os.listdir(tmp_path) == ["out"]  # no staging folder, no lock left


def test_remove_gives_the_build_without_the_article(kg, seed_parts, full_build: Path, part_a_build: Path,
                                                    tmp_path: Path):
    """By file name, and by article IRI: the store and every export equal those of a build without it."""
    (last,) = seed_parts[1].iterdir()
    by_name = copy_set(full_build, tmp_path / "by-name")
    result = kg("remove", last.name, "--store", by_name, "-s")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 replaced, 1 removed" in result.output
    assert exports(by_name) == exports(part_a_build)
    assert store_quads(by_name) == stored_as(part_a_build / "graph.nq")

    by_iri = copy_set(full_build, tmp_path / "by-iri")
    key = next(a.key for a in find_store(by_iri).manifest().articles.values() if a.source == last.name)
    result = kg("remove", IRIs().article(key), "--store", by_iri, "-s")
    assert result.exit_code == 0, result.output
    assert exports(by_iri) == exports(part_a_build)


def test_ingest_of_a_changed_article_replaces_its_graph(kg, seed_parts, full_build: Path, tmp_path: Path):
    """The same file with another text replaces the stored article: the store equals a build with the new text."""
    (last,) = seed_parts[1].iterdir()
    edited = tmp_path / "edited" / last.name
    edited.parent.mkdir()
    text = last.read_text(encoding="utf-8")
    edited.write_text(text.rstrip("\n") + "\nThe talks were described as constructive by both sides.\n",
                      encoding="utf-8")
    out = copy_set(full_build, tmp_path / "out")
    result = kg("ingest", edited, "--store", out, "-s")
    assert result.exit_code == 0, result.output
    assert "0 added, 1 replaced, 0 removed" in result.output
    rebuilt_sources = tmp_path / "rebuilt-sources"
    shutil.copytree(seed_parts[0], rebuilt_sources)
    shutil.copy(edited, rebuilt_sources)
    rebuilt = tmp_path / "rebuilt"
    assert kg("build", rebuilt_sources, "-o", rebuilt, "-s").exit_code == 0
    assert exports(out) == exports(rebuilt)
    assert exports(out) != exports(full_build)


def test_remove_of_an_unknown_article_names_it_and_changes_nothing(kg, part_a_build: Path, tmp_path: Path):
    out = copy_set(part_a_build, tmp_path / "out")
    before = snapshot(out)
    result = kg("remove", "no-such-article.txt", "--store", out, "-s")
    assert result.exit_code == 2
    assert "no-such-article.txt: names no article of the store" in result.output
    assert snapshot(out) == before


def test_ingest_refuses_a_folder_that_is_no_store(kg, seed_parts, tmp_path: Path):
    (tmp_path / "out" / "store").mkdir(parents=True)
    (tmp_path / "out" / "store" / "notes.txt").write_text("mine", encoding="utf-8")
    result = kg("ingest", seed_parts[1], "--store", tmp_path / "out", "-s")
    assert result.exit_code == 2
    assert "is not a newskg store" in result.output
    assert (tmp_path / "out" / "store" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_build_keeps_the_facts_so_an_ingest_parses_only_new_articles(nlp, seed_parts, part_a_build: Path,
                                                                       tmp_path: Path):
    from kg.store import ingest
    from kg.store.codec import loads_facts

    folder = find_store(part_a_build)
    manifest = folder.manifest()
    assert all(article.facts for article in manifest.articles.values())
    for key in manifest.articles:
        facts, article = loads_facts(folder.facts_path(key).read_text(encoding="utf-8"))
        assert facts is not None and article.key == key

    out = copy_set(part_a_build, tmp_path / "out")
    parsed = []
    result = ingest([seed_parts[1]], out, nlp=nlp, on_article=lambda article: parsed.append(article.source))
    (last,) = seed_parts[1].iterdir()
    assert result.added == [last.name] and parsed == [last.name] and result.reparsed == []


SURNAME_ONLY = """UN talks on Gaza resume in New York

NEW YORK, May 6 (Reuters) - Ambassador Akram told the Security Council on Monday that Pakistan would keep pressing \
for a ceasefire. Akram said the Council had a duty to act.
"""
FULL_NAME = """Pakistan renews call for ceasefire

ISLAMABAD, May 8 - Pakistan's Permanent Representative to the United Nations, Munir Akram, met Secretary-General \
Antonio Guterres in New York on Wednesday. Munir Akram urged an immediate ceasefire in Gaza.
"""
PEOPLE_BY_GRAPH = "SELECT ?g ?p WHERE { GRAPH ?g { ?p a nkg:Person } } ORDER BY ?g ?p"


def test_an_ingest_brings_surname_merges_up_to_date_and_a_removal_undoes_them(kg, tmp_path: Path):
    """A person known in one article by surname only gets the full name another article gives, in the graph of
    the first article too; removing the second article gives the surname back."""
    for folder, text in (("one", SURNAME_ONLY), ("two", FULL_NAME)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", tmp_path / "one", "-o", out, "-s").exit_code == 0
    alone = exports(out)
    people = kg("query", out, "-q", PEOPLE_BY_GRAPH, "-f", "csv").output
    assert f"{IRIs().base}person/akram" in people

    assert kg("ingest", tmp_path / "two", "--store", out, "-s").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(kg("query", out, "-q", PEOPLE_BY_GRAPH, "-f", "csv").output)))
    merged = f"{IRIs().base}person/munir-akram"
    assert {row["g"] for row in rows if row["p"] == merged} == {
        str(IRIs().article(key)) for key in find_store(out).manifest().articles
    }  # both articles' graphs name the full name
    assert f"{IRIs().base}person/akram" not in {row["p"] for row in rows}

    assert kg("remove", "two.txt", "--store", out, "-s").exit_code == 0
    assert exports(out) == alone


def test_one_writer_at_a_time(kg, seed_parts, part_a_build: Path, tmp_path: Path):
    """An update takes the lock of kg build: while a build or another update writes the set, it is refused."""
    from kg.rdf.outputs import output_set

    class Abandon(Exception):
        """Leaves the holder's block without committing, so the set stays as it was."""

    out = copy_set(part_a_build, tmp_path / "out")
    before = exports(out)
    with pytest.raises(Abandon), output_set(out):
        result = kg("ingest", seed_parts[1], "--store", out, "-s")
        raise Abandon()
    assert result.exit_code == 2
    assert "is writing this output folder" in " ".join(result.output.split())
    assert exports(out) == before
