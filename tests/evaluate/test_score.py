"""kg.evaluate.score: the matching rule of every category, the headline measures, and a known case worked out by
hand (tests/fixtures/evaluate)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.evaluate.gold import Gold, load_gold
from kg.evaluate.predict import (
    PredictedClaim,
    PredictedEntity,
    PredictedEvent,
    PredictedMeeting,
    PredictedPosition,
    Predictions,
)
from kg.evaluate.results import Score, Share
from kg.evaluate.schema import ENTITY_CATEGORIES, SUMMARY_CATEGORIES
from kg.evaluate.score import evaluate, fits_date

from .conftest import PEOPLE_GOLD, node, only, write_gold


def counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


# ------------------------------------------------------------------------------------------------- categories


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


def test_articles_missing_from_the_graph_are_noted(gold: Gold) -> None:
    empty = Predictions(entities={category: () for category in ENTITY_CATEGORIES}, articles=frozenset({"a.txt"}))
    assert any("1 of 2 gold articles" in note and "b.txt" in note for note in evaluate(gold, empty).notes)


def test_known_case_headline(gold: Gold, predictions: Predictions) -> None:
    report = evaluate(gold, predictions)
    assert tuple(report.summary) == SUMMARY_CATEGORIES
    summary = report.summary
    assert counts(summary["entities"]) == (6, 2, 2)  # people (3, 2, 1) + states (2, 0, 0) + UN bodies (1, 0, 1)
    assert summary["meetings"] is report.scores["meetings"]
    assert counts(summary["events"]) == (4, 1, 0)  # the per-type rows added up
    # the signing lacks Menissa Rambally and Saint Lucia, the meeting Dennis Francis: found, but not whole
    assert counts(summary["events_strict"]) == (2, 3, 2)
    dated = summary["events_dated"]
    assert isinstance(dated, Share) and (dated.hits, dated.total) == (2, 3)
    assert dated.misses == ("statement 2024-05-28: Akram [a.txt] (predicted 2024-05-27)",)
    assert counts(summary["claims_measure"]) == (1, 1, 0)  # "UN peacekeeping operations" shares words with the gold's
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (16, 6, 6)  # the headline re-counts, it adds nothing to micro


# ------------------------------------------------------------------------------------------- headline measures


MEETING = "  events: [{type: meeting, participants: {actor: [Munir Akram], participant: [Menissa Rambally]}}]\n"


def event(kind: str, *who: PredictedEntity, date: str | None = None, ref: str = "urn:e") -> PredictedEvent:
    return PredictedEvent(ref, kind, who, date, frozenset({"a.txt"}))


def test_an_event_missing_a_gold_participant_is_found_but_not_whole(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + MEETING))
    partial = evaluate(gold, only("people", events=(event("meeting", node("Munir Akram")),)))
    assert counts(partial.scores["events:meeting"]) == counts(partial.summary["events"]) == (1, 0, 0)
    assert counts(partial.summary["events_strict"]) == (0, 1, 1)
    assert partial.summary["events_strict"].misses == ("meeting: Munir Akram, Menissa Rambally [a.txt]",)


def test_an_event_with_all_gold_participants_is_whole_whatever_else_it_has(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + MEETING))
    whole = event("meeting", node("Akram"), node("Antonio Guterres"), node("MENISSA RAMBALLY"))
    assert counts(evaluate(gold, only("people", events=(whole,))).summary["events_strict"]) == (1, 0, 0)
    other_type = event("visit", node("Munir Akram"), node("Menissa Rambally"))
    assert counts(evaluate(gold, only("people", events=(other_type,))).summary["events_strict"]) == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold", "predicted", "fits"),
    [
        ("2024-05", "2024-05", True),
        ("2024-05-03", "2024-05", False),  # a month does not say the day
        ("2024-05", "2024-05-03", True),  # compared at the gold's precision
        ("2024", "2024-05-03", True),
        ("2024-05-03", "2024-05-04", False),
        ("2024-05", "2025-05", False),
        ("2024-05", None, False),
    ],
)

def test_dates_fit_at_the_gold_precision(gold: str, predicted: str | None, fits: bool) -> None:
    assert fits_date(gold, predicted) is fits


def test_events_dated_right_counts_gold_events_with_a_date(tmp_path: Path) -> None:
    events = """\
  events:
    - {type: meeting, participants: {participant: [Munir Akram]}, date: 2024-05-03}
    - {type: statement, participants: {speaker: [Guterres]}, date: 2024-05}
    - {type: statement, participants: {speaker: [Menissa Rambally]}, date: 2024-05-30}
    - {type: visit, participants: {actor: [Munir Akram]}}
