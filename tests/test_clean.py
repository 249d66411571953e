"""Cleaning keeps the story's characters and drops page furniture."""
from __future__ import annotations

import pytest

from newsgraph.clean import clean_text, find_date, is_boilerplate, is_headline

STORY = (
    " date 2024-03 Commentez cette histoire Commentaire\n\n"
    "PARIS – Le ministre a présenté mardi son plan, « un tournant », a-t-il dit.\n\n"
    "Un incendie ravage un entrepôt près de Lyon\n\n"
    "« Nous irons jusqu’au bout. »\n\n"
    "Le texte, publié le 3 mai 2020, a été critiqué par l’opposition.\n\n"
    "Lire aussi : Le gouvernement prépare une réforme\n\n"
    "Partager Facebook Twitter\n"
)


def test_widgets_and_inline_headlines_are_removed():
    cleaned = clean_text(STORY)
    assert "Commentez" not in cleaned.text
    assert "Un incendie ravage" not in cleaned.text
    assert "Lire aussi" not in cleaned.text
    assert "Partager" not in cleaned.text
    assert cleaned.date == "2024-03"


def test_story_paragraphs_are_kept_character_for_character():
    cleaned = clean_text(STORY)
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs == [
        "PARIS – Le ministre a présenté mardi son plan, « un tournant », a-t-il dit.",
        "« Nous irons jusqu’au bout. »",
        "Le texte, publié le 3 mai 2020, a été critiqué par l’opposition.",
    ]
    assert all(p in STORY for p in paragraphs)


def test_leading_headline_becomes_the_title():
    cleaned = clean_text("Grève massive dans les transports\nLes syndicats ont appelé à la grève jeudi.")
    assert cleaned.title == "Grève massive dans les transports"
    assert cleaned.text == "Les syndicats ont appelé à la grève jeudi."


def test_repeated_title_is_dropped_from_text():
    cleaned = clean_text("Grève dans les transports\nLes syndicats ont appelé à la grève.", title="Grève dans les transports")
    assert cleaned.text == "Les syndicats ont appelé à la grève."


def test_repeated_blanks_collapse_but_paragraphs_stay():
    cleaned = clean_text("Première   phrase ici.\r\n\r\n\r\nSeconde\tphrase.")
    assert cleaned.text == "Première phrase ici.\n\nSeconde\tphrase."


@pytest.mark.parametrize(
    "line, expected",
    [
        ("AFP, publié le mercredi 20 mai 2020 à 12h26", "2020-05-20"),
        ("Orange avec AFP-Services, publié le lundi 1er juillet 2019 à 09h03", "2019-07-01"),
        ("date 2023-08 Commentez cette histoire Commentaire", "2023-08"),
        ("Le texte, publié le 3 mai 2020, a été critiqué.", None),
    ],
)
def test_dates_come_from_bylines_only(line, expected):
    assert find_date(line) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Le dernier missile balistique nord-coréen est le plus puissant à ce jour", True),
        ("La Corée du Nord dit que le soldat en avait assez de la « société inégale »", True),
        ("« Nous sommes prêts »", False),
        ("Il a déclaré :", False),
        ("Le gouvernement a annoncé un plan.", False),
    ],
)
def test_headline_detection(paragraph, expected):
    assert is_headline(paragraph) is expected


def test_lines_naming_a_person_and_role_are_story_not_headlines():
    cleaned = clean_text(
        "Plusieurs élus ont salué la mémoire de la chanteuse.\n"
        "Martine Le Goff, maire PS de Quimper\n"
        "Henri de Castelnau, vice-président du conseil régional\n"
        "Les adieux de Quimper, la tristesse des élus\n"
        "Un hommage sera rendu samedi dans sa ville natale."
    )
    paragraphs = cleaned.text.split("\n\n")
    assert "Martine Le Goff, maire PS de Quimper" in paragraphs
    assert "Henri de Castelnau, vice-président du conseil régional" in paragraphs
    assert "Les adieux de Quimper, la tristesse des élus" not in cleaned.text  # a related headline still goes


def test_a_long_sentence_missing_its_full_stop_is_kept():
    line = ("Dans un communiqué publié lundi soir, la présidente de l'association, Sylvie Marchand, a dit regretter "
            "une décision \"prise sans la moindre concertation\" avec les familles des victimes")
    cleaned = clean_text(f"Le tribunal a rendu sa décision lundi.\n{line}\nLe Monde se mobilise pour sa planète")
    assert line in cleaned.text.split("\n\n")
    assert "se mobilise" not in cleaned.text


@pytest.mark.parametrize("line", ["12 commentaires", "Partager sur Facebook", "Publicité", "Abonnez-vous à la newsletter"])
def test_widget_lines(line):
    assert is_boilerplate(line)


@pytest.mark.shared
def test_reference_article_cleaning(shared):
    raw = (shared / "data/seed/kim-putin-2023-08.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "Commentez cette histoire" not in cleaned.text
    assert "Le dernier missile balistique" not in cleaned.text
    assert "soldat américain en avait assez" not in cleaned.text
    assert cleaned.text.startswith("SÉOUL – Le dirigeant nord-coréen Kim Jong Un")
    for paragraph in cleaned.text.split("\n\n"):
        assert paragraph in raw
    assert len(cleaned.text.split("\n\n")) == 13


@pytest.fixture()
def other_profile(monkeypatch: pytest.MonkeyPatch):
    """Make `clean` read a test language 'qq': French with other quotation marks, months and ordinal."""
    from dataclasses import replace

    import newsgraph.clean as clean
    from newsgraph.lang.profile import get_profile

    profile = replace(get_profile("fr"), code="qq", opening_quotes=("„",), closing_quotes=("“",),
                      months=("nivôse", "pluviôse", "ventôse", "germinal", "floréal", "prairial", "messidor",
                              "thermidor", "fructidor", "vendémiaire", "brumaire", "frimaire"), first_day_suffix="e")
    monkeypatch.setattr(clean, "active_profile", lambda: profile)
    monkeypatch.setattr(clean, "get_profile", lambda code: profile if code == "qq" else get_profile(code))
    clean.written_date.cache_clear()  # another test may have cached its own language of this code
    clean.month_numbers.cache_clear()
    yield profile
    clean.written_date.cache_clear()
    clean.month_numbers.cache_clear()


def test_headlines_read_the_quotation_marks_of_the_active_language(other_profile) -> None:
    assert is_headline("„Nous sommes prêts“") is False
    assert is_headline("Le plan du gouvernement „annoncé“") is True
    assert is_headline("« Nous sommes prêts »") is True  # not quotation marks of 'qq'


def test_written_dates_read_the_months_of_the_active_language(other_profile) -> None:
    from newsgraph.clean import month_numbers, written_date

    assert written_date("qq").search("le 1e thermidor 2020").groups() == ("1", "thermidor", "2020")
    assert written_date("qq").search("le 1er juillet 2020") is None  # 'er' is no ordinal of 'qq'
    assert month_numbers("qq")["thermidor"] == 8 and month_numbers("qq")["nivose"] == 1
    assert "juillet" not in month_numbers("qq")
