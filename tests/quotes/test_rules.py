"""Quote extraction on sentences written for these tests, one construction per case."""
from __future__ import annotations

import pytest

from newsgraph.quotes.rules import extract_quotes

pytestmark = pytest.mark.model

# (text, expected speaker name, expected cue, expected quote text)
ATTRIBUTED = [
    pytest.param("« Nous allons reconstruire l'usine avant l'hiver », a déclaré le maire de Lille, Paul Durand.",
                 "Paul Durand", "a déclaré", "Nous allons reconstruire l'usine avant l'hiver", id="direct-incise-np"),
    pytest.param("Le ministre Jacques Martin a visité l'usine mardi matin. « Les salariés seront protégés », "
                 "a-t-il ajouté.", "Jacques Martin", "a-t-il ajouté", "Les salariés seront protégés",
                 id="direct-inverted-compound"),
    pytest.param("La chanteuse Sophie Leroy était à Lyon jeudi soir. \"Je reviendrai bientôt dans cette ville\", "
                 "dit-elle.", "Sophie Leroy", "dit", "Je reviendrai bientôt dans cette ville", id="direct-inverted-simple"),
    pytest.param("Le Premier ministre Jean Castel a prévenu : « Aucune hausse d'impôt ne sera votée cette année. »",
                 "Jean Castel", "a prévenu", "Aucune hausse d'impôt ne sera votée cette année.", id="direct-colon"),
    pytest.param("« La situation est grave. Nous devons agir vite », a estimé l'économiste Pierre Lamy.",
                 "Pierre Lamy", "a estimé", "La situation est grave. Nous devons agir vite", id="direct-multi-sentence"),
    pytest.param("“Le budget sera tenu jusqu'au dernier euro”, affirme la directrice Claire Morel.",
                 "Claire Morel", "affirme", "Le budget sera tenu jusqu'au dernier euro", id="direct-curly-marks"),
    pytest.param("Le président Emmanuel Macron a affirmé mardi que la réforme serait appliquée dès janvier.",
                 "Emmanuel Macron", "a affirmé", "la réforme serait appliquée dès janvier", id="indirect-que"),
    pytest.param("La réforme des retraites sera appliquée dès le mois de janvier, a indiqué le gouvernement.",
                 "le gouvernement", "a indiqué", "La réforme des retraites sera appliquée dès le mois de janvier",
                 id="indirect-postposed"),
    pytest.param("Le négociateur Jean Valois est arrivé à Genève dimanche. Les discussions reprendront lundi matin, "
                 "a-t-il ajouté.", "Jean Valois", "a-t-il ajouté", "Les discussions reprendront lundi matin",
                 id="indirect-inverted"),
    pytest.param("Le barrage a cédé dans la nuit sous le poids des eaux, ont indiqué à l'AFP des sources policières.",
                 "des sources policières", "ont indiqué", "Le barrage a cédé dans la nuit sous le poids des eaux",
                 id="incise-indefinite-subject-after-adjunct"),
    pytest.param("Plus de trois mille personnes ont été vaccinées cette semaine, a fait savoir lundi le ministère.",
                 "le ministère", "a fait savoir", "Plus de trois mille personnes ont été vaccinées cette semaine",
                 id="incise-particle-cue-then-adjunct"),
    pytest.param("Le maire va démissionner avant la fin du mois, a confié au quotidien économique un proche du dossier.",
                 "un proche du dossier", "a confié", "Le maire va démissionner avant la fin du mois",
                 id="incise-indefinite-subject-after-dative-with-adjective"),
    pytest.param("Le saturnisme touche surtout les jeunes enfants et les femmes enceintes, note le rapport.",
                 "le rapport", "note", "Le saturnisme touche surtout les jeunes enfants et les femmes enceintes",
                 id="incise-verb-tagged-as-noun"),
    pytest.param("Le secrétaire d'État aux Transports a par ailleurs assuré que des dérogations avaient été signées "
                 "pour les camions.", "Le secrétaire d'État aux Transports", "a par ailleurs assuré",
                 "des dérogations avaient été signées pour les camions", id="subject-parsed-as-passive"),
    pytest.param("Le gouvernement a averti Moscou que la frontière ne pouvait pas rester ouverte cet hiver.",
                 "Le gouvernement", "a averti", "la frontière ne pouvait pas rester ouverte cet hiver",
                 id="que-after-object-tagged-as-relative"),
    pytest.param("Les anciens salariés ont regretté jeudi avoir trahi l'entreprise qui les employait.",
                 "Les anciens salariés", "ont regretté", "avoir trahi l'entreprise qui les employait",
                 id="perfect-infinitive-after-time-word"),
    pytest.param("Le candidat a déploré n'avoir pas pu s'exprimer à la radio publique.", "Le candidat", "a déploré",
                 "n'avoir pas pu s'exprimer à la radio publique", id="perfect-infinitive-negated-inside"),
    pytest.param("Les autorités locales s'opposent au nouveau camp estimant que le centre a porté un coup au tourisme.",
                 "Les autorités locales", "estimant", "le centre a porté un coup au tourisme",
                 id="participle-after-a-noun-opening-que"),
    pytest.param("Dans un communiqué, la fédération juge que les mesures prises sont insuffisantes.", "la fédération",
                 "juge", "les mesures prises sont insuffisantes", id="cue-tagged-as-noun-before-que"),
    pytest.param("Des milliers de personnes ont défilé à Sofia, les participants réclamant « une indépendance par "
                 "rapport à la mafia ».", "les participants", "réclamant", "une indépendance par rapport à la mafia",
                 id="participle-after-a-noun-opening-a-quotation"),
    pytest.param("« Ces vidéos montrent un dysfonctionnement de la police », analyse la sociologue Katheryn Brown.",
                 "Katheryn Brown", "analyse", "Ces vidéos montrent un dysfonctionnement de la police",
                 id="incise-analyser"),
    pytest.param("De nombreux experts doutent que ces mesures puissent stopper la multiplication des cas.",
                 "De nombreux experts", "doutent", "ces mesures puissent stopper la multiplication des cas",
                 id="que-douter"),
    pytest.param("Le syndicat a dénoncé une « décision choquante » qui selon lui menace les petits commerces.",
                 "Le syndicat", "a dénoncé", "une « décision choquante » qui selon lui menace les petits commerces",
                 id="selon-pronoun-inside-a-preposed-content"),
    pytest.param("Le constructeur Renault a annoncé jeudi la fermeture de son usine de Flins.",
                 "Le constructeur Renault", "a annoncé", "la fermeture de son usine de Flins", id="indirect-np-object"),
    pytest.param("Le dirigeant Kim Jong Un s'est engagé à renforcer les relations avec la Russie.",
                 "Kim Jong Un", "s'est engagé", "renforcer les relations avec la Russie", id="indirect-engager-a"),
    pytest.param("La ministre Élisabeth Borne a déclaré que le texte serait « amélioré dans les prochains jours ».",
                 "Élisabeth Borne", "a déclaré", "le texte serait « amélioré dans les prochains jours »", id="mixed"),
    pytest.param("Selon la police, cinq mille personnes ont manifesté samedi dans les rues de Paris.",
                 "la police", "Selon", "cinq mille personnes ont manifesté samedi dans les rues de Paris",
                 id="selon-front"),
    pytest.param("Le trafic reprendra progressivement dans la soirée sur toutes les lignes, selon la SNCF.",
                 "la SNCF", "selon", "Le trafic reprendra progressivement dans la soirée sur toutes les lignes",
                 id="selon-back"),
    pytest.param("« Je reste chez moi le plus possible », explique Julie Morel, rencontrée au marché de Lyon. « J'essaie "
                 "juste d'être raisonnable », ajoute cette Lyonnaise de 39 ans.", "Julie Morel", "ajoute",
                 "J'essaie juste d'être raisonnable", id="demonym-tagged-as-place-is-a-description"),
    pytest.param("Le maire de Lille a démissionné lundi, a révélé La Voix du Nord. D'après le quotidien régional, il "
                 "quittera la ville dès le mois de mars.", "La Voix du Nord", "D'après",
                 "il quittera la ville dès le mois de mars", id="outlet-description-with-adjective"),
    pytest.param("Comme annoncé par le maire Paul Vidal, environ un million d'euros sera versé aux familles des victimes.",
                 "Paul Vidal", "Comme annoncé par", "environ un million d'euros sera versé aux familles des victimes",
                 id="comme-annonce-par"),
    pytest.param("D'après le quotidien Le Monde, le projet de loi sera présenté au Parlement en juin.",
                 "Le Monde", "D'après", "le projet de loi sera présenté au Parlement en juin", id="d-apres"),
    pytest.param("Le ministre Paul Durand était à Lyon. La fréquentation des trains correspond selon lui aux "
                 "prévisions de la direction.", "Paul Durand", "selon",
                 "La fréquentation des trains correspond selon lui aux prévisions de la direction",
                 id="selon-inside-clause"),
    pytest.param("La directrice Anne Vidal a visité le dépôt. Le trafic reste selon elle « presque normal » sur les "
                 "lignes du nord.", "Anne Vidal", "selon",
                 "Le trafic reste selon elle « presque normal » sur les lignes du nord", id="selon-inside-clause-quoted"),
    pytest.param("Les loyers ont doublé en dix ans dans le centre-ville, selon Marc Olivier, économiste au "
                 "laboratoire d'urbanisme de l'université de Nantes.", "Marc Olivier", "selon",
                 "Les loyers ont doublé en dix ans dans le centre-ville", id="selon-back-apposition"),
    pytest.param("Pour l'économiste Julien Marceau, la hausse des loyers « n'est pas près de s'arrêter » dans les "
                 "grandes villes.", "Julien Marceau", "Pour",
                 "la hausse des loyers « n'est pas près de s'arrêter » dans les grandes villes", id="pour-name-front"),
    pytest.param("Pour Claire Dumont, le nouveau règlement menace directement les petits commerces du centre.",
                 "Claire Dumont", "Pour", "le nouveau règlement menace directement les petits commerces du centre",
                 id="pour-bare-name-front"),
    pytest.param("L'ancien député Marc Lenoir a quitté le parti, affirmant avoir été écarté de toutes les décisions.",
                 "Marc Lenoir", "affirmant", "avoir été écarté de toutes les décisions",
                 id="participle-perfect-infinitive"),
    pytest.param("La directrice Anne Vidal a démissionné lundi, estimant ne pas avoir été soutenue par le conseil.",
                 "Anne Vidal", "estimant", "ne pas avoir été soutenue par le conseil",
                 id="participle-negated-perfect-infinitive"),
    pytest.param("Le pasteur Paul Roux a demandé aux fidèles de klaxonner en guise de remerciement.",
                 "Paul Roux", "a demandé", "klaxonner en guise de remerciement", id="demander-a-x-de-infinitive"),
    pytest.param("Selon Marc Olivier, économiste à l'université de Nantes, les loyers ont doublé en dix ans.",
                 "Marc Olivier", "Selon", "les loyers ont doublé en dix ans", id="selon-front-apposition"),
    pytest.param("Selon les analystes, la croissance économique ralentira nettement l'an prochain.",
                 "les analystes", "Selon", "la croissance économique ralentira nettement l'an prochain", id="group"),
    pytest.param("Washington a déclaré que les sanctions contre le régime seraient maintenues.",
                 "Washington", "a déclaré", "les sanctions contre le régime seraient maintenues", id="country-capital"),
    pytest.param("La physicienne Marie Curie a présenté ses travaux lundi à Paris. « Ces résultats changent tout », "
                 "a expliqué la chercheuse.", "Marie Curie", "a expliqué", "Ces résultats changent tout",
                 id="description-resolves"),
    pytest.param("Paul Martin a rencontré Julie Moreau jeudi à Nantes. « Je suis confiante pour la suite », "
                 "a-t-elle assuré.", "Julie Moreau", "a-t-elle assuré", "Je suis confiante pour la suite",
                 id="pronoun-gender"),
    pytest.param("Le pont a cédé dans la nuit. « J'ai tout perdu », a confié à l'AFP un riverain, Marc Tessier.",
                 "Marc Tessier", "a confié", "J'ai tout perdu", id="description-comma-name"),
    pytest.param("« Les secours restent mobilisés », a déclaré le préfet de la Drôme, Hugues Moutier.",
                 "Hugues Moutier", "a déclaré", "Les secours restent mobilisés", id="description-of-place-comma-name"),
    pytest.param("La nageuse brésilienne Luana Teixeira a elle choisi de nager dans un lac. Elle détient trois records. "
                 "« Je nage tous les matins », explique-t-elle.", "Luana Teixeira", "explique",
                 "Je nage tous les matins", id="pronoun-to-misparsed-subject-name"),
    pytest.param("Le frère du pilote assure que celui-ci connaissait la route. Le pilote, Marc Rivière, avait quitté "
                 "Lyon mardi. « Il était prudent », explique son frère.", "Le frère du pilote", "explique",
                 "Il était prudent", id="kinship-noun-is-not-the-named-relative"),
    pytest.param("L'île n'a qu'un habitant, Laurence Vidal, un moine de 60 ans. Sa voisine Marie Dumas vit sur la côte. "
                 "« Je ne me sens pas seul », dit-il.", "Laurence Vidal", "dit", "Je ne me sens pas seul",
                 id="gender-from-apposed-noun-beats-first-name"),
    pytest.param("« Les analyses prendront du temps », a confié un enquêteur proche de la famille.",
                 "un enquêteur proche de la famille", "a confié", "Les analyses prendront du temps",
                 id="description-with-adjective-complement"),
    pytest.param("La Cour constitutionnelle a examiné la loi lundi. Le texte est conforme, a indiqué la cour.",
                 "Cour constitutionnelle", "a indiqué", "Le texte est conforme", id="generic-noun-to-named-institution"),
    pytest.param("Le syndicat des cheminots réclame à nouveau la hausse des salaires de ses adhérents.",
                 "Le syndicat des cheminots", "réclame", "la hausse des salaires de ses adhérents",
                 id="np-after-adverbial-locution"),
    pytest.param("La ministre Claire Petit a exigé en outre la publication du rapport d'enquête.",
                 "Claire Petit", "a exigé", "la publication du rapport d'enquête", id="np-after-en-outre"),
    pytest.param("Les riverains du quartier réclamaient aussi de fermer la route la nuit.",
                 "Les riverains du quartier", "réclamaient", "fermer la route la nuit", id="reclamer-de-infinitive"),
    pytest.param("Le maire Henri Vasseur a indiqué à la presse ne pas vouloir se représenter en mars.",
                 "Henri Vasseur", "a indiqué", "ne pas vouloir se représenter en mars", id="indiquer-infinitive"),
    pytest.param("Sur la radio locale, le boulanger Marc Aubert raconte avoir fermé sa boutique pendant trois mois.",
                 "Marc Aubert", "raconte", "avoir fermé sa boutique pendant trois mois", id="raconter-infinitive"),
    pytest.param("Dans son message, l'étudiant Hugo Lemaire explique être sans nouvelles de son frère depuis mai.",
                 "Hugo Lemaire", "explique", "être sans nouvelles de son frère depuis mai", id="expliquer-infinitive"),
    pytest.param("La préfecture a annoncé mardi de nouvelles restrictions de circulation dans le centre-ville.",
                 "La préfecture", "a annoncé", "de nouvelles restrictions de circulation dans le centre-ville",
                 id="np-indefinite-de-adjective"),
    pytest.param("Plusieurs élus ont protesté. L'un d'eux, le maire Paul Girard, a exigé la réouverture de la gare.",
                 "Paul Girard", "a exigé", "la réouverture de la gare", id="pronoun-subject-with-apposed-name"),
    pytest.param("Le président français Paul Girardin a reçu les syndicats lundi. « Le dialogue reste ouvert », "
                 "a déclaré le président de la République sur Twitter.", "Paul Girardin", "a déclaré",
                 "Le dialogue reste ouvert", id="role-tagged-as-person-is-a-description"),
    pytest.param("« Cette décision est injuste », a dénoncé la juriste et militante des droits humains Nadia Karimi "
                 "dans une vidéo.", "Nadia Karimi", "a dénoncé", "Cette décision est injuste",
                 id="coordinated-roles-of-one-person"),
    pytest.param("La panne a duré trois heures, a indiqué à l'AFP un porte-parole de la compagnie. Celui-ci évoque un "
                 "« acte de sabotage » sur la ligne.", "un porte-parole de la compagnie", "évoque",
                 "un « acte de sabotage » sur la ligne", id="celui-ci-subject"),
    pytest.param("« Les blessés ont été transférés à l'hôpital », a indiqué dans un communiqué la direction de la "
                 "clinique.", "la direction de la clinique", "a indiqué", "Les blessés ont été transférés à l'hôpital",
                 id="incise-pp-then-subject"),
    pytest.param("« Le courant sera rétabli ce soir », a précisé à France Bleu Marc Delorme.", "Marc Delorme",
                 "a précisé", "Le courant sera rétabli ce soir", id="incise-outlet-then-subject"),
    pytest.param("Le maire Renaud Marchal a lancé une collecte pour les agents blessés. Elle avait été critiquée par "
                 "le directeur général de la police, Éric Vasseur. « Nous n'avons pas besoin de dons », avait déclaré "
                 "le patron des policiers sur une radio.", "Éric Vasseur", "avait déclaré",
                 "Nous n'avons pas besoin de dons", id="patron-designates-a-director"),
    pytest.param("Le maire Renaud Marchal a lancé une collecte. Le projet avait été critiqué par le directeur général "
                 "de la police nationale (DGPN), Éric Vasseur, avant que celui-ci ne nuance ses propos. « Nous "
                 "n'avons pas besoin de dons », avait déclaré le patron des policiers sur une radio.", "Éric Vasseur",
                 "avait déclaré", "Nous n'avons pas besoin de dons", id="role-before-parenthesis-and-comma"),
    pytest.param("Laurent Vauquier est intervenu à l'école en février. « Ce cours sera apolitique », expliquait le "
                 "directeur de l'école, Thierry Pic. Face aux étudiants, le président du parti n'a épargné personne. "
                 "« J'assume tout », a-t-il assuré.", "Laurent Vauquier", "a-t-il assuré", "J'assume tout",
                 id="pronoun-to-described-subject"),
    pytest.param("Jay Morton contemple la statue. « C'est un grand jour », dit Jay. Pour l'historien Ryan Smith, le "
                 "mouvement s'étend. « L'énergie vient du peuple », explique-t-il.", "Ryan Smith", "explique",
                 "L'énergie vient du peuple", id="pronoun-to-pour-framing"),
    pytest.param("La voix étranglée, la ministre Anne Roussel a précisé qu'elle quitterait ses fonctions de cheffe du "
                 "Parti radical le 7 juin, regrettant « profondément » son échec.", "Anne Roussel", "regrettant",
                 "« profondément » son échec", id="participle-takes-clause-subject"),
    pytest.param("Le maire Paul Vidal s'est félicité du « succès historique » de la collecte, affirmant à la presse "
                 "que « la ville a répondu présent ».", "Paul Vidal", "s'est félicité",
                 "du « succès historique » de la collecte", id="de-complement-with-quotation"),
    pytest.param("Le maire Paul Vidal s'est félicité du « succès historique » de la collecte, affirmant à la presse "
                 "que « la ville a répondu présent ».", "Paul Vidal", "affirmant", "la ville a répondu présent",
                 id="comma-participle-hung-on-a-quoted-noun"),
    pytest.param("« Nous pensons à un acte de malveillance », a ajouté le directeur de la gare, soulignant toutefois "
                 "qu'il reviendra aux enquêteurs de le confirmer.", "le directeur de la gare", "soulignant",
                 "il reviendra aux enquêteurs de le confirmer", id="participle-after-incise-takes-its-subject"),
    pytest.param("Douze vols sont annulés ou retardés à Orly, selon la compagnie, qui va porter plainte.",
                 "la compagnie", "selon", "Douze vols sont annulés ou retardés à Orly", id="selon-then-relative-clause"),
    pytest.param("Le nouveau parti pourrait réunir une trentaine d'élus, selon Marc Dubois, un député pressenti, qui "
                 "juge que rien n'est fait.", "Marc Dubois", "selon",
                 "Le nouveau parti pourrait réunir une trentaine d'élus", id="selon-apposition-relative"),
    pytest.param("Selon une étude Ipsos publiée mardi par le quotidien Le Monde sur son site, les écologistes "
                 "obtiendraient 30% des voix.", "Ipsos", "Selon", "les écologistes obtiendraient 30% des voix",
                 id="selon-source-with-participle"),
    pytest.param("Selon Anne Martin, contactée par l'AFP, la chaîne a finalement choisi un autre débat.",
                 "Anne Martin", "Selon", "la chaîne a finalement choisi un autre débat",
                 id="selon-participle-apposition"),
    pytest.param("Selon le maire, les habitants, inquiets, restent chez eux.", "le maire", "Selon",
                 "les habitants, inquiets, restent chez eux", id="selon-content-subject-is-no-apposition"),
    pytest.param("« Nos troupes avancent vers la capitale », a pour sa part affirmé le colonel Ahmed Salem.",
                 "Ahmed Salem", "a pour sa part affirmé", "Nos troupes avancent vers la capitale",
                 id="incise-locution-inside-verb-group"),
    pytest.param("La porte-parole Léa Morin a de son côté affirmé que le scrutin serait reporté.",
                 "Léa Morin", "a de son côté affirmé", "le scrutin serait reporté", id="preposed-locution-inside-group"),
    pytest.param("\"Repose en paix, notre ami\", a tweeté Act Up.", "Act Up", "a tweeté", "Repose en paix, notre ami",
                 id="incise-untagged-auxiliary-and-name"),
    pytest.param("La syndicaliste Anne Roy est sortie. « Nous irons jusqu'au bout », a-t-elle ajouté, précisant que la "
                 "grève continuerait lundi.", "Anne Roy", "précisant", "la grève continuerait lundi",
                 id="participle-after-inverted-incise"),
    pytest.param("« Personne ne nous a prévenus de cette fermeture », peste Julien Roche, commerçant du quartier.",
                 "Julien Roche", "peste", "Personne ne nous a prévenus de cette fermeture",
                 id="incise-verb-outside-lexicon"),
    pytest.param("« Qui va financer ces travaux ? », s'interroge la conseillère municipale Anne Gros.", "Anne Gros",
                 "s'interroge", "Qui va financer ces travaux ?", id="incise-reflexive-verb-outside-lexicon"),
    pytest.param("La directrice Anne Gros a reçu les parents. « Nous n'avons rien à cacher », a-t-elle tenu à "
                 "rappeler.", "Anne Gros", "a-t-elle tenu", "Nous n'avons rien à cacher",
                 id="incise-inverted-verb-outside-lexicon"),
    pytest.param("Le ministre Paul Martin a affirmé de son côté que la ville était face à un danger extrême.",
                 "Paul Martin", "a affirmé", "la ville était face à un danger extrême", id="que-after-locution"),
    pytest.param("Le commissaire Paul Martin a affirmé lors d'une conférence de presse que les manifestants avaient "
                 "quitté le hall.", "Paul Martin", "a affirmé", "les manifestants avaient quitté le hall",
                 id="que-after-prepositional-phrase"),
    pytest.param("Lam Ching-wah, un porte-parole de la police, a affirmé que les manifestants avaient quitté le hall.",
                 "Lam Ching-wah", "a affirmé", "les manifestants avaient quitté le hall",
                 id="name-before-apposed-description"),
    pytest.param("Le maire Paul Roux a qualifié ces blocages « d'illégitimes » lors du conseil.", "Paul Roux",
                 "a qualifié", "ces blocages « d'illégitimes » lors du conseil", id="qualifier-quoted-attribute"),
    pytest.param("La présidente Anne Roy a exprimé sa « profonde tristesse » après le drame.", "Anne Roy", "a exprimé",
                 "sa « profonde tristesse » après le drame", id="exprimer-quoted-object"),
    pytest.param("Le juge Paul Martin a laissé entendre qu'il faudrait encore plusieurs semaines pour statuer.",
                 "Paul Martin", "a laissé", "il faudrait encore plusieurs semaines pour statuer",
                 id="laisser-entendre-que"),
    pytest.param("Sur la fermeture du site, la ministre Anne Roy a plaisanté : « Nous ne sommes pas des magiciens », "
                 "a-t-elle ajouté.", "Anne Roy", "a-t-elle ajouté", "Nous ne sommes pas des magiciens",
                 id="incise-content-is-the-quotation-after-a-colon"),
    pytest.param("Le député Paul Roux a déploré ne pas avoir été écouté pendant la crise.", "Paul Roux", "a déploré",
                 "ne pas avoir été écouté pendant la crise", id="perfect-infinitive-after-any-cue"),
    pytest.param("La directrice Anne Roy a clamé avoir été « trahie » par son équipe.", "Anne Roy", "a clamé",
                 "avoir été « trahie » par son équipe", id="perfect-infinitive-with-quotation"),
    pytest.param("Le président Paul Martin a appelé samedi dans un communiqué « à la mise en place sans délai d'une "
                 "transition civile ».", "Paul Martin", "a appelé", "à la mise en place sans délai d'une transition civile",
                 id="quotation-after-an-adjunct-the-parser-hangs-it-on"),
    pytest.param("L'artiste Paul Roux avait fustigé dans un tweet « des élus qui ne pensent qu'à leur carrière ».",
                 "Paul Roux", "avait fustigé", "des élus qui ne pensent qu'à leur carrière",
                 id="quotation-after-an-adjunct-noun-phrase"),
    pytest.param("Un membre de la famille a indiqué sous couvert de l'anonymat que le président était rentré dans sa "
                 "résidence.", "Un membre de la famille", "a indiqué", "le président était rentré dans sa résidence",
                 id="que-tagged-as-relative-before-a-passive-clause"),
    pytest.param("La militante Aimee Stephens avait annoncé à son employeur qu'elle comptait assumer son identité de "
                 "femme.", "Aimee Stephens", "avait annoncé", "elle comptait assumer son identité de femme",
                 id="que-tagged-as-relative-before-a-clause-with-its-object"),
    pytest.param("L'expert Paul Roux estime par ailleurs qu'« il serait erroné de considérer que seule l'emprise a "
                 "joué ».", "Paul Roux", "estime", "il serait erroné de considérer que seule l'emprise a joué",
                 id="quotation-after-an-elided-que-and-its-apostrophe"),
    pytest.param("La ministre Anne Roy a admis qu'\"il tient une ligne politique de droite\".", "Anne Roy", "a admis",
                 "il tient une ligne politique de droite", id="quotation-glued-to-an-elided-que"),
    pytest.param("Cinquante gendarmes de Tarbes ont été testés positifs, a-t-on appris jeudi auprès de la préfecture.",
                 "la préfecture", "a-t-on appris", "Cinquante gendarmes de Tarbes ont été testés positifs",
                 id="learnt-from-a-source-incise"),
    pytest.param("Le chef du groupe a été tué jeudi au nord de la ville, a appris l'AFP de sources proches du dossier.",
                 "sources proches du dossier", "a appris", "Le chef du groupe a été tué jeudi au nord de la ville",
                 id="outlet-learnt-from-sources-incise"),
]


