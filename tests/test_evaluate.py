"""kg.evaluate: gold loading, reading predictions from a graph, matching rules, scores, baseline and report."""
from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.errors import InputError
from kg.evaluate import (
    CATEGORIES,
    ENTITY_CATEGORIES,
    Gold,
    PredictedEntity,
    PredictedEvent,
    PredictedMeeting,
    PredictedPosition,
    Predictions,
    baseline_predictions,
    evaluate,
    format_report,
    load_gold,
    normalise_name,
    predictions_from_graph,
)
from kg.rdf.load import load_dataset

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(FIXTURES / "gold.yaml")


@pytest.fixture(scope="module")
def predictions() -> Predictions:
    return predictions_from_graph(load_dataset([FIXTURES / "graph.trig"]))


def write_gold(tmp_path: Path, articles: str) -> Path:
    path = tmp_path / "gold.yaml"
    header = "format: newskg-gold/1\ncorpus: test\narticles:\n"
    path.write_text(header + textwrap.indent(textwrap.dedent(articles), "  "))
    return path


def node(name: str, *aliases: str, category: str = "people", files: tuple[str, ...] = ("a.txt",)) -> PredictedEntity:
    return PredictedEntity(f"urn:test:{name}", name, aliases, category=category, files=frozenset(files))


def only(category: str, *entities: PredictedEntity, **facts) -> Predictions:
    """Predictions with ``entities`` in ``category`` and nothing else but ``facts``."""
    entities_by_category = {c: (entities if c == category else ()) for c in ENTITY_CATEGORIES}
    return Predictions(entities=entities_by_category, articles=frozenset({"a.txt"}), **facts)


PEOPLE_GOLD = """
- file: a.txt
  entities:
    people:
      - {name: António Guterres, aliases: [Guterres, Secretary-General Guterres]}
      - {name: Munir Akram, aliases: [Akram]}
      - {name: Menissa Rambally}
"""


# ------------------------------------------------------------------------------------------------------ gold


def test_load_gold_reads_the_format(gold: Gold) -> None:
    assert gold.corpus == "fixture"
    assert [article.file for article in gold.articles] == ["a.txt", "b.txt"]
    first, second = gold.articles
    assert first.date == "2024-05-30"
    assert first.entities["states"][0].iso == "PK"
    signing = first.events[0]
    assert signing.type == "signing" and signing.date == "2024-05-28" and signing.place == "New York"
    assert signing.participant_names == ("Munir Akram", "Menissa Rambally", "Pakistan", "Saint Lucia")
    assert second.events[0].date == "2024-06"
    assert first.meetings == (("Munir Akram", "Menissa Rambally"),)
    assert first.positions[0].of == "Pakistan"
    assert first.claims[0].value == Decimal(46)


def test_gold_entities_are_one_per_canonical_name_with_pooled_aliases(gold: Gold) -> None:
    people = {entity.name: entity for entity in gold.entities("people")}
    assert sorted(people) == ["António Guterres", "Dennis Francis", "Menissa Rambally", "Munir Akram"]
    assert set(people["António Guterres"].aliases) == {"Guterres", "Secretary-General Guterres"}


def test_gold_names_resolve_through_aliases(gold: Gold) -> None:
    assert gold.entity("Akram", "a.txt").name == "Munir Akram"
    assert gold.entity("Nobody Known", "a.txt").name == "Nobody Known"


ENTRY_ERRORS = [
    # (articles, where the error is, what it says)
    ("events: [{type: signature, participants: {signatory: [X]}}]", "articles[0] (a.txt).events[0].type",
     "unknown event type 'signature'"),
    ("events: [{type: vote, participants: {voters: [X]}}]", "articles[0] (a.txt).events[0].participants",
     "unknown key(s) voters"),
    ("events: [{type: vote, participants: {voter: [X]}, choice: in-favour}]", "events[0].choice",
     "unknown vote choice"),
    ("events: [{type: meeting, participants: {}}]", "events[0].participants", "at least one participant"),
    ("events: [{type: meeting, participants: {host: [X]}, date: 28 May}]", "events[0].date", "expected a date"),
    ("entities: {people: [{name: X, iso: PK}]}", "entities.people[0]", "unknown key(s) iso"),
    ("entities: {states: [{name: X, iso: Pakistan}]}", "entities.states[0].iso", "ISO 3166-1"),
    ("entities: {persons: []}", "articles[0] (a.txt).entities", "unknown key(s) persons"),
    ("meetings: [[X]]", "meetings[0]", "pair of two different people"),
    ("claims: [{subject: X, measure: m, value: many}]", "claims[0].value", "expected a number"),
]


