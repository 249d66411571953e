"""Event types and triggers: evaluative speech, arrests, and words that look like events but are not (model needed)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def last_sentence_events(nlp, text: str) -> list:
    """Events the coder finds in the text's last sentence."""
    doc = nlp(text)
    last = list(doc.sents)[-1].start_char
    return [e for e in doc._.newsgraph_events if e.end > last]


def sources_of(nlp, text: str, type_: str) -> list[str]:
    """Source names of the events of `type_` in the last sentence."""
    return [(e.source.name or "") if e.source else "" for e in last_sentence_events(nlp, text) if e.type == type_]


@pytest.mark.parametrize(
    ("text", "type_", "source_word"),
    [
        # the speech verb of a quote names the act: its subject comes after it or is a pronoun
        ("« Ce gouvernement a menti aux électeurs pendant des mois », a fustigé la députée écologiste Marie Dufresne.",
         "ACCUSE", "Dufresne"),
        ("Le sénateur Paul Moreau était l'invité de la radio dimanche. « Ceux qui donnent des leçons aujourd'hui ont "
         "supprimé des milliers de postes », a-t-il accusé.", "ACCUSE", "Moreau"),
        ("La militante Claire Vasseur a pris la parole devant le tribunal. « Ces familles ont attendu bien trop "
         "longtemps une réponse de l'Etat », a-t-elle déploré.", "ACCUSE", "Vasseur"),
        ("« Il faut rouvrir les frontières sans attendre », exige le président de la chambre de commerce Luc Ferrandi.",
         "REQUEST", "Ferrandi"),
        # blame in the content of a quote introduced by a neutral speech verb
        ("« Il est inacceptable que ce journaliste soit toujours détenu », a déclaré le ministre norvégien des "
         "Affaires étrangères.", "ACCUSE", "ministre"),
        ("« Le gouvernement italien est le seul responsable de cette crise », a estimé le porte-parole de la "
         "Commission européenne, Jan Vermeer.", "ACCUSE", "Vermeer"),
        # evaluative verbs and idioms
        ("Le Premier ministre a recadré son ministre de l'Intérieur après ses propos sur les migrants.", "ACCUSE",
         "Premier ministre"),
        ("La sénatrice Anne Roussel a épinglé la gestion de la crise par le gouvernement.", "ACCUSE", "Roussel"),
        ("L'ancien président Jacques Morel en veut surtout à la presse.", "ACCUSE", "Morel"),
        ("Les syndicats de cheminots s'insurgent contre la réforme du gouvernement.", "ACCUSE", "syndicats"),
    ],
)
def test_evaluative_speech_is_coded_with_the_speaker_as_source(nlp, text: str, type_: str, source_word: str) -> None:
    assert any(source_word.lower() in name.lower() for name in sources_of(nlp, text, type_))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # arrests of people named by a profession noun, with no agent
        ("L'anthropologue franco-canadienne a été arrêtée le 3 mars à Minsk.", "COERCE"),
        ("L'échange d'un ingénieur algérien détenu en Espagne a eu lieu mardi.", "COERCE"),
        ("Les deux journalistes ont été placés en garde à vue mardi à Ankara.", "COERCE"),
        ("Des milliers de manifestants défilent chaque samedi à Belgrade.", "PROTEST"),
        ("Les Libanais réclament le départ du président et du Premier ministre.", "REQUEST"),
    ],
)
def test_events_of_the_type_are_found(nlp, text: str, type_: str) -> None:
    assert type_ in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Le député est confiné chez lui depuis lundi après un test positif.", "COERCE"),
        ("La motion de censure des députés socialistes a échoué mardi.", "COERCE"),
        ("Le ministre de la Santé a signé un décret sur le port du masque.", "SUPPORT"),
        ("Ce message, consulté par l'AFP, a été envoyé mardi aux députés.", "CONSULT"),
        ("Je suis très inquiet de la banalisation de la violence dans les écoles.", "ASSAULT"),
        ("Son combat pour la liberté de la presse est aussi le nôtre.", "ASSAULT"),
        ("La Russie, un allié de la guerre froide, entretient des liens étroits avec Pyongyang.", "ASSAULT"),
        ("La droite a lancé une vaste offensive sur le thème de l'insécurité.", "ASSAULT"),
        ("« Je suis prête à être candidate », a-t-elle ajouté.", "AGREE"),
        ("« Nous n'avons pas tous la même opinion », reconnaît le rapporteur du budget.", "SUPPORT"),
        ("Ces juges jugeront si la candidature recueille leur assentiment.", "COERCE"),
        # natural forces do no political acts
        ("La tempête Alma, qui pourrait devenir un ouragan, menace les côtes de la Bretagne.", "THREATEN"),
        ("Le séisme a détruit des centaines de maisons dans le sud du pays.", "ASSAULT"),
        ("Les inondations ont frappé durement la région de Valence.", "ASSAULT"),
    ],
)
def test_look_alikes_are_not_events_of_the_type(nlp, text: str, type_: str) -> None:
    assert type_ not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Des centaines de personnes se sont rassemblées dimanche à Madrid pour protester contre le port du masque.",
         "PROTEST"),
        ("Le ministre russe de la Défense a effectué un voyage à Pyongyang pour rencontrer le dirigeant nord-coréen.",
         "CONSULT"),
    ],
)
def test_one_event_per_type_and_actors_in_a_clause(nlp, text: str, type_: str) -> None:
    assert [e.type for e in last_sentence_events(nlp, text)].count(type_) == 1


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Un chercheur, accusé d'avoir volé des documents, a été renvoyé dans son pays.", "ACCUSE"),
        ("« Je répondrai à ces accusations devant les juges », a déclaré le maire.", "ACCUSE"),
        ("« Nous voulions en faire partie pour nos enfants », raconte une habitante.", "ACCUSE"),
        ("« Ce sont les responsables du parti qui décideront », a-t-elle martelé.", "ACCUSE"),
    ],
)
def test_accusations_need_an_accuser(nlp, text: str, type_: str) -> None:
    assert type_ not in {e.type for e in last_sentence_events(nlp, text)}


