"""Positions: titles tied to named people in the shapes news prose uses, with the post's state or organisation.

The sentences follow the seed articles' shapes with other people, states and titles, so that a pass means the
rules generalise; the seed tests at the end check what the full pipeline writes for the seed articles.
"""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib import namespace as rdfns

from kg.rdf.iris import IRIs
from kg.rdf.namespace import NIF, NKG
from kg.extract.roles import find_positions

DATA = IRIs().base


def positions(context_of, text: str) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(person, title) → (key of the post's state or organisation, time text)."""
    return {
        (p.person.label, p.label): (p.post_in.key if p.post_in else None, p.time.text if p.time else None)
        for p in find_positions(context_of(text))
    }


def test_apposition_before_the_name_with_possessive_state_and_ambassador_prefix(context_of):
    found = positions(
        context_of,
        "The talks were also attended by Kenya's Permanent Representative to the UN, Ambassador Grace Wanjiru, "
        "and other officials.",
    )
    # the state outranks the UN; the bare "Ambassador" gives way to the more specific diplomatic post
    assert found == {("Grace Wanjiru", "Permanent Representative"): ("KE", None)}


def test_apposition_after_the_name(context_of):
    found = positions(context_of, "Later, Tomas Varga, Hungary's ambassador to the United Nations, said the vote was close.")
    assert found == {("Tomas Varga", "Ambassador"): ("HU", None)}


def test_un_prefix_gives_the_organisation_and_the_title_its_official_spelling(context_of):
    found = positions(context_of, "UN Secretary General Maria Lopes met the delegation in Geneva.")
    assert found == {("Maria Lopes", "Secretary-General"): ("united-nations", None)}


def test_titles_with_for_complements_in_a_list_of_appositions(context_of):
    found = positions(
        context_of,
        "The panel included Ana Ferreira, Under-Secretary-General for Political Affairs, and Rui Costa, "
        "Under-Secretary-General for Management.",
    )
    assert found == {
        ("Ana Ferreira", "Under-Secretary-General for Political Affairs"): (None, None),
        ("Rui Costa", "Under-Secretary-General for Management"): (None, None),
    }


def test_who_is_clause_with_a_time_complement(context_of):
    found = positions(
        context_of,
        "Ambassador Thabo Ndlovu spoke first.\n\n“The council must act,” said Ndlovu, who is the UNSC President "
        "for March.",
    )
    # "for March" is when the post is held, not part of its title; the ambassador chairing the Council is still
    # an ambassador (the two posts are of different kinds)
    assert found == {
        ("Thabo Ndlovu", "Ambassador"): (None, None),
        ("Thabo Ndlovu", "President of the Security Council"): ("security-council", "March"),
    }


def test_minister_titles_before_names(context_of):
    found = positions(context_of, "Federal Minister for Finance Ahmed Raza met Interior Minister Sara Khan on Monday.")
    assert found == {
        ("Ahmed Raza", "Federal Minister for Finance"): (None, None),
        ("Sara Khan", "Interior Minister"): (None, None),
    }


def test_state_after_the_name_and_demonym_before_the_title(context_of):
    found = positions(
        context_of,
        "The agreement was signed by Ambassador Lena Moreau of France. The Ghanaian envoy, Kofi Mensah, told "
        "reporters that talks would go on.",
    )
    assert found == {("Lena Moreau", "Ambassador"): ("FR", None), ("Kofi Mensah", "Envoy"): ("GH", None)}


def test_copula_makes_a_position(context_of):
    found = positions(context_of, "Martin Dubois is France's ambassador to the UN.")
    assert found == {("Martin Dubois", "Ambassador"): ("FR", None)}


def test_coordinated_titles_share_the_holder_and_the_organisation_and_the_rank_gives_way(context_of):
    found = positions(
        context_of,
        "MONUSCO's head of mission and Force Commander, Lieutenant General Jean Dupont, visited the base.",
    )
    assert found == {
        ("Jean Dupont", "Head of Mission"): ("monusco", None),
        ("Jean Dupont", "Force Commander"): ("monusco", None),
    }


def test_for_complement_naming_a_state_is_part_of_the_title_not_the_posts_state(context_of):
    found = positions(context_of, "US Special Envoy for Afghanistan John Carter met Major Amina Yusuf in Kabul.")
    # a rank with no other post for the person is kept
    assert found == {
        ("John Carter", "Special Envoy for Afghanistan"): ("US", None),
        ("Amina Yusuf", "Major"): (None, None),
    }


def test_for_complement_that_the_model_reads_as_an_organisation_stays_in_the_title(context_of):
    found = positions(
        context_of,
        "Kenya's Cabinet Secretary for Foreign Affairs, Grace Otieno, was received by Henrik Lund, the UN High "
        "Commissioner for Refugees.",
    )
    assert found == {
        ("Grace Otieno", "Cabinet Secretary for Foreign Affairs"): ("KE", None),
        ("Henrik Lund", "United Nations High Commissioner for Refugees"): ("united-nations", None),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The State Department spokesman said talks would continue.",
        "The Pakistani envoy said the council should act.",
        "A senior diplomat from Kenya's UN Mission said every vote counts.",
    ],
)
def test_a_title_without_a_name_makes_no_position(context_of, text):
    assert positions(context_of, text) == {}


