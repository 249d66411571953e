"""A knowledge base of a few hundred generated articles, for the explorer's pagers, graph and charts.

The articles are short French texts made from sentence patterns written for these tests
(actors, event phrases of every mode, quotes); their analysis is known while the text is
built, so no model runs: `build_synthetic_db` writes them through the real store ingest in
about a second. Months without articles (April and May 2023) are left out on purpose, so
that charts have gaps to show.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsgraph.records import Actor, Analysis, Article, Entity, Event, Mention, Quote, Speaker

# id -> name, type, country
ACTORS: dict[str, tuple[str, str, str | None]] = {
    "per:anna-verdier": ("Anna Verdier", "PER", "FRA"),
    "per:boris-kalinine": ("Boris Kalinine", "PER", "RUS"),
    "per:chen-wei": ("Chen Wei", "PER", "CHN"),
    "per:dora-haddad": ("Dora Haddad", "PER", "LBN"),
    "per:emil-novak": ("Emil Novak", "PER", "CZE"),
    "per:farid-benali": ("Farid Benali", "PER", "DZA"),
    "per:greta-holm": ("Greta Holm", "PER", "SWE"),
    "per:hugo-lambert": ("Hugo Lambert", "PER", "FRA"),
    "per:irina-sokol": ("Irina Sokol", "PER", "UKR"),
    "per:jonas-weber": ("Jonas Weber", "PER", "DEU"),
    "per:karim-saidi": ("Karim Saïdi", "PER", "MAR"),
    "per:lena-moreau": ("Léna Moreau", "PER", "FRA"),
    "per:marco-rossi": ("Marco Rossi", "PER", "ITA"),
    "per:nadia-petrova": ("Nadia Petrova", "PER", "BGR"),
    "per:oscar-lindqvist": ("Oscar Lindqvist", "PER", "SWE"),
    "per:paula-mendes": ("Paula Mendes", "PER", "PRT"),
    "org:conseil-du-fleuve": ("Conseil du fleuve", "ORG", None),
    "org:syndicat-des-marins": ("Syndicat des marins", "ORG", "FRA"),
    "org:union-des-ports": ("Union des ports", "ORG", "FRA"),
    "org:ligue-des-villes": ("Ligue des villes", "ORG", None),
    "gpe:valdoria:vld": ("Valdoria", "GPE", "VLD"),
    "gpe:ostrenie:ost": ("Ostrénie", "GPE", "OST"),
    "gpe:france:fra": ("France", "GPE", "FRA"),
    "gpe:allemagne:deu": ("Allemagne", "GPE", "DEU"),
    "gpe:italie:ita": ("Italie", "GPE", "ITA"),
}
# (words between source and target, PLOVER type, mode, trigger, reported by)
EVENT_PATTERNS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("a rencontré", "CONSULT", "asserted", "rencontré", None),
    ("a reçu", "CONSULT", "asserted", "reçu", None),
    ("a accusé", "ACCUSE", "asserted", "accusé", None),
    ("a promis une aide à", "AID", "future", "aide", None),
    ("a menacé", "THREATEN", "asserted", "menacé", None),
    ("n'a pas attaqué", "ASSAULT", "negated", "attaqué", None),
    ("aurait bombardé", "ASSAULT", "hypothetical", "bombardé", "Radio Nord"),
    ("a sanctionné", "SANCTION", "asserted", "sanctionné", None),
    ("a soutenu", "SUPPORT", "asserted", "soutenu", None),
    ("a signé un accord avec", "AGREE", "asserted", "accord", None),
    ("a demandé des excuses à", "REQUEST", "asserted", "demandé", None),
    ("dément avoir menacé", "THREATEN", "denied", "menacé", "l'agence Ouest"),
)
SAYINGS = ("Nous ne céderons rien", "Le dialogue reste ouvert", "Les ports doivent rouvrir", "Il faut du temps",
           "Cette décision est injuste", "Nous tiendrons parole")
MONTHS = ("2023-01", "2023-02", "2023-03", "2023-06", "2023-07", "2023-08", "2023-09")
OUTLETS = ("journal-est.fr", "gazette-sud.fr", "quotidien-ouest.fr", "lemonde-test.fr")


@dataclass
class _Text:
    """An article's text built piece by piece, with the offsets of what the pieces name."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def actor(self, entity_id: str) -> Mention:
        start, end = self.add(ACTORS[entity_id][0])
        mention = Mention(ACTORS[entity_id][0], start, end)
        self.mentions.setdefault(entity_id, []).append(mention)
        return mention