def quotes_of(nlp, text):
    return list(extract_quotes(nlp(text)))


def find(quotes, text):
    return next((q for q in quotes if q.text == text), None)


@pytest.mark.parametrize(("text", "speaker", "cue", "quote"), ATTRIBUTED)
def test_attributed_quote(nlp, text, speaker, cue, quote):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None, [q.text for q in quotes_of(nlp, text)]
    assert found.speaker is not None and found.speaker.name == speaker
    assert found.cue == cue
    assert text[found.start : found.end] == found.text


def test_interrupted_quote_gives_two_quotes(nlp):
    text = "« Nous sommes prêts », a assuré la syndicaliste Marie Dupont, « et nous irons jusqu'au bout de ce combat. »"
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["Nous sommes prêts", "et nous irons jusqu'au bout de ce combat."]
    assert {q.speaker.name for q in quotes} == {"Marie Dupont"}


def test_chain_of_quotations_gives_one_quote_each(nlp):
    text = "Le maire Paul Roux a estimé que « la ville a tenu bon » mais « le plus dur reste à venir »."
    quotes = quotes_of(nlp, text)
    assert [(q.text, q.type) for q in quotes] == [("la ville a tenu bon", "direct"),
                                                   ("le plus dur reste à venir", "direct")]
    assert {q.speaker.name for q in quotes} == {"Paul Roux"}


