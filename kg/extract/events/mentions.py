"""Who a phrase names: the participants a token stands for, read through conjuncts, lists, titles,
apposition, compounds, group leaders, affiliations and bracketed name groups.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Token

from kg import knowledge
from kg.extract.coref import antecedent, title_antecedent
from kg.extract.context import ArticleContext
from kg.extract.roles import Position, find_positions, read_title_phrase
from kg.facts import EntityKind
from kg.resolve.article import Entity
from kg.extract.events.triggers import PARTICIPANT_KINDS, _lemma, lexicon


def _conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Pakistan, India and Bangladesh")."""
    return [token, *token.conjuncts]


def _entities_of(context: ArticleContext, token: Token) -> list[Entity]:
    """The participants an argument token stands for: its own entity, its conjuncts', a pronoun's antecedent, the
    person its noun phrase names ("The UN High Commissioner for Refugees, Filippo Grandi, called on …"), a bare
    title's holder ("the Secretary-General met …"), a delegation's leader, and for a person, the state it is "of"
    ("Ambassador X of Saint Lucia")."""
    found: list[Entity] = []
    for item in _conjuncts(token):
        if item.tag_ in ("WP", "WDT") and item.head.dep_ == "relcl":
            item = item.head.head  # "Lacroix, who called on him": the relative pronoun stands for its noun
        entity = context.entity_at(item) or antecedent(context, item)
        if entity is None and (listed := _listed_among(context, item)):
            found += listed
            continue
        if entity is None or entity.kind is not EntityKind.PERSON:
            # a name inside the phrase is who acts ("Yemen's Vice President A and Foreign Minister B"); an
            # organisation qualifying a title only says whose post it is
            if people := _people_in_phrase(context, item):
                found += people
                continue
        if entity is None and len(listed := _apposed_list(context, item)) > 1:
            found += listed  # "five states (Russia, Belarus, Syria, North Korea and Nicaragua) voted against"
            continue
        entity = entity or _named_after_title(context, item) or _title_holder(context, item) or _compound_entity(context, item)
        if entity is not None and entity.kind in PARTICIPANT_KINDS:
            found.append(entity)
        if entity is not None and entity.kind is EntityKind.PERSON:
            found.extend(_affiliation(context, item))
        found.extend(_group_leaders(context, item))
    return found


def _listed_among(context: ArticleContext, group: Token) -> list[Entity]:
    """Who an inverted "among" clause names as one of ``group``: "Among those (who were) in attendance at the
    meeting was Senator X", "Among the guests were A and B"."""
    preposition = group.head
    if group.dep_ != "pobj" or preposition.lower_ != "among" or _lemma(preposition.head) != "be":
        return []
    return [
        entity
        for named in preposition.head.children
        if named.dep_ in ("nsubj", "attr")
        for entity in _entities_of(context, named)
    ]


def _named_after_title(context: ArticleContext, token: Token) -> Entity | None:
    """The person named right after the title ``token`` belongs to, and after the title's complement: the parser
    may make the title the subject and the name an adverb ("Ambassador Rambally mentioned …", "Permanent
    Representative of Peru to the UN Ambassador X signed …")."""
    title = context.title_at.get(token.i)
    if title is None:
        return None
    return _person_named_at(context, max(title.end, read_title_phrase(context, title).end))


#: Dependencies that stay inside one noun phrase: a name in apposition, coordinated or compounded with its title.
PHRASE_DEPS = frozenset({"appos", "conj", "compound", "cc", "punct", "det", "amod", "nmod", "flat"})


def _people_in_phrase(context: ArticleContext, head: Token) -> list[Entity]:
    """People named inside the noun phrase of ``head``, through appositions, coordination and the title's own
    complement ("World Food Programme Regional Director for Asia and the Pacific John Aylieff"), never through
    another preposition or a clause, whose names are someone else ("the spokesman for X", "who met X")."""
    people: list[Entity] = []
    stack = [head]
    while stack:
        node = stack.pop()
        entity = context.entity_at(node)
        if entity is not None and entity.kind is EntityKind.PERSON and entity not in people:
            people.append(entity)
        stack += [c for c in node.children if c.dep_ in PHRASE_DEPS or c.i in context.title_at]
    return people


def _title_holder(context: ArticleContext, token: Token) -> Entity | None:
    """The person a title with no name of its own stands for ("the Secretary-General", "Germany's Foreign
    Minister"), if the article names one holder of it (see :func:`kg.extract.coref.title_antecedent`)."""
    title = context.title_at.get(token.i)
    if title is None:
        return None
    return title_antecedent(read_title_phrase(context, title), _positions(context))


_POSITIONS: WeakKeyDictionary[ArticleContext, list[Position]] = WeakKeyDictionary()


def _positions(context: ArticleContext) -> list[Position]:
    """The posts the article gives named people, read once per article."""
    if context not in _POSITIONS:
        _POSITIONS[context] = find_positions(context)
    return _POSITIONS[context]


