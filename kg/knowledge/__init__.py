"""Closed-class knowledge that newskg recognises by name: states, UN bodies, other organisations and job titles.

The lists live in YAML files beside this module, so that they can be reviewed and extended without reading code.
This module loads each file once and, before handing anything out, validates and completes it:

* a mistake in a file fails loudly at load time (an unknown ISO code, a misspelt field, a name two entries claim)
  instead of silently making a name unrecognisable or linking a mention to the wrong entity;
* each state gets pycountry's names, so that the YAML lists only the forms pycountry does not know;
* every name gets the spellings news text uses for it (typographic apostrophes, British and American spelling,
  "UN" / "U.N." / "United Nations"), so that the YAML lists each name once.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import pycountry
import yaml

from kg.errors import KnowledgeError
from kg.resolve.names import fold

STATES_FILE = "states.yaml"
UN_BODIES_FILE = "un_bodies.yaml"
ORGANISATIONS_FILE = "organisations.yaml"
TITLES_FILE = "titles.yaml"

STATE_STATUSES = ("member", "observer")
BODY_KINDS = (
    "principal-organ",
    "subsidiary-body",
    "peace-operation",
    "political-mission",
    "department",
    "fund-programme",
    "specialized-agency",
    "related-organization",
    "organization",
)
TITLE_KINDS = ("diplomatic", "government", "legislative", "un", "military", "royal", "honorific")

#: Registry keys become IRI path segments ({base}un/{key}, {base}org/{key}), so they must be slugs.
KEY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_CODE_PATTERN = re.compile(r"[A-Z]{2}")

#: Words that official names spell the British way and much news text the American way, or the reverse:
#: (British, American). Every name is offered in every combination of both spellings.
SPELLING_PAIRS = (
    ("Organisation", "Organization"),
    ("Programme", "Program"),
    ("Labour", "Labor"),
    ("Defence", "Defense"),
    ("Centre", "Center"),
    ("Co-operation", "Cooperation"),
    ("Honourable", "Honorable"),
)
#: A pattern per spelling pair and letter case, compiled once because every name of every file goes through them.
_RESPELLINGS = tuple(
    (re.compile(rf"\b(?:{re.escape(british)}|{re.escape(american)})\b"), (british, american))
    for pair in SPELLING_PAIRS
    for british, american in (pair, (pair[0].lower(), pair[1].lower()))
)
#: The ways news text writes "United Nations" in front of a body's or an official's name; a name written with one
#: of them is offered with each.
UN_PREFIXES = ("United Nations ", "UN ", "U.N. ")
#: libyaml's safe loader when PyYAML was built with it: it parses these files several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Straight and typographic apostrophe: which one an article has depends on its publisher's software.
APOSTROPHES = ("'", "\u2019")


@dataclass(frozen=True)
class StateEntry:
    """A UN member or observer state. ``aliases`` never repeats ``name``; ``demonyms`` are kept apart because they
    are adjectives and plural nouns ("Pakistani", "Pakistanis"), not names of the state."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    status: str
    ambiguous: bool
    alpha3: str
    official_name: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the state itself: ``name`` first, then ``aliases``."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class BodyEntry:
    """A UN organ, mission, department, fund, programme, agency or related organisation."""

    key: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the body: ``name``, ``aliases``, then ``acronyms``."""
        return (self.name, *self.aliases, *self.acronyms)


@dataclass(frozen=True)
class OrganisationEntry:
    """An international organisation outside the UN system."""

    key: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the organisation: ``name``, ``aliases``, then ``acronyms``."""
        return (self.name, *self.aliases, *self.acronyms)


