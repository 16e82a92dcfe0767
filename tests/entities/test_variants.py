"""Merging a story's name variants into entities, on fictional articles.

The mentions are given, so that each rule is tested on its own, without the recogniser: a
name in brackets with its kind, "[Mr Verell|P]" (P person, O organisation, L place), is a
mention of the form "Mr Verell" in the article's text. What is checked is what a user sees:
which forms make one entity, its name and kind, and which article used which form.
"""

from __future__ import annotations

import re

import pytest

from storydesk.entities import Entity, Recognised, story_entities

_MARK = re.compile(r"\[([^\[\]|]+)\|([POL])\]")
_KINDS = {"P": "PERSON", "O": "ORG", "L": "PLACE"}


def marked(text: str) -> tuple[str, list[Recognised]]:
    """The plain text of a marked-up article and its mentions."""
    plain, found, pos, length = [], [], 0, 0
    for match in _MARK.finditer(text):
        before = text[pos:match.start()]
        plain.append(before)
        length += len(before)
        form = match.group(1)
        found.append(Recognised(length, length + len(form), form, _KINDS[match.group(2)]))
        plain.append(form)
        length += len(form)
        pos = match.end()
    plain.append(text[pos:])
    return "".join(plain), found


def story(*texts: str) -> list[Entity]:
    """The entities of a story whose articles, "a1", "a2", ..., are the marked texts."""
    articles, mentions = [], []
    for number, text in enumerate(texts, start=1):
        plain, found = marked(text)
        articles.append((f"a{number}", plain))
        mentions.append(found)
    return story_entities(articles, mentions)


def entity_using(entities: list[Entity], form: str) -> Entity:
    """The one entity that has `form` among its variants."""
    found = [e for e in entities if form in e.variants]
    assert len(found) == 1, [e.to_dict() for e in entities]
    return found[0]


def apart(entities: list[Entity], *forms: str) -> bool:
    """Each form is in an entity, and no two of them in the same one."""
    owners = [entity_using(entities, form).name for form in forms]
    return len(set(owners)) == len(forms)


def not_reported(entities: list[Entity], form: str) -> bool:
    """No entity has the form."""
    return all(form not in e.variants for e in entities)


# --- people -------------------------------------------------------------------------------

def test_honorifics_titles_and_descriptions_are_not_part_of_a_persons_name() -> None:
    entities = story(
        "[Tomas Verell|P], a spokesman for the port, said it would reopen. "
        "[Mr Verell|P] added that pilots were ready.",
        "Port spokesman [Tomas Verell|P] told reporters the channel was safe. "
        "[Mr. Verell|P] declined to give a date.",
        "[Verell|P] said an inquiry would start on Monday.",
        "Speaking for the port, [harbour authority spokesman Tomas Verell|P] said the ferry "
        "had not been cleared to sail.",
        "[T. Verell|P] was not available for comment.",
    )
    person = entity_using(entities, "Tomas Verell")
    assert person.name == "Tomas Verell"
    assert person.kind == "PERSON"
    assert person.variants == {
        "Tomas Verell": ["a1", "a2"],
        "Mr Verell": ["a1"],
        "Mr. Verell": ["a2"],
        "Verell": ["a3"],
        "harbour authority spokesman Tomas Verell": ["a4"],
        "T. Verell": ["a5"],
    }
    assert len(entities) == 1


def test_office_titles_rendered_differently_are_one_person() -> None:
    entities = story(
        "[Foreign Secretary Ilse Brandt|P] said talks would resume.",
        "[Foreign Minister Ilse Brandt|P] said the talks would resume soon.",
        "[Ilse Brandt|P], the foreign secretary, spoke in [Skelde|L]. [Brandt|P] left early.",
    )
    person = entity_using(entities, "Foreign Secretary Ilse Brandt")
    assert person.name == "Ilse Brandt"
    assert set(person.variants) == {"Foreign Secretary Ilse Brandt",
                                    "Foreign Minister Ilse Brandt", "Ilse Brandt", "Brandt"}


def test_two_people_sharing_a_surname_stay_apart_and_the_bare_surname_joins_neither() -> None:
    entities = story(
        "[Marta Kell|P], the mayor of [Skelde|L], said her brother [Jonas Kell|P] was among "
        "the rescued. [Kell|P] said the ferry should never have sailed.",
        "[Jonas Kell|P] thanked the lifeboat crews. [Mrs Kell|P] was at the harbour.",
    )
    marta, jonas = entity_using(entities, "Marta Kell"), entity_using(entities, "Jonas Kell")
    assert marta is not jonas
    # "her brother Jonas Kell": he is a man, so "Mrs Kell" is Marta.
    assert marta.variants == {"Marta Kell": ["a1"], "Mrs Kell": ["a2"]}
    assert jonas.variants == {"Jonas Kell": ["a1", "a2"]}
    assert not_reported(entities, "Kell")
    assert {e.name for e in entities} == {"Marta Kell", "Jonas Kell", "Skelde"}


