"""The knowledge files: coverage of the closed classes, the aliases news text uses, and the loader's checks."""
from __future__ import annotations

import copy
from collections import Counter

import pytest

import kg.knowledge as knowledge
from kg.errors import NewsKGError
from kg.knowledge import KnowledgeError


def _fold(form: str) -> str:
    return " ".join(form.replace("\u2019", "'").casefold().split())


@pytest.fixture(scope="module")
def state_by_form() -> dict[str, str]:
    """Every state name, alias and demonym → ISO code."""
    return {form: state.code for state in knowledge.states() for form in (*state.names, *state.demonyms)}


@pytest.fixture(scope="module")
def body_by_form() -> dict[str, str]:
    return {form: body.key for body in knowledge.un_bodies() for form in body.names}


@pytest.fixture(scope="module")
def organisation_by_form() -> dict[str, str]:
    return {form: org.key for org in knowledge.organisations() for form in org.names}


@pytest.fixture(scope="module")
def title_forms() -> dict[str, str]:
    """Every title form → its canonical title."""
    return {form: entry.title for entry in knowledge.titles() for form in entry.names}


# ---- states ----------------------------------------------------------------------------------------------------


def test_all_un_members_and_observers() -> None:
    states = knowledge.states()
    assert len(states) == 195
    assert Counter(state.status for state in states) == {"member": 193, "observer": 2}
    assert {state.code for state in states if state.status == "observer"} == {"VA", "PS"}
    assert len({state.code for state in states}) == 195


@pytest.mark.parametrize("code", ["XK", "TW", "EH", "HK", "PR"])
def test_entities_that_are_not_un_states_are_absent(code: str) -> None:
    assert code not in {state.code for state in knowledge.states()}


@pytest.mark.parametrize("form", ["Kosovo", "Taiwan", "Western Sahara", "Kashmir", "Somaliland"])
def test_non_state_names_do_not_resolve(state_by_form: dict[str, str], form: str) -> None:
    assert form not in state_by_form


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("St. Lucia", "LC"),
        ("St Lucia", "LC"),
        ("Saint Lucia", "LC"),
        ("Bosnia", "BA"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),  # pycountry's "Korea, Republic of", un-inverted
        ("ROK", "KR"),
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("Republic of Kiribati", "KI"),  # pycountry's official name
        ("Commonwealth of Dominica", "DM"),
        ("Dominican Republic", "DO"),
        ("St. Kitts and Nevis", "KN"),
        ("Saint Vincent and the Grenadines", "VC"),
        ("US", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Côte d\u2019Ivoire", "CI"),  # typographic apostrophe, added by the loader
        ("Burma", "MM"),
        ("East Timor", "TL"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Czechia", "CZ"),
        ("Eswatini", "SZ"),
        ("DRC", "CD"),
        ("Congo-Brazzaville", "CG"),
        ("Holy See", "VA"),
        ("Vatican", "VA"),
        ("State of Palestine", "PS"),
        ("People\u2019s Republic of China", "CN"),
    ],
)
def test_state_aliases_resolve(state_by_form: dict[str, str], form: str, code: str) -> None:
    assert state_by_form[form] == code