@dataclass(frozen=True)
class TitleEntry:
    """A job title or office ("Permanent Representative") with its spelling variants and abbreviations."""

    title: str
    aliases: tuple[str, ...]
    kind: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every form of the title: ``title`` first, then ``aliases``."""
        return (self.title, *self.aliases)


class _Entities(NamedTuple):
    states: tuple[StateEntry, ...]
    bodies: tuple[BodyEntry, ...]
    organisations: tuple[OrganisationEntry, ...]
    non_entity_names: tuple[str, ...]


class _Titles(NamedTuple):
    titles: tuple[TitleEntry, ...]
    honorifics: tuple[str, ...]
    minister_portfolios: tuple[str, ...]


@lru_cache(maxsize=None)
def states() -> tuple[StateEntry, ...]:
    """The 193 UN member states and 2 observer states, in the order of ``states.yaml``."""
    return _entities().states


@lru_cache(maxsize=None)
def un_bodies() -> tuple[BodyEntry, ...]:
    """UN organs, missions, departments, funds, programmes, agencies and related organisations."""
    return _entities().bodies


@lru_cache(maxsize=None)
def organisations() -> tuple[OrganisationEntry, ...]:
    """International organisations outside the UN system."""
    return _entities().organisations


@lru_cache(maxsize=None)
def non_entity_names() -> tuple[str, ...]:
    """Names that must not be linked to any single state, UN body or organisation.

    Either a longer name that contains an entry's name but denotes something else ("North America", "Lake Chad",
    "National Security Council"), or a form that two entries share ("Congo", "Korean", "ICC"). A matcher matches
    them alongside the entries and keeps the longest match, so that they suppress the wrong link.
    """
    return _entities().non_entity_names


@lru_cache(maxsize=None)
def titles() -> tuple[TitleEntry, ...]:
    """Job titles and offices used in diplomacy news."""
    return _titles().titles


@lru_cache(maxsize=None)
def honorifics() -> tuple[str, ...]:
    """Forms of address that precede a person's name ("Mr", "H.E.", "Sheikh") but are not offices."""
    return _titles().honorifics


@lru_cache(maxsize=None)
def honorific_words() -> frozenset[str]:
    """Honorifics as a token is compared with them: lower case, without the full stop ("mr", "h.e", "dr"), and
    each word of those of several words ("his", "majesty"), since a name span may start inside one."""
    words = {word for form in honorifics() for word in (form, *form.split())}
    return frozenset(word.rstrip(".").lower() for word in words)


def is_honorific(word: str) -> bool:
    """True for a token text that is an honorific ("Mr.", "Dr", "H.E.")."""
    return word.rstrip(".").lower() in honorific_words()


@lru_cache(maxsize=None)
def minister_portfolios() -> tuple[str, ...]:
    """Portfolios that form "Minister for/of <portfolio>" and "<portfolio> Minister" titles."""
    return _titles().minister_portfolios


def match_as_written(form: str) -> bool:
    """Whether a matcher must match ``form`` with its exact capitalisation instead of in any case.

    True for abbreviations and acronyms, whose lower-case spellings are ordinary words or mean something else:
    "US" (us), "CAR" (car), "PNG", "PM" (5 pm), "Gen.", "Lt. Gen.", "BiH", "IsDB". That is, every word of the form
    has no lower-case letter, ends in a full stop, or has a capital right after a lower-case letter. Names with at
    least one ordinary word ("St. Lucia", "UN Security Council") can be matched in any case.
    """
    return all(
        not any(char.islower() for char in word) or word.endswith(".") or re.search(r"[a-z][A-Z]", word)
        for word in form.split()
    )


@lru_cache(maxsize=None)
def _entities() -> _Entities:
    """Load the three entity files together, because a name may belong to only one entry across all of them."""
    states_file = _top_level(STATES_FILE, "states", "not_states")
    bodies_file = _top_level(UN_BODIES_FILE, "bodies", "not_un_bodies")
    organisations_file = _top_level(ORGANISATIONS_FILE, "organisations", "not_organisations")
    not_states = _strings(states_file["not_states"], STATES_FILE, "not_states")
    not_bodies = _strings(bodies_file["not_un_bodies"], UN_BODIES_FILE, "not_un_bodies")
    not_organisations = _strings(organisations_file["not_organisations"], ORGANISATIONS_FILE, "not_organisations")
    for file, label, names in (
        (STATES_FILE, "not_states", not_states),
        (UN_BODIES_FILE, "not_un_bodies", not_bodies),
        (ORGANISATIONS_FILE, "not_organisations", not_organisations),
    ):
        _check_forms(names, file, label)
    entities = _Entities(
        states=tuple(_parse_states(states_file["states"], {fold(name) for name in not_states})),
        bodies=tuple(_parse_bodies(bodies_file["bodies"])),
        organisations=tuple(_parse_organisations(organisations_file["organisations"])),
        non_entity_names=_with_variants([*not_states, *not_bodies, *not_organisations]),
    )
    _check_unique_forms(
        [
            *((STATES_FILE, f"state {s.code}", (*s.names, *s.demonyms)) for s in entities.states),
            *((UN_BODIES_FILE, f"body {b.key}", b.names) for b in entities.bodies),
            *((ORGANISATIONS_FILE, f"organisation {o.key}", o.names) for o in entities.organisations),
            (STATES_FILE, "not_states", not_states),
            (UN_BODIES_FILE, "not_un_bodies", not_bodies),
            (ORGANISATIONS_FILE, "not_organisations", not_organisations),
        ]
    )
    return entities


