"""kg.evaluate.baseline: the bare model mapped naively, one entity per surface string and no facts."""
from __future__ import annotations

from pathlib import Path

from kg.evaluate.baseline import baseline_predictions
from kg.evaluate.gold import Gold
from kg.evaluate.schema import ENTITY_CATEGORIES
from kg.evaluate.score import evaluate


def test_baseline_maps_the_raw_model_naively(tmp_path: Path, raw_nlp) -> None:
    text = (
        "date 2024-05-30 Secretary-General António Guterres met Munir Akram of Pakistan in New York. "
        "Munir Akram told the Security Council that Pakistan would stay."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    baseline = baseline_predictions([tmp_path / "a.txt"], raw_nlp)
    expected: dict[str, set[str]] = {category: set() for category in ENTITY_CATEGORIES}
    mapping = {"PERSON": "people", "GPE": "states", "ORG": "organisations", "LOC": "places", "FAC": "places"}
    for ent in raw_nlp(text).ents:
        if ent.label_ in mapping:
            expected[mapping[ent.label_]].add(ent.text)
    found = {category: [entity.name for entity in entities] for category, entities in baseline.entities.items()}
    assert {category: set(names) for category, names in found.items()} == expected
    assert all(len(names) == len(set(names)) for names in found.values())  # one entity per surface string
    assert "Pakistan" in found["states"]
    assert found["un_bodies"] == []
    assert (baseline.events, baseline.meetings, baseline.positions, baseline.claims) == ((), (), (), ())
    assert all(entity.files == {"a.txt"} for entities in baseline.entities.values() for entity in entities)


def test_baseline_scores_zero_on_facts(gold: Gold, tmp_path: Path, raw_nlp) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Munir Akram of Pakistan signed it in New York.", encoding="utf-8")
    report = evaluate(gold, baseline_predictions([tmp_path / "a.txt", tmp_path / "b.txt"], raw_nlp))
    for category in ("events:signing", "meetings", "dates", "positions", "claims"):
        score = report.scores[category]
        assert score.tp == 0 and score.fn > 0 and score.f1 == 0.0