def test_a_word_of_kin_before_a_name_tells_a_gender_unless_it_is_someone_elses() -> None:
    """"his sister Sarvi Reinholt" is a woman; in "the mother of Aurin Kell" the mother is
    someone else, and Aurin's gender stays unknown (nor does the given name tell it)."""
    entities = story("Awkwardly, his sister [Sarvi Reinholt|P] is the chief whip. "
                     "[Kaelo Reinholt|P] left early; he did not vote.", "[Ms Reinholt|P] spoke.")
    assert set(entity_using(entities, "Sarvi Reinholt").variants) == {"Sarvi Reinholt",
                                                                      "Ms Reinholt"}
    entities = story("The mother of [Aurin Kell|P] arrived. [Ilkar Kell|P] waited.",
                     "[Mr Kell|P] spoke.")
    assert not_reported(entities, "Mr Kell")


def test_a_persons_gender_is_what_most_signs_show() -> None:
    """One "he" after the lawyer's name is her client; two signs say she is a woman, so
    "Mr Vell" is the other Vell."""
    entities = story(
        "[Kaelo Vell|P] was jailed. His lawyer, [Sarvi Vell|P], said he would appeal.",
        "[Sarvi Vell|P] said she would appeal. [Mr Vell|P] was led away.",
        "[Sarvi Vell|P], who is no relation, said her client was innocent.")
    assert set(entity_using(entities, "Mr Vell").variants) == {"Kaelo Vell", "Mr Vell"}


def test_a_surname_alone_joins_the_only_person_who_has_it() -> None:
    entities = story(
        "[Danika Rovel|P], the harbour master, said the ferry was not cleared to leave.",
        "[Rovel|P] told reporters at the harbour office. [Ms Rovel|P] added a warning.",
    )
    person = entity_using(entities, "Danika Rovel")
    assert person.variants == {"Danika Rovel": ["a1"], "Rovel": ["a2"], "Ms Rovel": ["a2"]}


def test_a_surname_with_no_full_name_in_the_story_is_an_entity_of_its_own() -> None:
    entities = story("[Mr Halloran|P] said the pier was closed.",
                     "[Halloran|P] would not say when it would reopen.")
    person = entity_using(entities, "Halloran")
    assert person.name == "Halloran"
    assert person.variants == {"Mr Halloran": ["a1"], "Halloran": ["a2"]}


def test_an_initial_joins_only_the_one_full_name_it_fits() -> None:
    entities = story(
        "[Marta Kell|P] and [Jonas Kell|P] were both at the quay.",
        "[M. Kell|P] said the crossing was rough.",
    )
    assert entity_using(entities, "M. Kell") is entity_using(entities, "Marta Kell")

    ambiguous = story("[Jonas Kell|P] and [Jana Kell|P] spoke to the inquiry.",
                      "[J. Kell|P] said the crew had been warned.")
    assert apart(ambiguous, "Jonas Kell", "Jana Kell")
    assert not_reported(ambiguous, "J. Kell")


@pytest.mark.parametrize("forms", [
    ("Ebrahim Sadri", "Ibrahim Sadri"),                            # vowel of a given name
    ("Mohammed Qaderi", "Muhammad Qaderi", "Muhammed Kaderi"),     # vowels, doubling, q/k
    ("Petro Dovzhensky", "Petro Dovzhenskyy", "Petro Dovzhenskiy"),  # y / yy / iy
    ("Aleksei Marchenko", "Alexei Martchenko"),                    # ks/x, tch/ch
    ("Yaroslav Teplov", "Jaroslav Teplov"),                        # initial y / j
    ("Jaroslaw Demczyk", "Yaroslav Demchik"),                      # Polish w, cz; y / i
    ("Grigori Zhukovets", "Grigory Zhukovetz"),                    # tz / ts
    ("Tomasz Kaczmarek", "Tomash Kachmarek"),                      # Polish sz, cz
    ("Jürgen Müller", "Juergen Mueller"),                          # umlauts spelled out
    ("Piotr Welanski", "Petr Welanski"),                           # one name, two languages
    ("Oleksandr Hrytsenko", "Alexander Hrytsenko"),
    ("Bogdan Ilyin", "Bohdan Iljin"),                              # Ukrainian h, j / y
    ("Viktor Sandor", "Viktor Szandor"),                           # Hungarian sz
])
def test_spelling_variants_of_a_persons_name_are_one_person(forms: tuple[str, ...]) -> None:
    entities = story(*(f"[{form}|P] spoke to reporters in [Skelde|L]." for form in forms))
    person = entity_using(entities, forms[0])
    assert set(person.variants) == set(forms)
    assert person.variants[forms[0]] == ["a1"]


