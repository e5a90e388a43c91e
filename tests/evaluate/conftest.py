"""Shared by the kg.evaluate tests: the hand-made fixture corpus (gold.yaml scored against graph.trig), the real one
(real-gold.yaml against real-graph.trig, a build of two seed articles), and small builders of gold and predictions."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kg.evaluate.gold import Gold, load_gold
from kg.evaluate.predict import PredictedEntity, Predictions, predictions_from_graph
from kg.evaluate.schema import ENTITY_CATEGORIES
from kg.rdf.load import load_dataset

FIXTURES = Path(__file__).parent.parent / "fixtures" / "evaluate"

PEOPLE_GOLD = """
- file: a.txt
  entities:
    people:
      - {name: António Guterres, aliases: [Guterres, Secretary-General Guterres]}
      - {name: Munir Akram, aliases: [Akram]}
      - {name: Menissa Rambally}
"""


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(FIXTURES / "gold.yaml")


@pytest.fixture(scope="module")
def predictions() -> Predictions:
    return predictions_from_graph(load_dataset([FIXTURES / "graph.trig"]))


def write_gold(tmp_path: Path, articles: str) -> Path:
    path = tmp_path / "gold.yaml"
    header = "format: newskg-gold/1\ncorpus: test\narticles:\n"
    path.write_text(header + textwrap.indent(textwrap.dedent(articles), "  "))
    return path


def node(name: str, *aliases: str, category: str = "people", files: tuple[str, ...] = ("a.txt",)) -> PredictedEntity:
    return PredictedEntity(f"urn:test:{name}", name, aliases, category=category, files=frozenset(files))


def only(category: str, *entities: PredictedEntity, **facts) -> Predictions:
    """Predictions with ``entities`` in ``category`` and nothing else but ``facts``."""
    entities_by_category = {c: (entities if c == category else ()) for c in ENTITY_CATEGORIES}
    return Predictions(entities=entities_by_category, articles=frozenset({"a.txt"}), **facts)
