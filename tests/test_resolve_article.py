"""Which model spans become organisations and places: names of sites, groups, common words and diseases.

The sentences have the shapes of the real development articles (data/gold/real-dev), with other names.
"""
from __future__ import annotations

from kg.facts import EntityKind
from kg.resolve.article import resolve_entities


def kinds(nlp, text: str) -> dict[str, EntityKind]:
    return {entity.label: entity.kind for entity in resolve_entities(nlp(text))}


def test_a_building_or_site_is_a_place(nlp):
    found = kinds(nlp, "The ceremony was held at United Nations Headquarters in New York. He later visited State House.")
    assert found.get("United Nations Headquarters") is EntityKind.PLACE
    assert found.get("State House") is EntityKind.PLACE


def test_groups_common_words_and_diseases_are_no_entity(nlp):
    found = kinds(
        nlp,
        "The Member States of the African Group met. The Government said the Coronavirus and COVID-19 had spread. "
        "The Administration agreed.",
    )
    assert not {"Member States", "African Group", "Government", "Administration", "Coronavirus", "COVID-19"} & set(found)


def test_an_organisation_ends_at_its_name(nlp):
    found = kinds(nlp, "According to Xinhua news agency, the talks went well.")
    assert "Xinhua news agency" not in found
    assert found.get("Xinhua", EntityKind.ORGANISATION) is EntityKind.ORGANISATION


def test_a_one_word_place_used_as_a_modifier_stays_a_place(nlp):
    # seed shape: "the Caribbean island of Saint Lucia"
    assert kinds(nlp, "The most recent addition is the Caribbean island of Saint Lucia.").get("Caribbean") is EntityKind.PLACE
