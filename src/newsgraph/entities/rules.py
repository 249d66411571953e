"""Entity extraction as pure functions over a parsed `Doc`: one canonical actor per person, country, outlet.

Mentions come from `spans.find_candidates` (the model's entities repaired, plus what it missed). Persons are
grouped by `names.group_people` and named by their fullest form; every mention of a country (its name,
capital, seat of power, demonym) joins one GPE entity named as CLDR names it in French; other entities are
grouped by their name without article.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lang import DEFAULT_LANG
from ..nlp import doc_words
from ..records import Entity, Mention
from ..text import slug
from .countries import country_from_name, country_name, strip_leading, town_demonym
from .decide import PeopleModel, person_features, shipped_model
from .lexicon import Lexicon, fold, key, load_lexicon
from .names import canonical_name, group_people
from .roles import role_after, role_before, role_country, role_text
from .spans import Candidate, find_candidates, is_person_context, party_after_role, word_country

_MAX_PLACE_ACRONYM = 3  # "USA", "RDC" stay as written
MAX_THING_GAP = 4  # lower-case words between the thing noun and the name: "le site d'information locale X"
_ACRONYM = re.compile(r"^[A-ZÀ-Ý0-9&]{2,8}$")
# when one name is typed differently across the article, the most specific type wins a tie
_TYPE_PRIORITY = ("MEDIA", "ORG", "GPE", "LOC", "MISC")
OPENING_QUOTES = frozenset({'"', "«", "“"})
CLOSING_QUOTES = frozenset({'"', "»", "”"})


def entity_id(name: str, type_: str, country: str | None = None) -> str:
    """A stable id from canonical name, type and country: the same actor in every article."""
    parts = [type_.lower(), slug(name)]
    if country:
        parts.append(country.lower())
    return ":".join(parts)


def load_data(lang: str = DEFAULT_LANG) -> Lexicon:
    """Load every gazetteer and lexicon now (a few seconds, once per process) rather than on the first Doc."""
    from . import countries

    for load in (countries.country_names, countries.capital_names, countries.capital_spellings,
                 countries.seat_names, countries.demonyms, countries.combining_forms, countries.body_names,
                 countries.city_names):
        load()
    countries.leading_words(lang)
    return load_lexicon(lang)


def extract_entities(doc: Doc, lang: str = DEFAULT_LANG) -> list[Entity]:
    """The article's entities: persons, countries, places, organisations, outlets, each with all its mentions."""
    lex = load_lexicon(lang)
    people: list[Candidate] = []
    countries: list[Candidate] = []
    others: list[Candidate] = []
    for candidate in find_candidates(lex, doc):
        if candidate.type == "PER":
            people.append(candidate)
        elif candidate.type == "GPE" and _is_country(doc, candidate):
            countries.append(candidate)
        else:
            others.append(candidate)
    entities = person_entities(lex, doc, people) + country_entities(doc, countries) + other_entities(doc, others)
    return sorted(entities, key=lambda entity: entity.mentions[0].start)


def mention(doc: Doc, start: int, end: int) -> Mention:
    """The mention of tokens [start, end) with its exact text and character offsets."""
    return Mention(*doc_words(doc).span_text(start, end))