@pytest.mark.parametrize(("entry", "where", "reason"), ENTRY_ERRORS)
def test_load_gold_errors_name_the_file_and_the_entry(tmp_path: Path, entry: str, where: str, reason: str) -> None:
    path = write_gold(tmp_path, f"- file: a.txt\n  {entry}\n")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and where in message and reason in message


@pytest.mark.parametrize(
    ("articles", "message"),
    [("- file: a.txt\n- file: a.txt\n", "articles[1] (a.txt): article listed twice"),
     ("- date: 2024-01-01\n", "articles[0]: missing key(s) file")],
)
def test_load_gold_errors_about_articles(tmp_path: Path, articles: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        load_gold(write_gold(tmp_path, articles))


def test_load_gold_rejects_another_format(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text("format: newskg-gold/2\narticles: []\n")
    with pytest.raises(InputError, match="format: expected 'newskg-gold/1'"):
        load_gold(path)


# --------------------------------------------------------------------------------------------------- matching


def test_normalise_name_ignores_case_accents_and_punctuation() -> None:
    assert normalise_name("António Guterres") == normalise_name("ANTONIO GUTERRES") == "antonio guterres"
    assert normalise_name("Pakistan’s") == normalise_name("Pakistan's") == "pakistan"
    assert normalise_name("U.N.") == "un"
    assert normalise_name("Guinea-Bissau") == "guinea bissau"
    assert normalise_name("the Security Council") == "security council"


def test_matching_is_accent_and_case_insensitive(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD))
    score = evaluate(gold, only("people", node("Antonio Guterres"), node("MUNIR AKRAM"))).scores["people"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 1)


def test_matching_uses_aliases_on_both_sides(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD))
    predictions = only("people", node("Secretary-General Guterres"), node("M. Akram", "Akram"))
    score = evaluate(gold, predictions).scores["people"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 1)


def test_a_duplicate_predicted_node_is_a_false_positive(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD))
    score = evaluate(gold, only("people", node("Akram"), node("Munir Akram"))).scores["people"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 2)
    assert score.false_positives == ("Akram",)  # the node labelled with the canonical name is the match


def test_a_missing_entity_is_listed_in_the_misses(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD))
    score = evaluate(gold, only("people", node("António Guterres"), node("Munir Akram"))).scores["people"]
    assert score.misses == ("Menissa Rambally",)
    assert score.false_positives == ()


def test_meeting_pairs_are_unordered(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + "  meetings: [[Munir Akram, Menissa Rambally]]\n"))
    akram, rambally = node("Munir Akram"), node("Menissa Rambally")
    for first, second in ((akram, rambally), (rambally, akram)):
        predictions = only("people", akram, rambally, meetings=(PredictedMeeting(first, second),))
        score = evaluate(gold, predictions).scores["meetings"]
        assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_an_event_needs_a_shared_participant(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + "  events: [{type: meeting, participants: {host: [Akram]}}]\n"))
    akram, guterres = node("Munir Akram"), node("Antonio Guterres")
    hit = PredictedEvent("urn:e1", "meeting", (akram,), None, frozenset({"a.txt"}))
    stranger = PredictedEvent("urn:e2", "meeting", (guterres,), None, frozenset({"a.txt"}))
    elsewhere = PredictedEvent("urn:e3", "meeting", (akram,), None, frozenset({"b.txt"}))
    score = evaluate(gold, only("people", events=(stranger, hit, elsewhere))).scores["events:meeting"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)  # e3 comes from an article the gold does not cover


