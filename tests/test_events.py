"""Events from dependency-parse rules: shapes written for these tests (not seed sentences), then the seeds."""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SDO, XSD

from kg.extract.events import find_events
from kg.rdf.namespace import NKG


def events_of(context_of, text: str, date: dt.date | None = dt.date(2025, 3, 12)):
    return find_events(context_of(text, date))


def roles(event) -> dict[str, set[str]]:
    return {role: {e.label for e in members} for role, members in event.roles.items()}


def only(events, type_name: str):
    found = [e for e in events if e.type.name == type_name]
    assert len(found) == 1, [(e.type.name, roles(e)) for e in events]
    return found[0]


def test_active_meeting_with_date_and_place(context_of):
    meeting = only(events_of(context_of, "Foreign Minister Lina Haddad met Ambassador Tomas Berg in Vienna on Monday."), "Meeting")
    assert roles(meeting) == {"actor": {"Lina Haddad"}, "participant": {"Tomas Berg"}}
    assert [p.label for p in meeting.places] == ["Vienna"]
    assert meeting.time.text == "Monday"


def test_passive_meeting_names_both_sides(context_of):
    text = "Ambassador Keiko Mori was received on Tuesday by President Daniel Okafor at the presidential palace."
    meeting = only(events_of(context_of, text), "Meeting")
    # whoever receives a visitor hosts the meeting, in the passive as in the active
    assert roles(meeting) == {"host": {"Daniel Okafor"}, "participant": {"Keiko Mori"}}


def test_nominal_meeting_between_titled_people(context_of):
    text = (
        "The announcement followed a meeting between Defence Minister Rafael Ortiz and UN Secretary-General "
        "Antonio Guterres in Geneva."
    )
    meeting = only(events_of(context_of, text), "Meeting")
    assert {"Rafael Ortiz", "Antonio Guterres"} <= roles(meeting)["participant"]
    assert [p.label for p in meeting.places] == ["Geneva"]


def test_delegation_in_the_next_sentence_joins_the_meeting(context_of):
    text = (
        "GENEVA – Chile's foreign minister, Ana Rojas, was received on Monday by Henrik Lund, the UN High "
        "Commissioner for Refugees. The delegation included Ambassador Pablo Vera and Marta Soto."
    )
    meeting = only(events_of(context_of, text), "Meeting")
    assert roles(meeting)["host"] == {"Henrik Lund"}
    assert {"Ana Rojas", "Pablo Vera", "Marta Soto"} <= roles(meeting)["participant"]


def test_coordinated_co_hosts(context_of):
    text = "Egypt and Jordan will co-host a regional water conference in Amman next month."
    conference = only(events_of(context_of, text), "Conference")
    assert roles(conference)["host"] == {"Egypt", "Jordan"}
    assert conference.future


def test_partner_of_a_joint_action_is_a_host(context_of):
    text = "Kenya, in partnership with Norway, will co-host the Nairobi Refugee Forum in April."
    assert roles(only(events_of(context_of, text), "Conference"))["host"] == {"Kenya", "Norway"}


def test_signing_by_agents_with_their_states(context_of):
    text = (
        "The agreement was signed in Dakar on Friday by Ambassador Awa Ndiaye of Senegal and Ambassador "
        "Luis Moreno of Peru."
    )
    signing = only(events_of(context_of, text), "Signing")
    assert roles(signing)["signatory"] >= {"Awa Ndiaye", "Senegal", "Luis Moreno", "Peru"}


def test_pronoun_speaker_resolves_to_the_person_named_before(context_of):
    text = 'Ambassador Sofia Lindqvist urged restraint. "Dialogue is the only way," she added.'
    statement = only(events_of(context_of, text), "Statement")  # one speaker, one statement
    assert roles(statement) == {"speaker": {"Sofia Lindqvist"}}


