"""Regression floors: extraction quality on the gold corpora may not drop below what the project reaches now.

The floors sit just under the scores measured when they were set (README, "Quality"); raise them when the
extraction improves. The generalisation corpus (data/gold/extra) was written apart from the code: it is the check
that the rules are not fitted to the seeds.
"""
from __future__ import annotations

import pytest

from kg.evaluate import Share, evaluate, load_gold, predictions_from_graph
from kg.pipeline import build

from .conftest import ROOT

GOLD_DIR = ROOT / "data" / "gold"

#: category → minimum F1 (micro is the micro-average over all categories). The headline measures (entities,
#: events_strict, events_dated, claims_measure; see kg.evaluate.score.MATCHING_RULES) have floors of their own;
#: events_dated is a share of the dated gold events, not an F1.
SEED_FLOORS = {
    "people": 0.95,
    "states": 0.95,
    "un_bodies": 0.95,
    "organisations": 0.60,
    "places": 0.50,
    "events:signing": 0.95,
    "events:vote": 0.95,
    "meetings": 0.95,
    "positions": 0.90,
    "claims": 0.85,
    "micro": 0.80,
    "entities": 0.95,
    "events_strict": 0.60,
    "events_dated": 0.70,
    "claims_measure": 0.85,
}
EXTRA_FLOORS = {
    "people": 0.93,
    "states": 0.95,
    "un_bodies": 0.95,
    "places": 0.70,
    "meetings": 0.80,
    "organisations": 0.65,
    "positions": 0.95,
    "micro": 0.76,
    "entities": 0.95,
    "events_strict": 0.50,
    "events_dated": 0.40,
    "claims_measure": 0.55,
}
#: The development part of the real corpus (data/gold/real-dev: 40 published articles, 27 outlets), which the rules
#: are learnt from.
REAL_DEV_FLOORS = {
    "people": 0.93,
    "states": 0.97,
    "un_bodies": 0.92,
    "meetings": 0.90,
    "events:statement": 0.72,
    "events:deployment": 0.45,
    "events:visit": 0.50,
    "organisations": 0.50,
    "places": 0.70,
    "positions": 0.78,
    "claims": 0.47,
    "micro": 0.67,
    "entities": 0.96,
    "events_strict": 0.43,
    "events_dated": 0.48,
    "claims_measure": 0.45,
}

#: The frozen test part (data/gold/real-test: 22 published articles, 21 outlets), scored once at the end of a round
#: of rule writing and never read for misses: these floors only keep it from falling below its last honest score.
REAL_TEST_FLOORS = {
    "states": 0.97,
    "un_bodies": 0.92,
    "meetings": 0.38,
    "micro": 0.68,
    "entities": 0.93,
    "events_strict": 0.36,
    "events_dated": 0.45,
    "claims_measure": 0.36,
}


def measure_of(report, category: str):
    """The Score (or, for events_dated, the Share) a floor applies to."""
    return report.micro if category == "micro" else report.scores.get(category) or report.summary[category]


def f1_of(report, category: str) -> float:
    measure = measure_of(report, category)
    return measure.share if isinstance(measure, Share) else measure.f1


@pytest.fixture(scope="module")
def seed_report(seed_build):
    return evaluate(load_gold(GOLD_DIR / "seeds.yaml"), predictions_from_graph(seed_build.dataset))


@pytest.fixture(scope="module")
def extra_report(nlp):
    result = build([GOLD_DIR / "extra" / "articles"], nlp=nlp)
    return evaluate(load_gold(GOLD_DIR / "extra.yaml"), predictions_from_graph(result.dataset))


@pytest.fixture(scope="module")
def real_dev_report(nlp):
    result = build([GOLD_DIR / "real-dev" / "articles"], nlp=nlp)
    return evaluate(load_gold(GOLD_DIR / "real-dev.yaml"), predictions_from_graph(result.dataset))


@pytest.fixture(scope="module")
def real_test_report(nlp):
    result = build([GOLD_DIR / "real-test" / "articles"], nlp=nlp)
    return evaluate(load_gold(GOLD_DIR / "real-test.yaml"), predictions_from_graph(result.dataset))


@pytest.mark.parametrize(("category", "floor"), sorted(SEED_FLOORS.items()))
def test_seed_scores_stay_above_their_floors(seed_report, category, floor):
    assert f1_of(seed_report, category) >= floor, measure_of(seed_report, category)


@pytest.mark.parametrize(("category", "floor"), sorted(EXTRA_FLOORS.items()))
def test_generalisation_scores_stay_above_their_floors(extra_report, category, floor):
    assert f1_of(extra_report, category) >= floor, measure_of(extra_report, category)


@pytest.mark.parametrize(("category", "floor"), sorted(REAL_DEV_FLOORS.items()))
def test_real_development_scores_stay_above_their_floors(real_dev_report, category, floor):
    assert f1_of(real_dev_report, category) >= floor, measure_of(real_dev_report, category)


@pytest.mark.parametrize(("category", "floor"), sorted(REAL_TEST_FLOORS.items()))
def test_real_test_scores_stay_above_their_floors(real_test_report, category, floor):
    assert f1_of(real_test_report, category) >= floor, measure_of(real_test_report, category)
