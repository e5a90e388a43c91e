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

from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import knowledge

TITLES_KEY = "kg_titles"
"""``doc.spans`` key of the job-title spans."""

STATE_PREFIX, UN_PREFIX, ORG_PREFIX = "state:", "un:", "org:"
"""Prefixes of ``Span.kb_id_`` naming the registry an entity was found in."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Match id of names that suppress a registry link rather than make one.
NOT_AN_ENTRY = "none|NONE"


def clean_span(span: Span) -> Span:
    """The span without leading determiners and trailing possessives or punctuation the model includes."""
    leading = knowledge.linguistic()["leading_function_words"]
    doc, start, end = span.doc, span.start, span.end
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


def _replace_ents(doc: Doc, preferred: Sequence[Span]) -> None:
    """Set ``doc.ents`` to ``preferred`` plus every existing entity that does not overlap one of them."""
    taken = _Taken(preferred)
    doc.ents = filter_spans([*preferred, *(ent for ent in doc.ents if not taken.overlaps(ent))])


class EntityGazetteer:
    """Recognise states, UN bodies and international organisations by name, alias, acronym and demonym."""

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
        model_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        winners = [span for span in found if self._beats_model(span, model_at)]
        _replace_ents(doc, winners)
        return doc

    def _lower_case_ok(self, span: Span, key: str) -> bool:
        """A name written in lower case ("russia") counts only where the model, too, saw a place there, and never
        for names that are also words ("chad", "turkey") or for demonyms ("polish the text")."""
        return (
            span.label_ == "GPE"
            and key not in self.case_sensitive
            and any(ent.label_ == "GPE" and ent.start <= span.start and span.end <= ent.end for ent in span.doc.ents)
        )

    @staticmethod
    def _beats_model(span: Span, model_at: dict[int, Span]) -> bool:
        """A gazetteer span yields only to a longer model entity that adds real words ("Pakistan's UN Mission")."""
        for ent in {model_at[i] for i in range(span.start, span.end) if i in model_at}:
            core = clean_span(ent)
            if len(core) > len(span) and (core.start < span.start or core.end > span.end):
                return False
        return True


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
        # A title is never a named entity ("Interior" ORG, "Federal Minister" ORG) unless a registry knows it.
        doc.ents = [
            ent
            for ent in doc.ents
            if ent.kb_id_ or ent.label_ == "PERSON" or not taken.intersection(range(ent.start, ent.end))
        ]
        return doc


class PersonRepair:
    """Fix the model's person names with hyphenation, titles and the dependency parse."""

    def __init__(self, nlp: Language, name: str = "kg_people") -> None:
        self.name = name
        lexicon = knowledge.linguistic()
        self.place_affixes = frozenset(lexicon["place_affixes"])
        self.person_verbs = frozenset(lexicon["person_subject_verbs"])
        self.leader_nouns = frozenset(lexicon["leader_nouns"])
        self.locative_prepositions = frozenset(lexicon["locative_prepositions"])

    def __call__(self, doc: Doc) -> Doc:
        titles = doc.spans[TITLES_KEY]
        title_tokens = _Taken(titles).positions
        title_ends = {title.end for title in titles}
        model_people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        name_words = {word for p in model_people if len(p) > 1 for word in p.text.split()}
        places = [
            Span(doc, e.start, e.end, label="GPE")
            for e in model_people
            if e.start not in title_ends and self._is_lone_place(e, name_words)
        ]
        taken_by_places = _Taken(places)
        people = [self._rejoin_hyphenated(ent) for ent in model_people if not taken_by_places.overlaps(ent)]
        people += self._names_after_titles(doc)
        people += [ent for ent in doc.ents if self._is_misread_person(ent)]
        people = [self._drop_titles(doc, span, title_tokens) for span in people]
        people = filter_spans(span for span in people if len(span))
        people = filter_spans([*people, *self._repeated_names(doc, people)])
        # model PERSON spans are all in `people` already; one that was only a title ("Secretary-General") is gone
        taken_by_people = _Taken(people)
        others = [ent for ent in doc.ents if ent.label_ != "PERSON" and not taken_by_people.overlaps(ent)]
        doc.ents = filter_spans([*people, *others, *(p for p in places if not taken_by_people.overlaps(p))])
        return doc

    def _is_lone_place(self, ent: Span, name_words: set[str]) -> bool:
        """A one-word "person" that no longer name in the document explains (and, as the caller checks, with no
        title before it), inside a phrase of place: the model's guess is a city or camp ("in the Kakuma camps",
        "from Abuja")."""
        if len(ent) != 1 or ent.text in name_words:
            return False
        node = ent.root
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.lower_ in self.locative_prepositions:
                return True
            if node.dep_ not in ("compound", "nmod", "conj", "pobj", "amod") or node.head is node:
                return False
            node = node.head
        return False

    @staticmethod
    def _repeated_names(doc: Doc, people: list[Span]) -> list[Span]:
        """Other occurrences of a name already found in the document, which the model missed ("Akram added …").

        One sense per document: a capitalised proper noun that is a person's name or surname elsewhere in the
        same article, and that nothing else claims, is that person again.
        """
        names = {span.text for span in people} | {span[-1].text for span in people if len(span) > 1}
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
        return repeats

    @staticmethod
    def _rejoin_hyphenated(ent: Span) -> Span:
        """"Jean-Pierre Lacroix" tokenises as Jean - Pierre Lacroix and the model keeps only "Pierre Lacroix"."""
        doc, start = ent.doc, ent.start
        while (
            start >= 2
            and doc[start - 1].text in ("-", "‐", "–")
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].is_title
        ):
            start -= 2
        return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")

    def _names_after_titles(self, doc: Doc) -> list[Span]:
        """The proper nouns right after a title are a person's name: "Ambassador Iftikhar", "Minister Mohsin Naqvi"."""
        names = []
        for title in doc.spans[TITLES_KEY]:
            end = title.end
            while end < len(doc) and self._is_name_token(doc, end):
                end += 1
            if end > title.end:
                name = Span(doc, title.end, end, label="PERSON")
                if not any(token.ent_kb_id_ for token in name):
                    names.append(name)
        return names

    def _is_name_token(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        if token.is_title and token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON", "GPE", "LOC", "ORG", "NORP"):
            return not token.ent_kb_id_
        # the hyphen inside a hyphenated first name: "Jean-Pierre"
        return (
            token.text == "-"
            and not token.whitespace_
            and i + 1 < len(doc)
            and doc[i + 1].is_title
            and i > 0
            and not doc[i - 1].whitespace_
        )

    def _is_misread_person(self, ent: Span) -> bool:
        """A name the model misread: a two- or three-word 'place' acting as a human subject, or the owner of a
        government ("Trump's government")."""
        if ent.kb_id_:
            return False
        root = clean_span(ent).root if len(clean_span(ent)) else ent.root
        if ent.label_ in ("ORG", *PLACE_LABELS) and root.dep_ in ("poss", "nmod") and root.head.lemma_ in self.leader_nouns:
            return all(t.is_title and t.pos_ == "PROPN" for t in clean_span(ent))
        if ent.label_ not in PLACE_LABELS or not 2 <= len(ent) <= 3:
            return False
        if not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in ent):
            return False
        if any(t.text in self.place_affixes for t in ent):
            return False
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in self.person_verbs

    def _drop_titles(self, doc: Doc, span: Span, title_tokens: set[int]) -> Span:
        """A person span starts at the name: titles and honorifics in front of it are left out."""
        start = span.start
        while start < span.end and (start in title_tokens or knowledge.is_honorific(doc[start].text)):
            start += 1
        return Span(doc, start, span.end, label="PERSON")


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> EntityGazetteer:
    return EntityGazetteer(nlp, name)


@Language.factory("kg_titles")
def make_titles(nlp: Language, name: str) -> TitleRecognizer:
    return TitleRecognizer(nlp, name)


@Language.factory("kg_people")
def make_people(nlp: Language, name: str) -> PersonRepair:
    return PersonRepair(nlp, name)
