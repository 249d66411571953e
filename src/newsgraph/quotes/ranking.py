"""The learned speaker choice: rank the actors a quote could be attributed to.

The rules (speakers.py) give one speaker per quote; this module lists the other actors the article offers
at that point (earlier speakers, persons named nearby, organizations, media, countries), describes each
with sparse features (its relation to the cue and to the speaker mention, distances in tokens, sentences
and paragraphs, whether it is a subject or spoke last, agreement with a pronoun, whether the rules chose
it) and lets a linear model shipped with the package pick the best. Training: `newsgraph.quotes.train`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang.profile import active_profile
from ..linear import SparseLinear, shipped
from ..nlp import doc_words
from ..people import name_tokens
from ..records import Speaker
from .layout import text_of
from .speakers import Mention, Resolver, same_role
from .vocabulary import fold

MODEL_FILE = "speakers.json"
SHIPPED = "shipped"  # extract_quotes(model=SHIPPED): the model in the package
MAX_PARAGRAPHS_BACK = 3
MAX_PARAGRAPHS_AHEAD = 1
RESOLVED_CONJOINED = ("complement_in_mention", "named_in_mention", "is_rule", "role_matches", "role_words_shared")
QUOTATION_MARKS = frozenset("«\"“")
OPENING_CONJOINED = ("is_last_speaker", "speaker_rank=0", "spoke_para_back=1", "para_back=0", "recency_rank=0")
MAX_INTRODUCTION = 400  # characters from a name to the colon that introduces a quote
MAX_MARKER_WORDS = 6  # at least the words of the longest marker (5: 'de l' aveu même de')
MAX_PARTICIPLE_REACH = 60  # tokens between a participle cue and the subject of its governing verb
ENTITY_KINDS = {"PER": "person", "ORG": "organization", "MEDIA": "media", "GPE": "country", "LOC": "country",
                "MISC": "organization"}


@dataclass
class Option:
    """One actor a quote may be attributed to, with what the text says about it."""

    speaker: Speaker
    source: str  # rule, history, person, described (a role noun subject), entity
    features: dict[str, float] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)  # where the text names it, before or near the cue
    subject: bool = False
    spoke_at: list[int] = field(default_factory=list)  # cue positions of its earlier quotes
    subject_at: list[int] = field(default_factory=list)  # where the text names it as a subject
    gender: str | None = None  # m, f as its earlier mentions gave it ('la sœur de X' spoke), when the registry has none
    written: str | None = None  # the name as the quote record would give it (rules.as_written; set for training)


@dataclass
class Context:
    """Where a quote's attribution is read."""

    position: int  # cue start, or quote start for a quote with no cue
    mention: Mention | None
    anchor_kind: str  # incise, preposed, source, follows, none
    quote_type: str
    last_speaker: Speaker | None

    @property
    def form(self) -> str:
        """How the quote names its speaker: name, description, pronoun, or none (no mention)."""
        return self.mention.form if self.mention is not None else "none"


class SpeakerModel(SparseLinear):
    """A linear scorer over sparse features: weights by feature name."""

    what = "a speaker model"
    command = "python -m newsgraph.quotes.train"

    @property
    def forms(self) -> frozenset[str]:
        """The speaker-mention forms the model decides (the rules keep the others)."""
        return frozenset(self.meta.get("forms", ("name", "description", "pronoun", "none")))

    @property
    def margin(self) -> float:
        """How much better than the rules' choice another option must score to replace it."""
        return float(self.meta.get("margin", 0.0))

    def score(self, features: Mapping[str, float]) -> float:
        """The option's score (higher is better)."""
        return self.linear(features)


@lru_cache(maxsize=1)
def shipped_model() -> SpeakerModel | None:
    """The model shipped in the package, None if it is absent (the rules then decide alone)."""
    return shipped(SpeakerModel, MODEL_FILE)


# --- options ----------------------------------------------------------------------------------