def test_position_titles_match_when_one_contains_the_other(tmp_path: Path) -> None:
    position = "  positions: [{person: Akram, title: Permanent Representative}]\n"
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + position))
    akram = node("Munir Akram")
    longer = PredictedPosition("urn:p1", akram, "permanent representative of Pakistan", None, frozenset({"a.txt"}))
    other = PredictedPosition("urn:p2", akram, "Ambassador", None, frozenset({"a.txt"}))
    score = evaluate(gold, only("people", positions=(other, longer))).scores["positions"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert score.false_positives == ("Munir Akram: Ambassador",)


# ---------------------------------------------------------------------------------------------- a known case


def test_predictions_from_graph_reads_the_contract_vocabulary(predictions: Predictions) -> None:
    people = {entity.name: entity for entity in predictions.entities["people"]}
    assert people["Munir Akram"].aliases == ("Ambassador Akram",)
    assert people["Antonio Guterres"].files == {"a.txt", "b.txt"}
    assert [entity.name for entity in predictions.entities["un_bodies"]] == ["United Nations Security Council"]
    assert predictions.entities["organisations"] == ()  # the UN body is not counted twice
    dates = {event.ref.rsplit("/", 1)[1]: event.date for event in predictions.events}
    assert dates["aaaaaaaaaaaaaaaa-1"] == "2024-05-28"  # schema:startDate
    assert dates["aaaaaaaaaaaaaaaa-2"] == "2024-05-27"  # nkg:time / nkg:timeValue
    assert dates["bbbbbbbbbbbbbbbb-1"] == "2024-06"  # xsd:gYearMonth keeps its precision
    assert len(predictions.meetings) == 2  # symmetric nkg:met triples give one pair each
    assert predictions.claims[0].value == Decimal("46")
    assert predictions.articles == {"a.txt", "b.txt", "c.txt"}


def test_known_case_exact_scores(gold: Gold, predictions: Predictions) -> None:
    report = evaluate(gold, predictions)
    counts = {category: (s.tp, s.fp, s.fn) for category, s in report.scores.items() if not s.empty}
    assert counts == {
        "people": (3, 2, 1),  # "Akram" duplicates Munir Akram; Darren Sammy is not gold; Dennis Francis missed
        "states": (2, 0, 0),  # "St. Lucia" is a gold alias
        "un_bodies": (1, 0, 1),  # "UNSC" alias on both sides; General Assembly missed
        "organisations": (0, 0, 1),
        "places": (1, 0, 0),
        "events:meeting": (1, 0, 0),
        "events:signing": (1, 0, 0),
        "events:election": (1, 0, 0),
        "events:statement": (1, 0, 0),
        "events:visit": (0, 1, 0),  # the visit in c.txt is outside the gold and not counted
        "meetings": (1, 1, 1),
        "dates": (2, 1, 1),  # the statement is dated a day off
        "positions": (1, 0, 1),
        "claims": (1, 1, 0),
    }
    people = report.scores["people"]
    assert people.precision == pytest.approx(3 / 5)
    assert people.recall == pytest.approx(3 / 4)
    assert people.f1 == pytest.approx(2 / 3)
    assert report.scores["organisations"].precision == 0.0
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (16, 6, 6)
    assert micro.precision == micro.recall == micro.f1 == pytest.approx(16 / 22)
    p, r, f1 = report.macro
    f1s = [2 / 3, 1, 2 / 3, 0, 1, 1, 1, 1, 1, 0, 0.5, 2 / 3, 2 / 3, 2 / 3]
    assert p == pytest.approx((0.6 + 1 + 1 + 0 + 1 + 4 + 0 + 0.5 + 2 / 3 + 1 + 0.5) / 14)
    assert r == pytest.approx((0.75 + 1 + 0.5 + 0 + 1 + 4 + 0 + 0.5 + 2 / 3 + 0.5 + 1) / 14)
    assert f1 == pytest.approx(sum(f1s) / 14)
    assert report.scores["meetings"].misses == ("Dennis Francis — António Guterres",)
    assert "Joe Biden" not in report.scores["people"].false_positives


def test_a_dataset_without_union_default_graph_is_read_whole(gold: Gold) -> None:
    dataset = Dataset()
    dataset.parse(FIXTURES / "graph.trig", format="trig")
    assert evaluate(gold, predictions_from_graph(dataset)).micro.tp == 16


def test_articles_missing_from_the_graph_are_noted(gold: Gold) -> None:
    empty = Predictions(entities={category: () for category in ENTITY_CATEGORIES}, articles=frozenset({"a.txt"}))
    assert any("1 of 2 gold articles" in note and "b.txt" in note for note in evaluate(gold, empty).notes)


# ---------------------------------------------------------------------------------------------------- baseline


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


# ------------------------------------------------------------------------------------------------------ report


def test_report_text_and_dict(gold: Gold, predictions: Predictions) -> None:
    project = evaluate(gold, predictions)
    baseline = evaluate(gold, Predictions(entities={c: () for c in ENTITY_CATEGORIES}))
    text = format_report(project, baseline)
    for expected in ("people", "base F1", "micro", "macro", "Misses", "False positives", "Dennis Francis"):
        assert expected in text
    assert "events:award" not in text  # empty for both systems
    assert "events: same type, same article and at least one participant" in text
    data = json.loads(json.dumps(project.to_dict()))
    assert list(data["categories"]) == list(CATEGORIES)
    assert data["categories"]["people"]["false_positives"] == ["Akram", "Darren Sammy"]
    assert data["categories"]["events:award"]["f1"] is None
    assert data["micro"]["tp"] == 16
    assert data["macro"]["categories"] == 14
    assert "base P" not in format_report(project)