def test_votes_one_per_state_with_the_choice(context_of):
    text = (
        "The General Assembly adopted a resolution on ocean plastics. Brazil voted in favour, Argentina voted "
        "against and Kazakhstan abstained."
    )
    votes = {(next(iter(roles(e)["voter"])), e.choice) for e in events_of(context_of, text) if e.type.name == "Vote"}
    assert votes == {("Brazil", "InFavour"), ("Argentina", "Against"), ("Kazakhstan", "Abstained")}


def test_award_recipient_is_the_subject_of_earned(context_of):
    text = "Captain Grace Mensah earned the UN Military Gender Advocate of the Year Award in 2023."
    award = only(events_of(context_of, text), "Award")
    assert roles(award) == {"recipient": {"Grace Mensah"}}


def test_award_giver_is_the_subject_of_honoured(context_of):
    text = "The United Nations honoured Sergeant Ali Hassan with the Dag Hammarskjöld Medal on Friday."
    award = only(events_of(context_of, text), "Award")
    assert roles(award)["actor"] == {"United Nations"}
    assert roles(award)["recipient"] == {"Ali Hassan"}


def test_a_definite_event_noun_adds_to_the_event_before(context_of):
    text = (
        "Foreign Minister Lina Haddad met Ambassador Tomas Berg in Vienna. The meeting was also attended by "
        "Deputy Minister Omar Saleh."
    )
    meeting = only(events_of(context_of, text), "Meeting")
    assert "Omar Saleh" in {e.label for e in meeting.participants}


def test_a_newcomer_sits_beside_the_party_of_their_own_state(context_of):
    from kg.extract.events import _pairs

    text = (
        "Over fifty Kenyan police officers will join UN missions, an official statement said on Friday, following a "
        "meeting between Cabinet Secretary for Interior Joseph Mwangi and UN Secretary General Antonio Guterres in "
        "New York. Mwangi discussed training with the UN chief. The meeting was also attended by Kenya's Permanent "
        "Representative to the UN, Ambassador Grace Achieng."
    )
    meeting = only(events_of(context_of, text, dt.date(2024, 6, 8)), "Meeting")
    pairs = {frozenset((a.label, b.label)) for a, b in _pairs(meeting)}
    assert pairs == {frozenset({"Joseph Mwangi", "Antonio Guterres"}), frozenset({"Grace Achieng", "Antonio Guterres"})}


def test_discussing_a_topic_with_no_partner_is_no_meeting(context_of):
    text = "Chile will host the forum in Santiago, bringing together global experts to discuss modern challenges."
    assert [e for e in events_of(context_of, text) if e.type.name == "Meeting"] == []


def test_a_length_of_time_does_not_date_an_event(context_of):
    text = (
        "Ghana and Norway will co-host a peacekeeping conference in Accra. The two-day event, scheduled for "
        "15–16 April 2025, will prepare the ministerial meeting."
    )
    conference = only(events_of(context_of, text, dt.date(2025, 4, 1)), "Conference")
    assert conference.time.text.endswith("April 2025")


def test_a_bracketed_acronym_does_not_cut_the_name_after_it(context_of):
    text = (
        "Minister Omar Qureshi voiced concern during a meeting with United Nations High Commissioner for Refugees "
        "(UNHCR) Helena Brandt in Geneva."
    )
    meeting = only(events_of(context_of, text), "Meeting")
    assert {e.label for e in meeting.participants} == {"Omar Qureshi", "Helena Brandt"}


def test_two_titled_names_in_one_object_both_take_part(context_of):
    text = (
        "Envoy Lars Nilsson met Sudan's Vice President Ahmed Osman al-Tayeb and Foreign Minister Hassan "
        "al-Nur in the Saudi capital."
    )
    meeting = only(events_of(context_of, text), "Meeting")
    assert roles(meeting)["participant"] == {"Ahmed Osman al-Tayeb", "Hassan al-Nur"}


def test_the_subject_after_a_dateline_with_a_hyphen(context_of):
    text = "News from Vienna - UN High Commissioner for Refugees Helena Brandt met Ambassador Tomas Berg on Monday."
    meeting = only(events_of(context_of, text), "Meeting")
    assert roles(meeting) == {"actor": {"Helena Brandt"}, "participant": {"Tomas Berg"}}


