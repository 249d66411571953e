"""Fixtures of the knowledge-base tests (see tests/kb_corpus.py)."""
from kb_corpus import kb_articles, kb_db  # noqa: F401  (pytest fixtures)