@pytest.mark.parametrize("pair", [
    ("Maria Benedek", "Mario Benedek"),   # a different final vowel is a different name
    ("Evan Tull", "Ivan Tull"),           # short names: no vowel differences allowed
    ("Dana Kell", "Dana Bell"),           # short surnames one letter apart
    ("Anna Lind", "Anna Lund"),
    ("Marta Kell", "Jonas Kell"),
    ("Ian Moller", "Jan Moller"),         # an initial j is no i
    ("Olga Brant", "Helga Brant"),        # names alike in sound, not one name
    ("Maria Tull", "Marta Tull"),
])
def test_different_people_with_similar_names_stay_apart(pair: tuple[str, str]) -> None:
    entities = story(f"[{pair[0]}|P] met [{pair[1]}|P] at the quay.")
    assert apart(entities, *pair)


# --- places -------------------------------------------------------------------------------

@pytest.mark.parametrize("forms", [
    ("Tervissa", "Tervisa"),              # doubled letter (as Odessa / Odesa)
    ("Brodniv", "Brodnov"),               # vowel of a transliteration (as Kharkiv / Kharkov)
    ("Kyiv", "Kiev"),                     # an exonym, from the alias table
    ("Velykyi Harbour", "Velikii Harbour"),
    ("Dolvitsa", "Dolvica"),              # Slavic c for ts
])
def test_spelling_variants_of_a_place_are_one_place(forms: tuple[str, ...]) -> None:
    entities = story(*(f"The storm reached [{form}|L] overnight." for form in forms))
    place = entity_using(entities, forms[0])
    assert place.kind == "PLACE"
    assert set(place.variants) == set(forms)


@pytest.mark.parametrize("pair", [
    ("Iran", "Iraq"),
    ("Austria", "Australia"),
    ("Niger", "Nigeria"),
    ("Sudan", "South Sudan"),
    ("Gambia", "Zambia"),
    ("Iceland", "Ireland"),
    ("Slovenia", "Slovakia"),
])
def test_places_with_similar_names_stay_apart(pair: tuple[str, str]) -> None:
    entities = story(f"Envoys from [{pair[0]}|L] and [{pair[1]}|L] met on Friday.",
                     f"[{pair[1]}|L] said it would send observers.")
    assert apart(entities, *pair)


def test_saint_and_st_are_one_word_and_a_place_named_after_a_saint_is_no_person() -> None:
    entities = story("In [St. Orla|P], all 12 schools were shut.",
                     "Parents in [Saint Orla|L] kept their children at home.",
                     "[St Orla|P] has 9,000 people.")
    place = entity_using(entities, "Saint Orla")
    assert (set(place.variants), place.kind) == ({"St. Orla", "Saint Orla", "St Orla"}, "PLACE")


def test_us_and_uk_under_every_name_are_one_place_each() -> None:
    entities = story(
        "[US|L] officials met their [UK|L] counterparts. [U.S.|L] and [U.K.|L] envoys agreed.",
        "[United States|L] and [United Kingdom|L] ministers spoke; [America|L] and "
        "[Britain|L] will act together.",
        "[USA|L], [U.S.A.|L] and the [United States of America|L]; [Great Britain|L].",
    )
    us, uk = entity_using(entities, "US"), entity_using(entities, "UK")
    assert us is not uk
    assert set(us.variants) == {"US", "U.S.", "United States", "America", "USA", "U.S.A.",
                                "United States of America"}
    assert us.name == "United States of America"
    assert set(uk.variants) == {"UK", "U.K.", "United Kingdom", "Britain", "Great Britain"}
    assert us.variants["US"] == ["a1"] and us.variants["United States"] == ["a2"]
    assert len(entities) == 2


def test_one_name_labelled_differently_in_places_is_one_entity() -> None:
    entities = story("The ferry left [Tervisk|L] at nine.", "[Tervisk|L] harbour was closed.",
                     "[Tervisk|O] said the harbour would reopen.")
    town = entity_using(entities, "Tervisk")
    assert town.kind == "PLACE"
    assert town.variants == {"Tervisk": ["a1", "a2", "a3"]}
    assert {m.kind for m in town.mentions} == {"PLACE"}


# --- organisations ------------------------------------------------------------------------

def test_an_acronym_joins_the_long_name_whose_initials_spell_it() -> None:
    entities = story(
        "The [Northern Rail Authority|O] closed the line.",
        "[NRA|O] engineers were on site; the [NRA|L] said repairs would take a week.",
        "The [Institute for the Study of Harbours|O] said the [ISH|O] had warned of it.",
    )
    authority = entity_using(entities, "NRA")
    assert authority.name == "Northern Rail Authority"
    assert authority.kind == "ORG"
    assert authority.variants == {"NRA": ["a2"], "Northern Rail Authority": ["a1"]}
    assert entity_using(entities, "ISH") is entity_using(entities,
                                                         "Institute for the Study of Harbours")