@lru_cache(maxsize=None)
def _titles() -> _Titles:
    data = _top_level(TITLES_FILE, "titles", "honorifics", "minister_portfolios")
    entries = []
    for index, raw in enumerate(data["titles"]):
        label = _entry_label(raw, "title", index)
        fields = _fields(raw, TITLES_FILE, label, {"title": str, "kind": str, "aliases": list})
        _check_choice(fields["kind"], TITLE_KINDS, TITLES_FILE, label, "kind")
        written = [fields["title"], *_strings(fields["aliases"], TITLES_FILE, label)]
        _check_forms(written, TITLES_FILE, label)
        entries.append(TitleEntry(fields["title"], _aliases(fields["title"], written), fields["kind"]))
    honorific_forms = _strings(data["honorifics"], TITLES_FILE, "honorifics")
    portfolios = _strings(data["minister_portfolios"], TITLES_FILE, "minister_portfolios")
    _check_forms([*honorific_forms, *portfolios], TITLES_FILE, "honorifics / minister_portfolios")
    _check_unique_forms(
        [
            *((TITLES_FILE, f"title {entry.title!r}", entry.names) for entry in entries),
            (TITLES_FILE, "honorifics", honorific_forms),
        ]
    )
    return _Titles(tuple(entries), _with_variants(honorific_forms), _with_variants(portfolios))


def _parse_states(raws: list[Any], not_states: set[str]) -> list[StateEntry]:
    entries = []
    for index, raw in enumerate(raws):
        label = _entry_label(raw, "code", index)
        fields = _fields(
            raw,
            STATES_FILE,
            label,
            {"code": str, "name": str, "status": str, "aliases": list, "demonyms": list},
            optional={"ambiguous": bool},
        )
        code = fields["code"]
        country = pycountry.countries.get(alpha_2=code) if ISO_CODE_PATTERN.fullmatch(code) else None
        if country is None:
            raise KnowledgeError(STATES_FILE, label, f"{code!r} is not an ISO 3166-1 alpha-2 code known to pycountry")
        _check_choice(fields["status"], STATE_STATUSES, STATES_FILE, label, "status")
        written = [fields["name"], *_strings(fields["aliases"], STATES_FILE, label)]
        demonyms = _strings(fields["demonyms"], STATES_FILE, label)
        _check_forms([*written, *demonyms], STATES_FILE, label)
        for form in (*written, *demonyms):
            if fold(form) in not_states:
                raise KnowledgeError(STATES_FILE, label, f"{form!r} is listed under not_states")
        # pycountry's names are added unless they must link to no single state: pycountry calls the Republic of
        # the Congo just "Congo".
        official_name = getattr(country, "official_name", None)
        from_pycountry = [
            _running_text_form(name)
            for name in (country.name, official_name, getattr(country, "common_name", None))
            if name
        ]
        entries.append(
            StateEntry(
                code=code,
                name=fields["name"],
                aliases=_aliases(
                    fields["name"], [*written, *(name for name in from_pycountry if fold(name) not in not_states)]
                ),
                demonyms=_with_variants(demonyms),
                status=fields["status"],
                ambiguous=fields.get("ambiguous", False),
                alpha3=country.alpha_3,
                official_name=_running_text_form(official_name or country.name),
            )
        )
    _check_unique_ids([entry.code for entry in entries], STATES_FILE, "code")
    return entries


def _parse_bodies(raws: list[Any]) -> list[BodyEntry]:
    schema = {"key": str, "name": str, "kind": str, "acronyms": list, "aliases": list}
    entries = []
    for label, fields, acronyms, aliases in _named_entries(raws, UN_BODIES_FILE, schema):
        _check_choice(fields["kind"], BODY_KINDS, UN_BODIES_FILE, label, "kind")
        entries.append(BodyEntry(fields["key"], fields["name"], acronyms, aliases, fields["kind"]))
    return entries


