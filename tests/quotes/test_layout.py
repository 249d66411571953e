"""Paragraphs, headings and quotation marks, without the model."""
from __future__ import annotations

import pytest

from newsgraph.quotes.layout import is_heading, paragraphs, quoted_spans


def inner(text):
    return [text[s.inner_start : s.inner_end] for s in quoted_spans(text, 0, len(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Il a dit « nous partirons demain », puis il est sorti.", ["nous partirons demain"]),
    ('"Nous partirons", a-t-il dit, "demain matin".', ["Nous partirons", "demain matin"]),
    ("“Le budget sera tenu”, affirme-t-elle.", ["Le budget sera tenu"]),
    ("« Il a parlé d'une \"guerre\" hier », dit-elle.", ["Il a parlé d'une \"guerre\" hier"]),
    ("Le maire a lancé « nous verrons bien", ["nous verrons bien"]),  # unclosed: bounded by the paragraph
    ('Le système est prêt" a affirmé le ministère.', ["Le système est prêt"]),  # opening mark missing
    ("Aucune citation ici.", []),
])
def test_quoted_spans(text, expected):
    assert inner(text) == expected


@pytest.mark.parametrize(("line", "first", "expected"), [
    ("AFP, publié le lundi 3 mai 2021 à 10h00", True, True),
    ("- Un accord historique -", False, True),
    ('"Je ne joue pas la comédie"', False, True),
    ("LES GRANDES DATES", False, True),
    ('"Dès qu\'il y a un peu d\'herbe, on peut s\'entraîner."', False, False),
    ("Le gouvernement a annoncé lundi de nouvelles mesures pour les agriculteurs.", False, False),
    ('"Nous verrons", a-t-il dit', False, False),
])
def test_headings(line, first, expected):
    assert is_heading(line, first=first) is expected


def test_paragraphs_offsets():
    text = "Titre court\nPremier paragraphe du texte, assez long pour compter.\n\nSecond paragraphe."
    found = paragraphs(text)
    assert [text[p.start : p.end] for p in found] == [
        "Titre court", "Premier paragraphe du texte, assez long pour compter.", "Second paragraphe."]
    assert found[0].heading and not found[1].heading