def test_two_events_of_one_type_with_no_shared_actor_stay_apart(nlp) -> None:
    text = "Elle n'a parlé que de l'attentat de Nice et de l'assassinat du père Hamel."
    assert [e.type for e in last_sentence_events(nlp, text)].count("ASSAULT") == 2


def test_a_passive_agent_hung_under_a_complement_is_the_source(nlp) -> None:
    text = "Le royaume est accusé de violations des droits humains par des ONG internationales."
    assert "ONG" in " ".join(sources_of(nlp, text, "ACCUSE"))


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("Une vingtaine de ressortissants étrangers sont aujourd'hui détenus en Russie.", "COERCE", True),
        ("Elle travaille au ministère et « est confinée à domicile », précise son entourage.", "COERCE", False),
        ("Dans une note que le journal a pu consulter, le ministre détaille son plan.", "CONSULT", False),
    ],
)
def test_arrests_and_consultations_need_people(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("La place centrale est depuis trois jours le théâtre d'un sit-in de centaines d'étudiants.", "PROTEST", True),
        ("De graves violences ont éclaté dans la nuit près du stade.", "ASSAULT", True),
        ("Les enseignants dénoncent la violence qui règne dans les établissements.", "ASSAULT", False),
        ("Le virus s'est répandu à partir d'un rassemblement évangélique organisé en février.", "PROTEST", False),
        # wanting someone to do something is a demand
        ("Le sénateur Marc Olivier voudrait que le gouvernement accélère son plan de relance.", "REQUEST", True),
        ("Les manifestants veulent que tous les dirigeants rendent des comptes.", "REQUEST", True),
        ("Il veut que la réunion se tienne à Paris, a-t-il dit en souriant.", "REQUEST", True),
    ],
)
def test_more_types(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


def test_an_ouster_demand_targets_each_leader(nlp) -> None:
    text = "Dans la rue, les Libanais réclament le départ du président de la République et du chef du Parlement."
    targets = {e.target.name for e in last_sentence_events(nlp, text) if e.type == "REQUEST" and e.target}
    assert any("président" in t for t in targets) and any("Parlement" in t for t in targets)


def test_a_wish_in_the_conditional_is_asserted(nlp) -> None:
    text = "Le sénateur Marc Olivier voudrait que le gouvernement accélère son plan de relance."
    assert {e.mode for e in last_sentence_events(nlp, text) if e.type == "REQUEST"} == {"asserted"}


@pytest.mark.parametrize(
    ("text", "type_", "source_word"),
    [
        ("Berlin réclame un accès consulaire au journaliste, refusé depuis des mois par les autorités russes.",
         "REJECT", "russe"),
        ("Le rejet de l'accord par les députés britanniques a surpris Bruxelles.", "REJECT", "député"),
    ],
)
def test_agents_of_participles_and_nouns(nlp, text: str, type_: str, source_word: str) -> None:
    assert any(source_word in name.lower() for name in sources_of(nlp, text, type_))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("« Je serai heureuse de continuer à travailler avec vous », a-t-elle conclu.", "AGREE"),
        ("Les semaines de campagne lui ont offert l'occasion de se faire connaître.", "AGREE"),
        ("Dans un message envoyé aux élus, le président de la région explique sa décision.", "CONSULT"),
        ("Il était pendant ce conflit un des chefs de la guérilla.", "ASSAULT"),
        ("Les électeurs jugeront si cette candidature est sérieuse.", "COERCE"),
        ("Les manifestants veulent que tous les dirigeants soient jugés.", "COERCE"),
    ],
)
def test_speech_and_references_are_not_new_events(nlp, text: str, type_: str) -> None:
    assert type_ not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "target_word"),
    [
        ("En visite à Rome, le ministre grec a affirmé que la Turquie devait « cesser ses provocations ».", "Turquie"),
        ("« La police a fait un usage de la force disproportionné », a estimé la maire Sophie Martin.", "police"),
    ],
)
def test_blame_in_a_quote_targets_the_nearest_actor(nlp, text: str, target_word: str) -> None:
    events = [e for e in last_sentence_events(nlp, text) if e.type == "ACCUSE"]
    assert any(e.target and target_word.lower() in (e.target.name or "").lower() for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "« Le gouvernement continuera à combattre les pratiques illégales des cartels », a déclaré le ministre "
        "mexicain Luis Ortega.",
        "« Nos deux pays vont lutter ensemble contre l'ingérence des puissances étrangères », a affirmé le "
        "président Paul Durand.",
    ],
)
def test_who_fights_a_blamed_thing_is_not_blamed(nlp, text: str) -> None:
    events = [e for e in last_sentence_events(nlp, text) if e.type == "ACCUSE"]
    assert events and not any(e.target and ("gouvernement" in e.target.name or "pays" in e.target.name) for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "« Nous allons écraser les pratiques arbitraires et l'hégémonie des puissants », a déclaré le ministre "
        "Paul Durand.",
        "Le président Paul Durand s'est engagé à continuer de « combattre les comportements inacceptables ».",
    ],
)
def test_fighting_a_blamed_thing_nobody_owns_accuses_no_one(nlp, text: str) -> None:
    assert "ACCUSE" not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        # a participle inside a demand is its own event
        ("Le président a réclamé la libération du journaliste Paul Girard, détenu depuis un an à Minsk.", "COERCE", "*"),
        # the addressee hung under the theme ('fourniture d'armes ... à la Russie')
        ("Des signes de fourniture d'armes iraniennes à la Russie sont apparus en Ukraine.", "AID", "RUS"),
        # a campaign of strikes is a series of events, not a classifier
        ("Tout a changé quand une campagne de bombardements a contraint l'armée à se retirer.", "ASSAULT", "*"),
    ],
)
def test_events_inside_other_phrases(nlp, text: str, type_: str, target: str) -> None:
    events = [e for e in last_sentence_events(nlp, text) if e.type == type_]
    assert events and (target == "*" or any(e.target and e.target.country == target for e in events)), events


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("« Je suis peut-être naïf mais je ne suis pas raciste », affirme le maire Paul Durand.", "ACCUSE"),
        ("Paris a renvoyé à Alger un ingénieur, accusé d'avoir violé les sanctions.", "ACCUSE"),
        ("Les dirigeants, jugés responsables du drame, refusent de partir.", "COERCE"),
        ("« Je ne ferai pas face à ces accusations depuis mon bureau », a déclaré le maire de Lyon.", "ACCUSE"),
    ],
)
def test_denied_blame_deemed_and_unsourced_accusations(nlp, text: str, type_: str) -> None:
    assert type_ not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("Le secrétaire général de l'ONU a lancé un appel à la retenue aux deux camps.", "REQUEST", True),
        ("Le ministre turc a multiplié les critiques contre le gouvernement suédois.", "ACCUSE", True),
        ("La police a dispersé les manifestants à coups de gaz lacrymogène.", "COERCE", True),
        ("Les forces de l'ordre ont répliqué avec des gaz lacrymogènes, comme tous les soirs.", "COERCE", True),
        ("Le gouvernement a interdit les rassemblements de plus de dix personnes.", "PROTEST", False),
    ],
)
def test_nominal_and_police_triggers(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


def test_groups_of_people_are_sources_when_no_actor_is_known(nlp) -> None:
    text = "Les contreparties écologiques, réclamées notamment par la gauche et les associations, font débat."
    assert "gauche" in " ".join(sources_of(nlp, text, "REQUEST"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Serbie a reconnu le Kosovo en 2020.", True),
        ("Les autorités ne reconnaissent pas la double nationalité des détenus.", False),
        ("Le ministre a reconnu que « plusieurs questions demeurent sans réponse » après l'enquête de l'IGPN.", False),
    ],
)
def test_recognition_is_support_only_for_actors(nlp, text: str, expected: bool) -> None:
    assert ("SUPPORT" in {e.type for e in last_sentence_events(nlp, text)}) is expected


def test_each_person_of_a_list_is_a_target(nlp) -> None:
    text = "Les manifestants veulent le départ du chef de l'Etat, du chef du Parlement et des députés."
    targets = {e.target.name for e in last_sentence_events(nlp, text) if e.type == "REQUEST" and e.target}
    assert len(targets) >= 2, targets


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("La tension entre l'Inde et le Pakistan a monté quand les deux pays ont effectué des manœuvres militaires rivales.",
         2),
        ("Les invités ont assisté à une exposition militaire qui présentait les nouveaux missiles du régime.", 1),
    ],
)
def test_military_shows(nlp, text: str, count: int) -> None:
    assert [e.type for e in last_sentence_events(nlp, text)].count("MOBILIZE") == count


