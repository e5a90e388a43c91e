"""Scoring: predictions against a gold corpus, category by category, each by the rule in :data:`MATCHING_RULES`.

Items are restricted to the gold's articles (by file name), so a graph built over more articles than the gold
covers is not charged for entities the gold never annotated. Besides the categories (which the micro and macro
averages pool, each gold item once) come the headline measures of real-article evaluation: pooled entity F1,
who met whom, events matched on all their participants, events dated right and claims with their measure.
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.evaluate.gold import Gold, GoldEntity, GoldEvent, GoldPosition
from kg.evaluate.matching import name_edges, score_matching
from kg.evaluate.names import measures_match, normalise_name, title_key
from kg.evaluate.predict import PredictedEntity, PredictedEvent, Predictions
from kg.evaluate.results import Report, Score, Share, pooled
from kg.evaluate.schema import (
    CATEGORIES,
    ENTITY_CATEGORIES,
    EVENT_CATEGORIES,
    EVENT_TYPES,
    HEADLINE_ENTITY_CATEGORIES,
    SUMMARY_CATEGORIES,
)

#: How items are matched, printed under every report so a score is never read without its rules.
MATCHING_RULES: tuple[str, ...] = (
    "names match by canonical name or alias (either side), ignoring case, accents, punctuation, a possessive "
    "'s and a leading 'the'; states also match by ISO code",
    "one-to-one: a gold item matches at most one prediction; a second prediction of the same item is a false "
    "positive",
    "entities, meetings and positions are scored over the corpus (union of articles); events and claims per "
    "article",
    "events: same type, same article and at least one participant in common (roles ignored); the other "
    "participants, place, trigger and vote choice are not scored",
    "dates: the event must match and its date be equal at the same precision (day, month or year)",
    "positions: the person matches and one title contains the other; 'of' is not scored",
    "claims: same article, subject matches and value equal; measure and unit are not scored",
    "headline rows re-count the categories above under other rules and are not part of micro or macro",
    "headline entities: people, states and UN bodies pooled, their counts added (an entity found under the wrong "
    "category is a miss and a false positive)",
    "headline events (type + all participants): as events, and every gold participant matches a participant of "
    "the prediction; extra predicted participants cost nothing",
    "headline events dated right: of the gold events with a date, those whose matched event (as for the events "
    "rows) has that date at the gold's precision: a predicted 2024-05-03 fits gold 2024-05, a predicted 2024-05 "
    "does not fit gold 2024-05-03",
    "headline claims (subject + measure + value): as claims, and the two measures share a word, compared in "
    "lower case without English stop words and with a plural or verb ending dropped ('funded' ~ 'funding')",
)

_GoldEvents = list[tuple[str, GoldEvent, tuple[GoldEntity, ...]]]
"""The gold's events, each with its article file and its participants resolved to corpus entities."""


def evaluate(gold: Gold, predictions: Predictions) -> Report:
    """Score ``predictions`` against ``gold``, category by category (see :data:`MATCHING_RULES`)."""
    files = gold.files
    preds = predictions.restricted_to(files)
    scores: dict[str, Score] = {
        category: _score_entities(gold.entities(category), preds.entities[category]) for category in ENTITY_CATEGORIES
    }
    events = _gold_events(gold)
    event_scores, pairs = _score_events(events, preds)
    scores |= event_scores
    scores |= {
        "meetings": _score_meetings(gold, preds),
        "dates": _score_dates(events, preds, pairs),
        "positions": _score_positions(gold, preds),
        "claims": _score_claims(gold, preds, with_measure=False),
    }
    summary: dict[str, Score | Share] = {
        "entities": pooled(scores, HEADLINE_ENTITY_CATEGORIES),
        "meetings": scores["meetings"],
        "events": pooled(scores, EVENT_CATEGORIES),
        "events_strict": _score_strict_events(events, preds),
        "events_dated": _dated_right(events, preds, pairs),
        "claims": scores["claims"],
        "claims_measure": _score_claims(gold, preds, with_measure=True),
    }
    notes = list(MATCHING_RULES)
    if missing := sorted(files - predictions.articles):
        notes.append(f"{len(missing)} of {len(files)} gold articles are not in the predictions: {', '.join(missing)}")
    return Report(
        gold.corpus,
        {category: scores[category] for category in CATEGORIES},
        tuple(notes),
        {category: summary[category] for category in SUMMARY_CATEGORIES},
    )


