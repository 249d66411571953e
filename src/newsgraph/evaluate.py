"""Evaluate: analyze a gold folder and score the records as the project's official scorer does.

A gold folder holds, per article, `<id>.json` (id, url, title, date, text), `<id>.gold.json`
(quotes and people, see the gold GUIDELINES) and optionally `<id>.events.json` (events, see EVENTS).
The figures are those of the official scorer, computed here by our own code:

- Quotes: a predicted quote matches a gold quote when it covers at least 30 % (and, separately,
  80 %) of the gold quote's characters, located in the normalized article text (or, when a string
  cannot be located, by the common blocks of 5+ characters). Matching is one-to-one, best coverage
  first. Doubtful gold quotes are optional: neither hits nor misses, and a prediction matching one
  (at 30 %) is not a false alarm. Type accuracy and speaker accuracy are over the 30 % matches.
- Speakers: a person speaker is right when the predicted name's tokens equal one of the gold
  person's forms, or contain the gold surname; another speaker when it shares half its words.
- People: a predicted PER entity is a hit when its name's tokens equal the gold person's name's.
- Events (articles with events gold only): same type and the predicted `text` lies >= 50 % inside
  the gold sentence ("located"); "with actors" also needs source and target to agree (same country
  code when both have one, else a shared name word; a null gold target accepts anything). Mode
  accuracy is over the matches with actors.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO, Any

from spacy.language import Language

from .records import Article

log = logging.getLogger(__name__)

QUOTE_TYPES = ("direct", "indirect", "mixed")
PERSON_TYPES = ("PER", "PERSON")
COVERAGE_LOOSE = 0.3
COVERAGE_STRICT = 0.8
EVENT_LOCATED = 0.5
MIN_BLOCK = 5  # common blocks shorter than this are chance, not shared wording
DEFAULT_MODE = "asserted"
# honorifics and articles: they never tell two names apart
NAME_FILLERS = frozenset({"m", "mme", "mlle", "dr", "pr", "me", "mgr", "le", "la", "les", "l", "du", "de", "des", "d"})
GOLD_SUFFIXES = (".gold.json", ".events.json")
# The fixed validate part: the articles whose id hashes into one fifth. Nothing is trained on them
# and no rule is written from them; `fit` is every other article (what training may read).
PARTS = ("all", "fit", "validate")
VALIDATE_FOLDS = 5

_QUOTE_MARKS = re.compile(r"[«»“”\"„]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")

Item = Mapping[str, Any]


# -- text normalization ---------------------------------------------------------------------------

def normalize(text: str | None) -> str:
    """NFKC, straight apostrophes, quotation marks as spaces, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", _QUOTE_MARKS.sub(" ", text)).strip().lower()


def fold_accents(text: str | None) -> str:
    """`normalize` then strip accents: 'Sergueï' -> 'serguei'."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_tokens(text: str | None) -> list[str]:
    """The words of a name, accent-folded, without honorifics and articles."""
    return [word for word in _NON_WORD.split(fold_accents(text)) if word and word not in NAME_FILLERS]


def part_of(article_id: str) -> str:
    """'validate' for the fifth of article ids that hash there (sha1, stable), else 'fit'."""
    digest = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16)
    return "validate" if digest % VALIDATE_FOLDS == 0 else "fit"


def in_part(article_id: str, part: str) -> bool:
    """Whether an article belongs to `part` ('all', 'fit' or 'validate')."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {', '.join(PARTS)}")
    return part == "all" or part_of(article_id) == part


def link_part(gold_dir: str | Path, part: str, target: str | Path) -> int:
    """Symlink every gold file of `part` into the new folder `target` (for the official scorer); the article count."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=False)
    count = 0
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        article_id = path.name[: -len(".gold.json")]
        if not in_part(article_id, part):
            continue
        count += 1
        for suffix in (".json", *GOLD_SUFFIXES):
            source = path.with_name(article_id + suffix)
            if source.exists():
                (target / source.name).symlink_to(source.resolve())
    return count


# -- comparing spans ------------------------------------------------------------------------------

def _overlap_in_article(gold: str, predicted: str, article: str) -> int | None:
    """Largest overlap of gold's first occurrence with any occurrence of `predicted`; None if absent."""
    gold_at, predicted_at = article.find(gold), article.find(predicted)
    if gold_at < 0 or predicted_at < 0:
        return None
    best = 0
    while predicted_at >= 0:
        overlap = min(gold_at + len(gold), predicted_at + len(predicted)) - max(gold_at, predicted_at)
        best = max(best, overlap)
        predicted_at = article.find(predicted, predicted_at + 1)
    return best


