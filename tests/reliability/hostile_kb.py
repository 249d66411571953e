"""A knowledge base whose every stored string tries to run script in the explorer (written for these tests).

Each payload, if it ever ran, would set `window.__pwned` or change `document.title`; the
browser test asserts neither happened and that the payload is shown as text.
"""
from __future__ import annotations

from pathlib import Path

from newsgraph.records import Actor, Analysis, Entity, Event, Mention, Quote, Speaker
from newsgraph.store import Stored, connect, write_batch

SCRIPT = "<script>document.title='pwned';window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=2">'
SVG = "<svg onload=window.__pwned=3>"
CLOSE_SCRIPT = "</script><script>window.__pwned=4</script>"
TITLE = f"Sommet {SCRIPT} à Paris"
PERSON = f"Jean {IMAGE} Dupont"
OTHER = f"Marie {SVG} Curie"
QUOTE = f"Nous refusons {CLOSE_SCRIPT} tout compromis {SCRIPT}"
ARTICLE_ID = "hostile/<script>window.__pwned=5</script>"
PERSON_ID = "per:<b>jean</b>-dupont"
OTHER_ID = "per:marie-<i>curie</i>"
EVENT_TYPE = "CONSULT<script>window.__pwned=6</script>"


def hostile_analysis() -> Analysis:
    """One article with HTML and script in its title, text, quote, names, ids, url and event."""
    text = (f"Le ministre {PERSON} a déclaré : « {QUOTE} » devant la presse.\n\n"
            f"{PERSON} a rencontré {OTHER} mardi à Paris.")
    quote_start = text.index(QUOTE)
    person_at = [text.index(PERSON), text.rindex(PERSON)]
    other_at = text.index(OTHER)
    second = text.index("\n\n") + 2
    return Analysis(
        id=ARTICLE_ID, text=text, url="javascript:window.__pwned=7", title=TITLE, date="2024-03-05", language="fr",
        entities=(
            Entity(PERSON_ID, PERSON, "PER", "FRA", role=f"ministre {SCRIPT}",
                   mentions=tuple(Mention(PERSON, at, at + len(PERSON)) for at in person_at)),
            Entity(OTHER_ID, OTHER, "PER", "FRA", mentions=(Mention(OTHER, other_at, other_at + len(OTHER)),)),
        ),
        quotes=(Quote(QUOTE, quote_start, quote_start + len(QUOTE), "direct", cue=f"a déclaré {IMAGE}",
                      speaker=Speaker(PERSON, PERSON, PERSON_ID, "person", person_at[0], person_at[0] + len(PERSON))),),
        events=(Event(EVENT_TYPE, "asserted", Actor(PERSON, PERSON_ID, "FRA"), Actor(OTHER, OTHER_ID, "FRA"),
                      text[second:], second, len(text), trigger=f"rencontré {SVG}", date="2024-03-05"),),
        warnings=(f"warning {SCRIPT}",),
    )


def build_hostile_db(path: Path) -> Path:
    """Store the hostile article (and a failure whose reason holds a payload) in a new database."""
    from newsgraph.ingest import InputError

    with connect(path) as con:
        write_batch(con, [Stored(hostile_analysis(), f"source {SCRIPT}", "0" * 64)],
                    [InputError(f"bad {IMAGE}.txt", f"reason {SCRIPT}")], analyzer="test")
    return path