def test_quotations_apart_by_an_adjunct_give_one_quote_each(nlp):
    text = ("« Le gouvernement fait le bon diagnostic » lors de son discours de vendredi, « mais il n'a pas encore "
            "trouvé le remède », a ajouté le député Paul Roux.")
    assert [(q.text, q.type) for q in quotes_of(nlp, text)] == [
        ("Le gouvernement fait le bon diagnostic", "direct"), ("mais il n'a pas encore trouvé le remède", "direct")]


def test_first_name_after_an_outlet_dative_is_the_incise_subject(nlp):
    """The parser runs 'Christine' into the outlet's name ('à l'AFP Christine'); the entity recognizer may too, which
    the speaker's name keeps (the entities' matter): here only the quote and its speaker mention are checked."""
    text = "« Nous manifestons pour obtenir nos droits et des soins », a confié à l'AFP Christine, une étudiante de 21 ans."
    found = find(quotes_of(nlp, text), "Nous manifestons pour obtenir nos droits et des soins")
    assert found is not None and found.cue == "a confié"
    assert found.speaker is not None and found.speaker.mention.endswith("Christine")


def test_quoted_sentence_after_a_colon_ends_the_content_before_it(nlp):
    text = ("La romancière Anne Roy assure par ailleurs ne pas vouloir quitter l'enseignement : « Je reste prof, "
            "je le suis devenue par hasard et j'y suis bien. »")
    quotes = quotes_of(nlp, text)
    assert [(q.text, q.type) for q in quotes] == [
        ("ne pas vouloir quitter l'enseignement", "indirect"),
        ("Je reste prof, je le suis devenue par hasard et j'y suis bien.", "direct")]
    assert {q.speaker.name for q in quotes} == {"Anne Roy"}


