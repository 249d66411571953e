"""Candidate entity mentions in a parsed Doc: the model's entities repaired, plus what it missed.

Repairs: person names cut short ("Kim Jong" + "Un"), swallowing role words ("ministre de Transition
écologique Barbara Pompili") or editorial marks ("NDLR"); titles kept in the mention but not in the name
("M. Poutine"); fragments and widget words dropped ("du Nord", "Commentaire"); all-caps datelines
("SÉOUL –"); places resolved to countries; outlets typed MEDIA. Recovered persons: a capitalised name after
a title ("Mme Aslan"), after a role ("l'athlète iranienne Maryam Toosi"), before an apposition
("Kong Wing-cheung, un responsable"), or as the inverted subject of a verb ("explique Olivier").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..nlp import PerDoc, doc_words
from .countries import city_country, demonym_country, resolve_country, strip_leading
from .lexicon import Lexicon, fold, key

SENTENCE_BREAKS = frozenset(".!?:;«»\"“”—–…")
DATELINE_MARKS = frozenset({"–", "—", "-", "(", ",", ":"})
# lower-case determiners right before a capitalised word make it a thing, not a person ("de la République")
CLOSED_CLASSES = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON"})
SPEECH_PUNCT = frozenset({",", "»", '"', "”"})
_DOMAIN_NAME = re.compile(r"[\w-]+")
_ACRONYM = re.compile(r"[A-ZÀ-Ý]{2,6}")
_REGNAL = re.compile(r"[IVX]{1,5}")
_INITIALS = re.compile(r"(?:[A-Z]\.-?){2,3}")  # 'T.S.', 'J.-P.': a person's initials, each letter with its dot
_ROLE_REACH = 8  # "le chef de la diplomatie de l'UE Josep Borrell"
_APPOSED_ROLE_REACH = 12  # a comma closes the role: "le directeur général de l'Organisation mondiale de la santé,"
_MAX_BRACKETED = 4  # words of a bracketed aside after a role: "(OMS)", "(Alliance atlantique)"
ROLE_FILLERS = frozenset({"ADJ", "NOUN", "PROPN", "ADP", "DET"})
_MEDIA_WINDOW = 4
_MAX_PLACE_WORDS = 3  # "Corée du Nord", "Downing Street"
MAX_PARTICLES = 2  # "von der", "de la", "van den"
MAX_PARTY_WORDS = 6  # "Union des démocrates et indépendants"
# (language, id of the vocab) -> (the vocab, its PhraseMatcher of listed outlets): see media_matcher
_MEDIA_MATCHERS: dict[tuple[str, int], tuple[Vocab, PhraseMatcher]] = {}
# `demonym_country` of a token's text and `resolve_country` of a phrase, each looked up once per process
word_country = lru_cache(maxsize=65536)(demonym_country)
place_country = lru_cache(maxsize=65536)(resolve_country)


@dataclass(frozen=True)
class Candidate:
    """One mention found in the Doc: token bounds, where the name starts (after a title), type, country."""

    start: int
    end: int
    type: str  # PER, ORG, GPE, LOC, MEDIA, MISC
    name_start: int
    country: str | None = None
    weak: bool = False  # a person only if it joins a better-attested name of the article


@dataclass(frozen=True)
class Scan:
    """What the scans over a whole Doc read of each token, computed once per Doc and without Token objects."""

    lex: Lexicon  # the lexicon the name words were tested with
    texts: list[str]  # token.text
    names: list[bool]  # is_name_word
    inner: list[bool]  # is_name_word(inner=True)
    starts: list[bool]  # starts_sentence
    breaks: list[bool]  # a line break in the token or right after it


_SCANS: PerDoc[Scan] = PerDoc()


def scan(lex: Lexicon, doc: Doc) -> Scan:
    """The Doc's `Scan`, computed once per Doc and lexicon (each distinct word tested once)."""
    found = _SCANS.get(doc)
    if found is not None and found.lex is lex and len(found.texts) == len(doc):
        return found
    words = doc_words(doc)
    texts = words.texts
    known = _known_flags(lex)
    for text in set(texts).difference(known):  # each new word tested once
        known[text] = _name_flags(lex, text)
    flags = [known[text] for text in texts]
    breaks = [("\n" in text or "\n" in space) for text, space in zip(texts, words.spaces)]
    # a sentence starts after a line break or a sentence mark, and at the first word
    starts = [True, *[brk or previous in SENTENCE_BREAKS for brk, previous in zip(breaks, texts[:-1])]] if texts else []
    return _SCANS.put(doc, Scan(lex, texts, [flag[0] for flag in flags], [flag[1] for flag in flags], starts, breaks))


_FLAGS: dict[int, tuple[Lexicon, dict[str, tuple[bool, bool]]]] = {}  # per lexicon: word -> `_name_flags`
MAX_FLAGS = 200_000  # words remembered per lexicon


def _known_flags(lex: Lexicon) -> dict[str, tuple[bool, bool]]:
    """The `_name_flags` of the words seen so far with this lexicon (kept across documents, emptied when large)."""
    entry = _FLAGS.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _FLAGS[id(lex)] = (lex, {})
    if len(entry[1]) > MAX_FLAGS:
        entry[1].clear()
    return entry[1]


def is_name_word(lex: Lexicon, token: Token, *, inner: bool = False) -> bool:
    """A capitalised word that can be part of a proper name (not a title, role word, widget or weekday).

    Inside a name (`inner`), capitalised role nouns are names too: "Bruno Le Maire".
    """
    return is_name_text(lex, token.text, inner=inner)


def is_name_text(lex: Lexicon, text: str, *, inner: bool = False) -> bool:
    """`is_name_word` of a token's text."""
    name, inner_name = _name_flags(lex, text)
    return inner_name if inner else name


