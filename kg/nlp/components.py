"""newskg's spaCy components: they correct the statistical NER with closed-class knowledge and linguistic cues.

Each component is a plain class with ``__call__(doc) -> doc``, registered with :meth:`Language.factory`, so a
pipeline config (not code) decides which run. They never list people: people come from the model, titles and the
dependency parse.

* ``kg_gazetteer`` marks states (names, aliases, demonyms), UN bodies and international organisations from the
  knowledge files, and writes their registry key to ``Span.kb_id_`` (``state:PK``, ``un:security-council``,
  ``org:nato``). A gazetteer span wins over a model entity it overlaps unless the model's span is longer with real
  content: so "Saint Lucia" stops being a PERSON and "St. Kitts and" grows to "St. Kitts and Nevis".
* ``kg_titles`` marks job titles ("Ambassador", "Federal Minister for Interior", "Secretary-General") in
  ``doc.spans["kg_titles"]``; a title is never an organisation.
* ``kg_people`` repairs person names: it restores hyphenated first names the model cuts ("Pierre Lacroix" →
  "Jean-Pierre Lacroix"), makes the name after a title a person ("Ambassador Iftikhar"), and re-reads as a person
  a two-word "place" that is the subject of a human verb ("Shahzadi Gulfam earned …").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg import knowledge

TITLES_KEY = "kg_titles"
"""``doc.spans`` key of the job-title spans."""

REGISTRY_KEY = "kg_registry"
"""``doc.spans`` key of every registry match, including those a longer model entity took over."""

HYPHENS = frozenset({"-", "‐", "–"})
"""Tokens that join the halves of a hyphenated name ("Jean-Pierre")."""

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})

INITIALS = re.compile(r"(?:[A-Z]\.){1,4}|[A-Z]{1,3}")
"""A name's initials: "A.", "A.B.", "AH", "AKM"."""

LIST_SEPARATORS = frozenset({",", ";"})
"""Tokens that separate the items of a list the model read as one name ("the Central African Republic, Cyprus")."""

STATE_PREFIX, UN_PREFIX, ORG_PREFIX = "state:", "un:", "org:"
"""Prefixes of ``Span.kb_id_`` naming the registry an entity was found in."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Match id of names that suppress a registry link rather than make one.
NOT_AN_ENTRY = "none|NONE"


def clean_span(span: Span) -> Span:
    """The span without leading determiners, trailing possessives or punctuation the model includes, and without
    a bracket it opens and never closes ("World Health Organization (WHO" is the name before the bracket)."""
    leading = knowledge.linguistic()["leading_function_words"]
    doc, start, end = span.doc, span.start, span.end
    opened = [token.i for token in span if token.text == "("]
    if opened and not any(token.text == ")" for token in doc[opened[-1] : end]):
        end = opened[-1]
    while start < end and doc[start].text in leading:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    return doc[start:end]


class _Taken:
    """The token positions a set of spans covers, for overlap tests in constant time per token."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.positions = {i for span in spans for i in range(span.start, span.end)}

    def overlaps(self, span: Span) -> bool:
        return any(i in self.positions for i in range(span.start, span.end))


def _replace_ents(doc: Doc, preferred: Sequence[Span], others: Iterable[Span]) -> None:
    """Set ``doc.ents`` to ``preferred`` plus every one of ``others`` that does not overlap one of them."""
    taken = _Taken(preferred)
    doc.ents = filter_spans([*preferred, *(ent for ent in others if not taken.overlaps(ent))])


