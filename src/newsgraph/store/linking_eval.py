"""Pairwise precision and recall of actor linking on the gold people: `python -m newsgraph.store.linking_eval GOLD`.

GOLD is the gold folder (its `dev/` and `train/` subfolders are read) or one split folder. Each gold person
of an article (`<id>.gold.json`, `people`) becomes one PER entity of a hand-made analysis: named by the
fullest of its mention forms as written in the text (titles such as 'M.' dropped), with its mentions and the
gold role, and no country (the gold has none). The articles go through the real store (`newsgraph ingest`
with these analyses, in publication order, `--batch-size` articles per transaction), and the store's
`actor_links` are read back.

Same human, by the gold's own names: two (article, person) items name the same human when their gold
`name`s (the annotator's fullest form, which need not be written in the text) are one full name up to
accents, case and transliteration (the words' `transliteration_key`s are equal). A person whose gold name
is a single word ('Macron', 'Loïc') cannot be identified from the gold alone: it is linked like the others
but left out of the pairs. Pairs are of items in two different articles. Precision: the pairs the store
put in one actor that are the same human; recall: the same-human pairs it put in one actor. The baseline is
the store before linking: one actor per `Entity.id`, the slug of the name given.

With `--shortest`, each person is named by its shortest written form instead ('Macron' for an article
writing 'Emmanuel Macron' and 'M. Macron'): a stress test of the surname rules, as if every article named
its people the short way after a first full mention that the analysis missed.

With `--system`, the entities are those the real analysis finds in the gold texts: each gold person is
matched to the PER entity of its article sharing most name forms with it (titles dropped); a gold person
the analysis missed counts as an actor of its own, so missed people lower recall.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from ..entities.lexicon import titles
from ..entities.names import transliteration_key
from ..entities.rules import entity_id
from ..records import Analysis, Article, Entity, Mention
from .connection import connect
from .ingesting import ingest
from .linking import is_full_name, person_words


@dataclass(frozen=True)
class GoldPerson:
    """One gold person of one article."""

    article_id: str
    name: str
    forms: tuple[str, ...]
    role: str | None


def strip_titles(form: str) -> str:
    """A mention form without its leading civility titles ('M. Macron' -> 'Macron')."""
    words = form.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in {t.rstrip(".") for t in titles()}:
        words = words[1:]
    return " ".join(words)


def written_name(person: GoldPerson, *, shortest: bool = False) -> str:
    """The fullest form the article writes (most name words, then longest), or with `shortest` the one with
    the fewest name words (then shortest): the name as an article that uses only that form would give it."""
    forms = [strip_titles(form) for form in person.forms] or [person.name]
    if shortest:
        return min(forms, key=lambda form: (len(person_words(form)), len(form), form))
    return max(forms, key=lambda form: (len(person_words(form)), len(form), form))


def identity(name: str) -> tuple[str, ...] | None:
    """Who a gold name is: its words' transliteration keys; None for a single-word name."""
    words = person_words(name)
    if not is_full_name(words):
        return None
    return tuple(transliteration_key(word) for word in words)


