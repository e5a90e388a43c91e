"""Self-evaluation: score a built graph (and a naive spaCy baseline) against hand-written gold annotations.

One job per module, in the order the data flows:

- :mod:`~kg.evaluate.schema`: the categories, event types and roles that gold, predictions and scores share;
- :mod:`~kg.evaluate.names`: how names, titles and claim measures are compared;
- :mod:`~kg.evaluate.gold`: the ``newskg-gold/1`` format and :func:`load_gold`, which validates a file;
- :mod:`~kg.evaluate.predict`: :func:`predictions_from_graph`, the same kinds of items read out of a graph;
- :mod:`~kg.evaluate.baseline`: :func:`baseline_predictions`, the bare spaCy model mapped naively;
- :mod:`~kg.evaluate.matching`: the one-to-one matching every category is scored by;
- :mod:`~kg.evaluate.score`: :func:`evaluate`, precision, recall and F1 per category and the headline measures;
- :mod:`~kg.evaluate.results`: the scores as data (``to_dict`` for JSON);
- :mod:`~kg.evaluate.report`: :func:`format_report`, the plain-text report;
- :mod:`~kg.evaluate.corpora`: several gold corpora against one graph, each with its baseline.
"""
from __future__ import annotations

from kg.evaluate.baseline import BASELINE_LABELS, baseline_predictions
from kg.evaluate.corpora import CorpusResult, evaluate_corpora, find_articles, split_paths
from kg.evaluate.gold import (
    GOLD_FORMAT,
    Gold,
    GoldArticle,
    GoldClaim,
    GoldEntity,
    GoldEvent,
    GoldPosition,
    load_gold,
)
from kg.evaluate.names import measures_match, normalise_name
from kg.evaluate.predict import (
    PARTICIPANT_PROPERTIES,
    PredictedClaim,
    PredictedEntity,
    PredictedEvent,
    PredictedMeeting,
    PredictedPosition,
    Predictions,
    predictions_from_graph,
)
from kg.evaluate.report import format_report
from kg.evaluate.results import Report, Score, Share
from kg.evaluate.schema import (
    CATEGORIES,
    ENTITY_CATEGORIES,
    ENTITY_CLASSES,
    EVENT_CATEGORIES,
    EVENT_CLASSES,
    EVENT_TYPES,
    ROLES,
    SUMMARY_CATEGORIES,
    SUMMARY_LABELS,
    VOTE_CHOICES,
)
from kg.evaluate.score import MATCHING_RULES, evaluate, fits_date

__all__ = [
    "BASELINE_LABELS",
    "CATEGORIES",
    "ENTITY_CATEGORIES",
    "ENTITY_CLASSES",
    "EVENT_CATEGORIES",
    "EVENT_CLASSES",
    "EVENT_TYPES",
    "GOLD_FORMAT",
    "MATCHING_RULES",
    "PARTICIPANT_PROPERTIES",
    "ROLES",
    "SUMMARY_CATEGORIES",
    "SUMMARY_LABELS",
    "VOTE_CHOICES",
    "CorpusResult",
    "Gold",
    "GoldArticle",
    "GoldClaim",
    "GoldEntity",
    "GoldEvent",
    "GoldPosition",
    "PredictedClaim",
    "PredictedEntity",
    "PredictedEvent",
    "PredictedMeeting",
    "PredictedPosition",
    "Predictions",
    "Report",
    "Score",
    "Share",
    "baseline_predictions",
    "evaluate",
    "evaluate_corpora",
    "find_articles",
    "fits_date",
    "format_report",
    "load_gold",
    "measures_match",
    "normalise_name",
    "predictions_from_graph",
    "split_paths",
]