def _parse_organisations(raws: list[Any]) -> list[OrganisationEntry]:
    schema = {"key": str, "name": str, "acronyms": list, "aliases": list}
    return [
        OrganisationEntry(fields["key"], fields["name"], acronyms, aliases)
        for _, fields, acronyms, aliases in _named_entries(raws, ORGANISATIONS_FILE, schema)
    ]


def _named_entries(
    raws: list[Any], file: str, schema: Mapping[str, type]
) -> list[tuple[str, dict[str, Any], tuple[str, ...], tuple[str, ...]]]:
    """The checked fields, acronyms and completed aliases of each keyed entry, with the label errors name it by."""
    parsed = []
    for index, raw in enumerate(raws):
        label = _entry_label(raw, "key", index)
        fields = _fields(raw, file, label, schema)
        if not KEY_PATTERN.fullmatch(fields["key"]):
            raise KnowledgeError(file, label, f"key {fields['key']!r} is not a lowercase slug")
        written = [fields["name"], *_strings(fields["aliases"], file, label)]
        acronyms = _strings(fields["acronyms"], file, label)
        _check_forms([*written, *acronyms], file, label)
        parsed.append((label, fields, tuple(dict.fromkeys(acronyms)), _aliases(fields["name"], written)))
    _check_unique_ids([fields["key"] for _, fields, _, _ in parsed], file, "key")
    return parsed


def _read(file: str) -> Any:
    """Parse one knowledge file; read through importlib.resources so that an installed package finds its data."""
    text = resources.files(__name__).joinpath(file).read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise KnowledgeError(file, "YAML", str(error)) from error


def _top_level(file: str, *lists: str) -> dict[str, Any]:
    """The file's top-level mapping, which must consist of exactly the lists named."""
    return _fields(_read(file), file, "top level", dict.fromkeys(lists, list))


def _fields(
    raw: Any, file: str, label: str, schema: Mapping[str, type], optional: Mapping[str, type] | None = None
) -> dict[str, Any]:
    """Check that ``raw`` is a mapping with exactly the fields of ``schema`` (plus any of ``optional``), each of
    its type. Unknown fields are refused so that a misspelt one ("alias:") is not silently ignored."""
    optional = optional or {}
    if not isinstance(raw, dict):
        raise KnowledgeError(file, label, f"expected a mapping, found {raw!r}")
    unknown = sorted(map(str, set(raw) - set(schema) - set(optional)))
    if unknown:
        raise KnowledgeError(file, label, f"unknown field(s) {', '.join(unknown)}")
    missing = sorted(set(schema) - set(raw))
    if missing:
        raise KnowledgeError(file, label, f"missing field(s) {', '.join(missing)}")
    for field, value in raw.items():
        expected = schema.get(field) or optional[field]
        if not isinstance(value, expected):
            # YAML reads some unquoted strings as other types: NO (Norway's code) as false, 1540 as a number.
            hint = " (quote it)" if expected is str else ""
            raise KnowledgeError(file, label, f"field {field!r} must be a {expected.__name__}, found {value!r}{hint}")
    return raw


def _strings(values: list[Any], file: str, label: str) -> list[str]:
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise KnowledgeError(file, label, f"{value!r} is not a non-empty string (quote it)")
    return values


def _check_forms(forms: Iterable[str], file: str, label: str) -> None:
    for form in forms:
        if form != " ".join(form.split()):
            raise KnowledgeError(file, label, f"{form!r} has stray whitespace")
        if form.lower().startswith("the "):
            raise KnowledgeError(file, label, f"{form!r} starts with 'the'; matchers handle determiners themselves")


def _check_choice(value: str, choices: tuple[str, ...], file: str, label: str, field: str) -> None:
    if value not in choices:
        raise KnowledgeError(file, label, f"{field} {value!r} is not one of {', '.join(choices)}")


