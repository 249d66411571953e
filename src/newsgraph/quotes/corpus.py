"""The training corpus of the learned decisions: gold articles of the `fit` part, parsed once and cached.

`fit` is every dev article (already read for rules) plus the train articles whose id does not hash into
the validate part (`evaluate.part_of`). The validate part is never read here.
"""
from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..evaluate import gold_articles, part_of
from ..records import Article

log = logging.getLogger(__name__)

OWN_COMPONENTS = ("newsgraph_entities", "newsgraph_quotes", "newsgraph_events")


@dataclass
class GoldArticle:
    """One article of the corpus: its cleaned text as the analysis sees it, and its gold."""

    article: Article
    gold: dict[str, Any]


def fit_articles(gold_root: str | Path) -> list[GoldArticle]:
    """Every dev article and the `fit` train articles under `gold_root` (which holds `dev/` and `train/`)."""
    root = Path(gold_root)
    folders = [(root / "dev", "all"), (root / "train", "fit")]
    missing = [str(folder) for folder, _ in folders if not folder.is_dir()]
    if missing:
        raise FileNotFoundError(f"gold folder not found: {', '.join(missing)} (expected dev/ and train/ in {root})")
    found = []
    for folder, part in folders:
        for article in gold_articles(folder, part=part):
            if folder.name == "train" and part_of(article.id) != "fit":
                raise AssertionError(f"{article.id}: a validate article reached the training corpus")
            gold = json.loads((folder / f"{article.id}.gold.json").read_text(encoding="utf-8"))
            found.append(GoldArticle(article, gold))
    return found


def parse_pipeline() -> Language:
    """The French model with newsgraph's sentence bounds and lemmatizer, without our extraction components."""
    from ..nlp import load_pipeline

    nlp = load_pipeline()
    for name in OWN_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return nlp


def parsed(articles: list[GoldArticle], *, cache: str | Path | None = None) -> Iterator[Doc]:
    """The parsed Doc of each article, in order; parses are read from / written to `cache` (a DocBin) if given."""
    path = Path(cache) if cache else None
    texts = [item.article.text for item in articles]
    if path is not None and path.exists():
        nlp = parse_pipeline()
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == texts:
            yield from docs
            return
        log.warning("%s holds other texts: parsing again", path)
    nlp = parse_pipeline()
    docs = list(nlp.pipe(texts, batch_size=8))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "MORPH", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"],
               docs=docs).to_disk(path)
    yield from docs


def training_arguments(prog: str, description: str, argv: Sequence[str] | None, *, folds: int,
                       regularization: float) -> argparse.Namespace:
    """The command line of a training command: the gold root, the parse cache, where to write the model, folds
    and regularization (the command's defaults)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("gold_root", help="folder holding the gold dev/ and train/ folders (../shared/data/gold)")
    parser.add_argument("--cache", help="DocBin file caching the parses (e.g. /tmp/quotes-fit.spacy)")
    parser.add_argument("--output", help="where to write the model (default: the package)")
    parser.add_argument("--folds", type=int, default=folds)
    parser.add_argument("--regularization", type=float, default=regularization)
    return parser.parse_args(None if argv is None else list(argv))
