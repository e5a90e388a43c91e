"""The headline measures on real text: the seed gold of articles 000 and 003 against a graph newskg built from them
(tests/fixtures/evaluate/real-*.{yaml,trig}). Both files are frozen, so the scores below change only when the
scoring does; each named case was checked by reading the article."""
from __future__ import annotations

import pytest

from kg.evaluate.gold import load_gold
from kg.evaluate.predict import predictions_from_graph
from kg.evaluate.results import Report, Score, Share
from kg.evaluate.score import evaluate
from kg.rdf.load import load_dataset

from .conftest import FIXTURES

ARTICLE_000, ARTICLE_003 = "000_afc1ce9a15f3338a.txt", "003_5658af3f2e5c4cbd.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    gold = load_gold(FIXTURES / "real-gold.yaml")
    return evaluate(gold, predictions_from_graph(load_dataset([FIXTURES / "real-graph.trig"])))


def test_real_headline_counts(report: Report) -> None:
    found = {
        category: (m.hits, m.total) if isinstance(m, Share) else (m.tp, m.fp, m.fn)
        for category, m in report.summary.items()
    }
    assert found == {
        "entities": (17, 0, 0),
        "meetings": (3, 1, 0),
        "events": (9, 0, 7),
        "events_strict": (8, 1, 8),
        "events_dated": (3, 7),
        "claims": (9, 0, 1),
        "claims_measure": (9, 0, 1),
    }


def test_a_visit_with_the_wrong_visitor_is_found_but_not_whole(report: Report) -> None:
    """003: Guterres visited Pakistan; the graph has Mohsin Naqvi visiting it. Pakistan alone matches the visit."""
    assert (report.scores["events:visit"].tp, report.scores["events:visit"].fn) == (1, 0)
    strict = report.summary["events_strict"]
    assert isinstance(strict, Score)
    assert f"visit: Antonio Guterres, Pakistan [{ARTICLE_003}]" in strict.misses
    assert strict.false_positives == (f"visit: Mohsin Naqvi, Pakistan [{ARTICLE_003}]",)


def test_dates_on_real_events(report: Report) -> None:
    """003 says Shahzadi Gulfam joined in 1997 and served in 2011; the graph dates her deployment 2011."""
    dated = report.summary["events_dated"]
    assert isinstance(dated, Share)
    assert f"deployment 1997: Shahzadi Gulfam [{ARTICLE_003}] (predicted 2011)" in dated.misses
    assert f"statement 2024-05-28: Munir Akram [{ARTICLE_000}] (predicted no date)" in dated.misses


def test_who_met_whom_is_its_own_headline_row(report: Report) -> None:
    meetings = report.summary["meetings"]
    assert meetings is report.scores["meetings"]
    assert isinstance(meetings, Score) and meetings.false_positives == ("Mohsin Naqvi — Munir Akram",)
