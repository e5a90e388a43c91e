"""Regression floors: extraction quality on the gold corpora may not drop below what the project reaches now.

The floors sit just under the scores measured when they were set (README, "Quality"); raise them when the
extraction improves. The generalisation corpus (data/gold/extra) was written apart from the code: it is the check
that the rules are not fitted to the seeds.
"""
from __future__ import annotations

import pytest

from kg.evaluate import evaluate, load_gold, predictions_from_graph
from kg.pipeline import build

from .conftest import ROOT

GOLD_DIR = ROOT / "data" / "gold"

#: category → minimum F1 (micro is the micro-average over all categories).
SEED_FLOORS = {
    "people": 0.95,
    "states": 0.95,
    "un_bodies": 0.95,
    "organisations": 0.60,
    "places": 0.50,
    "events:signing": 0.95,
    "events:vote": 0.95,
    "meetings": 0.85,
    "positions": 0.90,
    "claims": 0.85,
    "micro": 0.80,
}
EXTRA_FLOORS = {
    "people": 0.93,
    "states": 0.95,
    "un_bodies": 0.95,
    "places": 0.70,
    "meetings": 0.80,
    "positions": 0.95,
    "micro": 0.76,
}


def f1_of(report, category: str) -> float:
    return report.micro.f1 if category == "micro" else report.scores[category].f1


@pytest.fixture(scope="module")
def seed_report(seed_build):
    return evaluate(load_gold(GOLD_DIR / "seeds.yaml"), predictions_from_graph(seed_build.dataset))


@pytest.fixture(scope="module")
def extra_report(nlp):
    result = build([GOLD_DIR / "extra" / "articles"], nlp=nlp)
    return evaluate(load_gold(GOLD_DIR / "extra.yaml"), predictions_from_graph(result.dataset))


@pytest.mark.parametrize(("category", "floor"), sorted(SEED_FLOORS.items()))
def test_seed_scores_stay_above_their_floors(seed_report, category, floor):
    assert f1_of(seed_report, category) >= floor, seed_report.scores.get(category)


@pytest.mark.parametrize(("category", "floor"), sorted(EXTRA_FLOORS.items()))
def test_generalisation_scores_stay_above_their_floors(extra_report, category, floor):
    assert f1_of(extra_report, category) >= floor, extra_report.scores.get(category)