def test_quoted_terms_after_a_colon_stay_in_the_content(nlp):
    text = ("Le juge Paul Roux a indiqué que la chercheuse restait poursuivie pour deux chefs d'accusation : "
            "« propagande contre le système » et « collusion ».")
    assert [q.type for q in quotes_of(nlp, text)] == ["mixed"]


def test_quoted_words_joined_stay_one_mixed_quote(nlp):
    text = "La ministre Anne Roy aurait souhaité « plus de tests » et « plus tôt » dans la région."
    assert [q.type for q in quotes_of(nlp, text)] == ["mixed"]


def test_incise_inside_the_quotation_marks_splits_the_quote(nlp):
    text = ("La ministre Anne Roy était à Lyon. « Sans formation on ne s'en sortira pas, a-t-elle poursuivi. C'est la "
            "colonne vertébrale de notre société. »")
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["Sans formation on ne s'en sortira pas",
                                        "C'est la colonne vertébrale de notre société"]
    assert {q.speaker.name for q in quotes} == {"Anne Roy"}


@pytest.mark.parametrize(("text", "quote"), [
    pytest.param("La ministre Anne Roy a rappelé jeudi qu'elle n'avait jamais été entendue par les juges et a invoqué "
                 "la présomption d'innocence pour rester en poste.", "elle n'avait jamais été entendue par les juges",
                 id="coordinated-predicate-of-the-speaker"),
    pytest.param("Le médecin Paul Roux a précisé que l'état du patient était stable et souligné qu'il était trop tôt "
                 "pour conclure.", "l'état du patient était stable", id="coordinated-bare-participle-cue"),
    pytest.param("Le patron du parti, Paul Roux, dénonce des annonces « pas très cohérentes » du gouvernement, exige "
                 "que le ministre publie ses chiffres.", "des annonces « pas très cohérentes » du gouvernement",
                 id="asyndetic-second-cue-of-the-speaker"),
])
def test_content_ends_where_the_speakers_sentence_resumes(nlp, text, quote):
    assert quote in [q.text for q in quotes_of(nlp, text)]