def test_an_acronym_defined_in_brackets_joins_that_long_name() -> None:
    entities = story(
        "The [National Roads Agency|O] (NRA) and the [Northern Rail Authority|O] met.",
        "The [NRA|O] said the bridge was safe.",
    )
    assert entity_using(entities, "NRA") is entity_using(entities, "National Roads Agency")
    assert apart(entities, "NRA", "Northern Rail Authority")


def test_an_acronym_that_matches_nothing_or_two_names_stays_on_its_own() -> None:
    entities = story("The [Northern Rail Authority|O] said [KTL|O] had leased the trains.")
    assert apart(entities, "KTL", "Northern Rail Authority")
    assert entity_using(entities, "KTL").name == "KTL"

    two = story("The [Northern Rail Authority|O] and the [National Roads Agency|O] met.",
                "The [NRA|O] said the bridge was safe.")
    assert apart(two, "NRA", "Northern Rail Authority", "National Roads Agency")


def test_a_shortened_organisation_name_joins_the_one_longer_name_it_ends() -> None:
    entities = story("[Lorvania|L] said the [Lorvania Coastal Safety Board|O] will investigate.",
                     "The [Coastal Safety Board|O] opened an inquiry into [Tessel Lines|O].")
    board = entity_using(entities, "Coastal Safety Board")
    assert set(board.variants) == {"Coastal Safety Board", "Lorvania Coastal Safety Board"}

    two = story("[Tessel Coastal Lines|O] and [Brisk Coastal Lines|O] cancelled sailings.",
                "[Coastal Lines|O] said the ferries would stay in port.")
    assert apart(two, "Coastal Lines", "Tessel Coastal Lines", "Brisk Coastal Lines")


def test_an_organisation_named_by_its_first_word_is_that_organisation() -> None:
    """"Telmark" is "Telmark Group"; "Vantor", which the recogniser took for a person, is
    "Vantor Fertilisers". A surname of someone in the story stays that person's."""
    entities = story("[Vantor Fertilisers|O] is owned by [Telmark Group|O].",
                     "[Vantor|P] said the plant would close. [Telmark|O] declined to comment.")
    assert set(entity_using(entities, "Telmark").variants) == {"Telmark", "Telmark Group"}
    vantor = entity_using(entities, "Vantor")
    assert (set(vantor.variants), vantor.kind) == ({"Vantor", "Vantor Fertilisers"}, "ORG")

    person = story("[Ida Kessel|P] founded [Kessel Foods|O].", "[Kessel|P] said prices rose.")
    assert entity_using(person, "Kessel").name == "Ida Kessel"


def test_an_organisation_named_in_another_word_order_is_one_organisation() -> None:
    entities = story(
        "Inspectors from the [Maritime Safety Directorate|O] (MSD) examined the hull.",
        "Inspectors of the [Directorate for Maritime Safety|O] (MSD) examined the hull.",
        "The [MSD|O] renewed the certificate; the [Maritime Safety Directorate|O] agreed.",
    )
    directorate = entity_using(entities, "MSD")
    assert directorate.name == "Maritime Safety Directorate"
    assert directorate.variants == {
        "Maritime Safety Directorate": ["a1", "a3"],
        "Directorate for Maritime Safety": ["a2"],
        "MSD": ["a1", "a2", "a3"],   # the acronyms in brackets too, which were not marked
    }


def test_organisations_with_similar_names_stay_apart() -> None:
    entities = story("The [Northern Rail Authority|O] and the [Northern Road Authority|O] met.")
    assert apart(entities, "Northern Rail Authority", "Northern Road Authority")


# --- what is not a new entity, and how an entity is named -----------------------------------

def test_a_persons_possessive_and_a_nationality_adjective_are_not_new_entities() -> None:
    entities = story(
        "[Ilse Brandt|P] flew to [Lorvania|L]. [Brandt|O]’s aides said the [Lorvanian|O] "
        "navy was ready.",
        "[Lorvanians|L] watched [Brandt|P] arrive.",
    )
    person = entity_using(entities, "Ilse Brandt")
    assert person.variants == {"Ilse Brandt": ["a1"], "Brandt": ["a1", "a2"]}
    assert person.kind == "PERSON"
    assert not_reported(entities, "Lorvanian")
    assert not_reported(entities, "Lorvanians")
    assert {e.name for e in entities} == {"Ilse Brandt", "Lorvania"}


def test_a_persons_surname_labelled_as_an_organisation_is_that_person() -> None:
    entities = story("Harbour master [Danika Rovel|P] said the ferry was not cleared.",
                     "[Rovel|O] told reporters at the harbour office.")
    person = entity_using(entities, "Rovel")
    assert person.kind == "PERSON"
    assert person.variants == {"Danika Rovel": ["a1"], "Rovel": ["a2"]}