def _name_flags(lex: Lexicon, text: str) -> tuple[bool, bool]:
    """`is_name_text` of a token's text outside and inside a name."""
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False, False
    folded = fold(text)
    if folded in lex.not_names or folded in lex.titles or folded in lex.never_in_names:
        return False, False
    return folded not in lex.role_nouns, True


def is_title(lex: Lexicon, token: Token) -> bool:
    """A civility title or honorific ('M.', 'Mme', 'docteur', 'père')."""
    return fold(token.text) in lex.titles


def starts_sentence(doc: Doc, i: int) -> bool:
    """Whether token i opens a sentence or line (by punctuation and line breaks, not the parser's guess)."""
    if i == 0:
        return True
    previous = doc[i - 1]
    return "\n" in previous.text or "\n" in previous.whitespace_ or previous.text in SENTENCE_BREAKS


def _inline_space(text: str) -> bool:
    """A whitespace token with no line break: a no-break space between two words ('Maud\u00a0Bregeon')."""
    return text.isspace() and "\n" not in text


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """Token j is a hyphen written without spaces between two words ('Wing-cheung', 'al-Marhoon')."""
    return (
        doc[j].text == "-"
        and j > 0
        and j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].is_alpha
    )


def name_run_end(lex: Lexicon, doc: Doc, i: int) -> int:
    """End of the proper name starting at token i: name words, inner particles, hyphenated parts."""
    words = scan(lex, doc)
    size = len(words.texts)
    j = i
    while j < size:
        name = words.inner[j] if j > i else words.names[j]
        if name and (j == i or not words.starts[j]):
            j += 1
        elif j > i and words.texts[j] == "-" and _glued_hyphen(doc, j):
            j += 2
        elif j > i and _inline_space(words.texts[j]) and j + 1 < size and words.inner[j + 1]:
            j += 1  # 'Maud\u00a0Bregeon'
        elif j > i and (after := _particles_end(lex, doc, j)) > j and after < size and _continues(lex, doc, after):
            j = after  # "de Oliveira", "al-Zaher", "von der Leyen"; not "de Nantes": a place after "de" is no name
        else:
            break
    return j


def _continues(lex: Lexicon, doc: Doc, j: int) -> bool:
    """Whether a name goes on at token j after a particle ('de Oliveira', 'al-Zaher'), not a place ('de Nantes')
    nor an organisation the model saw open there ('Karim Benali de Human Rights Watch')."""
    if _glued_hyphen(doc, j):
        return True
    if doc[j].ent_iob_ == "B" and doc[j].ent_type_ == "ORG":
        return False
    return is_name_word(lex, doc[j]) and not (place_country(doc[j].text) or city_country(doc[j].text))