def test_two_rival_countries_each_target_the_other(nlp) -> None:
    text = "La tension entre l'Inde et le Pakistan a monté quand les deux pays ont effectué des manœuvres militaires rivales."
    pairs = {(e.source.country, e.target.country) for e in last_sentence_events(nlp, text)
             if e.type == "MOBILIZE" and e.source and e.target}
    assert pairs == {("IND", "PAK"), ("PAK", "IND")}


@pytest.mark.parametrize(
    "text",
    [
        "Les manifestants dénonçaient presque exclusivement les violences policières.",
        "Des milliers de personnes ont manifesté contre la guerre et les bombardements.",
    ],
)
def test_what_is_denounced_is_a_topic(nlp, text: str) -> None:
    assert "ASSAULT" not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Le président a écrit à son homologue à l'occasion de l'anniversaire de la libération du pays.", "RETREAT"),
        ("Un ingénieur, soupçonné d'avoir violé les sanctions européennes, a été renvoyé chez lui.", "SANCTION"),
    ],
)
def test_remembered_and_standing_events_are_not_told_events(nlp, text: str, type_: str) -> None:
    assert type_ not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # defending oneself against a charge denies it (EVENTS.md: REJECT covers denying an accusation)
        ("Le maire s'est toujours défendu de tout favoritisme dans l'attribution des marchés.", "REJECT", True),
        ("Le maire s'est toujours défendu de tout favoritisme dans l'attribution des marchés.", "SUPPORT", False),
        ("« Je n'ai jamais touché cet argent », s'est défendue la sénatrice devant le tribunal.", "REJECT", True),
        # a candidate turned down by a vote
        ("Le candidat du gouvernement a été recalé par les sénateurs jeudi.", "REJECT", True),
        # rallying to a candidate, solidarity expressed, a standing recognized: verbal support
        ("Plusieurs élus socialistes ont confirmé leur ralliement au candidat centriste.", "SUPPORT", True),
        ("Le président chilien a exprimé sa solidarité aux familles des mineurs.", "SUPPORT", True),
        ("La ministre des Solidarités a visité l'hôpital de Lille mardi.", "SUPPORT", False),
        ("L'impôt de solidarité sur la fortune avait été supprimé en 2018.", "SUPPORT", False),
        ("Une quarantaine de pays reconnaissent à l'opposant le statut de président par intérim.", "SUPPORT", True),
    ],
)
def test_denials_rallying_and_solidarity(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # an attack in words (EVENTS.md: criticism, blame, denunciation are ACCUSE): a word of speech or of politics
        # around 'attaque' / 'attaquer' makes it verbal; weapons or fighters keep it an ASSAULT
        ("Le sénateur a multiplié les attaques verbales contre la ministre de la Santé.", "ACCUSE", True),
        ("Le sénateur a multiplié les attaques verbales contre la ministre de la Santé.", "ASSAULT", False),
        ("La candidate a dénoncé les attaques personnelles de son adversaire pendant le débat.", "ACCUSE", True),
        ("Attaqué frontalement par plusieurs députés, le ministre a défendu sa réforme.", "ACCUSE", True),
        ("Le maire a été attaqué frontalement par ses opposants lors du conseil municipal.", "ACCUSE", True),
        ("Des jihadistes armés ont attaqué une caserne de l'armée dans le nord du pays.", "ASSAULT", True),
        ("Des jihadistes armés ont attaqué une caserne de l'armée dans le nord du pays.", "ACCUSE", False),
        ("L'attaque contre la base militaire a fait douze morts.", "ASSAULT", True),
        ("L'attaque contre la base militaire a fait douze morts.", "ACCUSE", False),
        # insults and gibes are criticism; discrediting someone too
        ("Le député a proféré des insultes contre le maire de la ville.", "ACCUSE", True),
        ("Le chef de l'opposition a multiplié les piques contre le Premier ministre.", "ACCUSE", True),
        ("Le ministre a tenté de discréditer le rapport de la commission d'enquête.", "ACCUSE", True),
    ],
)
def test_attacks_in_words_and_insults_are_accusations(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


def test_a_second_accusation_told_by_a_participle_taken_for_a_noun(nlp) -> None:
    """'quand Y a épinglé lundi ...': the tagger takes the participle after its auxiliary for a noun; it is the
    verb of a second accusation in the sentence, by its own subject."""
    text = ("Le chef des Républicains Paul Martin a fustigé le manque de mesures sérieuses quand Marie Durand a "
            "épinglé lundi le flou de ces annonces.")
    events = [e for e in last_sentence_events(nlp, text) if e.type == "ACCUSE"]
    assert {e.trigger for e in events} == {"fustigé", "épinglé"}, events
    assert any(e.trigger == "épinglé" and e.source and "Durand" in (e.source.name or "") for e in events), events


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # 'appeler X à faire': the parser may hang the infinitive on the object ('les habitants à rester')
        ("Le maire de Nantes a appelé les habitants à rester chez eux.", "habitants"),
        ("Le préfet a publié un communiqué, appelant les riverains à quitter le quartier.", "riverains"),
        ("Le président finlandais a appelé les autorités russes à libérer les prisonniers.", "RUS"),
    ],
)
def test_a_call_on_someone_to_act_whatever_the_infinitive_hangs_on(nlp, text: str, target: str) -> None:
    events = [e for e in last_sentence_events(nlp, text) if e.type == "REQUEST"]
    assert any(e.target and (e.target.country == target or target in (e.target.name or "")) for e in events), events
    assert "RETREAT" not in {e.type for e in last_sentence_events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trip to a place is a visit ('voyage'); a trip with no place named is none
        ("La tension est retombée après un déplacement à Varsovie du ministre allemand des Affaires étrangères.", True),
        ("Le chef de la diplomatie italienne a effectué mardi un déplacement en Tunisie.", True),
        ("Les habitants doivent justifier chaque déplacement par une attestation.", False),
        # a phone call between leaders
        ("Le président américain a parlé du dossier lors d'un échange téléphonique avec son homologue russe.", True),
    ],
)
def test_trips_and_phone_calls_are_consultations(nlp, text: str, expected: bool) -> None:
    assert ("CONSULT" in {e.type for e in last_sentence_events(nlp, text)}) is expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # contesting a charge denies it; an official 'contesté' by others is no act of his
        ("Le sénateur conteste toute irrégularité dans l'attribution du marché public.", "REJECT", True),
        ("Le président, très contesté dans la rue, a reçu mardi son homologue espagnol.", "REJECT", False),
        # a warning whose complement is a hostile act is a threat; a forecast is none
        ("Le mouvement islamiste a averti que toute annexion serait une déclaration de guerre.", "THREATEN", True),
        ("Le président a averti la Turquie qu'elle s'exposerait à des représailles.", "THREATEN", True),
        ("L'épidémiologiste a averti que les hôpitaux seraient bientôt saturés.", "THREATEN", False),
    ],
)
def test_contesting_trust_and_warnings(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected, last_sentence_events(nlp, text)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Malgré les appels à la retenue en provenance de Washington, le gouvernement a maintenu ses frappes.", "USA"),
        ("Les appels au calme venus de Moscou sont restés sans effet.", "RUS"),
    ],
)
def test_a_call_coming_from_an_actor_has_it_as_source(nlp, text: str, country: str) -> None:
    events = [e for e in last_sentence_events(nlp, text) if e.type == "REQUEST"]
    assert any(e.source and e.source.country == country for e in events), events


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # an event noun a rule bans, suspends or limits is the rule's topic, not an event told
        ("Le préfet a annoncé l'interdiction des rassemblements de plus de dix personnes dans les parcs.", "PROTEST",
         False),
        ("Les bars sont fermés et les grands rassemblements interdits depuis lundi dans la capitale.", "PROTEST", False),
        ("Les visites dans les prisons du pays ont été suspendues par le ministère de la Justice.", "CONSULT", False),
        # the negatives that stay: a gathering held, a ban that is itself the act
        ("Un rassemblement contre la réforme des retraites s'est tenu samedi devant la préfecture.", "PROTEST", True),
        ("Des milliers de manifestants ont défilé samedi à Paris contre le gouvernement malgré l'interdiction.",
         "PROTEST", True),
        ("Une manifestation interdite a réuni des milliers de personnes samedi à Minsk contre le président.",
         "PROTEST", True),
        ("Le préfet a annoncé l'interdiction des rassemblements de plus de dix personnes dans les parcs.", "COERCE",
         True),
    ],
)
def test_an_event_noun_under_a_ban_is_the_rules_topic(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # RETREAT is a withdrawal of forces: a candidate, a product or a state leaving a treaty is none
        ("Le maire sortant a été réélu grâce au retrait du candidat socialiste au second tour.", "RETREAT", False),
        ("Le médicament a été prescrit pendant trente ans, jusqu'à son retrait du marché en 2009.", "RETREAT", False),
        ("Le président a ordonné le retrait des troupes américaines du nord de la Syrie.", "RETREAT", True),
        ("Le retrait des soldats russes de la région a commencé lundi, selon le ministère de la Défense.", "RETREAT",
         True),
    ],
)
def test_a_withdrawal_is_a_retreat_when_forces_withdraw(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # an offer to take in migrants is a promise of aid (AGREE), not aid given
        ("L'Espagne s'est dite disponible pour accueillir une partie des migrants du navire humanitaire.", "AGREE",
         True),
        ("L'Espagne s'est dite disponible pour accueillir une partie des migrants du navire humanitaire.", "AID",
         False),
        ("Le gouvernement irlandais est disponible pour accueillir quarante réfugiés afghans.", "AGREE", True),
        # a state, not an offer: 'disponible' with no act to agree to
        ("Le vaccin sera disponible dans les pharmacies à partir de lundi.", "AGREE", False),
    ],
)
def test_an_offer_to_take_in_is_a_promise(nlp, text: str, type_: str, expected: bool) -> None:
    assert (type_ in {e.type for e in last_sentence_events(nlp, text)}) is expected