def test_a_full_name_labelled_as_an_organisation_is_the_person_it_matches() -> None:
    entities = story("[Petro Dovzhensky|P] addressed parliament.",
                     "[Petro Dovzhenskyy|O] met [Kiev|P] officials in [Kyiv|L].")
    person = entity_using(entities, "Petro Dovzhenskyy")
    assert person.kind == "PERSON"
    assert set(person.variants) == {"Petro Dovzhensky", "Petro Dovzhenskyy"}
    city = entity_using(entities, "Kiev")
    assert city.kind == "PLACE" and set(city.variants) == {"Kiev", "Kyiv"}


def test_a_given_name_alone_joins_the_one_person_with_that_given_name() -> None:
    entities = story("Reporting by [Ilona Varga|P] in [Tervisk|L].",
                     "[Ilona|P] adds: the harbour is closed.")
    assert entity_using(entities, "Ilona") is entity_using(entities, "Ilona Varga")


def test_the_name_is_the_fullest_form_then_the_most_used() -> None:
    entities = story(
        "[Ebrahim Sadri|P] arrived. [President Ebrahim Sadri|P] spoke. [Sadri|P] left.",
        "[Ebrahim Sadri|P] spoke in [US|L].",
        "[Ibrahim Sadri|P] spoke in [US|L] and the [United States|L].",
    )
    assert entity_using(entities, "Sadri").name == "Ebrahim Sadri"
    assert entity_using(entities, "US").name == "United States"

    # Used by more articles beats mentioned more often by one.
    towns = story("[Tervisk|L] and [Tervisk|L].", "[Tervisk|L].",
                  "[Terwisk|L], [Terwisk|L], [Terwisk|L] and [Terwisk|L].")
    assert entity_using(towns, "Terwisk").name == "Tervisk"


def test_each_mention_points_to_its_form_in_its_article() -> None:
    texts = ["[Danika Rovel|P] said the crossing should not have begun.",
             "Harbour master [Rovel|P] told reporters at [Tervisk|L]."]
    plain = {f"a{n}": marked(text)[0] for n, text in enumerate(texts, start=1)}
    entities = story(*texts)
    person = entity_using(entities, "Danika Rovel")
    assert [(m.article, m.form) for m in person.mentions] == [("a1", "Danika Rovel"),
                                                               ("a2", "Rovel")]
    for entity in entities:
        for mention in entity.mentions:
            assert plain[mention.article][mention.start:mention.end] == mention.form


def test_the_export_lists_name_type_forms_with_articles_and_mentions() -> None:
    entities = story("[Kyiv|L] was quiet.", "[Kyiv|L] and [Kiev|L] again.", "[Kiev|L].")
    assert entities[0].to_dict() == {
        "name": "Kyiv",
        "type": "PLACE",
        "variants": [{"form": "Kiev", "articles": ["a2", "a3"]},
                     {"form": "Kyiv", "articles": ["a1", "a2"]}],
        "mentions": 4,
    }


def test_a_story_with_no_names_has_no_entities() -> None:
    assert story("Nothing was named here.", "") == []


# --- letters, generic place words, transliteration, short names, honorifics ---------------

def test_letters_nfkd_leaves_whole_are_spelled_out() -> None:
    entities = story("[Søren Bjærvik|P] said the fleet would stay.",
                     "[Soren Bjaervik|P] said talks went on. [Mr Bjærvik|P] left.")
    assert set(entity_using(entities, "Søren Bjærvik").variants) == {
        "Søren Bjærvik", "Soren Bjaervik", "Mr Bjærvik"}


def test_a_bare_place_name_joins_the_one_place_written_with_a_generic_word() -> None:
    entities = story("The [River Tolm|O] rose in [Ostrel Province|L].",
                     "The [Tolm|O] burst its banks across [Ostrel|L].")
    assert set(entity_using(entities, "River Tolm").variants) == {"River Tolm", "Tolm"}
    assert entity_using(entities, "Tolm").kind == "PLACE"
    assert set(entity_using(entities, "Ostrel").variants) == {"Ostrel Province", "Ostrel"}


def test_a_bare_place_name_with_two_generic_places_joins_neither() -> None:
    entities = story("[Lake Brinn|L] and [Brinn County|L] were flooded.",
                     "Water reached [Brinn|L].")
    assert apart(entities, "Lake Brinn", "Brinn County", "Brinn")


@pytest.mark.parametrize("forms", [("Hrubino", "Grubino"), ("Sabrovka", "Zabrovka"),
                                   ("Orinsk", "Arinsk", "ARINSK")])
def test_transliterations_swapping_a_first_letter_are_one_place(forms: tuple[str, ...]) -> None:
    entities = story(*(f"Shelling hit [{form}|L] overnight." for form in forms))
    assert set(entity_using(entities, forms[0]).variants) == set(forms)


def test_a_one_word_person_label_on_a_spelling_of_a_place_is_that_place() -> None:
    entities = story("The [Sabrovka|L] dam held.", "The [Zabrovka|P] dam was inspected.")
    entity = entity_using(entities, "Sabrovka")
    assert set(entity.variants) == {"Sabrovka", "Zabrovka"} and entity.kind == "PLACE"