@pytest.mark.parametrize(("text", "quote"), [
    pytest.param("La ministre Claire Morel a salué le travail des soignants et affirmé que la crise serait bientôt "
                 "terminée.", "la crise serait bientôt terminée", id="que-after-coordinated-bare-participle"),
    pytest.param("Le médecin Paul Roux a précisé que l'état du patient était stable et souligné qu'il était trop tôt "
                 "pour conclure.", "il était trop tôt pour conclure", id="second-content-of-coordinated-participle"),
    pytest.param("Les médecins avaient évoqué une « réaction allergique » et assuré n'avoir retrouvé « aucune "
                 "substance toxique ».", "n'avoir retrouvé « aucune substance toxique »",
                 id="infinitive-after-coordinated-bare-participle"),
    pytest.param("Les médecins avaient évoqué une « réaction allergique » et assuré n'avoir retrouvé « aucune "
                 "substance toxique ».", "une « réaction allergique »", id="first-content-ends-before-the-participle"),
])
def test_coordinated_bare_participle_is_a_cue(nlp, text, quote):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None, [q.text for q in quotes_of(nlp, text)]
    assert found.speaker is not None and found.speaker.name in text


def test_gerund_after_a_relative_clause_is_the_speakers(nlp):
    text = ("Le ministre Jean Roux a redit ses réserves sur une réforme qui consiste à taxer les retraités, tout en "
            "soulignant que le gouvernement avait « tous les choix possibles ».")
    quote = find(quotes_of(nlp, text), "le gouvernement avait « tous les choix possibles »")
    assert quote is not None and quote.speaker.name == "Jean Roux" and quote.cue == "soulignant"


