"""Speakers: the words that designate who speaks, and the actor they resolve to.

A `Mention` is found syntactically (the subject of a cue, the complement of "selon");
`Resolver` turns it into a `Speaker` in reading order: names map to the fullest form the
article uses, pronouns and definite descriptions to the most salient compatible actor
seen so far, organizations, media and countries keep their kind, unnamed groups keep
their description. The article's persons (fullest names, genders, roles) come from the shared
registry of `newsgraph.people`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import add

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, POS
from spacy.symbols import NOUN
from spacy.tokens import Doc, Token

from ..entities.countries import demonym_country, reinflect
from ..lang.profile import active_profile, get_profile
from ..nlp import doc_words
from ..people import Registry, collect_people, contains_tokens, is_titled, name_tokens, phrase_words, strip_title
from ..records import Entity, Speaker
from .layout import Stretches, ents_of, person_end, person_entities, phrase_last, text_of
from .vocabulary import Lexicon, fold
from .words import words

KIND_OF_LABEL = {"PER": "person", "PERSON": "person", "ORG": "organization", "LOC": "country", "GPE": "country",
                 "MEDIA": "media"}
RECENT_PARAGRAPHS = 3
MAX_KIND_WORDS = 5  # "l'institut américain de géophysique USGS": the noun and the words between it and the name
MAX_APPOSITION = 12  # tokens between a description's last word and a name apposed to its phrase
QUOTE_MARKS = frozenset("«»\"“”")
MIN_ACRONYM, MAX_ACRONYM = 3, 6  # letters of an acronym spelled out by an organization's initials ('DGS')
MAX_CLAUSE = 12  # tokens of the restrictive clause a speaker never named keeps ('un policier qui patrouillait ...')
APPOSITION_WORDS = frozenset(("DET", "NOUN", "ADJ"))  # after the last comma, before the name: 'le médecin'


@lru_cache(maxsize=8)
def written_articles(lang: str) -> tuple[str, ...]:
    """The definite articles of language `lang` as written before a name: 'la ', "l'"."""
    articles = get_profile(lang).definite_articles
    return tuple(sorted(a if a.endswith(("'", "’")) else a + " " for a in articles))


@dataclass(frozen=True)
class Mention:
    """Words of the text that designate a speaker."""

    start: int
    end: int
    text: str
    form: str  # name, pronoun, description
    gender: str | None = None  # m, f
    plural: bool = False
    head: str = ""  # lemma of the head noun (descriptions)
    definite: bool = True
    label: str | None = None  # NER label of the name, if any
    name_start: int | None = None  # the proper name inside a description + name apposition
    name_end: int | None = None
    bare: bool = False  # determiner + noun (+ adjectives) only: "la compagnie", "le journal"


@dataclass
class Candidate:
    """An actor seen earlier in the article, for pronouns and descriptions."""

    speaker: Speaker
    position: int
    paragraph: int
    gender: str | None
    plural: bool
    heads: set[str] = field(default_factory=set)
    was_speaker: bool = False
    subject: bool = False
    words: frozenset[str] = frozenset()  # the content words of the description it spoke under ('cgt')
    named_plural: bool = False  # the text named it in the plural ('les quatre policiers'), not a collective ('la famille')


class Syntax:
    """A Doc's parse read from its arrays (every `token.head` or `doc[i]` makes a new Token object); labels and
    lemmas are looked up only for the few tokens a walk reaches."""

    def __init__(self, doc: Doc) -> None:
        self.strings = doc.vocab.strings
        self.texts = doc_words(doc).texts
        if not len(doc):
            self.heads: list[int] = []
            self.dep_ids: list[int] = []
            self.lemma_ids: list[int] = []
            self.with_case: frozenset[int] = frozenset()  # tokens with a child of dependency 'case'
            return
        heads = np.arange(len(doc)) + doc.to_array(HEAD).astype(np.int64)  # HEAD: offsets, as unsigned integers
        array = doc.to_array([DEP, LEMMA])
        self.heads = heads.tolist()
        self.dep_ids = array[:, 0].tolist()
        self.lemma_ids = array[:, 1].tolist()
        cases = (array[:, 0] == self.strings["case"]) & (heads != np.arange(len(doc)))
        self.with_case = frozenset(heads[cases].tolist())

    def dep(self, i: int) -> str:
        """token.dep_ of token i."""
        return self.strings[self.dep_ids[i]]

    def lemma(self, i: int) -> str:
        """token.lemma_ of token i."""
        return self.strings[self.lemma_ids[i]]


class Resolver:
    """Resolve speaker mentions of one document, in reading order."""

    def __init__(self, doc: Doc, *, lexicon: Lexicon, entities: Sequence[Entity], paragraph_of: dict[int, int],
                 quoted: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.fullest_of: dict[str, str] = {}  # surface -> fullest name (the article's names are known up front)
        words = doc_words(doc)
        self.token_starts = words.starts
        self.token_ends = list(map(add, words.starts, map(len, words.texts)))
        self.lexicon = lexicon
        self.entities = list(entities)
        self.paragraph_of = paragraph_of
        self.quoted = Stretches(quoted)
        spans = [doc[ent.start : person_end(doc, ent)] for ent in person_entities(doc)]
        self.people = collect_people(doc, spans, first_names=lexicon.first_names, entities=self.entities,
                                     quoted=self.quoted, paragraph_of=paragraph_of)
        self.history: list[Candidate] = []
        self.designated: dict[int, Candidate | None] = {}
        self.token_facts: dict[tuple[str, int, int], bool] = {}  # what ranking.py reads of tokens, for every quote
        self.described_words: dict[int, set[str]] = {}  # description start -> its words beside the head
        self.entity_of: dict[tuple[int, int, str | None], str | None] = {}  # `_entity_for`, once per mention
        self.paragraph_at: dict[int, int] = {}  # `_paragraph`, once per character offset
        self.person_speakers: dict[tuple[int, int, str], Speaker] = {}  # `person_speaker`, once per mention
        self.paragraph_firsts: dict[int, int] = {}  # token -> first token of its paragraph, as ranking.py walks back
        self.entity_speakers: list[tuple[int, Speaker]] | None = None  # ranking.py's entity options, by paragraph
        self.entity_by_id: dict[str, Entity] | None = None  # `_entity_by_id`, made on first use

    # --- read on demand, once per document (many documents have no quote that needs them) ---------------

    @cached_property
    def sentence_of(self) -> list[int]:
        """The sentence number of each token (sentence starts are set by the parser and newsgraph_paragraphs)."""
        return (self.doc.to_array("SENT_START") == 1).cumsum().tolist() if len(self.doc) else []

    @cached_property
    def entity_mentions(self) -> list[Stretches]:
        """The stretches of text each entity's mentions cover, by entity."""
        return [Stretches((m.start, m.end) for m in entity.mentions) for entity in self.entities]

    @cached_property
    def subject_roles(self) -> list[Mention]:
        """The role descriptions that are subjects (`role_subjects`), in text order."""
        return role_subjects(self.doc, lexicon=self.lexicon, people=self.people, quoted=self.quoted,
                             paragraph_of=self.paragraph_of)

    @cached_property
    def subject_role_starts(self) -> list[int]:
        """Where each of `subject_roles` begins."""
        return [mention.start for mention in self.subject_roles]

    @cached_property
    def subject_role_paragraphs(self) -> list[int]:
        """The paragraph of each of `subject_roles`."""
        return [self._paragraph(start) for start in self.subject_role_starts]

    @cached_property
    def syntax(self) -> Syntax:
        """The parse as plain lists, for the ranking's walks up the tree."""
        return Syntax(self.doc)

    # --- public ---------------------------------------------------------------------

    def resolve(self, mention: Mention | None, *, position: int) -> Speaker | None:
        """The speaker a mention designates, remembered for later pronouns."""
        if mention is None:
            return None
        if mention.form == "pronoun":
            speaker = self._antecedent(mention, position)
        elif mention.form == "name":
            speaker = self._named(mention, position)
        else:
            speaker = self._described(mention, position)
        if speaker is not None:
            self.remember(speaker, mention, position)
        return speaker

    def remember(self, speaker: Speaker, mention: Mention | None, position: int) -> None:
        """Record a resolved speaker as the most salient actor."""
        gender = self.people.genders.get(speaker.name or "") or (mention.gender if mention else None)
        heads = {mention.head} if mention and mention.head else set()
        plural = bool(mention and mention.plural and mention.form != "pronoun") or speaker.kind == "group"
        words = self.complement_words(mention) if mention and mention.form == "description" else frozenset()
        self.history.append(Candidate(speaker, position, self._paragraph(position), gender, plural, heads, True,
                                      words=words, named_plural=bool(mention and mention.plural)))

    # --- names ----------------------------------------------------------------------

    def _named(self, mention: Mention, position: int) -> Speaker:
        start = mention.name_start if mention.name_start is not None else mention.start
        end = mention.name_end if mention.name_end is not None else mention.end
        surface = text_of(self.doc)[start:end]
        kind = self._kind_of_name(surface, mention.label, start, end)
        if kind == "organization" and (longer := self._complement_end(mention, start, end)) is not None:
            end = longer
            surface = text_of(self.doc)[start:end]
        name = self.fullest(surface, start) if kind == "person" else self._as_written(mention, surface, start)
        entity = self._entity_for(start, end, name)
        return Speaker(name=name, mention=surface, entity=entity, kind=kind, start=start, end=end)

    def _complement_end(self, mention: Mention, start: int, end: int) -> int | None:
        """Where an organization's name ends with the words of the mention the recognizer left out ('l'Amicale' + 'des
        gardiens de prison', 'le Conseil' + 'norvégien pour les réfugiés'): the lower-case adjectives and noun complements
        that hang on a word of the name, with no possessive, proper name or punctuation ('le CERI de Sciences Po' is
        left to the acronym's spelling out); None when there are none."""
        last = self.index_at(end - 1)
        first = self.index_at(start)
        if first is None or last is None or last + 1 >= len(self.doc) or self.doc[last + 1].idx >= mention.end:
            return None
        rest = [t for t in self.doc[last + 1 :] if t.idx < mention.end]
        for token in rest:
            if token.is_punct or token.pos_ == "PROPN" or not token.text.islower() or "Yes" in token.morph.get("Poss", []):
                return None
            branch = token
            while not first <= branch.head.i <= last and branch.head.i != branch.i and branch.head.i > last:
                branch = branch.head
            if not first <= branch.head.i <= last or branch.dep_ not in ("amod", "nmod"):
                return None
        return rest[-1].idx + len(rest[-1])

    def _as_written(self, mention: Mention, surface: str, start: int) -> str:
        """An organization's name with the article the text gives it: 'la SNCF', 'le Financial Times'."""
        before = text_of(self.doc)[max(0, start - 4) : start].lower()
        for article in written_articles(active_profile().code):
            if before.endswith(article) and mention.start <= start - len(article):
                return text_of(self.doc)[start - len(article) : start] + surface
        return surface

    def _kind_of_name(self, surface: str, label: str | None, start: int, end: int) -> str:
        if fold(_strip_article(surface)) in self.lexicon.media:
            return "media"
        tokens = name_tokens(surface)
        if label in (None, "MISC") and any(contains_tokens(name_tokens(full), tokens) for full in self.people.full_names):
            return "person"
        if label is None and tokens and (tokens[0] in self.lexicon.first_names or is_titled(surface)):
            return "person"
        if label is None and surface.isupper():
            return "organization"
        return KIND_OF_LABEL.get(label or "", "person" if len(tokens) >= 2 else "organization")

    def fullest(self, surface: str, position: int) -> str:
        """The fullest form of a person's name that the article uses (named at `position`)."""
        titled = self.people.titled.get(position)  # 'M. Moreau' among Julie and Paul Moreau
        if titled is not None:
            return titled
        known = self.fullest_of.get(surface)
        if known is None:
            known = self.fullest_of[surface] = self._fullest(surface)
        return known

    def _fullest(self, surface: str) -> str:
        tokens = name_tokens(surface)
        best = strip_title(surface)
        best_tokens = tokens
        for full in self.people.full_names:
            full_tokens = name_tokens(full)
            if len(full_tokens) > len(best_tokens) and contains_tokens(full_tokens, tokens):
                best, best_tokens = full, full_tokens
        return best

    def _entity_for(self, start: int, end: int, name: str | None) -> str | None:
        key = (start, end, name)
        if key not in self.entity_of:  # asked again for each quote that has the mention in reach
            self.entity_of[key] = self._find_entity(start, end, name)
        return self.entity_of[key]

    def _find_entity(self, start: int, end: int, name: str | None) -> str | None:
        for entity, mentions in zip(self.entities, self.entity_mentions):
            if mentions.overlaps(start, end):
                return entity.id
        folded = fold(name or "")
        return next((entity.id for entity in self.entities if fold(entity.name) == folded), None)

    # --- pronouns -------------------------------------------------------------------

    def _antecedent(self, mention: Mention, position: int) -> Speaker | None:
        paragraph = self._paragraph(position)
        candidates = [c for c in self._candidates(position) + self._described_subjects(position)
                      if paragraph - c.paragraph <= RECENT_PARAGRAPHS]
        compatible = [c for c in candidates if _agrees(c, mention)]
        if not compatible:  # no subject agrees: any person named in the last paragraphs
            compatible = [c for c in self._candidates(position, subjects_only=False)
                          if _agrees(c, mention) and paragraph - c.paragraph <= 1]
        if not compatible:  # 'Des agriculteurs ont bloqué la route. « ... », ont-ils dit': the last plural subject
            return self._plural_subject(mention, position) if mention.plural else None
        if mention.gender:  # a known gender that agrees beats an unknown one in the same stretch
            known = [c for c in compatible if c.gender == mention.gender and paragraph - c.paragraph <= 1]
            compatible = known or compatible
        best = max(compatible, key=lambda c: c.position)  # recency: speakers and subject mentions
        return _with_mention(best.speaker, mention)

    def _plural_subject(self, mention: Mention, position: int) -> Speaker | None:
        """The last plural subject outside quotations in the sentences before the cue's, in its paragraph or the one
        before: a plural noun phrase ('plusieurs centaines d'agriculteurs') or subjects joined by a conjunction ('la
        mairie et la préfecture', 'Claire Morel et Paul Durand'), feminine for 'elles'; its words as written."""
        cue = self.index_at(position)
        if cue is None:
            return None
        paragraph, first = self._paragraph(position), self.sentence_start(cue)
        for i in range(first - 1, -1, -1):
            token = self.doc[i]
            if self.paragraph_of.get(i, paragraph) < paragraph - 1:
                break
            if not token.dep_.startswith("nsubj") or token.pos_ not in ("NOUN", "PROPN") or self._in_quote(token.idx):
                continue
            conjuncts = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
            if not conjuncts and token.morph.get("Number", []) != ["Plur"]:
                continue
            if mention.gender == "f" and any(t.morph.get("Gender", []) != ["Fem"] and t.pos_ == "NOUN"
                                             for t in [token, *conjuncts]):
                continue
            start, end = _subject_phrase(token)
            noun_class = self.lexicon.noun_class(token.lemma_) if token.pos_ == "NOUN" else None
            kind = "organization" if noun_class in ("org", "institution") else "group"
            return Speaker(name=text_of(self.doc)[start:end], mention=mention.text, entity=None, kind=kind,
                           start=mention.start, end=mention.end)
        return None

    def _described_subjects(self, position: int) -> list[Candidate]:
        """'Le président du parti n'a épargné personne. « ... », a-t-il dit': role descriptions that are
        subjects, standing for the person they designate."""
        found = []
        paragraph = self._paragraph(position)
        k = bisect_left(self.subject_role_starts, position) - 1
        while k >= 0 and paragraph - self.subject_role_paragraphs[k] <= RECENT_PARAGRAPHS:  # recent ones only
            mention = self.subject_roles[k]
            if mention.start not in self.designated:
                self.designated[mention.start] = self._person_described(mention, mention.start)
            designated = self.designated[mention.start]
            if designated is not None:
                found.append(Candidate(designated.speaker, mention.start, self.subject_role_paragraphs[k],
                                       designated.gender, False, {mention.head}, subject=True))
            k -= 1
        return found

    def _candidates(self, position: int, *, subjects_only: bool = True) -> list[Candidate]:
        found = [c for c in self.history if c.position < position]
        for start, end, name, subject, paragraph in self.people.mentions:
            if start < position and (subject or not subjects_only):
                found.append(self._person_candidate(name, start, end, paragraph, subject))
        return found

    def person_speaker(self, name: str, start: int, end: int) -> Speaker:
        """The person a registry mention of `name` at [start, end) names, by the fullest form of the name."""
        key = (start, end, name)
        speaker = self.person_speakers.get(key)
        if speaker is None:  # asked again for each quote that has the mention in reach
            full = self.fullest(name, start)
            speaker = self.person_speakers[key] = Speaker(name=full, mention=name, kind="person", start=start, end=end,
                                                          entity=self._entity_for(start, end, full))
        return speaker

    def _person_candidate(self, name: str, start: int, end: int, paragraph: int, subject: bool) -> Candidate:
        speaker = self.person_speaker(name, start, end)
        full = speaker.name or ""
        heads = self.people.roles.get(full, set())
        return Candidate(speaker, start, paragraph, self.people.genders.get(full), False, set(heads), subject=subject)

    # --- organizations in full -------------------------------------------------------

    def in_full(self, speaker: Speaker | None) -> Speaker | None:
        """The speaker with an organization's name as the article gives it in full: 'le parti libéral Iabloko'
        for 'Iabloko' when a noun of its kind stands before one of its mentions (the guidelines' fullest name)."""
        if speaker is None or speaker.kind not in ("organization", "media") or not speaker.name:
            return speaker
        if (spelled := self._spelled_out(speaker)) is not None:
            return spelled
        if speaker.name.lower().startswith(written_articles(active_profile().code)):
            return speaker  # 'Le Monde': a title with its own article is the name in full
        name = fold(speaker.name)
        mentions = [m for entity in self.entities if fold(entity.name) == name for m in entity.mentions]
        for mention in sorted(mentions, key=lambda m: m.start):
            start = self._kind_noun_before(mention.start)
            if start is not None:
                return Speaker(name=text_of(self.doc)[start : mention.end], mention=speaker.mention,
                               entity=speaker.entity, kind=speaker.kind, start=speaker.start, end=speaker.end)
        return speaker

    def _spelled_out(self, speaker: Speaker) -> Speaker | None:
        """'la DGS' -> 'la Direction générale de la Santé': an acronym the text does not define in parentheses whose
        letters are the initials of the words of an organization the article names, as the text first writes it."""
        short = (speaker.name or "").split()[-1].split("'")[-1].split("’")[-1]
        if not MIN_ACRONYM <= len(short) <= MAX_ACRONYM or not short.isalpha() or not short.isupper():
            return None
        text = text_of(self.doc)
        if f"({short})" in text:
            return None  # defined in the text: `acronyms.expanded` gives the long form with the acronym
        for entity in self.entities:
            if entity.type in ("PER", "GPE", "LOC") or not entity.mentions or len(entity.name.split()) < len(short) \
                    or _initials(entity.name) != short:
                continue
            first = min(entity.mentions, key=lambda m: m.start)
            start = first.start
            before = text[max(0, start - 4) : start]
            article = next((a for a in written_articles(active_profile().code) if before.lower().endswith(a)), "")
            return Speaker(name=text[start - len(article) : first.end], mention=speaker.mention, entity=entity.id,
                           kind=speaker.kind, start=speaker.start, end=speaker.end)
        return None

    def _kind_noun_before(self, start: int) -> int | None:
        """Where 'le parti libéral' or 'l'institut américain de géophysique' begins right before a name at `start`:
        a determiner, a noun of an organization's or outlet's kind, then lower-case words only."""
        first = self.index_at(start)
        if first is None or self.doc[first].idx != start:
            return None
        for i in range(first - 1, max(first - 1 - MAX_KIND_WORDS, 0), -1):
            token = self.doc[i]
            if not token.is_alpha or not token.text.islower() or not _inside_kind_phrase(token, first):
                return None
            determiner = self.doc[i - 1]
            if token.pos == NOUN and self.lexicon.noun_class(token.lemma_) in ("org", "media") \
                    and determiner.pos_ == "DET" and "Def" in determiner.morph.get("Definite", []):
                return determiner.idx
        return None

    # --- descriptions ---------------------------------------------------------------

    def _described(self, mention: Mention, position: int) -> Speaker:
        named = self._document_author(mention) or self._name_after(mention) or self._apposed_name(mention) \
            or self._organization_after(mention) or self._apposed_after_phrase(mention) or self._name_before(mention)
        if named is not None:
            return named
        noun_class = self.lexicon.noun_class(mention.head) or ("group" if mention.plural else "person")
        own = Speaker(name=self._with_clause(mention, position), mention=mention.text, entity=None,
                      kind=_kind_of_class(noun_class, mention), start=mention.start, end=mention.end)
        if mention.definite and not mention.plural and noun_class == "institution" \
                and (named := self._named_institution(mention, position)) is not None:
            return named
        if mention.definite and mention.plural and noun_class == "source" \
                and (sources := self._same_sources(mention, position)) is not None:
            return _with_mention(sources.speaker, mention)
        if not mention.definite or noun_class in ("institution", "group") or mention.plural:
            return own
        if noun_class == "relative":
            found = self._same_relative(mention, position)
        elif noun_class == "source":
            found = self._same_source(mention, position)
        elif noun_class in ("org", "media", "document"):
            found = self._anaphoric_organization(mention, noun_class, position) if mention.bare else None
        else:
            found = self._person_described(mention, position)
        return _with_mention(found.speaker, mention) if found else own

    def _with_clause(self, mention: Mention, position: int) -> str:
        """The description as written with the restrictive clause right after it that tells which one speaks: 'un
        responsable ayant requis l'anonymat', 'plusieurs sources qui n'ont pas souhaité être identifiées' (a relative
        pronoun or a present participle opens it, no comma before it). The clause ends at its verb's last dependent,
        before any punctuation, quotation or the cue of a description that precedes it."""
        k = self.index_at(mention.end - 1)
        if k is None or k + 1 >= len(self.doc) or self.doc[k + 1].idx > mention.end + 1:
            return mention.text
        opener = self.doc[k + 1]
        if opener.lower_ in words().relatives:
            verb = opener.head
        elif opener.morph.get("VerbForm", []) == ["Part"] and opener.morph.get("Tense", []) == ["Pres"]:
            verb = opener.head if opener.pos_ == "AUX" else opener
        else:
            return mention.text
        if verb.i <= opener.i - 1 or verb.i > opener.i + MAX_CLAUSE or verb.sent != opener.sent:
            return mention.text
        limit = position if mention.start < position else len(text_of(self.doc))
        last = opener.i
        for token in self.doc[opener.i + 1 : verb.right_edge.i + 1]:
            if token.is_punct or token.text in QUOTE_MARKS or token.idx + len(token) > limit \
                    or self._in_quote(token.idx) or token.i - opener.i >= MAX_CLAUSE:
                break
            last = token.i
        if last <= opener.i or verb.i > last:
            return mention.text
        end = self.doc[last].idx + len(self.doc[last])
        return text_of(self.doc)[mention.start : end]

    def _document_author(self, mention: Mention) -> Speaker | None:
        """'un bilan établi par l'AFP', 'un rapport rédigé par X': the actor a participle hung on a document noun
        gives as its agent speaks for the document."""
        if self.lexicon.noun_class(mention.head) != "document":
            return None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = next((t for t in reversed(span) if fold(t.lemma_) == fold(mention.head)), None)
        if head is None:
            return None
        participles = [c for c in head.children if c.dep_ == "acl"]
        if not participles:
            return None
        by = active_profile().cases.by  # 'établi dimanche par l'AFP': the parser may hang the agent on the noun
        for agent in [a for word in (*participles, head) for a in word.children]:
            if agent.dep_ == "obl:agent" or any(c.dep_ == "case" and c.lower_ == by for c in agent.children):
                start = agent.idx
                for entity, mentions in zip(self.entities, self.entity_mentions):
                    if entity.type != "GPE" and mentions.overlaps(start, start + 1):
                        first, end = next((m.start, m.end) for m in entity.mentions if m.start <= start < m.end)
                        kind = "person" if entity.type == "PER" else \
                            "media" if entity.type == "MEDIA" or fold(entity.name) in self.lexicon.media else "organization"
                        return Speaker(name=entity.name, mention=text_of(self.doc)[first:end], entity=entity.id,
                                       kind=kind, start=first, end=end)
        return None

    def _name_after(self, mention: Mention) -> Speaker | None:
        """'l'avocate et lauréate du prix X Shirin Ebadi': a person's name right after the description
        (which the parser hung elsewhere) is the speaker's."""
        text = text_of(self.doc)
        after = mention.end
        while after < len(text) and text[after] in " \u00a0":
            after += 1
        if after == mention.end or self.lexicon.noun_class(mention.head) in ("org", "institution", "media"):
            return None
        k = bisect_left(self.people.mentions, (after,))
        if k < len(self.people.mentions) and self.people.mentions[k][0] == after:
            start, end, name, subject, paragraph = self.people.mentions[k]
            return self._person_candidate(name, start, end, paragraph, subject).speaker
        full = next((name for name in self.people.full_names if text.startswith(name, after)), None)
        if full is None or (after + len(full) < len(text) and text[after + len(full)].isalnum()):
            return None  # a full name the tagger left inside another entity ('du Prix Nobel 2003 Shirin Ebadi')
        return Speaker(name=full, mention=full, entity=self._entity_for(after, after + len(full), full), kind="person",
                       start=after, end=after + len(full))

    def _name_before(self, mention: Mention) -> Speaker | None:
        """'selon Paul Durand, un élu local, qui juge que', 'a dit Paul Durand, le maire de la ville, en ...': a
        person's description set off by a comma right after the person's name is an apposition to it, so the name is
        the speaker's. The description must close (a comma, a relative pronoun or the sentence's end right after
        its phrase): in 'après avoir vu Paul Durand, le ministre a dit' the description opens a clause of its own."""
        if self.lexicon.noun_class(mention.head) in ("org", "institution", "media", "document", "group") \
                or mention.plural:
            return None
        text = text_of(self.doc)
        if text[max(0, mention.start - 2) : mention.start] != ", ":
            return None
        k = bisect_left(self.people.mentions, (mention.start - 2,)) - 1
        if k < 0 or self.people.mentions[k][1] != mention.start - 2:
            return None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        following = self.doc[head.right_edge.i + 1] if head.right_edge.i + 1 < len(self.doc) else None
        closes = following is None or following.text in (",", ".") or following.lower_ in words().subject_relative \
            or following.sent != head.sent
        if not closes:
            return None
        start, end, name, subject, paragraph = self.people.mentions[k]
        return self._person_candidate(name, start, end, paragraph, subject).speaker

    def _apposed_name(self, mention: Mention) -> Speaker | None:
        """'le maire de Mytilène, Stratis Kytelis': a name set off by a comma at the end of a person's description or
        right after it, then closed by punctuation (in 'selon le ministre, Paul Durand doit ...' the name opens the
        content). The tagger often gives such foreign names another label than a person's."""
        if self.lexicon.noun_class(mention.head) in ("org", "institution", "media", "document", "group") \
                or mention.plural:
            return None
        text = text_of(self.doc)
        for ent in ents_of(self.doc):
            start, end = ent.start_char, ent.end_char
            if start <= mention.start:
                continue
            if start > mention.end + 2:
                break
            words = ent.text.split()
            if text[start - 2 : start] == ", " and mention.start < start - 2 and len(words) >= 2 \
                    and all(word[:1].isupper() for word in words) and (end == mention.end or _closed(text, end)):
                name = self.fullest(ent.text, start)
                return Speaker(name=name, mention=ent.text, entity=self._entity_for(start, end, name), kind="person",
                               start=start, end=end)
        return None

    def _apposed_after_phrase(self, mention: Mention) -> Speaker | None:
        """'le procureur de la République à Nantes, Pierre Sennès', 'un candidat, le médecin X': the person named
        after the rest of a person's description (`apposed_after`)."""
        if self.lexicon.noun_class(mention.head) in ("org", "institution", "media", "document", "group") \
                or mention.plural:
            return None
        k = bisect_left(self.people.mentions, (mention.end,))
        for start, end, name, subject, paragraph in self.people.mentions[k : k + 3]:
            if self.apposed_after(mention, start):
                return self._person_candidate(name, start, end, paragraph, subject).speaker
        return None

    def apposed_after(self, mention: Mention, start: int) -> bool:
        """A name at `start` closes the description's phrase after a comma, in its sentence ('le procureur de la
        République à Nantes, Paul Durand', 'un candidat, le médecin Paul Durand', 'le motard qui l'a retrouvé, Paul
        Durand'): no verb between (but in a relative clause opening right after the description), no quotation mark,
        only a determiner, nouns or adjectives after the last comma, and punctuation right after the name ('selon la
        sénatrice, les Marseillais n'ont ...' names no one)."""
        last = self.index_at(max(mention.start, mention.end - 1))
        k = self.index_at(start)
        if last is None or k is None or not 1 < k - last <= MAX_APPOSITION or self.sentence_of[k] != self.sentence_of[last]:
            return False
        doc = self.doc
        between = doc[last + 1 : k]
        commas = [t.i for t in between if t.text == ","]
        if not commas or any(t.pos_ not in APPOSITION_WORDS for t in doc[commas[-1] + 1 : k]):
            return False
        particles = active_profile().particles
        end = k
        while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].text in particles):
            end += 1
        if end < len(doc) and doc[end].pos_ != "PUNCT":
            return False
        relative = "Rel" in between[0].morph.get("PronType", [])
        return not any(t.text in QUOTE_MARKS or (not relative and t.pos_ in ("VERB", "AUX")) for t in between)

    def _organization_after(self, mention: Mention) -> Speaker | None:
        """'la compagnie allemande FlixBus', 'l'agence étatique ANI': an organization or outlet named right after a
        description of its kind."""
        if self.lexicon.noun_class(mention.head) not in ("org", "media") or mention.plural:
            return None
        text = text_of(self.doc)
        after = mention.end + 1
        if text[mention.end : after] != " ":
            return None
        for entity, mentions in zip(self.entities, self.entity_mentions):
            if entity.type in ("ORG", "MEDIA", "MISC") and mentions.overlaps(after, after + 1):
                start, end = next((m.start, m.end) for m in entity.mentions if m.start <= after < m.end)
                kind = "media" if entity.type == "MEDIA" or fold(entity.name) in self.lexicon.media else "organization"
                return Speaker(name=entity.name, mention=text[start:end], entity=entity.id, kind=kind,
                               start=start, end=end)
        return None

    def _named_institution(self, mention: Mention, position: int) -> Speaker | None:
        """'la cour' -> 'Cour suprême', 'le parti' -> 'Parti conservateur': the article's entity named by that noun."""
        head = fold(mention.head)
        named = [entity for entity in self.entities if entity.type not in ("PER", "GPE") and entity.mentions
                 and fold(entity.name.split()[0]) == head and len(entity.name.split()) > 1]
        if not named:
            return None
        last_seen = {e.id: max((m.start for m in e.mentions if m.start < position), default=-1) for e in named}
        entity = max(named, key=lambda e: (last_seen[e.id], len(e.name)))  # the last named before, else the fullest
        return Speaker(name=entity.name, mention=mention.text, entity=entity.id, kind="organization",
                       start=mention.start, end=mention.end)

    def _anaphoric_organization(self, mention: Mention, noun_class: str, position: int) -> Candidate | None:
        """'la compagnie', 'le journal', 'cette enquête': the last organization or outlet that spoke."""
        paragraph = self._paragraph(position)
        wanted = {"org": ("organization",), "media": ("media",), "document": ("organization", "media")}[noun_class]
        recent = [c for c in self.history if c.position < position and c.speaker.kind in wanted
                  and paragraph - c.paragraph <= RECENT_PARAGRAPHS * 2]
        if recent:
            return max(recent, key=lambda c: c.position)
        if mention.definite and (named_institution := self._named_institution(mention, position)) is not None:
            return Candidate(named_institution, position, paragraph, None, False)
        named = [c for c in self._organizations(position) if c.speaker.kind in wanted
                 and paragraph - c.paragraph <= RECENT_PARAGRAPHS]
        return max(named, key=lambda c: c.position) if named else None

    def _person_described(self, mention: Mention, position: int) -> Candidate | None:
        """'le porte-parole', 'la championne': a person with that role, else the most salient person."""
        paragraph = self._paragraph(position)
        countries = self.description_countries(mention)
        inside = self.named_inside(mention)
        candidates = [c for c in self._candidates(position, subjects_only=False) if _agrees(c, mention)
                      and c.speaker.kind == "person" and c.speaker.name not in inside
                      and not (countries and self.other_country(c.speaker, c.words, countries))]
        # a person named inside the description is its complement ('l'avocat de X'), never the person described,
        # here or later; 'le président français' is not the person the article calls 'le président américain'
        complement = self.complement_words(mention)
        same_words = [c for c in candidates if c.was_speaker and complement & c.words]
        by_role = [c for c in candidates if self._holds(c, mention.head)]
        if by_role:  # the holder whose role phrase shares most words with the description, then the last named
            words = self.description_words(mention)
            holder = max(by_role, key=lambda c: (len(words & self.people.role_words.get(c.speaker.name or "", set())),
                                                 c.position))
            if not same_words or complement & (self.people.role_words.get(holder.speaker.name or "", set()) | holder.words):
                return holder
        if same_words:  # 'le patron de la CGT' after 'le secrétaire général de la CGT' spoke: that speaker, not a
            return max(same_words, key=lambda c: (len(complement & c.words), c.position))  # holder of another role
        salient = [c for c in candidates if paragraph - c.paragraph <= RECENT_PARAGRAPHS
                   and (c.was_speaker or c.subject) and not self._other_title(c, mention.head)]
        if salient:
            return max(salient, key=lambda c: c.position)
        return self._next_person(mention, position, inside)

    def named_inside(self, mention: Mention) -> frozenset[str | None]:
        """The persons (fullest names) a description names as a complement ('l'avocat de X', 'la sœur de la
        députée X' -> X): inside its words, after a preposition (and an article) or a noun."""
        k = bisect_left(self.people.mentions, (mention.start,))
        found = set()
        while k < len(self.people.mentions) and self.people.mentions[k][0] < mention.end:
            start, end, name = self.people.mentions[k][:3]
            if start > mention.start and self._complement_at(start):
                found.add(self.person_speaker(name, start, end).name)
            k += 1
        return frozenset(found)

    def _complement_at(self, start: int) -> bool:
        """A preposition, or a preposition and an article, stands right before the name at `start`."""
        k = self.index_at(start)
        if k is None or k == 0:
            return False
        before = self.doc[k - 1]
        return before.pos_ == "ADP" or (before.pos_ == "DET" and k > 1 and self.doc[k - 2].pos_ == "ADP")

    def description_countries(self, mention: Mention) -> frozenset[str]:
        """The countries the demonyms of a description name ('le ministre iranien' -> IRN)."""
        return frozenset(filter(None, map(demonym_country, self.description_words(mention))))

    def person_countries(self, speaker: Speaker, words: frozenset[str] = frozenset()) -> frozenset[str]:
        """The countries the article gives a person: its entity's, and the demonyms of its role phrases."""
        found = set(filter(None, map(demonym_country, self.people.role_words.get(speaker.name or "", set()) | words)))
        entity = self._entity_by_id(speaker.entity)
        if entity is not None and entity.country:
            found.add(entity.country)
        return frozenset(found)

    def other_country(self, speaker: Speaker, words: frozenset[str], countries: frozenset[str]) -> bool:
        """The person is known from another country than any of `countries` (and from none of them)."""
        known = self.person_countries(speaker, words)
        return bool(known) and not known & countries

    def _entity_by_id(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        if self.entity_by_id is None:
            self.entity_by_id = {entity.id: entity for entity in self.entities}
        return self.entity_by_id.get(entity_id)

    def description_words(self, mention: Mention) -> set[str]:
        """A description's content words beside its head noun ('le ministre de l'Intérieur' -> {'interieur'}),
        folded, read once per mention."""
        found = self.described_words.get(mention.start)
        if found is None:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            roots = [] if span is None else [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
            words = set().union(*(phrase_words(token) for token in roots)) if roots else set()
            found = self.described_words[mention.start] = words - {fold(mention.head)} - {fold(t.text) for t in roots}
        return found

    def complement_words(self, mention: Mention) -> frozenset[str]:
        """The nouns and names of a description after its head, folded ('le patron de la CGT' -> cgt; 'le président
        américain' -> none): what tells one holder of a role from another."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return frozenset()
        heads = [t.i for t in span if fold(t.lemma_) == fold(mention.head)]
        after = span[heads[0] - span.start + 1 :] if heads else span[:0]
        return frozenset(fold(t.text) for t in after if t.pos_ in ("NOUN", "PROPN"))

    def _holds(self, candidate: Candidate, head: str) -> bool:
        """The candidate is known by this role noun (in either gender: 'la députée' for a 'député' or a 'députée'),
        or a generic 'patron' meets one of its leading titles."""
        if head in candidate.heads or any(same_role(head, known) for known in candidate.heads):
            return True
        return self.lexicon.noun_class(head) == "leader" and any(
            self.lexicon.noun_class(known) in ("title", "leader") for known in candidate.heads)

    def _other_title(self, candidate: Candidate, head: str) -> bool:
        """'le président' is not the person known as 'le directeur': a leading title differs from the known one."""
        if self.lexicon.noun_class(head) != "title":
            return False
        known = candidate.heads | self.people.roles.get(candidate.speaker.name or "", set())
        return any(self.lexicon.noun_class(role) == "title" and not same_role(role, head) for role in known)

    def _same_relative(self, mention: Mention, position: int) -> Candidate | None:
        """'sa sœur' after 'la sœur de X' spoke: that speaker (never X, nor the person last named)."""
        paragraph = self._paragraph(position)
        relatives = [c for c in self.history if c.position < position and c.speaker.kind == "person"
                     and _agrees(c, mention) and paragraph - c.paragraph <= RECENT_PARAGRAPHS * 2
                     and any(self.lexicon.noun_class(head) == "relative" for head in c.heads)]
        return _last_of_same_noun(relatives, mention)

    def _recent_speakers(self, position: int) -> list[Candidate]:
        """The speakers before `position` within the last RECENT_PARAGRAPHS paragraphs."""
        paragraph = self._paragraph(position)
        return [c for c in self.history if c.position < position and paragraph - c.paragraph <= RECENT_PARAGRAPHS]

    def _same_source(self, mention: Mention, position: int) -> Candidate | None:
        """'selon la même source' after 'a affirmé une source diplomatique': the last speaker described by the
        same noun, else the last speaker."""
        return _last_of_same_noun(self._recent_speakers(position), mention)

    def _same_sources(self, mention: Mention, position: int) -> Candidate | None:
        """'les mêmes sources' after 'ont affirmé plusieurs sources proches du dossier': the last speaker the text
        named in the plural by the same noun; None when there is none (the description stands for itself)."""
        same = [c for c in self._recent_speakers(position) if c.named_plural and mention.head in c.heads]
        return max(same, key=lambda c: c.position) if same else None

    def _next_person(self, mention: Mention, position: int,
                     inside: frozenset[str | None] = frozenset()) -> Candidate | None:
        """A description before any name (lead paragraphs): the first person named after it."""
        paragraph = self._paragraph(position)
        later = [m for m in self.people.mentions if m[0] > position and m[4] - paragraph <= RECENT_PARAGRAPHS
                 and not self._oblique(m[0]) and not self._object_of_subject(m[0], mention)]
        # 'avec Marine Le Pen' is no antecedent, nor X in 'le ministre a accusé X'
        for start, end, name, subject, person_paragraph in sorted(later, key=lambda m: (not m[3], m[0])):
            candidate = self._person_candidate(name, start, end, person_paragraph, subject)
            if _agrees(candidate, mention) and candidate.speaker.name not in inside:
                return candidate
        return None

    def _object_of_subject(self, start: int, mention: Mention) -> bool:
        """The name at `start` is an object of the verb the description is the subject of."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        k = self.index_at(start)
        if span is None or k is None:
            return False
        verbs = {t.head.i for t in span if t.dep_.startswith("nsubj") and not span.start <= t.head.i < span.end}
        node = k
        for _ in range(3):  # the name's word, or the head of the name it stands in
            head = self.syntax.heads[node]
            if head in verbs and self.syntax.dep(node).startswith(("obj", "iobj")):
                return True
            if head == node or self.syntax.dep(node).startswith("nsubj"):
                return False
            node = head
        return False

    def _oblique(self, start: int) -> bool:
        """A name inside a prepositional phrase ('avec X', 'à X', 'de X')."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span is not None and span.start > 0 and self.doc[span.start - 1].pos_ == "ADP"

    def _organizations(self, position: int) -> list[Candidate]:
        found = []
        for ent in ents_of(self.doc):
            if ent.start_char >= position or ent.label_ not in ("ORG", "MISC") or ent.start not in self.paragraph_of:
                continue
            if self._in_quote(ent.start_char):
                continue
            name = _strip_article(ent.text)
            kind = "media" if fold(name) in self.lexicon.media else "organization"
            speaker = Speaker(name=name, mention=ent.text, kind=kind, start=ent.start_char, end=ent.end_char,
                              entity=self._entity_for(ent.start_char, ent.end_char, ent.text))
            found.append(Candidate(speaker, ent.start_char, self.paragraph_of[ent.start], None, False))
        return found

    def _paragraph(self, position: int) -> int:
        found = self.paragraph_at.get(position)
        if found is None:  # asked again for each quote that has the position in reach
            k = self.index_at(position)
            found = self.paragraph_at[position] = self.paragraph_of.get(k, 0) if k is not None else 0
        return found

    def sentence_start(self, i: int) -> int:
        """Index of the first token of token i's sentence."""
        sentence = self.sentence_of[i]
        return bisect_left(self.sentence_of, sentence, 0, i + 1)

    def token_at(self, position: int) -> Token | None:
        """The token holding a character offset (None before the first or past the last)."""
        k = self.index_at(position)
        return self.doc[k] if k is not None else None

    def index_at(self, position: int) -> int | None:
        """Index of the token holding a character offset (None before the first or past the last)."""
        k = bisect_right(self.token_starts, position) - 1
        if k < 0 or position >= self.token_ends[k]:
            return None
        return k

    def _in_quote(self, position: int) -> bool:
        return self.quoted.holds(position)


def role_subjects(doc: Doc, *, lexicon: Lexicon, people: Registry, quoted: Stretches,
                  paragraph_of: dict[int, int]) -> list[Mention]:
    """Definite singular role nouns that are subjects outside quotations ('le président du parti a ...'),
    in text order: a role known for a person of the article, or a leading title."""
    roles = set().union(*people.roles.values()) if people.roles else set()
    found = []
    strings, lemmas = doc.vocab.strings, doc.to_array(LEMMA).tolist() if len(doc) else []
    for i in _noun_subjects(doc):
        if i not in paragraph_of:
            continue
        head = strings[lemmas[i]].lower()  # token.lemma_, before making the Token: most subjects are no role
        if head not in roles and lexicon.noun_class(head) not in ("title", "leader"):
            continue
        token = doc[i]
        determiners = [c for c in token.children if c.dep_ == "det" and c.i < token.i]
        if not determiners or fold(determiners[0].text) not in {"le", "la", "l'"} or "Plur" in token.morph.get("Number", []):
            continue
        if quoted.holds(token.idx):
            continue
        start = determiners[0].idx
        found.append(Mention(start, token.idx + len(token), text_of(doc)[start : token.idx + len(token)],
                             "description", gender=_noun_gender(token), head=head))
    return found


def _noun_subjects(doc: Doc) -> list[int]:
    """Indices of the common nouns that are subjects (dependency 'nsubj...'), read from the Doc's arrays."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    array = doc.to_array([DEP, POS])
    deps = array[:, 0]
    subject = np.zeros(len(deps), dtype=bool)
    for dep in set(deps.tolist()):  # a few labels: compared one by one (np.isin costs more on short arrays)
        if dep and strings[dep].startswith("nsubj"):
            subject |= deps == np.uint64(dep)
    return np.flatnonzero((array[:, 1] == NOUN) & subject).tolist()


SUBJECT_PHRASE_DEPS = frozenset(("det", "amod", "nmod", "case", "conj", "cc", "flat", "flat:name", "nummod", "fixed",
                                 "compound"))


def _subject_phrase(head: Token) -> tuple[int, int]:
    """Character bounds of a subject's noun phrase with its conjuncts, without clauses or appositions."""
    kept, stack = {head.i}, [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in SUBJECT_PHRASE_DEPS:
                kept.add(child.i)
                stack.append(child)
    first = last = head.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    doc = head.doc
    last = phrase_last(doc, first, last)
    return doc[first].idx, doc[last].idx + len(doc[last])


def same_role(noun: str, other: str) -> bool:
    """Two role nouns that are one noun in two genders ('député', 'députée'; 'champion', 'championne')."""
    code = active_profile().code
    return noun == other or _feminine(noun.lower(), code) == _feminine(other.lower(), code)


@lru_cache(maxsize=4096)
def _feminine(noun: str, lang: str) -> str:
    """The regular feminine of a noun by the endings of language `lang` (accents kept: 'député' -> 'députée')."""
    return reinflect(noun, get_profile(lang).feminine_endings)


def _noun_gender(token: Token) -> str | None:
    gender = token.morph.get("Gender", [])
    return ("f" if gender[0] == "Fem" else "m") if gender else None


def _last_of_same_noun(candidates: list[Candidate], mention: Mention) -> Candidate | None:
    """The last of the candidates described by the mention's noun, else the last of them."""
    same = [c for c in candidates if mention.head in c.heads]
    return max(same or candidates, key=lambda c: c.position) if candidates else None


def _agrees(candidate: Candidate, mention: Mention) -> bool:
    if candidate.plural != mention.plural and candidate.speaker.kind != "group" and mention.form == "pronoun":
        return False
    if mention.plural and candidate.speaker.kind == "person":
        return False
    if mention.form == "pronoun" and not mention.plural and candidate.named_plural:
        return False  # 'il' does not take up 'les policiers', whatever their kind
    if mention.gender and candidate.gender and mention.gender != candidate.gender:
        return False
    return True


def _initials(name: str) -> str:
    """The capitals of a name's words and the first letters of its other words but particles and articles, upper
    case ('Direction générale de la Santé' -> 'DGS')."""
    profile = active_profile()
    skipped = profile.particles | profile.definite_articles | {"l", "d"}
    words = [w for w in name.replace("'", " ").replace("’", " ").replace("-", " ").split() if w.lower() not in skipped]
    return "".join(w[0] for w in words).upper()


def _inside_kind_phrase(token: Token, name: int) -> bool:
    """A word between a kind noun and the name: the noun, an adjective or a noun, or a preposition before a noun
    ('de géophysique'); 'une alliance avec LREM' names two actors."""
    if token.pos_ in ("NOUN", "ADJ"):
        return True
    return token.pos_ == "ADP" and token.i + 1 < name and token.nbor().pos_ in ("NOUN", "ADJ")


def _closed(text: str, end: int) -> bool:
    """A name ends its phrase: punctuation, a line end or the text end follows."""
    rest = text[end : end + 1]
    return not rest or rest in ",.;:)\n"


def _with_mention(speaker: Speaker, mention: Mention) -> Speaker:
    return Speaker(name=speaker.name, mention=mention.text, entity=speaker.entity, kind=speaker.kind,
                   start=mention.start, end=mention.end)


def _kind_of_class(noun_class: str, mention: Mention) -> str:
    if noun_class in ("org", "institution"):
        return "organization"
    if noun_class == "media":
        return "media"
    if noun_class == "document":
        return "organization"
    return "group" if mention.plural or noun_class == "group" else "person"


def _strip_article(text: str) -> str:
    return text.strip()