@pytest.mark.parametrize(
    ("demonym", "code"),
    [
        ("Pakistani", "PK"),
        ("Pakistanis", "PK"),
        ("Saint Lucian", "LC"),
        ("St. Lucian", "LC"),
        ("Russian", "RU"),
        ("American", "US"),
        ("British", "GB"),
        ("Chinese", "CN"),
        ("South Korean", "KR"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Filipino", "PH"),
        ("Emirati", "AE"),
    ],
)
def test_demonyms(demonym: str, code: str) -> None:
    state = next(state for state in knowledge.states() if state.code == code)
    assert demonym in state.demonyms


@pytest.mark.parametrize("form", ["Korean", "Congolese", "Dominican", "Congo", "Korea"])
def test_forms_two_states_share_link_to_neither(state_by_form: dict[str, str], form: str) -> None:
    assert form not in state_by_form
    assert form in knowledge.non_entity_names()


def test_pycountry_fills_codes_and_official_names() -> None:
    by_code = {state.code: state for state in knowledge.states()}
    assert by_code["PK"].alpha3 == "PAK"
    assert by_code["PK"].official_name == "Islamic Republic of Pakistan"
    assert by_code["KR"].official_name == "Republic of Korea"  # no official name in pycountry: its name, un-inverted
    assert by_code["VA"].official_name == "Holy See"
    assert by_code["PS"].official_name == "State of Palestine"  # pycountry's "the State of Palestine"
    assert all(len(state.alpha3) == 3 for state in by_code.values())


def test_no_list_forms_of_pycountry_names() -> None:
    for state in knowledge.states():
        for form in state.names:
            assert ", " not in form and "(" not in form, (state.code, form)


@pytest.mark.parametrize("code", ["TD", "JO", "TR", "GE", "GN"])
def test_names_that_are_also_words_are_flagged(code: str) -> None:
    assert next(state for state in knowledge.states() if state.code == code).ambiguous


def test_ordinary_names_are_not_flagged() -> None:
    by_code = {state.code: state for state in knowledge.states()}
    assert not any(by_code[code].ambiguous for code in ("PK", "IN", "US", "LC", "KR"))


# ---- UN bodies and organisations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("UNSC", "security-council"),
        ("Security Council", "security-council"),
        ("UN Security Council", "security-council"),
        ("U.N. Security Council", "security-council"),
        ("United Nations Security Council", "security-council"),
        ("UNGA", "general-assembly"),
        ("UN General Assembly", "general-assembly"),
        ("UNMOGIP", "unmogip"),
        ("United Nations Military Observer Group in India and Pakistan", "unmogip"),
        ("United Nations Military Observers Group in India and Pakistan", "unmogip"),
        ("MONUSCO", "monusco"),
        ("UNHCR", "unhcr"),
        ("UN", "united-nations"),
        ("U.N.", "united-nations"),
        ("United Nations", "united-nations"),
        ("UN Human Rights Council", "human-rights-council"),
        ("Peacebuilding Commission", "peacebuilding-commission"),
        ("DPO", "dpo"),
        ("Department of Operational Support", "dos"),
        ("UN Environment Programme", "unep"),
        ("UN Environment Program", "unep"),  # American spelling, added by the loader
        ("World Food Program", "wfp"),
        ("UN Office on Drugs and Crime", "unodc"),
        ("UN Economic and Social Commission for Western Asia", "escwa"),
        ("UN Interim Force in Lebanon", "unifil"),
        ("UN Children\u2019s Fund", "unicef"),
        ("International Labor Organization", "ilo"),
        ("WTO", "wto"),
        ("IAEA", "iaea"),
    ],
)
def test_body_forms_resolve(body_by_form: dict[str, str], form: str, key: str) -> None:
    assert body_by_form[form] == key


def test_body_kinds_and_coverage() -> None:
    bodies = knowledge.un_bodies()
    kinds = Counter(body.kind for body in bodies)
    assert len(bodies) >= 100
    assert set(kinds) == set(knowledge.BODY_KINDS)
    keys = {body.key for body in bodies}
    assert {"unmogip", "monusco", "unmiss", "unifil", "minusca", "minusma", "unficyp", "undof", "untso", "unisfa",
            "unmik", "minurso", "unama", "unami", "unsmil", "binuh", "dpo", "dppa", "dos", "ocha", "ohchr", "unhcr",
            "unicef", "undp", "wfp", "who", "unesco", "ilo", "iaea", "fao", "imf", "world-bank", "unrwa", "unfpa",
            "un-women", "peacebuilding-commission", "human-rights-council", "ecosoc"} <= keys


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("NATO", "nato"),
        ("EU", "european-union"),
        ("AU", "african-union"),
        ("OIC", "oic"),
        ("Organisation of Islamic Cooperation", "oic"),
        ("Organization of Islamic Cooperation", "oic"),
        ("SAARC", "saarc"),
        ("ASEAN", "asean"),
        ("SCO", "sco"),
        ("BRICS", "brics"),
        ("G7", "g7"),
        ("G20", "g20"),
        ("OSCE", "osce"),
        ("Arab League", "arab-league"),
        ("League of Arab States", "arab-league"),
        ("GCC", "gcc"),
        ("Commonwealth", "commonwealth"),
        ("Commonwealth of Nations", "commonwealth"),
        ("International Criminal Court", "international-criminal-court"),
        ("Interpol", "interpol"),
        ("OPEC", "opec"),
        ("ICRC", "icrc"),
        ("Non-Aligned Movement", "non-aligned-movement"),
        ("ECOWAS", "ecowas"),
    ],
)
def test_organisation_forms_resolve(organisation_by_form: dict[str, str], form: str, key: str) -> None:
    assert organisation_by_form[form] == key


def test_acronyms_two_organisations_share_are_nobodys(organisation_by_form: dict[str, str]) -> None:
    assert "ICC" not in organisation_by_form  # International Criminal Court or International Cricket Council
    assert "ICC" in knowledge.non_entity_names()


def test_un_related_organisations_are_not_duplicated_as_organisations(organisation_by_form: dict[str, str]) -> None:
    assert not {"WTO", "IAEA", "IOM", "World Bank", "IMF"} & set(organisation_by_form)