def test_signatories_told_clause_by_clause_sign_one_communique(context_of):
    text = (
        "Peru and Ghana on Friday signed a joint communique establishing diplomatic relations. Permanent "
        "Representative of Peru to the UN Ambassador Carlos Quispe signed the communique on behalf of the Peruvian "
        "government while his Ghana counterpart, Kofi Mensah, signed on behalf of his government."
    )
    signing = only(events_of(context_of, text), "Signing")
    assert roles(signing)["signatory"] >= {"Peru", "Ghana", "Carlos Quispe", "Kofi Mensah"}


def test_among_those_in_attendance_names_a_participant(context_of):
    text = (
        "Prime Minister Andrew Mills and Tomas Berg, president of the General Assembly, met on Monday. Among "
        "those who were also in attendance at the meeting was Senator Clara Brown, minister of foreign affairs."
    )
    from kg.extract.events import _pairs

    meeting = only(events_of(context_of, text), "Meeting")
    assert {"Andrew Mills", "Tomas Berg", "Clara Brown"} <= {e.label for e in meeting.participants}
    # a minister of the government sits with the Prime Minister, across from the Assembly's president
    assert {frozenset((a.label, b.label)) for a, b in _pairs(meeting)} == {
        frozenset({"Andrew Mills", "Tomas Berg"}),
        frozenset({"Clara Brown", "Tomas Berg"}),
    }


def test_a_name_after_a_title_and_its_complement_is_the_subject(context_of):
    text = "Permanent Representative of Peru to the UN Ambassador Carlos Quispe met Ambassador Kofi Mensah on Friday."
    meeting = only(events_of(context_of, text), "Meeting")
    assert "Carlos Quispe" in roles(meeting)["actor"] and roles(meeting)["participant"] == {"Kofi Mensah"}


def test_hosting_people_is_no_conference_and_a_dinner_to_attend_is_planned(context_of):
    text = (
        "Minister Omar Qureshi said that Jordan has been hosting Syrian refugees for decades. Afterwards, the "
        "envoy will attend a dinner party hosted by the prime minister."
    )
    conferences = [e for e in events_of(context_of, text) if e.type.name == "Conference"]
    assert all(e.planned for e in conferences)
    assert not any("Jordan" in roles(e).get("host", ()) for e in conferences)


def test_a_session_in_a_title_is_a_post_not_an_event(context_of):
    text = "Viet Nam was elected on Tuesday as a Vice President of the 77th session of the United Nations General Assembly."
    assert [e for e in events_of(context_of, text) if e.type.name == "Conference"] == []


def test_arriving_somewhere_and_visiting_a_building_are_visits_of_one(context_of):
    text = (
        "UN Secretary-General Antonio Guterres arrived in Lagos on Sunday. Earlier in the day, Guterres visited "
        "the UN House in Abuja."
    )
    visits = [e for e in events_of(context_of, text, dt.date(2022, 5, 4)) if e.type.name == "Visit"]
    assert [roles(v) for v in visits] == [{"actor": {"Antonio Guterres"}}, {"actor": {"Antonio Guterres"}}]
    assert {p.label for v in visits for p in v.places} >= {"Lagos", "UN House"}


def test_the_name_an_on_a_visit_phrase_describes_is_the_visitor(context_of):
    text = (
        "World Food Programme (WFP) Regional Director for Asia and the Pacific John Becker, currently on a visit to "
        "Ghana, paid a courtesy call on the Minister of Foreign Affairs, Kofi Mensah on Thursday."
    )
    visit = only(events_of(context_of, text), "Visit")
    assert roles(visit) == {"actor": {"John Becker"}, "participant": {"Ghana"}}


def test_a_participle_after_a_reported_clause_goes_with_the_reporter(context_of):
    text = (
        "Minister Omar Qureshi said that Jordan has been hosting Syrian refugees for decades, adding, that the "
        "return of refugees has already started."
    )
    assert [roles(e) for e in events_of(context_of, text)] == [{"speaker": {"Omar Qureshi"}}]


