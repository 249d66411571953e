"""Quotes: who said what, to whom, according to whom."""
from .component import QuoteExtractor, make_quote_extractor
from .rules import extract_quotes
from .vocabulary import Lexicon, load_lexicon

__all__ = ["Lexicon", "QuoteExtractor", "extract_quotes", "load_lexicon", "make_quote_extractor"]