@pytest.mark.parametrize(("text", "speaker", "quote"), [
    pytest.param("La CGT a appelé jeudi à une grève générale dans tous les hôpitaux.",
                 "La CGT", "une grève générale dans tous les hôpitaux", id="appeler-a-noun-phrase"),
    pytest.param("Le maire Paul Roux a exhorté les habitants à la plus grande prudence pendant la canicule.",
                 "Paul Roux", "la plus grande prudence pendant la canicule", id="exhorter-object-a-noun-phrase"),
    pytest.param("La ministre Anne Roy a fait valoir sa « transparence » devant les députés.", "Anne Roy",
                 "sa « transparence » devant les députés", id="particle-cue-object-quotation"),
    pytest.param("Le sénateur Paul Roux s'est déclaré « très inquiet » de la situation des hôpitaux.", "Paul Roux",
                 "« très inquiet » de la situation des hôpitaux", id="se-declarer-attribute"),
    pytest.param("La ministre Anne Roy s'est montrée optimiste sur la reprise de l'économie cet automne.", "Anne Roy",
                 "optimiste sur la reprise de l'économie cet automne", id="se-montrer-attribute"),
    pytest.param("La maire Anne Vidal a déclaré dans un message être « satisfaite » de la décision du tribunal.",
                 "Anne Vidal", "être « satisfaite » de la décision du tribunal", id="infinitive-after-an-adjunct"),
    pytest.param("Le procureur Paul Roux a indiqué dans un communiqué avoir « pris acte » des acquittements.",
                 "Paul Roux", "avoir « pris acte » des acquittements", id="perfect-infinitive-after-an-adjunct"),
    pytest.param("Le député Paul Roux a multiplié les interventions, dénonçant à plusieurs reprises le « mépris » du "
                 "gouvernement.", "Paul Roux", "le « mépris » du gouvernement", id="participle-object-quotation-after-adjunct"),
    pytest.param("Le Premier ministre Marc Adam s'est déclaré mercredi déterminé à former un gouvernement avant "
                 "l'été.", "Marc Adam", "déterminé à former un gouvernement avant l'été", id="se-declarer-participle"),
    pytest.param("Les deux anciens employés ont regretté jeudi avoir « trompé » leur patron pendant des années.",
                 "Les deux anciens employés", "avoir « trompé » leur patron pendant des années",
                 id="perfect-infinitive-with-a-quoted-participle"),
    pytest.param("Le président a défendu son bilan, affirmant avoir « protégé » des milliers d'emplois.",
                 "Le président", "avoir « protégé » des milliers d'emplois",
                 id="participle-perfect-infinitive-with-a-quoted-participle"),
    pytest.param("Le syndicat accuse la direction d'avoir menti aux salariés.",
                 "Le syndicat", "avoir menti aux salariés", id="de-infinitive-hung-on-the-object"),
    pytest.param("La ministre Anne Roy a sommé jeudi les préfets de fermer les marchés couverts.",
                 "Anne Roy", "fermer les marchés couverts", id="sommer-object-de-infinitive"),
    pytest.param("La préfète Anne Roy a demandé aux habitants des communes voisines du site de rester chez eux.",
                 "Anne Roy", "rester chez eux", id="de-infinitive-hung-deep-in-the-dative"),
    pytest.param("Le syndicat accuse les élus chargés de gérer la crise d'avoir menti aux salariés.",
                 "Le syndicat", "avoir menti aux salariés", id="de-infinitive-of-a-participle-stays-in-the-object"),
    pytest.param("Le ministre Paul Roux a écrit au président, disant craindre pour la paix dans la région.",
                 "Paul Roux", "craindre pour la paix dans la région", id="participle-of-saying-infinitive"),
    pytest.param("La ministre Anne Roy a toutefois confessé avoir des doutes sur la réforme.", "Anne Roy",
                 "avoir des doutes sur la réforme", id="confesser-infinitive"),
    pytest.param("Le ministre Paul Roux a aussi répété vouloir réduire la dette.", "Paul Roux",
                 "vouloir réduire la dette", id="repeter-infinitive"),
    pytest.param("La ministre Anne Roy, redoutant une nouvelle vague, a sommé mardi les préfets de fermer les marchés "
                 "couverts.", "Anne Roy", "fermer les marchés couverts", id="sommer-after-an-aside-is-no-incise"),
])
def test_cue_with_a_noun_phrase_or_attribute(nlp, text, speaker, quote):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None, [q.text for q in quotes_of(nlp, text)]
    assert found.speaker is not None and found.speaker.name == speaker


@pytest.mark.parametrize(("text", "quote"), [
    pytest.param("La statue fut offerte en 2013 au conseil municipal, qui a précisé que son retrait avait été demandé "
                 "par la tribu.", "son retrait avait été demandé par la tribu", id="relative-clause-misparsed"),
])
def test_subject_found_through_a_misparse(nlp, text, quote):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None and found.speaker is not None, [q.text for q in quotes_of(nlp, text)]


@pytest.mark.parametrize(("text", "subject", "quote"), [
    pytest.param("Marc Leroy, un étudiant qui a participé aux manifestations, souligne que la confiance est en baisse.",
                 "Marc Leroy, un étudiant qui a participé aux manifestations", "la confiance est en baisse",
                 id="relative-clause-in-the-subject-then-que"),
    pytest.param("Le conseiller Paul Roux, qui travaille pour la mairie, a fait état d'un incendie dans un entrepôt.",
                 "Le conseiller Paul Roux, qui travaille pour la mairie", "un incendie dans un entrepôt",
                 id="relative-clause-in-the-subject-then-particle-cue"),
])
def test_subject_with_a_relative_clause_is_no_content(nlp, text, subject, quote):
    quotes = [q.text for q in quotes_of(nlp, text)]
    assert subject not in quotes and quote in quotes, quotes


@pytest.mark.parametrize(("text", "quote", "surname"), [
    pytest.param("« Tous les efforts doivent maintenant être faits pour y arriver », a déclaré jeudi sur les ondes de "
                 "la radio Sizwe Mpofu-Walsh.", "Tous les efforts doivent maintenant être faits pour y arriver",
                 "Mpofu-Walsh", id="name-at-the-end-of-the-incise"),
])
def test_incise_subject_after_its_adjuncts(nlp, text, quote, surname):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None and found.speaker is not None and surname in (found.speaker.name or "")


@pytest.mark.parametrize(("text", "quote", "cue"), [
    pytest.param("« Le dialogue seul permet de sortir de la crise », a écrit mardi sur sa page Facebook M. Durand qui "
                 "ne parle plus en public.", "Le dialogue seul permet de sortir de la crise", "a écrit",
                 id="quotation-then-incise-whose-subject-the-parse-loses"),
    pytest.param("« Nous irons jusqu'au bout », a lancé, sous les applaudissements, celui qui dirige le syndicat.",
                 "Nous irons jusqu'au bout", "a lancé", id="quotation-then-incise-whose-subject-is-a-pronoun-phrase"),
])
def test_quotation_before_an_incise_is_a_quote_whoever_its_subject(nlp, text, quote, cue):
    """A quotation closed right before a speech verb's incise is quoted speech even when the incise's subject
    cannot be read: the quote is kept, its speaker left to the resolution."""
    found = find(quotes_of(nlp, text), quote)
    assert found is not None and found.type == "direct" and found.cue == cue, [q.text for q in quotes_of(nlp, text)]


