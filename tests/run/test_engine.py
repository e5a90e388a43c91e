"""The build gives the same bytes wherever its map runs: in this process (``-j 1``), on an embedded Dask cluster of
two processes (``-j 2``) and on a real Dask cluster (a ``dask scheduler`` and a ``dask worker`` on loopback); and
an article whose extraction fails on a worker costs only itself."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import BuildResult, build
from kg.rdf.export import OUTPUT_FILES, conflicts_text, write_outputs

from ..conftest import SEEDS_DIR
from .worker_preload import FAILING_SOURCE

SEEDS = ("000_afc1ce9a15f3338a.txt", "001_a30e08b1d2274aad.txt", "003_5658af3f2e5c4cbd.txt")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Three seed articles: with one article a partition, three partitions, so two workers share the map."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in SEEDS:
        shutil.copy(SEEDS_DIR / name, folder / name)
    return folder


def exports(result: BuildResult, folder: Path) -> dict[str, bytes]:
    """The files a build writes for ``result``: the graph in every format, and the conflicts report."""
    write_outputs(result.shards, folder)
    files = {name: (folder / name).read_bytes() for name in OUTPUT_FILES.values()}
    files["conflicts.txt"] = conflicts_text(result.conflicts).encode("utf-8")
    return files


def assert_same_files(got: dict[str, bytes], expected: dict[str, bytes]) -> None:
    """Every file byte for byte; on a difference, the first line that differs, to read in the failure."""
    assert got.keys() == expected.keys()
    for name in expected:
        if got[name] != expected[name]:
            pairs = zip(got[name].splitlines(), expected[name].splitlines())
            first = next(((a, b) for a, b in pairs if a != b), ("(a prefix)", "(the longer file)"))
            pytest.fail(f"{name} differs; first differing line:\n  got      {first[0]!r}\n  expected {first[1]!r}")


@pytest.fixture(scope="module")
def in_process(nlp, corpus, tmp_path_factory) -> dict[str, bytes]:
    result = build([corpus], nlp=nlp, batch_size=1)
    assert not result.partial
    return exports(result, tmp_path_factory.mktemp("j1"))


def test_two_processes_write_the_same_bytes_as_one(in_process, corpus, tmp_path: Path):
    result = build([corpus], workers=2, batch_size=1)
    assert [article.source for article in result.articles] == list(SEEDS)
    assert_same_files(exports(result, tmp_path), in_process)


def test_a_dask_cluster_writes_the_same_bytes_as_one_process(in_process, corpus, dask_scheduler, tmp_path: Path):
    result = build([corpus], scheduler=dask_scheduler, batch_size=2)
    assert not result.partial
    assert_same_files(exports(result, tmp_path), in_process)
    assert result.seconds["nlp"] > 0 and result.seconds["validation"] > 0  # the workers' time comes back


def test_an_article_failing_on_a_worker_is_reported_and_the_others_built(corpus, dask_scheduler, tmp_path: Path):
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copy(SEEDS_DIR / "004_83cb5c45fc37a50c.txt", tmp_path / "corpus" / FAILING_SOURCE)
    result = build([tmp_path / "corpus"], scheduler=dask_scheduler, batch_size=2)
    assert [failure.path.name for failure in result.failures] == [FAILING_SOURCE]
    assert "RuntimeError" in str(result.failures[0])
    assert [article.source for article in result.articles] == list(SEEDS)
    graphs = [g for g in result.dataset.graphs() if "/article/" in str(g.identifier)]
    assert len(graphs) == len(SEEDS)
