"""kg.evaluate.report and the results' dictionaries: what a reader of the text report and of --json sees."""
from __future__ import annotations

import json

from kg.evaluate.gold import Gold
from kg.evaluate.predict import Predictions
from kg.evaluate.report import format_report
from kg.evaluate.schema import CATEGORIES, ENTITY_CATEGORIES, SUMMARY_CATEGORIES
from kg.evaluate.score import evaluate


def test_report_text_and_dict(gold: Gold, predictions: Predictions) -> None:
    project = evaluate(gold, predictions)
    baseline = evaluate(gold, Predictions(entities={c: () for c in ENTITY_CATEGORIES}))
    text = format_report(project, baseline)
    for expected in ("people", "base F1", "micro", "macro", "Misses", "False positives", "Dennis Francis"):
        assert expected in text
    assert "events:award" not in text  # empty for both systems
    assert "events: same type, same article and at least one participant" in text
    data = json.loads(json.dumps(project.to_dict()))
    assert list(data["categories"]) == list(CATEGORIES)
    assert data["categories"]["people"]["false_positives"] == ["Akram", "Darren Sammy"]
    assert data["categories"]["events:award"]["f1"] is None
    assert data["micro"]["tp"] == 16
    assert data["macro"]["categories"] == 14
    assert "base P" not in format_report(project)


def test_report_shows_the_headline_measures_beside_the_baseline(gold: Gold, predictions: Predictions) -> None:
    project = evaluate(gold, predictions)
    baseline = evaluate(gold, Predictions(entities={c: () for c in ENTITY_CATEGORIES}))
    text = format_report(project, baseline)
    headline = text[text.index("headline: fixture") : text.index("Misses")]
    for label in ("entities (people + states + UN bodies)", "who met whom (person pairs)",
                  "events (type + all participants)", "events dated right (2 of 3)",
                  "claims (subject + measure + value)"):
        assert label in headline
    dated = next(line for line in headline.splitlines() if "events dated right" in line)
    assert dated.split()[-6:] == ["–", "0.667", "–", "–", "0.000", "–"]  # a share, read as a recall
    errors = text[text.index("Misses") : text.index("Notes")]
    assert "events_strict (2): signing" in errors and "events_dated (1): statement 2024-05-28" in errors
    assert errors.count("Dennis Francis — António Guterres") == 1  # the headline meetings row is not listed again


def test_report_dict_carries_the_headline(gold: Gold, predictions: Predictions) -> None:
    data = json.loads(json.dumps(evaluate(gold, predictions).to_dict()))
    assert list(data["summary"]) == list(SUMMARY_CATEGORIES)
    assert data["summary"]["events_dated"] == {
        "gold": 3,
        "hits": 2,
        "share": 2 / 3,
        "misses": ["statement 2024-05-28: Akram [a.txt] (predicted 2024-05-27)"],
    }
    assert data["summary"]["entities"]["tp"] == 6 and data["summary"]["entities"]["misses"] == []
