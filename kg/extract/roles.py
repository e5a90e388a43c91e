"""Positions: the offices people hold, read from job titles beside their names, in the W3C ORG manner (org:Post).

A title (a ``doc.spans["kg_titles"]`` span) becomes a position when it is tied to a named person in one of the
shapes news prose uses:

* before the name: "Foreign Minister Ishaq Dar", "UN Secretary General Antonio Guterres";
* in apposition after the name: "Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations";
* in apposition before the name: "Pakistan's Permanent Representative to the UN, Ambassador Munir Akram";
* as the predicate of a copula or a "who is" clause: "Ahmad, who is the UNSC President for July";
* coordinated with another title, sharing its holder and affiliation: "UNIFIL's head of mission and Force
  Commander, Lieutenant General Aurelio Cattaneo".

The title phrase around the title gives the post's state or organisation (``org:postIn``): a possessive
("Pakistan's"), a demonym ("the Pakistani envoy"), an affiliation in front of the title ("UN", "UNSC") or inside it,
"of <state>" after the title or after the name ("Ambassador Menissa Rambally of Saint Lucia"), or "to <UN body>".
A state outranks an organisation: Pakistan's ambassador to the UN is a post of Pakistan. "for <date>" is the time
the post is held ("President for July", written as ``dcterms:temporal``, since ``nkg:time`` is for events); any
other "for" complement belongs to the title ("for Peace Operations", "Special Envoy for Afghanistan"). A title with
no name beside it ("the State Department spokesman") makes no position; nor does a style such as "Professor".

en_core_web_sm attaches appositions and prepositions unreliably around titles ("Pakistan's Permanent
Representative to the UN, Ambassador Munir Akram" parses the name as a conjunct of "UN"), so appositions and
complements are read from token adjacency over the entity and title spans, and only the copula reading relies on
the dependency arcs.

As the gold annotation rules say, a bare rank or form of address is not a post of its own when the article gives
the same person a more specific post: "Ambassador Akram" gives way to his "Permanent Representative", "Lieutenant
General Cattaneo" to his "Force Commander" (but an ambassador who presides over the Security Council for a month
stays an ambassador). Posts with the same person and title in one article are one position; mentions that do not
say where the post is take the place the others give.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg import knowledge
from kg.extract.coref import antecedent
from kg.extract.context import ArticleContext, mention_of
from kg.nlp.components import TITLES_KEY
from kg.extract.syntax import RELATIVE_PRONOUNS
from kg.facts import AFFILIATION_KINDS, EntityKind, PositionFact
from kg.resolve.article import Entity
from kg.resolve.names import fold, slugify

#: Entity kinds a post can belong to (org:postIn).
#: Title kinds (titles.yaml) that name a standing rather than an office: they never make a position.
NON_OFFICE_KINDS = frozenset({"honorific"})
#: Title kinds whose bare form of address ("Ambassador X", "Lieutenant General X") gives way to another post of the
#: person in the same article: a military rank or a legislative seat to any post ("Senator Ishaq Dar, the Deputy
#: Prime Minister"), "Ambassador" only to another diplomatic post (a diplomat who chairs a body for a month is still
#: an ambassador).
RANK_KINDS: dict[str, frozenset[str] | None] = {
    "military": None, "legislative": None, "diplomatic": frozenset({"diplomatic"})
}
#: Kind of an assembled "Minister for <portfolio>" title, which titles.yaml does not list one by one.
MINISTER_KIND = "government"

POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})
DETERMINERS = frozenset({"the", "a", "an"})
#: Prepositions of a title complement: "of Saint Lucia", "to the UN", "for Peace Operations", "for July".
COMPLEMENT_PREPOSITIONS = frozenset({"of", "to", "for", "in"})
#: Words of a title complement written in lower case ("for Peace and Security", "of the Interior").
COMPLEMENT_CONNECTORS = frozenset({"and", "of", "the", "on", "for", "in", "de", "-"})
#: Words a title keeps in lower case inside it ("Permanent Representative to the United Nations").
TITLE_CASE_CONNECTORS = COMPLEMENT_CONNECTORS | {"to", "at", "a", "an"}
#: Tokens that join two titles held by one person: "head of mission and Force Commander", "Head of Mission/Force
#: Commander".
TITLE_COORDINATORS = frozenset({"and", "/", "&"})
#: Entity labels a title complement may run through: "Regional Director for Asia and the Pacific".
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels that end a title complement: "for Peace Operations Jean-Pierre Lacroix" stops at the name.
NAME_LABELS = frozenset({"PERSON", "GPE", "NORP", "DATE", "LOC", "FAC"})
#: How many complements a title may take ("Permanent Representative of Pakistan to the United Nations").
MAX_COMPLEMENTS = 2


@dataclass(frozen=True)
class TitleInfo:
    """A recognised title in its canonical form ("Secretary General" → "Secretary-General") and its kind."""

    title: str
    kind: str


@dataclass
class TitlePhrase:
    """A title with what the phrase around it says: where the post is, its time, how it is written."""

    title: Span
    label: str
    kind: str
    start: int
    end: int
    state: Entity | None = None
    organisation: Entity | None = None
    time: Span | None = None

    @property
    def is_bare(self) -> bool:
        """Nothing but the title: no place, no complement, no time ("Ambassador" in "Ambassador Akram")."""
        return self.state is None and self.organisation is None and self.time is None and self.end == self.title.end


@dataclass
class Position:
    """One post held by one person, as stated in one article (possibly several times)."""

    person: Entity
    label: str
    kind: str
    state: Entity | None = None
    organisation: Entity | None = None
    time: Span | None = None
    evidence: list[Span] = field(default_factory=list)
    bare: bool = True
    """Only ever written as a bare title before the name ("Ambassador Akram"): a form of address."""

    @property
    def post_in(self) -> Entity | None:
        """The state the post is of, else the organisation: a state's ambassador to the UN is a post of the state."""
        return self.state or self.organisation