def test_repeated_forms_are_one_position_with_every_mention_as_evidence(context_of):
    text = (
        "The communiqué was signed by Ambassador Lena Moreau of France. Speaking at the event, Ambassador Moreau "
        "said ties would grow."
    )
    (position,) = find_positions(context_of(text))
    assert (position.label, position.post_in.key) == ("Ambassador", "FR")
    assert [span.text for span in position.evidence] == ["Ambassador", "Ambassador"]


def test_position_triples(graph_of):
    graph = graph_of("Later, Tomas Varga, Hungary's ambassador to the United Nations, said the vote was close.")
    post = URIRef(f"{DATA}position/tomas-varga/ambassador/HU")
    person, hungary = URIRef(f"{DATA}person/tomas-varga"), URIRef(f"{DATA}state/HU")
    assert (post, rdfns.RDF.type, NKG.Position) in graph and (post, rdfns.RDF.type, rdfns.ORG.Post) in graph
    assert str(graph.value(post, NKG.postTitle)) == "Ambassador"
    assert graph.value(post, rdfns.ORG.heldBy) == person and (person, rdfns.ORG.holds, post) in graph
    assert graph.value(post, rdfns.ORG.postIn) == hungary
    assert (person, NKG.represents, hungary) in graph
    assert graph.value(post, rdfns.PROV.wasDerivedFrom) == graph.identifier
    evidence = graph.value(post, NKG.evidence)
    assert str(graph.value(evidence, NIF.anchorOf)) == "ambassador"


# --- shapes of the real development articles (data/gold/real-dev), with other names ---------------------------


def test_slash_coordinated_posts_before_a_rank_and_the_name(context_of):
    found = positions(
        context_of, "UNMISS Head of Mission/Force Commander Lieutenant General Ana Ruiz at Force Headquarters, Juba, spoke."
    )
    # both posts go to the name behind the rank, and the bare rank gives way to them
    assert found == {
        ("Ana Ruiz", "Head of Mission"): ("unmiss", None),
        ("Ana Ruiz", "Force Commander"): ("unmiss", None),
    }


def test_a_title_in_the_possessive_is_whose_post_it_is(context_of):
    found = positions(
        context_of, "Kenya's envoy met with Lea Moser, the UN Secretary-General's Special Representative for Libya, on Friday."
    )
    assert found == {("Lea Moser", "Special Representative of the Secretary-General for Libya"): ("united-nations", None)}


def test_titles_are_named_as_written(context_of):
    found = positions(
        context_of,
        "UN spokesman Omar Haddad said so. Ines Duarte, the Minister of Foreign Affairs, agreed. Defense Minister "
        "Karl Brun came. Havaldar Ali Raza served.",
    )
    assert set(found) == {
        ("Omar Haddad", "Spokesman"), ("Ines Duarte", "Minister of Foreign Affairs"), ("Karl Brun", "Defense Minister"),
        ("Ali Raza", "Havaldar"),
    }