"""
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + events))
    predictions = only(
        "people",
        events=(
            event("meeting", node("Munir Akram"), date="2024-05", ref="urn:e1"),  # month for a day: wrong
            event("statement", node("António Guterres"), date="2024-05-03", ref="urn:e2"),  # right at month precision
            event("visit", node("Munir Akram"), date="2024-05-01", ref="urn:e3"),  # no gold date: not counted
        ),
    )
    report = evaluate(gold, predictions)
    dated = report.summary["events_dated"]
    assert (dated.hits, dated.total) == (1, 3)
    assert dated.misses == (
        "meeting 2024-05-03: Munir Akram [a.txt] (predicted 2024-05)",
        "statement 2024-05-30: Menissa Rambally [a.txt] (event not found)",
    )
    assert counts(report.scores["dates"]) == (0, 3, 3)  # the exact-precision row counts neither


CLAIMS_GOLD = """
- file: a.txt
  entities:
    states: [{name: Pakistan, iso: PK}]
  claims:
    - {subject: Pakistan, measure: UN peacekeeping operations taken part in, value: 46}
    - {subject: Pakistan, measure: peacekeepers killed on UN service, value: 168}
"""


def test_claims_with_measure_need_a_shared_word(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, CLAIMS_GOLD))
    pakistan = node("Pakistan", category="states")
    claims = (
        PredictedClaim("urn:c1", pakistan, "peacekeeping missions served in", Decimal(46), frozenset({"a.txt"})),
        PredictedClaim("urn:c2", pakistan, "annual budget", Decimal(168), frozenset({"a.txt"})),
    )
    report = evaluate(gold, only("states", pakistan, claims=claims))
    assert counts(report.scores["claims"]) == counts(report.summary["claims"]) == (2, 0, 0)
    measured = report.summary["claims_measure"]
    assert counts(measured) == (1, 1, 1)
    assert measured.misses == ("Pakistan: peacekeepers killed on UN service = 168 [a.txt]",)
    assert measured.false_positives == ("Pakistan: annual budget = 168 [a.txt]",)


def test_headline_entities_pool_people_states_and_un_bodies_only(tmp_path: Path) -> None:
    entities = """\
    states: [{name: Pakistan, iso: PK}]
    un_bodies: [{name: Security Council, aliases: [UNSC]}]
    organisations: [{name: Foreign Office}]
"""
    gold = load_gold(write_gold(tmp_path, PEOPLE_GOLD + entities))
    predictions = Predictions(
        entities={
            "people": (node("Antonio Guterres"), node("Raúl Castro")),
            "states": (node("Pakistan", category="states"), node("Menissa Rambally", category="states")),
            "un_bodies": (node("UNSC", category="un_bodies"),),
            "organisations": (node("Foreign Office", category="organisations"),),
            "places": (),
        },
        articles=frozenset({"a.txt"}),
    )
    report = evaluate(gold, predictions)
    # a person typed as a state is a miss (people) and a false positive (states); the organisation stays out
    assert counts(report.summary["entities"]) == (3, 2, 2)
    assert counts(report.scores["organisations"]) == (1, 0, 0)


def test_gold_names_match_labels_and_alt_labels_without_accents(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, "- file: a.txt\n  entities: {people: [{name: Raúl Castro}]}\n"))
    for prediction in (node("Raul Castro"), node("R. Castro", "RAÚL CASTRO"), node("President Castro", "raul castro")):
        assert counts(evaluate(gold, only("people", prediction)).summary["entities"]) == (1, 0, 0)