def _compound_entity(context: ArticleContext, token: Token) -> Entity | None:
    """An entity compounded or apposed to a common noun: "the UNHCR chief", "Kenya's delegation, Amina Wekesa"."""
    for child in token.children:
        if child.dep_ in ("compound", "appos") and (entity := context.entity_at(child)) is not None:
            return entity
    return None


def _apposed_list(context: ArticleContext, token: Token) -> list[Entity]:
    """The participants a common noun lists in apposition: "five states (Russia, Belarus and Syria)"."""
    return [
        entity
        for child in token.children
        if child.dep_ == "appos"
        for item in _conjuncts(child)
        if (entity := context.entity_at(item)) is not None and entity.kind in PARTICIPANT_KINDS
    ]


def _group_leaders(context: ArticleContext, token: Token) -> list[Entity]:
    """The leader of a delegation: "the UN delegation led by Special Representative X"."""
    words = lexicon()
    if _lemma(token) not in words.group_nouns:
        return []
    return [
        entity
        for verb in token.children
        if verb.dep_ == "acl" and _lemma(verb) in words.leader_verbs
        for agent in verb.children
        if agent.dep_ == "agent"
        for entity in _name_group(context, agent)
    ]


def _affiliation(context: ArticleContext, person_token: Token) -> list[Entity]:
    """States a named person is said to be of: "Ambassador Menissa Rambally of Saint Lucia"."""
    states = []
    for prep in person_token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                entity = context.entity_at(obj)
                if entity is not None and entity.kind is EntityKind.STATE:
                    states.append(entity)
    return states


#: How far a bracket may be from its closing mark to be skipped inside a group of names ("(WFP)", "(UNHCR)").
MAX_BRACKET_TOKENS = 8


def _name_group(context: ArticleContext, marker: Token) -> list[Entity]:
    """The participants named in a row after ``marker`` ("by", "between", "with"), read in text order.

    The small parser often mis-attaches long titled names ("with the Permanent Secretary for the Office of the
    Prime Minister, Yogesh Karan, and Fiji's Permanent Representative to the United Nations, Ambassador Satyendra
    Prasad"), so the group is read linearly: entity mentions, titles with their complements, bracketed acronyms
    and connectors are taken until the first other word. A name inside a title or its complement ("the UN High
    Commissioner", "representative to the UN") qualifies the title and is not a participant; a title with no
    name after it stands for its holder ("talks with the Foreign Minister").
    """
    connectors = set(knowledge.linguistic()["name_group_connectors"])
    doc, found = context.doc, []
    i, end = marker.i + 1, _sentence_end(marker)
    while i < end:
        token = doc[i]
        if (title := context.title_at.get(i)) is not None:
            phrase = read_title_phrase(context, title)
            i = max(phrase.end, title.end)
            holder = None if _name_follows(context, i) else title_antecedent(phrase, _positions(context))
            if holder is not None and holder not in found:
                found.append(holder)
            continue
        if token.text == "(" and (close := _closing_bracket(token)) is not None:
            i = close + 1
            continue
        entity = context.entity_at(token) or antecedent(context, token)
        if entity is not None:
            if entity.kind in PARTICIPANT_KINDS and entity not in found:
                found.append(entity)
        elif not (token.lower_ in connectors or token.pos_ == "PROPN" or token.is_quote):
            break
        i += 1
    return found


#: Tokens that end a sentence; the parser also breaks sentences after a bracket inside a name ("with the UN High
#: Commissioner for Refugees (UNHCR) | Filippo Grandi in Geneva."), where none of these stands.
SENTENCE_FINAL = frozenset({".", "!", "?", "…", '"', "”", "’", "'"})


def _sentence_end(token: Token) -> int:
    """Where the sentence of ``token`` really ends: past the breaks the parser makes where no sentence-final mark
    stands and the line goes on."""
    doc, sentence = token.doc, token.sent
    while (
        sentence.end < len(doc)
        and doc[sentence.end - 1].text not in SENTENCE_FINAL
        and "\n" not in doc[sentence.end - 1].whitespace_
        and not doc[sentence.end].is_space
    ):
        sentence = doc[sentence.end].sent
    return sentence.end


def _name_follows(context: ArticleContext, i: int) -> bool:
    return _person_named_at(context, i) is not None


def _person_named_at(context: ArticleContext, i: int) -> Entity | None:
    """The person named at token ``i``, after commas and further titles ("Minister of Foreign Affairs, Ali
    Sabry"; "Deputy Prime Minister and Foreign Minister Ishaq Dar"), if one is."""
    doc = context.doc
    while i < len(doc) and (doc[i].text == "," or doc[i].lower_ == "and" or i in context.title_at):
        i += 1
    entity = context.entity_at(doc[i]) if i < len(doc) else None
    return entity if entity is not None and entity.kind is EntityKind.PERSON else None


def _closing_bracket(token: Token) -> int | None:
    doc = token.doc
    limit = min(token.i + MAX_BRACKET_TOKENS, token.sent.end)
    return next((j for j in range(token.i + 1, limit) if doc[j].text == ")"), None)