def test_a_place_complement_and_an_acronym_in_brackets(context_of):
    found = positions(
        context_of,
        "The United Nations Resident Coordinator in Ghana, Mia Lund, paid a courtesy call on the minister.\n\nWorld "
        "Food Programme (WFP) Regional Director for Asia and the Pacific Anna Berger, currently on a visit to Ghana, "
        "spoke.\n\nHe met United Nations High Commissioner for Refugees (UNHCR) Ivo Petrov in Geneva.",
    )
    assert found == {
        ("Mia Lund", "Resident Coordinator"): ("united-nations", None),
        ("Anna Berger", "Regional Director for Asia and the Pacific"): ("wfp", None),
        ("Ivo Petrov", "United Nations High Commissioner for Refugees"): ("united-nations", None),
    }


def test_titles_inside_other_posts_and_shorter_forms_of_one_post(context_of):
    found = positions(
        context_of,
        "It was read by Permanent Secretary for the Office of the Prime Minister, Ravi Lal. Secretary of State Ben "
        "Ortiz met Senator Ada Obi, the Deputy Prime Minister. Ortiz, the Secretary, said.",
    )
    # no "Prime Minister" for Lal, no bare "Secretary" beside "Secretary of State", the seat gives way to the post
    assert set(found) == {
        ("Ravi Lal", "Permanent Secretary for Office of the Prime Minister"), ("Ben Ortiz", "Secretary of State"),
        ("Ada Obi", "Deputy Prime Minister"),
    }


def test_appointed_to_a_post(context_of):
    found = positions(context_of, "Peru's Ambassador Rosa Quispe was appointed President of the upcoming session.")
    assert ("Rosa Quispe", "President") in found


# --- the seed articles through the full pipeline ----------------------------------------------------------------


def seed_positions(seed_graph) -> set[tuple[str, str, str | None]]:
    rows = seed_graph.query(
        """SELECT ?person ?title ?in WHERE {
             ?post a nkg:Position ; nkg:postTitle ?title ; org:heldBy ?person .
             OPTIONAL { ?post org:postIn ?in } }"""
    )
    return {(str(p).rsplit("/", 1)[-1], str(t), str(i).rsplit("/", 1)[-1] if i else None) for p, t, i in rows}


def test_seed_positions(seed_graph):
    assert seed_positions(seed_graph) == {
        ("munir-akram", "Permanent Representative", "PK"),  # 000 and 003, one post
        ("munir-akram", "Ambassador", "PK"),  # 004: "Pakistan's ambassador to the UN, Munir Akram"
        ("menissa-rambally", "Ambassador", "LC"),
        ("asim-iftikhar-ahmad", "Ambassador", None),
        ("asim-iftikhar-ahmad", "President of the Security Council", "security-council"),
        ("ishaq-dar", "Foreign Minister", None),
        ("mohsin-naqvi", "Interior Minister", None),
        ("mohsin-naqvi", "Federal Minister for Interior", None),
        ("jean-pierre-lacroix", "Under-Secretary-General for Peace Operations", "united-nations"),  # 001
        ("jean-pierre-lacroix", "Under-Secretary-General for Peace Operations", None),  # 002 names no organisation
        ("atul-khare", "Under-Secretary-General for Operational Support", None),
        ("antonio-guterres", "Secretary-General", "united-nations"),
    }


def test_seed_represented_states_and_post_time(seed_graph):
    represents = {(str(p).rsplit("/", 1)[-1], str(s).rsplit("/", 1)[-1])
                  for p, s in seed_graph.subject_objects(NKG.represents)}
    assert represents == {("munir-akram", "PK"), ("menissa-rambally", "LC")}
    post = URIRef(f"{DATA}position/asim-iftikhar-ahmad/president-of-the-security-council/security-council")
    time = seed_graph.value(post, rdfns.DCTERMS.temporal)
    assert str(seed_graph.value(time, NKG.timeText)) == "July"
    assert (time, rdfns.RDF.type, NKG.TimeExpression) in seed_graph
