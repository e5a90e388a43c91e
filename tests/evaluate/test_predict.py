"""kg.evaluate.predict: the contract's vocabulary read out of a graph, whatever shape the graph comes in."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Dataset

from kg.evaluate.gold import Gold
from kg.evaluate.predict import Predictions, predictions_from_graph
from kg.evaluate.score import evaluate

from .conftest import FIXTURES


def test_predictions_from_graph_reads_the_contract_vocabulary(predictions: Predictions) -> None:
    people = {entity.name: entity for entity in predictions.entities["people"]}
    assert people["Munir Akram"].aliases == ("Ambassador Akram",)
    assert people["Antonio Guterres"].files == {"a.txt", "b.txt"}
    assert [entity.name for entity in predictions.entities["un_bodies"]] == ["United Nations Security Council"]
    assert predictions.entities["organisations"] == ()  # the UN body is not counted twice
    dates = {event.ref.rsplit("/", 1)[1]: event.date for event in predictions.events}
    assert dates["aaaaaaaaaaaaaaaa-1"] == "2024-05-28"  # schema:startDate
    assert dates["aaaaaaaaaaaaaaaa-2"] == "2024-05-27"  # nkg:time / nkg:timeValue
    assert dates["bbbbbbbbbbbbbbbb-1"] == "2024-06"  # xsd:gYearMonth keeps its precision
    assert len(predictions.meetings) == 2  # symmetric nkg:met triples give one pair each
    assert predictions.claims[0].value == Decimal("46")
    assert predictions.articles == {"a.txt", "b.txt", "c.txt"}


def test_a_dataset_without_union_default_graph_is_read_whole(gold: Gold) -> None:
    dataset = Dataset()
    dataset.parse(FIXTURES / "graph.trig", format="trig")
    assert evaluate(gold, predictions_from_graph(dataset)).micro.tp == 16