# --- titles -----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _title_index() -> dict[str, TitleInfo]:
    """Every written form of every listed title, case-folded, to its canonical form."""
    index: dict[str, TitleInfo] = {}
    for entry in knowledge.titles():
        for name in entry.names:
            index.setdefault(fold(name), TitleInfo(entry.title, entry.kind))
    return index


def _title_case(text: str) -> str:
    """Capitalise each word of a title written in lower case, except connectors and words with capitals already."""
    words = text.split()
    return " ".join(
        w if any(c.isupper() for c in w) or (i and w.lower() in TITLE_CASE_CONNECTORS) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def title_info(title: Span) -> TitleInfo:
    """A title span as a post's name: the title as the article writes it, in title case, since "Spokesman" and "Spokesperson", "Minister
    of" and "Minister for", "Havaldar" and "Havildar" are what the source says. The listed form wins for an
    abbreviation ("FM", "Amb."), for a mere variant of punctuation or case ("Secretary General" →
    "Secretary-General") and for a listed form with an affiliation in front ("UNSC President" → "President of
    the Security Council"); an unlisted affiliation in front is left out. The kind comes from the listed title; an assembled minister title ("Defence Production
    Minister") is a government post."""
    index = _title_index()
    start = title.start
    while start < title.end - 1 and title.doc[start].ent_kb_id_:
        start += 1
    written = title.doc[start : title.end].text
    if start > title.start and (whole := index.get(fold(title.text))) is not None:
        return whole  # a listed form with its affiliation in it ("UNSC President"): the listed post
    listed = index.get(fold(written))
    if listed is None:
        return TitleInfo(_title_case(written), MINISTER_KIND)
    if knowledge.match_as_written(written) or _words(written) == _words(listed.title):
        return listed
    return TitleInfo(_title_case(written), listed.kind)


def _words(title: str) -> list[str]:
    """A title's words, folded, with hyphens as spaces: "Secretary General" and "Secretary-General" are one."""
    return fold(title).replace("-", " ").split()


# --- reading title phrases --------------------------------------------------------------------------------------


def _set_affiliation(phrase: TitlePhrase, entity: Entity) -> None:
    """The first state (or organisation) found nearest the title wins."""
    if entity.kind is EntityKind.STATE:
        phrase.state = phrase.state or entity
    elif entity.kind in AFFILIATION_KINDS:
        phrase.organisation = phrase.organisation or entity


def read_title_phrase(context: ArticleContext, title: Span) -> TitlePhrase:
    """The title with its affiliation in front ("Pakistan's", "the Pakistani", "UN"), inside ("UNSC President")
    and its complements after it ("to the UN", "for Peace Operations", "for July")."""
    info = title_info(title)
    phrase = TitlePhrase(title, info.title, info.kind, title.start, title.end)
    for token in title:
        if (found := context.mention_at(token)) is not None:
            _set_affiliation(phrase, found[0])
    _read_left(context, phrase, context.title_ending_at)
    for _ in range(MAX_COMPLEMENTS):
        if not _read_complement(context, phrase):
            break
    return phrase


def _read_left(context: ArticleContext, phrase: TitlePhrase, titles_ending_at: dict[int, Span]) -> None:
    """Walk left from the title over affiliations, possessives, adjectives ("new", "former"), an acronym in
    brackets ("World Food Programme (WFP) Regional Director") and a determiner. A title in the possessive is
    whose post this is: "the UN Secretary-General's Special Representative" is the Special Representative of
    the Secretary-General, with the owner's affiliation."""
    doc = phrase.title.doc
    i = phrase.title.start - 1
    while i >= 0:
        token = doc[i]
        owner = doc[i - 1] if token.text in POSSESSIVE_MARKERS and i > 0 else token
        found = context.mention_at(owner)
        if owner.i != token.i and (title := titles_ending_at.get(owner.i + 1)) is not None:
            phrase.label = f"{phrase.label} of the {title_info(title).title}"
            phrase.start, i = title.start, title.start - 1
            for inner in title:
                if (affiliation := context.mention_at(inner)) is not None:
                    _set_affiliation(phrase, affiliation[0])
        elif found is not None and found[0].kind in AFFILIATION_KINDS:
            _set_affiliation(phrase, found[0])
            i = found[1].start - 1
            phrase.start = found[1].start
        elif token.text == ")" and (opening := _opening_bracket(doc, i)) is not None:
            i = opening - 1
        elif token.pos_ == "ADJ" and token.is_lower:
            i -= 1
        elif token.lower_ in DETERMINERS:
            phrase.start = i
            break
        else:
            break


#: How many tokens an acronym in brackets may have ("(WFP)", "(UNHCR)", "(U.N.)").
MAX_BRACKETED = 4


def _opening_bracket(doc: Doc, closing: int) -> int | None:
    """The "(" of a short bracket that closes at ``closing``."""
    for i in range(closing - 1, max(closing - MAX_BRACKETED - 1, -1), -1):
        if doc[i].text == "(":
            return i
    return None


def _closing_bracket(doc: Doc, opening: int) -> int | None:
    """The ")" of a short bracket that opens at ``opening``."""
    if opening >= len(doc) or doc[opening].text != "(":
        return None
    for i in range(opening + 1, min(opening + MAX_BRACKETED + 1, len(doc))):
        if doc[i].text == ")":
            return i
    return None


def _read_complement(context: ArticleContext, phrase: TitlePhrase) -> bool:
    """Read one "of/to/for ..." complement after the phrase; False when there is none."""
    doc = phrase.title.doc
    if phrase.end >= len(doc) or doc[phrase.end].lower_ not in COMPLEMENT_PREPOSITIONS:
        return False
    preposition = doc[phrase.end].lower_
    k = phrase.end + 1
    while k < len(doc) and doc[k].lower_ in DETERMINERS:
        k += 1
    if k >= len(doc):
        return False
    date = _date_starting_at(doc, k)
    if date is not None and preposition == "for":
        phrase.time, phrase.end = date, date.end
        return True
    found = context.mention_at(doc[k])
    if found is not None and found[0].kind in AFFILIATION_KINDS and preposition != "for":
        entity, span = found
        # "ambassador to China", "Resident Coordinator in the Maldives": where the post is, not whose
        if not (preposition in ("to", "in") and entity.kind is EntityKind.STATE):
            _set_affiliation(phrase, entity)
        phrase.end = span.end
        return True
    if preposition in ("to", "in"):
        return False
    # "for Peace Operations", "for Foreign Affairs", "Special Envoy for Afghanistan": part of the title
    end = _capitalised_run(doc, k)
    if found is not None and found[0].kind is not EntityKind.PERSON:
        end = max(end, found[1].end)
    if end == k:
        return False
    phrase.label = f"{phrase.label} {preposition} {_title_case(doc[k:end].text)}"
    phrase.end = end
    return True


def _date_starting_at(doc: Doc, i: int) -> Span | None:
    """The DATE entity that starts at token ``i``, read from the token's own entity tags (no scan of the ents)."""
    if doc[i].ent_iob_ != "B" or doc[i].ent_type_ != "DATE":
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[i:end]


def _capitalised_run(doc: Doc, start: int) -> int:
    """End of a run of capitalised words ("Peace Operations", "Peace and Security"), stopping at a name."""
    end = i = start
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ in NAME_LABELS and not (token.ent_type_ in PLACE_LABELS and token.is_title):
            break
        if token.is_title or (token.is_upper and token.is_alpha):
            end = i + 1
        elif token.lower_ not in COMPLEMENT_CONNECTORS:
            break
        i += 1
    return end


# --- tying titles to people -------------------------------------------------------------------------------------


#: A person mention: the person and the span that names them.
PersonMention = tuple[Entity, Span]


def _people_by_boundary(context: ArticleContext) -> tuple[dict[int, PersonMention], dict[int, PersonMention]]:
    """Person mentions by first token and by end token."""
    starts: dict[int, PersonMention] = {}
    ends: dict[int, PersonMention] = {}
    for entity in context.entities:
        if entity.kind is EntityKind.PERSON:
            for span in entity.mentions:
                starts[span.start] = (entity, span)
                ends[span.end] = (entity, span)
    return starts, ends


def _skip_honorifics(doc: Doc, i: int) -> int:
    while i < len(doc) and knowledge.is_honorific(doc[i].text) and doc[i].text[:1].isupper():
        i += 1
    return i


def _holder(
    context: ArticleContext,
    phrase: TitlePhrase,
    phrases_by_start: dict[int, TitlePhrase],
    starts: dict[int, tuple[Entity, Span]],
    ends: dict[int, tuple[Entity, Span]],
) -> tuple[Entity, Span, bool] | None:
    """The named person a title phrase is tied to, the name span, and whether the title stands before the name."""
    doc = phrase.title.doc
    # before the name, directly or after its complement, an acronym in brackets or a rank: "Foreign Minister Ishaq
    # Dar", "... for Peace Operations X", "High Commissioner for Refugees (UNHCR) Filippo Grandi", "Force
    # Commander Major General Stefano Del Col"
    for end in dict.fromkeys((phrase.title.end, phrase.end)):
        if (closing := _closing_bracket(doc, end)) is not None:
            end = closing + 1
        ranked = end
        while ranked in phrases_by_start and phrases_by_start[ranked].kind in RANK_KINDS:
            ranked = phrases_by_start[ranked].title.end
        for nxt in dict.fromkeys((end, ranked)):
            if (person := starts.get(_skip_honorifics(doc, nxt))) is not None:
                return (*person, nxt == end)
    # after the name: "Munir Akram, Pakistan's ambassador to the UN"
    if phrase.start >= 2 and doc[phrase.start - 1].text == "," and (person := ends.get(phrase.start - 1)):
        return (*person, False)
    # before the name: "Pakistan's Permanent Representative to the UN, Ambassador Munir Akram"
    if phrase.end + 1 < len(doc) and doc[phrase.end].text == ",":
        nxt = phrase.end + 1
        while nxt in phrases_by_start:
            nxt = phrases_by_start[nxt].title.end
        if (person := starts.get(_skip_honorifics(doc, nxt))) is not None:
            return (*person, False)
    # predicate of a copula: "X is Pakistan's ambassador", "X, who is the UNSC President"
    # or of a verb of appointment: "X was appointed President of the session", "elected Y chair"
    root = phrase.title.root
    if (root.dep_ == "attr" and root.head.lemma_ == "be") or (
        root.dep_ in ("oprd", "attr", "xcomp", "dobj") and root.head.lemma_.lower() in _appointment_verbs()
        and any(c.dep_ == "nsubjpass" for c in root.head.children)
    ):
        return _copula_subject(context, root.head)
    return None


@lru_cache(maxsize=1)
def _appointment_verbs() -> frozenset[str]:
    return frozenset(knowledge.linguistic()["appointment_verbs"])


def _copula_subject(context: ArticleContext, verb: Token) -> tuple[Entity, Span, bool] | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    found = context.mention_at(subject)
    if found is not None and found[0].kind is EntityKind.PERSON:
        return (*found, False)
    person = antecedent(context, subject)
    if person is not None:
        return person, subject.doc[subject.i : subject.i + 1], False
    return None


def _state_after_name(context: ArticleContext, name: Span) -> Entity | None:
    """"Ambassador Menissa Rambally of Saint Lucia": the state named right after the name."""
    doc = name.doc
    if name.end + 1 < len(doc) and doc[name.end].lower_ == "of":
        found = context.mention_at(doc[name.end + 1])
        if found is not None and found[0].kind is EntityKind.STATE:
            return found[0]
    return None


# --- positions --------------------------------------------------------------------------------------------------


def find_positions(context: ArticleContext) -> list[Position]:
    """Every post the article gives a named person, one per (person, title, place), in order of first mention."""
    phrases = [
        read_title_phrase(context, title)
        for title in context.doc.spans[TITLES_KEY]
        if title_info(title).kind not in NON_OFFICE_KINDS
    ]
    phrases = _outermost(phrases)
    by_start = {p.title.start: p for p in phrases}
    starts, ends = _people_by_boundary(context)
    holders = {id(p): _holder(context, p, by_start, starts, ends) for p in phrases}
    _share_coordinated(context.doc, phrases, by_start, holders)
    mentions: list[Position] = []
    for phrase in phrases:
        holder = holders[id(phrase)]
        if holder is None:
            continue
        person, name, before_name = holder
        state = phrase.state or (_state_after_name(context, name) if before_name else None)
        mention = Position(person, phrase.label, phrase.kind, state, phrase.organisation, phrase.time, [phrase.title])
        mention.bare = before_name and phrase.is_bare and state is None
        mentions.append(mention)
    return _drop_contained(_drop_forms_of_address(_merge(mentions)))


def _outermost(phrases: list[TitlePhrase]) -> list[TitlePhrase]:
    """Title phrases that no other phrase contains: the "Prime Minister" of "Permanent Secretary for the Office of
    the Prime Minister" or of "the Secretary-General's Special Representative" is part of another post's name."""
    inside: set[int] = set()
    for phrase in phrases:
        inside.update(i for i in range(phrase.start, phrase.end) if not phrase.title.start <= i < phrase.title.end)
    return [phrase for phrase in phrases if phrase.title.start not in inside]


def _share_coordinated(
    doc: Doc,
    phrases: list[TitlePhrase],
    by_start: dict[int, TitlePhrase],
    holders: dict[int, tuple[Entity, Span, bool] | None],
) -> None:
    """Two titles joined by "and" share their holder and their affiliation: "UNIFIL's head of mission and Force
    Commander, Lieutenant General Aurelio Cattaneo"."""
    for first in reversed(phrases):
        if first.end >= len(doc) or doc[first.end].lower_ not in TITLE_COORDINATORS or first.end + 1 not in by_start:
            continue
        second = by_start[first.end + 1]
        if holders[id(first)] is None and (holder := holders[id(second)]) is not None:
            holders[id(first)] = (holder[0], holder[1], False)
        if second.state is None and second.organisation is None:
            second.state, second.organisation = first.state, first.organisation


def _merge(mentions: list[Position]) -> list[Position]:
    """One position per person, title and place; a mention that names no place joins the one place the others give."""
    groups: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for mention in mentions:
        groups[(mention.person.key, slugify(mention.label))].append(mention)
    merged: list[Position] = []
    for group in groups.values():
        places = list(dict.fromkeys((m.state, m.organisation) for m in group if m.post_in is not None))
        by_place: dict[tuple[Entity | None, Entity | None], Position] = {}
        for mention in group:
            place = (mention.state, mention.organisation)
            if mention.post_in is None and len(places) == 1:
                place = places[0]
            position = by_place.get(place)
            if position is None:
                position = by_place[place] = Position(mention.person, mention.label, mention.kind, *place)
                merged.append(position)
            position.evidence.extend(mention.evidence)
            position.time = position.time or mention.time
            position.bare = position.bare and mention.bare
    return merged


def _drop_forms_of_address(positions: list[Position]) -> list[Position]:
    """A bare rank or form of address gives way to a more specific post of the person (see RANK_KINDS)."""
    def superseded(position: Position) -> bool:
        if not position.bare or position.kind not in RANK_KINDS:
            return False
        kinds = RANK_KINDS[position.kind]
        return any(
            other is not position and other.person is position.person and (kinds is None or other.kind in kinds)
            for other in positions
        )

    return [p for p in positions if not superseded(p)]


def _drop_contained(positions: list[Position]) -> list[Position]:
    """A post whose title is part of a longer title of the same person in the article is that post, written short:
    "the Secretary" of the "Secretary of State", the "High Commissioner" of the "High Commissioner for Refugees"."""
    def words(position: Position) -> str:
        return f" {' '.join(_words(position.label))} "

    kept = []
    for position in positions:
        longer = next(
            (
                other
                for other in positions
                if other is not position and other.person is position.person
                and words(position) in words(other) and words(position) != words(other)
            ),
            None,
        )
        if longer is None:
            kept.append(position)
        else:
            longer.evidence.extend(position.evidence)
    return kept


def represented_states(context: ArticleContext) -> dict[str, Entity]:
    """The state each person of the article acts for, by person key, from the posts they hold."""
    states: dict[str, Entity] = {}
    for position in find_positions(context):
        if position.state is not None:
            states.setdefault(position.person.key, position.state)
    return states


# --- facts ------------------------------------------------------------------------------------------------------


def _fact(context: ArticleContext, position: Position) -> PositionFact:
    ref = context.ref
    return PositionFact(
        person=ref(position.person),
        title=position.label,
        state=ref(position.state) if position.state else None,
        organisation=ref(position.organisation) if position.organisation else None,
        evidence=tuple(sorted({mention_of(span) for span in position.evidence})),
        time=context.time(position.time) if position.time is not None else None,
    )


def extract_positions(context: ArticleContext) -> list[PositionFact]:
    """Fact extractor: the posts the article gives named people (and through them the states they represent)."""
    return [_fact(context, position) for position in find_positions(context)]
