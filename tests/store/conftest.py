"""Fixtures of the store tests: the ``kg`` command run in this process on the session's spaCy pipeline, and
comparisons of output sets as graphs and as bytes."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.rdf.export import CONFLICTS_FILE, JSONLD_FILE, OUTPUT_FILES, REPORT_FILE

from ..conftest import SEEDS_DIR

#: Every file of an output set but the store (whose database files are RocksDB's business, not ours).
EXPORTS = (*OUTPUT_FILES.values(), JSONLD_FILE, REPORT_FILE, CONFLICTS_FILE)

Kg = Callable[..., Result]


@pytest.fixture(scope="session")
def kg(nlp) -> Iterator[Kg]:
    """``kg(*args)`` runs the command line in this process, as a user would, but on the pipeline the session
    already loaded (the command would otherwise load the model again for every call)."""
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        for module in ("kg.pipeline", "kg.store.update"):
            patch.setattr(f"{module}.create_pipeline", lambda model=None: nlp)
        yield lambda *args: runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="session")
def seed_parts(tmp_path_factory) -> tuple[Path, Path]:
    """The seed articles in two folders: ``a`` holds all but the last, ``b`` the last."""
    root = tmp_path_factory.mktemp("seeds")
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    for folder, files in (("a", seeds[:-1]), ("b", seeds[-1:])):
        (root / folder).mkdir()
        for file in files:
            shutil.copy(file, root / folder / file.name)
    return root / "a", root / "b"


@pytest.fixture(scope="session")
def full_build(kg, tmp_path_factory) -> Path:
    """``kg build`` of every seed article."""
    out = tmp_path_factory.mktemp("full") / "out"
    result = kg("build", SEEDS_DIR, "-o", out, "-s")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def part_a_build(kg, seed_parts, tmp_path_factory) -> Path:
    """``kg build`` of the seed articles but the last."""
    out = tmp_path_factory.mktemp("part-a") / "out"
    result = kg("build", seed_parts[0], "-o", out, "-s")
    assert result.exit_code == 0, result.output
    return out


def read_quads(path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format={".nq": "nquads", ".jsonld": "json-ld", ".trig": "trig"}[path.suffix])
    return dataset


def same_datasets(a: Dataset, b: Dataset) -> bool:
    """Whether two datasets hold the same named graphs, each isomorphic to its namesake."""
    graphs_a = {graph.identifier: graph for graph in a.graphs() if len(graph)}
    graphs_b = {graph.identifier: graph for graph in b.graphs() if len(graph)}
    return graphs_a.keys() == graphs_b.keys() and all(isomorphic(graphs_a[n], graphs_b[n]) for n in graphs_a)


def exports(out: Path) -> dict[str, bytes]:
    """The bytes of every export of an output set, by name."""
    return {name: (out / name).read_bytes() for name in EXPORTS}


def copy_set(out: Path, target: Path) -> Path:
    """A copy of an output set (store included) to update without touching the original."""
    shutil.copytree(out, target)
    return target
