"""Quotes: who said what, to whom, according to whom."""
from .component import QuoteExtractor, make_quote_extractor

__all__ = ["QuoteExtractor", "make_quote_extractor"]