def options_for(resolver: Resolver, context: Context, rule: Speaker | None) -> list[Option]:
    """The rules' speaker and every other actor in reach of the quote, one option per actor."""
    found: dict[str, Option] = {}
    if rule is not None and rule.name:
        named = context.mention is not None and context.mention.form == "name"
        _add(found, rule, "rule", rule.start if named else None, subject=named)
    for candidate in resolver.history:
        if candidate.position < context.position and candidate.speaker.name:
            option = _add(found, candidate.speaker, "history", None)
            option.spoke_at.append(candidate.position)
            option.gender = option.gender or candidate.gender
    here = resolver._paragraph(context.position)
    for start, end, name, subject, paragraph in resolver.people.mentions:
        if -MAX_PARAGRAPHS_AHEAD <= here - paragraph <= MAX_PARAGRAPHS_BACK:
            _add(found, resolver.person_speaker(name, start, end), "person", start, subject=subject)
    for described in resolver._described_subjects(context.position):  # 'le président du parti a ...'
        option = _add(found, described.speaker, "described", described.position, subject=True)
        option.gender = option.gender or described.gender
    for paragraph, speaker in _entity_speakers(resolver):
        if -MAX_PARAGRAPHS_AHEAD <= here - paragraph <= MAX_PARAGRAPHS_BACK:
            _add(found, speaker, "entity", speaker.start)
    return list(found.values())


def _entity_speakers(resolver: Resolver) -> list[tuple[int, Speaker]]:
    """Each mention of an organization, outlet or country as a speaker, with its paragraph, made once per document."""
    if resolver.entity_speakers is None:
        resolver.entity_speakers = []
        for entity in resolver.entities:
            kind = ENTITY_KINDS.get(entity.type)
            if kind is None or kind == "person":
                continue
            for mention in entity.mentions:
                speaker = Speaker(name=entity.name, mention=mention.text, entity=entity.id, kind=kind,
                                  start=mention.start, end=mention.end)
                resolver.entity_speakers.append((resolver._paragraph(mention.start), speaker))
    return resolver.entity_speakers


def actor_key(speaker: Speaker) -> str:
    """One key per actor: persons by the words of their fullest name, others by their folded name."""
    return _actor_key(speaker.kind, speaker.name or "")


@lru_cache(maxsize=4096)
def _actor_key(kind: str, name: str) -> str:
    if kind == "person":
        return "per:" + " ".join(name_tokens(name))
    return kind + ":" + " ".join(w for w in fold(name).split() if w not in ("le", "la", "les", "l'"))


def _add(found: dict[str, Option], speaker: Speaker, source: str, position: int | None, *,
         subject: bool = False) -> Option:
    key = actor_key(speaker)
    option = found.get(key)
    if option is None:
        option = found[key] = Option(speaker, source)
    elif source == "rule":
        option.speaker, option.source = speaker, source
    option.features[f"from={source}"] = 1.0
    if position is not None:
        option.positions.append(position)
        if subject:
            option.subject_at.append(position)
    option.subject = option.subject or subject
    return option


# --- features ---------------------------------------------------------------------------------