def _actor(entity_id: str) -> Actor:
    name, _, country = ACTORS[entity_id]
    return Actor(name, entity=entity_id, country=country)


def _event(text: _Text, rng: random.Random, ids: list[str]) -> Event:
    source, target = rng.sample(ids, 2)
    words, event_type, mode, trigger, reported_by = rng.choice(EVENT_PATTERNS)
    start = text.length
    text.actor(source)
    text.add(f" {words} ")
    text.actor(target)
    if reported_by:
        text.add(f", selon {reported_by}")
    end = text.add(".")[1]
    sentence = "".join(text.parts)[start:end]
    return Event(event_type, mode, _actor(source), _actor(target), sentence, start, end, trigger=trigger,
                 reported_by=reported_by)


def _quote(text: _Text, rng: random.Random, people: list[str]) -> Quote:
    speaker = rng.choice(people)
    text.add("« ")
    start, end = text.add(rng.choice(SAYINGS))
    text.add(" », a déclaré ")
    mention = text.actor(speaker)
    text.add(".")
    said = Speaker(ACTORS[speaker][0], mention.text, speaker, "person" if speaker.startswith("per:") else "organization",
                   mention.start, mention.end)
    return Quote("".join(text.parts)[start:end], start, end, "direct", cue="a déclaré", speaker=said)


def synthetic_analysis(number: int) -> tuple[Article, Analysis]:
    """Article `number` of the synthetic corpus and its analysis (the same for the same number)."""
    rng = random.Random(number)
    ids = sorted(ACTORS)
    speakers = [entity_id for entity_id in ids if not entity_id.startswith("gpe:")]
    text, events, quotes = _Text(), [], []
    for _ in range(rng.randint(1, 3)):
        events.append(_event(text, rng, ids))
        text.add(" ")
    for _ in range(rng.randint(1, 2)):
        quotes.append(_quote(text, rng, speakers))
        text.add("\n")
    body = "".join(text.parts).rstrip()
    month = MONTHS[number % len(MONTHS)]
    day = f"{month}-{1 + number % 28:02d}"
    outlet = OUTLETS[number % len(OUTLETS)]
    article = Article(f"syn-{number:04d}", body, url=f"https://www.{outlet}/{day}/article-{number}",
                      title=f"Dépêche {number} : {events[0].text[:60]}", date=day)
    entities = tuple(
        Entity(entity_id, ACTORS[entity_id][0], ACTORS[entity_id][1], ACTORS[entity_id][2], mentions=tuple(found))
        for entity_id, found in sorted(text.mentions.items())
    )
    analysis = Analysis(article.id, body, article.url, article.title, article.date, "fr", entities, tuple(quotes),
                        tuple(events))
    return article, analysis


def synthetic_articles(count: int) -> list[Article]:
    """The first `count` articles of the synthetic corpus."""
    return [synthetic_analysis(number)[0] for number in range(count)]


def known_analysis(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Analyzer for the store: the analysis each synthetic article was built with."""
    for article in articles:
        yield synthetic_analysis(int(article.id.removeprefix("syn-")))[1]


def build_synthetic_db(path: Path, count: int) -> Path:
    """A knowledge base of `count` synthetic articles, written by the store's ingest."""
    from newsgraph.store import ingest

    ingest(synthetic_articles(count), path, analyzer=known_analysis, batch_size=100)
    return path


SYNTHETIC_ARTICLES = 320


@pytest.fixture(scope="session")
def big_kb_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of 320 synthetic articles (built once per session)."""
    return build_synthetic_db(tmp_path_factory.mktemp("big-kb") / "big.duckdb", SYNTHETIC_ARTICLES)
