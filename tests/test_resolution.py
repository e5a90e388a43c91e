"""Within-article resolution: short and titled forms, acronyms and bare council names resolve to one entity."""
from __future__ import annotations

from kg.resolve.article import EntityKind, resolve_entities, slugify


def resolved(nlp, text):
    return {(e.kind, e.label): e for e in resolve_entities(nlp(text))}


def person_labels(entities):
    return sorted(label for kind, label in entities if kind is EntityKind.PERSON)


def test_surname_and_titled_forms_resolve_to_the_full_name(nlp):
    entities = resolved(
        nlp,
        "The communiqué was signed by Ambassador Munir Akram. Speaking at the event, Ambassador Akram said "
        "ties would grow. Akram added that more would follow.",
    )
    assert person_labels(entities) == ["Munir Akram"]
    akram = entities[(EntityKind.PERSON, "Munir Akram")]
    assert akram.key == "munir-akram"
    assert {"Akram", "Ambassador Akram"} <= set(akram.alt_labels)
    assert len(akram.mentions) == 3


def test_middle_name_and_surname_resolve_to_the_three_part_name(nlp):
    entities = resolved(
        nlp,
        "Ambassador Asim Iftikhar Ahmad urged reform. In his remarks, Ambassador Iftikhar highlighted the record. "
        "Overall, it is a success, said Ahmad.",
    )
    assert person_labels(entities) == ["Asim Iftikhar Ahmad"]


def test_two_people_sharing_a_surname_stay_two_and_the_bare_surname_goes_to_the_latest(nlp):
    entities = resolved(
        nlp,
        "Foreign Minister Maria Santos met Ambassador Carlos Santos in Manila. Later, Carlos Santos briefed the "
        "press, and Santos said the talks went well.",
    )
    assert person_labels(entities) == ["Carlos Santos", "Maria Santos"]
    assert len(entities[(EntityKind.PERSON, "Carlos Santos")].mentions) == 3


def test_acronym_resolves_to_the_long_form_in_the_same_article(nlp):
    entities = resolved(
        nlp,
        "According to a statement from the Foreign Office, talks will be held. The FO stated that the meeting "
        "would be useful.",
    )
    office = entities[(EntityKind.ORGANISATION, "Foreign Office")]
    assert "FO" in office.alt_labels
    assert (EntityKind.ORGANISATION, "FO") not in entities


def test_bare_council_is_the_one_council_named(nlp):
    entities = resolved(
        nlp,
        "Addressing the UN Security Council on Tuesday, he spoke. This Council, which mandates the missions, "
        "must act.",
    )
    council = entities[(EntityKind.UN_BODY, "Security Council")]
    assert council.key == "security-council"
    assert "Council" in council.alt_labels


def test_states_resolve_by_iso_code_whatever_the_surface_form(nlp):
    entities = resolved(nlp, "St. Lucia and Pakistan signed. Saint Lucian diplomats and Pakistani officials met.")
    states = {e.key: e for (kind, _), e in entities.items() if kind is EntityKind.STATE}
    assert set(states) == {"LC", "PK"}
    assert states["LC"].label == "Saint Lucia"
    assert len(states["PK"].mentions) == 2


def test_slugs_are_ascii_and_stable():
    assert slugify("António Guterres") == "antonio-guterres"
    assert slugify("Jean-Pierre  Lacroix") == "jean-pierre-lacroix"


def test_documents_events_and_awards_are_not_organisations(nlp):
    entities = resolved(
        nlp,
        "Pakistan reaffirmed the UN Charter before the Global Refugee Forum. Kenya received the Nansen Refugee "
        "Award. The Foreign Office welcomed it.",
    )
    organisations = {label for kind, label in entities if kind is EntityKind.ORGANISATION}
    assert "Foreign Office" in organisations
    assert not organisations & {"UN Charter", "Global Refugee Forum", "Nansen Refugee Award"}