def describe(resolver: Resolver, context: Context, options: list[Option], rule: Speaker | None) -> None:
    """Fill each option's features (conjoined with the form of the speaker mention)."""
    cue = resolver.index_at(context.position)
    here = resolver._paragraph(context.position)
    form = context.form
    before = sorted(options, key=lambda o: -max([p for p in o.positions if p < context.position], default=-1))
    rank_of = {id(option): rank for rank, option in enumerate(before)}
    speakers = sorted((o for o in options if o.spoke_at), key=lambda o: -max(o.spoke_at))
    speaker_rank = {id(option): rank for rank, option in enumerate(speakers)}
    rule_key = actor_key(rule) if rule is not None and rule.name else None
    last_key = actor_key(context.last_speaker) if context.last_speaker and context.last_speaker.name else None
    agreement = {id(option): _agreement(resolver, context.mention, option) for option in options}
    compatible = [o for o in before if not agreement[id(o)].get("gender_differs") and o.speaker.kind == "person"]
    compatible_rank = {id(option): rank for rank, option in enumerate(compatible)}
    subjects = [o for o in before if o.subject]
    subject_rank = {id(option): rank for rank, option in enumerate(subjects)}
    last_subject = {id(o): max([p for p in o.subject_at if p < context.position], default=-1) for o in options}
    by_subject = sorted((o for o in options if last_subject[id(o)] >= 0), key=lambda o: -last_subject[id(o)])
    subject_recency = {id(option): rank for rank, option in enumerate(by_subject)}
    alone = _alone_in_sentence(resolver, context, options)
    opens = _opens_paragraph(resolver, context.position)
    participle = cue is not None and _participle(resolver, cue)
    resolved = context.mention is not None and context.mention.form == "description" and rule is not None \
        and bool(rule.name) and fold(rule.name or "") != fold(context.mention.text)
    for option in options:
        base = dict(option.features)
        key = actor_key(option.speaker)
        if id(option) in alone:
            base[f"alone_in_sentence={alone[id(option)]}"] = 1.0
        base[f"kind={option.speaker.kind}"] = 1.0
        base["is_rule"] = float(key == rule_key)
        base["is_last_speaker"] = float(key == last_key)
        if id(option) in speaker_rank:
            base[f"speaker_rank={min(speaker_rank[id(option)], 3)}"] = 1.0
        base[f"recency_rank={min(rank_of[id(option)], 4)}"] = 1.0
        if id(option) in compatible_rank:
            base[f"compatible_rank={min(compatible_rank[id(option)], 3)}"] = 1.0
        if id(option) in subject_rank:
            base[f"subject_rank={min(subject_rank[id(option)], 3)}"] = 1.0
        base["subject"] = float(option.subject)
        if id(option) in subject_recency:  # 'il' is most often the last subject, not the last name
            base[f"last_subject_rank={min(subject_recency[id(option)], 3)}"] = 1.0
            base.update(_subject_distance(resolver, last_subject[id(option)], cue))
        base.update(_position_features(resolver, context, option, cue, here))
        base.update(agreement[id(option)])
        base[f"anchor={context.anchor_kind}"] = 1.0
        if participle and cue is not None:  # 'a rappelé X, en saluant « ... »': the subject of the governing verb
            base["participle|is_rule"] = base.get("is_rule", 0.0)
            base.update(_participle_features(resolver, option, cue))
        if opens:  # a quote opening its paragraph continues the last speaker only if the cue says nothing else
            base.update({f"opens|{name}": 1.0 for name in OPENING_CONJOINED if base.get(name)})
        if resolved:  # the rules named someone else than the description's own words: its complement is not it
            base.update({f"resolved|{name}": 1.0 for name in RESOLVED_CONJOINED if base.get(name)})
        base = {name: value for name, value in base.items() if value}
        option.features = {"bias": 1.0, **base, **{f"{form}|{name}": value for name, value in base.items()}}


def _position_features(resolver: Resolver, context: Context, option: Option, cue: int | None,
                       here: int) -> dict[str, float]:
    """The option's features from where the text names it (`cue`: index of the cue token)."""
    features: dict[str, float] = {}
    earlier = [p for p in option.positions if p < context.position]
    later = [p for p in option.positions if p >= context.position]
    if earlier:
        nearest = max(earlier)
        features[f"para_back={min(here - resolver._paragraph(nearest), 3)}"] = 1.0
        k = resolver.index_at(nearest)
        if k is not None and cue is not None:
            features.update(_earlier_features(resolver, context, k, cue))
    else:
        features["not_before"] = 1.0
    if later and cue is not None:
        k = resolver.index_at(min(later))
        if k is not None:
            features.update(_later_features(resolver, k, cue))
    features[f"mentions={min(len(option.positions), 4)}"] = 1.0
    if context.mention is not None and option.positions:
        features[f"to_mention={_gap_to_mention(resolver, context.mention, option.positions)}"] = 1.0
        features["complement_in_mention"] = float(_complement_in(resolver, context.mention, option.positions))
        if context.mention.form == "description":
            after = [p for p in option.positions if p >= context.mention.end]
            features["apposed_to_mention"] = float(bool(after) and resolver.apposed_after(context.mention, min(after)))
    if option.spoke_at:
        spoke = max(option.spoke_at)
        features[f"spoke_para_back={min(here - resolver._paragraph(spoke), 4)}"] = 1.0
        k = resolver.index_at(spoke)
        if k is not None and cue is not None:
            features[f"spoke_sentences_back={min(_sentences_between(resolver, k, cue), 3)}"] = 1.0
    return features