def _same(gold: GoldEntity, pred: PredictedEntity) -> bool:
    """Whether a gold entity and a predicted node share a name, an alias or an ISO code (either side)."""
    return bool(gold.keys & pred.keys)


# ----------------------------------------------------------------------------------------------------- entities


def _score_entities(golds: tuple[GoldEntity, ...], preds: tuple[PredictedEntity, ...]) -> Score:
    edges = name_edges([g.keys for g in golds], [p.keys for p in preds])
    for g, p in edges:
        gold_name, pred_name = normalise_name(golds[g].name), normalise_name(preds[p].name)
        # a label that is the canonical name binds tighter than one that is only an alias
        if gold_name == pred_name:
            edges[g, p] = 3
        elif pred_name in golds[g].keys or gold_name in preds[p].keys:
            edges[g, p] = 2
    return score_matching(golds, preds, edges, lambda e: e.name, lambda e: e.name)[0]


# ------------------------------------------------------------------------------------------------------- events


def _gold_events(gold: Gold) -> _GoldEvents:
    return [
        (article.file, event, tuple(gold.entity(name, article.file) for name in event.participant_names))
        for article in gold.articles
        for event in article.events
    ]


def _describe_event(kind: str, names: Iterable[str], files: Iterable[str], date: str | None = None) -> str:
    when = f" {date}" if date else ""
    return f"{kind}{when}: {', '.join(names) or '(no participants)'} [{', '.join(sorted(files))}]"


def _describe_gold_event(file: str, event: GoldEvent, date: str | None = None) -> str:
    return _describe_event(event.type, event.participant_names, [file], date)


def _describe_predicted_event(event: PredictedEvent, date: str | None = None) -> str:
    return _describe_event(event.type, (who.name for who in event.participants), event.files, date)


def _score_events(golds: _GoldEvents, preds: Predictions) -> tuple[dict[str, Score], dict[int, int]]:
    """One score per event type, and the matched pairs over all types (gold index → index in ``preds.events``),
    which the date measures look into."""
    scores: dict[str, Score] = {}
    matched: dict[int, int] = {}
    for kind in EVENT_TYPES:
        g_index = [i for i, (_, event, _) in enumerate(golds) if event.type == kind]
        p_index = [j for j, event in enumerate(preds.events) if event.type == kind]
        edges = {}
        for g, i in enumerate(g_index):
            file, _, participants = golds[i]
            for p, j in enumerate(p_index):
                predicted = preds.events[j]
                if file in predicted.files:
                    shared = sum(any(_same(who, other) for other in predicted.participants) for who in participants)
                    if shared:
                        edges[g, p] = shared
        scores[f"events:{kind}"], pairs = score_matching(
            g_index,
            p_index,
            edges,
            lambda i: _describe_gold_event(*golds[i][:2]),
            lambda j: _describe_predicted_event(preds.events[j]),
        )
        matched |= {g_index[g]: p_index[p] for g, p in pairs.items()}
    return scores, matched


def _score_strict_events(golds: _GoldEvents, preds: Predictions) -> Score:
    """Events matched on type, article and every gold participant: an event that lost a participant is a miss
    here while the lenient rows still count it."""
    edges = {}
    for i, (file, event, participants) in enumerate(golds):
        needed = {normalise_name(who.name): who for who in participants}.values()
        for j, predicted in enumerate(preds.events):
            if (
                predicted.type == event.type
                and file in predicted.files
                and all(any(_same(who, other) for other in predicted.participants) for who in needed)
            ):
                edges[i, j] = 1
    return score_matching(
        golds,
        preds.events,
        edges,
        lambda gold: _describe_gold_event(*gold[:2]),
        _describe_predicted_event,
    )[0]


def _score_dates(golds: _GoldEvents, preds: Predictions, pairs: dict[int, int]) -> Score:
    """Dates of matched events, equal at equal precision; every other dated event on either side is an error."""
    correct = {(i, j) for i, j in pairs.items() if golds[i][1].date and golds[i][1].date == preds.events[j].date}
    right_gold, right_pred = {i for i, _ in correct}, {j for _, j in correct}
    return Score(
        tp=len(correct),
        fp=sum(1 for j, event in enumerate(preds.events) if event.date and j not in right_pred),
        fn=sum(1 for i, (_, event, _) in enumerate(golds) if event.date and i not in right_gold),
        misses=tuple(
            _describe_gold_event(file, event, event.date)
            for i, (file, event, _) in enumerate(golds)
            if event.date and i not in right_gold
        ),
        false_positives=tuple(
            _describe_predicted_event(event, event.date)
            for j, event in enumerate(preds.events)
            if event.date and j not in right_pred
        ),
    )


