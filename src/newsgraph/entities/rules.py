"""Entity extraction as pure functions over a parsed `Doc`."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from spacy.tokens import Doc

from ..records import Entity, Mention

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", "MISC": "MISC"}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Sergueï Choïgou' -> 'serguei-choigou'."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def entity_id(name: str, type_: str, country: str | None = None) -> str:
    """A stable id from canonical name, type and country: the same actor in every article."""
    parts = [type_.lower(), slug(name)]
    if country:
        parts.append(country.lower())
    return ":".join(parts)


def extract_entities(doc: Doc) -> list[Entity]:
    """Group the model's named entities by surface form into entities (baseline)."""
    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for span in doc.ents:
        type_ = LABELS.get(span.label_, "MISC")
        mentions[(span.text, type_)].append(Mention(span.text, span.start_char, span.end_char))
    return [
        Entity(id=entity_id(name, type_), name=name, type=type_, mentions=tuple(found))
        for (name, type_), found in mentions.items()
    ]
