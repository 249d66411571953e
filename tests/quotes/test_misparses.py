"""Attribution on parses the statistical parser gets wrong: Docs built by hand with that parse, no model."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsgraph.quotes.rules import extract_quotes

VOCAB = spacy.blank("fr").vocab  # lexical attributes (lower_, is_punct) as the real pipeline has them
PART = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
AUX = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"

# word, space after, pos, dep, head, lemma, morph, entity (IOB)
VISIT_AS_SUBJECT = [
    ("En", True, "ADP", "case", 1, "en", "", "O"),
    ("visite", True, "NOUN", "nsubj", 15, "visite", "Gender=Fem|Number=Sing", "O"),
    ("à", True, "ADP", "case", 3, "à", "", "O"),
    ("Sofia", False, "PROPN", "nmod", 1, "Sofia", "", "B-LOC"),
    (",", True, "PUNCT", "punct", 6, ",", "", "O"),
    ("le", True, "DET", "det", 6, "le", "Definite=Def|Gender=Masc|Number=Sing|PronType=Art", "O"),
    ("ministre", True, "NOUN", "conj", 1, "ministre", "Gender=Masc|Number=Sing", "O"),
    ("bulgare", True, "ADJ", "amod", 6, "bulgare", "", "O"),
    ("des", True, "ADP", "case", 9, "de", "", "O"),
    ("Affaires", True, "NOUN", "nmod", 6, "affaire", "Gender=Fem|Number=Plur", "O"),
    ("étrangères", True, "ADJ", "amod", 9, "étranger", "Gender=Fem|Number=Plur", "O"),
    ("Ivan", True, "PROPN", "nmod", 1, "Ivan", "", "B-PER"),
    ("Petrov", True, "PROPN", "flat:name", 11, "Petrov", "", "I-PER"),
    ("a", True, "AUX", "aux:tense", 15, "avoir", AUX, "O"),
    ("bien", True, "ADV", "advmod", 15, "bien", "", "O"),
    ("affirmé", True, "VERB", "ROOT", 15, "affirmer", PART, "O"),
    ("que", True, "SCONJ", "mark", 20, "que", "", "O"),
    ("son", True, "DET", "det", 18, "son", "Number=Sing|Poss=Yes", "O"),
    ("pays", True, "NOUN", "nsubj", 20, "pays", "Gender=Masc|Number=Sing", "O"),
    ("était", True, "AUX", "cop", 20, "être", "Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin", "O"),
    ("prêt", False, "ADJ", "ccomp", 15, "prêt", "Gender=Masc|Number=Sing", "O"),
    (".", False, "PUNCT", "punct", 15, ".", "", "O"),
]

# « Le courant reviendra ce soir », a précisé à France Bleu Marc Delorme.  (the outlet split: "France" a place)
OUTLET_SPLIT = [
    ("«", True, "PUNCT", "punct", 3, "«", "", "O"),
    ("Le", True, "DET", "det", 2, "le", "Definite=Def|Gender=Masc|Number=Sing|PronType=Art", "O"),
    ("courant", True, "NOUN", "nsubj", 3, "courant", "Gender=Masc|Number=Sing", "O"),
    ("reviendra", True, "VERB", "ROOT", 3, "revenir", "Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin", "O"),
    ("ce", True, "DET", "det", 5, "ce", "", "O"),
    ("soir", True, "NOUN", "obl:mod", 3, "soir", "Gender=Masc|Number=Sing", "O"),
    ("»", False, "PUNCT", "punct", 3, "»", "", "O"),
    (",", True, "PUNCT", "punct", 9, ",", "", "O"),
    ("a", True, "AUX", "aux:tense", 9, "avoir", AUX, "O"),
    ("précisé", True, "VERB", "parataxis", 3, "préciser", PART, "O"),
    ("à", True, "ADP", "case", 11, "à", "", "O"),
    ("France", True, "PROPN", "obl:mod", 9, "France", "", "B-LOC"),
    ("Bleu", True, "PROPN", "obj", 9, "Bleu", "", "O"),
    ("Marc", True, "PROPN", "nsubj", 12, "Marc", "", "B-PER"),
    ("Delorme", False, "PROPN", "flat:name", 13, "Delorme", "", "I-PER"),
    (".", False, "PUNCT", "punct", 3, ".", "", "O"),
]

# « Cette peine est injuste », a renchéri la juriste syrienne et lauréate du Prix Sakharov 2012 Nadia Haddad.
# (the name swallowed by a prize entity and hung on the verb, the two roles coordinated without a determiner)
NAME_AFTER_COORDINATED_ROLES = [
    ("«", True, "PUNCT", "punct", 2, "«", "", "O"),
    ("Cette", True, "DET", "det", 2, "ce", "", "O"),
    ("peine", True, "NOUN", "nsubj", 4, "peine", "Gender=Fem|Number=Sing", "O"),
    ("est", True, "AUX", "cop", 4, "être", AUX, "O"),
    ("injuste", False, "ADJ", "ROOT", 4, "injuste", "", "O"),
    ("»", False, "PUNCT", "punct", 4, "»", "", "O"),
    (",", True, "PUNCT", "punct", 8, ",", "", "O"),
    ("a", True, "AUX", "aux:tense", 8, "avoir", AUX, "O"),
    ("renchéri", True, "VERB", "parataxis", 4, "renchérir", PART, "O"),
    ("la", True, "DET", "det", 10, "le", "Definite=Def|Gender=Fem|Number=Sing|PronType=Art", "O"),
    ("juriste", True, "NOUN", "obj", 8, "juriste", "Number=Sing", "O"),
    ("syrienne", True, "ADJ", "amod", 10, "syrien", "Gender=Fem|Number=Sing", "O"),
    ("et", True, "CCONJ", "cc", 13, "et", "", "O"),
    ("lauréate", True, "NOUN", "conj", 10, "lauréat", "Gender=Fem|Number=Sing", "O"),
    ("du", True, "ADP", "case", 15, "de", "", "O"),
    ("Prix", True, "NOUN", "nmod", 10, "prix", "", "B-MISC"),
    ("Sakharov", True, "PROPN", "nmod", 15, "Sakharov", "", "I-MISC"),
    ("2012", True, "NUM", "nmod", 15, "2012", "", "I-MISC"),
    ("Nadia", True, "PROPN", "obj", 8, "Nadia", "", "I-MISC"),
    ("Haddad", False, "PROPN", "flat:name", 18, "Haddad", "", "I-MISC"),
    (".", False, "PUNCT", "punct", 4, ".", "", "O"),
]


def parsed(rows: list[tuple]) -> Doc:
    """A Doc with exactly the given tags, parse and entities."""
    words, spaces, pos, deps, heads, lemmas, morphs, ents = (list(column) for column in zip(*rows))
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemmas, morphs=morphs,
               ents=ents)


def test_fronted_adjunct_parsed_as_subject_gives_way_to_the_noun_phrase_before_the_verb():
    [quote] = extract_quotes(parsed(VISIT_AS_SUBJECT))
    assert quote.text == "son pays était prêt"
    assert quote.speaker is not None and quote.speaker.name == "Ivan Petrov"


def test_outlet_split_by_the_tagger_is_skipped_before_the_subject():
    [quote] = extract_quotes(parsed(OUTLET_SPLIT))
    assert quote.text == "Le courant reviendra ce soir"
    assert quote.speaker is not None and quote.speaker.name == "Marc Delorme"


def test_name_after_coordinated_roles_is_the_speaker():
    [quote] = extract_quotes(parsed(NAME_AFTER_COORDINATED_ROLES))
    assert quote.text == "Cette peine est injuste"
    assert quote.speaker is not None and quote.speaker.name == "Nadia Haddad" and quote.speaker.kind == "person"
