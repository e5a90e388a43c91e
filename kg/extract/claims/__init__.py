"""Claims: numbers an article states about a state or body ("Pakistan has deployed 235,000 peacekeepers"), and the
conflicts between claims that give different numbers for the same thing.

A claim is read from a number (a spaCy CARDINAL, MONEY, PERCENT or QUANTITY entity, or a number-like token the
model left unlabelled) and the dependency parse around it:

* the **counted noun** is the number's head ("235,000 peacekeepers"), looked up in the closed classes of
  ``kg/knowledge/claims.yaml`` (peacekeepers, troops, missions, countries ...); a bare number ("with 181 making the
  ultimate sacrifice", "182 of our bravest") counts the people of the latest claim before it;
* the **verb** that governs the noun gives the sense: "died", "laid down their lives" and "making the ultimate
  sacrifice" all mean *killed*, "served", "deployed" and "contributed" all mean *deployed*; the measure is the noun
  and the sense ("peacekeepers killed"; a place noun in a prepositional phrase takes the sense's place form,
  "peacekeeping missions served in"), so claims from different articles line up. A verb outside the lexicon gives
  a literal measure ("countries established links with"); a number that makes up an entity has the noun alone
  ("members" of "the 15-member Security Council", "peacekeepers" of "UNIFIL has 10,000 peacekeepers");
* the **subject** is the state or body the number is about: a demonym or possessive on the counted noun
  ("Pakistani peacekeepers", "Pakistanis"), an entity that owns the phrase ("the NATO alliance of 28 countries",
  "the 15-member Security Council"), or the verb's subject ("Pakistan has taken part in 46 operations"). "We" and
  "our" in a quote stand for the speaker's state (from the posts the speaker holds, see :mod:`kg.extract.roles`; failing
  that, the state the article mentions most, since a quoted "we" in this news is nearly always the government the
  article is about);
* the **value** is an ``xsd:decimal`` ("$5.5 billion" → 5500000000 with unit USD; "0.3 per cent" → 0.3 percent), the
  **evidence** the number as written with its hedge ("over 235,000", "less than 0.3 per cent"), the **as-of** time a
  date introduced by "as of", "in" or "by", or a resolvable date on the clause or the reporting verb ("Last month,
  the military reported that ..."), never a period start ("since 1948"), and the **speaker** (``nkg:claimedBy``) the
  person whose quote or reported speech holds the number.

Claims from several articles are only compared once all articles are built: :func:`flag_conflicts` links claims
about the same subject and measure whose values cannot both hold with ``nkg:conflictsWith`` (both ways), in a
named graph of its own. Claims are never merged across articles. A hedged value is a bound ("over 235,000" is
at least 235,000) and conflicts only with values outside it; the hedge is read back from the evidence text, which is
where the article states it. Within one article, a hedged figure that a precise one satisfies ("over a hundred
police officers" ... "128 police officers") is the same quantity and only the precise claim is kept.

Integral values are written with a decimal point ("235000.0"), the form rdflib's Turtle writer gives them anyway, so
the graph reads back from every output format as the same literals.
"""

from __future__ import annotations

from kg.extract.context import ArticleContext, mention_of
from kg.facts import ClaimFact
from kg.extract.claims.numbers import _hedge_before, bounds, bounds_meet, parse_number
from kg.extract.claims.reader import Claim, find_claims

__all__ = ["bounds", "bounds_meet", "extract_claims", "find_claims", "parse_number"]


# --- facts ------------------------------------------------------------------------------------------------------


def _fact(context: ArticleContext, claim: Claim) -> ClaimFact:
    """The RDF-free record of a claim. A figure stated once precisely and once hedged holds the precise value."""
    hedges = {_hedge_before(context.doc, span.start, span.end)[0] for span in claim.evidence}
    hedge = None if None in hedges or len(hedges) != 1 else hedges.pop()
    return ClaimFact(
        subject=context.ref(claim.subject),
        measure=claim.measure,
        value=claim.value,
        unit=claim.unit,
        hedge=hedge,
        hedge_text=claim.quantity.hedge_text if hedge is not None else None,
        evidence=tuple(sorted({mention_of(span) for span in claim.evidence})),
        as_of=context.time(claim.as_of, future=claim.future) if claim.as_of is not None else None,
        speaker=context.ref(claim.speaker) if claim.speaker is not None else None,
    )


def extract_claims(context: ArticleContext) -> list[ClaimFact]:
    """Fact extractor: the article's numeric claims."""
    return [_fact(context, claim) for claim in find_claims(context)]
