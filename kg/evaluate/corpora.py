"""Several gold corpora against one graph: each scored on its own, with the baseline run on its own articles.

The project keeps corpora apart on purpose (a development part, a frozen test part, the seeds, the extra
articles): a rule fitted to one must show up as a gap between them, so they are never pooled. One graph may hold
them all, since :func:`~kg.evaluate.score.evaluate` restricts the predictions to each gold's articles.
"""
from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.errors import InputError
from kg.evaluate.baseline import baseline_predictions
from kg.evaluate.gold import Gold
from kg.evaluate.predict import Predictions
from kg.evaluate.results import Report
from kg.evaluate.score import evaluate

#: File name endings that make a command-line path a gold file; every other path is a graph file.
GOLD_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")


@dataclass(frozen=True)
class CorpusResult:
    """The scores of one gold corpus: the project's, and the baseline's when it was run."""

    gold: Gold
    project: Report
    baseline: Report | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": str(self.gold.path),
            "corpus": self.gold.corpus,
            "project": self.project.to_dict(),
            "baseline": self.baseline.to_dict() if self.baseline else None,
        }


def split_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Gold files (``.yaml``, ``.yml``) and graph files, each in the order given."""
    golds, graphs = [], []
    for path in paths:
        (golds if path.suffix.lower() in GOLD_SUFFIXES else graphs).append(path)
    return golds, graphs


def default_article_dirs(gold_path: Path) -> tuple[Path, Path]:
    """Where a gold's articles live unless told: ``<gold dir>/<gold name>/articles`` (the layout of
    ``data/gold/extra``), then ``data/articles`` (the seeds)."""
    return gold_path.parent / gold_path.stem / "articles", Path("data/articles")


def find_articles(gold: Gold, dirs: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The article files of ``gold``, found by file name (the gold's ``file:``) in ``dirs``, then in
    :func:`default_article_dirs`.

    A file directly in a folder wins, the first folder first; else it is looked for anywhere below the folders
    (hidden folders skipped), where it must be the only file of that name. Raises :class:`InputError` naming the
    gold and the files not found or found twice.
    """
    searched = [folder for folder in dict.fromkeys((*dirs, *default_article_dirs(gold.path))) if folder.is_dir()]
    below: dict[str, list[Path]] | None = None
    found, missing = [], []
    for name in sorted(gold.files):
        direct = next((folder / name for folder in searched if (folder / name).is_file()), None)
        if direct is not None:
            found.append(direct)
            continue
        below = below if below is not None else _files_below(searched)
        candidates = below.get(name, [])
        if len(candidates) > 1:
            places = ", ".join(map(str, candidates))
            raise InputError(gold.path, f"article {name} is in several folders ({places}); name one with --articles")
        (found.append(candidates[0]) if candidates else missing.append(name))
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        where = ", ".join(map(str, searched)) or "no existing folder"
        reason = f"cannot find article(s) {shown} (looked in {where}); give their folder with --articles"
        raise InputError(gold.path, reason)
    return tuple(found)


def _files_below(folders: Iterable[Path]) -> dict[str, list[Path]]:
    """Every file below ``folders`` by name, each real file once."""
    files: dict[str, list[Path]] = defaultdict(list)
    seen: set[Path] = set()
    for folder in folders:
        for root, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(names):
                path = Path(root) / name
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    files[name].append(path)
    return files


def evaluate_corpora(
    golds: Sequence[Gold],
    predictions: Predictions,
    *,
    nlp: Language | None = None,
    article_dirs: Sequence[Path] = (),
) -> list[CorpusResult]:
    """Score ``predictions`` against each gold, and with ``nlp`` (the bare model) the baseline on each corpus's
    articles, found by :func:`find_articles`. Every corpus's articles are found before the model runs, so a
    missing file fails fast."""
    articles = [find_articles(gold, article_dirs) if nlp is not None else () for gold in golds]
    return [
        CorpusResult(
            gold,
            evaluate(gold, predictions),
            evaluate(gold, baseline_predictions(paths, nlp)) if nlp is not None else None,
        )
        for gold, paths in zip(golds, articles)
    ]