def span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` of a non-empty span, from the shared token strings."""
    return doc_words(doc).span_text(start, end)[0]


def person_entities(lex: Lexicon, doc: Doc, people: Sequence[Candidate]) -> list[Entity]:
    """One PER entity per person, named by the fullest form, with the role and country the text gives."""
    model = shipped_model()
    entities = []
    for group in person_groups(lex, doc, people):
        if not keeps(lex, doc, group, model):
            continue
        entities.append(
            Entity(
                id=entity_id(group.name, "PER"),  # no country in person ids: articles differ in saying it
                name=group.name,
                type="PER",
                country=group.country,
                role=group.role,
                mentions=tuple(mention(doc, c.start, c.end) for c in group.members),
            )
        )
    return _without_pairs(entities)


@dataclass(frozen=True)
class PersonGroup:
    """The mentions of one person, the fullest name, role and country, and the rules' verdict ('kept' or why
    they drop it: 'weak', 'thing', 'bare')."""

    members: tuple[Candidate, ...]
    name: str
    role: str | None
    country: str | None
    verdict: str


def person_groups(lex: Lexicon, doc: Doc, people: Sequence[Candidate]) -> list[PersonGroup]:
    """The article's person mentions grouped by person, each group with the rules' verdict."""
    names = shared_surnames(lex, doc, people, [span_text(doc, c.name_start, c.end) for c in people])
    names = family_surnames(lex, doc, people, names)
    positions = [doc_words(doc).starts[c.start] for c in people]
    groups = []
    for group in group_people(names, positions):
        members = tuple(people[i] for i in group)
        name = canonical_name([names[i] for i in group])
        role, country = person_role(lex, doc, members)
        verdict = "kept"
        if all(member.weak for member in members):
            verdict = "weak"
        elif _thing_name(lex, doc, members) or _national_branch(lex, doc, members) \
                or _town_people(lex, doc, members) \
                or role is None and (_named_after_person(lex, doc, members) or _quoted_whole(doc, members)):
            verdict = "thing"
        elif role is None and all(_bare_word(lex, doc, member) for member in members):
            verdict = "bare"
        groups.append(PersonGroup(members, name, role, country, verdict))
    return groups


def keeps(lex: Lexicon, doc: Doc, group: PersonGroup, model: PeopleModel | None) -> bool:
    """The rules' verdict, overridden by the people model where it is confident."""
    kept = group.verdict == "kept"
    if model is None or (model.drop_below <= 0.0 if kept else model.keep_above >= 1.0):
        return kept
    features = person_features(lex, doc, group.members, group.name, verdict=group.verdict, role=group.role)
    return model.keeps(features, kept=kept)


def _without_pairs(entities: list[Entity]) -> list[Entity]:
    """Leave out the people `pair_names` finds (`newsgraph.entities.train_people` scores the same choice)."""
    pairs = pair_names([entity.name for entity in entities])
    return [entity for k, entity in enumerate(entities) if k not in pairs]


def pair_names(names: Sequence[str]) -> set[int]:
    """The positions of names that join two other people of the article by a hyphen, each side ending with
    one's surname ('le duel Loiseau-Bardella', 'Yannick Jadot-Manon Aubry'); 'Dubois-Lefèvre' with only a
    'Lefèvre' stays."""
    surnames = Counter(_last_word(name) for name in names)
    pairs = set()
    for k, name in enumerate(names):
        others = surnames - Counter({_last_word(name): 1})
        parts = name.split("-")
        sides = [("-".join(parts[:p]), "-".join(parts[p:])) for p in range(1, len(parts))]
        if any(left.strip() and right.strip() and others[_last_word(left)] and others[_last_word(right)]
               for left, right in sides):
            pairs.add(k)
    return pairs


def _last_word(name: str) -> str:
    return fold(name.split()[-1])


def shared_surnames(lex: Lexicon, doc: Doc, people: Sequence[Candidate], names: list[str]) -> list[str]:
    """'Marc et Julie Fontaine': a first name alone coordinated before a first name and surname bears that
    surname too ('Marc Fontaine'). The lone word must be a usual first name, or the next person's first word be
    one while the lone word is in no other person's name ('Morel et Claire Lenoir' keeps 'Morel')."""
    starts = {c.start: k for k, c in enumerate(people)}
    words = [fold(name).split() for name in names]
    renamed = list(names)
    for k, candidate in enumerate(people):
        following = starts.get(candidate.end + 1)
        if following is None or len(words[k]) != 1 or candidate.end >= len(doc) \
                or doc[candidate.end].lower_ not in lex.coordinators or len(words[following]) != 2:
            continue
        alone, first = words[k][0], words[following][0]
        elsewhere = any(alone in other for j, other in enumerate(words) if j != k and len(other) > 1)
        if alone in lex.first_names or (first in lex.first_names and not elsewhere):
            renamed[k] = f"{names[k]} {names[following].split()[-1]}"
    return renamed


def family_surnames(lex: Lexicon, doc: Doc, people: Sequence[Candidate], names: list[str]) -> list[str]:
    """A first name used alone after a noun of kinship and the relative's name bears the relative's surname ('La
    femme de Joe Biden, Jill' -> 'Jill Biden'); not a word of another person's longer name."""
    words = [fold(name).split() for name in names]
    inner = {word for found in words if len(found) > 1 for word in found}
    by_end = {c.end: k for k, c in enumerate(people)}
    renamed = list(names)
    for k, candidate in enumerate(people):
        if len(words[k]) != 1 or candidate.start != candidate.name_start or words[k][0] in inner:
            continue
        relative = _named_relative(lex, doc, candidate.start, people, by_end, words)
        if relative is not None:
            renamed[k] = f"{names[k]} {names[relative].split()[-1]}"
    return renamed


def _named_relative(lex: Lexicon, doc: Doc, start: int, people: Sequence[Candidate], by_end: dict[int, int],
                    words: list[list[str]]) -> int | None:
    """The person of two words or more named between a noun of kinship and the comma before `start`: 'la femme de
    Joe Biden, Jill'."""
    if start < 4 or doc[start - 1].text != ",":
        return None
    k = by_end.get(start - 1)
    if k is None or len(words[k]) < 2 or people[k].start < 2:
        return None
    first = people[k].start
    return k if fold(doc[first - 1].text) in lex.of and fold(doc[first - 2].text) in lex.family_nouns else None


def _thing_name(lex: Lexicon, doc: Doc, members: Sequence[Candidate]) -> bool:
    """A noun of things introduces every mention, or one of them while all are one bare word, without title
    ('le groupe Vernier' ... 'le président de Vernier': a company)."""
    things = [_named_as_thing(lex, doc, member) for member in members]
    if all(things):
        return True
    return any(things) and all(member.end - member.start == 1 for member in members)


def _named_after_person(lex: Lexicon, doc: Doc, members: Sequence[Candidate]) -> bool:
    """Every mention is one untitled word of capitalised parts joined by hyphens, the way French writes a place,
    body or thing named after persons or places ('l'hôpital Robert-Debré', 'à Charlotte-Douglas', 'selon
    Météo-France'), with no title, role or apposition that makes it a person's (a speech verb does not: bodies
    speak too); not a compound first name ('Jean-Marie', 'Marie-Ange')."""
    words = doc_words(doc)
    for member in members:
        text = fold(words.span_text(member.name_start, member.end)[0])
        parts = text.split("-")
        if member.start != member.name_start or len(parts) < 2 or " " in text or text in lex.first_names \
                or all(part in lex.first_names for part in parts) \
                or is_person_context(lex, doc, member.name_start, member.end, speech=False):
            return False
    return True


def _national_branch(lex: Lexicon, doc: Doc, members: Sequence[Candidate]) -> bool:
    """Every mention is an untitled name of two words or more that ends with a country's name and opens with no
    usual first name: an organisation's national body or branch ('Santé publique France', 'Greenpeace France',
    'Météo France'), not a person's name ('Pierre Mendès France', 'Charlène de Monaco')."""
    words = doc_words(doc)
    for member in members:
        parts = words.span_text(member.name_start, member.end)[0].split()
        if member.start != member.name_start or len(parts) < 2 or fold(parts[0].split("-")[0]) in lex.first_names \
                or fold(parts[-2]) in lex.particles or not country_from_name(parts[-1]):
            return False
    return True


def _town_people(lex: Lexicon, doc: Doc, members: Sequence[Candidate]) -> bool:
    """Every mention is one untitled word, no usual first name, that names the people of a town of the home
    country ('un jeune Nîmois de 20 ans', 'la famille du jeune Nantais'), not a person's name."""
    words = doc_words(doc)
    for member in members:
        text = words.span_text(member.name_start, member.end)[0]
        if member.start != member.name_start or member.end - member.name_start != 1 \
                or fold(text) in lex.first_names or not town_demonym(text):
            return False
    return True


def _quoted_whole(doc: Doc, members: Sequence[Candidate]) -> bool:
    """Every mention is the whole of a quoted text, quotation marks right before and after it: the title of a
    work, a slogan or a nickname for a thing ('le film "Ma Loute"', 'la livrée « Rosso Amaranto »'), not a quote
    that opens with a name ('"Jean Castex, au contraire, ...')."""
    texts = doc_words(doc).texts
    return all(0 < c.start and c.end < len(texts) and texts[c.start - 1] in OPENING_QUOTES
               and texts[c.end] in CLOSING_QUOTES for c in members)


def _bare_word(lex: Lexicon, doc: Doc, candidate: Candidate) -> bool:
    """One capitalised word that nothing else says is a person's: no title, usual first name or context (a
    role, an apposition, a speech verb before it): 'selon Checknews', 'près de Hpakant' are no persons."""
    start = candidate.name_start
    return (candidate.end - start == 1 and candidate.start == start and fold(doc[start].text) not in lex.first_names
            and not is_person_context(lex, doc, start, candidate.end))


def _named_as_thing(lex: Lexicon, doc: Doc, candidate: Candidate) -> bool:
    """The mention is the second part of a hyphenated word ('Proche-Orient', 'Covid-19' gives no 'Orient'), or
    a noun of things introduces it ('le groupe Servier', 'la maladie de Parkinson'), not a role's holder ('le
    chef du parti X')."""
    start = candidate.start
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return True
    if party_after_role(lex, doc, start):
        return False  # 'les députés La République en marche X': the party's 'marche' is no thing of X's
    if _thing_apposed(lex, doc, candidate.end) or _thing_before_comma(lex, doc, start):
        return True
    k = start - 1
    while k >= 0 and start - k <= MAX_THING_GAP and doc[k].text.islower() and not doc[k].is_punct:
        if fold(doc[k].text) in lex.thing_nouns:
            if fold(doc[start - 1].text) in lex.of and k < start - 3:
                return False  # 'des postes de fonctionnaires de X': X is no name of the 'postes'
            before = [fold(doc[i].text) for i in range(max(0, k - 3), k)]
            return not (before and before[-1] in lex.of and any(word in lex.role_nouns for word in before))
        if doc[k].pos_ not in ("ADJ", "ADP", "DET", "NOUN"):
            return False
        k -= 1
    return False


def _thing_apposed(lex: Lexicon, doc: Doc, end: int) -> bool:
    """A noun of things heads the apposition after the name ending at `end`, past a determiner and adjectives
    ('Kam Hiep, ville située à 50 km', 'Ras Dhamar, un village proche de la frontière')."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    j = end + 1
    if fold(doc[j].text) in lex.apposition_determiners:
        j += 1
    while j < len(doc) and j - end <= MAX_THING_GAP and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j += 1
    return j < len(doc) and doc[j].text.islower() and fold(doc[j].text) in lex.thing_nouns


def _thing_before_comma(lex: Lexicon, doc: Doc, start: int) -> bool:
    """A determiner and a noun of things, adjectives after it, then a comma right before the name at `start`
    ('Une entreprise locale, Karimi Transport'); not a complement ('un habitant du village, X')."""
    if start < 3 or doc[start - 1].text != ",":
        return False
    k = start - 2
    while k > 0 and start - k <= MAX_THING_GAP and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1
    if not (doc[k].text.islower() and fold(doc[k].text) in lex.thing_nouns and k > 0):
        return False
    det = doc[k - 1]
    return det.pos_ == "DET" and fold(det.text) not in lex.of and (k < 2 or fold(doc[k - 2].text) not in lex.of)


def person_role(lex: Lexicon, doc: Doc, members: Sequence[Candidate]) -> tuple[str | None, str | None]:
    """The first role found next to any of a person's mentions, and the country it implies."""
    for candidate in members:
        bounds = role_before(lex, doc, candidate.start) or role_after(lex, doc, candidate.end)
        if bounds:
            text = role_text(doc, bounds)
            if text:
                return text, role_country(lex, doc, bounds)
    return None, None


def _is_country(doc: Doc, candidate: Candidate) -> bool:
    """Whether a GPE mention names its country or its people ('Russie', 'russe'), which join one entity.

    Capitals and seats of power ('Moscou', 'le Kremlin') stay entities of their own, named as written (the
    guidelines name a speaker "Washington"), with the country's code: a query by country finds them all.
    """
    text = span_text(doc, candidate.start, candidate.end)
    code = candidate.country
    return code is not None and (country_from_name(text) == code or word_country(text) == code)


def country_entities(doc: Doc, mentions: Sequence[Candidate]) -> list[Entity]:
    """One GPE entity per country code, gathering its names, capitals, seats of power and demonyms."""
    by_code: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in mentions:
        by_code[str(candidate.country)].append(candidate)
    return [
        Entity(
            id=entity_id(country_name(code), "GPE", code),
            name=_country_label(doc, code, found),
            type="GPE",
            country=code,
            mentions=tuple(mention(doc, c.start, c.end) for c in found),
        )
        for code, found in by_code.items()
    ]


def _country_label(doc: Doc, code: str, found: Sequence[Candidate]) -> str:
    """A country's name as the article writes it ('Etats-Unis', 'Hong Kong'), else its usual French name."""
    texts = (strip_leading(span_text(doc, c.start, c.end)) for c in found)
    names = [text for text in texts if text[:1].isupper() and country_from_name(text) == code]
    return max(names, key=names.count) if names else country_name(code)


def other_entities(doc: Doc, candidates: Sequence[Candidate]) -> list[Entity]:
    """Organisations, outlets, cities, places and others, grouped by name without article; acronyms joined."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[key(strip_leading(span_text(doc, candidate.start, candidate.end)))].append(candidate)
    _join_acronyms(doc, candidates, groups)
    return [_other_entity(doc, found) for found in groups.values() if found]


def _join_acronyms(doc: Doc, candidates: Sequence[Candidate], groups: dict[str, list[Candidate]]) -> None:
    """Move an acronym's mentions into the group of the name it follows in brackets: 'Rassemblement national (RN)'."""
    for candidate in candidates:
        end = candidate.end
        bracketed = end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
        if bracketed and _ACRONYM.match(doc[end + 1].text):
            acronym, full = key(doc[end + 1].text), key(strip_leading(doc[candidate.start : end].text))
            if acronym != full and acronym in groups and full in groups:
                groups[full].extend(groups.pop(acronym))


def _other_entity(doc: Doc, found: list[Candidate]) -> Entity:
    """One non-person entity: the longest form as name, the most frequent type, the first known country."""
    found.sort(key=lambda candidate: candidate.start)
    counts = Counter(c.type for c in found)
    type_ = min(counts, key=lambda t: (-counts[t], _TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else 9))
    name = _written_name([span_text(doc, c.start, c.end) for c in found], type_)
    country = next((c.country for c in found if c.country), None) or _inner_country(doc, found[0])
    return Entity(
        id=entity_id(name, type_, country if type_ == "GPE" else None),  # two Valence: Drôme and Spain
        name=name,
        type=type_,
        country=country,
        mentions=tuple(mention(doc, c.start, c.end) for c in found),
    )


def _written_name(forms: Sequence[str], type_: str) -> str:
    """The longest form; an all-caps place (a dateline, 'SÉOUL') as the article writes it elsewhere, or
    in title case."""
    longest = max(forms, key=len)
    if type_ not in {"GPE", "LOC"} or not longest.isupper() or len(longest) <= _MAX_PLACE_ACRONYM:
        return longest
    usual = [form for form in forms if not form.isupper() and form.lower() == longest.lower()]
    return usual[0] if usual else longest.title()


def _inner_country(doc: Doc, candidate: Candidate) -> str | None:
    """The country a demonym inside an organisation's name gives it ('ministère russe de la Défense')."""
    for text in doc_words(doc).texts[candidate.start : candidate.end]:
        code = word_country(text)
        if code:
            return code
    return None
