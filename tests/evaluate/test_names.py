"""kg.evaluate.names: when two names, or two claim measures, count as the same."""
from __future__ import annotations

import pytest

from kg.evaluate.names import measure_words, measures_match, normalise_name
from kg.resolve.article import slugify


def test_normalise_name_ignores_case_accents_and_punctuation() -> None:
    assert normalise_name("António Guterres") == normalise_name("ANTONIO GUTERRES") == "antonio guterres"
    assert normalise_name("Pakistan’s") == normalise_name("Pakistan's") == "pakistan"
    assert normalise_name("U.N.") == "un"
    assert normalise_name("Guinea-Bissau") == "guinea bissau"
    assert normalise_name("the Security Council") == "security council"


def test_names_fold_as_the_graph_keys_them() -> None:
    """One folding for IRIs and for scoring: two spellings the graph merges into one node are one name here."""
    for text in ("António Guterres", "Raúl Castro", "Guinea-Bissau", "Côte d'Ivoire"):
        assert normalise_name(text).replace(" ", "-") == slugify(text.replace("'", ""))
    assert normalise_name("Raúl Castro") == normalise_name("RAUL CASTRO")


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("UN peacekeeping operations taken part in", "peacekeeping missions served in"),
        ("peacekeepers killed on UN service", "peacekeeper killed"),  # plural
        ("funding for the Philippine coast guard training programme", "amount funded"),  # verb ending
        ("countries of UN peacekeeping service", "Countries served in"),  # case, -ies
    ],
)
def test_measures_match_on_a_shared_word(gold: str, predicted: str) -> None:
    assert measures_match(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("personnel in UNIFIL", "peacekeepers list"),
        ("members", "seats"),
        ("members of the council", "part of the"),  # stop words alone are no overlap
        ("members", None),  # a claim without a measure
    ],
)
def test_measures_differ_without_a_shared_content_word(gold: str, predicted: str | None) -> None:
    assert not measures_match(gold, predicted)


def test_measure_words_drop_stop_words_and_endings() -> None:
    assert measure_words("peacekeepers killed on UN service") == {"peacekeeper", "kill", "un", "service"}
    assert measure_words("class") == {"class"}  # a double s is no plural