def _earlier_features(resolver: Resolver, context: Context, k: int, cue: int) -> dict[str, float]:
    """What the text says of the option's nearest mention before the cue (token `k`)."""
    same_sentence = resolver.sentence_of[k] == resolver.sentence_of[cue]
    return {f"tokens_back={_bucket(cue - k)}": 1.0,
            f"sentences_back={min(_sentences_between(resolver, k, cue), 3)}": 1.0,
            "same_sentence": float(same_sentence),
            "subject_of_cue": float(_fact(resolver, _governed_by, k, cue)),
            "speech_subject": float(_fact(resolver, _subject_of_speech, k, -1)),
            "oblique": float(_fact(resolver, _oblique, k, -1)),
            "object_of_cue": float(_fact(resolver, _object_of, k, cue)),
            "introduces": float(_introduces(resolver, k, context.position)),
            "framed": float(_fact(resolver, _framed, k, -1))}


def _later_features(resolver: Resolver, k: int, cue: int) -> dict[str, float]:
    """What the text says of the option's first mention at or after the cue (token `k`)."""
    same_sentence = resolver.sentence_of[k] == resolver.sentence_of[cue]
    return {f"tokens_ahead={_bucket(k - cue)}": 1.0,
            "ahead_same_sentence": float(same_sentence),
            "ahead_subject_of_cue": float(_fact(resolver, _governed_by, k, cue)),
            "ahead_object_of_cue": float(_fact(resolver, _object_of, k, cue)),
            "ahead_apposed": float(k > 0 and resolver.syntax.texts[k - 1] == "," and same_sentence)}


def _subject_distance(resolver: Resolver, position: int, cue: int | None) -> dict[str, float]:
    """How many sentences back the option was last a subject."""
    k = resolver.index_at(position)
    if k is None or cue is None:
        return {}
    return {f"subject_sentences_back={min(_sentences_between(resolver, k, cue), 3)}": 1.0}


def _fact(resolver: Resolver, read: Callable[[Resolver, int, int], bool], i: int, j: int) -> bool:
    """What `read` says of tokens `i` and `j` (-1: none), read once per document."""
    key = (read.__name__, i, j)
    found = resolver.token_facts.get(key)
    if found is None:
        found = resolver.token_facts[key] = read(resolver, i, j)
    return found


def _agreement(resolver: Resolver, mention: Mention | None, option: Option) -> dict[str, float]:
    if mention is None:
        return {}
    features: dict[str, float] = {}
    gender = resolver.people.genders.get(option.speaker.name or "") or option.gender
    if mention.gender and gender:
        features["gender_agrees" if gender == mention.gender else "gender_differs"] = 1.0
    if mention.form == "pronoun" or mention.form == "description":
        plural_option = option.speaker.kind in ("group",)
        features["number_agrees" if plural_option == mention.plural else "number_differs"] = 1.0
    roles = resolver.people.roles.get(option.speaker.name or "", set())
    if mention.head and any(same_role(mention.head, role) for role in roles):  # 'la députée' for a 'député'
        features["role_matches"] = 1.0
    if mention.form == "description" and mention.head:
        noun_class = resolver.lexicon.noun_class(mention.head) or "other"
        features[f"noun_class={noun_class}|kind={option.speaker.kind}"] = 1.0
    if mention.form == "pronoun":
        number = "plural" if mention.plural else "singular"
        features[f"pronoun_gender={mention.gender}|kind={option.speaker.kind}"] = 1.0
        features[f"pronoun_number={number}|kind={option.speaker.kind}"] = 1.0
    if mention.form == "description" and option.speaker.kind == "person":
        shared = resolver.description_words(mention) & resolver.people.role_words.get(option.speaker.name or "", set())
        if shared:
            features["role_words_shared"] = 1.0
    surface = _folded_words(mention.text)
    if option.speaker.name and any(word in surface for word in _name_words(option.speaker.name)):
        features["named_in_mention"] = 1.0
    return features


