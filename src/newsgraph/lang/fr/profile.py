"""The French profile: closed word classes, titles and particles, calendar words from babel's CLDR."""
from __future__ import annotations

from babel import Locale

from ...defaults import DEFAULT_MODEL
from ...text import fold
from .. import read_rows
from ..profile import Cases, Profile, Pronoun


def _words(name: str) -> frozenset[str]:
    """First field of each line of a word list of lang/fr/entities, folded, final period dropped."""
    return frozenset(fold(row[0]).rstrip(".") for row in read_rows("fr", "entities", name))


def _calendar() -> tuple[tuple[str, ...], tuple[str, ...]]:
    locale = Locale("fr")
    months = locale.months["format"]["wide"]
    days = locale.days["format"]["wide"]  # 0 is Monday
    return tuple(months[k].lower() for k in range(1, 13)), tuple(days[k].lower() for k in range(7))


MONTHS, WEEKDAYS = _calendar()

PROFILE = Profile(
    code="fr",
    model=DEFAULT_MODEL,
    months=MONTHS,
    weekdays=WEEKDAYS,
    definite_articles=frozenset({"le", "la", "l'", "l’", "les"}),
    demonstratives=frozenset({"ce", "cet", "cette", "ces"}),
    prepositions=frozenset({"à", "de", "en", "du", "des", "d'", "d’", "au", "aux", "par", "pour", "sur", "dans", "avec",
                            "contre", "entre", "chez", "sans", "sous", "vers"}),
    contractions={"du": ("de", "le"), "des": ("de", "les"), "au": ("à", "le"), "aux": ("à", "les")},
    reflexive_clitics=frozenset({"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous", "vous", "soi"}),
    pronouns={"il": Pronoun("m", False), "elle": Pronoun("f", False), "ils": Pronoun("m", True),
              "elles": Pronoun("f", True), "lui": Pronoun("m", False), "eux": Pronoun("m", True),
              "celui-ci": Pronoun("m", False), "celle-ci": Pronoun("f", False), "ceux-ci": Pronoun("m", True),
              "celles-ci": Pronoun("f", True), "on": Pronoun(None, False)},
    first_person=frozenset({"je", "j'", "j’", "nous", "me", "m'", "m’", "moi", "on"}),
    relatives=frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles", "que", "qu'", "qu’"}),
    titles=_words("titles.txt"),
    feminine_titles=frozenset({"mme", "mmes", "mlle", "madame", "mademoiselle"}),
    masculine_titles=frozenset({"m", "monsieur", "messieurs", "mm"}),
    particles=_words("particles.txt"),
    address_titles=frozenset({"m.", "m", "mme", "mmes", "mlle", "me", "maître", "dr", "pr", "mgr", "monsieur", "madame",
                              "mademoiselle"}),
    role_modifiers=frozenset({"premier", "première", "ancien", "ancienne", "nouveau", "nouvelle", "ex", "vice", "haut",
                              "haute"}),
    framing_prepositions=frozenset({"pour"}),
    name_links=frozenset({"de", "le", "la"}),
    genitives=frozenset({"de", "du", "des", "d'", "d’"}),
    function_words=frozenset({"à", "de", "en", "le", "la", "les", "l'", "l’", "du", "des", "d'", "d’", "au", "aux"}),
    base_forms={"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "s'": "se", "l'": "le", "n'": "ne",
                "qu'": "que"},
    complementizers=frozenset({"que", "qu'", "qu’"}),
    closing_quotes=("»", '"', "”"),
    abbreviations=frozenset({"M", "Mme", "Mlle", "Me", "Mgr", "Dr", "Pr", "St", "av", "J.-C", "etc"}),
    participles={"é": "er", "u": "ir"},  # 'réclamé', 'retenues' -> 'réclamer', 'retenir'
    agreement_endings=("", "e", "s", "es"),
    finite_endings={"ent": "er", "e": "er"},  # 'réexaminent', 'tacle' -> 'réexaminer', 'tacler'
    present_singular=("e", "er"),  # 'réclame' -> 'réclamer'
    infinitive_endings=("er", "ir", "re"),
    impersonal_subjects=frozenset({"il", "ce", "c'"}),
    former_prefix="ex-",
    have_verb="avoir",
    future_auxiliary="aller",
    negation_particles=frozenset({"ne", "n'", "n’"}),
    demonstrative_pronouns=frozenset({"cela", "ça"}),
    dative_clitics=frozenset({"lui", "leur"}),
    possessives=frozenset({"son", "sa", "ses"}),
    coordinator="et",
    pair_numeral="deux",
    cases=Cases(of="de", to="à", by="par", in_="en", inside="dans", between="entre", against="contre", with_="avec",
                toward="envers", for_="pour", according_to="selon", about=frozenset({"sur", "concernant"})),
    whether="si",
    partitive_clitic="en",
    ne_bound_negations=frozenset({"plus"}),
    neuter_demonstrative="ce",
    plural_suffix="s",
    quantity_nouns=frozenset({"millier", "centaine", "dizaine", "vingtaine", "trentaine", "quinzaine", "douzaine",
                              "cinquantaine", "nombre", "plupart", "partie", "million", "quarantaine", "foule", "groupe",
                              "poignée", "majorité"}),
    own_state_nouns=frozenset({"pays", "gouvernement", "nation", "état", "capitale", "peuple"}),
    subject_genders={"il": "Masc", "elle": "Fem"},
    object_clitics=frozenset({"l'", "l’", "le", "la"}),
    dative_numbers={"lui": "Sing", "leur": "Plur"},
    partitive_pronouns=frozenset({"certains", "certaines", "plusieurs", "quelques-uns", "quelques-unes", "beaucoup"}),
    singular_fused_articles=frozenset({"du", "au"}),  # 'de le', 'à le' ('des ministres' is no one person)
    locatives=frozenset({"à", "a", "en", "dans"}),  # 'A Bruxelles': capitals often lose their accent
    leading_words=("de la", "aux", "au", "des", "les", "la", "le", "du", "de", "en", "à", "de l'", "l'", "d'"),
    home_country="FRA",
    opening_quotes=("«", '"', "“"),
    feminine_endings=(("e", "e"), ("en", "enne"), ("on", "onne"), ("", "e")),
    plural_endings=(("s", "s"), ("x", "x"), ("z", "z"), ("al", "aux"), ("", "s")),
    first_day_suffix="er",
)