@pytest.mark.parametrize("pair", [("Kell", "Bell"), ("Hali", "Gali"), ("Sara", "Zara")])
def test_short_names_a_first_letter_apart_stay_apart(pair: tuple[str, str]) -> None:
    entities = story(f"[{pair[0]}|L] and [{pair[1]}|L] were shelled.")
    assert apart(entities, *pair)


def test_an_organisations_first_words_join_the_one_name_they_start() -> None:
    entities = story("Patients at [St. Odile Regional Hospital|L] were moved.",
                     "[St Odile|L] said its systems were down. [St. Odile|L] reopened.")
    assert set(entity_using(entities, "St Odile").variants) == {
        "St. Odile Regional Hospital", "St Odile", "St. Odile"}


def test_a_place_and_an_organisation_it_starts_stay_apart() -> None:
    entities = story("The [Port Venn|L] council met.", "The [Port Venn Gazette|O] reported it.")
    assert apart(entities, "Port Venn", "Port Venn Gazette")


def test_the_head_noun_alone_joins_the_one_organisation_it_ends() -> None:
    entities = story("The [Coastal Pilotage Directorate|O] ([CPD|O]) opened an inquiry.",
                     "The [Directorate|O] will report in May.")
    assert set(entity_using(entities, "Directorate").variants) == {
        "Coastal Pilotage Directorate", "CPD", "Directorate"}


def test_the_head_noun_of_two_organisations_joins_neither() -> None:
    entities = story("The [Ministry of Ports|O] and the [Fisheries Ministry|O] and the "
                     "[Transport Ministry|O] met.", "The [Ministry|O] declined to comment.")
    assert apart(entities, "Fisheries Ministry", "Transport Ministry", "Ministry")


def test_initials_skip_and_and_a_plural_possessive() -> None:
    entities = story("The [Salt and Timber Carters' Guild|O] called a strike.",
                     "The [STCG|O] said talks had failed.")
    assert set(entity_using(entities, "STCG").variants) == {
        "Salt and Timber Carters' Guild", "STCG"}


NAMESAKES = ("Councillor [Aurin Vendel|P] opened the shelter. She said beds were ready. "
             "Ferryman [Tesmo Vendel|P], 40, said his boat was lost. [Ms Vendel|P] thanked "
             "volunteers and [Mr Vendel|P] asked for help.")


def test_a_gendered_honorific_joins_the_namesake_of_that_gender() -> None:
    entities = story(NAMESAKES)
    assert set(entity_using(entities, "Aurin Vendel").variants) == {"Aurin Vendel", "Ms Vendel"}
    assert set(entity_using(entities, "Tesmo Vendel").variants) == {"Tesmo Vendel",
                                                                   "Mr Vendel"}


def test_gendered_titles_tell_namesakes_apart() -> None:
    entities = story("Spokeswoman [Varo Rask|P] spoke first, then chairman [Ebbi Rask|P].",
                     "[Ms Rask|P] said the line would reopen.")
    assert set(entity_using(entities, "Varo Rask").variants) == {"Varo Rask", "Ms Rask"}
    assert apart(entities, "Varo Rask", "Ebbi Rask")


def test_namesakes_of_unknown_gender_leave_the_honorific_ambiguous() -> None:
    """Neither text nor given name tells which Vendel is a woman."""
    entities = story("[Aurin Vendel|P] and [Tesmo Vendel|P] spoke. [Ms Vendel|P] left.")
    assert apart(entities, "Aurin Vendel", "Tesmo Vendel")
    assert not_reported(entities, "Ms Vendel")


def test_a_quoted_pronoun_is_not_evidence_of_gender() -> None:
    """Tesmo speaks of a woman ("She was cold"); he is the man: "Ms Vendel" is not him, and
    is the other Vendel, whom nothing shows to be a man (their given names tell nothing)."""
    entities = story('[Tesmo Vendel|P] pulled a woman out. "She was cold," he said. '
                     "[Aurin Vendel|P] arrived. [Ms Vendel|P] left.")
    assert set(entity_using(entities, "Tesmo Vendel").variants) == {"Tesmo Vendel"}
    assert set(entity_using(entities, "Aurin Vendel").variants) == {"Aurin Vendel",
                                                                   "Ms Vendel"}


def test_a_title_tells_namesakes_apart() -> None:
    entities = story("Harbour Mayor [Irja Vendel|P] and ferryman [Oskar Vendel|P] spoke.",
                     "[Mayor Vendel|P] said the quay would reopen.")
    assert set(entity_using(entities, "Irja Vendel").variants) == {"Irja Vendel",
                                                                  "Mayor Vendel"}
    assert apart(entities, "Irja Vendel", "Oskar Vendel")


