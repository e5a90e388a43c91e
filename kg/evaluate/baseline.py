"""The baseline: the bare spaCy model's entities, mapped naively, scored beside newskg so its worth is visible."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language

from kg.errors import InputError
from kg.evaluate.predict import PredictedEntity, Predictions
from kg.evaluate.schema import ENTITY_CATEGORIES

#: Naive mapping of the bare model's entity labels for the baseline; other labels (NORP, DATE, ...) are dropped.
BASELINE_LABELS: dict[str, str] = {
    "PERSON": "people",
    "GPE": "states",
    "ORG": "organisations",
    "LOC": "places",
    "FAC": "places",
}


def _read_raw(path: Path) -> str:
    """The file as the bare model gets it: decoded, nothing cleaned (errors name the file, as kg.ingest's do)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {error.start})") from None


def baseline_predictions(article_paths: Iterable[Path | str], nlp: Language) -> Predictions:
    """The bare model's entities, mapped naively: what newskg must beat to be worth its machinery.

    The raw file text goes through the model unchanged (no cleaning, no date prefix removal); each distinct surface
    string of a mapped label is one entity, so "UN" and "United Nations" are two. No events, meetings, positions
    or claims: the model has none, and those categories score zero.
    """
    paths = [Path(path) for path in article_paths]
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, doc in zip(paths, nlp.pipe(_read_raw(path) for path in paths)):
        for ent in doc.ents:
            if (category := BASELINE_LABELS.get(ent.label_)) is not None:
                surface = " ".join(ent.text.split())
                found[(category, surface)].add(path.name)
    entities: dict[str, list[PredictedEntity]] = {category: [] for category in ENTITY_CATEGORIES}
    for (category, surface), files in sorted(found.items()):
        entities[category].append(PredictedEntity(surface, surface, category=category, files=frozenset(files)))
    return Predictions(
        entities={category: tuple(items) for category, items in entities.items()},
        articles=frozenset(path.name for path in paths),
    )