def _check_unique_ids(ids: list[str], file: str, field: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise KnowledgeError(file, f"{field} {value!r}", "used by more than one entry")
        seen.add(value)


def _check_unique_forms(owners: Iterable[tuple[str, str, Iterable[str]]]) -> None:
    """Refuse a form that two owners claim (compared ignoring case and apostrophe style): a matcher could not tell
    which one a mention means. A form that really belongs to two entries is removed from both and listed under the
    file's not_* names instead."""
    seen: dict[str, tuple[str, str]] = {}
    for file, label, forms in owners:
        for form in forms:
            owner = seen.setdefault(fold(form), (file, label))
            if owner != (file, label):
                raise KnowledgeError(
                    file,
                    label,
                    f"{form!r} also names {owner[1]} in {owner[0]}; if it really belongs to both, remove it from "
                    "both and list it under the file's not_* names",
                )


def _entry_label(raw: Any, id_field: str, index: int) -> str:
    value = raw.get(id_field) if isinstance(raw, dict) else None
    return f"entry {index + 1} ({value})" if value is not None else f"entry {index + 1}"


def _aliases(name: str, written: Iterable[str]) -> tuple[str, ...]:
    """Every spelling of every written form except ``name`` itself, in the order written."""
    return tuple(form for form in _with_variants(written) if form != name)


def _with_variants(forms: Iterable[str]) -> tuple[str, ...]:
    """``forms`` in order, each followed by its other spellings, without repeats."""
    return tuple(dict.fromkeys(variant for form in forms for variant in _variants(form)))


def _variants(form: str) -> list[str]:
    """``form`` first, then the other spellings news text uses for the same name."""
    forms = [form]
    for prefix in UN_PREFIXES:
        if form.startswith(prefix):
            forms += [other + form[len(prefix):] for other in UN_PREFIXES]
            break
    # Each word is respelt independently of the others, because publishers mix spellings
    # ("Organisation for Economic Cooperation").
    for pattern, words in _RESPELLINGS:
        if any(pattern.search(text) for text in forms):
            forms = list(dict.fromkeys([*forms, *(pattern.sub(word, text) for text in forms for word in words)]))
    unified = [text.replace("\u2019", "'") for text in forms]
    return list(dict.fromkeys([*forms, *(text.replace("'", mark) for text in unified for mark in APOSTROPHES)]))


def _running_text_form(name: str) -> str:
    """pycountry's list form of a name as running text writes it: "Korea, Republic of" → "Republic of Korea",
    "Holy See (Vatican City State)" → "Holy See", "the State of Eritrea" → "State of Eritrea"."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    head, comma, tail = name.partition(", ")
    if comma:
        name = f"{tail} {head}"
    return name[4:] if name.lower().startswith("the ") else name


LINGUISTIC_FILE = "linguistic.yaml"
EVENTS_FILE = "events.yaml"
CLAIMS_FILE = "claims.yaml"


@lru_cache(maxsize=None)
def linguistic() -> dict[str, tuple[str, ...]]:
    """Word lists the spaCy components use: place affixes, human-subject verbs, award heads, function words."""
    data = _read(LINGUISTIC_FILE)
    return {name: tuple(_strings(words, LINGUISTIC_FILE, name)) for name, words in data.items()}


@lru_cache(maxsize=None)
def events() -> dict[str, Any]:
    """Event triggers and role rules by event type, and the words of each vote choice (see ``events.yaml``)."""
    return _read(EVENTS_FILE)


@lru_cache(maxsize=None)
def claims() -> dict[str, Any]:
    """Counted nouns, verb senses, hedges, currencies and units of numeric claims (see ``claims.yaml``)."""
    return _read(CLAIMS_FILE)


@lru_cache(maxsize=None)
def _index() -> dict[str, StateEntry | BodyEntry | OrganisationEntry]:
    return {
        **{f"state:{s.code}": s for s in states()},
        **{f"un:{b.key}": b for b in un_bodies()},
        **{f"org:{o.key}": o for o in organisations()},
    }


def state(code: str) -> StateEntry:
    """The state with ISO 3166-1 alpha-2 ``code``."""
    return _index()[f"state:{code}"]  # type: ignore[return-value]


def un_body(key: str) -> BodyEntry:
    """The UN body with registry ``key``."""
    return _index()[f"un:{key}"]  # type: ignore[return-value]


def organisation(key: str) -> OrganisationEntry:
    """The international organisation with registry ``key``."""
    return _index()[f"org:{key}"]  # type: ignore[return-value]
