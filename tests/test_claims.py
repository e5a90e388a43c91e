"""Claims: numbers stated about a state or body, read from the parse; conflicts between claims across articles.

The sentences follow the seed articles' shapes with other states and figures, so that a pass means the rules
generalise; the seed tests at the end check the full pipeline's claims and conflicts on the seed articles.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as rdfns

from kg.extract.claims import find_claims, parse_number
from kg.ingest import parse_article
from kg.rdf.iris import IRIs
from kg.rdf.namespace import NIF, NKG
from kg.pipeline import build
from kg.rdf.validation import validate_graph

DATA = IRIs().base

ARTICLE = """ date 2024-06-08 KATHMANDU – Over a hundred Nepali police officers are soon expected to join United \
Nations peacekeeping missions, an official statement said on Saturday.

Last month, the army reported that Nepal had contributed 150,000 troops to UN peacekeeping operations in 44 missions \
across 20 countries since 1958. This service has also cost the lives of 92 Nepalis deployed worldwide.

“120 Nepali police officers will join UN peacekeeping forces soon,” it added.

Ghana has taken part in 30 UN peacekeeping operations in 25 different nations. Since 1958, 88 Bangladeshi \
peacekeepers have died while serving on UN assignments as of 2022.

Ambassador Kwame Asante, Ghana's permanent representative to the UN, addressed the 15-member UN Security Council on \
Tuesday. “We are proud of our record,” he said, pointing out that over 80,000 Ghanaian peacekeepers have served in \
missions across three continents.

“A total of 145 of our bravest have laid down their lives in the service of peace.”

“With an annual budget of $6.1 billion, UN peacekeeping represents less than 0.5 per cent of global military \
spending.”

He referred to the NATO alliance of 30 European and two North American countries. The resolution was backed by 23 \
ambassadors. Two of them were honoured posthumously. Nepal entered the council for the ninth time.
"""


@pytest.fixture(scope="module")
def claims(context_of):
    """(subject, measure, value) → (hedge, unit, as-of text, speaker) for the claims of ARTICLE."""
    return {
        (c.subject.label, c.measure, c.value): (
            c.quantity.hedge, c.unit, c.as_of.text if c.as_of else None, c.speaker.label if c.speaker else None
        )
        for c in find_claims(context_of(ARTICLE))
    }


def test_counts_of_peacekeepers_missions_and_countries_with_the_report_date_as_of(claims):
    for measure, value in (("peacekeepers deployed", 150000), ("peacekeeping missions served in", 44),
                           ("countries served in", 20)):
        # "Last month, the army reported": May 2024; "since 1958" is the start of the count, not its as-of, and
        # part of what is counted: 44 missions since 1958 and 46 since 1948 are two counts, not a conflict
        assert claims[("Nepal", f"{measure} since 1958", value)] == (None, None, "Last month", None)


def test_cost_the_lives_of_demonym_counts_the_people_of_the_claim_before(claims):
    assert ("Nepal", "peacekeepers killed", 92) in claims


def test_hedged_figure_restated_precisely_is_one_claim(claims):
    police = {key: value for key, value in claims.items() if key[1] == "police officers deployed"}
    assert police == {("Nepal", "police officers deployed", 120): (None, None, None, None)}


def test_taken_part_in_operations_in_nations(claims):
    assert ("Ghana", "peacekeeping missions served in", 30) in claims
    assert ("Ghana", "countries served in", 25) in claims


def test_died_as_of_a_year_with_the_demonym_as_subject(claims):
    assert claims[("Bangladesh", "peacekeepers killed since 1958", 88)] == (None, None, "2022", None)


def test_member_count_of_a_body(claims):
    assert ("Security Council", "members", 15) in claims


def test_reported_speech_gives_the_speaker_and_keeps_the_hedge(claims):
    assert claims[("Ghana", "peacekeepers deployed", 80000)] == ("lower", None, None, "Kwame Asante")
    assert claims[("Ghana", "continents served in", 3)] == (None, None, None, "Kwame Asante")


def test_our_in_a_continued_quote_is_the_speakers_state(claims):
    # the quote opens its own paragraph without attribution: the speech of the paragraph before goes on
    assert claims[("Ghana", "peacekeepers killed", 145)] == (None, None, None, "Kwame Asante")


def test_money_and_percent_claims(claims):
    assert claims[("United Nations", "annual budget", Decimal(6100000000))] == (None, "USD", None, "Kwame Asante")
    assert claims[("United Nations", "share of global military spending", Decimal("0.5"))] == (
        "upper", "percent", None, "Kwame Asante"
    )


def test_composition_of_an_organisation(claims):
    assert ("North Atlantic Treaty Organization", "European countries", 30) in claims
    assert ("North Atlantic Treaty Organization", "North American countries", 2) in claims


def test_numbers_about_no_entity_make_no_claim(claims):
    # "23 ambassadors", "Two of them", "the ninth time" and the years are not claims
    assert {value for _, _, value in claims} == {150000, 44, 20, 92, 120, 30, 25, 88, 15, 80000, 3, 145,
                                                  Decimal(6100000000), Decimal("0.5"), 2}


#: Shapes of the real development articles (data/gold/real-dev), with other names and figures.
SHAPES = """ date 2024-10-11 UNITED NATIONS – The General Assembly elected 14 members to the 47-member Human Rights \
Council for the 2025-2027 term. Uruguay was elected when the Assembly chose 12 countries to serve on the 40-member \
body.

