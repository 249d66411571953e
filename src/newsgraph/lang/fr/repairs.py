"""Repairs of fr_core_news_md's parse: what the French model gets wrong, set right before the components read it.

`load_pipeline` adds the components of `REPAIRS` when it loads a French pipeline (`newsgraph.lang.add_repairs`).
Each is registered under a stable name so that a pipeline saved with `nlp.to_disk` loads again.
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Edited news ends its sentences with punctuation: no sentence may start after anything else.
SENTENCE_FINAL = frozenset(".!?…:;»\"”")


@Language.component("newsgraph_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Set sentence bounds the parser must keep: a start after each line break, none mid-clause.

    The parser alone splits "Kim Jong Un s'est engagé" before "Un" and cuts datelines off their
    sentence; forbidding starts after non-final tokens removes that class of error.
    """
    # one array write: Token.is_sent_start's setter rescans the whole Doc, quadratic in tokens
    # (17 s for a 100,000-character article, 0.1 s this way)
    starts = doc.to_array([SENT_START]).astype("int64")  # 1 start, -1 not a start, 0 unknown
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            starts[token.i] = 1
        elif not previous.is_space and previous.text[-1] not in SENTENCE_FINAL:
            starts[token.i] = -1
    # spaCy's arrays hold -1 as its uint64 image; its stub says Ints2d, but one attribute takes a 1-D array
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
    return doc


# component name -> where `nlp.add_pipe` puts it
REPAIRS: dict[str, dict[str, str]] = {"newsgraph_paragraphs": {"before": "parser"}}