def test_no_form_names_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for state in knowledge.states():
        for form in (*state.names, *state.demonyms):
            owners.setdefault(_fold(form), set()).add(f"state {state.code}")
    for body in knowledge.un_bodies():
        for form in body.names:
            owners.setdefault(_fold(form), set()).add(f"body {body.key}")
    for org in knowledge.organisations():
        for form in org.names:
            owners.setdefault(_fold(form), set()).add(f"org {org.key}")
    shared = {form: names for form, names in owners.items() if len(names) > 1}
    assert not shared
    assert not set(owners) & {_fold(name) for name in knowledge.non_entity_names()}


def test_keys_are_slugs_and_no_form_starts_with_the() -> None:
    for entry in (*knowledge.un_bodies(), *knowledge.organisations()):
        assert knowledge.KEY_PATTERN.fullmatch(entry.key), entry.key
    forms = [form for state in knowledge.states() for form in (*state.names, *state.demonyms)]
    forms += [form for entry in (*knowledge.un_bodies(), *knowledge.organisations()) for form in entry.names]
    forms += [form for entry in knowledge.titles() for form in entry.names]
    assert not [form for form in forms if form.lower().startswith("the ")]


def test_aliases_never_repeat_the_name() -> None:
    for entry in (*knowledge.states(), *knowledge.un_bodies(), *knowledge.organisations()):
        assert entry.name not in entry.aliases
        assert len(entry.aliases) == len(set(entry.aliases))


# ---- titles ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Permanent Representative",
        "Ambassador",
        "Foreign Minister",
        "Minister for Foreign Affairs",
        "Interior Minister",
        "Federal Minister for Interior",
        "Prime Minister",
        "President",
        "Secretary-General",
        "Under-Secretary-General",
        "Assistant Secretary-General",
        "Deputy Permanent Representative",
        "Special Envoy",
        "Special Representative of the Secretary-General",
        "High Commissioner",
        "Spokesperson",
        "Foreign Secretary",
        "Chief of Army Staff",
        "King",
        "Queen",
        "Emir",
        "Chancellor",
        "Senator",
        "Governor",
        "Chief Minister",
        "Minister of State",
        "Secretary of State",
        "National Security Adviser",
        "Director-General",
        "Executive Director",
        "Commissioner",
        "Envoy",
        "diplomat",
        "General",
    ],
)
def test_titles_present(title: str) -> None:
    assert title in {entry.title for entry in knowledge.titles()}


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("Secretary General", "Secretary-General"),
        ("UN Secretary-General", "Secretary-General"),
        ("U.N. Secretary-General", "Secretary-General"),
        ("Under Secretary General", "Under-Secretary-General"),
        ("Under-Secretary General", "Under-Secretary-General"),
        ("Spokesman", "Spokesperson"),
        ("Spokeswoman", "Spokesperson"),
        ("FM", "Foreign Minister"),
        ("PM", "Prime Minister"),
        ("Amb.", "Ambassador"),
        ("Defense Minister", "Defence Minister"),
        ("Lt Gen", "Lieutenant General"),
        ("Charg\u00e9 d\u2019Affaires", "Charg\u00e9 d'Affaires"),
    ],
)
def test_title_aliases(title_forms: dict[str, str], form: str, title: str) -> None:
    assert title_forms[form] == title


def test_title_kinds() -> None:
    assert {entry.kind for entry in knowledge.titles()} == set(knowledge.TITLE_KINDS)


def test_honorifics_and_portfolios() -> None:
    assert {"Mr", "Mr.", "Mrs", "Ms", "Dr", "Dr.", "H.E.", "His Excellency", "Her Excellency", "Sheikh", "Sir",
            "Dame", "Prof."} <= set(knowledge.honorifics())
    assert {"Foreign Affairs", "Interior", "Defence", "Defense", "Finance", "Information", "Planning",
            "Human Rights", "Law", "Commerce", "Climate Change"} <= set(knowledge.minister_portfolios())


def test_honorifics_are_not_titles(title_forms: dict[str, str]) -> None:
    assert not {_fold(form) for form in knowledge.honorifics()} & {_fold(form) for form in title_forms}


# ---- loader ----------------------------------------------------------------------------------------------------


LOADERS = (
    knowledge.states,
    knowledge.un_bodies,
    knowledge.organisations,
    knowledge.non_entity_names,
    knowledge.titles,
    knowledge.honorifics,
    knowledge.minister_portfolios,
)


@pytest.mark.parametrize("loader", LOADERS)
def test_loaders_are_cached(loader) -> None:
    assert loader() is loader()


def test_entries_are_immutable() -> None:
    with pytest.raises(AttributeError):
        knowledge.states()[0].name = "Elsewhere"  # type: ignore[misc]