def test_what_one_honorific_settles_settles_the_other() -> None:
    """Tesmo is known to be a man ("his boat"), Aurin's gender is not shown: "Ms Vendel" can
    only be Aurin, and once she is, "Mr Vendel" can only be Tesmo."""
    entities = story("Mayor [Aurin Vendel|P] spoke first. The quay was shut. [Tesmo Vendel|P] "
                     "said his boat was lost.",
                     "[Mr Vendel|P] asked for help. [Ms Vendel|P] thanked volunteers.")
    assert set(entity_using(entities, "Aurin Vendel").variants) == {"Aurin Vendel", "Ms Vendel"}
    assert set(entity_using(entities, "Tesmo Vendel").variants) == {"Tesmo Vendel",
                                                                   "Mr Vendel"}


def test_a_titled_surname_the_recogniser_missed_joins_the_person() -> None:
    """The small model misses "Governor Anholt" and "Ms Sorn" (no brackets here): the
    surname of someone the story names in full, after a title or honorific, is a mention."""
    entities = story("Carrick Governor [Petra Anholt|P] and union leader [Helga Sorn|P] met.",
                     "Governor Anholt said the warning came late. Ms Sorn disagreed.")
    assert set(entity_using(entities, "Petra Anholt").variants) == {"Petra Anholt", "Anholt"}
    assert set(entity_using(entities, "Helga Sorn").variants) == {"Helga Sorn", "Ms Sorn"}


def test_a_title_before_a_namesakes_surname_stays_in_the_form() -> None:
    """Between two Vendels, "Mayor Vendel" keeps its title, which tells whom it names; the
    bare "Vendel" fits both and is not reported."""
    entities = story("Mayor [Irja Vendel|P] and ferryman [Oskar Vendel|P] spoke.",
                     "Mayor [Vendel|P] thanked volunteers. [Vendel|P] left early.")
    assert set(entity_using(entities, "Irja Vendel").variants) == {"Irja Vendel",
                                                                  "Mayor Vendel"}
    assert not_reported(entities, "Vendel")


def test_a_name_written_as_one_word_or_two_is_one_organisation() -> None:
    """The recogniser took "Cinder Moth" for a person; another outlet writes the gang's name
    as one word, which no person's name is."""
    entities = story(
        "A criminal group known as [Cinder Moth|P] was behind the attack.",
        "The ransomware gang [Cindermoth|O] has claimed responsibility.",
    )
    gang = entity_using(entities, "Cindermoth")
    assert gang.kind == "ORG"
    assert set(gang.variants) == {"Cinder Moth", "Cindermoth"}


def test_a_doctors_title_tells_namesakes_apart() -> None:
    """"Dr Arkell" is the Arkell written "Dr Sabine Arkell", not the guard Emil Arkell."""
    entities = story("The director, [Dr Sabine Arkell|P], and the guard, [Emil Arkell|P], spoke.",
                     "[Dr Arkell|P] declined to comment.")
    assert set(entity_using(entities, "Dr Sabine Arkell").variants) == {"Dr Sabine Arkell",
                                                                        "Dr Arkell"}
    assert apart(entities, "Dr Sabine Arkell", "Emil Arkell")


def test_an_honorific_in_the_sentence_before_tells_nothing_of_the_next_name() -> None:
    """"Ms Horvath said." ends a sentence: the Kaelo Horvath named next is not a woman."""
    entities = story('Mayor [Sarvi Horvath|P] said she would pay. "Please," [Ms Horvath|P] '
                     "said. [Kaelo Horvath|P], the manager, spoke. [Mr Horvath|P] admitted it.")
    assert set(entity_using(entities, "Kaelo Horvath").variants) == {"Kaelo Horvath",
                                                                    "Mr Horvath"}


def test_a_town_an_organisation_is_named_after_stays_apart_from_it() -> None:
    entities = story("Three men escaped from [Odrava State Penitentiary|O] near [Odrava|L].",
                     "Police in [Odrava|O] said the search went on.")
    assert apart(entities, "Odrava", "Odrava State Penitentiary")


def test_pronouns_after_someone_named_as_a_relative_are_not_theirs() -> None:
    """"the wife of Ilkar Rusu, at her flat": "her" is the wife's; and after "Mr Rusu's
    wife, Varo Rusu" the pronouns are Varo's, not Ilkar's."""
    entities = story(
        "The fugitives include [Ilkar Rusu|P], 36. Police questioned Mr Rusu's wife, "
        "[Varo Rusu|P], at her flat.",
        "Police questioned [Varo Rusu|P], the wife of [Ilkar Rusu|P], at her flat.",
        "[Mr Rusu|P] is still at large. [Mrs Rusu|P] was not charged.")
    assert set(entity_using(entities, "Ilkar Rusu").variants) == {"Ilkar Rusu", "Mr Rusu"}
    assert set(entity_using(entities, "Varo Rusu").variants) == {"Varo Rusu", "Mrs Rusu"}