def _gap_to_mention(resolver: Resolver, mention: Mention, positions: list[int]) -> str:
    """Where the option is named relative to the speaker mention: inside it, just after it (an apposition)..."""
    if any(mention.start <= p < mention.end for p in positions):
        return "inside"
    first, last = resolver.index_at(mention.start), resolver.index_at(max(mention.start, mention.end - 1))
    if first is None or last is None:
        return "far"
    gaps = []
    for position in positions:
        k = resolver.index_at(position)
        if k is not None:
            gaps.append(k - last if k > last else k - first)
    after = min((g for g in gaps if g > 0), default=99)
    before = max((g for g in gaps if g < 0), default=-99)
    if after <= 2:
        return "just_after"
    if before >= -2:
        return "just_before"
    return "near" if min(after, -before) <= 8 else "far"


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    """The words of `text`, folded."""
    return frozenset(fold(text).split())


def _name_words(name: str) -> list[str]:
    """A name's folded words without its particles and articles ('Marie de Villiers' -> marie, villiers): the
    words a description shares with it only if it names it."""
    profile = active_profile()
    return [word for word in name_tokens(name) if word not in profile.particles and word not in profile.definite_articles]


def _complement_in(resolver: Resolver, mention: Mention, positions: list[int]) -> bool:
    """The option is named inside the mention after a preposition: the complement of a description ('l'avocat de
    X', 'le chancelier de l'Échiquier'), not the person it describes."""
    for position in positions:
        if mention.start < position < mention.end:
            k = resolver.index_at(position)
            if k is None or k == 0:
                continue
            before = resolver.doc[k - 1]
            if before.pos_ == "ADP" or (before.pos_ == "DET" and k > 1 and resolver.doc[k - 2].pos_ == "ADP"):
                return True
    return False


def _sentences_between(resolver: Resolver, earlier: int, later: int) -> int:
    return max(0, resolver.sentence_of[later] - resolver.sentence_of[earlier])


def _bucket(distance: int) -> int:
    return min(int(math.log2(abs(distance) + 1)), 7)


def _governed_by(resolver: Resolver, i: int, cue: int) -> bool:
    """The name at token `i` is the cue's subject or hangs on it within a few links."""
    syntax = resolver.syntax
    node = i
    for _ in range(4):
        head = syntax.heads[node]
        if head == cue and syntax.dep(node).startswith(("nsubj", "obl:agent")):
            return True
        if head == node:
            return False
        node = head
    return False


def _subject_of_speech(resolver: Resolver, i: int, _other: int) -> bool:
    """The name at token `i` is the subject of some verb of saying (not necessarily this quote's cue)."""
    syntax = resolver.syntax
    node = i
    for _ in range(3):
        head = syntax.heads[node]
        if syntax.dep(node).startswith("nsubj"):
            return bool(resolver.lexicon.cues_for(syntax.lemma(head), syntax.texts[head]))
        if head == node:
            return False
        node = head
    return False


def _alone_in_sentence(resolver: Resolver, context: Context, options: list[Option]) -> dict[int, str]:
    """Persons named before the quote in a sentence that names no other person: 'sentence back' of the nearest."""
    cue = resolver.index_at(context.position)
    if cue is None:
        return {}
    here = resolver.sentence_of[cue]
    by_sentence: dict[int, set[int]] = {}
    for option in options:
        if option.speaker.kind != "person":
            continue
        for position in option.positions:
            k = resolver.index_at(position)
            if position < context.position and k is not None and here - resolver.sentence_of[k] <= 2:
                by_sentence.setdefault(resolver.sentence_of[k], set()).add(id(option))
    found: dict[int, str] = {}
    for sentence in sorted(by_sentence, reverse=True):
        holders = by_sentence[sentence]
        if len(holders) == 1:
            (only,) = holders
            found.setdefault(only, str(min(here - sentence, 2)))
    return found


def _participle(resolver: Resolver, cue: int) -> bool:
    """The cue token is a present participle hanging on another word ('en saluant')."""
    if resolver.syntax.heads[cue] == cue:
        return False
    morph = resolver.doc[cue].morph
    return "Pres" in morph.get("Tense", []) and "Part" in morph.get("VerbForm", [])


