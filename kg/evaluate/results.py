"""The outcome of an evaluation: a score per category, the headline measures, and their averages.

Plain data with ``to_dict`` for JSON: the scorer fills them, the report and ``kg evaluate --json`` read them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """The outcome of one category: counts, and the items behind the errors, by name."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: tuple[str, ...] = ()
    """Gold items no prediction matched."""
    false_positives: tuple[str, ...] = ()
    """Predictions that matched no gold item (including second predictions of an already matched one)."""

    @property
    def empty(self) -> bool:
        """Nothing in the gold and nothing predicted: the category says nothing and is left out of macro averages."""
        return self.tp + self.fp + self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        defined = not self.empty
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision if defined else None,
            "recall": self.recall if defined else None,
            "f1": self.f1 if defined else None,
            "misses": list(self.misses),
            "false_positives": list(self.false_positives),
        }


@dataclass(frozen=True)
class Share:
    """How many gold items pass a test, out of those it applies to ("6 of 13 events dated right").

    A share, not a P/R/F1: the test looks only at gold items (and the predictions already matched to them), so
    there is nothing to count as a false positive.
    """

    hits: int = 0
    total: int = 0
    misses: tuple[str, ...] = ()
    """Gold items that did not pass."""

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.hits} of {self.total}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.total,
            "hits": self.hits,
            "share": None if self.empty else self.share,
            "misses": list(self.misses),
        }


_MICRO_KEYS = ("tp", "fp", "fn", "precision", "recall", "f1")


@dataclass(frozen=True)
class Report:
    """Scores of one system against one gold corpus."""

    corpus: str
    scores: Mapping[str, Score]
    """Every category of :data:`~kg.evaluate.schema.CATEGORIES`, in that order."""
    notes: tuple[str, ...] = ()
    summary: Mapping[str, Score | Share] = field(default_factory=dict)
    """The headline measures of :data:`~kg.evaluate.schema.SUMMARY_CATEGORIES`, in that order. They re-count the
    items of ``scores`` under other rules and are not part of :attr:`micro` or :attr:`macro`."""

    @property
    def micro(self) -> Score:
        """Counts pooled over all categories."""
        return Score(
            sum(s.tp for s in self.scores.values()),
            sum(s.fp for s in self.scores.values()),
            sum(s.fn for s in self.scores.values()),
        )

    @property
    def macro(self) -> tuple[float, float, float]:
        """Mean precision, recall and F1 over the categories that are not empty."""
        scores = [s for s in self.scores.values() if not s.empty]
        if not scores:
            return 0.0, 0.0, 0.0
        n = len(scores)
        return sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro
        precision, recall, f1 = self.macro
        return {
            "corpus": self.corpus,
            "categories": {category: score.to_dict() for category, score in self.scores.items()},
            "summary": {category: measure.to_dict() for category, measure in self.summary.items()},
            "micro": {key: value for key, value in micro.to_dict().items() if key in _MICRO_KEYS},
            "macro": {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "categories": sum(not s.empty for s in self.scores.values()),
            },
            "notes": list(self.notes),
        }


def pooled(scores: Mapping[str, Score], categories: tuple[str, ...]) -> Score:
    """The counts of several categories added up, as one score; the errors stay listed under each category."""
    return Score(
        sum(scores[c].tp for c in categories),
        sum(scores[c].fp for c in categories),
        sum(scores[c].fn for c in categories),
    )