def _conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with ``token`` ("Donetsk, Luhansk and Kherson"), itself included.

    spaCy chains a list's items by ``conj`` arcs, each hanging from the one before: climb to the first, then
    collect every item below it. After an item with a word in brackets ("Adil Jan (police) and …") the parser
    hangs the next item from the bracketed word, so the chain is followed through it.
    """
    while token.head.i != token.i and (
        token.dep_ == "conj" or (token.dep_ == "appos" and token.head.dep_ == "conj")
    ):
        token = token.head
    group, stack = [], [token]
    while stack:
        item = stack.pop()
        group.append(item)
        for child in item.children:
            if child.dep_ == "conj":
                stack.append(child)
            elif child.dep_ == "appos":
                stack.extend(grandchild for grandchild in child.children if grandchild.dep_ == "conj")
    return group


class EntityGazetteer:
    """Recognise states, UN bodies and international organisations by name, alias, acronym and demonym."""

    #: Shortest state name a misspelling is recognised for: below it, one letter off is another word.
    MISSPELT_MIN_LENGTH = 6

    def __init__(self, nlp: Language, name: str = "kg_gazetteer") -> None:
        self.name = name
        # Names match case-insensitively ("russia"); acronyms only as written ("WHO" but never "who").
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.case_sensitive: set[str] = set()
        for state in knowledge.states():
            key = STATE_PREFIX + state.code
            self._add(nlp, key + "|GPE", (state.name, *state.aliases), acronym=False)
            self._add(nlp, key + "|NORP", state.demonyms, acronym=False)
            if state.ambiguous:
                self.case_sensitive.add(key)
        for body in knowledge.un_bodies():
            self._add(nlp, UN_PREFIX + body.key + "|ORG", (body.name, *body.aliases), acronym=False)
            self._add(nlp, UN_PREFIX + body.key + "|ORG", body.acronyms, acronym=True)
        for org in knowledge.organisations():
            self._add(nlp, ORG_PREFIX + org.key + "|ORG", (org.name, *org.aliases), acronym=False)
            self._add(nlp, ORG_PREFIX + org.key + "|ORG", org.acronyms, acronym=True)
        # Longer names that contain an entry's name but denote something else ("Lake Chad"), and forms two entries
        # share ("Congo"): they match too, win as the longest span, and are then dropped, taking the wrong link along.
        self._add(nlp, NOT_AN_ENTRY, knowledge.non_entity_names(), acronym=False)
        self.misspellings = _one_letter_index(
            (name, state.code)
            for state in knowledge.states()
            for name in state.names
            if " " not in name and len(name) >= self.MISSPELT_MIN_LENGTH and not knowledge.match_as_written(name)
        )
        lexicon = knowledge.linguistic()
        self.government_words = frozenset(lexicon["government_nouns"]) | {"of", "the", "'s", "’s"}

    def _add(self, nlp: Language, match_id: str, phrases: Iterable[str], *, acronym: bool) -> None:
        """Acronyms and abbreviations ("US", "CAR", "PNG") match only as written; other names in any case."""
        for exact in (True, False):
            patterns = [
                nlp.make_doc(phrase)
                for phrase in phrases
                if phrase and (acronym or knowledge.match_as_written(phrase)) == exact
            ]
            if patterns:
                (self.acronyms if exact else self.names).add(match_id, patterns)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for matcher in (self.names, self.acronyms):
            for match_id, start, end in matcher(doc):
                key, label = doc.vocab.strings[match_id].split("|")
                span = Span(doc, start, end, label=label, kb_id=key)
                if "\n" in span.text or (not span.text[:1].isupper() and not self._lower_case_ok(span, key)):
                    continue
                found.append(span)
        found = [span for span in filter_spans(found) if span.kb_id_ != NOT_AN_ENTRY.split("|")[0]]
        found = filter_spans([*found, *self._misspelt_states(doc, found)])
        doc.spans[REGISTRY_KEY] = found
        model = [piece for ent in doc.ents for piece in _list_items(ent, found)]
        model_at = {i: ent for ent in model for i in range(ent.start, ent.end)}
        winners = [span for span in found if self._beats_model(span, model_at)]
        _replace_ents(doc, winners, model)
        return doc

    def _lower_case_ok(self, span: Span, key: str) -> bool:
        """A name written in lower case ("russia") counts only where the model, too, saw a place there, and never
        for names that are also words ("chad", "turkey") or for demonyms ("polish the text")."""
        return (
            span.label_ == "GPE"
            and key not in self.case_sensitive
            and any(ent.label_ == "GPE" and ent.start <= span.start and span.end <= ent.end for ent in span.doc.ents)
        )

    def _misspelt_states(self, doc: Doc, found: list[Span]) -> list[Span]:
        """A capitalised word one letter away from a state's name, in a list with other states, is that state
        ("Niger, Zimbawe, Malaysia"): the list says what kind of name it is, the spelling says which."""
        states_at = {i for span in found if span.kb_id_.startswith(STATE_PREFIX) for i in range(span.start, span.end)}
        taken = {i for span in found for i in range(span.start, span.end)}
        misspelt = []
        for token in doc:
            if (
                token.i in taken
                or not token.is_title
                or not token.is_alpha
                or len(token) < self.MISSPELT_MIN_LENGTH
                or not any(other.i in states_at for other in _conjuncts(token) if other.i != token.i)
            ):
                continue
            codes = {code for form in _one_letter_forms(token.lower_) for code in self.misspellings.get(form, ())}
            if len(codes) == 1:
                misspelt.append(Span(doc, token.i, token.i + 1, label="GPE", kb_id=STATE_PREFIX + codes.pop()))
        return misspelt

    def _beats_model(self, span: Span, model_at: dict[int, Span]) -> bool:
        """A gazetteer span yields only to a longer model entity that adds real words ("Pakistan's UN Mission"):
        words for a state's government add nothing ("the Congolese Government" is the state)."""
        for ent in {model_at[i] for i in range(span.start, span.end) if i in model_at}:
            core = clean_span(ent)
            if len(core) > len(span) and (core.start < span.start or core.end > span.end):
                extra = [t.text for t in core if not span.start <= t.i < span.end]
                if not (span.kb_id_.startswith(STATE_PREFIX) and set(extra) <= self.government_words):
                    return False
        return True


