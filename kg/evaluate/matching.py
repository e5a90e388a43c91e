"""One-to-one matching of gold items with predictions, and the score it gives.

Matching is deliberately one-to-one: each gold item is paired with at most one prediction (a maximum matching,
strongest pairs first), so a second node for an entity the system already found is a false positive. A graph
that splits one person into two nodes must lose precision for it, or the score would hide the error.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import networkx as nx

from kg.evaluate.results import Score

_G = TypeVar("_G")
_P = TypeVar("_P")


def match(edges: Mapping[tuple[int, int], int]) -> dict[int, int]:
    """Pair gold items with predictions one-to-one: as many pairs as possible, then the strongest.

    ``edges`` maps (gold index, prediction index) to the strength of a possible match. Solved per connected
    component, which keeps the exact matching cheap: names only link a handful of items. Each component is
    rebuilt in sorted order, because networkx breaks ties in node order and a subgraph view iterates its nodes in
    the order of a set, which changes with every process's string hashing.
    """
    graph = nx.Graph()
    graph.add_weighted_edges_from((("gold", g), ("pred", p), weight) for (g, p), weight in sorted(edges.items()))
    pairs: dict[int, int] = {}
    for component in nx.connected_components(graph):
        nodes = sorted(component)
        ordered = nx.Graph()
        ordered.add_nodes_from(nodes)
        ordered.add_weighted_edges_from(
            (u, v, graph[u][v]["weight"]) for u in nodes if u[0] == "gold" for v in sorted(graph[u])
        )
        for u, v in nx.max_weight_matching(ordered, maxcardinality=True):
            gold, pred = (u, v) if u[0] == "gold" else (v, u)
            pairs[gold[1]] = pred[1]
    return pairs


def score_matching(
    golds: Sequence[_G],
    preds: Sequence[_P],
    edges: Mapping[tuple[int, int], int],
    gold_name: Callable[[_G], str],
    pred_name: Callable[[_P], str],
) -> tuple[Score, dict[int, int]]:
    """The score of the best one-to-one matching along ``edges``, with the unmatched items named; and the pairs
    (gold index → prediction index), for measures that look further into matched items."""
    pairs = match(edges)
    matched = set(pairs.values())
    score = Score(
        tp=len(pairs),
        fp=len(preds) - len(matched),
        fn=len(golds) - len(pairs),
        misses=tuple(gold_name(item) for i, item in enumerate(golds) if i not in pairs),
        false_positives=tuple(pred_name(item) for j, item in enumerate(preds) if j not in matched),
    )
    return score, pairs


def name_edges(gold_keys: Sequence[frozenset[str]], pred_keys: Sequence[frozenset[str]]) -> dict[tuple[int, int], int]:
    """Every (gold, prediction) pair sharing a name key, found through an index rather than all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for g, keys in enumerate(gold_keys):
        for key in keys:
            index[key].append(g)
    return {(g, p): 1 for p, keys in enumerate(pred_keys) for key in keys for g in index.get(key, ())}