@pytest.mark.parametrize("text, outer, inner", [
    pytest.param("Lundi soir, deux élus du conseil régional ont annoncé leur départ du parti, a rapporté la radio locale.",
                 "deux élus du conseil régional ont annoncé leur départ du parti", "leur départ du parti",
                 id="incise-after-a-preposed-cue"),
    pytest.param("Le syndicat Force ouvrière a réclamé mardi la réouverture des guichets, indique la préfecture.",
                 "Le syndicat Force ouvrière a réclamé mardi la réouverture des guichets", "la réouverture des guichets",
                 id="present-incise-after-a-preposed-cue"),
])
def test_trailing_incise_after_a_preposed_cue_reports_the_whole_clause(nlp, text, outer, inner):
    """'X a annoncé Y, a rapporté Z': Z reports X's announcement (the clause, X included), and X's own content stays
    a quote."""
    quotes = [q.text for q in quotes_of(nlp, text)]
    assert outer in quotes and inner in quotes, quotes


def test_content_keeps_its_own_coordination(nlp):
    text = "Le ministre Paul Roux a affirmé que le texte serait voté en mars et appliqué dès le mois de mai."
    assert [q.text for q in quotes_of(nlp, text)] == ["le texte serait voté en mars et appliqué dès le mois de mai"]


@pytest.mark.parametrize(("text", "speaker", "parts"), [
    pytest.param("La sénatrice Anne Roy était à Marseille. « Nous avons souvent des pics de pollution en hiver, a-t-elle "
                 "déclaré sur une radio locale. Mais c'est la première fois que ce dispositif est mis en place. »",
                 "Anne Roy", ["Nous avons souvent des pics de pollution en hiver",
                              "Mais c'est la première fois que ce dispositif est mis en place"], id="inverted-with-adjunct"),
    pytest.param("« Je ne comprends pas pourquoi il fallait voter ce texte, a expliqué la députée Claire Morel. Nous avons "
                 "été privés de la discussion. »", "Claire Morel",
                 ["Je ne comprends pas pourquoi il fallait voter ce texte", "Nous avons été privés de la discussion"],
                 id="subject-after-the-verb"),
])
def test_incise_with_its_subject_inside_the_marks_splits_the_quote(nlp, text, speaker, parts):
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == parts
    assert {q.speaker.name for q in quotes} == {speaker}


def test_continuation_keeps_speaker_without_cue(nlp):
    text = ("« Le chantier sera terminé en mars », a expliqué l'architecte Luc Besson. "
            "« Les travaux de finition commenceront ensuite dans tous les bâtiments. »")
    quotes = quotes_of(nlp, text)
    continuation = find(quotes, "Les travaux de finition commenceront ensuite dans tous les bâtiments.")
    assert continuation is not None and continuation.cue is None
    assert continuation.speaker.name == "Luc Besson" and continuation.speaker.mention is None


@pytest.mark.parametrize("text", [
    pytest.param("Les habitants du quartier appellent ce vieux bâtiment la « tour infernale » depuis des années.",
                 id="scare-quote"),
    pytest.param("Le film « Les Misérables » sort mercredi dans toutes les salles françaises.", id="title"),
    pytest.param("Le ministre de l'Économie pourrait dire que la réforme est abandonnée.", id="hypothetical"),
    pytest.param("Interrogé par les journalistes, le sénateur Jean Dumas a refusé de commenter cette décision.",
                 id="no-content"),
    pytest.param("Le projet de loi avait été critiqué par le sénateur Paul Roux, avant que celui-ci ne change d'avis.",
                 id="passive-cue-has-no-content-after-it"),
    pytest.param("Le sénateur Paul Roux a vivement critiqué cette décision lundi.", id="critiquer-a-noun-is-no-content"),
    pytest.param("Les signes se multiplient indiquant que le gouvernement prépare un remaniement avant l'été.",
                 id="evidence-is-no-speaker"),
    pytest.param("Plusieurs indices laissent penser que l'incendie a été allumé volontairement.",
                 id="evidence-noun-subject"),
    pytest.param("Pour la première fois depuis dix ans, le nombre de naissances a augmenté dans la région.",
                 id="pour-time-is-no-source"),
    pytest.param("Les militants ont manifesté devant la mairie, espérant obtenir un rendez-vous avec le maire.",
                 id="participle-intent-infinitive"),
    pytest.param("L'apparition d'un nouveau foyer de contamination fait craindre une résurgence de l'épidémie.",
                 id="causative-infinitive"),
    pytest.param("Les secours sur place n'avaient pas fait état de morts ou de dégâts majeurs vendredi soir.",
                 id="negated-particle-cue"),
    pytest.param("Pour Paris, la saison touristique s'annonce excellente cette année.", id="pour-place-is-no-source"),
    pytest.param("Pour rejoindre le village, les randonneurs doivent marcher trois heures.", id="pour-purpose"),
    pytest.param("Le club a signé un contrat pour Lucas Moreau, qui rejoindra l'équipe en juillet.",
                 id="pour-not-at-front"),
    pytest.param("« Le Bureau des légendes », diffusé sur Canal+, revient lundi pour une nouvelle saison.",
                 id="quoted-title-then-participle"),
    pytest.param("Des « groupes de jeunes venus du quartier voisin », ont bloqué les voies mardi matin.",
                 id="quoted-fragment-inside-a-clause"),
    pytest.param("« Non à la fermeture de la maternité », pouvait-on lire sur les banderoles des manifestants.",
                 id="banner-read-with-a-modal"),
    pytest.param("Le ministre a parlé pendant une heure à la tribune alors que les manifestants attendaient dehors.",
                 id="que-of-a-conjunction-locution"),
    pytest.param("Le club lyonnais s'est qualifié pour la finale de la coupe.", id="se-qualifier-in-sport"),
    pytest.param("Le club a fait valoir ses droits devant le tribunal.", id="faire-valoir-a-plain-object"),
    pytest.param("Le maire de Lille a annoncé la nouvelle sur son compte Twitter mardi soir.", id="news-noun-object"),
    pytest.param("La préfecture a confirmé une information publiée dans la presse locale.", id="information-object"),
    pytest.param("Dans un communiqué, Anne Durand, députée de la Drôme, a annoncé son départ du groupe.",
                 id="subject-set-off-by-commas-is-no-incise-content"),
    pytest.param("Les pompiers, épuisés par trois jours de lutte contre les flammes, redoutent le pire.",
                 id="apposition-before-the-verb-is-no-incise-content"),
    pytest.param("Le syndicat a critiqué le projet que le gouvernement veut imposer aux élus.",
                 id="relative-que-with-a-gap-stays-relative"),
    pytest.param("Les salariés ont appris la nouvelle par les médias avant la réunion.", id="learning-news-is-no-cue"),
    pytest.param("Le député a quitté la salle, espérant trouver un taxi devant la gare.", id="hoping-participle-infinitive"),
])
def test_not_a_quote(nlp, text):
    assert quotes_of(nlp, text) == []