def person_bounds(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """Repair a model PER span: (mention start with title, name start, end), None if no name is left."""
    while end > start and not _ends_name(lex, doc, end - 1, start):
        end -= 1  # "Gérald Darmanin NDLR", "Kim Jong ,"
    name_start = end
    while name_start > start and _in_name(lex, doc, name_start - 1, start):
        name_start -= 1
    while name_start < end and not is_name_word(lex, doc[name_start]):
        name_start += 1  # no leading particle unless a title stands before it: "Me de Oliveira"
    if name_start >= end:
        return _after_title(lex, doc, start, end)
    end = max(end, name_run_end(lex, doc, name_start))
    return _with_title(lex, doc, name_start), name_start, end


def _ends_name(lex: Lexicon, doc: Doc, k: int, floor: int) -> bool:
    """Whether token k can close a name: a name word, or the part after a glued hyphen ('Wing-cheung')."""
    return is_name_word(lex, doc[k]) or (doc[k].is_alpha and k - 1 > floor and _glued_hyphen(doc, k - 1))


def _in_name(lex: Lexicon, doc: Doc, j: int, floor: int) -> bool:
    """Whether token j (inside a model span starting at floor) still belongs to the name that follows."""
    token = doc[j]
    inner = j > floor and is_name_word(lex, doc[j - 1])
    if is_name_word(lex, token, inner=inner) and not (j > floor and starts_sentence(doc, j)):
        return True
    if token.text == "-" and not token.whitespace_ or j > floor and _inline_space(token.text):
        return True
    if j - 1 > floor and token.is_alpha and _glued_hyphen(doc, j - 1) and is_name_word(lex, doc[j - 2], inner=True):
        return True  # 'Park Ji-hye', 'Jeong Eun-kyeong': a lower-case syllable after the hyphen
    if j > floor and j + 1 < len(doc) and token.is_alpha and _glued_hyphen(doc, j - 1) and _glued_hyphen(doc, j + 1):
        return True  # 'Chan-o-Cha'
    if j > floor and j + 1 < len(doc) and _name_article(lex, doc, j):
        return True  # 'Jean-Yves le Drian': the article opens the surname the model's span goes on with
    if j <= floor or fold(token.text) not in lex.particles | lex.second_particles:
        return False
    k = j - 1
    while k > floor and j - k < MAX_PARTICLES and fold(doc[k].text) in lex.particles:
        k -= 1  # "Ursula von der Leyen": the name word before a run of particles
    return is_name_word(lex, doc[k]) and (fold(token.text) in lex.particles or k < j - 1)


def _name_article(lex: Lexicon, doc: Doc, j: int) -> bool:
    """A lower-case article between a usual first name and a capitalised name word ('Bruno le Maire')."""
    token = doc[j]
    return token.text.islower() and token.text in lex.name_articles and fold(doc[j - 1].text) in lex.first_names \
        and is_name_word(lex, doc[j + 1])


def _particles_end(lex: Lexicon, doc: Doc, j: int) -> int:
    """Index after the run of particles starting at token j (j itself when none starts there)."""
    texts = doc_words(doc).texts
    k = j
    while k < len(texts) and k - j < MAX_PARTICLES and (fold(texts[k]) in lex.particles
                                                         or k > j and fold(texts[k]) in lex.second_particles):
        k += 1
    return k


def _after_title(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """A title followed by particle and name inside the span ('Me de Oliveira')."""
    for j in range(start, end - 1):
        if is_title(lex, doc[j]) and fold(doc[j + 1].text) in lex.particles:
            run = name_run_end(lex, doc, j + 2) if j + 2 < len(doc) and is_name_word(lex, doc[j + 2]) else j + 2
            if run > j + 2:
                return j, j + 1, max(end, run)
    return None


def _with_title(lex: Lexicon, doc: Doc, name_start: int) -> int:
    """Mention start: the name, or the title just before it ('M. Poutine', 'le docteur Sever' -> 'docteur')."""
    if name_start > 0 and is_title(lex, doc[name_start - 1]):
        return name_start - 1
    return name_start


def is_web_domain(lex: Lexicon, text: str) -> bool:
    """A web domain naming an outlet: one word, a dot and a listed ending ('lemonde.fr', 'Franceinfo.TV')."""
    name, dot, ending = text.rpartition(".")
    return bool(dot) and ending.lower() in lex.web_domains and _DOMAIN_NAME.fullmatch(name) is not None


def is_plausible_person(lex: Lexicon, doc: Doc, name_start: int, end: int) -> bool:
    """Reject runs that cannot be a person's name: acronyms ('FN', 'LREM'), web domains, demonyms."""
    words = doc[name_start:end]
    if any(token.is_upper and sum(c.isalpha() for c in token.text) >= 2 and not (i and _REGNAL.fullmatch(token.text))
           and not (i < len(words) - 1 and _INITIALS.fullmatch(token.text)) for i, token in enumerate(words)):
        return False  # an acronym ('FN', 'LREM'), not a regnal number after a name ('Elizabeth II') nor initials
        # before a surname ('T.S. Eliot')
    if end - name_start > 1:
        return True
    return not (is_web_domain(lex, words.text) or any(word_country(part) for part in words.text.split("-")))


def is_weak_person(lex: Lexicon, doc: Doc, name_start: int, end: int) -> bool:
    """A name with little evidence of a person: kept only if it joins a better-attested name.

    One word opening a sentence or not tagged as a proper noun ('Bravo', 'Alternative'), or any name right
    after a lower-case determiner ('de la République') or a common noun ('le cabinet Nielsen').
    """
    before = doc[name_start - 1] if name_start > 0 else None
    if before is not None and fold(before.text) in lex.thing_determiners:
        return True
    if end - name_start > 1:
        return False
    if starts_sentence(doc, name_start) or doc[name_start].pos_ != "PROPN":
        return True
    if before is None or before.pos_ != "NOUN" or not before.text.islower():
        return False
    return fold(before.text) not in lex.role_nouns


def role_noun_before(lex: Lexicon, doc: Doc, i: int) -> bool:
    """Whether a role noun phrase ends right before token i ('le président russe X',
    'la ministre de la Transition écologique X'): a role noun, then only adjectives, nouns and 'de la'."""
    return i > 0 and _may_precede_holder(lex, doc[i - 1]) and _role_phrase_before(lex, doc, i, _ROLE_REACH)


def _role_phrase_before(lex: Lexicon, doc: Doc, i: int, reach: int) -> bool:
    """A role noun within `reach` words before token i, with only adjectives, nouns, demonyms and 'de la' after it."""
    k = i - 1
    while k >= 0 and i - k <= reach:
        token = doc[k]
        if fold(token.text) in lex.role_nouns:
            return True
        if "\n" in token.whitespace_ or not (token.pos_ in ROLE_FILLERS or word_country(token.text)):
            return False
        k -= 1
    return False


def _may_precede_holder(lex: Lexicon, token: Token) -> bool:
    """Whether a role's holder may follow this token: not after 'de' ('maire de Brest', the role's complement)
    nor after a common noun ('la région Paca', an apposed place or thing)."""
    if fold(token.text) in lex.role_nouns:
        return True
    if token.pos_ in {"ADP", "DET"}:
        return False
    return not (token.pos_ == "NOUN" and token.text.islower())


def apposition_after(lex: Lexicon, doc: Doc, end: int, *, indefinite: bool = False) -> bool:
    """Whether ', un client de 41 ans' or ', le chef de ...' follows the name ending at token `end`.

    With `indefinite`, only ', un/une <role>' and ', 41 ans' count: a definite noun phrase after a one-word
    name is as often the subject of a new clause ("de Quotidien, le directeur ... a dit").
    """
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    j = end + 1
    if doc[j].like_num and doc[j + 1].lower_ in lex.age_units:
        return True
    if fold(doc[j].text) in lex.role_nouns and _aged(lex, doc, j + 1):
        return True  # ', manifestante de 57 ans'
    if fold(doc[j].text) in (lex.indefinite if indefinite else lex.apposition_determiners):
        j += 1
    elif indefinite:
        return False
    if j < len(doc) and doc[j].pos_ == "ADJ" and j + 1 < len(doc):
        j += 1
    if j < len(doc) and doc[j].text[:1].isupper() and word_country(doc[j].text):
        return True  # ', un Irakien de 19 ans', ', une Algérienne installée à Lyon'
    return j < len(doc) and fold(doc[j].text) in lex.role_nouns


def _aged(lex: Lexicon, doc: Doc, j: int) -> bool:
    """'de 57 ans' starts at token j."""
    return j + 2 < len(doc) and doc[j].lower_ == "de" and doc[j + 1].like_num and doc[j + 2].lower_ in lex.age_units


def inverted_subject(doc: Doc, i: int) -> bool:
    """Whether the name at token i follows a verb after a comma or quote: '», explique Olivier'."""
    if i < 2 or doc[i - 1].pos_ != "VERB":
        return False
    before = doc[i - 2]
    if before.pos_ == "AUX" and i >= 3:
        before = doc[i - 3]
    return before.text in SPEECH_PUNCT


def is_person_context(lex: Lexicon, doc: Doc, start: int, end: int, *, speech: bool = True) -> bool:
    """Evidence around a capitalised run that it names a person (without `speech`, not the inverted subject of
    a speech verb, which organisations are too: 'indique Météo-France')."""
    return (
        (start > 0 and is_title(lex, doc[start - 1]))
        or role_noun_before(lex, doc, start)
        or apposed_to_role(lex, doc, start, end)
        or apposition_after(lex, doc, end, indefinite=end - start == 1)
        or speech and inverted_subject(doc, start)
        or coordinated_with_person(lex, doc, start, end)
        or fold(doc_words(doc).texts[end - 1]) in titled_surnames(lex, doc)
        or first_name_before_relative(lex, doc, start, end)
    )


def party_end(lex: Lexicon, doc: Doc, start: int) -> int:
    """End of the longest listed party whose name opens at token `start` ('Agir', 'La République en marche'),
    else `start`."""
    texts = doc_words(doc).texts
    for words in lex.parties.get(fold(texts[start]), ()):
        end = start + len(words)
        if end <= len(texts) and all(fold(texts[start + k]) == word for k, word in enumerate(words)):
            return end
    return start


def party_before(lex: Lexicon, doc: Doc, i: int) -> int | None:
    """Start of a listed party, capitalised, that ends right before token i."""
    texts = doc_words(doc).texts
    for start in range(max(0, i - MAX_PARTY_WORDS), i):
        if texts[start][:1].isupper() and party_end(lex, doc, start) == i:
            return start
    return None


def party_after_role(lex: Lexicon, doc: Doc, i: int) -> bool:
    """A role noun phrase, then a listed party right before token i: the holder's party ('les députés La
    République en marche' X, 'le député Agir' X)."""
    start = party_before(lex, doc, i)
    return start is not None and role_noun_before(lex, doc, start)


def first_name_before_relative(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A usual first name alone, then a comma and a relative pronoun ('Pascal, dont la boulangerie a été
    inondée, ...', 'Claire, qui préfère taire son nom')."""
    if end - start != 1 or end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in lex.relatives:
        return False
    return fold(doc_words(doc).texts[start]) in lex.first_names


def apposed_to_role(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A name of two words or more set between commas (or a comma and the sentence's end) right after a role
    phrase, a bracketed aside closing it or not: 'a déclaré le maire de Séoul, Park Won-soon, ...', 'le directeur
    général de l'Organisation mondiale de la santé (OMS), Tedros Adhanom Ghebreyesus'."""
    if end - start < 2 or start < 2 or doc[start - 1].text != "," or end < len(doc) and doc[end].text not in ",.;":
        return False
    return _role_phrase_before(lex, doc, _before_brackets(doc, start - 1), _APPOSED_ROLE_REACH)


def _before_brackets(doc: Doc, i: int) -> int:
    """Token i, or where a bracketed aside closing right before it opens ('la santé (OMS)' + ',': the '(')."""
    if i < 3 or doc[i - 1].text != ")":
        return i
    k = i - 2
    while k > 0 and i - k <= _MAX_BRACKETED and doc[k].text not in "()":
        k -= 1
    return k if doc[k].text == "(" else i


_TITLED: PerDoc[tuple[Lexicon, frozenset[str]]] = PerDoc()


def titled_surnames(lex: Lexicon, doc: Doc) -> frozenset[str]:
    """The folded last words of the names the article writes after a title ('Mme Pelosi', 'M. Le Maire'):
    a run ending with one of them names that person ('Nancy Pelosi', which the model may type as a thing)."""
    found = _TITLED.get(doc)
    if found is not None and found[0] is lex:
        return found[1]
    words = scan(lex, doc)
    surnames = set()
    for i, text in enumerate(words.texts[:-1]):
        if words.names[i + 1] and fold(text) in lex.titles:
            surnames.add(fold(words.texts[name_run_end(lex, doc, i + 1) - 1]))
    return _TITLED.put(doc, (lex, frozenset(surnames)))[1]


def coordinated_with_person(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """Whether the run is listed with a name the model tagged as a person ('Marine Le Pen et Jean-Marie Le Pen')."""
    after = end + 1 < len(doc) and doc[end].lower_ in lex.coordinators and doc[end + 1].ent_type_ == "PER"
    before = start >= 2 and doc[start - 1].lower_ in lex.coordinators and doc[start - 2].ent_type_ == "PER"
    return after or before


def is_country_or_outlet(lex: Lexicon, text: str) -> bool:
    """Whether a capitalised run names a country (or its capital, seat, people) or a listed outlet."""
    return bool(place_country(text)) or key(text) in lex.media or outlet_edition(lex, text) is not None


def outlet_edition(lex: Lexicon, text: str) -> str | None:
    """The key of the listed outlet that opens a name and the name of its edition or programme after it ('France
    Bleu Orléans', 'BFM Paris'); None for a first name that an outlet also bears ('Marianne James')."""
    words = strip_leading(text).split()
    if len(words) < 2 or fold(words[0]) in lex.first_names:
        return None
    return next((found for size in range(len(words) - 1, 0, -1)
                 if (found := key(" ".join(words[:size]))) in lex.media), None)


def media_noun_before(lex: Lexicon, doc: Doc, start: int) -> bool:
    """Whether 'le journal', 'l'agence (de presse)', 'la chaîne', maybe with adjectives, stands right before."""
    texts = doc_words(doc).texts
    k = start - 1
    while k >= 0 and start - k <= _MEDIA_WINDOW:
        word = fold(texts[k])
        if word in lex.media_nouns:  # not qualifying a noun before it: 'un point presse X'
            return not (k > 0 and doc[k - 1].pos_ == "NOUN" and texts[k - 1].islower())
        if not (doc[k].pos_ == "ADJ" or word_country(texts[k]) or word in lex.media_fillers):
            return False
        k -= 1
    return False


def is_media(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[bool, str | None]:
    """Whether the span names a news outlet (listed, a web domain, or after 'le journal', 'l'agence'...)."""
    text = doc_words(doc).span_text(start, end)[0]
    listed = lex.media
    for form in (text, strip_leading(text)):
        if key(form) in listed:
            return True, listed[key(form)]
    if end - start == 1 and is_web_domain(lex, text):
        return True, None
    edition = outlet_edition(lex, text)
    if edition is not None:
        return True, listed[edition]
    return media_noun_before(lex, doc, start), None


def place_type(text: str, label: str) -> tuple[str, str | None]:
    """Type and country of a place or organisation span: countries and their metonyms GPE, cities GPE."""
    code = place_country(text)
    if code:
        return "GPE", code
    if label in {"LOC", "GPE"}:
        city = city_country(text)
        return ("GPE", city) if city else ("LOC", None)
    return label, None


def trim_article(lex: Lexicon, doc: Doc, start: int, end: int) -> int:
    """Start of a non-person span without its leading lower-case article ('l’Asie' -> 'Asie')."""
    while start < end - 1 and fold(doc[start].text) in lex.leading_articles and doc[start].text.islower():
        start += 1
    return start


def is_junk(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """Spans that are no entity: widget words, fragments ('du Nord'), descriptions ('ministre de l'Intérieur'),
    lower-case text, and one ordinary word capitalised at a sentence start ('Enquête', 'REPORTAGE')."""
    text = doc_words(doc).span_text(start, end)[0]
    bare = fold(strip_leading(text))
    if bare in lex.not_names or len(bare) < 2 or not any(c.isupper() for c in text):
        return True
    words = scan(lex, doc)
    first = words.texts[start]
    if first.islower() and fold(first) in lex.role_nouns:
        return True
    if all(not words.names[k] for k in range(start, end) if words.texts[k][:1].isupper()):
        return True
    return end - start == 1 and words.starts[start] and doc[start].pos_ != "PROPN"


def datelines(doc: Doc, words: Scan) -> Iterator[Candidate]:
    """All-caps place names opening a paragraph before a dash or parenthesis ('SÉOUL –')."""
    for i in range(len(doc)):
        if not (words.starts[i] and (i == 0 or words.breaks[i - 1])):
            continue
        j = i
        while j < len(doc) and (doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1 or _glued_hyphen(doc, j)):
            j += 2 if doc[j].text == "-" else 1
        if j > i and j < len(doc) and doc[j].text in DATELINE_MARKS:
            type_, code = place_type(doc[i:j].text.title(), "LOC")
            if code:
                yield Candidate(i, j, type_, i, code)


def find_candidates(lex: Lexicon, doc: Doc) -> list[Candidate]:
    """Every entity mention of the Doc, persons first, each token in at most one mention."""
    found = _Claims(len(doc))
    words = scan(lex, doc)
    for candidate in datelines(doc, words):
        found.claim(candidate)
    leftovers = []
    for span in unglued(lex, doc):
        if not (span.label_ == "PER" and _model_person(lex, doc, span, found)):
            leftovers.append(span)
    for start, end in name_runs(lex, doc, words):
        if not found.overlaps(start, end):
            _context_person(lex, doc, start, end, found)
    for span in leftovers:
        _other(lex, doc, span, found)
    for candidate in listed_media(lex, doc):
        found.claim(candidate)
    for candidate in listed_places(doc, words, found):
        found.claim(candidate)
    free = {text for text, taken in zip(words.texts, found.taken) if not taken}  # each word looked up once
    countries = {text: code for text in free if (code := word_country(text))}
    for i, text in enumerate(words.texts):
        code = countries.get(text) if countries and not found.taken[i] else None
        if code:
            found.claim(Candidate(i, i + 1, "GPE", i, code))
    return sorted(found.candidates, key=lambda candidate: candidate.start)


def unglued(lex: Lexicon, doc: Doc) -> list[Span]:
    """The model's entities, a person's name glued to what precedes it given apart ('la ministre de la
    Justice Nicole Belloubet', 'a dit à l'AFP Rose Jaffe': 'Justice' or 'AFP', then the person)."""
    entities = list(doc.ents)
    spans = []
    person_words: Counter[str] | None = None
    for span in entities:
        k = glued_name_start(lex, doc, span) if span.end - span.start > 1 else None
        if k is not None:
            person_words = person_words or _person_words(entities)
            if person_words[fold(doc_words(doc).texts[k - 1])] > (span.label_ == "PER") \
                    and not _complement_before(lex, doc, span.start, k):
                k = None  # 'de Kim Jong Un' when 'Kim' names a person elsewhere: the first word is the surname
        if k is None:
            spans.append(span)
            continue
        if not (role_noun_before(lex, doc, k) or fold(doc_words(doc).texts[k - 1]) in lex.portfolios):
            # 'de la Justice' completes the role of the name, no entity
            spans.append(Span(doc, span.start, k, label="MISC" if span.label_ == "PER" else span.label_))
        spans.append(Span(doc, k, max(span.end, name_run_end(lex, doc, k)), label="PER"))
    return spans


def _person_words(entities: Sequence[Span]) -> Counter[str]:
    """How many times each folded word stands in the model's person entities."""
    return Counter(fold(token.text) for span in entities if span.label_ == "PER" for token in span)


def glued_name_start(lex: Lexicon, doc: Doc, span: Span) -> int | None:
    """Where a person's name starts inside a model span that glues it to words before, None when no such name
    is inside or the span opens with a noun of things ('la Fondation Jean Moulin').

    The words before are a capitalised demonym ('le conservateur Hongrois Laszlo Trocssanyi', "l'Afghan
    Nasrullah"); or, after a determiner or preposition, a name of two words or more ends the span and opens
    with a usual first name, or (in a span the model gave no person) follows the complement of a role ('le
    ministre de l'Aviation Ghulam Sarwar Khan', 'le maire de New York Bill Harmon') or an acronym ('la BBC
    Sizwe Mpofu-Walsh'); right after a role noun, in a span the model gave no person, the words before a usual
    first name are the role's party ('le député Nouvelle Gauche Boris Vallaud', 'les députés Les Constructifs
    Franck Riester')."""
    start, end = span.start, span.end
    if end - start < 2 or start == 0:
        return None
    words = scan(lex, doc)
    if fold(words.texts[start]) in lex.thing_nouns:
        return None
    if _demonym_before_name(lex, doc, start, end):
        return start + 1
    if _outlet_before_one_name(lex, doc, start, end):
        return end - 1
    after_role = span.label_ != "PER" and fold(words.texts[start - 1]) in lex.role_nouns
    if end - start < 3 or not (doc[start - 1].pos_ in ("ADP", "DET") or after_role):
        return None  # the glued words are a complement ('de la Justice', 'à l'AFP'), not a name's first part
    for k in range(start + 1, end - 1):
        if not (words.names[k] and words.names[k - 1]) or fold(words.texts[k - 1]) in lex.first_names:
            continue
        if name_run_end(lex, doc, k) < max(end, k + 2):
            continue
        if fold(words.texts[k]) in lex.first_names or _complement_before(lex, doc, start, k):
            return k
    return None


def _outlet_before_one_name(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A listed outlet after a preposition or determiner, then one name word that a usual first name or an
    indefinite apposition makes a person's ('a confié à l'AFP Malika, une infirmière de 34 ans')."""
    if doc[start - 1].pos_ not in ("ADP", "DET") or key(doc_words(doc).span_text(start, end - 1)[0]) not in lex.media:
        return False
    last = doc_words(doc).texts[end - 1]
    if not scan(lex, doc).names[end - 1] or is_country_or_outlet(lex, last) or city_country(last):
        return False
    return fold(last) in lex.first_names or apposition_after(lex, doc, end, indefinite=True)


def _demonym_before_name(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A capitalised demonym opens the span, right after a determiner, preposition, noun or adjective, and name
    words end it that are no place nor demonym ('le Norvégien Erik Lund'; not 'la Lebanese American University')."""
    texts = doc_words(doc).texts
    if not (texts[start][:1].isupper() and not texts[start].isupper() and word_country(texts[start])):
        return False
    if doc[start - 1].pos_ not in ("DET", "ADP", "NOUN", "ADJ") or name_run_end(lex, doc, start + 1) < end:
        return False
    rest = doc_words(doc).span_text(start + 1, end)[0]
    if place_country(rest) or city_country(rest) or any(word_country(text) for text in texts[start + 1 : end]):
        return False
    return not any(fold(text) in lex.thing_nouns for text in texts[start + 1 : end])


def _role_before_complement(lex: Lexicon, doc: Doc, start: int) -> bool:
    """A role noun phrase ends right before the prepositions and determiners before token `start` ('le maire
    de' New York, "le ministre de l'" Aviation)."""
    j = start
    while j > 0 and start - j < MAX_PARTICLES and doc[j - 1].pos_ in ("ADP", "DET"):
        j -= 1
    return j < start and role_noun_before(lex, doc, j)


def _complement_before(lex: Lexicon, doc: Doc, start: int, k: int) -> bool:
    """The span's words before token k complete a role phrase ('le ministre de l'Aviation', 'le directeur des
    KCDC', 'le maire de New York'): an acronym, a place, country or international body, or a government
    portfolio, without cutting a place ('New' | 'York')."""
    words = doc_words(doc)
    if city_country(words.span_text(start, k + 1)[0]):
        return False
    if not (role_noun_before(lex, doc, k) or _role_before_complement(lex, doc, start)):
        return False
    before = words.span_text(start, k)[0]
    if k == start + 1 and _ACRONYM.fullmatch(before) or fold(words.texts[k - 1]) in lex.portfolios:
        return True
    return bool(city_country(before) or resolve_country(before, bodies=True))


class _Claims:
    """Candidates found so far and the tokens they cover."""

    def __init__(self, size: int) -> None:
        self.taken = [False] * size
        self.candidates: list[Candidate] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any token in [start, end) is already part of a mention."""
        return any(self.taken[start:end])

    def claim(self, candidate: Candidate) -> bool:
        """Record a candidate unless it overlaps one already found."""
        if self.overlaps(candidate.start, candidate.end):
            return False
        self.taken[candidate.start : candidate.end] = [True] * (candidate.end - candidate.start)
        self.candidates.append(candidate)
        return True


def _model_person(lex: Lexicon, doc: Doc, span: Span, found: _Claims) -> bool:
    """Repair a model PER span and claim it; False when it is no person after all."""
    bounds = person_bounds(lex, doc, span.start, span.end)
    if bounds is None:
        return False
    start, name_start, end = bounds
    if end > span.end and _person_entity_starts(doc, span.end) and is_weak_person(lex, doc, name_start, span.end):
        end = span.end  # 'le président de la République' + 'Emmanuel Macron': the model's next person is the name
    party = party_end(lex, doc, name_start)
    if party >= end:
        return False  # 'l'élu Agir': the party of a role's holder
    if party > name_start:
        start = name_start = party  # 'le député Agir Pierre-Yves X': the name follows the party
    if start == name_start and _first_name_before(lex, doc, start) and not found.taken[start - 1]:
        name_start -= 1  # 'Florence' (which the model typed as a city) + 'Berthout'
        start = _with_title(lex, doc, name_start)
    if not is_plausible_person(lex, doc, name_start, end) or _place_or_outlet(lex, doc, name_start, end):
        return False
    if media_noun_before(lex, doc, start) and not _named_after_outlet_noun(lex, doc, name_start, end):
        return False
    weak = start == name_start and is_weak_person(lex, doc, name_start, end) and not is_person_context(lex, doc, name_start, end)
    found.claim(Candidate(start, end, "PER", name_start, weak=weak))
    return True


def _named_after_outlet_noun(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """A name after a noun of outlets that is a person's: a usual first name and a surname, whose words no
    outlet's name takes ('a déclaré lors d'une conférence de presse Thierry Vasseur', 'raconte à la radio Gérard
    Malvaux', 'la productrice de télévision Alexia Vial'), or any name after 'de', the outlet noun's complement
    ('le quotidien de Gabriel': his days, 'le journal de X': X's diary), not its name."""
    texts = doc_words(doc).texts
    if start > 0 and texts[start - 1] in lex.of:
        return True
    return end - start >= 2 and fold(texts[start]) in lex.first_names


def _place_or_outlet(lex: Lexicon, doc: Doc, name_start: int, end: int) -> bool:
    """A model person that names a country, city or listed outlet, unless one word a city names too comes with
    its age or an indefinite role after it ('Sana, une enseignante de 43 ans', 'Sana, 43 ans')."""
    text = doc[name_start:end].text
    if key(text) in lex.media or outlet_edition(lex, text) is not None:
        return True
    if not place_country(text):
        return False
    return not (end - name_start == 1 and apposition_after(lex, doc, end, indefinite=True))


def _person_entity_starts(doc: Doc, i: int) -> bool:
    """A model person entity opens at token i."""
    return i < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("PER", "PERSON")


def _first_name_before(lex: Lexicon, doc: Doc, start: int) -> bool:
    """A usual first name stands right before the name at `start`, with no punctuation or line break between."""
    words = scan(lex, doc)
    return start > 0 and not words.starts[start] and words.names[start - 1] \
        and fold(words.texts[start - 1]) in lex.first_names


def name_runs(lex: Lexicon, doc: Doc, words: Scan) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised name words, without a function word opening a sentence ('Selon')."""
    names = words.names
    size = len(names)
    i = 0
    while i < size:
        if not names[i]:
            i += 1
            continue
        end = name_run_end(lex, doc, i)
        start = i
        while start < end and words.starts[start] and (doc[start].is_stop or doc[start].pos_ in CLOSED_CLASSES):
            start += 1
        if start < end:
            yield start, end
        i = end


def _context_person(lex: Lexicon, doc: Doc, start: int, end: int, found: _Claims) -> bool:
    """Claim a capitalised run as a person when its context says so.

    Never a lone word opening a sentence ("Indirectement, le président..."): the model must have seen those;
    but a usual first name before ', qui' or ', dont' ('Florence, qui habite là') is a person's.
    """
    if end - start == 1 and starts_sentence(doc, start) and not first_name_before_relative(lex, doc, start, end):
        return False
    if _inside_thing_after_role(lex, doc, start):
        return False
    party = party_end(lex, doc, start)
    if party >= end:
        return False  # 'les députés Constructifs', 'la députée La République en marche X': the party
    start = party  # 'le député Agir Pierre-Yves X'
    if not (is_person_context(lex, doc, start, end) or _first_name_and_glued_particle(lex, doc, start, end)) \
            or is_country_or_outlet(lex, doc[start:end].text):
        return False
    if _opens_longer_entity(doc, start, end):
        return False  # 'élu Front de gauche', 'la sénatrice Parti socialiste X'
    if not is_plausible_person(lex, doc, start, end):
        return False
    if media_noun_before(lex, doc, start) and not _named_after_outlet_noun(lex, doc, start, end):
        return False
    if start > 0 and fold(doc[start - 1].text) in lex.thing_determiners:
        return False
    if _typed_apart(doc, start, end) and not _strong_person_context(lex, doc, start, end):
        return False  # 'a précisé Enedis', 'a annoncé Amnesty International', 'les élus Républicains'
    return found.claim(Candidate(_with_title(lex, doc, start), end, "PER", start))


def _first_name_and_glued_particle(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """The run is a usual first name, then a surname opening with a particle glued by a hyphen ('Bachar
    al-Assad', 'Karim el-Masri'): the form of a person's name, wherever it stands."""
    texts = doc_words(doc).texts
    return end - start >= 4 and fold(texts[start]) in lex.first_names and texts[start + 1].islower() \
        and fold(texts[start + 1]) in lex.particles and _glued_hyphen(doc, start + 2)


def _opens_longer_entity(doc: Doc, start: int, end: int) -> bool:
    """The run opens a model entity of no person that goes on past it with words no name takes: an
    organisation's name ('Front de gauche', 'Parti socialiste', 'Rassemblement national' after a role noun)."""
    return end < len(doc) and doc[start].ent_type_ not in ("", "PER", "PERSON") and doc[start].ent_iob_ == "B" \
        and doc[end].ent_iob_ == "I" and doc[end].text.islower()


def _typed_apart(doc: Doc, start: int, end: int) -> bool:
    """The model typed the run as no person: one word as an organisation, place or thing, or longer as an
    organisation (a place or thing of several words is as often a person's name it misread)."""
    label = doc[start].ent_type_
    return label not in ("", "PER", "PERSON") and (end - start == 1 or label == "ORG")


def _strong_person_context(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """Evidence that outweighs the model's typing of a run as an organisation or place: a title, an apposition,
    a listed person beside it, the surname of a titled name, a usual first name before a relative clause, or a
    singular role noun right before it, past adjectives only ('le Premier ministre grec Mitsotakis'), a usual
    first name alone after an inverted speech verb ('», dénonce Cyprien'); not an inverted speech verb before
    another word ('a précisé Enedis'), a plural role ('les élus Républicains') nor a role whose
    complement it is ('la présidente de la Commission')."""
    return (
        (start > 0 and is_title(lex, doc[start - 1]))
        or apposed_to_role(lex, doc, start, end)
        or apposition_after(lex, doc, end, indefinite=end - start == 1)
        or coordinated_with_person(lex, doc, start, end)
        or fold(doc_words(doc).texts[end - 1]) in titled_surnames(lex, doc)
        or _singular_role_before(lex, doc, start)
        or first_name_before_relative(lex, doc, start, end)
        or end - start == 1 and inverted_subject(doc, start) and fold(doc_words(doc).texts[start]) in lex.first_names
    )


def _singular_role_before(lex: Lexicon, doc: Doc, i: int) -> bool:
    """A singular role noun right before token i, past adjectives and demonyms only."""
    k = i - 1
    while k >= 0 and i - k <= _ROLE_REACH:
        token = doc[k]
        if fold(token.text) in lex.role_nouns:
            return "Plur" not in token.morph.get("Number", [])
        if not (token.pos_ == "ADJ" or word_country(token.text)):
            return False
        k -= 1
    return False


def _inside_thing_after_role(lex: Lexicon, doc: Doc, start: int) -> bool:
    """The run goes on a model entity of no person after a capitalised role noun or title that opens it: 'General
    Motors', 'Médecins Sans Frontières', 'Guide Michelin' hold no person, whatever the role noun says."""
    token = doc[start]
    if start == 0 or token.ent_iob_ != "I" or token.ent_type_ == "PER":
        return False
    before = doc[start - 1].text
    return before[:1].isupper() and (fold(before) in lex.role_nouns or fold(before) in lex.titles)


def _other(lex: Lexicon, doc: Doc, span: Span, found: _Claims) -> None:
    """Type and claim a non-person model span: outlet, country, city, place, organisation, other."""
    texts = doc_words(doc).texts
    start = trim_article(lex, doc, span.start, span.end)
    end = span.end
    while start < end - 1 and texts[start].islower() and fold(texts[start]) in lex.media_nouns:
        start += 1  # "chaîne Arte": the outlet is the name after the noun
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end <= start or is_junk(lex, doc, start, end) or found.overlaps(start, end):
        return
    text = doc_words(doc).span_text(start, end)[0]
    media, code = is_media(lex, doc, start, end)
    if media:
        found.claim(Candidate(start, end, "MEDIA", start, code))
        return
    label = "MISC" if span.label_ == "PER" else span.label_
    type_, code = place_type(text, label if label in {"ORG", "LOC", "GPE", "MISC"} else "MISC")
    found.claim(Candidate(start, end, type_, start, code))


def listed_media(lex: Lexicon, doc: Doc) -> Iterator[Candidate]:
    """Listed outlets written exactly as listed ('Arte', 'Le Monde'), where the model saw no entity.

    spaCy's PhraseMatcher finds the listed forms; a match counts when its first token is the whole first word of
    the form, capitalised, and the Doc spells the form exactly (single spaces, either apostrophe). The longest
    form found from a token wins.
    """
    text = doc_words(doc).text
    longest: dict[int, tuple[str, int]] = {}
    for match_id, start, end in media_matcher(lex, doc.vocab)(doc):
        name = doc.vocab.strings[match_id]
        first = doc[start].text
        if not first[:1].isupper() or first.replace("’", "'") != name.split()[0]:
            continue
        if _match_words(doc, text, start, name) == end and len(name) > len(longest.get(start, ("", 0))[0]):
            longest[start] = name, end
    for start, (name, end) in sorted(longest.items()):
        yield Candidate(start, end, "MEDIA", start, lex.media.get(key(name)))


def media_matcher(lex: Lexicon, vocab: Vocab) -> PhraseMatcher:
    """A PhraseMatcher of the listed outlets as written (with either apostrophe), built once per language and vocab.

    The forms are tokenized by the language's default tokenizer (`spacy.blank`): on these forms it gives the
    model's tokens (tests/entities/test_lexicon.py checks it).
    """
    cached = _MEDIA_MATCHERS.get((lex.lang, id(vocab)))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    tokenizer = spacy.blank(lex.lang).tokenizer
    matcher = PhraseMatcher(vocab)
    for names in lex.media_forms.values():
        for name in names:
            variants = dict.fromkeys((name, name.replace("'", "’")))
            matcher.add(name, [Doc(vocab, words=[token.text for token in tokenizer(form)]) for form in variants])
    _MEDIA_MATCHERS[(lex.lang, id(vocab))] = (vocab, matcher)
    return matcher


def _match_words(doc: Doc, text: str, start: int, written: str) -> int | None:
    """End token of the text `written` when the Doc spells it from token `start`, else None."""
    end_char = doc[start].idx + len(written)
    if text[doc[start].idx : end_char].replace("’", "'") != written:
        return None
    end = start
    while end < len(doc) and doc[end].idx < end_char:
        end += 1
    last = doc[end - 1]
    return end if last.idx + len(last) == end_char else None


def listed_places(doc: Doc, words: Scan, found: _Claims) -> Iterator[Candidate]:
    """Countries, capitals and seats of power the model left untagged ('Kiev a riposté'), up to three words.

    A window scan, not a PhraseMatcher: `resolve_country` looks a phrase up by its folded letters ('Etats Unis',
    'États-Unis'), without leading articles, and capitals also by transliteration ('Kyiv', 'Kiev'), which no
    list of token sequences enumerates; the scan costs three dictionary look-ups per untaken capitalised word.
    """
    names, taken = words.names, found.taken
    size = len(names)
    i = 0
    while i < size:
        end = _place_at(doc, words, i, found) if names[i] and not taken[i] else None
        if end is None:
            i += 1
            continue
        text = doc_words(doc).span_text(i, end)[0]  # doc[i:end].text
        yield Candidate(i, end, "GPE", i, place_country(text))
        i = end


def _place_at(doc: Doc, words: Scan, i: int, found: _Claims) -> int | None:
    """End of the longest country, capital or seat name starting at token i, if any."""
    for size in (_MAX_PLACE_WORDS, 2, 1):
        end = i + size
        if end > len(doc) or found.overlaps(i, end) or not words.names[end - 1]:
            continue
        text = doc_words(doc).span_text(i, end)[0]  # doc[i:end].text, without making a Span per window
        if place_country(text) and not word_country(text):
            return end
    return None