def _shared_chars(measured: str, other: str) -> int:
    """Characters of `measured` found in `other` as common blocks of MIN_BLOCK or more."""
    blocks = SequenceMatcher(None, measured, other, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= MIN_BLOCK)


def coverage(gold_quote: str, predicted: str, article: str) -> float:
    """Share of the gold quote's characters covered by the predicted one (normalized article)."""
    gold, pred = normalize(gold_quote), normalize(predicted)
    if not gold or not pred:
        return 0.0
    overlap = _overlap_in_article(gold, pred, article)
    if overlap is None:
        overlap = _shared_chars(gold, pred)
    return overlap / len(gold)


def located(predicted: str, gold_sentence: str, article: str) -> float:
    """Share of the predicted event text that lies inside the gold sentence (normalized article)."""
    pred, gold = normalize(predicted), normalize(gold_sentence)
    if not pred or not gold:
        return 0.0
    overlap = _overlap_in_article(gold, pred, article)
    if overlap is None:
        overlap = len(pred) if pred in gold else _shared_chars(pred, gold)
    return overlap / len(pred)


def one_to_one(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold, predicted) pairs from (score, gold, predicted), best score first."""
    # ties go to the higher gold index, then the higher predicted index (the official order)
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    pairs = []
    for _, gold, predicted in sorted(candidates, reverse=True):
        if gold not in taken_gold and predicted not in taken_predicted:
            taken_gold.add(gold)
            taken_predicted.add(predicted)
            pairs.append((gold, predicted))
    return pairs


def match_quotes(gold: Sequence[Item], predicted: Sequence[Item], article: str, *, threshold: float) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of quotes whose coverage reaches `threshold`."""
    candidates = []
    for gold_index, gold_quote in enumerate(gold):
        for predicted_index, predicted_quote in enumerate(predicted):
            share = coverage(gold_quote["quote"], predicted_quote.get("text") or "", article)
            if share >= threshold:
                candidates.append((share, gold_index, predicted_index))
    return one_to_one(candidates)