def test_news_verbs_of_reporting_and_thanking_are_statements(context_of):
    text = (
        "Envoy Lars Nilsson met Yemeni officials in Riyadh on Monday, AFP reported. Foreign Minister Hassan "
        "al-Nur thanked Nilsson for his efforts."
    )
    statements = [roles(e) for e in events_of(context_of, text) if e.type.name == "Statement"]
    assert {"speaker": {"AFP"}} in statements
    assert {"speaker": {"Hassan al-Nur"}, "audience": {"Lars Nilsson"}} in statements


def test_a_planned_meeting_is_marked_and_brings_no_one_face_to_face(graph_of):
    graph = graph_of(
        " date 2018-06-30 Foreign Minister Rahim Uddin welcomed UN Secretary-General Antonio Guterres at the "
        "airport on Saturday. Sources said that Guterres will pay a courtesy call on Prime Minister Nadia Karim "
        "on Sunday."
    )
    planned = sorted((graph.value(e, NKG.planned) for e in graph.subjects(RDF.type, NKG.Meeting)), key=str)
    assert planned == [None, Literal(True)]
    met = {
        frozenset(str(graph.value(p, RDFS.label)) for p in graph.objects(link, NKG.encounterParticipant))
        for link in graph.subjects(RDF.type, NKG.Encounter)
    }
    assert met == {frozenset({"Rahim Uddin", "Antonio Guterres"})}


def test_serving_with_a_peace_operation_is_a_deployment_serving_as_a_post_is_not(context_of):
    text = (
        "Sergeant Ali Raza, who served with UNAMID in Darfur, was honoured. Ambassador Sofia Lindqvist served as "
        "Sweden's envoy."
    )
    deployment = only(events_of(context_of, text), "Deployment")
    assert {e.label for e in deployment.participants} >= {"Ali Raza", "African Union-United Nations Hybrid Operation in Darfur"}


def test_who_sees_troops_off_is_not_deployed(context_of):
    text = "Defence Minister Carla Ruiz last week bid farewell to the national troops to be deployed in Cyprus."
    assert not any("Carla Ruiz" in roles(e).get("actor", ()) for e in events_of(context_of, text))


def test_states_listed_in_brackets_vote_and_an_unnamed_rest_abstains(context_of):
    text = (
        "The General Assembly adopted a resolution on the annexation. The resolution was supported by 141 out of "
        "193 members of the UN General Assembly, five states (Mali, Belarus, Syria, Eritrea and Nicaragua) voted "
        "against, the remaining 32 abstained from voting."
    )
    found = events_of(context_of, text, None)
    votes = {(voter, e.choice) for e in found if e.type.name == "Vote" for voter in roles(e)["voter"]}
    assert votes == {(state, "Against") for state in ("Mali", "Belarus", "Syria", "Eritrea", "Nicaragua")}


# --- the seeds, through the whole pipeline -----------------------------------------------------------------------


def event_rows(graph, cls):
    return [
        {
            "label": str(graph.value(e, RDFS.label)),
            "attendees": {str(graph.value(a, RDFS.label)) for a in graph.objects(e, SDO.attendee)},
            "start": graph.value(e, SDO.startDate),
            "end": graph.value(e, SDO.endDate),
            "places": {str(graph.value(p, RDFS.label)) for p in graph.objects(e, SDO.location)},
        }
        for e in graph.subjects(RDF.type, cls)
    ]


def test_seed_communique_signing(seed_graph):
    [signing] = event_rows(seed_graph, NKG.Signing)
    assert signing["attendees"] >= {"Munir Akram", "Menissa Rambally", "Pakistan", "Saint Lucia"}
    assert signing["start"] == Literal("2024-05-28", datatype=XSD.date)  # "Tuesday" in an article of 2024-05-30
    assert signing["places"] == {"New York"}