def _list_items(ent: Span, registered: list[Span]) -> list[Span]:
    """A model entity that holds a registry name and a comma outside it is a list the model read as one name
    ("the Central African Republic, Cyprus,"): its items, each with the entity's label. Any other entity whole."""
    inside = [span for span in registered if ent.start <= span.start and span.end <= ent.end]
    covered = {i for span in inside for i in range(span.start, span.end)}
    cuts = [t.i for t in ent if t.text in LIST_SEPARATORS and t.i not in covered]
    if not inside or not cuts:
        return [ent]
    bounds = [ent.start - 1, *cuts, ent.end]
    items = (clean_span(Span(ent.doc, a + 1, b, label=ent.label_)) for a, b in zip(bounds, bounds[1:]) if b > a + 1)
    return [item for item in items if any(t.is_alpha for t in item)]


def _one_letter_forms(word: str) -> set[str]:
    """``word`` and every form of it with one letter left out: two words one typo apart (a letter added, left
    out, changed or two swapped) share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_letter_index(names: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Every one-letter-out form of every name → the codes of the names it comes from."""
    index: dict[str, set[str]] = {}
    for name, code in names:
        for form in _one_letter_forms(name.lower()):
            index.setdefault(form, set()).add(code)
    return index


class TitleRecognizer:
    """Mark job titles in ``doc.spans["kg_titles"]`` and take them away from the model's entities."""

    def __init__(self, nlp: Language, name: str = "kg_titles") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases: list[str] = []
        for title in knowledge.titles():
            phrases.extend((title.title, *title.aliases))
        for portfolio in knowledge.minister_portfolios():
            phrases.extend(
                (
                    f"Minister for {portfolio}",
                    f"Minister of {portfolio}",
                    f"{portfolio} Minister",
                    f"Federal Minister for {portfolio}",
                    f"Minister of State for {portfolio}",
                )
            )
        self.matcher.add("TITLE", [nlp.make_doc(phrase) for phrase in dict.fromkeys(phrases)])

    def __call__(self, doc: Doc) -> Doc:
        titles = filter_spans(Span(doc, start, end, label="TITLE") for _, start, end in self.matcher(doc))
        doc.spans[TITLES_KEY] = titles
        taken = {i for title in titles for i in range(title.start, title.end)}
        # A title is never a named entity ("Interior" ORG, "Federal Minister" ORG) unless a registry knows it; a
        # registry name the dropped entity had swallowed comes back ("Fiji" of "Fiji's Permanent" ORG).
        kept = [
            ent
            for ent in doc.ents
            if ent.kb_id_ or ent.label_ == "PERSON" or not taken.intersection(range(ent.start, ent.end))
        ]
        _replace_ents(doc, kept, doc.spans[REGISTRY_KEY] if REGISTRY_KEY in doc.spans else ())
        return doc