def match_events(
    gold: Sequence[Item], predicted: Sequence[Item], article: str, *, with_actors: bool
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of events of the same type, located in the gold sentence."""
    candidates = []
    for gold_index, gold_event in enumerate(gold):
        for predicted_index, event in enumerate(predicted):
            if event.get("type") != gold_event.get("type"):
                continue
            share = located(event.get("text") or "", gold_event.get("sentence") or "", article)
            if share < EVENT_LOCATED:
                continue
            if with_actors and not same_actors(gold_event, event):
                continue
            candidates.append((share, gold_index, predicted_index))
    return one_to_one(candidates)


# -- comparing actors -----------------------------------------------------------------------------

def same_speaker(gold_quote: Item, predicted_name: str | None, people: Sequence[Item]) -> bool | None:
    """Whether the predicted speaker names the gold one; None when the gold quote has no speaker."""
    gold_name = gold_quote.get("speaker")
    if not gold_name:
        return None
    if not predicted_name:
        return False
    predicted = name_tokens(predicted_name)
    if gold_quote.get("speaker_kind") == "person":
        person = next((p for p in people if normalize(p["name"]) == normalize(gold_name)), None)
        forms = [gold_name, *(person["mentions"] if person else [])]
        if any(name_tokens(form) and name_tokens(form) == predicted for form in forms):
            return True
        surname = name_tokens(gold_name)[-1:]
        return bool(surname) and surname[0] in predicted
    gold_words = set(name_tokens(gold_name))
    return bool(gold_words) and len(gold_words & set(predicted)) >= max(1, len(gold_words) / 2)


def same_actor(gold: Item | None, predicted: Item | None) -> bool:
    """Same country code when both give one, else a shared name word; no gold actor accepts any."""
    if not gold:
        return True
    predicted = predicted or {}
    if gold.get("country") and predicted.get("country"):
        return gold["country"] == predicted["country"]
    return bool(set(name_tokens(gold.get("name"))) & set(name_tokens(predicted.get("name"))))


def same_actors(gold_event: Item, event: Item) -> bool:
    """Source and target both agree."""
    return same_actor(gold_event.get("source"), event.get("source")) and same_actor(
        gold_event.get("target"), event.get("target")
    )


def people_hits(gold_people: Sequence[Item], predicted_people: Sequence[Item]) -> int:
    """Gold people found, each by a distinct predicted person whose name has the same words."""
    used: set[int] = set()
    for person in gold_people:
        wanted = name_tokens(person["name"])
        for index, entity in enumerate(predicted_people):
            if wanted and index not in used and name_tokens(entity.get("name", "")) == wanted:
                used.add(index)
                break
    return len(used)


# -- scoring a folder -----------------------------------------------------------------------------

@dataclass
class Counts:
    """Running totals over the articles of a gold folder."""

    articles: int = 0
    missing_articles: int = 0
    gold_quotes: int = 0
    pred_quotes: int = 0
    hits_loose: int = 0
    hits_strict: int = 0
    type_ok: int = 0
    speakers: int = 0
    speakers_ok: int = 0
    found_by_type: dict[str, int] = field(default_factory=dict)
    gold_by_type: dict[str, int] = field(default_factory=dict)
    gold_people: int = 0
    pred_people: int = 0
    people_hits: int = 0
    event_articles: int = 0
    gold_events: int = 0
    pred_events: int = 0
    events_located: int = 0
    events_with_actors: int = 0
    modes_ok: int = 0


def _count_quotes(counts: Counts, gold: Item, prediction: Item, article: str) -> None:
    gold_quotes = list(gold.get("quotes") or [])
    predicted = list(prediction.get("quotes") or [])
    optional = {i for i, quote in enumerate(gold_quotes) if quote.get("doubtful")}
    loose = match_quotes(gold_quotes, predicted, article, threshold=COVERAGE_LOOSE)
    strict = match_quotes(gold_quotes, predicted, article, threshold=COVERAGE_STRICT)
    counts.gold_quotes += len(gold_quotes) - len(optional)
    counts.pred_quotes += len(predicted) - sum(1 for g, _ in loose if g in optional)
    loose = [(g, p) for g, p in loose if g not in optional]
    counts.hits_loose += len(loose)
    counts.hits_strict += sum(1 for g, _ in strict if g not in optional)
    for index, quote in enumerate(gold_quotes):
        if index not in optional:
            counts.gold_by_type[quote["type"]] = counts.gold_by_type.get(quote["type"], 0) + 1
    for g, p in loose:
        gold_quote, quote = gold_quotes[g], predicted[p]
        counts.found_by_type[gold_quote["type"]] = counts.found_by_type.get(gold_quote["type"], 0) + 1
        counts.type_ok += gold_quote["type"] == quote.get("type")
        right = same_speaker(gold_quote, (quote.get("speaker") or {}).get("name"), gold.get("people", []))
        if right is not None:
            counts.speakers += 1
            counts.speakers_ok += right


def _count_events(counts: Counts, gold_events: Sequence[Item], prediction: Item, article: str) -> None:
    predicted = list(prediction.get("events") or [])
    optional = {i for i, event in enumerate(gold_events) if event.get("doubtful")}
    located_pairs = match_events(gold_events, predicted, article, with_actors=False)
    actor_pairs = [(g, p) for g, p in match_events(gold_events, predicted, article, with_actors=True) if g not in optional]
    counts.event_articles += 1
    counts.gold_events += len(gold_events) - len(optional)
    counts.pred_events += len(predicted) - sum(1 for g, _ in located_pairs if g in optional)
    counts.events_located += sum(1 for g, _ in located_pairs if g not in optional)
    counts.events_with_actors += len(actor_pairs)
    counts.modes_ok += sum(
        1 for g, p in actor_pairs if (predicted[p].get("mode") or DEFAULT_MODE) == gold_events[g].get("mode", DEFAULT_MODE)
    )


def _count_people(counts: Counts, gold: Item, prediction: Item) -> None:
    gold_people = gold.get("people", [])
    predicted = [e for e in prediction.get("entities") or [] if e.get("type") in PERSON_TYPES]
    counts.gold_people += len(gold_people)
    counts.pred_people += len(predicted)
    counts.people_hits += people_hits(gold_people, predicted)


def score(gold_dir: str | Path, system: Mapping[str, Item], *, part: str = "all") -> dict[str, Any]:
    """Score system records (by article id) against every `<id>.gold.json` of `gold_dir` in `part`."""
    counts = Counts()
    for gold_path in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = _read_json(gold_path)
        if not in_part(gold["id"], part):
            continue
        article = normalize(_read_json(gold_path.with_name(f"{gold['id']}.json"))["text"])
        prediction = system.get(gold["id"])
        if prediction is None:
            counts.missing_articles += 1
            prediction = {}
        counts.articles += 1
        _count_quotes(counts, gold, prediction, article)
        events_path = gold_path.with_name(f"{gold['id']}.events.json")
        if events_path.exists():
            _count_events(counts, _read_json(events_path).get("events", []), prediction, article)
        _count_people(counts, gold, prediction)
    return figures(counts)


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _prf_figures(prefix: str, hits: int, predicted: int, gold: int, *, suffix: str = "") -> dict[str, float]:
    values = prf(hits, predicted, gold)
    return {f"{prefix}_{name}{suffix}": round(value, 4) for name, value in zip("prf", values)}


def figures(counts: Counts) -> dict[str, Any]:
    """The official figures, with the official names, from the running totals."""
    types = QUOTE_TYPES if counts.articles else ()
    return {
        "articles": counts.articles,
        "missing_articles": counts.missing_articles,
        "gold_quotes": counts.gold_quotes,
        "pred_quotes": counts.pred_quotes,
        **_prf_figures("quote", counts.hits_loose, counts.pred_quotes, counts.gold_quotes, suffix="30"),
        **_prf_figures("quote", counts.hits_strict, counts.pred_quotes, counts.gold_quotes, suffix="80"),
        "recall_by_type": {
            kind: round(counts.found_by_type.get(kind, 0) / counts.gold_by_type[kind], 4)
            if counts.gold_by_type.get(kind) else None
            for kind in types
        },
        "type_accuracy": _ratio(counts.type_ok, counts.hits_loose),
        "speaker_accuracy": _ratio(counts.speakers_ok, counts.speakers),
        **_prf_figures("people", counts.people_hits, counts.pred_people, counts.gold_people),
        "event_articles": counts.event_articles,
        "gold_events": counts.gold_events,
        "pred_events": counts.pred_events,
        **_prf_figures("event", counts.events_located, counts.pred_events, counts.gold_events),
        **_prf_figures("event_actor", counts.events_with_actors, counts.pred_events, counts.gold_events),
        "event_mode_accuracy": _ratio(counts.modes_ok, counts.events_with_actors),
    }


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def read_system(path: str | Path) -> dict[str, dict[str, Any]]:
    """System records from a JSONL file, by article id (a later line wins)."""
    system = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            system[str(record.get("id"))] = record
    return system


# -- running the analysis on a gold folder ---------------------------------------------------------

def gold_articles(gold_dir: str | Path, *, part: str = "all") -> Iterator[Article]:
    """Every `<id>.json` article of a gold folder in `part`, cleaned as any text input, keeping the gold id."""
    from .ingest import BadInput, article_from_text

    for path in sorted(Path(gold_dir).glob("*.json")):
        if path.name.endswith(GOLD_SUFFIXES):
            continue
        item = _read_json(path)
        if not in_part(str(item["id"]), part):
            continue
        meta = {key: item.get(key) for key in ("url", "title", "date")}
        try:
            yield article_from_text(item["text"], article_id=str(item["id"]), source=str(path), **meta)
        except BadInput as error:
            log.warning("%s: %s; scored as an empty prediction", path, error)


def evaluate(
    gold_dir: str | Path,
    *,
    output: IO[str] | None = None,
    nlp: Language | None = None,
    workers: int = 1,
    part: str = "all",
) -> dict[str, Any]:
    """Analyze the articles of `gold_dir` in `part`, write their records to `output` if given, and score them."""
    from .analyze import analyze

    if not Path(gold_dir).is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold_dir}")
    system = {}
    for record in analyze(gold_articles(gold_dir, part=part), nlp=nlp, workers=workers):
        item = record.to_dict()
        if output is not None:
            output.write(json.dumps(item, ensure_ascii=False) + "\n")
        system[record.id] = item
    return score(gold_dir, system, part=part)


# -- presenting the figures ------------------------------------------------------------------------

_PRF_ROWS = (
    ("quotes, 30 % coverage", "quote_{}30"),
    ("quotes, 80 % coverage", "quote_{}80"),
    ("people", "people_{}"),
    ("events (type + sentence)", "event_{}"),
    ("events with actors", "event_actor_{}"),
)
_ACCURACY_ROWS = (
    ("quote type accuracy", "type_accuracy"),
    ("speaker accuracy", "speaker_accuracy"),
    ("event mode accuracy", "event_mode_accuracy"),
)


def format_table(result: Mapping[str, Any]) -> str:
    """The figures as a Markdown table, ready for a terminal or the README."""
    lines = [
        f"{result['articles']} articles ({result['missing_articles']} without a record), "
        f"{result['gold_quotes']} gold / {result['pred_quotes']} predicted quotes, "
        f"{result['gold_events']} gold / {result['pred_events']} predicted events "
        f"({result['event_articles']} articles with events gold)",
        "",
        "| figure | P | R | F1 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, key in _PRF_ROWS:
        lines.append(f"| {label} | " + " | ".join(f"{result[key.format(m)]:.3f}" for m in "prf") + " |")
    lines += ["", "| figure | value |", "| --- | ---: |"]
    lines += [f"| {label} | {result[key]:.3f} |" for label, key in _ACCURACY_ROWS]
    for kind, recall in result["recall_by_type"].items():
        lines.append(f"| recall of {kind} quotes | {'-' if recall is None else f'{recall:.3f}'} |")
    return "\n".join(lines)