def test_seed_islamabad_conference_and_its_dates(seed_graph):
    conferences = event_rows(seed_graph, NKG.Conference)
    islamabad = [c for c in conferences if "Islamabad" in c["places"] and c["start"] is not None]
    assert islamabad and islamabad[0]["attendees"] >= {"Pakistan", "South Korea"}
    assert (islamabad[0]["start"], islamabad[0]["end"]) == (
        Literal("2025-04-15", datatype=XSD.date),
        Literal("2025-04-16", datatype=XSD.date),
    )
    assert any("Berlin" in c["places"] for c in conferences)


def test_seed_meeting_of_naqvi_and_guterres(seed_graph):
    meetings = event_rows(seed_graph, NKG.Meeting)
    assert any({"Mohsin Naqvi", "Antonio Guterres", "Munir Akram"} <= m["attendees"] for m in meetings)


def test_seed_ukraine_vote(seed_graph):
    query = """
        SELECT ?state ?choice WHERE {
          ?vote a nkg:Vote ; nkg:voter/rdfs:label ?state ; nkg:choice ?choice ; nkg:onResolution ?resolution . }"""
    votes = {(str(r.state), r.choice) for r in seed_graph.query(query, initNs={"nkg": NKG, "rdfs": RDFS})}
    assert votes == {
        ("Nepal", NKG.InFavour),
        ("Pakistan", NKG.Abstained),
        ("India", NKG.Abstained),
        ("Bangladesh", NKG.Abstained),
        ("Sri Lanka", NKG.Abstained),
    }


def test_seed_election_and_award(seed_graph):
    [election] = event_rows(seed_graph, NKG.Election)
    assert "Pakistan" in election["attendees"]
    assert election["start"] is not None
    awards = event_rows(seed_graph, NKG.Award)
    assert any("Shahzadi Gulfam" in a["attendees"] and str(a["start"]) == "2011" for a in awards)


def test_seed_who_met_whom_is_derived_from_events(seed_graph):
    query = """
        SELECT ?a ?b (COUNT(?event) AS ?n) WHERE {
          ?link a nkg:Encounter ; nkg:encounterParticipant ?x, ?y ; prov:wasDerivedFrom ?event .
          ?x rdfs:label ?a . ?y rdfs:label ?b . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b"""
    from rdflib.namespace import PROV

    pairs = {(str(r.a), str(r.b)) for r in seed_graph.query(query, initNs={"nkg": NKG, "rdfs": RDFS, "prov": PROV})}
    assert {("Menissa Rambally", "Munir Akram"), ("Antonio Guterres", "Mohsin Naqvi")} <= pairs
    assert ("Jean-Pierre Lacroix", "Mohsin Naqvi") in pairs


@pytest.mark.parametrize("cls", [NKG.Meeting, NKG.Signing, NKG.Vote, NKG.Statement, NKG.Conference])
def test_every_seed_event_has_a_trigger_and_a_source(seed_graph, cls):
    from rdflib.namespace import PROV

    for event in seed_graph.subjects(RDF.type, cls):
        assert seed_graph.value(event, NKG.trigger) is not None
        assert seed_graph.value(event, PROV.wasDerivedFrom) is not None


def test_entering_an_organ_is_an_election_joining_the_un_is_not(context_of):
    text = "On June 6, Ghana hopes to enter the Human Rights Council. Ghana joined the United Nations in 1957."
    election = only(events_of(context_of, text, dt.date(2024, 5, 30)), "Election")
    assert roles(election) == {"candidate": {"Ghana"}}
    assert election.time.text == "June 6" and election.future


def test_possessor_of_an_election_is_the_candidate(context_of):
    text = "Kenya's election to the Security Council was welcomed."
    assert roles(only(events_of(context_of, text), "Election")) == {"candidate": {"Kenya"}}


def test_title_as_subject_gives_the_name_after_it(context_of):
    text = "Ambassador Rambally mentioned that the players were honorary citizens of Pakistan."
    assert roles(only(events_of(context_of, text), "Statement")) == {"speaker": {"Rambally"}}


def test_organisation_of_a_post_is_not_a_signatory(context_of):
    text = "The accord was signed by Ambassador Ana Silva, Brazil's permanent representative to the UN."
    assert "United Nations" not in roles(only(events_of(context_of, text), "Signing"))["signatory"]