class PersonRepair:
    """Fix the model's person names with hyphenation, initials, titles and the dependency parse."""

    #: How many words a name the model gave another label may have for the parse to make it a person.
    MISREAD_NAME_LENGTH = range(2, 4)

    def __init__(self, nlp: Language, name: str = "kg_people") -> None:
        self.name = name
        lexicon = knowledge.linguistic()
        self.place_affixes = frozenset(lexicon["place_affixes"])
        self.person_verbs = frozenset(lexicon["person_subject_verbs"])
        self.leader_nouns = frozenset(lexicon["leader_nouns"])
        self.locative_prepositions = frozenset(lexicon["locative_prepositions"])
        self.motion_verbs = frozenset(lexicon["motion_verbs"])
        self.organisation_heads = frozenset(lexicon["organisation_heads"])
        self.place_nouns = frozenset(lexicon["place_nouns"])
        self.particles = frozenset(lexicon["name_particles"])
        forms = [form for title in knowledge.titles() for form in title.names]
        self.title_words = frozenset(
            word.lower() for phrase in (*forms, *knowledge.minister_portfolios()) for word in phrase.split()
        )
        self.plural_titles = frozenset(_plural(form.split()[-1].lower()) for form in forms)

    def __call__(self, doc: Doc) -> Doc:
        titles = doc.spans[TITLES_KEY]
        title_tokens = _Taken(titles).positions
        after_titles = {_after_bracket(doc, title.end) for title in titles} | {
            t.i + 1 for t in doc if t.lower_ in self.plural_titles
        }
        model_people = [
            self._widen(self._drop_titles(self._before_possessive(ent), title_tokens), title_tokens)
            for ent in doc.ents
            if ent.label_ == "PERSON"
        ]
        model_people = [span for span in model_people if len(span)]
        name_words = {word for p in model_people if len(p) > 1 for word in p.text.split()}
        reread = {
            span: self._reread(span, name_words, titled=span.start in after_titles or _after_honorific(span))
            for span in model_people
        }
        others = [Span(doc, span.start, span.end, label=label) for span, label in reread.items() if label]
        people = [span for span, label in reread.items() if label is None]
        people += self._names_after_titles(doc, after_titles, title_tokens)
        people += [Span(doc, ent.start, ent.end, label="PERSON") for ent in doc.ents if self._is_misread_person(ent, after_titles)]
        people = filter_spans(span for span in (self._drop_titles(p, title_tokens) for p in people) if len(span))
        people = filter_spans([*people, *self._repeated_names(doc, people)])
        taken_by_people = _Taken(people)
        others += [ent for ent in doc.ents if ent.label_ != "PERSON" and not taken_by_people.overlaps(ent)]
        doc.ents = filter_spans([*people, *(span for span in others if not taken_by_people.overlaps(span))])
        return doc

    def _reread(self, span: Span, name_words: set[str], *, titled: bool) -> str | None:
        """What a model "person" really is when it is none: ``None`` if it is a person, else the label it gets
        ("GPE" for a place, "NORP" for a group) or "" for no entity at all.

        Names carry no digits ("COVID-19", "Unit-1"). A lone word that no title introduces and no longer name of
        the article explains is read from its context: a place where it stands among places or after a noun of
        place, no name when it is an organisation's head noun ("Embassy"), a verb or noun ("Sharing"), or the
        modifier of a common noun ("Lendu militant groups"), a group when it takes an article ("the Houthis").
        """
        if any(char.isdigit() for char in span.text):
            return ""
        if titled or not self._is_lone(span) or span.text in name_words:
            return None
        word = next(token for token in span if token.is_title)
        if word.text in self.organisation_heads:
            return ""
        if self._is_lone_place(span):
            return "GPE"
        if word.pos_ != "PROPN":
            return ""
        if word.dep_ in ("compound", "nmod", "amod") and word.head.pos_ == "NOUN" and word.head.i > word.i:
            return ""
        if any(child.dep_ == "det" for child in word.children):
            return "NORP"
        return None

    def _is_lone(self, span: Span) -> bool:
        """One capitalised word, with at most particles and hyphens around it ("Juba", "al-Hodeidah")."""
        capitalised = [token for token in span if token.is_title]
        rest = [token for token in span if not token.is_title]
        return len(capitalised) == 1 and all(t.lower_ in self.particles or t.text in HYPHENS for t in rest)

    def _is_lone_place(self, span: Span) -> bool:
        """A lone "person" in a phrase of place: the model's guess is a city, camp or region.

        "in the Kakuma camps", "from Abuja", "return to Abuja" (a locative preposition, or "to" after a verb of
        motion); "Donetsk, Luhansk and Kherson" (a list with
        a place in it); "the capital, Juba", "the port city of Hodeidah", "Force Headquarters, Naqoura" (after a
        noun of place).
        """
        node = span.root
        for _ in range(3):
            if node.dep_ == "pobj" and (
                node.head.lower_ in self.locative_prepositions
                or (node.head.lower_ == "to" and node.head.head.lemma_ in self.motion_verbs)
            ):
                return True
            if node.dep_ not in ("compound", "nmod", "conj", "pobj", "amod") or node.head is node:
                break
            node = node.head
        if any(t.ent_type_ in PLACE_LABELS for t in _conjuncts(span.root) if not span.start <= t.i < span.end):
            return True
        doc = span.doc
        return (
            span.start >= 2
            and doc[span.start - 1].text in (",", "of")
            and doc[span.start - 2].lower_ in self.place_nouns
        )

    def _repeated_names(self, doc: Doc, people: list[Span]) -> list[Span]:
        """Other occurrences of a name already found in the document, which the model missed ("Akram added …").

        One sense per document: a capitalised proper noun that is a person's name or surname elsewhere in the
        same article, and that nothing else claims, is that person again; so is the end of a longer
        "organisation" that ends in such a surname (see :meth:`_name_ending`).
        """
        surnames = {span[-1].text for span in people}
        names = {span.text for span in people} | surnames
        taken = {i for span in people for i in range(span.start, span.end)}
        repeats = [
            Span(doc, token.i, token.i + 1, label="PERSON")
            for token in doc
            if token.text in names
            and token.i not in taken
            and not token.ent_type_
            and token.pos_ == "PROPN"
            and token.is_title
        ]
        # a surname the model gave another label on its own ("Cattaneo" ORG) is the person named in full elsewhere
        repeats += [
            Span(doc, ent.start, ent.end, label="PERSON")
            for ent in doc.ents
            if ent.label_ != "PERSON" and not ent.kb_id_ and ent.text in names and ent.start not in taken
        ]
        repeats += [name for ent in doc.ents if (name := self._name_ending(ent, surnames)) is not None]
        return repeats

    def _name_ending(self, ent: Span, surnames: set[str]) -> Span | None:
        """The person at the end of a longer "organisation" that ends in a surname the article gives a person
        elsewhere ("SAFRON & Narcotics Control Shehryar Khan Afridi" ORG, "Mr Afridi"): the words of the name run
        back from the surname to the first word that belongs to a title or portfolio."""
        if ent.label_ == "PERSON" or ent.kb_id_ or len(ent) < 3 or ent[-1].text not in surnames:
            return None
        start = ent.end - 1
        while start > ent.start and self._is_name_word(ent.doc[start - 1]):
            start -= 1
        return Span(ent.doc, start, ent.end, label="PERSON") if start > ent.start and ent.end - start > 1 else None

    def _is_name_word(self, token: Token) -> bool:
        return token.is_title and token.pos_ == "PROPN" and token.lower_ not in self.title_words

    @staticmethod
    def _before_possessive(ent: Span) -> Span:
        """A name ends at its possessive: "President Biden's Summit" names Biden."""
        for token in ent[:-1]:
            if token.text in POSSESSIVES:
                return Span(ent.doc, ent.start, token.i, label="PERSON")
        return ent

    def _widen(self, ent: Span, title_tokens: set[int]) -> Span:
        """The model's name with what it left off in front: the first half of a hyphenated first name ("Pierre
        Lacroix" of Jean-Pierre Lacroix) and initials ("Mahmood Ali" of AH Mahmood Ali)."""
        doc, start = ent.doc, ent.start
        while True:
            if (
                start >= 2
                and doc[start - 1].text in HYPHENS
                and not doc[start - 1].whitespace_
                and not doc[start - 2].whitespace_
                and doc[start - 2].is_title
            ):
                start -= 2
            elif start >= 1 and start - 1 not in title_tokens and self._is_initial(doc[start - 1]):
                start -= 1
            else:
                break
        return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")

    @staticmethod
    def _is_initial(token: Token) -> bool:
        """Initials written before a name: "A.B.", "A.", "AH", "AKM" (up to three capitals), that no registry or
        model entity other than a person claims."""
        return (
            bool(INITIALS.fullmatch(token.text))
            and not token.ent_kb_id_
            and token.ent_type_ in ("", "PERSON")
        )

    def _names_after_titles(self, doc: Doc, after_titles: set[int], title_tokens: set[int]) -> list[Span]:
        """The proper nouns right after a title are a person's name: "Ambassador Iftikhar", "Minister Mohsin
        Naqvi", "Foreign Minister AH Mahmood Ali", "Crown Prince Mohammed bin Salman", "Ambassadors Karlsson"."""
        names = []
        for start in sorted(after_titles):
            end = start
            while end < len(doc) and end not in title_tokens and self._is_name_token(doc, end):
                end += 1
            while end > start and not self._is_name_word_token(doc[end - 1]):
                end -= 1  # a name ends on a capitalised word, not on an initial, a particle or a hyphen
            if end > start:
                name = Span(doc, start, end, label="PERSON")
                if not any(token.ent_kb_id_ for token in name):
                    names.append(name)
        return names

    def _is_name_word_token(self, token: Token) -> bool:
        return (
            token.is_title
            and token.pos_ == "PROPN"
            and token.ent_type_ in ("", "PERSON", "GPE", "LOC", "ORG", "NORP")
            and not token.ent_kb_id_
            and not INITIALS.fullmatch(token.text)
            and token.text not in self.organisation_heads
        )

    def _is_name_token(self, doc: Doc, i: int) -> bool:
        """A word that may stand in a name: a capitalised proper noun, an initial, or, inside the name, a particle
        ("bin", "de", "al") or the hyphen of "Jean-Pierre"."""
        token = doc[i]
        if self._is_name_word_token(token) or (self._is_initial(token) and i + 1 < len(doc) and doc[i + 1].is_title):
            return True
        following = doc[i + 1] if i + 1 < len(doc) else None
        if following is None or not (following.is_title or following.text in HYPHENS):
            return False
        if token.lower_ in self.particles and token.is_lower:
            return True
        return token.text in HYPHENS and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_

    def _is_misread_person(self, ent: Span, after_titles: set[int]) -> bool:
        """A name the model gave another label. The owner of a government ("Trump's government"); a two- or
        three-word name in apposition to a title ("the Foreign Minister, Retno Marsudi"), in a list with a person
        ("Tahir Ikram (police), Adil Jan (police) and Muhammad Nil Naeem"), or the subject of a human verb
        ("Shahzadi Gulfam earned")."""
        if ent.kb_id_ or ent.label_ == "PERSON":
            return False
        core = clean_span(ent)
        root = core.root if len(core) else ent.root
        if ent.label_ in ("ORG", *PLACE_LABELS) and root.dep_ in ("poss", "nmod") and root.head.lemma_ in self.leader_nouns:
            return all(t.is_title and t.pos_ == "PROPN" for t in core)
        if ent.label_ not in ("ORG", *PLACE_LABELS) or not self._looks_like_name(core):
            return False
        doc = core.doc
        if core.start >= 1 and doc[core.start - 1].text == "," and core.start - 1 in after_titles:
            return True
        if any(t.ent_type_ == "PERSON" for t in _conjuncts(root) if not core.start <= t.i < core.end):
            return True
        return ent.label_ in PLACE_LABELS and root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in self.person_verbs

    def _looks_like_name(self, span: Span) -> bool:
        """Two or three capitalised proper nouns, none of which opens or closes a place's or an office's name."""
        return (
            len(span) in self.MISREAD_NAME_LENGTH
            and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in span)
            and not any(t.text in self.place_affixes or t.text in self.organisation_heads for t in span)
        )

    def _drop_titles(self, span: Span, title_tokens: set[int]) -> Span:
        """A person span starts at the name: titles, honorifics ("His Majesty"), plural titles ("Ambassadors"),
        an office's head noun ("Police Headquarters Md Anwar Hossain") and stray punctuation in front are left
        out."""
        doc, start = span.doc, span.start
        while start < span.end and (
            start in title_tokens
            or knowledge.is_honorific(doc[start].text)
            or doc[start].lower_ in self.plural_titles
            or doc[start].text in self.organisation_heads
            or not any(char.isalpha() for char in doc[start].text)
            or doc[start].text in POSSESSIVES
        ):
            start += 1
        return Span(doc, start, span.end, label="PERSON")


#: How many tokens an acronym in brackets after a title may have: "High Commissioner for Refugees (UNHCR) Filippo
#: Grandi".
MAX_BRACKETED = 4


def _after_bracket(doc: Doc, i: int) -> int:
    """The token after a short bracket that opens at ``i`` (an acronym between a title and a name), else ``i``."""
    if i < len(doc) and doc[i].text == "(":
        for j in range(i + 1, min(i + MAX_BRACKETED + 1, len(doc))):
            if doc[j].text == ")":
                return j + 1
    return i


def _after_honorific(span: Span) -> bool:
    """Whether a form of address stands right before ``span`` ("Mr. Ma", "Dr Tedros")."""
    return span.start > 0 and knowledge.is_honorific(span.doc[span.start - 1].text)


def _plural(word: str) -> str:
    """The plural of a title's head noun: "ambassadors", "secretaries"."""
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> EntityGazetteer:
    return EntityGazetteer(nlp, name)


@Language.factory("kg_titles")
def make_titles(nlp: Language, name: str) -> TitleRecognizer:
    return TitleRecognizer(nlp, name)


@Language.factory("kg_people")
def make_people(nlp: Language, name: str) -> PersonRepair:
    return PersonRepair(nlp, name)