@pytest.fixture
def patched_files(monkeypatch):
    """Make the loader read edited copies of the real files; returns the dict of parsed files to edit."""
    files = {name: copy.deepcopy(knowledge._read(name)) for name in
             (knowledge.STATES_FILE, knowledge.UN_BODIES_FILE, knowledge.ORGANISATIONS_FILE, knowledge.TITLES_FILE)}
    monkeypatch.setattr(knowledge, "_read", files.__getitem__)
    _clear_caches()
    yield files
    _clear_caches()


def _clear_caches() -> None:
    """Forget every file the module has loaded, so that the next call reads (and checks) the files again."""
    for function in vars(knowledge).values():
        if hasattr(function, "cache_clear"):
            function.cache_clear()


def test_unknown_state_code_is_refused(patched_files) -> None:
    patched_files[knowledge.STATES_FILE]["states"][0]["code"] = "ZZ"
    with pytest.raises(KnowledgeError, match=r"states\.yaml: entry 1 \(ZZ\): 'ZZ' is not an ISO 3166-1"):
        knowledge.states()


def test_unquoted_norway_code_is_explained(patched_files) -> None:
    norway = next(s for s in patched_files[knowledge.STATES_FILE]["states"] if s["code"] == "NO")
    norway["code"] = False  # what YAML makes of an unquoted NO
    with pytest.raises(KnowledgeError, match=r"field 'code' must be a str, found False \(quote it\)"):
        knowledge.states()


def test_duplicate_key_is_refused(patched_files) -> None:
    bodies = patched_files[knowledge.UN_BODIES_FILE]["bodies"]
    bodies.append({**bodies[1], "name": "Another", "acronyms": [], "aliases": []})
    with pytest.raises(KnowledgeError, match=r"key 'general-assembly'.*more than one entry"):
        knowledge.un_bodies()


def test_alias_shared_across_files_names_both_entries(patched_files) -> None:
    organisations = patched_files[knowledge.ORGANISATIONS_FILE]["organisations"]
    nato = next(org for org in organisations if org["key"] == "nato")
    nato["aliases"].append("UN Security Council")
    with pytest.raises(KnowledgeError, match=r"organisation nato.*also names body security-council"):
        knowledge.organisations()


def test_demonym_shared_by_two_states_is_refused(patched_files) -> None:
    for state in patched_files[knowledge.STATES_FILE]["states"]:
        if state["code"] in ("GN", "GQ"):
            state["demonyms"].append("West Coast Guinean")
    with pytest.raises(KnowledgeError, match=r"state G[NQ].*also names state G[NQ]"):
        knowledge.states()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda body: body.update(alias=[]), r"unknown field\(s\) alias"),
        (lambda body: body.pop("kind"), r"missing field\(s\) kind"),
        (lambda body: body.update(kind="agency"), r"kind 'agency' is not one of"),
        (lambda body: body.update(key="Security Council"), r"not a lowercase slug"),
        (lambda body: body["aliases"].append("the Council"), r"starts with 'the'"),
        (lambda body: body["aliases"].append(1540), r"1540 is not a non-empty string"),
    ],
)
def test_malformed_entries_are_refused(patched_files, edit, message: str) -> None:
    edit(patched_files[knowledge.UN_BODIES_FILE]["bodies"][2])
    with pytest.raises(KnowledgeError, match=message):
        knowledge.un_bodies()


def test_state_form_listed_as_non_state_is_refused(patched_files) -> None:
    patched_files[knowledge.STATES_FILE]["not_states"].append("Pakistani")
    with pytest.raises(KnowledgeError, match=r"'Pakistani' is listed under not_states"):
        knowledge.states()


def test_title_alias_shared_by_two_titles_is_refused(patched_files) -> None:
    titles = patched_files[knowledge.TITLES_FILE]["titles"]
    next(t for t in titles if t["title"] == "Field Marshal")["aliases"].append("FM")
    expected = r"titles\.yaml: title 'Field Marshal'.*also names title 'Foreign Minister'"
    with pytest.raises(KnowledgeError, match=expected):
        knowledge.titles()


def test_knowledge_errors_reach_the_cli_as_newskg_errors() -> None:
    assert issubclass(KnowledgeError, NewsKGError)


@pytest.mark.parametrize("form", ["US", "U.S.", "CAR", "PNG", "PM", "Gen.", "Lt. Gen.", "BiH", "IsDB", "UN DESA"])
def test_abbreviations_are_matched_as_written(form: str) -> None:
    assert knowledge.match_as_written(form)


@pytest.mark.parametrize("form", ["St. Lucia", "Pakistan", "UN Security Council", "UN-Habitat", "Saint Lucian"])
def test_names_are_matched_in_any_case(form: str) -> None:
    assert not knowledge.match_as_written(form)