def fits_date(gold: str, predicted: str | None) -> bool:
    """Whether ``predicted`` says ``gold``'s date at ``gold``'s precision: "2024-05-03" fits "2024-05", but
    "2024-05" does not fit "2024-05-03" (the month alone does not say the day)."""
    return predicted is not None and predicted[: len(gold)] == gold


def _dated_right(golds: _GoldEvents, preds: Predictions, pairs: dict[int, int]) -> Share:
    """Of the gold events with a date, those matched to a predicted event that carries it."""
    total, misses = 0, []
    for i, (file, event, _) in enumerate(golds):
        if not event.date:
            continue
        total += 1
        predicted = preds.events[pairs[i]].date if i in pairs else None
        if not fits_date(event.date, predicted):
            found = f"predicted {predicted or 'no date'}" if i in pairs else "event not found"
            misses.append(f"{_describe_gold_event(file, event, event.date)} ({found})")
    return Share(total - len(misses), total, tuple(misses))


# ---------------------------------------------------------------------------------------- meetings, posts, claims


def _describe_pair(pair: tuple[GoldEntity, GoldEntity] | tuple[PredictedEntity, PredictedEntity]) -> str:
    return f"{pair[0].name} — {pair[1].name}"


def _score_meetings(gold: Gold, preds: Predictions) -> Score:
    """Unordered pairs of people, each pair once over the corpus."""
    pairs: dict[frozenset[str], tuple[GoldEntity, GoldEntity]] = {}
    for article in gold.articles:
        for a, b in article.meetings:
            first, second = gold.entity(a, article.file), gold.entity(b, article.file)
            pairs.setdefault(frozenset((normalise_name(first.name), normalise_name(second.name))), (first, second))
    golds = list(pairs.values())
    edges = {
        (g, p): 1
        for g, (a, b) in enumerate(golds)
        for p, m in enumerate(preds.meetings)
        if (_same(a, m.first) and _same(b, m.second)) or (_same(a, m.second) and _same(b, m.first))
    }
    return score_matching(
        golds, preds.meetings, edges, _describe_pair, lambda m: _describe_pair((m.first, m.second))
    )[0]


def _score_positions(gold: Gold, preds: Predictions) -> Score:
    positions: dict[tuple[str, str], tuple[GoldEntity, GoldPosition]] = {}
    for article in gold.articles:
        for position in article.positions:
            person = gold.entity(position.person, article.file)
            positions.setdefault((normalise_name(person.name), normalise_name(position.title)), (person, position))
    golds = list(positions.values())
    edges = {}
    for g, (person, position) in enumerate(golds):
        title = title_key(position.title)
        for p, predicted in enumerate(preds.positions):
            other = title_key(predicted.title)
            if _same(person, predicted.person) and (title in other or other in title):
                edges[g, p] = 2 if title == other else 1
    return score_matching(
        golds,
        preds.positions,
        edges,
        lambda g: f"{g[0].name}: {g[1].title}" + (f" ({g[1].of})" if g[1].of else ""),
        lambda p: f"{p.person.name}: {p.title}" + (f" ({p.of.name})" if p.of else ""),
    )[0]


def _score_claims(gold: Gold, preds: Predictions, *, with_measure: bool) -> Score:
    """Claims per article on subject and value, and with ``with_measure`` also on a measure in common."""
    golds = [
        (article.file, claim, gold.entity(claim.subject, article.file))
        for article in gold.articles
        for claim in article.claims
    ]
    edges = {
        (g, p): 1
        for g, (file, claim, subject) in enumerate(golds)
        for p, predicted in enumerate(preds.claims)
        if file in predicted.files
        and predicted.value == claim.value
        and _same(subject, predicted.subject)
        and (not with_measure or measures_match(claim.measure, predicted.measure))
    }
    return score_matching(
        golds,
        preds.claims,
        edges,
        lambda g: f"{g[1].subject}: {g[1].measure} = {g[1].value} [{g[0]}]",
        lambda c: f"{c.subject.name}: {c.measure or '?'} = {c.value} [{', '.join(sorted(c.files))}]",
    )[0]
