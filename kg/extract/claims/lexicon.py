"""The claims lexicon: the closed noun classes, verb senses and hedges of ``kg/knowledge/claims.yaml``, and the
spaCy labels and dependency sets the claim reader tests against."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg import knowledge
from kg.facts import EntityKind


#: spaCy entity labels whose spans are read as numbers.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Kinds of entity a claim can be about, besides people (who stand for their state when they represent one).
SUBJECT_KINDS = frozenset({EntityKind.STATE, EntityKind.UN_BODY, EntityKind.ORGANISATION, EntityKind.PERSON})
#: Dependencies by which a reported clause hangs from the verb that reports it.
REPORTED_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
#: Dependencies that make a token the head of a clause of its own.
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
#: Modifier dependencies of a noun that can name the entity it belongs to.
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
#: Modifiers that say whose a counted place is ("Pakistan's 48 missions"), unlike a compound ("48 UN missions" are
#: not the UN's count).
STATE_MODIFIER_DEPS = frozenset({"poss", "amod"})
#: Modifiers that name the owner of a whole made of counted parts or of an amount ("the NATO alliance of 28
#: countries", "the UN's budget of $5 billion").
WHOLE_OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
VERB_POS = frozenset({"VERB", "AUX"})
#: Dependencies of descriptions inside a clause, whose dates are not the clause's ("Togo, which entered the race
#: in August, won 88 votes").
DESCRIPTION_DEPS = frozenset({"relcl", "acl", "appos"})
#: Articles that may stand between a hedge and a number ("over a hundred").
ARTICLES = frozenset({"a", "an"})
#: The unit written for percentages.
PERCENT_UNIT = "percent"
#: Hedge directions (claims.yaml): the stated number is a lower or an upper bound of the value. The third,
#: "approximate", keeps the stated figure as the value.
LOWER, UPPER = "lower", "upper"


# --- the lexicon ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NounClass:
    label: str
    people: bool
    place: bool
    part_of: bool = False
    """Parts of a whole named after them ("18 members to the Council", "members of the Council")."""


@dataclass(frozen=True)
class Sense:
    name: str
    label: str
    place_label: str


@dataclass(frozen=True)
class Lexicon:
    """The closed-class words of ``claims.yaml``, indexed for lookup."""

    nouns: dict[str, NounClass]
    senses: dict[str, Sense]
    transparent: frozenset[str]
    place_prepositions: frozenset[str]
    partitive_pronouns: frozenset[str]
    first_person_plural: frozenset[str]
    hedges: dict[str, str]
    number_words: dict[str, Decimal]
    scale_words: dict[str, Decimal]
    currencies: dict[str, str]
    percent_words: frozenset[str]
    money_nouns: frozenset[str]
    as_of_markers: frozenset[str]
    possession_verbs: frozenset[str]
    membership_prepositions: frozenset[str]
    whole_prepositions: frozenset[str]
    period_markers: frozenset[str]
    vague_adjectives: frozenset[str]

    @property
    def longest_hedge(self) -> int:
        return max(len(h.split()) for h in self.hedges)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """``kg/knowledge/claims.yaml``, loaded once."""
    data = knowledge.claims()
    nouns = {
        lemma.lower(): NounClass(label, bool(spec.get("people")), bool(spec.get("place")), bool(spec.get("part_of")))
        for label, spec in data["counted_nouns"].items()
        for lemma in spec["lemmas"]
    }
    senses = {
        phrase.lower(): Sense(name, spec["label"], spec["place_label"])
        for name, spec in data["senses"].items()
        for phrase in spec["phrases"]
    }
    hedges = {phrase.lower(): direction for direction, phrases in data["hedges"].items() for phrase in phrases}
    return Lexicon(
        nouns=nouns,
        senses=senses,
        transparent=frozenset(data["transparent_nouns"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        partitive_pronouns=frozenset(data["partitive_pronouns"]),
        first_person_plural=frozenset(data["first_person_plural"]),
        hedges=hedges,
        number_words={w: Decimal(v) for w, v in data["number_words"].items()},
        scale_words={w: Decimal(v) for w, v in data["scale_words"].items()},
        currencies={k: v for k, v in data["currencies"].items()},
        percent_words=frozenset(w.lower() for w in data["percent_words"]),
        money_nouns=frozenset(data["money_nouns"]),
        as_of_markers=frozenset(data["as_of_markers"]),
        possession_verbs=frozenset(data["possession_verbs"]),
        membership_prepositions=frozenset(data["membership_prepositions"]),
        whole_prepositions=frozenset(data["whole_prepositions"]),
        period_markers=frozenset(data["period_markers"]),
        vague_adjectives=frozenset(data["vague_adjectives"]),
    )