def _participle_features(resolver: Resolver, option: Option, cue: int) -> dict[str, float]:
    """Whether the option is named as the subject of the verb a present participle cue hangs on."""
    governor = resolver.syntax.heads[cue]
    for start in option.positions:
        k = resolver.index_at(start)
        if k is not None and abs(k - cue) < MAX_PARTICIPLE_REACH and _fact(resolver, _governed_by, k, governor):
            return {"participle|subject_of_governor": 1.0}
    return {}


def _opens_paragraph(resolver: Resolver, position: int) -> bool:
    """The paragraph holding `position` begins with a quotation mark."""
    k = resolver.index_at(position)
    if k is None or k not in resolver.paragraph_of:
        return False
    return resolver.syntax.texts[_paragraph_first(resolver, k)][:1] in QUOTATION_MARKS


def _paragraph_first(resolver: Resolver, k: int) -> int:
    """The first token of the paragraph holding token `k` (in `paragraph_of`), walking back over tokens no earlier
    quote walked over."""
    firsts, paragraph_of = resolver.paragraph_firsts, resolver.paragraph_of
    paragraph = paragraph_of[k]
    walked = []
    while k not in firsts and k > 0 and paragraph_of.get(k - 1) == paragraph:
        walked.append(k)
        k -= 1
    first = firsts.get(k, k)
    for token in walked:
        firsts[token] = first
    firsts[k] = first
    return first


def _introduces(resolver: Resolver, k: int, position: int) -> bool:
    """The name at token `k` opens a stretch that ends with a colon right before the quote ('Désespéré, X a manifesté
    : « ... »'), with no sentence end between."""
    start = resolver.token_starts[k]
    if position - start > MAX_INTRODUCTION:
        return False
    before = text_of(resolver.doc)[start : position].rstrip(" \u00a0\"«“")
    return before.endswith(":") and not any(mark in before[:-1] for mark in ".!?\n")


def _framed(resolver: Resolver, i: int, _other: int) -> bool:
    """The name stands in a phrase that opens its sentence with a source or opinion marker, before any comma ('Pour le
    politologue X, ...', 'Selon X, ...', "D'après X, ..."): the holder of what the sentence says."""
    start = resolver.sentence_start(i)
    texts = doc_words(resolver.doc).texts
    if start == i or "," in texts[start:i] or fold(texts[start]) not in resolver.lexicon.marker_starts:
        return False
    words = tuple(fold(word) for word in texts[start : min(i, start + MAX_MARKER_WORDS)])
    return any(words[: len(marker)] == marker for marker in resolver.lexicon.markers if len(marker) <= len(words))


def _object_of(resolver: Resolver, i: int, cue: int) -> bool:
    """The name at token `i` is the cue's object or indirect complement ('a-t-il dit à X', 'a demandé à X de ...')."""
    syntax = resolver.syntax
    node = i
    for _ in range(3):
        head = syntax.heads[node]
        dep = syntax.dep(node)
        if head == cue and dep.startswith(("obj", "iobj", "obl:arg")):
            return True
        if head == node or dep.startswith("nsubj"):
            return False
        node = head
    return False


def _oblique(resolver: Resolver, i: int, _other: int) -> bool:
    """The name at token `i` sits in a prepositional phrase ('avec le ministre Paul Durand', 'à X')."""
    syntax = resolver.syntax
    node = i
    for _ in range(3):
        if node in syntax.with_case:
            return True
        if syntax.dep(node) not in ("flat:name", "flat", "appos", "nmod") or syntax.heads[node] == node:
            return False
        node = syntax.heads[node]
    return False


def choose(model: SpeakerModel, options: Sequence[Option]) -> Option | None:
    """The option the model prefers; the rules' choice unless another beats it by the model's margin."""
    index = choice([model.score(option.features) for option in options],
                   next((k for k, option in enumerate(options) if option.features.get("is_rule")), None),
                   margin=model.margin)
    return options[index] if index is not None else None


def choice(scores: Sequence[float], rule: int | None, *, margin: float) -> int | None:
    """Index of the best score (first on ties), or `rule` when the best does not beat it by `margin`."""
    if not scores:
        return rule
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    if rule is not None and scores[best] - scores[rule] < margin:
        return rule
    return best