def test_an_organisation_named_by_its_first_word_beside_its_building_is_that_organisation(
        ) -> None:
    """"Tamberg has said it will pay", labelled a person, beside "Tamberg Brewery", labelled
    a building; "Kestrey" beside "Kestrey Province" names the province, not the service."""
    entities = story("Samples were taken at [Tamberg Brewery|L].",
                     "[Tamberg|P] has said it will pay for the cleaning.")
    assert set(entity_using(entities, "Tamberg Brewery").variants) == {"Tamberg Brewery",
                                                                       "Tamberg"}
    entities = story("Crews of the [Kestrey Fire and Rescue Service|L] came.",
                     "Fires burn across [Kestrey Province|L]. [Kestrey|P] is dry.")
    assert apart(entities, "Kestrey", "Kestrey Fire and Rescue Service")


def test_an_organisation_named_in_lower_case_joins_the_name_it_describes() -> None:
    """Outlets that translate or paraphrase write a body's name in lower case: its words in
    another order, or its end without the place it starts with."""
    entities = story(
        "The [Federal Institute of Water Safety|O] tested the wells at [Brell|L].",
        "Samples went to the federal water safety institute, which found no bacteria.",
        "Guards at [Kessra Regional Prison|O] found the cell empty.",
        "The regional prison was locked down overnight.",
    )
    assert (entity_using(entities, "federal water safety institute")
            is entity_using(entities, "Federal Institute of Water Safety"))
    assert (entity_using(entities, "regional prison")
            is entity_using(entities, "Kessra Regional Prison"))


def test_lower_case_words_that_name_no_kind_of_body_or_two_bodies_are_not_names() -> None:
    entities = story(
        "A reporter for [Harbour Lights Weekly|O] called it a [Kessra Transit Corridor|O].",
        "The transit corridor at night was quiet, and the harbour lights went out.",
        "[Kessra Fire Service|O] and [Brell Fire Service|O] sent crews; the fire service "
        "said the blaze was out.",
    )
    forms = {form for entity in entities for form in entity.variants}
    assert not {"transit corridor", "harbour lights", "fire service"} & forms


def test_an_honorific_joins_the_namesake_whose_given_name_is_of_its_gender() -> None:
    """Nothing in the text says which Ilvesk is a woman: their given names do."""
    entities = story(
        "[Dorota Ilvesk|P] runs the bakery on the square; [Tomas Ilvesk|P] drives the "
        "district's snow plough.",
        "[Ms Ilvesk|P] said the ovens were cold by noon.",
        "[Mr Ilvesk|P] said the road was closed at six.",
    )
    assert entity_using(entities, "Ms Ilvesk") is entity_using(entities, "Dorota Ilvesk")
    assert entity_using(entities, "Mr Ilvesk") is entity_using(entities, "Tomas Ilvesk")


def test_an_acronym_or_a_full_name_the_model_mislabels_takes_its_kind_from_the_story() -> None:
    entities = story(
        "The [Coastal Rescue Board|O] ([CRB|P]) sent two boats.",
        "Skipper [Marek Halvi|O] said [Mr Halvi|P] and his crew were safe.",
    )
    assert entity_using(entities, "CRB") is entity_using(entities, "Coastal Rescue Board")
    assert entity_using(entities, "Marek Halvi").kind == "PERSON"
    assert entity_using(entities, "Mr Halvi") is entity_using(entities, "Marek Halvi")


def test_an_acronym_the_model_missed_joins_the_long_name_it_abbreviates() -> None:
    """Only the initials of an organisation the story names spread: the model's lone
    "acronyms" (here a time zone it took for a body) do not."""
    entities = story(
        "The [Harbour Workers' Party|O] won the recount at 0300 [GMT|O].",
        "It is the first time the H.W.P. has won the city; the count ended at 0400 GMT.",
    )
    assert entity_using(entities, "H.W.P.") is entity_using(entities, "Harbour Workers' Party")
    assert set(entity_using(entities, "GMT").variants) == {"GMT"}
    assert entity_using(entities, "GMT").variants["GMT"] == ["a1"]


def test_a_name_partly_written_in_lower_case_is_the_longer_name() -> None:
    """Outlets write what kind of body or place a name is in lower case; a person's name
    that starts a longer name is left alone."""
    entities = story(
        "The [Karst Valley Police Directorate|O] closed the [River Olen|L] bridge.",
        "[Karst Valley|L] police said the river [Olen|L] had burst its banks.",
        "The [Tomas Arvel Foundation|O] paid for boats; [Tomas Arvel|P] said so.",
    )
    assert (entity_using(entities, "Karst Valley police")
            is entity_using(entities, "Karst Valley Police Directorate"))
    assert entity_using(entities, "river Olen") is entity_using(entities, "River Olen")
    assert entity_using(entities, "Tomas Arvel").kind == "PERSON"