def test_time_noun_phrase_is_skipped_before_que(nlp):
    text = "Le gouverneur Paul Hart a annoncé début mars qu'il fermerait la vieille prison d'État."
    assert [(q.text, q.cue) for q in quotes_of(nlp, text)] == [("il fermerait la vieille prison d'État", "a annoncé")]


def test_clitic_object_leaves_no_noun_phrase_content(nlp):
    text = ("M. Roux a confirmé qu'il rentrerait chez lui dans dix jours, comme il l'a annoncé un peu plus tôt sur "
            "son compte Twitter.")
    assert [q.text for q in quotes_of(nlp, text)] == ["il rentrerait chez lui dans dix jours"]


@pytest.mark.parametrize(("text", "quote", "kind"), [
    pytest.param("Au total, « nous avons reçu trois cents dossiers depuis lundi », a précisé le maire Paul Vidal.",
                 "nous avons reçu trois cents dossiers depuis lundi", "direct", id="leading-connective-stays-direct"),
    pytest.param("Le parti a déposé le nom « Union Populaire Bretonne » auprès de l'Institut de la propriété "
                 "industrielle, a indiqué son président.",
                 "Le parti a déposé le nom « Union Populaire Bretonne » auprès de l'Institut de la propriété industrielle",
                 "indirect", id="quoted-name-is-no-quoted-speech"),
])
def test_quote_type(nlp, text, quote, kind):
    found = find(quotes_of(nlp, text), quote)
    assert found is not None, [q.text for q in quotes_of(nlp, text)]
    assert found.type == kind


def test_heading_line_is_not_a_quote(nlp):
    text = ("Le conseil municipal a voté le budget lundi soir après un long débat.\n"
            "\"Pas de répit pour les soignants\"\n"
            "Les élus ont adopté le texte à une large majorité, a indiqué la mairie.")
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["Les élus ont adopté le texte à une large majorité"]


def test_unbalanced_mark_is_bounded_by_its_paragraph(nlp):
    text = ("Le maire a lancé « nous verrons bien ce que diront les électeurs lors du prochain scrutin.\n"
            "Le lendemain, la mairie a annoncé un nouveau plan de circulation pour le centre-ville.")
    quotes = quotes_of(nlp, text)
    assert all("\n" not in q.text for q in quotes)
    assert find(quotes, "un nouveau plan de circulation pour le centre-ville") is not None


def test_addressee_medium_and_reporting_source(nlp):
    text = ("Vladimir Poutine a déclaré à Kim que la coopération militaire serait renforcée, selon KCNA. "
            "« Nous ne céderons pas », a écrit le député Jean Roux sur Twitter.")
    quotes = quotes_of(nlp, text)
    first = find(quotes, "la coopération militaire serait renforcée")
    assert first is not None and first.addressee == "Kim" and first.reported_by == "KCNA"
    second = find(quotes, "Nous ne céderons pas")
    assert second is not None and second.medium == "sur Twitter"


def test_speaker_links_to_entity(nlp):
    doc = nlp("« Le pays doit se réformer en profondeur », a déclaré le sénateur Bruno Retailleau.")
    quote = doc._.newsgraph_quotes[0]
    entity_ids = {entity.id for entity in doc._.newsgraph_entities}
    assert quote.speaker.entity in entity_ids
    assert quote.speaker.kind == "person"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Le rapport indique que le nombre de logements vacants a doublé en dix ans.", "Le rapport"),
    ("Les analystes estiment que la croissance ralentira au second semestre.", "Les analystes"),
])
def test_documents_and_people_still_speak(nlp, text, speaker):
    [quote] = quotes_of(nlp, text)
    assert quote.speaker.name == speaker


@pytest.mark.parametrize("text", [
    "L'avocat de Marc Dubreuil a estimé que le procès ne serait pas équitable.",
    "La fille de Jeanne Roussel a affirmé que sa mère n'avait jamais reçu la lettre.",
])
def test_description_of_someone_is_not_that_person(nlp, text):
    """'l'avocat de X' speaks for X but is not X: the name in the description's 'de' complement is not the speaker."""
    [quote] = quotes_of(nlp, text)
    assert quote.speaker is not None and quote.speaker.name.lower() == text[: quote.speaker.end].lower()


@pytest.mark.parametrize(("text", "quote", "cue"), [
    pytest.param("Le gouvernement serait alors sous la menace d'une motion de censure, avance-t-il.",
                 "Le gouvernement serait alors sous la menace d'une motion de censure", "avance", id="avancer"),
    pytest.param("Les usines ont été fermées pendant trois semaines, fait remarquer le syndicat.",
                 "Les usines ont été fermées pendant trois semaines", "fait remarquer", id="faire-remarquer"),
    pytest.param("Nous avons dormi trois nuits dans la voiture, se souvient la jeune infirmière.",
                 "Nous avons dormi trois nuits dans la voiture", "se souvient", id="se-souvenir"),
])
def test_incise_cues_of_the_lexicon(nlp, text, quote, cue):
    found = [(q.text, (q.cue or "").split("-t-")[0]) for q in extract_quotes(nlp(text))]
    assert found == [(quote, cue.split("-t-")[0])]


@pytest.mark.parametrize(("text", "outer", "inner"), [
    pytest.param("« Le gardien m'a dit qu'il avait vu le camion partir vers minuit », raconte une habitante.",
                 "Le gardien m'a dit qu'il avait vu le camion partir vers minuit",
                 "il avait vu le camion partir vers minuit", id="que-clause"),
    pytest.param("« J'ai appelé la mairie et on m'a répondu que la salle restait fermée », explique le gérant Paul Morin.",
                 "J'ai appelé la mairie et on m'a répondu que la salle restait fermée",
                 "la salle restait fermée", id="que-clause-after-coordination"),
    pytest.param("« J'ai demandé au chauffeur de ralentir et il m'a répondu : occupe-toi de la route », raconte une "
                 "passagère.", "J'ai demandé au chauffeur de ralentir et il m'a répondu : occupe-toi de la route",
                 "occupe-toi de la route", id="colon"),
])
def test_speech_reported_inside_a_quotation_is_a_quote_of_its_own(nlp, text, outer, inner):
    """'« Le gardien m'a dit qu'il avait vu ... », raconte X': the quotation is X's quote, and the speech it reports
    ('il avait vu ...') is a quote of its own, nested in it."""
    found = [q.text for q in quotes_of(nlp, text)]
    assert outer in found and inner in found, found


@pytest.mark.parametrize("text", [
    pytest.param("« Je pense que la ville doit rouvrir la piscine cet été », estime la conseillère Anne Petit.",
                 id="own-opinion"),
    pytest.param("« Je lui ai dit que le chantier prendrait du retard », raconte l'architecte Marc Lenoir.",
                 id="own-words-to-another"),
])
def test_speakers_own_words_inside_a_quotation_are_not_nested(nlp, text):
    """'« Je pense que ... »', '« Je lui ai dit que ... »': the quoted speaker's own words, one quote."""
    assert len(quotes_of(nlp, text)) == 1, [q.text for q in quotes_of(nlp, text)]
