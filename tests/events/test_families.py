"""Trigger families: public restrictions ordered by a government, their easing, protest actions (model needed)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def events_of(nlp, text: str, type_: str) -> list:
    """Events of `type_` the coder finds in the text's last sentence."""
    doc = nlp(text)
    last = list(doc.sents)[-1].start_char
    return [e for e in doc._.newsgraph_events if e.end > last and e.type == type_]


def matches(actor, spec: str) -> bool:
    """'*' accepts anything; a three-letter code is the actor's country; else a word of its name."""
    if spec == "*":
        return True
    if actor is None:
        return False
    if len(spec) == 3 and spec.isupper():
        return actor.country == spec
    return spec.lower() in (actor.name or "").lower()


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a closure, a lockdown or a ban ordered or announced by a government: its subject is the source
        ("Le gouvernement portugais a ordonné vendredi la fermeture des écoles et des universités.", "COERCE", "PRT",
         "écoles"),
        ("La Grèce a annoncé lundi la fermeture des bars et des restaurants à Athènes.", "COERCE", "GRC", "bars"),
        ("Le président péruvien a décrété un confinement de deux semaines dans tout le pays.", "COERCE", "PER", "*"),
        ("La Belgique a imposé mardi l'interdiction des rassemblements de plus de dix personnes.", "COERCE", "BEL",
         "rassemblements"),
        ("Le Premier ministre tchèque a ordonné un mois de confinement strict.", "COERCE", "ministre", "*"),
        # a decree as subject, a decreed lockdown with no one named: the government of the place
        ("En Autriche, un arrêté ministériel suspend les discothèques et les salles de concert.", "COERCE", "AUT",
         "discothèques"),
        ("Le gouvernement chilien a fermé les écoles de Santiago jusqu'à nouvel ordre.", "COERCE", "CHL", "écoles"),
        # a city or a country put under lockdown again
        ("La ville de Melbourne a été reconfinée pour six semaines.", "COERCE", "*", "Melbourne"),
        ("Lisbonne a été confinée samedi sur décision du gouvernement portugais.", "COERCE", "*", "Lisbonne"),
        # a compulsory mask
        ("La Tunisie a rendu le port du masque obligatoire dans les administrations.", "COERCE", "TUN", "*"),
        ("Le port du masque est devenu obligatoire lundi en Belgique.", "COERCE", "BEL", "*"),
        # easing restrictions
        ("Le Danemark a allégé mercredi les restrictions sanitaires.", "CONCEDE", "DNK", "*"),
    ],
)
def test_restrictions_ordered_by_a_government(nlp, text: str, type_: str, source: str, target: str) -> None:
    found = events_of(nlp, text, type_)
    assert any(matches(e.source, source) and matches(e.target, target) for e in found), found


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # mere mentions of a lockdown or a closure are no event
        ("Pendant le confinement, les habitants ont découvert la cuisine.", "COERCE"),
        ("La fin du confinement a été accueillie avec soulagement.", "COERCE"),
        ("En plein confinement, le musicien a enregistré un album dans sa cuisine.", "COERCE"),
        ("Malgré la fermeture des salles de sport, les athlètes continuent de s'entraîner.", "COERCE"),
        ("Les terrains de football sont fermés depuis deux mois.", "COERCE"),
        ("Le joueur est confiné chez lui depuis une semaine.", "COERCE"),
        ("Des centaines de personnes ont protesté contre le port obligatoire du masque.", "COERCE"),
        # a company closing its own plant is no public restriction
        ("Le constructeur automobile a annoncé la fermeture de son usine de Douai.", "COERCE"),
        # a closure announced with no one named
        ("La fermeture de l'aéroport a été annoncée dans la soirée.", "COERCE"),
        # a restriction referred back to
        ("Le fait que cela soit devenu obligatoire ne change rien pour les commerçants.", "COERCE"),
    ],
)
def test_mentions_of_restrictions_are_no_events(nlp, text: str, type_: str) -> None:
    assert not events_of(nlp, text, type_)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # what protesters do in the street is a protest action, with them as source
        ("Près du palais présidentiel, des centaines de manifestants ont tenté de forcer les grilles.", "manifestants"),
        ("Les protestataires ont bloqué l'autoroute pendant trois heures à Lyon.", "protestataires"),
        ("La statue du général a été renversée par des manifestants dans la nuit.", "manifestants"),
        ("Des milliers de manifestants occupaient toujours la place centrale de Minsk mardi soir.", "manifestants"),
    ],
)
def test_actions_of_protesters_are_protests(nlp, text: str, source: str) -> None:
    found = events_of(nlp, text, "PROTEST")
    assert any(matches(e.source, source) or matches(e.source, "manifestants") for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        # what happens to protesters, what they say or are: no protest action
        "Deux manifestants sont morts dans la nuit à Bagdad.",
        "Les manifestants ont été dispersés par la police.",
        "Les manifestants restent sceptiques sur les promesses du gouvernement.",
        "Les manifestants interrogés disent ne plus croire aux promesses du gouvernement.",
    ],
)
def test_protesters_undergoing_or_speaking_are_no_protest_action(nlp, text: str) -> None:
    assert not events_of(nlp, text, "PROTEST")


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # an object the parser hangs on a day name between the verb and it still has the verb's subject as source
        ("L'armée russe a lancé dimanche une offensive contre la ville de Kherson.", "ASSAULT", "RUS", "*"),
        ("Le président turc a effectué jeudi une visite officielle à Bakou.", "CONSULT", "TUR", "AZE"),
        # aid announced, offered or proposed is a promise; its amount is no source
        ("Le gouvernement japonais a annoncé mardi une aide de dix millions de dollars à l'Indonésie.", "AGREE", "JPN",
         "IDN"),
        ("Le gouvernement a annoncé lundi de nouvelles aides pour les commerçants.", "AGREE", "gouvernement",
         "commerçants"),
        ("Le Japon a livré une aide de dix millions de dollars à l'Indonésie.", "AID", "JPN", "IDN"),
    ],
)
def test_objects_hung_on_dates_and_announced_aid(nlp, text: str, type_: str, source: str, target: str) -> None:
    found = events_of(nlp, text, type_)
    assert any(matches(e.source, source) and matches(e.target, target) for e in found), found


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a finite verb the tagger takes for a noun or an adjective before a determiner
        ("« Cette réforme est un naufrage annoncé », tacle un sénateur centriste.", "ACCUSE", "sénateur", "*"),
        ("« Le gouvernement navigue à vue », brocarde le député Paul Girard.", "ACCUSE", "Girard", "*"),
        ("Un cadre de la majorité éreinte déjà le nouveau groupe parlementaire.", "ACCUSE", "cadre", "*"),
        ("Les autorités iraniennes réexaminent la peine prononcée contre deux militantes.", "CONCEDE", "IRN",
         "militantes"),
        ("La justice bélarusse a commué la peine de mort prononcée contre un opposant.", "CONCEDE", "BLR", "opposant"),
    ],
)
def test_verbs_taken_for_nouns_and_evaluative_verbs(nlp, text: str, type_: str, source: str, target: str) -> None:
    found = events_of(nlp, text, type_)
    assert any(matches(e.source, source) and matches(e.target, target) for e in found), found


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # nouns before a determiner that are no verbs
        ("Critique littéraire, la romancière publie un nouvel essai.", "ACCUSE"),
        ("Le président a reçu la visite du ministre, puis a quitté la capitale.", "ACCUSE"),
    ],
)
def test_nouns_are_not_taken_for_verbs(nlp, text: str, type_: str) -> None:
    assert not events_of(nlp, text, type_)


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a promise of a hostile act is a threat against whom the act is aimed at
        ("Le chef rebelle a promis de renverser le gouvernement malien.", "THREATEN", "rebelle", "MLI"),
        ("Les manifestants ont juré de faire tomber le régime syrien.", "THREATEN", "manifestants", "SYR"),
        ("Moscou a promis de riposter.", "THREATEN", "RUS", "*"),
        ("Le Premier ministre a promis d'aider les agriculteurs.", "AGREE", "ministre", "*"),
    ],
)
def test_promises_of_hostile_acts_are_threats(nlp, text: str, type_: str, source: str, target: str) -> None:
    found = events_of(nlp, text, type_)
    assert any(matches(e.source, source) and matches(e.target, target) for e in found), found


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # a subject the parser hangs on the auxiliary; humanitarian aid with no recipient goes to the people there
        ("Des associations locales se sont mobilisées pour apporter nourriture et médicaments à Mossoul.", "AID",
         "associations", "*"),
        ("Plusieurs ONG britanniques ont distribué des vivres et des couvertures aux sinistrés à Beyrouth.", "AID",
         "britanniques", "*"),
        ("Des ONG internationales se sont mobilisées pour apporter une aide humanitaire au Yémen.", "AID",
         "internationales", "YEM"),
    ],
)
def test_aid_by_groups_of_volunteers(nlp, text: str, type_: str, source: str, target: str) -> None:
    found = events_of(nlp, text, type_)
    assert any(matches(e.source, source) and matches(e.target, target) for e in found), found
