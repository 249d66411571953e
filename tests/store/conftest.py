"""Fixtures of the knowledge-base tests (see tests/kb_corpus.py and tests/kb_synthetic.py)."""
from kb_corpus import kb_articles, kb_db  # noqa: F401  (pytest fixtures)
from kb_synthetic import big_kb_db  # noqa: F401  (pytest fixture)