Chile won 150 votes to beat Peru, 41 votes, for the one seat of the group. The Security Council has 15 members, but \
it is dominated by its five permanent members. UNMISS is the third-most dangerous mission, with 118 personnel killed \
as of the end of 2022.

Senator Jane Doe said more than 50 million refugees are displaced. Nepal has paid more than Rs 5 billion to the fund.
"""


@pytest.fixture(scope="module")
def shape_claims(context_of):
    return {(c.subject.label, c.measure, c.value): c for c in find_claims(context_of(SHAPES))}


def test_a_part_counted_into_a_body_belongs_to_it(shape_claims):
    # "elected 14 members to the ... Council": the members are the Council's, not the electing Assembly's
    assert ("Human Rights Council", "members", 14) in shape_claims
    assert ("Human Rights Council", "members", 47) in shape_claims
    # "the 40-member body" names no entity: no claim rather than one about the Assembly
    assert not any(value == 40 for _, _, value in shape_claims)


def test_a_count_in_apposition_is_about_the_entity_it_stands_beside(shape_claims):
    assert ("Chile", "votes obtained", 150) in shape_claims
    assert ("Peru", "votes", 41) in shape_claims


def test_adjectives_tell_counts_apart(shape_claims):
    assert ("Security Council", "members", 15) in shape_claims
    assert ("Security Council", "permanent members", 5) in shape_claims


def test_a_participle_after_the_counted_noun_gives_the_sense_and_the_as_of(shape_claims):
    claim = shape_claims[("United Nations Mission in South Sudan", "peacekeepers killed", 118)]
    assert claim.as_of is not None and claim.as_of.text == "the end of 2022"


def test_no_claim_about_a_person_who_acts_for_no_state(shape_claims):
    assert not any(value == 50000000 for _, _, value in shape_claims)


def test_hedges_are_kept_whole_and_rupees_are_no_one_states(shape_claims):
    claim = shape_claims[("Nepal", "amount paid", 5000000000)]
    assert (claim.quantity.hedge, claim.quantity.hedge_text, claim.unit) == ("lower", "more than", "rupee")


def test_measures_are_noun_phrases_not_verb_chunks(shape_claims):
    # no "refugees be", "votes beat": a verb outside the lexicon adds nothing to the counted noun
    assert all(measure.split()[-1] not in ("be", "beat", "are") for _, measure, _ in shape_claims)


@pytest.mark.parametrize(
    ("words", "value"),
    [("235,000", 235000), ("a hundred", 100), ("5.5 billion", 5500000000), ("four", 4), ("twenty - five", 25),
     ("0.3", Decimal("0.3")), ("three thousand five hundred", 3500)],
)
def test_parse_number(nlp, words, value):
    assert parse_number(nlp.make_doc(words)) == value


def test_claim_triples(graph_of):
    text = " date 2024-06-08 Last month, the army reported that Nepal had contributed 150,000 troops to UN missions."
    graph = graph_of(text)
    (claim,) = graph.subjects(rdfns.RDF.type, NKG.Claim)
    assert graph.value(claim, NKG.claimSubject) == URIRef(f"{DATA}state/NP")
    assert str(graph.value(claim, NKG.measure)) == "peacekeepers deployed"
    value = graph.value(claim, NKG.value)
    assert value.datatype == rdfns.XSD.decimal and value.toPython() == 150000
    assert graph.value(claim, rdfns.PROV.wasDerivedFrom) == graph.identifier
    assert str(graph.value(graph.value(claim, NKG.evidence), NIF.anchorOf)) == "150,000"
    as_of = graph.value(claim, NKG.asOf)
    assert graph.value(as_of, NKG.timeValue) == Literal("2024-05", datatype=rdfns.XSD.gYearMonth)


# --- conflicts --------------------------------------------------------------------------------------------------


def test_conflicts_across_articles(nlp, tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2024-03-01 Nepal has deployed 150,000 peacekeepers in 44 UN missions. 88 Nepali peacekeepers have "
        "died on UN assignments.\n"
    )
    (tmp_path / "b.txt").write_text(
        " date 2024-05-02 Over 140,000 Nepali peacekeepers have served in UN missions. A total of 92 Nepali "
        "peacekeepers have laid down their lives.\n"
    )
    (tmp_path / "c.txt").write_text(" date 2024-06-03 Nepal has deployed 150,000 peacekeepers in 44 UN missions.\n")
    (tmp_path / "d.txt").write_text(
        " date 2024-07-04 As of 2019, 71 Nepali peacekeepers had died on UN assignments. Since 1958, 95 Nepali "
        "peacekeepers have died.\n"
    )
    result = build([tmp_path], nlp=nlp)
    union = result.dataset
    # 88 killed against 92 killed; "over 140,000" allows 150,000, and equal figures never conflict; a figure "as of
    # 2019" told in 2024 is an older reading of the count, and 95 "since 1958" is another count
    (group,) = result.conflicts
    assert sorted(claim.value for claim in group.claims) == [71, 88, 92]
    assert sorted(sorted(c.value for c in pair) for pair in group.pairs) == [[88, 92]]
    assert group.subject_label == "Nepal" and "a.txt" in group.describe() and "b.txt" in group.describe()
    derived = union.graph(URIRef(f"{DATA}graph/corpus"))
    links = list(derived.subject_objects(NKG.conflictsWith))
    assert len(links) == 2
    first, second = links[0]
    assert (second, NKG.conflictsWith, first) in derived
    assert {union.value(node, NKG.value).toPython() for node in (first, second)} == {88, 92}
    assert derived.value(derived.identifier, rdfns.RDFS.comment) is not None


def test_no_conflicts_no_links(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Nepal has deployed 150,000 peacekeepers in 44 UN missions.\n")
    result = build([tmp_path], nlp=nlp)
    assert result.conflicts == []
    assert not list(result.dataset.quads((None, NKG.conflictsWith, None, None)))


# --- the seed articles through the full pipeline ----------------------------------------------------------------


def seed_claims(seed_graph) -> dict[URIRef, tuple[str, str, str, Decimal]]:
    rows = seed_graph.query(
        """SELECT ?claim ?source ?subject ?measure ?value WHERE {
             ?claim a nkg:Claim ; nkg:claimSubject ?subject ; nkg:measure ?measure ; nkg:value ?value ;
                    prov:wasDerivedFrom/dcterms:source ?source }"""
    )
    return {c: (str(src)[:3], str(s).rsplit("/", 1)[-1], str(m), v.toPython()) for c, src, s, m, v in rows}


def test_seed_claims(seed_graph):
    found = sorted(seed_claims(seed_graph).values())
    assert found == sorted([
        ("000", "PK", "formal diplomatic links with countries", 6),
        ("000", "PK", "peacekeeping missions served in", 46),
        ("000", "PK", "countries served in", 29),
        ("000", "PK", "peacekeepers killed since 1948", 168),
        ("001", "PK", "peacekeeping missions served in since 1960", 48),
        ("001", "PK", "countries served in since 1960", 29),
        ("001", "security-council", "members", 15),
        ("001", "PK", "peacekeepers deployed", 235000),
        ("001", "PK", "continents served in", 4),
        ("001", "PK", "peacekeepers killed", 182),
        ("001", "united-nations", "peacekeepers honoured", 57),
        ("001", "united-nations", "countries honoured", 32),
        ("001", "united-nations", "annual budget", 5500000000),
        ("001", "united-nations", "share of global military spending", Decimal("0.3")),
        ("002", "PK", "peacekeepers deployed", 235000),
        ("002", "PK", "peacekeeping missions served in", 48),
        ("002", "PK", "peacekeepers killed", 181),
        ("003", "PK", "peacekeepers deployed since 1960", 235000),
        ("003", "PK", "peacekeeping missions served in since 1960", 48),
        ("003", "PK", "countries served in since 1960", 29),
        ("003", "PK", "peacekeepers killed", 181),
        ("003", "PK", "police officers deployed", 128),
        ("004", "nato", "European countries", 28),
        ("004", "nato", "North American countries", 2),
    ])


def test_seed_claim_details(seed_graph):
    claims = seed_claims(seed_graph)
    by_key = {(v[0], v[2], v[3]): c for c, v in claims.items()}
    ahmad = URIRef(f"{DATA}person/asim-iftikhar-ahmad")
    # "182 of our bravest ..." in a quote continuing Ahmad's speech
    assert seed_graph.value(by_key[("001", "peacekeepers killed", 182)], NKG.claimedBy) == ahmad
    budget = by_key[("001", "annual budget", 5500000000)]
    assert str(seed_graph.value(budget, NKG.unit)) == "USD" and seed_graph.value(budget, NKG.claimedBy) == ahmad
    # "as of 2023" is the as-of time, "Since 1948" is not
    as_of = seed_graph.value(by_key[("000", "peacekeepers killed since 1948", 168)], NKG.asOf)
    assert seed_graph.value(as_of, NKG.timeValue) == Literal("2023", datatype=rdfns.XSD.gYear)
    # "Last month, the military reported that ..." in an article of 2024-06-08
    as_of = seed_graph.value(by_key[("003", "peacekeepers deployed since 1960", 235000)], NKG.asOf)
    assert seed_graph.value(as_of, NKG.timeValue) == Literal("2024-05", datatype=rdfns.XSD.gYearMonth)
    # "the statement noted" and "it added": attributed, but not to a person
    assert seed_graph.value(by_key[("002", "peacekeepers killed", 181)], NKG.claimedBy) is None


def test_seed_conflicts(seed_build, seed_graph):
    """Conflicts come as one group per subject and measure, with every value and source; the graph links the
    clashing pairs."""
    groups = {(g.subject_label, g.measure): g for g in seed_build.conflicts}
    assert set(groups) == {("Pakistan", "peacekeepers killed"), ("Pakistan", "peacekeeping missions served in")}
    killed = groups[("Pakistan", "peacekeepers killed")]
    assert sorted(c.value for c in killed.claims) == [181, 181, 182]
    # deaths: 182 (001) against 181 (002, 003); "168 since 1948 as of 2023" (000) is another count at another time;
    # missions: 46 (000) against 48 (002), while 001 and 003 count 48 missions "since 1960"
    assert len(killed.pairs) == 2
    missions = groups[("Pakistan", "peacekeeping missions served in")]
    assert sorted(c.value for pair in missions.pairs for c in pair) == [46, 48]
    assert "001_a30e08b1d2274aad.txt" in killed.describe() and "182" in killed.describe()
    links = set(seed_graph.subject_objects(NKG.conflictsWith))
    assert len(links) == 2 * (2 + 1)
    claims = seed_claims(seed_graph)
    assert all(claims[a][1:3] == claims[b][1:3] for a, b in links)
    deployed = [c for c, v in claims.items() if v[2].startswith("peacekeepers deployed")]
    assert len(deployed) == 3 and not any(c in pair for pair in links for c in deployed)


def test_seed_graph_conforms_to_the_shapes(seed_graph):
    report = validate_graph(seed_graph)
    assert report.conforms, str(report)
