"""newskg's spaCy components correct the model's known mistakes on diplomacy news, without listing people."""
from __future__ import annotations

import pytest

from kg.nlp.components import TITLES_KEY


def ents(doc, label=None):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents if label is None or e.label_ == label]


def people(doc):
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


def test_pipeline_declares_components_the_spacy_way(nlp):
    assert nlp.pipe_names[-3:] == ["kg_gazetteer", "kg_titles", "kg_people"]


def test_state_named_like_a_person_is_a_state(nlp):
    doc = nlp("The most recent addition to the list is the Caribbean island of Saint Lucia.")
    assert ("Saint Lucia", "GPE", "state:LC") in ents(doc)
    assert people(doc) == []


def test_state_name_cut_by_the_model_is_whole(nlp):
    doc = nlp("It is followed by the Dominican Republic, and St. Kitts and Nevis.")
    assert ("St. Kitts and Nevis", "GPE", "state:KN") in ents(doc)
    assert ("Dominican Republic", "GPE", "state:DO") in ents(doc)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ambassador Rambally spoke of St. Lucian-born players.", "LC"),
        ("Over a hundred Pakistani police officials will deploy.", "PK"),
        ("Nigerian troops arrived in Goma.", "NG"),
        ("Pakistan abstained from voting against russia.", "RU"),
        ("The delegation from Côte d'Ivoire arrived.", "CI"),
    ],
)
def test_states_by_alias_demonym_and_lower_case(nlp, text, code):
    assert f"state:{code}" in {e.kb_id_ for e in nlp(text).ents}


@pytest.mark.parametrize(
    "text",
    [
        "They sat down to chad and turkey at dinner.",
        "It is hard for us to polish the text before the car arrives.",
    ],
)
def test_words_that_spell_state_names_are_not_states(nlp, text):
    assert not [e for e in nlp(text).ents if e.kb_id_.startswith("state:")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The UNSC met on Tuesday.", "un:security-council"),
        ("The resolution passed in the UN General Assembly.", "un:general-assembly"),
        ("MONUSCO patrols continued near Goma.", "un:monusco"),
        ("UNHCR said refugees were returning.", "un:unhcr"),
    ],
)
def test_un_bodies_by_name_and_acronym(nlp, text, key):
    assert key in {e.kb_id_ for e in nlp(text).ents}


def test_acronyms_match_only_as_written(nlp):
    doc = nlp("He asked who would attend the talks.")
    assert not [e for e in doc.ents if e.kb_id_]


def test_hyphenated_first_name_is_restored(nlp):
    doc = nlp("UN Under-Secretary General for Peace Operations Jean-Pierre Lacroix called on him.")
    assert "Jean-Pierre Lacroix" in people(doc)


def test_name_after_title_is_a_person_even_if_the_model_says_place(nlp):
    doc = nlp("In his remarks, Ambassador Iftikhar highlighted Pakistan's experience.")
    assert people(doc) == ["Iftikhar"]


def test_misread_place_acting_as_a_human_subject_is_a_person(nlp):
    doc = nlp("Among them, Shahzadi Gulfam earned the prestigious UN International Female Police Peacekeeper Award.")
    assert "Shahzadi Gulfam" in people(doc)


def test_city_as_subject_stays_a_place(nlp):
    doc = nlp("New York said the talks would resume.")
    assert "New York" not in people(doc)


def test_titles_are_marked_and_never_organisations(nlp):
    doc = nlp("Federal Minister for Interior Mohsin Naqvi met Foreign Minister Ishaq Dar.")
    titles = [t.text for t in doc.spans[TITLES_KEY]]
    assert "Federal Minister for Interior" in titles and "Foreign Minister" in titles
    assert people(doc) == ["Mohsin Naqvi", "Ishaq Dar"]
    assert not [e for e in doc.ents if e.label_ == "ORG" and "Minister" in e.text]


def test_new_people_come_from_titles_not_lists(nlp):
    doc = nlp("Deputy Permanent Representative Amara Okonkwo-Bello addressed the Human Rights Council.")
    assert "Amara Okonkwo-Bello" in people(doc)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kenya hosts refugees in the Kakuma and Dadaab camps.", "Dadaab"),
        ("Colonel Adebayo Okafor said the patrols from Abuja would go on.", "Abuja"),
    ],
)
def test_lone_name_in_a_phrase_of_place_is_a_place(nlp, text, place):
    doc = nlp(text)
    assert place not in people(doc)
    assert (place, "GPE", "") in ents(doc)


def test_surname_after_a_full_name_stays_a_person_even_in_a_phrase_of_place(nlp):
    doc = nlp("Ambassador Munir Akram spoke. The envoy met with Akram in New York.")
    assert people(doc) == ["Munir Akram", "Akram"]


def test_name_after_a_title_and_an_acronym_in_brackets_is_a_person(nlp):
    # real-dev shape: "United Nations High Commissioner for Refugees (UNHCR) Filippo Grandi"
    doc = nlp("He met United Nations High Commissioner for Refugees (UNHCR) Ivo Petrov in Geneva.")
    assert people(doc) == ["Ivo Petrov"]