def gold_articles(folder: Path) -> Iterator[tuple[Article, list[GoldPerson]]]:
    """Each annotated article of `folder` (or of its dev/ and train/ subfolders) with its gold people."""
    splits = [folder / "dev", folder / "train"] if (folder / "dev").is_dir() else [folder]
    for split in splits:
        for gold_path in sorted(split.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            source = json.loads(gold_path.with_name(gold_path.name.replace(".gold.json", ".json")).read_text("utf-8"))
            article = Article(id=gold["id"], text=source["text"], url=source.get("url"), date=source.get("date"))
            people = [GoldPerson(gold["id"], p["name"], tuple(p.get("mentions") or ()), p.get("role"))
                      for p in gold.get("people", [])]
            yield article, people


def analysis_of(
    article: Article, people: Sequence[GoldPerson], *, shortest: bool = False
) -> tuple[Analysis, list[str]]:
    """The analysis that names exactly the gold people, and the entity id given to each."""
    entities: dict[str, Entity] = {}
    ids = []
    for person in people:
        name = written_name(person, shortest=shortest)
        entity = entity_id(name, "PER")
        spans = tuple(Mention(form, at, at + len(form)) for form in person.forms
                      if (at := article.text.find(form)) >= 0)
        if entity in entities:  # two gold people with one written name: one entity, as the system would
            spans = entities[entity].mentions + spans
        entities[entity] = Entity(entity, name, "PER", None, person.role, spans)
        ids.append(entity)
    analysis = Analysis(id=article.id, text=article.text, url=article.url, title=None, date=article.date,
                        language="fr", entities=tuple(entities.values()))
    return analysis, ids


def pairwise(items: Sequence[tuple[str, tuple[str, ...], str]]) -> tuple[int, int, int]:
    """(true positives, predicted pairs, true pairs) over (article, identity, cluster) items, across articles."""
    def pairs(key_of: object) -> int:
        groups = Counter(key_of(item) for item in items)  # type: ignore[operator]
        within = Counter((key_of(item), item[0]) for item in items)  # type: ignore[operator]
        return sum(n * (n - 1) // 2 for n in groups.values()) - sum(n * (n - 1) // 2 for n in within.values())

    both = pairs(lambda item: (item[1], item[2]))
    return both, pairs(lambda item: item[2]), pairs(lambda item: item[1])


def evaluate(
    folder: Path, *, batch_size: int = 64, shortest: bool = False, system: bool = False, cache: Path | None = None
) -> dict[str, object]:
    """Link the gold people (or, with `system`, the people the analysis finds) through the store; the pairwise
    figures of the store and of the baseline."""
    loaded = sorted(gold_articles(folder), key=lambda pair: (pair[0].date or "9999", pair[0].id))
    if system:
        analyses = system_analyses([article for article, _ in loaded], cache=cache)
        entity_of = {key: value for article, people in loaded
                     for key, value in matched_entities(analyses[article.id], people).items()}
    else:
        analyses, entity_of = {}, {}
        for article, people in loaded:
            analysis, ids = analysis_of(article, people, shortest=shortest)
            analyses[article.id] = analysis
            entity_of.update({(article.id, index): entity for index, entity in enumerate(ids)})
    links = _store_links([article for article, _ in loaded], analyses, batch_size=batch_size)
    linked, baseline, left_out = [], [], 0
    for article, people in loaded:
        for index, person in enumerate(people):
            who = identity(person.name)
            if who is None:
                left_out += 1
                continue
            entity = entity_of.get((article.id, index))
            if entity is None:  # the analysis did not find this person: an actor of its own
                entity = f"unfound:{article.id}:{index}"
            linked.append((article.id, who, links.get((article.id, entity), entity)))
            baseline.append((article.id, who, entity))
    people_count = sum(len(people) for _, people in loaded)
    return {"articles": len(loaded), "people": people_count, "left_out_single_word": left_out,
            "found_by_the_analysis": len(entity_of) if system else None,
            "linked": _figures(*pairwise(linked)), "baseline_entity_id": _figures(*pairwise(baseline)),
            "false_merges": _examples(linked, merges=True), "misses": _examples(linked, merges=False)}


def _store_links(articles: list[Article], analyses: dict[str, Analysis], *, batch_size: int) -> dict[tuple[str, str], str]:
    # ingest the analyses into a scratch database, in the given order; (article, entity) -> actor
    def analyzer(batch: Iterable[Article]) -> Iterator[Analysis]:
        return (analyses[article.id] for article in batch)

    with TemporaryDirectory(prefix="kblink-eval-") as scratch, connect(Path(scratch) / "gold.duckdb") as con:
        ingest(articles, con, analyzer=analyzer, batch_size=batch_size)
        found = con.execute("SELECT article_id, entity_id, actor_id FROM actor_links").fetchall()
    return {(article, entity): actor for article, entity, actor in found}


def system_analyses(articles: list[Article], *, cache: Path | None) -> dict[str, Analysis]:
    """The real analysis of the articles (read from / written to the JSONL `cache` when given)."""
    if cache is not None and cache.exists():
        records = [Analysis.from_dict(json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
        found = {record.id: record for record in records}
        if set(found) >= {article.id for article in articles}:
            return found
    from ..analyze import analyze, default_pipeline

    found = {record.id: record for record in analyze(articles, nlp=default_pipeline())}
    if cache is not None:
        cache.write_text("".join(json.dumps(record.to_dict(), ensure_ascii=False) + "\n" for record in found.values()),
                         encoding="utf-8")
    return found


def _forms(texts: Iterable[str]) -> set[str]:
    return {" ".join(person_words(strip_titles(text))) for text in texts if person_words(strip_titles(text))}


def matched_entities(analysis: Analysis, people: Sequence[GoldPerson]) -> dict[tuple[str, int], str]:
    """(article, gold person index) -> the analysis's PER entity sharing most name forms with it, if any."""
    persons = [entity for entity in analysis.entities if entity.type == "PER"]
    found = {}
    for index, person in enumerate(people):
        gold_forms = _forms([*person.forms, person.name])
        scored = [(len(gold_forms & _forms([entity.name, *(m.text for m in entity.mentions)])), len(entity.mentions),
                   entity.id) for entity in persons]
        best = max(scored, default=(0, 0, ""))
        if best[0] > 0:
            found[(analysis.id, index)] = best[2]
    return found


def _figures(both: int, predicted: int, true: int) -> dict[str, float | int]:
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "pairs_predicted": predicted, "pairs_true": true, "pairs_correct": both}


def _examples(items: list[tuple[str, tuple[str, ...], str]], *, merges: bool, limit: int = 15) -> list[str]:
    # actors holding two identities (merges), or identities spread over two actors (misses)
    by_group: dict[object, set[object]] = {}
    for _, who, actor in items:
        key, other = (actor, who) if merges else (who, actor)
        by_group.setdefault(key, set()).add(other)
    found = [f"{key}: {sorted(map(str, values))}" for key, values in sorted(by_group.items(), key=str) if len(values) > 1]
    return found[:limit]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the gold folder (with dev/ and train/) or one split folder")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per ingest transaction (default 64)")
    parser.add_argument("--shortest", action="store_true",
                        help="name each person by its shortest written form ('M. Macron'), not its fullest")
    parser.add_argument("--system", action="store_true",
                        help="link the people the analysis finds (matched to gold people by name forms)")
    parser.add_argument("--cache", type=Path, help="JSONL file keeping the analyses of --system between runs")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        parser.error(f"{args.gold}: no such folder")
    json.dump(evaluate(args.gold, batch_size=args.batch_size, shortest=args.shortest, system=args.system,
                             cache=args.cache), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
